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
    """Every task's result, in order; with ``fork``, a child process takes a share of them (see :class:`Split`)."""
    shared = Split(tasks, fork)
    try:
        return shared.results()
    finally:
        shared.close()


class Split(Generic[T]):
    """:func:`split` with its child started at once: the caller does other work, then asks for the results.

    The child starts on the tasks as soon as they are known, while this process makes what comes
    before them; :meth:`results` then has this process take its part. The two take the tasks a few
    at a time from one queue (:class:`_Starts`), so both end together whatever this process did
    first: a cold build at 10,000 incidents makes the listing pages before its part (about a
    second), and with every other task each, the child had long finished while this process still
    rendered. Which process made a task changes nothing: each task is a pure function, and the
    results come back in the tasks' order. Call :meth:`close` in any case (a ``finally``): a build
    that fails in between must not leave the child working.
    """

    def __init__(self, tasks: Sequence[Callable[[], T]], fork: bool) -> None:
        self._tasks = tasks
        self._theirs: Forked[list[tuple[int, T]]] | None = None
        self._starts: _Starts | None = None
        if fork and len(tasks) >= 2:
            self._starts = _Starts(len(tasks))
            self._theirs = Forked(self._taken)

    def _taken(self) -> list[tuple[int, T]]:
        """(index, result) of each task this process takes from the queue, until it is empty."""
        assert self._starts is not None
        made = []
        while (start := self._starts.take()) is not None:
            made += [(index, self._tasks[index]()) for index in range(start, start + self._starts.run(start))]
        return made

    def results(self) -> list[T]:
        """Every task's result, in order: those this process takes made now, the child's gathered; a task the
        child took but did not return (it failed) is made here."""
        if self._theirs is None:
            return [task() for task in self._tasks]
        made = dict(self._taken())
        made.update(self._theirs.result())  # a child that failed: result() runs _taken here, on an empty queue
        return [made[index] if index in made else task() for index, task in enumerate(self._tasks)]

    def close(self) -> None:
        """The child, if any, ended and reaped (nothing once its results are in), and the queue closed."""
        if self._theirs is not None:
            self._theirs.close()
        if self._starts is not None:
            self._starts.close()


class _Starts:
    """Where each run of tasks starts, in a pipe, for two processes to take in turn.

    Each start is four bytes, written before the fork, and the pipe's writing end is then closed: a
    read of four bytes takes one start whole (Linux reads a pipe under its lock, and every record is
    there whole), so each run goes to one process, and an empty pipe reads as its end. Every start
    must fit in the pipe before anyone reads it (64 KiB, or one page where the system is short of
    pipe memory): a long list of tasks is cut into longer runs.
    """

    RUN = 8
    """Tasks a run at least: a read costs a microsecond, a page a millisecond."""

    def __init__(self, count: int) -> None:
        self.count = count
        read, write = os.pipe()
        try:
            try:
                import fcntl  # here: only where forking is (Linux); the module is POSIX's

                held = fcntl.fcntl(write, fcntl.F_GETPIPE_SZ) // 4
            except (AttributeError, OSError):
                held = 4096 // 4  # the least a pipe holds: one page
            self.size = max(self.RUN, -(-count // held))
            data = b"".join(start.to_bytes(4, "little") for start in range(0, count, self.size))
            while data:
                data = data[os.write(write, data) :]
        finally:
            os.close(write)
        self._read = read

    def take(self) -> int | None:
        """The start of the next run no process has taken, or ``None`` when all are taken."""
        data = os.read(self._read, 4)
        return int.from_bytes(data, "little") if data else None

    def run(self, start: int) -> int:
        """How many tasks the run at ``start`` holds."""
        return min(self.size, self.count - start)

    def close(self) -> None:
        if self._read >= 0:
            os.close(self._read)
            self._read = -1
