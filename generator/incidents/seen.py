"""Which bytes each incident file held when it was last read, so that a rebuild need not read it again.

A rebuild reads 10,000 incident files only to hash their bytes and find each one's kept
reading (``kept.py``): the same bytes nearly every time. After each build, every file read
is recorded in ``.outage-cache/files.kept``: the sha256 of its bytes and the file as the
system knows it (inode, size, time of last modification, time of last change). The next
build takes a file to hold the recorded bytes, without opening it, only when all four
match the file as it is then (a file rewritten in place has a new time of change, whatever
its time of modification was set back to; a file replaced has a new inode). Anything else
is read and hashed as before.

A file changed within the same tick of the file system's clock as it was read could keep
its times (as Git says of its index): a file changed less than :data:`SETTLED_NS` before
the build began reading is not recorded, and the next build reads it. The records belong
to one repository folder (their header hashes its path): another's are not used. A damaged
file of records is ignored with a warning; a missing one is a build that reads every file,
as the first build does.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Callable, Mapping
from pathlib import Path

from .stored import Refused, read_entries, write_entries

RECORDS_FILE = "files.kept"
FORMAT = "outage-bulletin incident files 1"
SETTLED_NS = 2_000_000_000
"""How long before the build began reading a file must have last changed to be recorded (FAT counts in 2 s)."""


class FileRecords:
    """The records of the incident files of the repository at ``root``, kept in ``folder``."""

    def __init__(self, folder: Path, root: Path, warn: Callable[[str], None] = lambda message: None) -> None:
        self.folder = folder
        self.warn = warn
        self.started = time.time_ns()
        """When this build began reading: a file changed since, or just before, is not recorded."""
        folder_hash = hashlib.sha256(os.path.abspath(root).encode("utf-8", "surrogateescape")).hexdigest()
        self.header = f"{FORMAT} {folder_hash}"
        """What the records belong to: this repository folder (inodes are the file system's)."""
        self.known: dict[str, bytes] = self._read(folder / RECORDS_FILE)
        """By file (``incidents/2026/<id>.yml``): ``inode size mtime ctime sha256`` as written, parsed when used."""
        self.seen: dict[str, tuple[tuple[int, int, int, int], bytes]] = {}
        """This build's files: how each was found, and the sha256 of the bytes it held."""

    def _read(self, path: Path) -> dict[str, bytes]:
        try:
            return read_entries(path, self.header, kind=FORMAT + " ")
        except Refused as exc:
            self.warn(f"ignored the records of the incident files {path}: {exc.reason}; every file is read")
        except OSError as exc:
            self.warn(f"ignored the records of the incident files {path}: {exc.strerror or exc}")
        return {}

    def recorded(self, source: str, path: str) -> bytes | None:
        """The sha256 of the bytes of the file ``source`` (at ``path``) if the records say it holds them, unchanged
        since they were read; ``None`` if not (nothing recorded, another file, or one changed since)."""
        record = self.known.get(source)
        if record is None:
            return None
        try:
            found = os.stat(path)  # a link's target, as reading it would read
        except OSError:
            return None
        parts = record.split(b" ")
        if len(parts) != 5 or parts[:4] != [b"%d" % value for value in _as_found(found)]:
            return None
        try:
            digest = bytes.fromhex(parts[4].decode("ascii"))
        except (UnicodeDecodeError, ValueError):
            return None
        if len(digest) != hashlib.sha256().digest_size:
            return None
        self.seen[source] = (_as_found(found), digest)
        return digest

    def note(self, source: str, found: os.stat_result, digest: bytes) -> None:
        """The file ``source`` was read as ``found`` (the ``fstat`` of the file read) and held bytes hashed ``digest``."""
        self.seen[source] = (_as_found(found), digest)

    def save(self, kept: Mapping[str, bytes]) -> None:
        """Record the files of this build whose readings are ``kept`` (sha256 by file), atomically."""
        settled = self.started - SETTLED_NS

        def lines():
            for source, (found, digest) in sorted(self.seen.items()):
                inode, size, modified, changed = found
                if kept.get(source) == digest and modified < settled and changed < settled:
                    yield source, f"{inode} {size} {modified} {changed} {digest.hex()}".encode()

        try:
            write_entries(self.folder, RECORDS_FILE, self.header, lines())
        except OSError as exc:
            self.warn(f"could not keep the records of the incident files in {self.folder}: {exc.strerror or exc}")


def _as_found(found: os.stat_result) -> tuple[int, int, int, int]:
    return (found.st_ino, found.st_size, found.st_mtime_ns, found.st_ctime_ns)
