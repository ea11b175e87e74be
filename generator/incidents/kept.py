"""Checked incident files kept between builds (``.outage-cache/incidents.json``).

Reading and checking 10,000 YAML files is most of a rebuild's first seconds,
and after one new update all but one file have the bytes they had. Each file's
reading (its model, its problems, its warnings) is kept under the sha256 of its
bytes, in a store that belongs to one ``status.yml`` and one version of the
tool: a changed ``status.yml`` or tool is a new store, so a kept reading is
only ever used where reading the file again would give the same one.

The store is JSON (never pickle: a cache is read, not run) with a header naming
its format, what it belongs to and a hash of its contents. A file that is not
one (corrupt, cut short, another tool's) is ignored with a warning; a store of
another ``status.yml`` or tool is quietly started afresh. A reading decodes
only when it is used, into the very objects reading the file gives (a test
compares them field by field over the examples and synthetic histories).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import tempfile
import typing
from collections.abc import Callable
from datetime import datetime, timedelta
from enum import Enum
from functools import cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from types import NoneType, UnionType
from zoneinfo import ZoneInfo

from . import model as m
from .problems import Problem

READINGS_FILE = "incidents.json"
FORMAT = "outage-bulletin checked files 1"
LIBRARIES = ("mkdocs", "mkdocs-material", "jinja2", "markdown", "nh3", "markupsafe", "pyyaml", "pydantic", "icalendar")
"""Libraries whose version can change what the tool makes: a new one is a new store (and a new page cache)."""

Read = tuple["m.Incident | None", list[Problem], list[Problem], list[Problem]]
"""A file's model (or none), its problems, its text cut by a comment, its missing translations."""


@cache
def tool_fingerprint() -> str:
    """A hash of this package's own files and the libraries' versions: a new release of either is a new cache."""
    digest = hashlib.sha256()
    package = Path(__file__).resolve().parent.parent
    for path in sorted(package.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    for name in LIBRARIES:
        try:
            digest.update(f"{name}={version(name)}\0".encode())
        except PackageNotFoundError:
            digest.update(f"{name}=none\0".encode())
    return digest.hexdigest()


class KeptReadings:
    """The readings of ``folder/incidents.json`` that belong to ``config_bytes`` and this tool."""

    def __init__(self, folder: Path, config_bytes: bytes, warn: Callable[[str], None] = lambda message: None) -> None:
        self.folder = folder
        self.warn = warn
        self.owner = hashlib.sha256(tool_fingerprint().encode() + b"\0" + config_bytes).hexdigest()
        """What the readings belong to: this tool and this ``status.yml``."""
        self.entries: dict[str, object] = self._read(folder / READINGS_FILE)
        """Encoded readings by :func:`entry_key`, as stored."""

    def _read(self, path: Path) -> dict[str, object]:
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            return {}
        except OSError as exc:
            self.warn(f"ignored the kept readings {path}: {exc.strerror or exc}")
            return {}
        header, _, body = data.partition(b"\n")
        if not header.startswith(FORMAT.encode() + b" "):
            self.warn(f"ignored the kept readings {path}: another tool's or version's file; they are read again")
            return {}
        owner, _, digest = header[len(FORMAT) + 1 :].decode("ascii", "replace").partition(" ")
        if digest != f"sha256={hashlib.sha256(body).hexdigest()}":
            self.warn(f"ignored the kept readings {path}: corrupt; the files are read again")
            return {}
        if owner != self.owner:
            return {}  # another status.yml or tool: every file is read again, nothing to warn about
        try:
            entries = json.loads(body)
        except ValueError:
            entries = None
        if not isinstance(entries, dict):
            self.warn(f"ignored the kept readings {path}: corrupt; the files are read again")
            return {}
        return entries

    def get(self, key: str, config: m.Config) -> Read | None:
        """The reading kept under ``key``, decoded against ``config``; ``None`` if there is none (or it is unreadable)."""
        stored = self.entries.get(key)
        if stored is None:
            return None
        try:
            return decode_reading(stored, config)
        except (KeyError, TypeError, ValueError, IndexError) as exc:
            self.warn(f"ignored a kept reading in {self.folder / READINGS_FILE} ({exc!r}); the file is read again")
            del self.entries[key]  # and kept afresh
            return None

    def save(self, readings: dict[str, Read]) -> None:
        """Keep ``readings`` (this build's, and only those) for the next build, atomically."""
        # A reading taken from the store is kept as it was stored: encoding 10,000 again costs seconds.
        encoded = {
            key: self.entries[key] if key in self.entries else encode_reading(read) for key, read in readings.items()
        }
        body = json.dumps(encoded, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")
        data = f"{FORMAT} {self.owner} sha256={hashlib.sha256(body).hexdigest()}\n".encode() + body
        try:
            self.folder.mkdir(exist_ok=True)
            (self.folder / ".gitignore").write_text("*\n", encoding="utf-8")
            handle, temporary = tempfile.mkstemp(prefix=".incidents-", dir=self.folder)
            with os.fdopen(handle, "wb") as file:
                file.write(data)
            os.replace(temporary, self.folder / READINGS_FILE)
        except OSError as exc:
            self.warn(f"could not keep the checked files in {self.folder}: {exc.strerror or exc}")


def entry_key(source: str, digest: bytes) -> str:
    """A file's key: its path and the sha256 of its bytes."""
    return f"{source}\0{digest.hex()}"


def encode_reading(read: Read) -> list:
    incident, found, cut, untranslated = read
    return [
        None if incident is None else _encode(incident),
        [_encode(p) for p in found],
        [_encode(p) for p in cut],
        [_encode(p) for p in untranslated],
    ]


def decode_reading(stored: object, config: m.Config) -> Read:
    if not isinstance(stored, list) or len(stored) != 4:
        raise ValueError("not a reading")
    incident, found, cut, untranslated = stored
    problem = _decoder(Problem)
    return (
        None if incident is None else _decoder(m.Incident)(incident, config),
        [problem(p, config) for p in found],
        [problem(p, config) for p in cut],
        [problem(p, config) for p in untranslated],
    )


# The codec follows the model's type hints: a dataclass is the list of its fields in order, a
# time its wall clock and zone (so it formats as the file's did), a service or area its id
# (the object is status.yml's, as the loader gives it).

_BY_ID = {m.Service: "services", m.Area: "areas"}


def _encode(value: object) -> object:
    if value is None or isinstance(value, str | int | float):  # bool is an int; enums are str
        return value.value if isinstance(value, Enum) else value
    if isinstance(value, datetime):
        zone = value.tzinfo
        if isinstance(zone, ZoneInfo):
            return [value.replace(tzinfo=None).isoformat(), zone.key, value.fold]
        return [value.isoformat()]
    if isinstance(value, timedelta):
        return [value.days, value.seconds, value.microseconds]
    if type(value) in _BY_ID:
        return value.id  # type: ignore[attr-defined]
    if dataclasses.is_dataclass(value):
        return [_encode(getattr(value, f.name)) for f in dataclasses.fields(value)]
    if isinstance(value, frozenset):
        return sorted(_encode(v) for v in value)  # type: ignore[type-var]
    if isinstance(value, tuple | list):
        return [_encode(v) for v in value]
    raise TypeError(f"cannot keep a {type(value).__name__}")


Decode = Callable[[object, m.Config], object]
_PLAIN = (str, int, bool, float)
"""Kept as JSON gives them back: the store's hash says they are what was written."""


@cache
def _decoder(hint: object) -> Decode:
    """A function that turns what ``_encode`` made of a value of type ``hint`` back into it."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (typing.Union, UnionType) and len(args) == 2 and NoneType in args:
        inner = _decoder(next(a for a in args if a is not NoneType))
        return lambda data, config: None if data is None else inner(data, config)
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            if args[0] in _PLAIN:
                return lambda data, config: tuple(_list(data))
            item = _decoder(args[0])
            return lambda data, config: tuple([item(v, config) for v in _list(data)])
        items = [_decoder(a) for a in args]
        return lambda data, config: tuple(d(v, config) for d, v in zip(items, _list(data, len(items)), strict=True))
    if origin is frozenset:
        item = _decoder(args[0])
        return lambda data, config: frozenset([item(v, config) for v in _list(data)]) if data else _EMPTY
    if hint in _BY_ID:
        kind = _BY_ID[hint]  # type: ignore[index]
        return lambda data, config: _index(config, kind)[data]
    if hint is m.Translations:
        return _translations
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return _dataclass_decoder(hint)
    if isinstance(hint, type) and issubclass(hint, Enum):
        members = hint._value2member_map_
        return lambda data, config: members[data]
    if hint is datetime:
        return lambda data, config: _time(data)
    if hint is timedelta:
        return lambda data, config: timedelta(*_list(data, 3))
    if hint in _PLAIN:
        return lambda data, config: data
    raise TypeError(f"no way to keep a {hint!r}")


_EMPTY: frozenset = frozenset()


def _dataclass_decoder(cls: type) -> Decode:
    """A decoder written for ``cls``, as ``dataclasses`` writes its ``__init__``: 170,000 objects at 10,000 incidents.

    The object is made without its (frozen) ``__init__``, which sets each field through
    ``object.__setattr__``: the fields are put in its ``__dict__`` at once.
    """
    hints = typing.get_type_hints(cls, vars(m))
    names = [f.name for f in dataclasses.fields(cls)]
    scope: dict[str, object] = {"cls": cls, "new": object.__new__}
    values = []
    for number, name in enumerate(names):
        if hints[name] in _PLAIN:
            values.append(f"{name!r}: v{number}")
        else:
            scope[f"d{number}"] = _decoder(hints[name])
            values.append(f"{name!r}: d{number}(v{number}, config)")
    unpacked = "".join(f"v{number}, " for number in range(len(names)))
    source = (
        "def decode(data, config):\n"
        f"    [{unpacked}] = data\n"
        "    made = new(cls)\n"
        f"    made.__dict__.update({{{', '.join(values)}}})\n"
        "    return made\n"
    )
    exec(source, scope)
    return scope["decode"]  # type: ignore[return-value]


_INDEXES: dict[tuple[int, str], tuple[m.Config, dict[str, object]]] = {}


def _index(config: m.Config, kind: str) -> dict[str, object]:
    """status.yml's services or areas by id (kept while ``config`` is: by its identity, as hashing it is slow)."""
    known = _INDEXES.get((id(config), kind))
    if known is None or known[0] is not config:
        if known is not None:
            _INDEXES.clear()  # another status.yml: let the last one go
        known = _INDEXES[(id(config), kind)] = (config, {item.id: item for item in getattr(config, kind)})
    return known[1]


def _translations(data: object, config: m.Config) -> m.Translations:
    [texts] = _list(data, 1)
    return m.Translations(tuple(tuple(t) for t in texts)) if texts else m.NO_TRANSLATIONS


def _list(data: object, length: int | None = None) -> list:
    if not isinstance(data, list) or (length is not None and len(data) != length):
        raise ValueError("not the list kept")
    return data


def _time(data: object) -> datetime:
    parts = _list(data)
    if len(parts) == 3:
        wall, zone, fold = parts
        return datetime.fromisoformat(wall).replace(tzinfo=_zone(zone), fold=fold)
    moment = datetime.fromisoformat(parts[0])
    if moment.tzinfo is None:
        raise ValueError("a time without its zone")
    return moment


@cache
def _zone(key: str) -> ZoneInfo:
    return ZoneInfo(key)
