"""Checked incident files kept between builds (``.outage-cache/incidents.kept``).

Reading and checking 10,000 YAML files is most of a rebuild's first seconds,
and after one new update all but one file have the bytes they had. Each file's
reading (its model, its problems, its warnings) is kept under the sha256 of its
bytes, in a store that belongs to one ``status.yml`` and one version of the
tool: a changed ``status.yml`` or tool is a new store, so a kept reading is
only ever used where reading the file again would give the same one.

The store is text, a line of JSON a file (see ``stored.py``; never pickle: a
cache is read, not run), under a header naming its format and what it belongs
to. A file that is not one (corrupt, cut short, another tool's) is ignored
with a warning; a store of
another ``status.yml`` or tool is quietly started afresh. A reading decodes
only when it is used, into the very objects reading the file gives (a test
compares them field by field over the examples and synthetic histories).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import operator
import typing
from collections.abc import Callable, Iterable
from datetime import datetime, timedelta
from enum import Enum
from functools import cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from types import NoneType, UnionType
from zoneinfo import ZoneInfo

import orjson

from . import model as m
from .problems import Problem
from .stored import Refused, copied_or_made, read_entries, write_entries

READINGS_FILE = "incidents.kept"
KIND = "outage-bulletin checked files"
FORMAT = f"{KIND} 2"
"""Format 2: a time in a zone as its wall clock's numbers (format 1 had its ISO text, slower to decode)."""
LIBRARIES = (
    *("mkdocs", "mkdocs-material", "jinja2", "markdown", "nh3", "markupsafe", "pyyaml", "pydantic", "icalendar"),
    *("feedgen", "lxml", "python-dateutil", "num2words"),  # feeds, CAP and French numbers, kept in the build cache
)
"""Libraries whose version can change what the tool makes: a new one is a new store (and a new page cache)."""

Read = tuple["m.Incident | None", list[Problem], list[Problem], list[Problem]]
"""A file's model (or none), its problems, its text cut by a comment, its missing translations."""

_UNREADABLE = (KeyError, TypeError, ValueError, IndexError, OverflowError, OSError)
"""What decoding a reading that is not one raises (OSError: a zone named by a folder of the zone database;
OverflowError: a number too large for a date): the file is then read again."""


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
    """The readings of ``folder/incidents.kept`` that belong to ``config_bytes`` and this tool."""

    def __init__(self, folder: Path, config_bytes: bytes, warn: Callable[[str], None] = lambda message: None) -> None:
        self.folder = folder
        self.warn = warn
        self.owner = hashlib.sha256(tool_fingerprint().encode() + b"\0" + config_bytes).hexdigest()
        """What the readings belong to: this tool and this ``status.yml``."""
        self.entries: dict[str, bytes] = self._read(folder / READINGS_FILE)
        """Encoded readings by :func:`entry_key`, each its JSON text, decoded when used: 10,000 decoded at
        once would hold as much memory again as the models they give."""
        self.taken: set[str] = set()
        """The keys of the readings decoded from the store: ``save`` copies their lines from it."""

    def _read(self, path: Path) -> dict[str, bytes]:
        """The entries of the store at ``path`` (a line at a time: never whole in memory), if it is this one's."""
        try:
            return read_entries(path, f"{FORMAT} {self.owner}", kind=KIND + " ")
        except Refused as exc:
            self.warn(f"ignored the kept readings {path}: {exc.reason}; the files are read again")
        except OSError as exc:
            self.warn(f"ignored the kept readings {path}: {exc.strerror or exc}")
        return {}

    def get(self, key: str, config: m.Config) -> Read | None:
        """The reading kept under ``key``, decoded against ``config``; ``None`` if there is none (or it is unreadable)."""
        stored = self.entries.pop(key, None)  # once decoded, its text is not held: save copies it from the store
        if stored is None:
            return None
        try:
            # orjson: 10,000 readings in a third of json's time (a tenth of a second of each rebuild); it reads
            # the line's UTF-8 as it is, and refuses what is not JSON, or not UTF-8, with a ValueError. It reads
            # a whole number beyond 64 bits as a float: no reading holds one (the schema bounds every number
            # staff write; the others are positions in a file and a time's fields), and a time given one is
            # refused (TypeError), as any other value a time cannot be made of.
            reading = decode_reading(orjson.loads(stored), config)
        except _UNREADABLE as exc:
            self.warn(f"ignored a kept reading in {self.folder / READINGS_FILE} ({exc!r}); the file is read again")
            return None  # and kept afresh
        self.taken.add(key)
        return reading

    def save(self, readings: dict[str, Read]) -> None:
        """Keep ``readings`` (this build's, and only those) for the next build, atomically."""
        self.write(lambda: self._lines(readings))

    def to_encode(self, readings: dict[str, Read]) -> int:
        """How many of ``readings`` a save encodes (the others are copied from the store)."""
        return len(readings.keys() - self.taken)

    def lines(self, readings: dict[str, Read]) -> list[tuple[str, bytes]]:
        """The store's lines for ``readings``, made but not written (:meth:`write` writes them)."""
        return list(self._lines(readings))

    def write(self, lines: Callable[[], Iterable[tuple[str, bytes]]]) -> None:
        """Write the store from ``lines()``, atomically; a problem is a warning (the next build reads the files)."""
        try:
            write_entries(self.folder, READINGS_FILE, f"{FORMAT} {self.owner}", lines())
        except Refused as exc:
            self.warn(
                f"could not keep the checked files in {self.folder}: the store changed while in use ({exc.reason})"
            )
        except OSError as exc:
            self.warn(f"could not keep the checked files in {self.folder}: {exc.strerror or exc}")

    def _lines(self, readings: dict[str, Read]):
        """Each reading's line: copied from the store if it came from there, else encoded. Had the store
        changed since it was read, the save fails with a warning and the old store stays."""
        return copied_or_made(
            self.folder / READINGS_FILE,
            f"{FORMAT} {self.owner}",
            kind=KIND,
            keys=readings,
            copy=readings.keys() & self.taken,
            make=lambda key: _text(encode_reading(readings[key])).encode("utf-8"),
        )


def _text(encoded: list) -> str:
    return json.dumps(encoded, ensure_ascii=False, separators=(",", ":"))


def entry_key(source: str, digest: bytes) -> str:
    """A file's key: the sha256 of its bytes and its path (which names no tab nor line break: it would be refused)."""
    return f"{digest.hex()} {source}"


def encode_reading(read: Read) -> list:
    incident, found, cut, untranslated = read
    return [
        None if incident is None else _encode(incident, {}),
        [_encode(p, {}) for p in found],
        [_encode(p, {}) for p in cut],
        [_encode(p, {}) for p in untranslated],
    ]


def decode_reading(stored: object, config: m.Config) -> Read:
    if not isinstance(stored, list) or len(stored) != 4:
        raise ValueError("not a reading")
    incident, found, cut, untranslated = stored
    problem = _decoder(Problem)
    return (
        None if incident is None else _decoder(m.Incident)(incident, _Made(config)),
        [problem(p, _Made(config)) for p in found],
        [problem(p, _Made(config)) for p in cut],
        [problem(p, _Made(config)) for p in untranslated],
    )


class _Made(list):
    """The objects decoded so far, in order (a number in the store stands for one of them), and status.yml's config
    (its services and areas by id, for the decoders to look up)."""

    def __init__(self, config: m.Config) -> None:
        super().__init__()
        self.config = config
        self.services = _index(config, "services")
        self.areas = _index(config, "areas")


# The codec follows the model's type hints: a dataclass is the list of its fields in order, a
# time its wall clock and zone (so it formats as the file's did), a service or area its id
# (the object is status.yml's, as the loader gives it). An object met again (updates share
# their facts while nothing changes) is its number in the order first met, so the decoded
# model shares what the read one shares, and takes no more memory.

_BY_ID = {m.Service: "services", m.Area: "areas"}


def _encode(value: object, seen: dict[int, int]) -> object:
    return (_ENCODERS.get(type(value)) or _encoder(type(value)))(value, seen)


Encode = Callable[[object, dict[int, int]], object]
_ENCODERS: dict[type, Encode] = {}
"""How each type met so far is kept: a type's way is found once (10,000 incidents are 900,000 values)."""


_AS_IS = frozenset({NoneType, str, int, float, bool})
"""Kept as they are: most of a model's fields."""


def _same(value: object, seen: dict[int, int]) -> object:
    return value


def _encoder(kind: type) -> Encode:
    """How a value of type ``kind`` is kept, decided by its type alone, once per type."""
    if kind is NoneType or issubclass(kind, str | int | float):  # bool is an int; enums are str
        way = (lambda value, seen: value.value) if issubclass(kind, Enum) else _same
    elif issubclass(kind, datetime):
        way = _encode_time
    elif issubclass(kind, timedelta):
        way = lambda value, seen: [value.days, value.seconds, value.microseconds]  # noqa: E731
    elif kind in _BY_ID:
        way = lambda value, seen: value.id  # noqa: E731
    elif dataclasses.is_dataclass(kind):
        way = _dataclass_encoder(kind)
    elif issubclass(kind, frozenset):
        way = lambda value, seen: sorted(_encode(v, seen) for v in value)  # noqa: E731
    elif issubclass(kind, tuple | list):
        way = lambda value, seen: [_encode(v, seen) for v in value]  # noqa: E731
    else:
        raise TypeError(f"cannot keep a {kind.__name__}")
    _ENCODERS[kind] = way
    return way


def _encode_time(value: datetime, seen: dict[int, int]) -> object:
    """A time in a named zone as its wall clock's numbers and the zone (and ``1`` for the second of an hour
    that happens twice), which decode with one call (:func:`_time`); any other as its ISO text."""
    zone = value.tzinfo
    if isinstance(zone, ZoneInfo):
        wall = [value.year, value.month, value.day, value.hour, value.minute, value.second, value.microsecond]
        return [*wall, zone.key, 1] if value.fold else [*wall, zone.key]
    return [value.isoformat()]


def _dataclass_encoder(cls: type) -> Encode:
    """A dataclass as the list of its fields in order; one met before as its number."""
    names = [f.name for f in dataclasses.fields(cls)]
    fields = operator.attrgetter(*names) if names else (lambda value: ())
    single = len(names) == 1  # attrgetter of one name gives the value, not a tuple of it

    def encode(value: object, seen: dict[int, int]) -> object:
        if id(value) in seen:
            return seen[id(value)]
        seen[id(value)] = len(seen)  # numbered before its fields, as the decoder numbers it
        values = (fields(value),) if single else fields(value)
        return [v if type(v) in _AS_IS else (_ENCODERS.get(type(v)) or _encoder(type(v)))(v, seen) for v in values]

    return encode


Decode = Callable[[object, _Made], object]
_PLAIN = (str, int, bool, float)
"""Kept as JSON gives them back: the store's hash says they are what was written."""


@cache
def _decoder(hint: object) -> Decode:
    """A function that turns what ``_encode`` made of a value of type ``hint`` back into it."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (typing.Union, UnionType) and len(args) == 2 and NoneType in args:
        inner = _decoder(next(a for a in args if a is not NoneType))
        return lambda data, made: None if data is None else inner(data, made)
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            if args[0] in _PLAIN:
                return lambda data, made: tuple(_list(data))
            item = _decoder(args[0])
            return lambda data, made: tuple([item(v, made) for v in _list(data)])
        items = [_decoder(a) for a in args]
        return lambda data, made: tuple(d(v, made) for d, v in zip(items, _list(data, len(items)), strict=True))
    if origin is frozenset:
        item = _decoder(args[0])
        return lambda data, made: frozenset([item(v, made) for v in _list(data)]) if data else _EMPTY
    if hint in _BY_ID:
        kind = _BY_ID[hint]  # type: ignore[index]
        return lambda data, made: _index(made.config, kind)[data]
    if hint is m.Translations:
        return _translations
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return _dataclass_decoder(hint)
    if isinstance(hint, type) and issubclass(hint, Enum):
        members = hint._value2member_map_
        return lambda data, made: members[data]
    if hint is datetime:
        return lambda data, made: _time(data)
    if hint is timedelta:
        return lambda data, made: timedelta(*_list(data, 3))
    if hint in _PLAIN:
        return lambda data, made: data
    raise TypeError(f"no way to keep a {hint!r}")


_EMPTY: frozenset = frozenset()


def _dataclass_decoder(cls: type) -> Decode:
    """A decoder written for ``cls``, as ``dataclasses`` writes its ``__init__``: 170,000 objects at 10,000 incidents.

    Made through its own ``__init__``, each object's ``__dict__`` shares its keys with the others' as
    when the loader makes it (filled any other way, the model takes half as much memory again). The
    common fields (text, numbers, times, enums, services and areas, and sequences of them) are decoded
    in the function itself (:func:`_inline`), not through a decoder each: 900,000 values at 10,000
    incidents, and a call each was a third of reading the history from the store.
    """
    hints = typing.get_type_hints(cls, vars(m))
    names = [f.name for f in dataclasses.fields(cls)]
    scope: dict[str, object] = {"cls": cls, "_time": _time, "_list": _list, "_EMPTY": _EMPTY}
    values = [_inline(hints[name], f"v{number}", scope, f"d{number}") for number, name in enumerate(names)]
    unpacked = "".join(f"v{number}, " for number in range(len(names)))
    arguments = ", ".join(values)
    source = (
        "def decode(data, made):\n"
        "    if type(data) is int:\n"
        "        return made[data]  # met before\n"
        f"    [{unpacked}] = data\n"
        "    number = len(made)\n"
        "    made.append(None)  # numbered before its fields, as the encoder numbers it\n"
        f"    made[number] = new_one = cls({arguments})\n"
        "    return new_one\n"
    )
    exec(source, scope)
    return scope["decode"]  # type: ignore[return-value]


def _inline(hint: object, value: str, scope: dict[str, object], name: str) -> str:
    """An expression giving the value of type ``hint`` from ``value`` (a local of the decoder), as
    :func:`_decoder`'s function for ``hint`` gives it; ``scope`` receives what it needs, under ``name``."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (typing.Union, UnionType) and len(args) == 2 and NoneType in args:
        inner = next(a for a in args if a is not NoneType)
        if inner in _PLAIN:
            return value
        return f"(None if {value} is None else {_inline(inner, value, scope, name)})"
    if hint in _PLAIN:
        return value
    if hint is datetime:
        return f"_time({value})"
    if isinstance(hint, type) and issubclass(hint, Enum):
        scope[name] = hint._value2member_map_
        return f"{name}[{value}]"
    if hint in _BY_ID:
        return f"made.{_BY_ID[hint]}[{value}]"  # type: ignore[index]
    if origin is frozenset and args[0] in _PLAIN:
        return f"(frozenset(_list({value})) if {value} else _EMPTY)"
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        if args[0] in _PLAIN:
            return f"tuple(_list({value}))"
        if args[0] in _BY_ID:
            return f"tuple([made.{_BY_ID[args[0]]}[x] for x in _list({value})])"
        scope[name] = _decoder(args[0])
        return f"tuple([{name}(x, made) for x in _list({value})])"
    scope[name] = _decoder(hint)
    return f"{name}({value}, made)"


_INDEXES: dict[tuple[int, str], tuple[m.Config, dict[str, object]]] = {}


def _index(config: m.Config, kind: str) -> dict[str, object]:
    """status.yml's services or areas by id (kept while ``config`` is: by its identity, as hashing it is slow)."""
    known = _INDEXES.get((id(config), kind))
    if known is None or known[0] is not config:
        if known is not None:
            _INDEXES.clear()  # another status.yml: let the last one go
        known = _INDEXES[(id(config), kind)] = (config, {item.id: item for item in getattr(config, kind)})
    return known[1]


def _translations(data: object, made: _Made) -> m.Translations:
    if type(data) is int:
        return made[data]  # met before
    [texts] = _list(data, 1)
    translations = m.Translations(tuple(tuple(t) for t in texts)) if texts else m.NO_TRANSLATIONS
    made.append(translations)
    return translations


def _list(data: object, length: int | None = None) -> list:
    if not isinstance(data, list) or (length is not None and len(data) != length):
        raise ValueError("not the list kept")
    return data


def _time(data: object) -> datetime:
    if type(data) is list and len(data) == 8:  # the wall clock's numbers and the zone: made in one call
        year, month, day, hour, minute, second, microsecond, key = data
        return datetime(year, month, day, hour, minute, second, microsecond, _ZONES.get(key) or _zone(key))
    if type(data) is list and len(data) == 9 and data[8] == 1:  # the second of an hour that happens twice
        return _time(data[:8]).replace(fold=1)
    moment = datetime.fromisoformat(_list(data, 1)[0])
    if moment.tzinfo is None:
        raise ValueError("a time without its zone")
    return moment


_ZONES: dict[str, ZoneInfo] = {}


def _zone(key: str) -> ZoneInfo:
    """The zone named ``key``, kept in ``_ZONES``, which :func:`_time` asks first (68,000 times name a zone
    or two at 10,000 incidents)."""
    zone = _ZONES[key] = ZoneInfo(key)
    return zone
