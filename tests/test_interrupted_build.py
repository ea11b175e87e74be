"""A build stopped (Ctrl-C, or SIGINT sent to it) while it waits for a forked child: the child is reaped and
writes nothing after the build has given up; and a build stopped by SIGTERM takes its children with it."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from example_repo import copy_of_example

from generator.cli import main
from generator.site import plugin
from generator.site.parallel import Forked


def _interrupt_in(seconds: float) -> None:
    """KeyboardInterrupt in this process ``seconds`` from now, as a SIGINT sent to it alone would raise."""

    def interrupted(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGALRM, interrupted)
    signal.setitimer(signal.ITIMER_REAL, seconds)


def _example_and_a_folder_for_its_site(tmp_path: Path) -> tuple[Path, Path]:
    """A copy of the example, and an empty folder its site is built into (what is left beside the site shows)."""
    out = tmp_path / "out"
    out.mkdir()
    return copy_of_example(tmp_path, with_template=True), out


def test_a_result_interrupted_while_waiting_is_closed_and_its_child_reaped(tmp_path: Path) -> None:
    done = tmp_path / "child-done"

    def slow() -> str:
        time.sleep(1.5)
        done.write_text("written after the parent gave up", encoding="utf-8")
        return "x"

    work = Forked(slow)
    pid = work._pid
    _interrupt_in(0.2)
    with pytest.raises(KeyboardInterrupt):  # not OSError: close() closed the pipe the interrupted read had closed
        try:
            work.result()
        finally:
            work.close()
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)  # already reaped by close()


def test_a_build_interrupted_while_the_files_child_works_leaves_nothing_beside_the_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root, out = _example_and_a_folder_for_its_site(tmp_path)
    parent, real_outputs = os.getpid(), plugin.static_outputs
    pages_done = tmp_path / "waiting"

    def slow_in_the_child(*args, **kwargs):
        if os.getpid() != parent:
            while not pages_done.exists():  # the files take longer than the pages: the build waits for them
                time.sleep(0.05)
            time.sleep(1.0)
        return real_outputs(*args, **kwargs)

    class WaitedForThenInterrupted(plugin._Once):
        def __call__(self):
            if not pages_done.exists():
                pages_done.touch()
                _interrupt_in(0.2)  # while the build waits for the files' child
            return super().__call__()

    monkeypatch.setattr(plugin, "can_fork", lambda: True)
    monkeypatch.setattr(plugin, "static_outputs", slow_in_the_child)
    monkeypatch.setattr(plugin, "_Once", WaitedForThenInterrupted)
    result = CliRunner().invoke(
        main, ["build", "--root", str(root), "--now", "2026-11-22 12:00", "--site-dir", str(out / "site")]
    )
    time.sleep(4)  # whatever child is left has finished by now
    assert result.exit_code != 0
    assert "Bad file descriptor" not in result.output  # a stop, not a write problem
    left = sorted(p.name for p in out.iterdir())
    monkeypatch.undo()
    again = CliRunner().invoke(
        main, ["build", "--root", str(root), "--now", "2026-11-22 12:00", "--site-dir", str(out / "site")]
    )
    assert again.exit_code == 0, again.output
    # Nothing the stopped build's child wrote is left beside the site, not even after the next build.
    assert (left, sorted(p.name for p in out.iterdir())) == ([], ["site"])


def _children(pid: int) -> list[int]:
    try:
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text(encoding="utf-8").split()]
    except OSError:
        return []


def test_a_build_terminated_while_its_files_child_works_leaves_no_child_running(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root, out = _example_and_a_folder_for_its_site(tmp_path)
    real_outputs = plugin.static_outputs
    started = tmp_path / "files-child-started"

    def slow_in_the_child(*args, **kwargs):
        part = started.with_suffix(".part")
        part.write_text(str(os.getpid()), encoding="utf-8")
        part.rename(started)  # whole, never seen half written
        time.sleep(2)  # the files' child is at work when the build is stopped
        return real_outputs(*args, **kwargs)

    monkeypatch.setattr(plugin, "can_fork", lambda: True)
    monkeypatch.setattr(plugin, "static_outputs", slow_in_the_child)
    build = os.fork()
    if build == 0:  # `outage build`, as its own process
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        try:
            CliRunner().invoke(
                main, ["build", "--root", str(root), "--now", "2026-11-22 12:00", "--site-dir", str(out / "site")]
            )
        finally:
            os._exit(0)
    deadline = time.monotonic() + 120
    while not started.exists():
        assert time.monotonic() < deadline, "the files' child never started"
        time.sleep(0.01)
    child = int(started.read_text(encoding="utf-8"))
    assert child in _children(build)
    os.kill(build, signal.SIGTERM)
    os.waitpid(build, 0)
    time.sleep(0.5)
    alive = Path(f"/proc/{child}").exists() and "State:\tZ" not in Path(f"/proc/{child}/status").read_text()
    time.sleep(3)  # let it finish, whatever happens
    assert not alive, "the build's child outlived it, writing into the site folder it was building"
