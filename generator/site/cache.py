"""The build cache (``.outage-cache/``): page bodies by the hash of everything that went into them.

Rendering 10,000 incident pages is most of a rebuild, and after one new update
all but a few come out the same. Each incident page's body is kept under a key
that hashes every input it is made from: the tool itself (its code, templates
and the versions of the libraries that shape its output), ``status.yml``, the
repository's ``site_template/``, the incident as of "now", what "now" changes
on the page (today's date, and the estimates and durations counted to now), the
ledger's identities for its updates and its bulletins. A changed input is a new
key; nothing is ever invalidated by hand, and a stale entry is never found.

The cache is a text file, one entry a line (``incidents/stored.py``; never
pickle: a cache is read, not run), with a header naming its format and a last
line hashing the rest. An entry is its text with each line break written as a
NUL character, after a ``~`` (a text with a NUL in it is written as JSON):
decoding 10,000 pages' bodies from JSON, their quotes and line breaks escaped,
was a tenth of a second of each rebuild; this way, a fifth of that. A file
that is not one (corrupt, cut short, from another tool) is ignored with a
warning and replaced after the build; one of another format is replaced. Each build keeps only the entries it used, so the
file stays the size of one site's pages.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path

from ..incidents.kept import tool_fingerprint
from ..incidents.stored import Refused, copied_or_made, read_entries, write_entries

CACHE_DIR = ".outage-cache"
"""In the status repository, beside ``incidents/``; git-ignored (``outage init`` writes the .gitignore)."""
PAGES_FILE = "pages.kept"
LEGACY_FILE = "pages.json"
"""Where format 1 of this cache was kept, by earlier releases."""
KIND = "outage-bulletin build cache"
FORMAT = f"{KIND} 3"
"""Format 3: an entry's text as it is (see above); format 2 had each in JSON, format 1 was one JSON object, read whole."""


def repository_fingerprint(root: Path) -> str:
    """The tool, ``status.yml`` and ``site_template/`` of the repository at ``root``."""
    digest = hashlib.sha256(tool_fingerprint().encode())
    files = [root / "status.yml", *sorted((root / "site_template").rglob("*"))]
    for path in files:
        if path.is_file():
            digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


class BuildCache:
    """Page bodies by key, read from and written back to ``folder/pages.kept``."""

    def __init__(self, folder: Path | None, warn: Callable[[str], None] = lambda message: None) -> None:
        self.folder = folder
        self.warn = warn
        self.entries: dict[str, bytes | str | None] = {}
        """By key: an entry as read (its line of JSON), as decoded when first asked for, or ``None`` if unreadable."""
        self.from_file: set[str] = set()
        """The keys of the entries decoded from the file: a save copies their lines from it, not encoded again."""
        self.used: dict[str, str] = {}
        self.hits = self.misses = 0
        self.counts: dict[str, tuple[int, int]] = {}
        """(hits, misses) of entries that are not pages, by kind."""
        self.read_from: tuple[int, int, int] | None = None
        """The file the entries were read from (inode, size, time of change): a save copies lines only from it."""
        if folder is not None:
            self.entries = self._read(folder / PAGES_FILE)

    def _read(self, path: Path) -> dict[str, bytes | str | None]:
        try:
            entries = dict(read_entries(path, FORMAT, kind=KIND))
            self.read_from = _identity(path)
            return entries
        except Refused as exc:
            self.warn(f"ignored the build cache {path}: {exc.reason}; it is rebuilt from scratch")
        except OSError as exc:
            self.warn(f"ignored the build cache {path}: {exc.strerror or exc}")
        return {}

    def has(self, key: str) -> bool:
        """Whether ``get(key, …)`` will find a value without making one."""
        return self._value(key) is not None

    def _value(self, key: str) -> str | None:
        value = self.entries.get(key)
        if isinstance(value, bytes):
            decoded = self.entries[key] = _decoded(value)  # each entry is decoded when first used
            if decoded is not None:
                self.from_file.add(key)
            return decoded
        return value

    def get(self, key: str, make: Callable[[], str], kind: str = "page") -> str:
        """The value kept under ``key``, or ``make()``'s, kept for next time.

        ``hits`` and ``misses`` count pages; other kinds of entries (``"bulletins"``) are counted in ``counts``.
        """
        value = self._value(key)
        found = value is not None
        if value is None:
            value = make()
        if kind == "page":
            self.hits, self.misses = self.hits + found, self.misses + (not found)
        else:
            hits, misses = self.counts.get(kind, (0, 0))
            self.counts[kind] = (hits + found, misses + (not found))
        self.used[key] = value
        return value

    def save(self) -> None:
        """Keep the entries this build used (and only those) for the next; on disk atomically, if in a folder."""
        self.entries, self.used = self.used, {}
        copied, self.from_file = self.from_file & self.entries.keys(), set()
        if self.folder is None:
            return
        path = self.folder / PAGES_FILE
        try:
            try:
                if self.read_from is None or _identity(path) != self.read_from:
                    copied = set()  # not the file read: every entry encoded from memory
                write_entries(self.folder, PAGES_FILE, FORMAT, self._lines(copied))
            except Refused:  # it changed while being copied: every entry encoded from memory
                write_entries(self.folder, PAGES_FILE, FORMAT, self._lines(set()))
            (self.folder / LEGACY_FILE).unlink(missing_ok=True)  # this cache in format 1: replaced by this file
        except OSError as exc:
            self.warn(f"could not keep the build cache in {self.folder}: {exc.strerror or exc}")
        self.read_from = None

    def _lines(self, copied: set[str]):
        """Each entry's line: copied from the file if it came from there, else encoded (Refused if the file
        changed while copied: then save encodes every entry instead)."""
        assert self.folder is not None
        return copied_or_made(
            self.folder / PAGES_FILE,
            FORMAT,
            kind=KIND,
            keys=self.entries,
            copy=copied,
            make=lambda key: _encoded(self.entries[key]),
        )


class KeptApart:
    """:meth:`BuildCache.get` for files made in a forked process, by key parts (hashed with ``fingerprint``).

    A child's cache is a copy: what it takes from it or makes there would not be kept. So each entry it
    uses is noted in ``taken``, which the child returns with its files, and :meth:`keep` keeps them in
    the build's own cache. Made in the build's own process (no fork), they are kept there already.
    """

    def __init__(self, cache: BuildCache, fingerprint: str, kind: str) -> None:
        self.cache, self.fingerprint, self.kind = cache, fingerprint, kind
        self.taken: dict[str, str] = {}

    def __call__(self, parts: tuple[str, ...], make: Callable[[], bytes]) -> bytes:
        made_key = key(self.fingerprint, *parts)
        value = self.taken[made_key] = self.cache.get(made_key, lambda: make().decode("utf-8"), kind=self.kind)
        return value.encode("utf-8")

    def keep(self, taken: dict[str, str]) -> None:
        """Keep in the build's cache the entries a child took (or made): see the class."""
        for made_key, value in taken.items():
            if made_key not in self.cache.used:
                self.cache.get(made_key, lambda value=value: value, kind=self.kind)


def _identity(path: Path) -> tuple[int, int, int] | None:
    """The file at ``path`` as the system knows it: another file there, or this one rewritten, differs."""
    try:
        found = path.stat()
    except OSError:
        return None
    return (found.st_ino, found.st_size, found.st_mtime_ns)


RAW = b"~"
"""The first byte of an entry written as its text (a JSON text starts with a quote)."""


def _encoded(text: str) -> bytes:
    """An entry's line: ``~`` and its text, line breaks written as NUL (no page has one: else, its JSON)."""
    if "\0" in text:
        return json.dumps(text, ensure_ascii=False).encode("utf-8")
    return RAW + text.replace("\n", "\0").encode("utf-8")


def _decoded(value: bytes) -> str | None:
    """An entry's text, from its line (``None`` if it is not one: the entry is made again)."""
    if value[:1] == RAW:
        try:
            return value[1:].decode("utf-8").replace("\0", "\n")
        except UnicodeDecodeError:
            return None
    try:
        text = json.loads(value)
    except ValueError:
        return None
    return text if isinstance(text, str) else None


def key(*parts: str) -> str:
    return hashlib.sha256("\0".join(parts).encode("utf-8", errors="surrogatepass")).hexdigest()
