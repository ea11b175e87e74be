"""Work split across a forked process: the same results in the same order, and a failed child changes nothing.

``outage build`` renders half the incident pages, and the feeds, API, calendar
and bulletin files, in a second process where that is safe (``parallel.py``).
These tests check that the bytes never depend on it: the pieces come back in
order, a child that dies is replaced by doing its work here, and a whole site
built with the fork is byte for byte the one built without.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from example_repo import copy_of_example

from generator.cli import main
from generator.incidents import stored
from generator.site import kept_bulletins, pages, parallel, plugin
from generator.site.parallel import BACKGROUND_NICENESS, Forked, Split, split


def where(index: int):
    return lambda: (index, os.getpid())


def logged(log: Path, index: int, pause: float = 0.0):
    """A task that notes (index, process) in ``log`` as it is made, and gives them."""

    def make() -> tuple[int, int]:
        time.sleep(pause)
        with log.open("a", encoding="utf-8") as file:
            file.write(f"{index} {os.getpid()}\n")
        return index, os.getpid()

    return make


def made_in(log: Path) -> list[tuple[int, int]]:
    text = log.read_text(encoding="utf-8") if log.exists() else ""
    return [(int(index), int(pid)) for index, pid in (line.split() for line in text.splitlines())]


@pytest.mark.parametrize("count", [0, 1, 2, 3, 8, 9, 100, 1000])
def test_split_gives_every_result_in_order_each_made_once(tmp_path: Path, count: int) -> None:
    log = tmp_path / "made"
    results = split([logged(log, index) for index in range(count)], fork=True)
    assert [index for index, _ in results] == list(range(count))
    # Each task made once, by one process or the other, and its result is the one that process gave.
    assert sorted(made_in(log)) == sorted(results)
    assert len({pid for _, pid in results}) <= 2


def test_the_child_takes_more_while_this_process_is_busy_first(tmp_path: Path) -> None:
    """The two processes share the tasks from one queue: while this one makes what comes before its part
    (the listing pages), the child goes on taking, and both end together instead of the child waiting."""
    log = tmp_path / "made"
    tasks = [logged(log, index, pause=0.001) for index in range(400)]
    shared = Split(tasks, fork=True)
    try:
        deadline = time.monotonic() + 60
        while len(made_in(log)) < 300 and time.monotonic() < deadline:  # this process busy with other work
            time.sleep(0.01)
        results = shared.results()
    finally:
        shared.close()
    assert [index for index, _ in results] == list(range(400))
    assert sum(pid != os.getpid() for _, pid in results) >= 300


def test_tasks_a_dying_child_took_are_made_here(tmp_path: Path) -> None:
    log = tmp_path / "made"
    parent = os.getpid()

    def dies_in_the_child() -> tuple[int, int]:
        if os.getpid() != parent:
            os._exit(3)
        return 50, os.getpid()

    tasks = [logged(log, index, pause=0.001) for index in range(100)]
    tasks[50] = dies_in_the_child
    shared = Split(tasks, fork=True)
    try:
        deadline = time.monotonic() + 60
        while 49 not in dict(made_in(log)) and time.monotonic() < deadline:  # the child takes the first runs
            time.sleep(0.01)
        results = shared.results()
    finally:
        shared.close()
    first = {index: pid for index, pid in reversed(made_in(log))}  # who made each task first
    assert first[49] != parent  # the child took the run with task 50 in it, and died there
    assert [index for index, _ in results] == list(range(100))
    assert results[50] == (50, parent) and results[0][1] == parent  # what the child took is made here again


def test_split_without_fork_runs_everything_here() -> None:
    results = split([where(index) for index in range(5)], fork=False)
    assert results == [(index, os.getpid()) for index in range(5)]


def test_a_child_that_fails_is_replaced_by_the_work_done_here() -> None:
    parent = os.getpid()

    def fails_in_the_child() -> str:
        if os.getpid() != parent:
            raise RuntimeError("the child failed")
        return "done here"

    assert Forked(fails_in_the_child).result() == "done here"


def test_a_child_that_dies_is_replaced_by_the_work_done_here() -> None:
    parent = os.getpid()

    def dies_in_the_child() -> str:
        if os.getpid() != parent:
            os._exit(3)
        return "done here"

    assert Forked(dies_in_the_child).result() == "done here"


def test_an_error_of_the_work_itself_is_raised_here_as_without_a_fork() -> None:
    def broken() -> str:
        raise ValueError("a template is broken")

    with pytest.raises(ValueError, match="a template is broken"):
        Forked(broken).result()


def test_a_result_no_longer_wanted_is_closed_and_its_child_reaped() -> None:
    work = Forked(lambda: "x" * 1_000_000)  # more than a pipe holds: the child waits to write it
    pid = work._pid
    work.close()
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)  # already reaped


def test_a_split_starts_its_child_at_once_and_closed_early_leaves_none(tmp_path: Path) -> None:
    # The pages' second process starts on its half while this one makes the listing pages: its
    # work is under way before the results are asked for, and a build that fails in between ends it.
    started = tmp_path / "started"

    def mark() -> int:
        started.write_text(str(os.getpid()), encoding="utf-8")
        return 1

    early = Split([lambda: 0, mark], fork=True)
    deadline = time.monotonic() + 30
    while not started.exists() and time.monotonic() < deadline:
        time.sleep(0.01)
    assert started.exists() and started.read_text(encoding="utf-8") != str(os.getpid())
    assert early.results() == [0, 1]
    early.close()

    abandoned = Split([lambda: 0, lambda: "x" * 1_000_000], fork=True)  # its child waits to write it
    pid = abandoned._theirs._pid if abandoned._theirs is not None else 0
    abandoned.close()
    assert pid
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)  # already reaped


def digests(site: Path) -> dict[str, str]:
    return {
        p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }


def test_a_site_built_with_the_fork_is_byte_for_byte_the_one_built_without(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = copy_of_example(tmp_path, with_template=True)
    forks: list[bool] = []
    real = parallel.Forked.__init__

    def counted(self, compute, fork: bool = True) -> None:
        forks.append(fork)
        real(self, compute, fork)

    monkeypatch.setattr(parallel.Forked, "__init__", counted)
    bulletin_splits: list[tuple[int, bool]] = []  # (sets to make, fork) of each build

    def watched_split(tasks, fork: bool):
        bulletin_splits.append((len(tasks), fork))
        return parallel.split(tasks, fork)

    monkeypatch.setattr(kept_bulletins, "split", watched_split)
    monkeypatch.setattr(pages, "RENDER_APART_FROM", 2)  # the example's few pages rendered in two processes too
    sites = {}
    for allowed in (True, False):
        monkeypatch.setattr(plugin, "can_fork", lambda allowed=allowed: allowed)
        site = tmp_path / f"site-{allowed}"
        result = CliRunner().invoke(
            main, ["build", "--root", str(root), "--now", "2026-11-22 12:00", "--site-dir", str(site)]
        )
        assert result.exit_code == 0, result.output
        sites[allowed] = digests(site)
        for cache in root.glob(".outage-cache"):  # each build cold: every page rendered, none from the cache
            for file in cache.iterdir():
                file.unlink()
    assert True in forks and False in forks  # the first build did fork, the second did not
    assert bulletin_splits[0][1] and not bulletin_splits[1][1] and bulletin_splits[0][0] > 5  # the bulletins too
    assert sites[True] == sites[False]
    assert len(sites[True]) > 100


def test_a_few_pages_to_render_are_rendered_here_without_a_fork(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A rebuild renders the few incident pages that changed in the build's own process: a fork would cost it more
    (every page of memory it writes afterwards copied first). A first build of many renders them in two."""
    root = copy_of_example(tmp_path, with_template=True)
    splits: list[tuple[int, bool]] = []  # (bodies to render, fork) of each language of each build
    real = pages.Split

    def watched(tasks, fork: bool):
        splits.append((len(tasks), fork))
        return real(tasks, fork)

    monkeypatch.setattr(pages, "Split", watched)
    monkeypatch.setattr(plugin, "can_fork", lambda: True)
    monkeypatch.setattr(pages, "RENDER_APART_FROM", 10)
    for now in ("2026-11-22 12:00", "2026-11-22 12:05"):
        result = CliRunner().invoke(
            main, ["build", "--root", str(root), "--now", now, "--site-dir", str(tmp_path / "s")]
        )
        assert result.exit_code == 0, result.output
    cold, rebuilt = splits[:2], splits[2:]
    assert [fork for _, fork in cold] == [count >= 10 for count, _ in cold] and any(fork for _, fork in cold)
    assert rebuilt and all(0 < count < 10 and not fork for count, fork in rebuilt)


# --- the first read: files parsed in two processes ------------------------------------------


def test_files_parsed_in_the_second_process_are_the_very_objects_parsed_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    from test_kept_readings import same

    from generator.incidents import load

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
    from history import make_repository

    root = tmp_path / "history"
    make_repository(root, 60)
    monkeypatch.setattr(load, "SPREAD_FROM", 10)
    pids = tmp_path / "pids"
    real = load.read_incident

    def noted(raw, source, *args, **kwargs):
        with pids.open("a", encoding="utf-8") as file:
            file.write(f"{os.getpid()}\n")
        return real(raw, source, *args, **kwargs)

    monkeypatch.setattr(load, "read_incident", noted)
    forked = lambda compute: parallel.Forked(compute).result  # noqa: E731 (started() would not fork under xdist's threads)
    spread = load.load_site(root, load.Reading(), forked)
    assert len(set(pids.read_text(encoding="utf-8").split())) == 2  # this process and a child parsed
    same(spread, load.load_site(root))
    services = {id(s) for s in spread.config.services}
    areas = {id(a) for a in spread.config.areas}
    for incident in spread.incidents:  # status.yml's very objects, not copies that came through the pipe
        assert {id(s) for s in incident.services} <= services and {id(a) for a in incident.areas} <= areas


def test_problems_found_in_the_second_process_read_as_they_do_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from generator.incidents import load
    from generator.incidents.problems import InvalidSite

    root = copy_of_example(tmp_path)
    files = sorted((root / "incidents").rglob("*.yml"))
    files[1].write_text(files[1].read_text(encoding="utf-8").replace("status:", "status: [", 1), encoding="utf-8")
    files[2].write_text(files[2].read_text(encoding="utf-8") + "nonsense_field: 1\n", encoding="utf-8")
    files[5].write_text(
        files[5].read_text(encoding="utf-8").replace("areas:", "areas: [nowhere]\nx:", 1), encoding="utf-8"
    )
    monkeypatch.setattr(load, "SPREAD_FROM", 1)
    said = []
    for apart in (lambda compute: parallel.Forked(compute).result, None):  # forked even under xdist's threads
        with pytest.raises(InvalidSite) as raised:
            load.load_site(root, load.Reading(), apart)
        said.append(str(raised.value))
    assert said[0] == said[1] and said[0].count(files[1].name) >= 1 and files[2].name in said[0]


def test_outage_build_parses_the_files_in_two_processes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from generator.incidents import load

    root = copy_of_example(tmp_path, with_template=True)
    monkeypatch.setattr(load, "SPREAD_FROM", 1)
    monkeypatch.setattr(parallel, "can_fork", lambda: True)  # as on a CI runner (xdist's threads say no)
    spread: list[int] = []
    real = load._read_apart

    def watched(files, config, reading, apart):
        spread.append(len(files))
        return real(files, config, reading, apart)

    monkeypatch.setattr(load, "_read_apart", watched)
    sites = []
    for name in ("spread", "plain"):
        site = tmp_path / name
        result = CliRunner().invoke(
            main, ["build", "--root", str(root), "--now", "2026-11-22 12:00", "--site-dir", str(site)]
        )
        assert result.exit_code == 0, result.output
        sites.append(digests(site))
        shutil.rmtree(root / ".outage-cache")
        monkeypatch.setattr(load, "SPREAD_FROM", 10**9)
    assert spread and spread[0] >= 10  # every incident file of the example
    assert sites[0] == sites[1]


def test_the_collector_rests_while_the_site_is_read_and_built_and_only_then(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import gc

    from generator import cli

    root = copy_of_example(tmp_path, with_template=True)
    collecting: list[tuple[str, bool]] = []

    def watched(name: str, real):
        def watching(*args, **kwargs):
            collecting.append((name, gc.isenabled()))
            return real(*args, **kwargs)

        return watching

    monkeypatch.setattr(cli, "load_site", watched("read", cli.load_site))
    monkeypatch.setattr(plugin, "build_site", watched("built", plugin.build_site))
    assert gc.isenabled()
    result = CliRunner().invoke(
        main, ["build", "--root", str(root), "--now", "2026-11-22 12:00", "--site-dir", str(tmp_path / "s")]
    )
    assert result.exit_code == 0, result.output
    assert collecting == [("read", False), ("built", False)]  # resting while the history is read and the site made
    assert gc.isenabled()  # and collecting again once built


# --- the placed pages and the files: written by the child processes that make them ----------


_PUBLISH_PLACED, _WRITTEN = plugin.OutagePlugin._publish_placed, plugin.OutagePlugin._written
"""As the plugin has them, before any test wraps them."""


def _build_apart(root: Path, site: Path, monkeypatch: pytest.MonkeyPatch, apart: bool) -> dict[str, list[int]]:
    """Build ``root`` into ``site`` with the child processes or without; the pids that wrote pages and files."""
    monkeypatch.setattr(plugin, "can_fork", lambda: apart)
    monkeypatch.setattr(plugin, "WRITE_APART_FROM", 1)
    pids = site.parent / f"{site.name}.pids"
    pids.write_text("", encoding="utf-8")
    real_pages, real_files = _PUBLISH_PLACED, _WRITTEN

    def note(kind: str) -> None:
        with pids.open("a", encoding="utf-8") as file:
            file.write(f"{kind} {os.getpid()}\n")

    def pages(self, placed_pages, *, again):
        note("pages")
        return real_pages(self, placed_pages, again=again)

    def files(self, config, outputs, *, again):
        note("files")
        return real_files(self, config, outputs, again=again)

    def sitemap(self, config, sitemap):
        note("sitemap")
        return real_sitemap(self, config, sitemap)

    real_sitemap = plugin.OutagePlugin._write_sitemap
    monkeypatch.setattr(plugin.OutagePlugin, "_publish_placed", pages)
    monkeypatch.setattr(plugin.OutagePlugin, "_written", files)
    monkeypatch.setattr(plugin.OutagePlugin, "_write_sitemap", sitemap)
    result = CliRunner().invoke(
        main, ["build", "--root", str(root), "--now", "2026-11-22 12:00", "--site-dir", str(site)]
    )
    assert result.exit_code == 0, result.output
    writers: dict[str, list[int]] = {"pages": [], "files": [], "sitemap": []}
    for line in pids.read_text(encoding="utf-8").splitlines():
        kind, pid = line.split()
        writers[kind].append(int(pid))
    return writers


def test_pages_and_files_written_by_child_processes_make_the_site_written_by_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = copy_of_example(tmp_path, with_template=True)
    apart = _build_apart(root, tmp_path / "apart", monkeypatch, apart=True)
    here = os.getpid()
    assert len(apart["pages"]) == 2 and here in apart["pages"] and len(set(apart["pages"])) == 2  # a part each
    assert len(apart["files"]) == 1 and here not in apart["files"]  # the files' child wrote them all
    # The pages' child wrote the sitemap, once (with every page), besides its part of the pages.
    assert len(apart["sitemap"]) == 1 and apart["sitemap"][0] in apart["pages"] and here not in apart["sitemap"]
    alone = _build_with_one_process(root, tmp_path / "alone", monkeypatch)
    assert digests(tmp_path / "apart") == digests(alone)


def _build_with_one_process(root: Path, site: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    writers = _build_apart(root, site, monkeypatch, apart=False)
    assert set(writers["pages"]) == set(writers["files"]) == set(writers["sitemap"]) == {os.getpid()}
    return site


@pytest.mark.parametrize("dying", ["_publish_placed", "_written"])
def test_what_a_failed_child_wrote_part_of_is_written_again_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, dying: str
) -> None:
    root = copy_of_example(tmp_path, with_template=True)
    alone = _build_with_one_process(root, tmp_path / "alone", monkeypatch)
    parent, real = os.getpid(), {"_publish_placed": _PUBLISH_PLACED, "_written": _WRITTEN}[dying]
    died = tmp_path / "died"

    def dies_two_in(self, *args, again: bool):
        *before, work = args
        if os.getpid() == parent:
            return real(self, *args, again=again)
        # The child writes two of its pages or files, then dies: they are there, and the build must not trip on them.
        two = work[:2] if isinstance(work, list) else dict(list(work.items())[:2])
        real(self, *before, two, again=again)
        died.write_text("\n".join(p.dest_uri for p in two) if isinstance(two, list) else "\n".join(two), "utf-8")
        os._exit(3)

    monkeypatch.setattr(plugin.OutagePlugin, dying, dies_two_in)
    broken = tmp_path / "broken"
    monkeypatch.setattr(plugin, "can_fork", lambda: True)
    monkeypatch.setattr(plugin, "WRITE_APART_FROM", 1)
    result = CliRunner().invoke(
        main, ["build", "--root", str(root), "--now", "2026-11-22 12:00", "--site-dir", str(broken)]
    )
    assert result.exit_code == 0, result.output
    assert len(died.read_text(encoding="utf-8").split()) == 2  # the child did die, two in
    assert digests(broken) == digests(alone)


def test_a_background_child_yields_the_processor_to_the_build() -> None:
    here = os.nice(0)
    assert Forked(lambda: os.nice(0), background=True).result() == min(here + BACKGROUND_NICENESS, 19)
    assert Forked(lambda: os.nice(0)).result() == here  # a child of the build's own work keeps its share
    assert os.nice(0) == here


def test_the_kept_files_read_ahead_leave_no_thread_running_when_the_build_may_fork(tmp_path: Path, monkeypatch) -> None:
    """The thread that reads the kept files while the build imports its modules is done before the build first asks
    whether it may fork (a thread running then would keep every part of the build in one process)."""
    import threading

    root = copy_of_example(tmp_path, with_template=True)
    asked: list[bool] = []  # whether the read-ahead's thread was running, each time the build asked
    real = parallel.can_fork

    def watched() -> bool:
        asked.append(any(thread.name == "outage read-ahead" for thread in threading.enumerate()))
        return real()

    monkeypatch.setattr(parallel, "can_fork", watched)
    monkeypatch.setattr(plugin, "can_fork", watched)
    found = stored._footer

    def slowly(data: bytes) -> int:  # a thread slower than the imports it runs beside: the build must wait for it
        time.sleep(0.5)
        return found(data)

    monkeypatch.setattr(stored, "_footer", slowly)
    for _ in range(2):  # the second with kept files to read ahead
        result = CliRunner().invoke(main, ["build", "--root", str(root), "--now", "2026-11-22 10:30"])
        assert result.exit_code == 0, result.output
    assert (root / ".outage-cache" / "pages.kept").is_file()
    assert asked and not any(asked)  # (other tests' threads may run in this process: only its own is asked about)
