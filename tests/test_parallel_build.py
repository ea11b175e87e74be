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
from pathlib import Path

import pytest
from click.testing import CliRunner
from example_repo import copy_of_example

from generator.cli import main
from generator.site import kept_bulletins, parallel, plugin
from generator.site.parallel import Forked, split


def where(index: int):
    return lambda: (index, os.getpid())


@pytest.mark.parametrize("count", [0, 1, 2, 3, 8])
def test_split_gives_every_result_in_order(count: int) -> None:
    results = split([where(index) for index in range(count)], fork=True)
    assert [index for index, _ in results] == list(range(count))
    pids = {pid for _, pid in results}
    # From two tasks on, every other one ran in the child: two processes did the work.
    assert len(pids) == (2 if count >= 2 else min(count, 1))
    assert os.getpid() in pids or count == 0


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


def test_the_history_is_left_out_of_the_collector_while_the_site_is_built_and_only_then(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import gc

    root = copy_of_example(tmp_path, with_template=True)
    frozen: list[int] = []
    real = plugin.build_site

    def watched(*args, **kwargs):
        frozen.append(gc.get_freeze_count())
        return real(*args, **kwargs)

    monkeypatch.setattr(plugin, "build_site", watched)
    before = gc.get_freeze_count()
    result = CliRunner().invoke(
        main, ["build", "--root", str(root), "--now", "2026-11-22 12:00", "--site-dir", str(tmp_path / "s")]
    )
    assert result.exit_code == 0, result.output
    assert frozen and frozen[0] > before + 1000  # the loaded history, among others
    assert gc.get_freeze_count() == before  # and given back to the collector once built


# --- the placed pages: half written by a child process ---------------------------------------


def _build_with_the_write_apart(root: Path, site: Path, monkeypatch: pytest.MonkeyPatch, apart: bool) -> list[int]:
    """Build ``root`` into ``site``, the placed pages written in two processes or one; the pids that wrote them."""
    from generator.site.writer import Publisher

    monkeypatch.setattr(plugin, "can_fork", lambda: apart)
    monkeypatch.setattr(plugin, "WRITE_APART_FROM", 1)
    pids = site.parent / f"{site.name}.pids"
    real = Publisher.publish

    def noted(self, relative: str, data: bytes) -> None:
        if relative.endswith("index.html"):
            with pids.open("a", encoding="utf-8") as file:
                file.write(f"{os.getpid()}\n")
        real(self, relative, data)

    monkeypatch.setattr(Publisher, "publish", noted)
    result = CliRunner().invoke(
        main, ["build", "--root", str(root), "--now", "2026-11-22 12:00", "--site-dir", str(site)]
    )
    assert result.exit_code == 0, result.output
    return [int(pid) for pid in pids.read_text(encoding="utf-8").split()]


def test_placed_pages_written_by_two_processes_make_the_site_written_by_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = copy_of_example(tmp_path, with_template=True)
    writers = _build_with_the_write_apart(root, tmp_path / "apart", monkeypatch, apart=True)
    assert os.getpid() in writers and len(set(writers)) == 2  # here and the pages' child (the files' child writes none)
    alone = _build_with_the_write_apart(root, tmp_path / "alone", monkeypatch, apart=False)
    assert set(alone) == {os.getpid()}
    assert digests(tmp_path / "apart") == digests(tmp_path / "alone")


def test_pages_a_failed_child_wrote_part_of_are_written_again_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from generator.site.writer import Publisher

    root = copy_of_example(tmp_path, with_template=True)
    alone = tmp_path / "alone"
    _build_with_the_write_apart(root, alone, monkeypatch, apart=False)
    parent, written = os.getpid(), []
    real = Publisher.publish

    def dies_after_two(self, relative: str, data: bytes) -> None:
        real(self, relative, data)
        written.append(relative)
        if os.getpid() != parent and relative.endswith("index.html") and len(written) >= 2:
            (tmp_path / "died").write_text(relative, encoding="utf-8")
            os._exit(3)  # the pages' child, two pages in: they are there, and the build must not trip on them

    monkeypatch.setattr(Publisher, "publish", dies_after_two)
    broken = tmp_path / "broken"
    _build_with_the_write_apart(root, broken, monkeypatch, apart=True)
    assert (broken / (tmp_path / "died").read_text(encoding="utf-8")).is_file()  # it was written, then again here
    assert digests(broken) == digests(alone)
