"""Work done in a forked process while the build goes on: the second core of a CI machine.

A build is mostly rendering pages and files that do not depend on each other.
:class:`Forked` starts one piece of that work in a child process made with
``fork`` (which inherits the loaded site, so nothing is sent to it) and hands
back what it returned. The result is the same value the work gives in-process,
so the site's bytes do not depend on whether it ran apart.

A child that fails for any reason is not trusted to explain itself: the work
is done again in the build's own process, where an error is reported as it
would be without a fork. Where ``fork`` is missing or unsafe (not Linux, a
process with threads such as ``outage serve``), nothing is forked.
"""

from __future__ import annotations

import ctypes
import gc
import os
import pickle
import signal
import sys
import threading
from collections.abc import Callable, Sequence
from typing import Generic, TypeVar

T = TypeVar("T")
BACKGROUND_NICENESS = 10
"""A background child's ``nice`` increment: a tenth of the processor beside a busy process of the build."""
PR_SET_PDEATHSIG = 1  # linux/prctl.h: the signal a process gets when the thread that forked it ends


def can_fork() -> bool:
    """Whether forking is safe here: Linux, two cores or more, and no other thread that could hold a lock."""
    return sys.platform == "linux" and (os.cpu_count() or 1) > 1 and threading.active_count() == 1


class Forked(Generic[T]):
    """``compute()`` running in a child process; :meth:`result` waits for it (or runs it here)."""

    def __init__(self, compute: Callable[[], T], fork: bool = True, background: bool = False) -> None:
        """``background``: the child yields the processor to the build's own processes (``nice``), and
        so works mostly when a core would otherwise be idle."""
        self._compute = compute
        self._pid = 0
        self._read = -1
        if not fork:
            return
        read, write = os.pipe()
        parent = os.getpid()
        pid = os.fork()
        if pid == 0:  # the child: compute, send, and leave without running the parent's exit handlers
            status = 1
            try:
                os.close(read)
                _die_with(parent)
                # Everything inherited is kept until the child exits: the cyclic collector need not walk it
                # again and again (at 10,000 incidents each full collection of the loaded site took ~0.3 s).
                gc.freeze()
                if background:
                    os.nice(BACKGROUND_NICENESS)
                data = pickle.dumps(compute(), protocol=pickle.HIGHEST_PROTOCOL)
                with os.fdopen(write, "wb") as pipe:
                    pipe.write(data)
                status = 0
            finally:
                os._exit(status)
        os.close(write)
        self._pid, self._read = pid, read

    def result(self) -> T:
        """What ``compute()`` returned: from the child if it finished, otherwise computed here."""
        if not self._pid:
            return self._compute()
        pipe, self._read = os.fdopen(self._read, "rb"), -1
        with pipe:
            data = pipe.read()  # the child writes only once done, so reading to the end waits for it
        _, status = os.waitpid(self._pid, 0)
        self._pid = 0
        if status == 0 and data:
            # Our own child's bytes through our own pipe: nothing from disk or the network is unpickled.
            return pickle.loads(data)
        return self._compute()

    __call__ = result

    def close(self) -> None:
        """Stop waiting for a result that is no longer wanted (the build failed): the child ends and is reaped."""
        if self._pid:
            if self._read >= 0:
                os.close(self._read)
                self._read = -1
            os.kill(self._pid, signal.SIGKILL)  # its work is not wanted: nothing it writes may outlive the build
            os.waitpid(self._pid, 0)
            self._pid = 0


def _die_with(parent: int) -> None:
    """End this child if ``parent`` ends first (killed, a CI job cancelled): nothing it writes outlives the build."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):  # no prctl: the pipe still ends the child once it has computed
        return
    if os.getppid() != parent:  # the parent ended before the request was made
        os._exit(1)


def started(compute: Callable[[], T]) -> Callable[[], T]:
    """``compute()`` started in a child process where :func:`can_fork` says it is safe; call the result to wait."""
    return Forked(compute, can_fork()).result


def in_background(compute: Callable[[], T]) -> Forked[T]:
    """``compute()`` started in a child in the background (see :class:`Forked`), for work that can wait:
    call the result to wait for it, and close it in any case."""
    return Forked(compute, can_fork(), background=True)


def split(tasks: Sequence[Callable[[], T]], fork: bool) -> list[T]:
    """Every task's result, in order; with ``fork``, every other task runs in one child process."""
    shared = Split(tasks, fork)
    try:
        return shared.results()
    finally:
        shared.close()


class Split(Generic[T]):
    """:func:`split` with its child started at once: the caller does other work, then asks for the results.

    The child starts on its half as soon as the tasks are known, while this process makes what
    comes before them; :meth:`results` then does this process's half. Call :meth:`close` in any case
    (a ``finally``): a build that fails in between must not leave the child working.
    """

    def __init__(self, tasks: Sequence[Callable[[], T]], fork: bool) -> None:
        self._tasks = tasks
        self._theirs: Forked[list[T]] | None = None
        if fork and len(tasks) >= 2:
            self._theirs = Forked(lambda: [task() for task in tasks[1::2]])

    def results(self) -> list[T]:
        """Every task's result, in order: this process's half made now, the child's gathered."""
        if self._theirs is None:
            return [task() for task in self._tasks]
        mine = [task() for task in self._tasks[0::2]]
        results: list[T] = []
        for index, value in enumerate(self._theirs.result()):
            results += [mine[index], value]
        return results + mine[len(self._tasks) // 2 :]

    def close(self) -> None:
        """The child, if any, ended and reaped (nothing once its results are in)."""
        if self._theirs is not None:
            self._theirs.close()
