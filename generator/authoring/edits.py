"""Write and extend incident files the way staff would, keeping what they wrote.

Every change is built in memory, checked with the same rules as
``outage check``, and only then written (atomically). A refused change
leaves the file byte-for-byte as it was. Appending uses a round-trip YAML
editor so comments, key order and formatting survive.
"""

from __future__ import annotations

import difflib
import io
import os
import re
import tempfile
import unicodedata
from collections.abc import Mapping
from datetime import datetime
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import LiteralScalarString
from ruamel.yaml.util import load_yaml_guess_indent

from ..incidents.load import INCIDENTS_DIR, incident_files, read_file, read_incident
from ..incidents.model import Config, Incident, Status
from ..incidents.problems import InvalidSite, Problem
from ..incidents.times import format_local
from ..incidents.yamltext import YamlProblem

SCHEMA_COMMENT = "# yaml-language-server: $schema=../../schemas/incident.schema.json\n"


class AuthoringError(Exception):
    """A change was refused; nothing was written. The message says why."""

    def __init__(self, message: str, problems: tuple[Problem, ...] = ()) -> None:
        self.problems = problems
        super().__init__(message)


def slugify(title: str, limit: int = 50) -> str:
    """``Internet outage in Castle Downs!`` -> ``internet-outage-in-castle-downs``."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")
    if len(slug) > limit:
        slug = slug[:limit].rsplit("-", 1)[0]
    return slug or "incident"


def new_incident(
    root: Path,
    config: Config,
    now: datetime,
    *,
    title: str,
    impact: str,
    services: list[str],
    areas: list[str],
    message: str,
    status: str = "investigating",
    next_update: datetime | None = None,
    restore_eta: datetime | None = None,
    customers_affected: int | None = None,
    cause: str = "",
    began_at: datetime | None = None,
) -> Path:
    """Write a new incident file with its first update at ``now``; returns its path."""
    document = _base_document(title, services, areas)
    document.insert(1, "impact", impact)
    if customers_affected is not None:
        document["customers_affected"] = customers_affected
    if cause:
        document["cause"] = cause
    if began_at is not None:
        document["began_at"] = format_local(began_at, config.timezone)
    update = _update(config, now, status, message, restore_eta=restore_eta, next_update=next_update)
    document["updates"] = CommentedSeq([update])
    return _create(root, config, now, title, document)


def new_maintenance(
    root: Path,
    config: Config,
    now: datetime,
    *,
    title: str,
    start: datetime,
    end: datetime,
    services: list[str],
    areas: list[str],
    expected_impact: str,
    message: str = "",
    broadcast: bool = False,
) -> Path:
    """Write a new planned maintenance, announced at ``now``; returns its path."""
    document = _base_document(title, services, areas)
    document.insert(0, "kind", "maintenance")
    window = CommentedMap(start=format_local(start, config.timezone), end=format_local(end, config.timezone))
    window.fa.set_flow_style()
    document["window"] = window
    document["expected_impact"] = expected_impact
    if broadcast:
        document["broadcast"] = True
    zone = config.timezone
    begin, finish = start.astimezone(zone), end.astimezone(zone)
    default = f"Planned work from {begin:%B} {begin.day}, {begin:%H:%M} to {finish:%B} {finish.day}, {finish:%H:%M}. {expected_impact}"
    document["updates"] = CommentedSeq([_update(config, now, "scheduled", message or default)])
    return _create(root, config, now, title, document)


def append_update(
    root: Path,
    config: Config,
    now: datetime,
    incident_id: str,
    *,
    status: str | None,
    message: str,
    restore_eta: datetime | str | None = None,
    next_update: datetime | None = None,
    resolve: bool = False,
    facts: Mapping[str, object] | None = None,
) -> Path:
    """Append an update to an incident file, keeping its comments and layout.

    ``facts`` are what the update states that is new (impact, services, areas,
    customers_affected, cause); each holds from this update on.
    ``restore_eta="unknown"`` withdraws an earlier estimate.
    """
    path = find_incident(root, incident_id)
    original = _checked_original(root, path, config)  # no parser runs on a file that has not passed the checks
    yaml, document = _round_trip(original.decode("utf-8-sig"))
    if not isinstance(document, CommentedMap) or not isinstance(document.get("updates"), list):
        raise AuthoringError(f"{_rel(root, path)} has no list of updates; fix it by hand, then run outage check")
    maintenance = document.get("kind") == "maintenance"
    if resolve:
        status = Status.COMPLETED.value if maintenance else Status.RESOLVED.value
    last = str(document["updates"][-1].get("status", "")) if document["updates"] else ""
    if status is None:
        status = last
    if last in {s.value for s in Status if s.is_final} and status != Status.INVESTIGATING.value:
        raise AuthoringError(f"{incident_id} is already {last}; nothing was changed (a new problem needs outage new)")
    document["updates"].append(
        _update(config, now, status, message, facts, restore_eta=restore_eta, next_update=next_update)
    )
    text = _dump(yaml, document)
    if original.startswith(b"\xef\xbb\xbf"):
        text = "\ufeff" + text
    _check(root, path, text, config)
    _write_atomically(path, text)
    return path


def _checked_original(root: Path, path: Path, config: Config) -> bytes:
    """The file's bytes, if it passes ``outage check`` as it is; otherwise nothing is changed and the message says why."""
    source = _rel(root, path)
    try:
        original = read_file(path)
    except YamlProblem as exc:
        raise AuthoringError(
            f"{source} was not changed: expected {exc.problem.expected}; found {exc.problem.found}"
        ) from None
    incident, problems = read_incident(original, source, config)
    if problems or incident is None:
        details = "\n".join(f"  {p}" for p in problems)
        raise AuthoringError(
            f"{source} was not changed, because it has problems to fix first:\n{details}", tuple(problems)
        )
    return original


def find_incident(root: Path, incident_id: str) -> Path:
    """The file of an incident id, or an error that suggests the nearest ids."""
    files = {p.name.rsplit(".", 1)[0]: p for p in incident_files(root)}
    if incident_id in files:
        return files[incident_id]
    raise find_incident_error(root, incident_id)


def find_incident_error(root: Path, incident_id: str) -> AuthoringError:
    """The error for an unknown id, naming the nearest ids."""
    ids = [p.name.rsplit(".", 1)[0] for p in incident_files(root)]
    close = difflib.get_close_matches(incident_id, ids, n=3, cutoff=0.4)
    hint = f"; did you mean {', '.join(close)}?" if close else ""
    return AuthoringError(f"no incident with the id '{incident_id}' under {INCIDENTS_DIR}/{hint}")


def _base_document(title: str, services: list[str], areas: list[str]) -> CommentedMap:
    document = CommentedMap()
    document["title"] = title
    for key, ids in (("services", services), ("areas", areas)):
        flow = CommentedSeq(ids)
        flow.fa.set_flow_style()
        document[key] = flow
    return document


FACT_KEYS = ("impact", "services", "areas", "customers_affected", "cause")
"""The facts an update may state, in the order they are written."""


def _update(
    config: Config,
    now: datetime,
    status: str,
    message: str,
    facts: Mapping[str, object] | None = None,
    **times: datetime | str | None,
) -> CommentedMap:
    zone = config.timezone
    update = CommentedMap()
    update["at"] = format_local(now.replace(second=0, microsecond=0), zone)
    update["status"] = status
    text = message.strip()
    update["message"] = LiteralScalarString(text + "\n") if "\n" in text else text
    for key in FACT_KEYS:
        value = (facts or {}).get(key)
        if value is None:
            continue
        if isinstance(value, list | tuple):
            value = CommentedSeq(value)
            value.fa.set_flow_style()
        update[key] = value
    for key, moment in times.items():
        if isinstance(moment, datetime):
            update[key] = format_local(moment, zone)
        elif moment is not None:
            update[key] = moment  # "unknown": the estimate is withdrawn
    return update


def _create(root: Path, config: Config, now: datetime, title: str, document: CommentedMap) -> Path:
    local = now.astimezone(config.timezone)
    path = root / INCIDENTS_DIR / f"{local:%Y}" / f"{local:%Y-%m-%d}-{slugify(title)}.yml"
    yaml = YAML()
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 4096
    text = SCHEMA_COMMENT + _dump(yaml, document)
    if path.exists():
        raise AuthoringError(f"{_rel(root, path)} exists already; choose another title or update that incident")
    _check(root, path, text, config)
    path.parent.mkdir(parents=True, exist_ok=True)
    _write_atomically(path, text, create=True)
    return path


def _round_trip(text: str) -> tuple[YAML, object]:
    # The guess gives a list item's content indent and its dash's offset; the
    # mapping indent is their difference in every common layout.
    _, sequence, offset = load_yaml_guess_indent(text)
    sequence, offset = sequence or 4, offset or 0
    yaml = YAML()
    yaml.indent(mapping=max(sequence - offset, 2), sequence=sequence, offset=offset)
    yaml.width = 4096  # never re-wrap what staff wrote
    yaml.preserve_quotes = True
    document = yaml.load(text)
    return yaml, document


def _dump(yaml: YAML, document: object) -> str:
    buffer = io.StringIO()
    yaml.dump(document, buffer)
    return buffer.getvalue()


def _check(root: Path, path: Path, text: str, config: Config) -> Incident:
    """The incident the new text would load as; refuses the change otherwise."""
    source = _rel(root, path)
    incident, problems = read_incident(text.encode("utf-8"), source, config)
    if problems or incident is None:
        details = "\n".join(f"  {p.field or 'file'}: expected {p.expected}; found {p.found}" for p in problems)
        raise AuthoringError(
            f"{source} was not changed, because the result would be invalid:\n{details}", tuple(problems)
        )
    return incident


def _write_atomically(path: Path, text: str, *, create: bool = False) -> None:
    """Write ``text`` whole or not at all: a temporary file in the same folder, flushed to disk, then renamed.

    An edit keeps the file's mode; a new file gets the usual 644 (less what the umask takes). With
    ``create`` the file must not exist yet: a hard link puts it in place only if nothing is there.
    A refused or failed write leaves no trace.
    """
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        if create:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(temporary, 0o666 & ~umask)
            try:
                os.link(temporary, path)
            except FileExistsError:
                raise AuthoringError(
                    f"{path.name} exists already; choose another title or update that incident"
                ) from None
            os.unlink(temporary)
        else:
            os.chmod(temporary, path.stat().st_mode & 0o7777)
            os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _rel(root: Path, path: Path) -> str:
    return path.relative_to(root).as_posix()


__all__ = [
    "AuthoringError",
    "InvalidSite",
    "append_update",
    "find_incident",
    "new_incident",
    "new_maintenance",
    "slugify",
]
