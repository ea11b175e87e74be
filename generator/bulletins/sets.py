"""Which updates get bulletins, and every bulletin of one update (:class:`BulletinSet`).

Every update of an incident that broadcasts gets a bulletin set: radio scripts
for each configured length, a press release, a CAP 1.2 message, a notice for
technical contacts and its SMS form. A set is rendered from the incident *as
of its update* and that update's :class:`Issue` (its published identity and
revision) and nothing else, so a later update never changes what an earlier
set says. An update withdrawn from its file gets a :class:`WithdrawalSet`: a
kill notice for newsrooms and a CAP Cancel (in French too, on a site that lists
``fr``: ``fr.withdrawal``).

Files are published for open incidents and for ``KEEP_DAYS`` days, so the
output stays bounded at any history size; older updates remain on the
incident pages.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property

from jinja2 import Environment

from .. import display
from ..incidents.languages import site_in
from ..incidents.model import Config, Incident, Site, Update
from ..state.as_of import as_of
from ..state.ledger import LIVE_DAYS, Issue, Withdrawal, is_live
from ..state.now import Snapshot
from .cap import Thread, cap_alert, cap_cancel, cap_identifier, thread
from .fr.bulletins import FrenchBulletins
from .fr.withdrawal import FrenchWithdrawal, french_title
from .notice import notice, sms
from .press import press_release
from .radio import radio_scripts

KEEP_DAYS = LIVE_DAYS
"""Bulletin files are published for this many days after their update (and while the incident is open)."""

FILES = ("radio.txt", "press.txt", "cap.xml", "notice.txt", "sms.txt")
"""The files every set publishes, besides the radio script of each length."""


@dataclass(frozen=True)
class BulletinSet:
    """Every bulletin of one update, rendered on first use."""

    templates: Environment
    config: Config
    incident: Incident
    """The incident as of ``update``: that update is its latest."""
    update: Update
    issue: Issue
    previous: tuple[str, datetime] | None = None
    """The incident's CAP message before this one (identifier, sent), which this one supersedes."""
    reopens: tuple[str, datetime] | None = None
    """The all clear (identifier, sent) this update comes after, when it starts a new thread."""
    french: FrenchBulletins | None = None
    """The same update's bulletins in French, when status.yml's ``languages`` has ``fr``."""

    kind = "issue"

    @property
    def path(self) -> str:
        """``bulletins/<incident-id>/<update-id>/``: where its files live in the site."""
        return f"bulletins/{self.incident.id}/{self.issue.published_id}/"

    @property
    def id(self) -> str:
        """``<incident-id>/<update-id>``: stable, used in the index, feeds and email Message-IDs."""
        return f"{self.incident.id}/{self.issue.published_id}"

    @property
    def at(self) -> datetime:
        return self.update.at

    @property
    def issued_at(self) -> datetime:
        """When this revision was issued: the update's time, or when a correction was made."""
        return self.issue.issued_at or self.update.at

    @property
    def label(self) -> str:
        """``Correction: Identified`` or ``Identified``: how lists of bulletins name it."""
        prefix = "Correction: " if self.issue.is_correction else ""
        return prefix + self.update.status.label

    @cached_property
    def thread(self) -> Thread:
        return thread(self.config, self.incident, self.update, self.issue, self.previous, self.reopens)

    @cached_property
    def radio(self) -> dict[int, str]:
        return radio_scripts(self.templates, self.config, self.incident, self.update, self.issue)

    @cached_property
    def press(self) -> str:
        return press_release(self.templates, self.config, self.incident, self.update, self.issue)

    @cached_property
    def notice(self) -> str:
        return notice(self.templates, self.config, self.incident, self.update, self.issue)

    @cached_property
    def sms(self) -> str:
        return sms(self.templates, self.config, self.incident, self.update, self.issue)

    @cached_property
    def cap(self) -> bytes:
        others = (self.french.info,) if self.french is not None else ()
        return cap_alert(self.config, self.incident, self.update, self.thread, others)

    def files(self) -> dict[str, bytes]:
        """The set's files by their path in the site."""
        radio = "\n\n".join(self.radio[s] for s in sorted(self.radio))
        files = {
            f"{self.path}radio.txt": radio,
            f"{self.path}press.txt": self.press,
            f"{self.path}notice.txt": self.notice,
            f"{self.path}sms.txt": self.sms + "\n",
        }
        for seconds, script in sorted(self.radio.items()):
            files[f"{self.path}radio-{seconds}.txt"] = script
        encoded = {path: text.encode("utf-8") for path, text in files.items()}
        encoded[f"{self.path}cap.xml"] = self.cap
        if self.french is not None:
            encoded.update(self.french.files(self.path))
        return encoded


@dataclass(frozen=True)
class WithdrawalSet:
    """What replaces the bulletins of an update that was withdrawn: a kill notice and a CAP Cancel."""

    config: Config
    withdrawal: Withdrawal
    french: FrenchWithdrawal | None = None
    """The same kill notice in French and the Cancel's French block, when status.yml's ``languages`` has ``fr``."""

    kind = "withdrawal"

    @property
    def path(self) -> str:
        return f"bulletins/{self.withdrawal.incident_id}/{self.withdrawal.published_id}/"

    @property
    def id(self) -> str:
        return f"{self.withdrawal.incident_id}/{self.withdrawal.published_id}"

    @property
    def at(self) -> datetime:
        return self.withdrawal.at

    @property
    def issued_at(self) -> datetime:
        return self.withdrawal.withdrawn_at

    @cached_property
    def kill(self) -> str:
        """The kill notice newsrooms expect: which bulletin not to use any more, and who to call."""
        config, gone = self.config, self.withdrawal
        zone = config.timezone
        media = config.media_contact or config.contact
        contact = ", ".join(p for p in (media.name, media.title, config.name, media.phone, media.email) if p)
        return (
            f"KILL: {config.name.upper()} BULLETIN OF {display.clock(gone.at, zone).upper()}\n"
            f"Do not use the bulletin about “{gone.title}” issued for the update of "
            f"{display.clock(gone.at, zone)}, {display.day(gone.at, zone)}. {config.name} withdrew it at "
            f"{display.clock(gone.withdrawn_at, zone)}, {display.day(gone.withdrawn_at, zone)}.\n"
            f"NOT FOR AIR: contact {contact}.\n\n###\n"
        )

    @cached_property
    def cap(self) -> bytes:
        others = (self.french.info,) if self.french is not None else ()
        return cap_cancel(self.config, self.withdrawal, others)

    def files(self) -> dict[str, bytes]:
        files = {f"{self.path}{name}": self.kill.encode("utf-8") for name in ("radio.txt", "press.txt", "notice.txt")}
        files[f"{self.path}sms.txt"] = (self.kill.split("\n", 1)[0] + "\n").encode("utf-8")
        files[f"{self.path}cap.xml"] = self.cap
        if self.french is not None:
            files.update(self.french.files(self.path))
        return files


def _sets_of(
    templates: Environment, state: Snapshot, incident: Incident, broadcast: bool = True, french: Site | None = None
):
    """Each update of ``incident`` that broadcasts as ``broadcast`` says, as a set, oldest first.

    The CAP thread runs through them: each message references the first issue of the one before, until
    an all clear closes the thread; an update after it (a reopened incident) starts a new one that names
    the closed thread (``state.ledger.thread_predecessor`` decides the same for the ledger).
    """
    config = state.config
    in_french = next((i for i in french.incidents if i.id == incident.id), None) if french is not None else None
    last: tuple[str, datetime] | None = None
    last_final = False
    for update in incident.updates:
        if incident.broadcasts(update) is not broadcast:
            continue
        issue = state.publication.of(incident, update)
        previous = None if last_final else last
        if issue.follows_recorded:  # the message keeps the references it was first issued with
            follows = issue.follows
            previous = (cap_identifier(config, incident.id, follows[0]), follows[1]) if follows else None
        reopens = last if previous is None and last_final else None
        words = None
        if french is not None and in_french is not None:
            said = in_french.updates[update.number - 1]
            words = FrenchBulletins(templates, french.config, as_of(in_french, said), said, issue)
        yield BulletinSet(templates, config, as_of(incident, update), update, issue, previous, reopens, words)
        last, last_final = (cap_identifier(config, incident.id, issue.published_id), update.at), update.status.is_final


def french_site(state: Snapshot) -> Site | None:
    """The site as seen in French when status.yml's ``languages`` has ``fr``, else ``None``."""
    return site_in(state.site, "fr") if "fr" in state.config.languages else None


def published_sets(
    templates: Environment, state: Snapshot, french: Site | None = None, incidents: Iterable[Incident] | None = None
) -> list[BulletinSet]:
    """The bulletin sets with files in the site, newest first: live updates of incidents that broadcast.

    ``french``: the site as seen in French, for the French bulletins; by default :func:`french_site`.
    ``incidents``: only these incidents' sets (each incident's sets depend on it alone); by default all.
    """
    french = french if french is not None else french_site(state)
    sets = [
        item
        for incident in (state.site.incidents if incidents is None else incidents)
        for item in _sets_of(templates, state, incident, french=french)
        if is_live(incident, item.update, state.now)
    ]
    return sorted(sets, key=lambda s: (s.update.at, s.incident.id, s.issue.published_id), reverse=True)


def bulletin_set(
    templates: Environment, state: Snapshot, incident: Incident, update: Update, french: Site | None = None
) -> BulletinSet:
    """The set of any one update, broadcasting or not (``outage bulletin``), as the site would publish it.

    ``french``: the site as seen in French; by default :func:`french_site`.
    """
    broadcast = incident.broadcasts(update)
    french = french if french is not None else french_site(state)
    return next(s for s in _sets_of(templates, state, incident, broadcast, french) if s.update is update)


def withdrawal_sets(state: Snapshot, french: Site | None = None) -> list[WithdrawalSet]:
    """The withdrawn updates that had bulletins, newest first.

    ``french``: the site as seen in French, for the French kill notices; by default :func:`french_site`.
    """
    french = french if french is not None else french_site(state)

    def in_french(gone: Withdrawal) -> FrenchWithdrawal | None:
        return FrenchWithdrawal(french.config, gone, french_title(french, gone)) if french is not None else None

    gone = [WithdrawalSet(state.config, w, in_french(w)) for w in state.publication.withdrawals if w.broadcast]
    return sorted(gone, key=lambda s: (s.withdrawal.at, s.id), reverse=True)


def broadcast_updates(state: Snapshot) -> list[tuple[Incident, Update]]:
    """Every update that broadcasts, with the incident as of it, newest first (live or not)."""
    pairs = [(as_of(i, u), u) for i in state.site.incidents for u in i.updates if i.broadcasts(u)]
    return sorted(pairs, key=lambda pair: (pair[1].at, pair[0].id, pair[1].id), reverse=True)


def current_sets(sets: list[BulletinSet]) -> list[BulletinSet]:
    """The latest set of each incident that is still open: what a newsroom should read now."""
    latest: dict[str, BulletinSet] = {}
    for item in sets:  # newest first, so the first seen is the latest
        latest.setdefault(item.incident.id, item)
    return [item for item in latest.values() if item.incident.is_open]
