"""What each placed page of the live site (and its sitemap) was made of, so a rebuild links it without making it again.

A rebuild after one update fills 10,000 placed pages from their shells (``direct.py``),
encodes each, and reads the live site's file of each to compare: the same bytes nearly
every time, and the file is then hard-linked. After a build is live, each placed page's
file is recorded in ``.outage-cache/placed.kept``: the hash of all it was filled from
(``Shell.made_of``: its shell, title, description, addresses and body) and the file as
the system knows it (inode, size, time of last change). The next build links a page
from the live site without filling or reading it only when both match: the same hash,
and the very file recorded, unchanged since (a file changed in place has a new time of
change, a file replaced a new inode). Anything else is made and compared as before.

A file changed within the same tick of the file system's clock as it was written could
keep its time of change (as Git says of its index): a file changed less than
:data:`SETTLED_NS` before the records are made is not recorded, and the next build
compares its bytes. The sitemap and its packed copy are recorded the same way, made of every entry
they list (the plugin's ``_sitemap_made_of``). The records belong to one site folder and one version of the tool
(their header hashes both): another's are not used. A damaged file of records is
ignored with a warning; a missing one is a build that compares every page, as the first
build does. Nothing here is trusted to write a page: at worst a page is made again.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Callable
from pathlib import Path

from ..incidents.kept import tool_fingerprint
from ..incidents.stored import Refused, read_entries, write_entries
from .writer import published_file

RECORDS_FILE = "placed.kept"
FORMAT = "outage-bulletin placed pages 1"
SETTLED_NS = 2_000_000_000
"""How long before the records are made a file must have last changed to be recorded (FAT counts in 2 s)."""


class PlacedRecords:
    """The records of the placed pages of the site folder ``site_dir``, kept in ``folder``."""

    def __init__(self, folder: Path, site_dir: Path, warn: Callable[[str], None] = lambda message: None) -> None:
        self.folder = folder
        self.warn = warn
        self.header = (
            f"{FORMAT} "
            + hashlib.sha256(
                f"{tool_fingerprint()}\0{os.path.abspath(site_dir)}".encode("utf-8", "surrogateescape")
            ).hexdigest()
        )
        """What the records belong to: this tool and this site folder."""
        self.known: dict[str, bytes] = self._read(folder / RECORDS_FILE)
        """By page file (``incidents/<id>/index.html``): ``hash inode size time`` as written, parsed when used."""
        self.made: dict[str, str] = {}
        """This build's placed pages: each file's hash of what it was made of (the plugin fills it in)."""

    def _read(self, path: Path) -> dict[str, bytes]:
        try:
            return read_entries(path, self.header, kind=FORMAT + " ")
        except Refused as exc:
            self.warn(f"ignored the records of the placed pages {path}: {exc.reason}; every page is compared")
        except OSError as exc:
            self.warn(f"ignored the records of the placed pages {path}: {exc.strerror or exc}")
        return {}

    def unchanged(self, relative: str, made_of: str, found: os.stat_result) -> bool:
        """Whether the live site's file ``relative``, as ``found`` (its ``lstat``), is the one recorded as made of
        ``made_of`` (the hash of what this build would fill it with), unchanged since."""
        record = self.known.get(relative)
        if record is None:
            return False
        parts = record.split(b" ")
        return (
            len(parts) == 4
            and parts[0] == made_of.encode()
            and published_file(found)
            and parts[1:] == [b"%d" % found.st_ino, b"%d" % found.st_size, b"%d" % found.st_mtime_ns]
        )

    def save(self, site_dir: Path) -> None:
        """Record this build's placed pages as they are in ``site_dir`` (the site, now live), atomically."""
        settled = time.time_ns() - SETTLED_NS
        top = os.fspath(site_dir)

        def lines():
            for relative, made_of in sorted(self.made.items()):
                try:
                    found = os.lstat(os.path.join(top, relative))
                except OSError:
                    continue
                if found.st_mtime_ns < settled and published_file(found):
                    yield relative, f"{made_of} {found.st_ino} {found.st_size} {found.st_mtime_ns}".encode()

        try:
            write_entries(self.folder, RECORDS_FILE, self.header, lines())
        except OSError as exc:
            self.warn(f"could not keep the records of the placed pages in {self.folder}: {exc.strerror or exc}")
