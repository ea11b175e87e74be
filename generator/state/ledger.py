"""The ledger of what was published: every identity ever issued, its content hashes, and what was delivered.

A status site makes statements that readers store: a feed entry, a CAP
message an alert hub relayed, a radio script read on air. None may change
silently. The ledger is a JSON file kept in the status repository (the publish
workflow keeps it on a branch of its own) and given to the build explicitly:

- for each update ever published (while it is in the live window: the incident
  open, or the update younger than ``LIVE_DAYS``), the identity it was published
  under and the hash of each revision of its content, with when each was issued;
- entries that leave the live window are marked expired, never removed;
- an update whose file no longer has it is marked withdrawn;
- what was delivered, to whom (by a key, never an address), per revision.

From the ledger and the files the build computes a :class:`Publication`: each
update's published identity and revision, and the withdrawals. A changed
update becomes a correction (revision 2, 3…), a removed one a withdrawal.
With no ledger (a first publish, a local preview) everything is a first issue.

The content hash covers what the update states, as of that update (its time,
status, message, promised next update and every fact then known, with the
names of its services and areas, and the earlier updates its press release
restates): a wording change in a template or a new tool version re-renders
bulletins without a correction; an edit to what was said is always one.

Longer than most modules: the ledger's format and every rule that reads or advances it (identities,
revisions, withdrawals, expiry) are kept together, so its promises — an identity never moves, a
revision only grows, nothing is removed — are kept in one place.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from pathlib import Path

from ..incidents.model import Incident, Site, Update
from .as_of import as_of, site_as_of

FORMAT = "outage-bulletin ledger"
VERSION = 1
RESTATED = 4
"""How many earlier updates a bulletin restates (the press release's timeline): part of what it says."""
LIVE_DAYS = 90
"""An update stays live (correctable, withdrawable, its bulletins published) while its incident is open and
for this many days after it was published."""


class LedgerError(Exception):
    """The ledger cannot be used; the message names the file and says why."""


# --- what the build derives from the ledger -------------------------------------------


@dataclass(frozen=True)
class Issue:
    """How one update is published by this build: under which identity, and which revision of its content."""

    published_id: str
    """The identity in feed ids, bulletin paths, CAP identifiers and anchors: the update's id, or the id it
    was first published under (an earlier, positional one kept by ``outage ledger init``)."""
    revision: int = 1
    issued_at: datetime | None = None
    """When this revision was first issued (``None``: revision 1, issued at the update's own time)."""
    previous_issued_at: datetime | None = None
    """For a correction: when the revision it corrects was issued (``None``: at the update's own time)."""
    follows: tuple[str, datetime] | None = None
    """The (published id, time) of the update this one followed when first issued, as the ledger recorded it."""
    follows_recorded: bool = False
    """Whether ``follows`` comes from the ledger: then a message keeps the references it was issued with,
    even when an earlier update is withdrawn or one is inserted before it."""

    @property
    def is_correction(self) -> bool:
        return self.revision > 1


@dataclass(frozen=True)
class Withdrawal:
    """An update that was published and is no longer in its file: withdrawn, and said so."""

    incident_id: str
    published_id: str
    at: datetime
    """The update's time, as first published."""
    title: str
    status: str
    broadcast: bool
    services: tuple[str, ...]
    areas: tuple[str, ...]
    revision: int
    """The last revision published, which the withdrawal cancels."""
    last_issued_at: datetime
    """When that revision was issued (the update's time for revision 1)."""
    withdrawn_at: datetime


@dataclass(frozen=True)
class Publication:
    """What this build publishes for each update, and what it withdraws."""

    issues: Mapping[tuple[str, str], Issue] = field(default_factory=dict)
    """By (incident id, update id); an update not listed is a first issue under its own id."""
    withdrawals: tuple[Withdrawal, ...] = ()

    def of(self, incident: Incident, update: Update) -> Issue:
        return self.issues.get((incident.id, update.id)) or Issue(update.id)

    def withdrawn_from(self, incident_id: str) -> tuple[Withdrawal, ...]:
        return tuple(w for w in self.withdrawals if w.incident_id == incident_id)


NO_LEDGER = Publication()
"""A first publish or a local preview: every update is a first issue under its own id."""


# --- the file ---------------------------------------------------------------------------


@dataclass
class Ledger:
    """The ledger file's content. ``entries`` by "<incident id>/<update id>", ``deliveries`` by bulletin."""

    site: str
    entries: dict[str, dict] = field(default_factory=dict)
    deliveries: dict[str, dict[str, str]] = field(default_factory=dict)
    """By bulletin ("<incident id>/<published id>@r<revision>" or "…@withdrawn"): {recipient key: when delivered}."""
    recipients: dict[str, str] = field(default_factory=dict)
    """Every recipient key delivery has seen, and since when (it is owed what was issued from then on)."""

    def to_json(self) -> str:
        body = {
            "format": FORMAT,
            "version": VERSION,
            "site": self.site,
            "entries": self.entries,
            "deliveries": self.deliveries,
            "recipients": self.recipients,
        }
        return json.dumps(body, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def new_ledger(site_url: str) -> Ledger:
    return Ledger(site=site_url)


def read_ledger(path: Path, site_url: str) -> Ledger:
    """The ledger at ``path`` for the site at ``site_url``, or :class:`LedgerError` naming the file and the fault.

    A ledger that cannot be read is never treated as empty: that would publish edits without corrections.
    """
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise LedgerError(
            f"{path}: no ledger there; start one with `outage ledger init --ledger {path}` "
            "(or `--from` the published site), or build without --ledger"
        ) from None
    except OSError as exc:
        raise LedgerError(f"{path}: cannot read the ledger: {exc.strerror or exc}") from None
    try:
        body = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise LedgerError(f"{path}: expected a ledger written by outage; found text that is not JSON ({exc})") from None
    if not isinstance(body, dict) or body.get("format") != FORMAT:
        raise LedgerError(f"{path}: expected a ledger written by outage (format {FORMAT!r}); found something else")
    if body.get("version") != VERSION:
        raise LedgerError(f"{path}: expected ledger version {VERSION}; found {body.get('version')!r}")
    if body.get("site") != site_url:
        raise LedgerError(
            f"{path}: expected the ledger of {site_url}; found the ledger of {body.get('site')!r} "
            "(another repository's, or site_url changed in status.yml)"
        )
    entries, deliveries = body.get("entries"), body.get("deliveries")
    if not isinstance(entries, dict) or not isinstance(deliveries, dict):
        raise LedgerError(f"{path}: expected 'entries' and 'deliveries' mappings; found {type(entries).__name__}")
    for key, entry in entries.items():
        problem = _entry_problem(entry)
        if problem:
            raise LedgerError(f"{path}: entries[{key!r}]: {problem}")
    for key, sent in deliveries.items():
        if not isinstance(sent, dict) or not all(isinstance(v, str) for v in sent.values()):
            raise LedgerError(f"{path}: deliveries[{key!r}]: expected a mapping of recipient keys to times")
    recipients = body.get("recipients", {})
    if not isinstance(recipients, dict) or not all(isinstance(v, str) for v in recipients.values()):
        raise LedgerError(f"{path}: recipients: expected a mapping of recipient keys to times")
    return Ledger(site=site_url, entries=entries, deliveries=deliveries, recipients=recipients)


def _entry_problem(entry: object) -> str:
    if not isinstance(entry, dict):
        return "expected a mapping"
    for name in ("incident", "update", "id", "at", "title", "status"):
        if not isinstance(entry.get(name), str) or not entry[name]:
            return f"expected text in {name!r}; found {entry.get(name)!r}"
    follows = entry.get("follows")
    if follows is not None and not (
        isinstance(follows, list) and len(follows) == 2 and all(isinstance(x, str) for x in follows)
    ):
        return f"expected 'follows' to be [update id, time] or null; found {follows!r}"
    if follows:
        try:
            _time(follows[1])
        except ValueError as exc:
            return f"expected times with an offset; {exc}"
    revisions = entry.get("revisions")
    if not isinstance(revisions, list) or not revisions:
        return "expected a list of revisions"
    for revision in revisions:
        if not isinstance(revision, dict) or not all(isinstance(revision.get(k), str) for k in ("hash", "issued")):
            return f"expected revisions with 'hash' and 'issued'; found {revision!r}"
    try:
        for moment in [entry["at"], *(r["issued"] for r in revisions), *(entry.get(k) or "" for k in _MARKS)]:
            if moment:
                _time(moment)
    except ValueError as exc:
        return f"expected times with an offset; {exc}"
    return ""


_MARKS = ("withdrawn", "expired")


def _time(text: str) -> datetime:
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        raise ValueError(f"found {text!r} without one")
    return moment


def write_ledger(path: Path, ledger: Ledger) -> None:
    """Write the ledger whole or not at all (a temporary file in the same folder, then a rename)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as out:
            out.write(ledger.to_json())
            out.flush()
            os.fsync(out.fileno())
        if path.exists():
            os.chmod(temporary, path.stat().st_mode & 0o777)
        else:
            os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


# --- content hashes -------------------------------------------------------------------------


def content_hash(incident: Incident, update: Update) -> str:
    """The hash of what ``update`` states, as of that update: the same statement gives the same hash."""
    facts = update.facts
    statement = {
        "kind": incident.kind.value,
        "title": incident.title,
        "at": update.at.isoformat(),
        "status": update.status.value,
        "message": update.message,
        "next_update": update.next_update.isoformat() if update.next_update else None,
        "impact": facts.impact.value if facts.impact else None,
        "services": [[s.id, s.name] for s in facts.services],
        "areas": [[a.id, a.name] for a in facts.areas],
        "customers_affected": facts.customers_affected,
        "cause": facts.cause,
        "restore_eta": facts.restore_eta.isoformat() if facts.restore_eta else None,
        "window": [facts.window.start.isoformat(), facts.window.end.isoformat()] if facts.window else None,
        "began_at": incident.began_at.isoformat(),
        "expected_impact": incident.expected_impact,
        "broadcast": incident.broadcasts(update),
        # The press release restates the updates before it: a change to one of those changes what it says.
        "restates": [
            [u.at.isoformat(), u.status.value, u.message]
            for u in incident.updates[max(0, update.number - 1 - RESTATED) : update.number - 1]
        ],
    }
    encoded = json.dumps(statement, sort_keys=True, ensure_ascii=False).encode("utf-8")
    return hashlib.sha256(encoded).hexdigest()


def is_live(incident: Incident, update: Update, now: datetime) -> bool:
    """Whether an update is still in the live window at ``now``: its incident open, or younger than LIVE_DAYS."""
    return incident.is_open or update.at >= now - timedelta(days=LIVE_DAYS)


# --- the publication, and the ledger after it -------------------------------------------------


def publication(ledger: Ledger | None, site: Site, now: datetime) -> Publication:
    """Each update's identity and revision, and the withdrawals, as this build at ``now`` publishes them.

    An update the ledger knows keeps the identity it was first published under;
    a live one whose content changed since its last revision is a correction.
    """
    if ledger is None:
        return NO_LEDGER
    current = site_as_of(site, now)
    issues: dict[tuple[str, str], Issue] = {}
    for incident in current.incidents:
        for update in incident.updates:
            entry = ledger.entries.get(f"{incident.id}/{update.id}")
            revisions = _revisions(entry, now)
            if entry is None or not revisions:
                continue
            latest = len(revisions)
            settled = not is_live(incident, update, now) or _marked(entry, "expired", now)
            unchanged = settled or content_hash(as_of(incident, update), update) == revisions[-1]["hash"]
            if unchanged and not _marked(entry, "withdrawn", now):
                issue = Issue(entry["id"], latest, _issued(revisions, latest - 1), _issued(revisions, latest - 2))
            else:  # edited, or put back after a withdrawal: a correction, issued now
                issue = Issue(entry["id"], latest + 1, now, _issued(revisions, latest - 1))
            if "follows" in entry:
                follows = entry["follows"]
                issue = replace(
                    issue, follows=(follows[0], _time(follows[1])) if follows else None, follows_recorded=True
                )
            issues[(incident.id, update.id)] = issue
    _check_identities(issues, current)
    present = {f"{incident.id}/{update.id}" for incident in current.incidents for update in incident.updates}
    withdrawals = [
        _withdrawal(entry, now) for key, entry in ledger.entries.items() if _withdrawn(key, entry, present, now)
    ]
    withdrawals.sort(key=lambda w: (w.at, w.incident_id, w.published_id))
    return Publication(issues, tuple(withdrawals))


def _live_updates(site: Site, now: datetime) -> Iterable[tuple[Incident, Update]]:
    for incident in site.incidents:
        for update in incident.updates:
            if is_live(incident, update, now):
                yield incident, update


def _revisions(entry: dict | None, now: datetime) -> list[dict]:
    """The entry's revisions issued by ``now`` (a build as of an earlier moment knows none issued later)."""
    if entry is None:
        return []
    return [r for r in entry["revisions"] if _time(r["issued"]) <= now]


def _issued(revisions: list[dict], index: int) -> datetime | None:
    """When revision ``index`` (0-based) was issued; ``None`` for the first, issued at the update's own time."""
    return None if index <= 0 else _time(revisions[index]["issued"])


def _marked(entry: dict, mark: str, now: datetime) -> bool:
    return bool(entry.get(mark)) and _time(entry[mark]) <= now


def _withdrawn(key: str, entry: dict, present: set[str], now: datetime) -> bool:
    """Published by ``now``, still in the live window, and no longer in the files."""
    if key in present or _marked(entry, "expired", now) or not _revisions(entry, now):
        return False
    return now - timedelta(days=LIVE_DAYS) <= _time(entry["at"]) <= now


def _withdrawal(entry: dict, now: datetime) -> Withdrawal:
    revisions = _revisions(entry, now)
    return Withdrawal(
        incident_id=entry["incident"],
        published_id=entry["id"],
        at=_time(entry["at"]),
        title=entry["title"],
        status=entry["status"],
        broadcast=bool(entry.get("broadcast")),
        services=tuple(entry.get("services") or ()),
        areas=tuple(entry.get("areas") or ()),
        revision=len(revisions),
        last_issued_at=_issued(revisions, len(revisions) - 1) or _time(entry["at"]),
        withdrawn_at=_time(entry["withdrawn"]) if _marked(entry, "withdrawn", now) else now,
    )


def _check_identities(issues: Mapping[tuple[str, str], Issue], site: Site) -> None:
    """Two updates of one incident may never be published under one identity."""
    for incident in site.incidents:
        taken: dict[str, str] = {}
        for update in incident.updates:
            published = issues.get((incident.id, update.id))
            identity = published.published_id if published else update.id
            if identity in taken:
                raise LedgerError(
                    f"{incident.source}: updates {taken[identity]} and {update.id} would both be published as "
                    f"{identity!r}; give the newer one an explicit id:"
                )
            taken[identity] = update.id


def previous_in_thread(incident: Incident, update: Update) -> Update | None:
    """The update before ``update`` among those that broadcast alike (with bulletins, or without), if any."""
    broadcast = incident.broadcasts(update)
    earlier = [u for u in incident.updates[: update.number - 1] if incident.broadcasts(u) is broadcast]
    return earlier[-1] if earlier else None


def thread_predecessor(incident: Incident, update: Update) -> Update | None:
    """The update ``update`` follows in its thread of messages, or ``None`` if it starts one.

    A thread holds the updates that broadcast alike. One that ended with an all
    clear (a resolution) is closed: its consumers stop following it, so an
    incident reopened after it starts a new thread.
    """
    before = previous_in_thread(incident, update)
    return None if before is None or before.status.is_final else before


def followed(incident: Incident, update: Update, published: Publication) -> tuple[str, str] | None:
    """(published id, time) of the update ``update`` follows in its thread of messages, or ``None`` if it is the first."""
    before = thread_predecessor(incident, update)
    if before is None:
        return None
    return published.of(incident, before).published_id, before.at.isoformat()


def recorded(ledger: Ledger, site: Site, now: datetime, published: Publication) -> Ledger:
    """The ledger after this build: new identities and revisions added, withdrawals and expiries marked.

    Only what a build at ``now`` published is recorded, so recording is idempotent: the same files,
    ``now`` and ledger record nothing new a second time.
    """
    entries = {key: dict(entry) for key, entry in ledger.entries.items()}
    current = site_as_of(site, now)
    live = set()
    for incident, update in _live_updates(current, now):
        key = f"{incident.id}/{update.id}"
        live.add(key)
        issue = published.of(incident, update)
        facts = update.facts
        entry = entries.get(key)
        revisions = list(entry["revisions"]) if entry else []
        if issue.revision > len(revisions):
            digest = content_hash(as_of(incident, update), update)
            revisions.append({"hash": digest, "issued": (issue.issued_at or update.at).isoformat()})
        follows = entry["follows"] if entry and "follows" in entry else followed(incident, update, published)
        entries[key] = {
            "incident": incident.id,
            "update": update.id,
            "id": issue.published_id,
            "at": entry["at"] if entry else update.at.isoformat(),
            "title": incident.title,
            "status": update.status.value,
            "broadcast": incident.broadcasts(update),
            "services": [s.id for s in facts.services],
            "areas": [a.id for a in facts.areas],
            "revisions": revisions,
            "follows": list(follows) if follows else None,
        }
    withdrawn = {(w.incident_id, w.published_id): w for w in published.withdrawals}
    horizon = now - timedelta(days=LIVE_DAYS)
    for key, entry in entries.items():
        gone = withdrawn.get((entry["incident"], entry["id"]))
        if gone is not None:
            entry.setdefault("withdrawn", gone.withdrawn_at.isoformat())
        if key not in live and not entry.get("expired") and _time(entry["at"]) < horizon:
            entry["expired"] = now.isoformat()
    return Ledger(
        site=ledger.site, entries=entries, deliveries=dict(ledger.deliveries), recipients=dict(ledger.recipients)
    )
