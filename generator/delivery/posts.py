"""What channels are told: each published update (or its correction, or its withdrawal), reminders of
planned work, and bulletins — as :class:`Post` items the ledger keeps books on like emailed bulletins.

Only what a build published is posted: an update the ledger records (the
build records every update it publishes), at the revision it recorded. An
update edited since the last build waits for the next build, which issues
the correction. Each post carries the incident *as of its update*, from which
its message is rendered, like the bulletins.

Reporting duties (``duties``) are posted to the channels that take them, for
staff: once as each falls due, and once more if it becomes overdue, each said
as it stood at that moment, and never once a ``reported:`` entry covers it.

Reminders of planned work are due at fixed offsets before its window opens
(72 h, 24 h and as it opens, by default). Runs can be missed (GitHub's
schedule skips runs under load, a workflow can be off for a while), so "what
fell due since the last run" is kept in the ledger, not in the time of the
last run: of the reminders due now for the window as last announced, the
latest is owed until it is sent, once. Earlier ones it supersedes are never
sent late, and none is due for a window already over, for work no longer
scheduled, or from before the window was last announced (the announcement
itself said it).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from ..incidents.model import MAINTENANCE_STATUSES, Channel, Impact, Incident, Site, Status, Update, update_id
from ..reporting.duties import Duty
from ..reporting.duties import Status as DutyStatus
from ..reporting.outages import outage_duties, site_duties
from ..reporting.setup import Setup
from ..state.as_of import as_of, existing, site_as_of
from ..state.ledger import Issue, Ledger, Withdrawal, is_live, publication
from .published import Bulletin, bulletin_key

INCIDENTS = "incidents"
MAINTENANCE = "maintenance"
BULLETINS = "bulletins"
DUTIES = "duties"
_MAINTENANCE_STATUS_NAMES = frozenset(s.value for s in MAINTENANCE_STATUSES)


@dataclass(frozen=True)
class Post:
    """One thing to tell a channel. The fields the books need (``owed.Owed``), and what to render it from."""

    id: str
    """``<incident>/<published update id>``; ``<incident>/reminder-24h-<window start>``; ``bulletin:<bulletin id>``."""
    incident: str
    update: str
    title: str
    status: str
    at: datetime
    """The update's time; a reminder's, when it fell due."""
    topic: str
    """``incidents``, ``maintenance``, ``bulletins`` or ``duties``: what a channel's ``kinds`` choose from."""
    services: frozenset[str] = frozenset()
    """Every service the incident named up to this update: a channel that had it hears it out."""
    areas: frozenset[str] = frozenset()
    impact: Impact | None = None
    """The highest impact up to this update (incidents only)."""
    revision: int = 1
    kind: str = "issue"
    """``issue``, ``correction`` or ``withdrawal``."""
    issued: datetime | None = None
    source: Incident | None = None
    """The incident as of the update (as of now, for a reminder); ``None`` for a withdrawal."""
    source_update: Update | None = None
    issue: Issue | None = None
    withdrawal: Withdrawal | None = None
    reminder: timedelta | None = None
    bulletin: Bulletin | None = None
    duty: Duty | None = None
    """A reporting duty as it stood when it fell due (``status`` ``due``) or became overdue (``overdue``)."""

    @property
    def key(self) -> str:
        return bulletin_key(self.id, self.revision, self.kind)

    @property
    def thread(self) -> str:
        """What a new channel gets the latest of: per incident, and per topic (an update and its bulletin);
        per duty, for duties (a duty overdue is news of its own, not the one before it)."""
        if self.duty is not None:
            return f"{self.topic}:{self.incident}/{self.duty.key}"
        return f"{self.topic}:{self.incident}"


@dataclass(frozen=True)
class Waiting:
    """An update the files changed after the last build: posted once a build has published it."""

    incident: str
    update: str


def update_posts(site: Site, ledger: Ledger, now: datetime) -> tuple[list[Post], list[Waiting]]:
    """A post for every live update the ledger records as published, at its revision, and every withdrawal."""
    current = site_as_of(site, now)
    published = publication(ledger, site, now)
    posts: list[Post] = []
    waiting: list[Waiting] = []
    for incident in current.incidents:
        for update in incident.updates:
            entry = ledger.entries.get(f"{incident.id}/{update.id}")
            if entry is None or entry.get("expired") or not is_live(incident, update, now):
                continue
            issue = published.of(incident, update)
            recorded = sum(1 for r in entry["revisions"] if datetime.fromisoformat(r["issued"]) <= now)
            if issue.revision > recorded:
                waiting.append(Waiting(incident.id, issue.published_id))
                continue
            posts.append(_update_post(as_of(incident, update), update, issue))
    for gone in published.withdrawals:
        if _recorded_withdrawal(ledger, gone):
            posts.append(_withdrawal_post(gone))
    return posts, waiting


def _update_post(incident: Incident, update: Update, issue: Issue) -> Post:
    so_far = incident.updates[: update.number]
    impacts = [u.facts.impact for u in so_far if u.facts.impact is not None]
    return Post(
        id=f"{incident.id}/{issue.published_id}",
        incident=incident.id,
        update=issue.published_id,
        title=incident.title,
        status=update.status.value,
        at=update.at,
        topic=MAINTENANCE if incident.is_maintenance else INCIDENTS,
        services=frozenset(s.id for u in so_far for s in u.facts.services),
        areas=frozenset(a.id for u in so_far for a in u.facts.areas),
        impact=max(impacts, key=list(Impact).index) if impacts else None,
        revision=issue.revision,
        kind="correction" if issue.is_correction else "issue",
        issued=issue.issued_at or update.at,
        source=incident,
        source_update=update,
        issue=issue,
    )


def _recorded_withdrawal(ledger: Ledger, gone: Withdrawal) -> bool:
    """Whether a build recorded the withdrawal (published it): its ledger entry is marked withdrawn."""
    return any(
        entry["incident"] == gone.incident_id and entry["id"] == gone.published_id and entry.get("withdrawn")
        for entry in ledger.entries.values()
    )


def _withdrawal_post(gone: Withdrawal) -> Post:
    return Post(
        id=f"{gone.incident_id}/{gone.published_id}",
        incident=gone.incident_id,
        update=gone.published_id,
        title=gone.title,
        status=gone.status,
        at=gone.at,
        topic=MAINTENANCE if gone.status in _MAINTENANCE_STATUS_NAMES else INCIDENTS,
        services=frozenset(gone.services),
        areas=frozenset(gone.areas),
        revision=gone.revision,
        kind="withdrawal",
        issued=gone.withdrawn_at,
        withdrawal=gone,
    )


def reminder_posts(site: Site, ledger: Ledger, now: datetime, offsets: Iterable[timedelta]) -> list[Post]:
    """For each planned work still scheduled, the latest reminder due by ``now`` (see the module's notes)."""
    offsets = sorted(set(offsets), reverse=True)
    posts = []
    for incident in site_as_of(site, now).incidents:
        window = incident.window
        if not incident.is_maintenance or window is None or incident.status is not Status.SCHEDULED:
            continue
        if f"{incident.id}/{incident.latest.id}" not in ledger.entries or now >= window.end:
            continue  # not yet published, or over
        announced = _announced(incident)
        due = [(window.start - offset, offset) for offset in offsets]
        due = [(moment, offset) for moment, offset in due if announced < moment <= now]
        if not due:
            continue
        moment, offset = max(due)
        posts.append(
            Post(
                id=f"{incident.id}/reminder-{duration_text(offset)}-{update_id(window.start)}",
                incident=incident.id,
                update=f"reminder-{duration_text(offset)}-{update_id(window.start)}",
                title=incident.title,
                status=incident.status.value,
                at=moment,
                topic=MAINTENANCE,
                services=frozenset(s.id for s in incident.services),
                areas=frozenset(a.id for a in incident.areas),
                issued=moment,
                source=incident,
                source_update=incident.latest,
                reminder=offset,
            )
        )
    return posts


def duty_posts(site: Site, setup: Setup, now: datetime) -> list[Post]:
    """For each reporting duty not yet reported at ``now``: a post as it fell due, and one if it is overdue."""
    posts = []
    for outage in site_duties(site, setup, now):
        incident = outage.incident
        for duty in outage.pending:
            assert duty.clock_start is not None and duty.deadline is not None  # due or overdue: its clock runs
            steps = [(DutyStatus.DUE, duty.clock_start)]
            if duty.status is DutyStatus.OVERDUE:
                steps.append((DutyStatus.OVERDUE, duty.deadline))
            for step, moment in steps:
                then, said = _duty_at(incident, setup, duty.key, moment, site.config.timezone) or (incident, duty)
                step_name = step.value.replace(" ", "-")
                posts.append(
                    Post(
                        id=f"duty:{incident.id}/{duty.key}/{step_name}",
                        incident=incident.id,
                        update=f"{duty.key}/{step_name}",
                        title=incident.title,
                        status=step.value,
                        at=moment,
                        topic=DUTIES,
                        services=frozenset(s.id for s in incident.services),
                        areas=frozenset(a.id for a in incident.areas),
                        issued=moment,
                        source=then,
                        duty=said,
                    )
                )
    return posts


def _duty_at(incident: Incident, setup: Setup, key: str, moment: datetime, zone) -> tuple[Incident, Duty] | None:
    """The incident and the duty as they stood at ``moment`` (earlier than now): what a post made then
    would have said, whenever it is sent. Only this incident is cut at ``moment``, not the whole site."""
    then = existing(incident, moment)
    outage = outage_duties(then, setup, moment, zone) if then is not None else None
    duty = next((d for d in outage.duties if d.key == key), None) if outage is not None else None
    return (outage.incident, duty) if outage is not None and duty is not None else None


def _announced(incident: Incident) -> datetime:
    """When the window as it stands now was announced: the first update of the last run that states it."""
    announced = incident.latest.at
    for update in reversed(incident.updates):
        if update.facts.window != incident.window:
            break
        announced = update.at
    return announced


def bulletin_posts(bulletins: Iterable[Bulletin]) -> list[Post]:
    """A post for each bulletin (or correction, or withdrawal) of the build's index."""
    return [
        Post(
            id=f"bulletin:{b.id}",
            incident=b.incident,
            update=b.update,
            title=b.title,
            status=b.status,
            at=b.at,
            topic=BULLETINS,
            services=frozenset(b.services),
            areas=frozenset(b.areas),
            revision=b.revision,
            kind=b.kind,
            issued=b.issued or b.at,
            bulletin=b,
        )
        for b in bulletins
    ]


def wants(channel: Channel, post: Post) -> bool:
    """Whether the channel takes the post: its kinds, then services and areas (any in common), then impact.

    The minimum impact applies to incidents: planned work, bulletins and duties are chosen by ``kinds``.
    """
    if post.topic not in channel.kinds:
        return False
    if channel.services and not channel.services & post.services:
        return False
    if channel.areas and not channel.areas & post.areas:
        return False
    if channel.impact is not None and post.topic == INCIDENTS and post.kind != "withdrawal":
        order = list(Impact)
        return post.impact is not None and order.index(post.impact) >= order.index(channel.impact)
    return True


def in_order(posts: Iterable[Post]) -> list[Post]:
    """Oldest first, as they were issued: a channel reads them in the order they happened."""
    return sorted(posts, key=lambda p: (p.issued or p.at, p.at, p.incident, p.update, p.revision))


def duration_text(offset: timedelta) -> str:
    """``72h``, ``90m``, ``0h``: an offset as written in a channels file."""
    minutes = int(offset.total_seconds() // 60)
    if minutes % 60:
        return f"{minutes}m"
    return f"{minutes // 60}h"
