"""Write and extend incident files the way staff would, keeping what they wrote.

Every change is built in memory, checked with the same rules as
``outage check``, and only then written (atomically). A refused change
leaves the file byte-for-byte as it was. An update is appended as text, in
the layout of the updates before it (their indentation, the file's line
endings), so every other byte of the file stays as staff wrote it: comments,
block styles, quotes and spacing. Only a layout that cannot be extended that
way (a list of updates in flow style) is rewritten by a round-trip YAML editor,
which still keeps comments and key order.

Text may be given in several languages (``{"en": …, "fr": …}``): it is written
as a mapping by language, in the style of the file's own (``{en: …, fr: …}`` on
one line if the file writes them so, else a block), and as plain text when it
is in one language only.

Longer than most modules: each command's change to a file (new, update, resolve, maintenance), the
byte-exact append and the round-trip fallback, and text by language share one way of writing YAML that
leaves every other byte as it was; split, that guarantee would be kept in several places.
"""

from __future__ import annotations

import difflib
import io
import os
import re
import tempfile
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import LiteralScalarString
from ruamel.yaml.util import load_yaml_guess_indent
from yaml import MappingNode, Node, SafeLoader, ScalarNode, SequenceNode, compose

from ..incidents.load import INCIDENTS_DIR, incident_files, read_file, read_incident
from ..incidents.model import Config, Incident, Status
from ..incidents.problems import InvalidSite, Problem
from ..incidents.times import format_local
from ..incidents.yamltext import YamlProblem, parse

SCHEMA_COMMENT = "# yaml-language-server: $schema=../../schemas/incident.schema.json\n"

Text = str | Mapping[str, str]
"""Text in the default language, or by language: ``{"en": "…", "fr": "…"}``."""
TEXT_KEYS = ("title", "message", "cause", "expected_impact", "postmortem")


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
    title: Text,
    impact: str,
    services: list[str],
    areas: list[str],
    message: Text,
    status: str = "investigating",
    next_update: datetime | None = None,
    restore_eta: datetime | None = None,
    customers_affected: int | None = None,
    cause: Text = "",
    began_at: datetime | None = None,
) -> Path:
    """Write a new incident file with its first update at ``now``; returns its path."""
    order = config.languages
    document = _base_document(_text(title, order), services, areas)
    document.insert(1, "impact", impact)
    if customers_affected is not None:
        document["customers_affected"] = customers_affected
    if _default(cause, config):
        document["cause"] = _text(cause, order)
    if began_at is not None:
        document["began_at"] = format_local(began_at, config.timezone)
    update = _update(config, now, status, message, restore_eta=restore_eta, next_update=next_update)
    document["updates"] = CommentedSeq([update])
    return _create(root, config, now, _default(title, config), document)


def new_maintenance(
    root: Path,
    config: Config,
    now: datetime,
    *,
    title: Text,
    start: datetime,
    end: datetime,
    services: list[str],
    areas: list[str],
    expected_impact: Text,
    message: Text = "",
    broadcast: bool = False,
) -> Path:
    """Write a new planned maintenance, announced at ``now``; returns its path.

    Without a message, the announcement says the window and the expected impact, in each language the
    expected impact is given in.
    """
    order = config.languages
    document = _base_document(_text(title, order), services, areas)
    document.insert(0, "kind", "maintenance")
    window = CommentedMap(start=format_local(start, config.timezone), end=format_local(end, config.timezone))
    window.fa.set_flow_style()
    document["window"] = window
    document["expected_impact"] = _text(expected_impact, order)
    if broadcast:
        document["broadcast"] = True
    if not _default(message, config):
        message = _announcement(start, end, expected_impact, config)
    document["updates"] = CommentedSeq([_update(config, now, "scheduled", message)])
    return _create(root, config, now, _default(title, config), document)


_MONTHS_FR = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
              "novembre", "décembre")  # fmt: skip


def _announcement(start: datetime, end: datetime, expected_impact: Text, config: Config) -> dict[str, str]:
    """``Planned work from December 3, 01:00 to December 3, 05:00. <expected impact>``, in each language given."""
    begin, finish = start.astimezone(config.timezone), end.astimezone(config.timezone)
    impacts = _by_language(expected_impact, config)
    said = {}
    for language, impact in impacts.items():
        if language == "fr":
            if begin.date() == finish.date():
                when = f"le {_day_fr(begin)}, de {_clock_fr(begin)} à {_clock_fr(finish)}"
            else:
                when = f"du {_day_fr(begin)}, {_clock_fr(begin)}, au {_day_fr(finish)}, {_clock_fr(finish)}"
            said[language] = f"Travaux planifiés {when}. {impact}"
        else:
            when = f"from {begin:%B} {begin.day}, {begin:%H:%M} to {finish:%B} {finish.day}, {finish:%H:%M}"
            said[language] = f"Planned work {when}. {impact}"
    return said


def _day_fr(moment: datetime) -> str:
    """``3 décembre``, ``1er mars``."""
    return f"{'1er' if moment.day == 1 else moment.day} {_MONTHS_FR[moment.month - 1]}"


def _clock_fr(moment: datetime) -> str:
    """``1 h``, ``14 h 30``: the hour without a leading zero, as written in Canada (OQLF)."""
    return f"{moment.hour} h" if moment.minute == 0 else f"{moment.hour} h {moment.minute:02}"


def append_update(
    root: Path,
    config: Config,
    now: datetime,
    incident_id: str,
    *,
    status: str | None,
    message: Text,
    restore_eta: datetime | str | None = None,
    next_update: datetime | None = None,
    resolve: bool = False,
    facts: Mapping[str, object] | None = None,
) -> Path:
    """Append an update to an incident file, keeping its comments and layout.

    ``facts`` are what the update states that is new (impact, services, areas,
    customers_affected, cause); each holds from this update on.
    ``restore_eta="unknown"`` withdraws an earlier estimate. The message and
    the cause may be text by language, written in the file's style of it.
    """
    path = find_incident(root, incident_id)
    original = _checked_original(root, path, config)  # no parser runs on a file that has not passed the checks
    source = original.decode("utf-8-sig")
    flow = _texts_in_flow_style(source)
    yaml, document = _round_trip(source)
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
    update = _update(
        config, now, status, message, facts, restore_eta=restore_eta, next_update=next_update, flow_texts=flow
    )
    document["updates"].append(update)
    text = _appended(source, update) or _dump(yaml, document)
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


def _base_document(title: object, services: list[str], areas: list[str]) -> CommentedMap:
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
    message: Text,
    facts: Mapping[str, object] | None = None,
    flow_texts: bool = False,
    **times: datetime | str | None,
) -> CommentedMap:
    zone = config.timezone
    update = CommentedMap()
    update["at"] = format_local(now.replace(second=0, microsecond=0), zone)
    update["status"] = status
    update["message"] = _text(message, config.languages, flow=flow_texts)
    for key in FACT_KEYS:
        value = (facts or {}).get(key)
        if value is None:
            continue
        if isinstance(value, list | tuple):
            value = CommentedSeq(value)
            value.fa.set_flow_style()
        elif key in TEXT_KEYS:
            value = _text(value, config.languages, flow=flow_texts)  # type: ignore[arg-type]
        update[key] = value
    for key, moment in times.items():
        if isinstance(moment, datetime):
            update[key] = format_local(moment, zone)
        elif moment is not None:
            update[key] = moment  # "unknown": the estimate is withdrawn
    return update


def _by_language(text: Text, config: Config) -> dict[str, str]:
    """``text`` as {language: text}: plain text is the default language's."""
    return dict(text) if isinstance(text, Mapping) else {config.default_language: text}


def _default(text: Text, config: Config) -> str:
    """The default language's text."""
    return _by_language(text, config).get(config.default_language, "")


def _scalar(text: str) -> str:
    text = text.strip()
    return LiteralScalarString(text + "\n") if "\n" in text else text


def _text(text: Text, order: Sequence[str], *, flow: bool = False) -> object:
    """Plain text, or a mapping by language in the site's order of languages (on one line if ``flow``)."""
    if not isinstance(text, Mapping):
        return _scalar(text)
    given = [(language, text[language]) for language in order if language in text]
    given += [(language, value) for language, value in text.items() if language not in order]  # check says why
    if len(given) == 1 and given[0][0] == order[0]:
        return _scalar(given[0][1])
    mapping = CommentedMap((language, _scalar(value)) for language, value in given)
    if flow and not any("\n" in value for _, value in given):
        mapping.fa.set_flow_style()
    return mapping


def _texts_in_flow_style(text: str) -> bool:
    """Whether the file writes its text by language on one line, ``message: {en: …, fr: …}`` (the last one says)."""
    try:
        root = compose(text, Loader=SafeLoader)
    except Exception:  # the file passed the checks; a parser that disagrees means: use the default style
        return False
    found: list[bool] = []

    def visit(node: Node) -> None:
        if isinstance(node, MappingNode):
            for key, value in node.value:
                if isinstance(key, ScalarNode) and key.value in TEXT_KEYS and isinstance(value, MappingNode):
                    found.append(bool(value.flow_style))
                visit(value)
        elif isinstance(node, SequenceNode):
            for item in node.value:
                visit(item)

    if root is not None:
        visit(root)
    return found[-1] if found else False


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


@dataclass(frozen=True)
class _Layout:
    """How a file lays out its list of updates, read from the updates already there."""

    dash: int
    """The column of each item's ``-``."""
    key: int
    """The column of each item's keys."""
    block: int
    """How far a block scalar's text (``message: |``) is indented past its key."""
    end: int
    """Where the last update ends: after its last line, and after comments indented under it."""


def _appended(text: str, update: CommentedMap) -> str | None:
    """``text`` with ``update`` added to its list of updates, every other character as it was.

    ``None`` when the list is not laid out as a block of mappings (then the
    round-trip editor rewrites the file), or when the result would not read as
    the same file plus this one update.
    """
    layout = _layout(text)
    if layout is None:
        return None
    yaml = YAML()
    yaml.indent(mapping=layout.block, sequence=layout.key - layout.dash, offset=0)
    yaml.width = 4096
    lines = _dump(yaml, CommentedSeq([update])).splitlines(True)
    chunk = "".join(" " * layout.dash + line if line.strip() else line for line in lines)  # blank lines stay blank
    newline = "\r\n" if "\r\n" in text.split("\n", 1)[0] + "\n" else "\n"
    chunk = chunk.replace("\n", newline)
    before, after = text[: layout.end], text[layout.end :]
    if before and not before.endswith("\n"):
        chunk = newline + chunk  # the file ended without a line break
    result = before + chunk + after
    old, new = parse(text.encode("utf-8"), "old").data, parse(result.encode("utf-8"), "new").data
    assert isinstance(old, dict) and isinstance(new, dict)
    expected = {**old, "updates": [*old["updates"], _plain(yaml, update)]}
    return result if new == expected else None


def _plain(yaml: YAML, update: CommentedMap) -> object:
    """The update as the reader will see it: written alone, read back."""
    return parse(_dump(yaml, CommentedMap(update=update)).encode("utf-8"), "update").data["update"]


def _layout(text: str) -> _Layout | None:
    try:
        root = compose(text, Loader=SafeLoader)
    except Exception:  # the file passed the checks; a parser that disagrees means: do not splice
        return None
    if not isinstance(root, MappingNode):
        return None
    updates = next((v for k, v in root.value if isinstance(k, ScalarNode) and k.value == "updates"), None)
    if not isinstance(updates, SequenceNode) or updates.flow_style or not updates.value:
        return None
    items = updates.value
    if not all(isinstance(item, MappingNode) and not item.flow_style for item in items):
        return None
    lines = text.splitlines(True)
    key = items[-1].start_mark.column
    line = lines[items[-1].start_mark.line]
    dash = line.rfind("-", 0, key)
    if dash < 0 or line[:dash].strip() or line[dash + 1 : key].strip():
        return None  # the item does not start "- key:" on its line
    block = next(
        (
            _indent_of(lines[v.start_mark.line + 1]) - k.start_mark.column
            for item in items
            for k, v in item.value
            if isinstance(v, ScalarNode) and v.style in ("|", ">") and v.start_mark.line + 1 < len(lines)
        ),
        2,
    )
    end = _end_of_last_item(text, lines, items[-1], dash)
    return _Layout(dash=dash, key=key, block=max(block, 1), end=end)


def _indent_of(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _end_of_last_item(text: str, lines: list[str], item: Node, dash: int) -> int:
    """Where the last item ends: the end of its last line of content, then of comments indented under it."""
    last = max(_ends(item)) - 1
    while last > 0 and text[last] in " \t\r\n":
        last -= 1  # a block scalar's end includes the line breaks after it
    number = text.count("\n", 0, last)
    end = sum(len(line) for line in lines[: number + 1])
    following = end
    for line in lines[number + 1 :]:
        stripped = line.strip()
        following += len(line)
        if stripped.startswith("#") and _indent_of(line) > dash:
            end = following  # a comment indented under the update belongs to it
        elif stripped:
            break
    return end


def _ends(node: Node):
    """Where each value in ``node`` ends; a block list or mapping ends only after the comments that follow it."""
    if isinstance(node, ScalarNode) or node.flow_style:
        yield node.end_mark.index
    elif isinstance(node, SequenceNode):
        for child in node.value:
            yield from _ends(child)
    elif isinstance(node, MappingNode):
        for key, value in node.value:
            yield from _ends(key)
            yield from _ends(value)


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
    "Text",
    "append_update",
    "find_incident",
    "new_incident",
    "new_maintenance",
    "slugify",
]
