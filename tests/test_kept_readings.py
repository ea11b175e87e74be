"""Checked incident files kept between builds (.outage-cache/incidents.kept).

A rebuild reads again only the files whose bytes changed; the others come from
the store, and must be the very objects reading the file gives: the tests compare
them field by field, with each time's zone and fold, over the example (in two
languages) and a synthetic history. Reads are counted by watching the reader,
so a test that would pass with the store never used fails.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import sys
from datetime import datetime
from pathlib import Path

import pytest
from click.testing import CliRunner
from example_repo import copy_of_example

from generator.cli import main
from generator.incidents import kept as kept_module
from generator.incidents.kept import READINGS_FILE
from generator.incidents.load import Reading, load_site

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from history import make_repository  # noqa: E402

OPEN_ID = "2026-11-22-clareview-castle-downs-internet-outage"


def same(a: object, b: object, where: str = "site", pairs: dict[int, object] | None = None) -> None:
    """``a`` and ``b`` alike in type and value all the way down; times in the same zone, fold and wall clock;
    an object ``a`` holds twice (updates share facts) held twice by ``b`` too."""
    pairs = {} if pairs is None else pairs
    assert type(a) is type(b), f"{where}: {type(a).__name__} != {type(b).__name__}"
    if isinstance(a, datetime):
        assert isinstance(b, datetime)
        assert (a.replace(tzinfo=None), a.tzinfo, a.fold) == (b.replace(tzinfo=None), b.tzinfo, b.fold), where
    elif dataclasses.is_dataclass(a):
        if id(a) in pairs:
            assert pairs[id(a)] is b, f"{where}: shared in the file's reading, not in the kept one"
            return
        pairs[id(a)] = b
        for field in dataclasses.fields(a):
            same(getattr(a, field.name), getattr(b, field.name), f"{where}.{field.name}", pairs)
    elif isinstance(a, tuple | list):
        assert isinstance(b, tuple | list) and len(a) == len(b), where
        for number, (x, y) in enumerate(zip(a, b, strict=True)):
            same(x, y, f"{where}[{number}]", pairs)
    else:
        assert a == b, where


def kept_twice(root: Path) -> tuple[object, object]:
    """The site read plainly, and read again from the store a first reading kept."""
    first = Reading(root / ".outage-cache")
    plain = load_site(root, first)
    first.save()
    return plain, load_site(root, Reading(root / ".outage-cache"))


def test_the_example_read_from_the_store_is_the_example_read_from_its_files(tmp_path: Path, parsed: list[str]) -> None:
    root = copy_of_example(tmp_path)  # in English and French
    files = len(list((root / "incidents").rglob("*.yml")))
    plain, kept = kept_twice(root)
    assert len(parsed) == files, "the second reading parsed files again instead of using the store"
    same(plain, kept)
    assert [i.source_digest for i in plain.incidents] == [i.source_digest for i in kept.incidents]


def test_a_synthetic_history_read_from_the_store_is_the_history_read_from_its_files(
    tmp_path: Path, parsed: list[str]
) -> None:
    root = tmp_path / "history"
    make_repository(root, 120)  # in English only: incidents and maintenance, open and closed, across clock changes
    parsed.clear()  # making it checked it
    plain, kept = kept_twice(root)
    assert len(parsed) == 120
    same(plain, kept)


def test_only_the_edited_file_is_read_again(tmp_path: Path, parsed: list[str]) -> None:
    root = copy_of_example(tmp_path)
    kept_twice(root)
    files = len(list((root / "incidents").rglob("*.yml")))
    edited = next((root / "incidents").rglob(f"{OPEN_ID}.yml"))
    edited.write_text(edited.read_text(encoding="utf-8").replace("Clareview", "Clareview East", 1), encoding="utf-8")
    reading = Reading(root / ".outage-cache")
    site = load_site(root, reading)
    assert parsed[files:] == [edited.relative_to(root).as_posix()]
    same(site, load_site(root))
    reading.save()  # the unchanged files' lines copied from the store, the edited one's written afresh
    del parsed[:]
    again = load_site(root, Reading(root / ".outage-cache"))
    assert parsed == [], "a reading kept by a rebuild was not found by the next"
    same(site, again)
    assert (root / ".outage-cache" / READINGS_FILE).read_bytes().count(b"\n") == files + 2  # header, files, sha256


def test_a_changed_status_yml_reads_every_file_again(tmp_path: Path, parsed: list[str]) -> None:
    root = copy_of_example(tmp_path)
    kept_twice(root)
    files = len(list((root / "incidents").rglob("*.yml")))
    status = root / "status.yml"
    status.write_text(status.read_text(encoding="utf-8") + "\n# a comment changes the bytes\n", encoding="utf-8")
    load_site(root, Reading(root / ".outage-cache"))
    assert len(parsed) == 2 * files


def test_another_release_of_the_tool_reads_every_file_again(
    tmp_path: Path, parsed: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = copy_of_example(tmp_path)
    kept_twice(root)
    files = len(list((root / "incidents").rglob("*.yml")))
    monkeypatch.setattr(kept_module, "tool_fingerprint", lambda: "another release")
    load_site(root, Reading(root / ".outage-cache"))
    assert len(parsed) == 2 * files


@pytest.mark.parametrize(
    ("damage", "said"),
    [
        (lambda data: data[:-40], "corrupt"),
        (lambda data: data.replace(b'"', b"'", 1) if data.count(b"\n") else data, "corrupt"),
        (lambda data: b"some other tool's cache\n{}", "another tool's or version's file"),
    ],
)
def test_a_damaged_or_foreign_store_is_ignored_with_a_warning(
    tmp_path: Path, parsed: list[str], damage, said: str
) -> None:
    root = copy_of_example(tmp_path)
    kept_twice(root)
    files = len(list((root / "incidents").rglob("*.yml")))
    store = root / ".outage-cache" / READINGS_FILE
    store.write_bytes(damage(store.read_bytes()))
    warnings: list[str] = []
    site = load_site(root, Reading(root / ".outage-cache", warnings.append))
    assert len(parsed) == 2 * files
    assert len(warnings) == 1 and said in warnings[0] and READINGS_FILE in warnings[0]
    same(site, load_site(root))


def test_outage_build_keeps_the_readings_and_a_rebuild_uses_them(tmp_path: Path, parsed: list[str]) -> None:
    root = copy_of_example(tmp_path, with_template=True)
    files = len(list((root / "incidents").rglob("*.yml")))
    for _ in range(2):
        result = CliRunner().invoke(
            main, ["build", "--root", str(root), "--now", "2026-11-22 12:00", "--site-dir", str(tmp_path / "site")]
        )
        assert result.exit_code == 0, result.output
    assert (root / ".outage-cache" / READINGS_FILE).is_file()
    assert len(parsed) == files, "the rebuild read the files again"


def test_a_build_that_fails_keeps_nothing_new(tmp_path: Path) -> None:
    root = copy_of_example(tmp_path, with_template=True)
    (root / "site_template" / "mkdocs.yml").write_text("nav: [missing.md]\n" * 2, encoding="utf-8")
    result = CliRunner().invoke(
        main, ["build", "--root", str(root), "--now", "2026-11-22 12:00", "--site-dir", str(tmp_path / "site")]
    )
    assert result.exit_code == 1
    assert not (root / ".outage-cache" / READINGS_FILE).exists()


def test_a_value_the_store_cannot_keep_is_refused_and_each_kind_keeps_its_form() -> None:
    # Each type's way is decided once and remembered: a wrong shortcut would show up here and in the
    # round trips above (an enum kept as itself, a bool as an int, a list of one as its only value).
    @dataclasses.dataclass
    class Nothing:
        pass

    @dataclasses.dataclass
    class One:
        only: object

    with pytest.raises(TypeError, match="cannot keep a set"):
        kept_module._encode({1}, {})
    assert kept_module._encode(Nothing(), {}) == []
    assert kept_module._encode(One([True, None, 1.5]), {}) == [[True, None, 1.5]]
    assert kept_module._encode(One(frozenset({"b", "a"})), {}) == [["a", "b"]]
    shared = One("x")
    assert kept_module._encode([shared, shared], {}) == [["x"], 0]


def test_readings_encoded_in_a_second_process_are_kept_with_the_same_bytes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from generator.incidents import load as load_module
    from generator.site.parallel import Forked

    root = copy_of_example(tmp_path)
    store = root / ".outage-cache" / READINGS_FILE
    reading = Reading(root / ".outage-cache")
    load_site(root, reading)
    reading.save()
    here = store.read_bytes()
    store.unlink()
    children: list[Forked] = []

    def apart(compute):
        children.append(Forked(compute, background=True))  # a real fork, whatever the test runner's threads
        return children[-1].result

    reading = Reading(root / ".outage-cache")
    load_site(root, reading)
    monkeypatch.setattr(load_module, "SPREAD_FROM", 1)
    keep = reading.saving(apart)
    assert len(children) == 1 and children[0]._pid, "the readings were not given to a second process"
    assert not store.exists(), "written before the build said so"
    keep()
    assert store.read_bytes() == here
    monkeypatch.setattr(load_module, "SPREAD_FROM", 10_000)
    reading.saving(apart)()  # few readings to encode: no second process
    assert len(children) == 1 and store.read_bytes() == here


def children() -> set[int]:
    """This process's child processes, running or not yet reaped."""
    found: set[int] = set()
    for task in Path(f"/proc/{os.getpid()}/task").iterdir():
        found |= {int(pid) for pid in (task / "children").read_text().split()}
    return found


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="needs Linux's /proc to list child processes")
def test_a_build_that_fails_after_reading_stops_the_process_encoding_the_readings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from generator.incidents import load as load_module
    from generator.site import parallel

    root = copy_of_example(tmp_path, with_template=True)
    ledger = tmp_path / "ledger.json"
    ledger.write_text("not a ledger", encoding="utf-8")  # refused once the files are read: the build fails
    monkeypatch.setattr(load_module, "SPREAD_FROM", 1)
    monkeypatch.setattr(parallel, "can_fork", lambda: True)  # as on a CI runner (xdist's threads say no)
    started: list[parallel.Forked] = []
    real = parallel.in_background
    monkeypatch.setattr(parallel, "in_background", lambda compute: started.append(real(compute)) or started[-1])
    before = children()
    result = CliRunner().invoke(main, ["build", "--root", str(root), "--now", "2026-11-22 12:00",
                                       "--site-dir", str(tmp_path / "site"), "--ledger", str(ledger)])  # fmt: skip
    assert result.exit_code == 1 and "the site was not built" in result.output
    assert len(started) == 1, "the readings were not encoded apart"
    assert children() <= before, "the build left its readings' process behind"
    assert not (root / ".outage-cache" / READINGS_FILE).exists()


def _zone_named_by_a_folder(line: bytes, zone: bytes) -> bytes:
    return line.replace(b'"' + zone + b'"', b'"' + zone.split(b"/")[0] + b'"')


def _year_too_large(line: bytes, zone: bytes) -> bytes:
    return line.replace(b"[2026,", b"[99999999999,", 1)  # a whole number for JSON readers, too large for a C int


def _year_beyond_64_bits(line: bytes, zone: bytes) -> bytes:
    return line.replace(b"[2026,", b"[99999999999999999999,", 1)  # orjson reads it as a float


@pytest.mark.parametrize(
    ("damage", "raised"),
    [
        (_zone_named_by_a_folder, "Error("),  # ZoneInfo of a folder of the zone database: an OSError, which varies
        (_year_too_large, "OverflowError"),  # datetime of a year no date can hold (format 1's text raised ValueError)
        (_year_beyond_64_bits, "TypeError"),  # datetime of a float
    ],
)
def test_a_kept_time_that_cannot_be_made_is_read_again_with_a_warning(
    tmp_path: Path, parsed: list[str], damage, raised: str
) -> None:
    """A store whose hash holds but one of whose times cannot be made: the readings are read again from the
    files, with a warning, never a crash (both from reviews)."""
    root = copy_of_example(tmp_path)
    plain, _ = kept_twice(root)
    store = root / ".outage-cache" / READINGS_FILE
    lines = store.read_bytes().split(b"\n")
    zone = plain.config.timezone.key.encode()  # e.g. America/Edmonton
    body = [damage(line, zone) for line in lines[:-2]]
    assert body != lines[:-2]
    digest = hashlib.sha256(b"".join(line + b"\n" for line in body)).hexdigest()
    store.write_bytes(b"".join(line + b"\n" for line in body) + f"sha256={digest}\n".encode())
    parsed.clear()
    warnings: list[str] = []
    site = load_site(root, Reading(root / ".outage-cache", warnings.append))
    assert warnings and all("ignored a kept reading" in w and raised in w for w in warnings)
    assert parsed  # read again from the files
    same(site, plain)


def test_a_time_comes_back_from_the_store_with_its_zone_wall_clock_and_fold() -> None:
    # Kept as its wall clock's numbers and its zone's name: the hour that happens twice when clocks go
    # back is told apart by its fold; a time with a fixed offset is kept as its ISO text.
    from datetime import UTC, timedelta, timezone
    from zoneinfo import ZoneInfo

    zone = ZoneInfo("America/Edmonton")
    times = [
        datetime(2026, 11, 1, 1, 30, tzinfo=zone),  # the first 1:30 of the night clocks go back
        datetime(2026, 11, 1, 1, 30, tzinfo=zone, fold=1),  # the second, an hour later
        datetime(2026, 5, 12, 8, 25, 7, 123456, tzinfo=zone),
        datetime(2026, 5, 12, 14, 25, tzinfo=UTC),
        datetime(2026, 5, 12, 8, 25, tzinfo=timezone(timedelta(hours=-6))),
    ]
    decode = kept_module._decoder(datetime)
    for moment in times:
        stored = kept_module._encode(moment, {})
        same(decode(stored, None), moment)
    first, second = (decode(kept_module._encode(t, {}), None) for t in times[:2])
    assert second - first == timedelta(0) and second.timestamp() - first.timestamp() == 3600
    with pytest.raises(ValueError):
        decode(["2026-05-12T08:25:00"], None)  # a time without its zone is refused (read from the file again)
