"""The kept files read whole (read_entries) give what reading them line by line (iter_entries) gives, and refuse
what it refuses: for files as written, and for every way of cutting, changing or adding to one."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.incidents import stored
from generator.incidents.stored import Refused, iter_entries, read_ahead, read_entries, write_entries

HEADER = "outage-test kept 1 owner"
KIND = "outage-test kept "

keys = st.text(st.characters(blacklist_characters="\t\n", blacklist_categories=("Cs",)), max_size=8)
values = st.binary(max_size=12).filter(lambda value: b"\n" not in value)


def line_by_line(path: Path) -> dict[str, bytes] | str:
    try:
        return dict(iter_entries(path, HEADER, kind=KIND))
    except Refused as exc:
        return exc.reason


def whole(path: Path) -> dict[str, bytes] | str:
    try:
        return read_entries(path, HEADER, kind=KIND)
    except Refused as exc:
        return exc.reason


def hashed(text: bytes) -> bytes:
    """``text`` with the last line a file of entries ends with: a file that is corrupt only where ``text`` is."""
    return text + f"sha256={hashlib.sha256(text).hexdigest()}\n".encode()


@settings(max_examples=300, deadline=None)
@given(entries=st.dictionaries(keys, values, max_size=6), data=st.data())
def test_reading_whole_gives_and_refuses_what_reading_line_by_line_does(tmp_path_factory, entries, data) -> None:
    folder = tmp_path_factory.mktemp("kept")
    write_entries(folder, "kept", HEADER, sorted(entries.items()))
    path = folder / "kept"
    written = path.read_bytes()
    assert whole(path) == line_by_line(path) == entries
    # Damage it: cut it, change a byte, add or remove bytes, then (or not) hash it again so only the damage shows.
    damaged = bytearray(written)
    for _ in range(data.draw(st.integers(1, 3))):
        where = data.draw(st.integers(0, len(damaged)))
        how = data.draw(st.sampled_from(["cut", "change", "insert", "delete"]))
        if how == "cut":
            del damaged[where:]
        elif how == "change" and where < len(damaged):
            damaged[where] = data.draw(st.sampled_from(b"\t\nsa=\x00x"))
        elif how == "insert":
            damaged[where:where] = data.draw(st.sampled_from([b"\n", b"\t", b"k\tv\n", b"sha256=", b"sha256=x\n"]))
        elif where < len(damaged):
            del damaged[where]
    text = bytes(damaged)
    if data.draw(st.booleans()) and text.count(b"\n") >= 1:
        text = hashed(text[: text.rfind(b"\n", 0, max(len(text) - 1, 0)) + 1])  # its last line a hash again
    path.write_bytes(text)
    assert whole(path) == line_by_line(path)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (hashed(f"{HEADER}\n".encode()), {}),
        (hashed(f"{HEADER}\na\tb\nc\t\n".encode()), {"a": b"b", "c": b""}),
        (hashed(f"{HEADER}\na\tb\na\tc\n".encode()), "corrupt"),  # a key twice
        (hashed(f"{HEADER}\nab\n".encode()), "corrupt"),  # a line without its key
        (hashed(f"{HEADER}\nsha256=\tx\n".encode()), "corrupt"),  # a hash before the last line
        (hashed(f"{HEADER}\na\tb\n".encode())[:-1], "corrupt"),  # the last line cut short
        (hashed(f"{HEADER}\na\tb\n".encode()) + b"c\td\n", "corrupt"),  # a line after the hash
        (f"{HEADER}\na\tb\n".encode(), "corrupt"),  # no hash
        (hashed(b"outage-test kept 1 another\na\tb\n"), {}),  # another owner's: not this one's
        (hashed(b"someone else's\na\tb\n"), "another tool's or version's file"),
        (b"", "another tool's or version's file"),
    ],
)
def test_files_read_whole(tmp_path: Path, text: bytes, expected) -> None:
    path = tmp_path / "kept"
    path.write_bytes(text)
    assert whole(path) == line_by_line(path) == expected
    read_ahead([path]).join()  # read and hashed by a thread first: the same entries, or the same refusal
    assert os.fspath(path) in stored._READ_AHEAD
    assert whole(path) == expected
    assert os.fspath(path) not in stored._READ_AHEAD  # taken: a second read reads the file


@pytest.mark.parametrize("how", ["replaced", "written over", "removed"])
def test_a_file_changed_after_it_was_read_ahead_is_read_again(tmp_path: Path, how: str) -> None:
    path = tmp_path / "kept"
    write_entries(tmp_path, "kept", HEADER, [("a", b"before")])
    # Written long ago: a file written twice in one tick of the clock keeps its time.
    os.utime(path, ns=(10**18, 10**18))
    read_ahead([path]).join()
    if how == "replaced":  # as a build writes it: another file renamed over it
        write_entries(tmp_path, "kept", HEADER, [("a", b"after!")])
    elif how == "written over":  # the same file, the same size, other bytes
        before = path.stat()
        path.write_bytes(hashed(f"{HEADER}\na\tafter!\n".encode()))
        assert (path.stat().st_ino, path.stat().st_size) == (before.st_ino, before.st_size)
    else:
        path.unlink()
    assert whole(path) == ({} if how == "removed" else {"a": b"after!"})


def test_a_file_that_cannot_be_read_ahead_is_read_as_ever(tmp_path: Path) -> None:
    read_ahead([tmp_path / "none", tmp_path]).join()  # no file, and a folder: left for read_entries to say
    assert stored._READ_AHEAD == {}
    assert read_entries(tmp_path / "none", HEADER, kind=KIND) == {}
    with pytest.raises(IsADirectoryError):
        read_entries(tmp_path, HEADER, kind=KIND)


def test_no_file_is_no_entries(tmp_path: Path) -> None:
    assert read_entries(tmp_path / "none", HEADER, kind=KIND) == {}
