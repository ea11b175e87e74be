"""The records of which bytes each incident file held (.outage-cache/files.kept).

A rebuild takes a file to hold the bytes it held when last read, without opening
it, only when its inode, size, time of modification and time of change are those
recorded, and its reading is kept. Files opened are counted by watching the loader's
reader, so a test that would pass with the records never used fails; the site read
is compared with the site read from the files, field by field.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from example_repo import copy_of_example
from test_kept_readings import same

from generator.cli import main
from generator.incidents import load, seen
from generator.incidents.kept import READINGS_FILE
from generator.incidents.load import Reading, load_site
from generator.incidents.seen import RECORDS_FILE

OPEN_ID = "2026-11-22-clareview-castle-downs-internet-outage"


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The incident files the loader opened, in order (status.yml is read every time)."""
    found: list[str] = []
    real = load.read_file_as_found

    def counting(path):
        if Path(path).name != "status.yml":
            found.append(Path(path).name)
        return real(path)

    monkeypatch.setattr(load, "read_file_as_found", counting)
    return found


@pytest.fixture
def settled_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Files count as settled as soon as they are written (the tests' files are seconds old, not minutes)."""
    monkeypatch.setattr(seen, "SETTLED_NS", 0)


def read_and_kept(root: Path) -> object:
    reading = Reading(root / ".outage-cache")
    site = load_site(root, reading)
    reading.save()
    return site


def incident_files(root: Path) -> list[Path]:
    return sorted((root / "incidents").rglob("*.yml"))


def test_a_rebuild_opens_no_file_whose_records_hold(tmp_path: Path, opened: list[str], settled_at_once) -> None:
    root = copy_of_example(tmp_path)
    files = len(incident_files(root))
    first = read_and_kept(root)
    assert len(opened) == files
    again = read_and_kept(root)
    assert len(opened) == files, "the rebuild opened files the records say are unchanged"
    same(again, first)
    assert (root / ".outage-cache" / RECORDS_FILE).read_bytes().count(b"\n") == files + 2  # header, files, sha256
    opened.clear()
    same(read_and_kept(root), load_site(root))  # the records a rebuild kept serve the next one too
    assert len(opened) == files  # (load_site without a reading reads every file)


def test_a_file_rewritten_with_its_size_and_time_of_modification_kept_is_read_again(
    tmp_path: Path, opened: list[str], settled_at_once
) -> None:
    # Its time of change moves whatever its time of modification is set back to: the records see it.
    root = copy_of_example(tmp_path)
    read_and_kept(root)
    edited = next(f for f in incident_files(root) if f.stem == OPEN_ID)
    before = edited.stat()
    text = edited.read_text(encoding="utf-8")
    assert "Clareview" in text
    time.sleep(0.05)  # past a tick of the clock the file system dates changes by
    edited.write_text(text.replace("Clareview", "Clearview", 1), encoding="utf-8")
    os.utime(edited, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert (edited.stat().st_size, edited.stat().st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    opened.clear()
    site = read_and_kept(root)
    assert opened == [edited.name]
    same(site, load_site(root))
    assert any("Clearview" in i.title for i in site.incidents if i.id == OPEN_ID)


def test_a_file_replaced_by_another_is_read_again(tmp_path: Path, opened: list[str], settled_at_once) -> None:
    root = copy_of_example(tmp_path)
    read_and_kept(root)
    replaced = next(f for f in incident_files(root) if f.stem == OPEN_ID)
    data = replaced.read_bytes()
    replaced.unlink()
    replaced.write_bytes(data.replace(b"Clareview", b"Clearview", 1))
    opened.clear()
    site = read_and_kept(root)
    assert opened == [replaced.name]
    same(site, load_site(root))


def test_a_file_changed_just_before_the_build_read_it_is_not_recorded(tmp_path: Path, opened: list[str]) -> None:
    # Within a tick of the file system's clock a change could keep the file's times: a file changed less
    # than two seconds before reading began is read again by the next build.
    root = copy_of_example(tmp_path)
    files = len(incident_files(root))
    read_and_kept(root)  # every file was written just now
    assert (root / ".outage-cache" / RECORDS_FILE).read_bytes().count(b"\n") == 2  # header and sha256 only
    read_and_kept(root)
    assert len(opened) == 2 * files


def test_records_of_another_repository_folder_are_not_used(tmp_path: Path, opened: list[str], settled_at_once) -> None:
    # The very files, unchanged, by another path (a link to the folder): the records are the first
    # path's, and every file is read (an inode is only the same file on the same file system).
    root = copy_of_example(tmp_path)
    files = len(incident_files(root))
    read_and_kept(root)
    other = tmp_path / "other"
    other.symlink_to(root, target_is_directory=True)
    opened.clear()
    site = read_and_kept(other)
    assert len(opened) == files
    same(site, load_site(root))
    opened.clear()
    read_and_kept(other)
    assert opened == []  # its own records, once made, serve it


def test_records_of_bytes_whose_reading_is_not_kept_are_not_enough(
    tmp_path: Path, opened: list[str], settled_at_once
) -> None:
    root = copy_of_example(tmp_path)
    files = len(incident_files(root))
    read_and_kept(root)
    (root / ".outage-cache" / READINGS_FILE).unlink()
    opened.clear()
    site = read_and_kept(root)
    assert len(opened) == files
    same(site, load_site(root))


@pytest.mark.parametrize(
    ("damage", "said"),
    [
        (lambda data: data[:-40], "corrupt"),
        (lambda data: b"some other tool's records\n", "another tool's or version's file"),
    ],
)
def test_damaged_or_foreign_records_are_ignored_with_a_warning(
    tmp_path: Path, opened: list[str], settled_at_once, damage, said: str
) -> None:
    root = copy_of_example(tmp_path)
    files = len(incident_files(root))
    read_and_kept(root)
    records = root / ".outage-cache" / RECORDS_FILE
    records.write_bytes(damage(records.read_bytes()))
    warnings: list[str] = []
    opened.clear()
    site = load_site(root, Reading(root / ".outage-cache", warnings.append))
    assert len(opened) == files
    assert len(warnings) == 1 and said in warnings[0] and RECORDS_FILE in warnings[0]
    same(site, load_site(root))


def test_a_record_naming_bytes_of_the_wrong_shape_reads_the_file(
    tmp_path: Path, opened: list[str], settled_at_once
) -> None:
    # A record whose hash holds (the file is whole) but whose digest is not one: read, never trusted.
    from generator.incidents.stored import read_entries, write_entries

    root = copy_of_example(tmp_path)
    files = len(incident_files(root))
    read_and_kept(root)
    folder = root / ".outage-cache"
    header = (folder / RECORDS_FILE).read_bytes().split(b"\n", 1)[0].decode()
    entries = read_entries(folder / RECORDS_FILE, header, kind=seen.FORMAT + " ")
    write_entries(folder, RECORDS_FILE, header, [(k, v[:-2]) for k, v in entries.items()])
    opened.clear()
    site = read_and_kept(root)
    assert len(opened) == files
    same(site, load_site(root))


def test_outage_build_keeps_the_records_and_a_rebuild_opens_only_the_edited_file(
    tmp_path: Path, opened: list[str], settled_at_once
) -> None:
    root = copy_of_example(tmp_path, with_template=True)
    build = ["build", "--root", str(root), "--now", "2026-11-22 12:00", "--site-dir", str(tmp_path / "site")]
    assert CliRunner().invoke(main, build).exit_code == 0
    edited = next(f for f in incident_files(root) if f.stem == OPEN_ID)
    time.sleep(0.05)
    edited.write_text(edited.read_text(encoding="utf-8").replace("Clareview", "Clearview", 1), encoding="utf-8")
    opened.clear()
    result = CliRunner().invoke(main, build)
    assert result.exit_code == 0, result.output
    assert opened == [edited.name]
    assert "Clearview" in (tmp_path / "site" / "incidents" / OPEN_ID / "index.html").read_text(encoding="utf-8")
