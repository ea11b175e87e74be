"""Read ``status.yml`` and every file under ``incidents/`` into a checked :class:`Site`.

Everything is read and checked before anything is returned; every problem of
every file is collected, and :class:`InvalidSite` carries them all. Whatever
the files hold, this module returns a site or raises ``InvalidSite``, never
anything else.
"""

from __future__ import annotations

import hashlib
import io
import os
import pickle
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from pydantic import BaseModel, ValidationError

from . import model as m
from .images import check_images
from .kept import KeptReadings, Read, entry_key
from .problems import InvalidSite, Problem, describe, field_path, problems_from
from .rules import Checker, check_config, check_incident, check_incident_name
from .schema import (
    LANGUAGES,
    IncidentFile,
    IncidentUpdateFile,
    MaintenanceFile,
    MaintenanceUpdateFile,
    StatusFile,
    WindowFile,
)
from .yamltext import MAX_FILE_BYTES, YamlDocument, YamlProblem, parse

CONFIG_FILE = "status.yml"
INCIDENTS_DIR = "incidents"
INCIDENT_SUFFIXES = (".yml", ".yaml")


class Reading:
    """What each incident file gave the last time it was read, so that only files whose bytes changed are read again.

    A file with the same bytes, under the same ``status.yml`` and tool, gives the
    same model and problems (the model is frozen). ``outage serve`` keeps one
    in memory between saves; ``outage build`` gives it a ``folder`` (the build
    cache's), where the readings are kept between builds (see ``kept.py``).
    """

    def __init__(self, folder: Path | None = None, warn: Callable[[str], None] = lambda message: None) -> None:
        self.folder = folder
        self.warn = warn
        self.config_bytes: bytes | None = None
        self.files: dict[tuple[str, bytes], Read] = {}
        """By (path, sha256 of the bytes): the last reading's files."""
        self.now: dict[tuple[str, bytes], Read] = {}
        """This reading's files: the next one keeps only these, so edited and deleted files are let go."""
        self.kept: KeptReadings | None = None
        """The readings kept in ``folder`` by the last build, for this ``status.yml``."""

    def start(self, config_bytes: bytes | None) -> None:
        """A new reading; every file is forgotten if ``status.yml`` changed, as every incident is checked against it."""
        self.files = self.now if config_bytes == self.config_bytes else {}
        self.config_bytes, self.now = config_bytes, {}
        if self.folder is not None and config_bytes is not None:
            self.kept = KeptReadings(self.folder, config_bytes, self.warn)

    def get(self, source: str, raw: bytes, config: m.Config) -> Read | None:
        key = (source, hashlib.sha256(raw).digest())
        known = self.files.get(key)
        if known is None and self.kept is not None:
            known = self.kept.get(entry_key(*key), config)
        if known is not None:
            self.now[key] = known
        return known

    def keep(self, source: str, raw: bytes, read: Read) -> None:
        self.now[(source, hashlib.sha256(raw).digest())] = read

    def knows(self, source: str, raw: bytes) -> bool:
        """Whether :meth:`get` has a reading of these bytes (without decoding it)."""
        key = (source, hashlib.sha256(raw).digest())
        return key in self.files or (self.kept is not None and entry_key(*key) in self.kept.entries)

    def learn(self, source: str, raw: bytes, read: Read) -> None:
        """A reading made just now (in :func:`load_site`'s first pass), for :meth:`get` to give."""
        self.files[(source, hashlib.sha256(raw).digest())] = read

    def save(self) -> None:
        """Keep this reading's files in ``folder`` for the next build (nothing without a folder)."""
        self.saving()()

    def saving(self, apart: Apart | None = None) -> Saving:
        """:meth:`save` in two steps: the readings are encoded now, in a second process with ``apart`` if
        there are many; calling the result writes them, closing it without calling stops that process.
        A first build of 10,000 files encodes them for a second or more, which the second process does
        while the site is made."""
        kept = self.kept
        if kept is None:
            return Saving(lambda: None)
        readings = {entry_key(*key): read for key, read in self.now.items()}
        if apart is None or kept.to_encode(readings) < SPREAD_FROM:
            return Saving(lambda: kept.save(readings))
        lines = apart(lambda: kept.lines(readings))
        return Saving(lambda: kept.write(lines), getattr(lines, "close", None))


class Saving:
    """What :meth:`Reading.saving` started: call it to write the readings, then (in any case) close it.

    Closed unwritten (a build that failed), the work begun apart is stopped: nothing new is kept.
    """

    def __init__(self, write: Callable[[], None], stop: Callable[[], None] | None = None) -> None:
        self._write, self._stop = write, stop

    def __call__(self) -> None:
        self._write()

    def close(self) -> None:
        if self._stop is not None:
            self._stop()


Apart = Callable[[Callable[[], list]], Callable[[], list]]
"""Starts a computation in a second process where it can, and gives back how to wait for its result
(``site.parallel.Forked``): this stage only says what to compute."""

SPREAD_FROM = 200
"""Files to parse before a first pass spreads them over two processes: fewer are not worth a fork."""


def load_site(root: Path, reading: Reading | None = None, apart: Apart | None = None) -> m.Site:
    """The checked site in ``root``, or :class:`InvalidSite` with every problem found.

    It is the site as seen in its default language; ``languages.site_in`` gives it in another.
    With ``reading``, files whose bytes it has seen are not parsed again (see :class:`Reading`);
    with both ``reading`` and ``apart``, half the files to parse are parsed in a second process.
    """
    listing, links = _scan(root)  # once: on ten thousand files, each walk costs half a second
    problems: list[Problem] = _stray_files(listing) + _outside_links(root, links)
    warnings: list[Problem] = []
    missing: list[Problem] = []
    config = _read_config(root, problems, missing)
    if reading is not None:
        config_file = root / CONFIG_FILE
        reading.start(config_file.read_bytes() if config is not None and config_file.is_file() else None)
    files = [(p, s) for p, s in listing if _is_incident_file(p)]
    read: dict[str, bytes] = {}
    if reading is not None and apart is not None and config is not None:
        read = _read_apart(files, config, reading, apart)
    incidents: list[m.Incident] = []
    seen: dict[str, str] = {}
    for path, source in files:
        found = (warnings, missing)
        incident = _read_incident_file(
            root, path, config, problems, seen, found, reading, source, read.pop(source, None)
        )
        if incident is not None:
            incidents.append(incident)
    if problems or config is None:
        raise InvalidSite(problems)
    incidents.sort(key=lambda i: (i.updates[0].at, i.id))
    return _site(config, incidents, warnings, missing)


def _site(config: m.Config, incidents: list[m.Incident], warnings: list[Problem], missing: list[Problem]) -> m.Site:
    return m.Site(
        config=config,
        incidents=tuple(incidents),
        warnings=tuple(sorted(warnings)),
        missing_translations=tuple(sorted(missing)),
    )


def load_one(root: Path, incident_id: str) -> m.Site:
    """``status.yml`` and the file of one incident, checked: a site of that incident alone (or of none).

    For commands about one incident (``outage bulletin``): a problem in another
    file does not stop them. Raises :class:`InvalidSite` with the problems of
    these files only.
    """
    problems: list[Problem] = []
    warnings: list[Problem] = []
    missing: list[Problem] = []
    config = _read_config(root, problems, missing)
    seen: dict[str, str] = {}
    files = [p for p in incident_files(root) if p.name.rsplit(".", 1)[0] == incident_id]
    found = (warnings, missing)
    incidents = [i for p in files if (i := _read_incident_file(root, p, config, problems, seen, found))]
    if problems or config is None:
        raise InvalidSite(problems)
    return _site(config, incidents, warnings, missing)


def _read_incident_file(
    root: Path,
    path: Path | str,
    config: m.Config | None,
    problems: list[Problem],
    seen: dict[str, str],
    warnings: tuple[list[Problem], list[Problem]],
    reading: Reading | None = None,
    source: str = "",
    raw: bytes | None = None,
) -> m.Incident | None:
    """One incident file's model; its problems go to ``problems``, ids already read are in ``seen``.

    ``source``: the file's path from ``root`` (``/``-separated), if the caller knows it;
    ``raw``: its bytes, if they were read already.
    """
    source = source or Path(path).relative_to(root).as_posix()
    try:
        raw = read_file(path) if raw is None else raw
    except OSError as exc:
        problems.append(Problem(source, 1, 1, "", "a readable file", exc.strerror or type(exc).__name__))
        return None
    except YamlProblem as exc:
        problems.append(replace(exc.problem, file=source))
        return None
    known = reading.get(source, raw, config) if reading is not None and config is not None else None
    if known is None:
        noted: tuple[list[Problem], list[Problem]] = ([], [])
        incident, found = read_incident(raw, source, config, *noted)
        known = (incident, found, *noted)
        if reading is not None and config is not None:
            reading.keep(source, raw, known)
    incident, found, cut, untranslated = known
    problems.extend(found)
    warnings[0].extend(cut)
    warnings[1].extend(untranslated)
    stem = os.path.basename(path).rsplit(".", 1)[0]
    if stem in seen:
        problems.append(
            Problem(source, 1, 1, "", "an incident id (file name) used once", f"'{stem}' again (also {seen[stem]})")
        )
    seen.setdefault(stem, source)
    return incident


def _read_apart(files: list[tuple[str, str]], config: m.Config, reading: Reading, apart: Apart) -> dict[str, bytes]:
    """A first pass: every file's bytes, and the files ``reading`` does not know parsed, half in a second process.

    Parsing and checking is a millisecond or more a file, and each file is on its own: on a first
    build of 10,000 files, two cores halve it. The other process sends its readings pickled
    (:func:`_packed`: our own child's bytes through our own pipe, never a file), with status.yml's
    services and areas named rather than copied, so that they come back as the very objects a
    reading here makes. A file that cannot be read is left to the second pass, which says why.
    """
    read: dict[str, bytes] = {}
    todo: list[tuple[str, bytes]] = []
    for path, source in files:
        try:
            raw = read_file(path)
        except (OSError, YamlProblem):
            continue
        read[source] = raw
        if not reading.knows(source, raw):
            todo.append((source, raw))
    if len(todo) < SPREAD_FROM:
        return read

    def readings(part: list[tuple[str, bytes]]) -> list[Read]:
        made = []
        for source, raw in part:
            noted: tuple[list[Problem], list[Problem]] = ([], [])
            incident, found = read_incident(raw, source, config, *noted)
            made.append((incident, found, *noted))
        return made

    theirs = apart(lambda: [_packed(readings(todo[1::2]), config)])
    for (source, raw), made in zip(todo[0::2], readings(todo[0::2]), strict=True):
        reading.learn(source, raw, made)
    for (source, raw), made in zip(todo[1::2], _unpacked(theirs()[0], config), strict=True):
        reading.learn(source, raw, made)
    return read


def _shared(config: m.Config) -> dict[int, tuple[str, int]]:
    """The objects every reading shares, by identity: status.yml's config, services and areas, no translations."""
    named: dict[int, tuple[str, int]] = {id(config): ("config", 0), id(m.NO_TRANSLATIONS): ("none", 0)}
    for kind in ("services", "areas"):
        named.update({id(item): (kind, number) for number, item in enumerate(getattr(config, kind))})
    return named


def _packed(readings: list[Read], config: m.Config) -> bytes:
    shared = _shared(config)
    packed = io.BytesIO()
    pickler = pickle.Pickler(packed, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.persistent_id = lambda value: shared.get(id(value))  # type: ignore[method-assign]
    pickler.dump(readings)
    return packed.getvalue()


def _unpacked(data: bytes, config: m.Config) -> list[Read]:
    def named(name: tuple[str, int]) -> object:
        kind, number = name
        return config if kind == "config" else m.NO_TRANSLATIONS if kind == "none" else getattr(config, kind)[number]

    unpickler = pickle.Unpickler(io.BytesIO(data))
    unpickler.persistent_load = named  # type: ignore[method-assign]
    return unpickler.load()


def incident_files(root: Path) -> list[Path]:
    """Every incident file, in a stable order."""
    return [p for p in _files_in_incidents(root) if _is_incident_file(p)]


def _is_incident_file(path: Path | str) -> bool:
    return os.path.splitext(path)[1].lower() in INCIDENT_SUFFIXES


def read_file(path: Path | str) -> bytes:
    """A file's bytes; one larger than any incident file is refused from its size, never read into memory.

    Read with ``os`` calls on the open file rather than through ``Path`` and a buffered file: every
    build reads every incident file, and at 10,000 files those objects were half the time it took.
    """
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0))
    try:
        size = os.fstat(fd).st_size
        if size > MAX_FILE_BYTES:
            raise YamlProblem(
                Problem(
                    os.path.basename(path), 1, 1, "", f"a file of at most {MAX_FILE_BYTES:,} bytes", f"{size:,} bytes"
                )
            )
        parts, left = [], MAX_FILE_BYTES + 1  # as file.read(MAX_FILE_BYTES + 1): to the end, or one byte too many
        while left > 0:
            part = os.read(fd, min(left, size + 1))
            if not part:
                break
            parts.append(part)
            left -= len(part)
        return parts[0] if len(parts) == 1 else b"".join(parts)
    finally:
        os.close(fd)


def _files_in_incidents(root: Path) -> list[Path]:
    """Every file under incidents/, links to folders not followed (a link could lead anywhere, or round in a loop)."""
    return [Path(path) for path, _ in _scan(root)[0]]


def _scan(root: Path) -> tuple[list[tuple[str, str]], list[str]]:
    """(path, path from ``root`` with ``/``) of every file under incidents/, in the order of the paths, and the
    path of every link there (:func:`_outside_links` checks them), from one walk.

    Paths as strings, not ``Path`` objects: ten thousand of those cost a tenth of a second.
    """
    folder = root / INCIDENTS_DIR
    if not folder.is_dir() or not _inside(folder, root):
        return [], []
    inside = root.resolve()
    found, links = [], []
    for entry, relative in _entries(folder):
        if entry.is_symlink():
            links.append(entry.path)
            # Only a link can lead out: a plain file under a folder that is no link is inside.
            path = Path(entry.path)
            if path.is_file() and path.resolve().is_relative_to(inside) and not _hidden(relative):
                found.append((relative, entry.path))
        elif entry.is_file(follow_symlinks=False) and not _hidden(relative):
            found.append((relative, entry.path))
    found.sort(key=lambda item: item[0])  # by their parts, as paths sort
    return [(path, "/".join((INCIDENTS_DIR, *relative))) for relative, path in found], links


def _entries(folder: Path | str, relative: tuple[str, ...] = ()):
    """(entry, the parts of its path from incidents/) of everything under ``folder``; links to folders are not entered.

    One ``scandir`` a folder: the entries know whether they are links or files without a call each,
    which makes listing ten thousand incident files a matter of milliseconds.
    """
    with os.scandir(folder) as listing:
        entries = sorted(listing, key=lambda entry: entry.name)
    for entry in entries:
        yield entry, (*relative, entry.name)
        if entry.is_dir(follow_symlinks=False):
            yield from _entries(entry.path, (*relative, entry.name))


def _inside(path: Path, root: Path) -> bool:
    return path.resolve().is_relative_to(root.resolve())


def _outside_links(root: Path, links: list[str]) -> list[Problem]:
    """Links in incidents/ (or incidents/ itself) that lead out of the repository, or to a folder: never read.

    ``links``: the links under incidents/, as :func:`_scan` found them.
    """
    folder = root / INCIDENTS_DIR
    if folder.is_symlink() and not _inside(folder, root):
        target = os.readlink(folder)
        return [Problem(INCIDENTS_DIR, 1, 1, "", "the incidents folder inside the repository", f"a link to {target}")]
    problems = []
    for link in links:
        path = Path(link)
        source = path.relative_to(root).as_posix()
        if not _inside(path, root):
            found = f"a link to {os.readlink(path)}, outside the repository"
            problems.append(Problem(source, 1, 1, "", "a file inside the repository", found))
        elif path.is_dir():
            problems.append(Problem(source, 1, 1, "", "a folder, not a link to one", f"a link to {os.readlink(path)}"))
    return problems


def _hidden(relative: tuple[str, ...]) -> bool:
    """Editor swap files, .gitkeep and the like are nobody's incident (``relative``: the parts of a path)."""
    return any(part.startswith(".") for part in relative)


def _stray_files(listing: list[tuple[str, str]]) -> list[Problem]:
    """Files in incidents/ (``listing``: path, and path from the root) that would never be read: named so
    no work is lost unnoticed."""
    problems = []
    for path, source in listing:
        name = os.path.basename(path)
        if not _is_incident_file(path) and name.lower() != "readme.md":
            problems.append(
                Problem(
                    source,
                    1,
                    1,
                    "",
                    "only .yml incident files (and README.md) in incidents/",
                    f"'{name}', which is never read",
                )
            )
    return problems


def load_config(root: Path) -> m.Config:
    """Only ``status.yml``, checked; for commands that need no incidents."""
    problems: list[Problem] = []
    config = _read_config(root, problems)
    if config is None:
        raise InvalidSite(problems)
    return config


def _read_config(root: Path, problems: list[Problem], missing: list[Problem] | None = None) -> m.Config | None:
    """status.yml's config; ``missing`` receives the texts it lacks in a language."""
    path = root / CONFIG_FILE
    if not path.is_file():
        problems.append(Problem(CONFIG_FILE, 1, 1, "", f"a {CONFIG_FILE} in {root}", "no such file"))
        return None
    checker = Checker(CONFIG_FILE, YamlDocument(data=None))
    try:
        raw = read_file(path)
    except YamlProblem as exc:
        problems.append(replace(exc.problem, file=CONFIG_FILE))
        return None
    validated = _validate(raw, checker, lambda data: StatusFile)
    config = check_config(validated, checker) if isinstance(validated, StatusFile) else None
    if config is not None:
        config = check_images(config, root, checker)
    problems.extend(checker.problems)
    if missing is not None:
        missing.extend(checker.warnings)
    return config


PROSE_FIELDS = ("title", "message", "cause", "expected_impact", "postmortem")
"""Fields of text in an incident file: a comment after one of them almost always cut it short."""


def read_incident(
    raw: bytes,
    source: str,
    config: m.Config | None,
    warnings: list[Problem] | None = None,
    missing: list[Problem] | None = None,
) -> tuple[m.Incident | None, list[Problem]]:
    """One incident file's model and problems; without a config only its shape is checked.

    Given a list, ``warnings`` receives what check points out without refusing (text cut by `` #``),
    and ``missing`` the texts the file lacks in one of the site's languages.
    """
    checker = Checker(source, YamlDocument(data=None))
    incident_id = check_incident_name(source, checker)
    schema: list[type[BaseModel]] = []
    validated = _validate(raw, checker, lambda data: _remember(schema, _incident_schema(data, checker)))
    if warnings is not None:
        warnings.extend(_cut_by_a_comment(checker.document, source))
    if validated is None and schema and checker.problems:
        # The file's shape is wrong somewhere: check the rules on every part that
        # is right on its own, so one run still reports every problem.
        validated = _valid_parts(schema[0], checker)
    if validated is None or config is None or incident_id is None:
        return None, checker.problems
    assert isinstance(validated, IncidentFile | MaintenanceFile)
    incident = check_incident(validated, incident_id, config, checker)
    if incident is not None:
        incident = replace(incident, source_digest=hashlib.sha256(raw).hexdigest())
    if missing is not None:
        missing.extend(checker.warnings)
    return incident, checker.problems


def _cut_by_a_comment(document: YamlDocument, source: str) -> list[Problem]:
    """Unquoted text that a `` #`` cut short: YAML read the rest of the line as a comment."""
    return [
        Problem(
            source,
            line,
            column,
            field_path(loc),
            "the whole text; put it in quotes to keep what follows ' #'",
            f"the text cut at ' #': {describe(comment)} was read as a comment and left out",
            severity="warning",
        )
        for loc, (line, column, comment) in document.comments.items()
        if _prose(loc)
    ]


def _prose(loc: tuple) -> bool:
    """Whether ``loc`` is a text field, or one language's text of one (``updates[1].message.fr``)."""
    if len(loc) > 1 and loc[-1] in LANGUAGES:
        loc = loc[:-1]
    return bool(loc) and loc[-1] in PROSE_FIELDS


def _remember(found: list, schema: type[BaseModel] | None) -> type[BaseModel] | None:
    if schema is not None:
        found.append(schema)
    return schema


def _valid_parts(schema: type[BaseModel], checker: Checker) -> BaseModel:
    """The fields the rules read, keeping only those without a shape problem (never validated again)."""
    data = checker.document.data
    assert isinstance(data, dict)
    broken = {p.field.split(".")[0].split("[")[0] for p in checker.problems}
    update_schema = IncidentUpdateFile if schema is IncidentFile else MaintenanceUpdateFile

    def alone(model: type[BaseModel], value: object) -> BaseModel | None:
        try:
            return model.model_validate(value)
        except ValidationError:
            return None

    raw_updates = data.get("updates")
    fields: dict[str, object] = {
        "services": data["services"] if "services" not in broken and "services" in data else [],
        "areas": data["areas"] if "areas" not in broken and "areas" in data else [],
        "updates": [alone(update_schema, u) for u in raw_updates] if isinstance(raw_updates, list) else [],
        "reopened": data.get("reopened") is True,
    }
    if schema is MaintenanceFile:
        fields["window"] = alone(WindowFile, data.get("window")) if "window" not in broken else None
    return schema.model_construct(**fields)


def _incident_schema(data: dict, checker: Checker) -> type[BaseModel] | None:
    kind = data.get("kind", "incident")
    if kind in ("incident", "maintenance"):
        return IncidentFile if kind == "incident" else MaintenanceFile
    checker.fail(("kind",), "one of incident, maintenance", describe(kind))
    return None


def _validate(raw: bytes, checker: Checker, choose_schema) -> BaseModel | None:
    """Parse and shape-check one file; problems go to ``checker``."""
    try:
        checker.document = parse(raw, checker.file)
    except YamlProblem as exc:
        checker.problems.append(exc.problem)
        return None
    schema = choose_schema(checker.document.data)
    if schema is None:
        return None
    try:
        return schema.model_validate(checker.document.data)
    except ValidationError as exc:
        checker.problems.extend(problems_from(exc, checker.document, checker.file, schema))
        return None
