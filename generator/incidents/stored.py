"""The build cache's files: one entry a line, read and written a line at a time.

A cache of a 10,000-incident site holds tens of megabytes (page bodies, checked
files). Read whole, parsed and written back whole, each copy of it is held in
memory at once; a line at a time, no copy is. Each file is a header line (what it
is and what it belongs to), one ``key<TAB>value`` line an entry (the value one
line of JSON, or text with no line break), and a last line with the sha256 of all
before it: a file cut short, changed or foreign is refused whole, never half used.
Text, never pickle: a cache is read, not run.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import threading
from collections.abc import Callable, Iterable
from pathlib import Path


class Refused(Exception):
    """The file is not the one expected: ``reason`` says why, in a few words."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


_READ_AHEAD: dict[str, tuple[tuple[int, int, int, int, int], bytes, str]] = {}
"""Files :func:`read_ahead` read, by path: what the file was when read (see :func:`_identity`), its bytes, and the
sha256 of all but its last line. :func:`read_entries` takes a file's from here if the file is still that one."""


def read_ahead(paths: Iterable[Path]) -> threading.Thread:
    """Start reading ``paths`` whole, and hashing them, in a thread; join it before the build may fork (a process
    with a thread running may not: ``parallel.can_fork``).

    A rebuild at 10,000 incidents reads and hashes 50 MB of kept files before it can start (0.07 s), work done
    without the interpreter (the thread lets go of it while the system reads and while hashlib hashes), and
    so done for nothing while the build imports MkDocs and the theme. A file that cannot be read is left to
    :func:`read_entries`, which says what is wrong.
    """
    _READ_AHEAD.clear()  # what an earlier build in this process left (one that failed before reading it)

    def read() -> None:
        for path in paths:
            try:
                with open(path, "rb") as file:
                    known = _identity(os.fstat(file.fileno()))
                    data = file.read()
            except OSError:
                continue
            footer = _footer(data)
            _READ_AHEAD[os.fspath(path)] = (known, data, hashlib.sha256(memoryview(data)[:footer]).hexdigest())

    thread = threading.Thread(target=read, name="outage read-ahead", daemon=True)
    thread.start()
    return thread


def _identity(found: os.stat_result) -> tuple[int, int, int, int, int]:
    """A file as the system knows it: another file at its path, or the file written since, differs."""
    return (found.st_dev, found.st_ino, found.st_size, found.st_mtime_ns, found.st_ctime_ns)


def _footer(data: bytes) -> int:
    """Where the last line of ``data`` starts: the line with the hash of all before it."""
    return data.rfind(b"\n", 0, len(data) - 1) + 1


def _read_whole(path: Path) -> tuple[bytes, str | None]:
    """The bytes of the file at ``path``, and the hash of all but its last line if :func:`read_ahead` made it."""
    ahead = _READ_AHEAD.pop(os.fspath(path), None)
    if ahead is not None and ahead[0] == _identity(os.stat(path)):
        return ahead[1], ahead[2]
    with path.open("rb") as file:
        return file.read(), None


def read_entries(path: Path, header: str, *, kind: str) -> dict[str, bytes]:
    """The entries of the file at ``path`` whose first line is ``header``; ``{}`` if there is none.

    Raises :class:`Refused` if it is another tool's or version's file (its first line does not start
    with ``kind``), or corrupt; ``OSError`` if it cannot be read. A file of the same kind with another
    header (another ``status.yml``, another release) gives ``{}``: it is simply not this one's.

    The entries :func:`iter_entries` gives, refused where it refuses (a test holds them to it), but the
    file read whole, hashed in one call and cut at its line breaks: line by line, each line and each
    value was copied apart, three copies of the 33 MB of a 10,000-incident site's page cache, and the
    hash was updated 10,000 times (0.07-0.09 s of every build, half that this way). The file is held
    while its entries are cut from it: memory is the cache twice over for a moment, as every entry is
    returned anyway. A file :func:`read_ahead` read (and hashed) is taken from there if it is still that file.
    """
    try:
        data, digest = _read_whole(path)
    except FileNotFoundError:
        return {}
    first = f"{header}\n".encode()
    if not data.startswith(first):
        if not data.startswith(kind.encode()):  # (``kind`` has no line break: the first line starts so)
            raise Refused("another tool's or version's file")
        return {}
    # The last line is the hash of all before it: it ends the file, and no line before it is one.
    footer = _footer(data)
    if footer < len(first):
        raise Refused("corrupt")
    if digest is None:
        digest = hashlib.sha256(memoryview(data)[:footer]).hexdigest()
    if data[footer:] != f"sha256={digest}\n".encode():
        raise Refused("corrupt")  # cut short, changed, or something after the last line
    entries: dict[str, bytes] = {}
    start = len(first)
    while start < footer:
        end = data.index(b"\n", start)
        tab = data.find(b"\t", start, end)
        if tab < 0 or data.startswith(b"sha256=", start, end):
            raise Refused("corrupt")  # no line of ours is without its key, and only the last is a hash
        key = data[start:tab].decode("utf-8", "surrogateescape")
        if key in entries:
            raise Refused("corrupt")  # nor repeats one
        entries[key] = data[tab + 1 : end]
        start = end + 1
    return entries


def iter_entries(path: Path, header: str, *, kind: str):
    """The ``(key, value)`` entries of the file at ``path`` as they are read; the file is checked whole by
    the end (:class:`Refused` then, if it was not what its header says): for copying from it, not for trusting
    an entry before the end."""
    digest = hashlib.sha256()
    footer = b""
    try:
        file = path.open("rb")
    except FileNotFoundError:
        return
    with file:
        first = file.readline()
        if first != f"{header}\n".encode():
            if not first.startswith(kind.encode()):
                raise Refused("another tool's or version's file")
            return
        digest.update(first)
        keys: set[bytes] = set()
        for line in file:
            if footer or not line.endswith(b"\n"):
                raise Refused("corrupt")  # something after the last line, or a line cut short
            if line.startswith(b"sha256="):
                footer = line
                continue
            digest.update(line)
            key, tab, value = line[:-1].partition(b"\t")
            if not tab or key in keys:
                raise Refused("corrupt")  # no line of ours is without its key, nor repeats one
            keys.add(key)
            yield key.decode("utf-8", "surrogateescape"), value
    if footer != f"sha256={digest.hexdigest()}\n".encode():
        raise Refused("corrupt")


def copied_or_made(
    path: Path, header: str, *, kind: str, keys: Iterable[str], copy: set[str], make: Callable[[str], bytes]
):
    """The ``(key, value)`` lines of ``keys`` for :func:`write_entries`: those in ``copy`` copied from the file
    at ``path`` as it is read (re-encoding 10,000 entries costs seconds; holding their lines, tens of MB), the
    others, and any not found there, made by ``make(key)`` in key order.

    The file is checked whole by the end (:class:`Refused` then, as :func:`iter_entries` says): the write
    that takes these lines fails, and nothing half copied is kept.
    """
    left = set(keys)
    if copy:
        for key, value in iter_entries(path, header, kind=kind):
            if key in copy:
                left.discard(key)
                yield key, value
    for key in sorted(left):
        yield key, make(key)


def write_entries(folder: Path, name: str, header: str, lines: Iterable[tuple[str, bytes]]) -> None:
    """Write ``folder/name`` from ``(key, value)`` lines as they come, atomically; ``OSError`` if it cannot.

    Keys with a tab or a line break are left out (no key the tool makes has one).
    """
    folder.mkdir(exist_ok=True)
    (folder / ".gitignore").write_text("*\n", encoding="utf-8")
    handle, temporary = tempfile.mkstemp(prefix=f".{name}-", dir=folder)
    digest = hashlib.sha256()
    try:
        with os.fdopen(handle, "wb") as file:
            for data in _lines(header, lines):
                digest.update(data)
                file.write(data)
            file.write(f"sha256={digest.hexdigest()}\n".encode())
        os.replace(temporary, folder / name)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _lines(header: str, lines: Iterable[tuple[str, bytes]]):
    yield f"{header}\n".encode()
    for key, value in lines:
        if "\t" in key or "\n" in key or b"\n" in value:
            continue
        yield key.encode("utf-8", "surrogateescape") + b"\t" + value + b"\n"
