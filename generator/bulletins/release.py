"""What a press release says after its lede, decided once in no language; ``press`` and ``fr.press`` word it.

The English release and the French communiqué tell the same things in the
same order: the cause, the update quoted from the media contact (less what
the release already says), the estimate (or that it has passed, or that
there is none yet), when the next update is due, the latest entries of the
timeline in one zone, a correction line, and what customers should do. Only
the words and the typography differ, so each language passes its rulebook
(``editorial`` or ``editorial.fr``) and a small table of its words
(``ReleaseWords``); the headline and lede, where the grammar of the two
languages parts ways, stay in each language's module.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo
from types import ModuleType

from .. import display
from ..incidents.model import Config, Contact, Incident, Status, Update
from ..state.ledger import RESTATED, Issue
from .story import asked_to_call, moved_window, without_the_time

TIMELINE_ENTRIES = RESTATED + 1
"""The release shows the latest few updates and links to the page for the rest, so its cost stays flat.
The ledger counts the earlier ones as part of what the release says (a change to one is a correction)."""


@dataclass(frozen=True)
class PressFacts:
    correction: str
    """``CORRECTION: …`` when this release replaces an earlier version of the same update's release."""
    name: str
    media: Contact | None
    contact: Contact
    headline: str
    dateline: str
    lede: str
    body: tuple[str, ...]
    timeline: tuple[str, ...]
    timeline_zone: str
    """The zone the timeline's times are in: ``MST``, or ``MDT, then MST`` across a change of clocks."""
    earlier: int
    """How many earlier updates the timeline leaves out (they are on the incident page)."""
    advice: str
    url: str
    feed_url: str
    about: str


@dataclass(frozen=True)
class ReleaseWords:
    """One language's words for the part of a release said the same way in every language."""

    when: Callable[[datetime, datetime, tzinfo], str]
    """A moment as printed, by the release's own moment: ``3 p.m. Sunday``."""
    window: Callable[[datetime, datetime, datetime, tzinfo], str]
    """A window of planned work as printed, by the release's own moment."""
    planned_work: Mapping[Status, tuple[str, str]]
    """Headline and lede of planned work by status, with ``{services}``, ``{where}``, ``{name}``, ``{span}`` (the
    window), ``{end}``, ``{done}`` (the update's time) and the language's own names (``planned_work``); a status
    not in it reads as cancelled."""
    during: str
    """``During the work, ``: the safety advice of work still to come."""
    expects: str
    """``The company expects service back by {when}.``"""
    passed: str
    no_estimate: str
    next_update: str
    timeline_entry: Callable[[Update, tzinfo], str]
    zone_name: Callable[[datetime, tzinfo], str]
    correction: Callable[[datetime, datetime, tzinfo], str]
    """The correction line, from the moment of the release replaced."""
    still_without: str
    """What to do at an all clear, with ``{name}`` and ``{phone}``."""
    no_need_to_call: str
    moved: tuple[str, str] = ("", "")
    """Headline and lede of announced work this update moved, with ``{before}`` (the window first announced)."""
    quoted_no_need: re.Pattern[str] | None = None
    """Staff quoted saying there is no need to call: the release then does not say it again."""


def capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def sentence(text: str) -> str:
    text = " ".join(text.split())
    return text if text.endswith((".", "!", "?")) else text + "."


def planned_work(
    config: Config, incident: Incident, update: Update, advice: str, words: ReleaseWords, **names: str
) -> tuple[str, str, list[str]]:
    """Headline, lede and first paragraphs of planned work: to come (announced), under way, being tested, done,
    cancelled. Safety is in the lede itself; the expected impact is said while it is still a forecast."""
    window = incident.window
    assert window is not None
    at, zone = update.at, config.timezone
    span, end = words.window(window.start, window.end, at, zone), words.when(window.end, at, zone)
    lines = words.planned_work.get(update.status, words.planned_work[Status.CANCELLED])
    before = ""
    if words.moved[0] and (moved := moved_window(incident, update)) is not None:
        # The first date is off: the headline and lede say so, the first window printed with its date (as from
        # a week before it), never "Thursday" beside the new Thursday.
        lines, before = words.moved, words.window(moved.start, moved.end, moved.start - timedelta(days=7), zone)
    done = words.when(at, at, zone)  # when the work was reported done: the update's own time
    headline, lede = (
        line.format(name=config.name, span=span, end=end, before=before, done=done, **names) for line in lines
    )
    if advice:
        lede += " " + (
            f"{words.during}{advice[:1].lower()}{advice[1:]}" if update.status is Status.SCHEDULED else advice
        )
    forecast = incident.expected_impact and update.status in (Status.SCHEDULED, Status.IN_PROGRESS)
    return headline, lede, [sentence(display.plain(incident.expected_impact))] if forecast else []


def quoted_sentences(
    message: str,
    config: Config,
    said: list[str],
    estimate,
    rules: ModuleType,
    safety: re.Pattern[str] | None = None,
    keep_leaned_on: bool = False,
) -> str:
    """The update as the media contact is quoted saying it: page talk out, a clause stating ``estimate`` out
    (the release says it in its own paragraph), and the sentences that only say again what the release
    says (``said``) out, unless that is all the message says. ``safety``: staff's own words of the 911
    advice, left out (the release gives the configured advice once). ``keep_leaned_on``: a sentence the
    release already says stays when the next leans on it ("Until it is removed, …")."""
    sentences = [s for s in map(rules.without_page_talk, rules.split_sentences(display.plain(message))) if s]
    sentences = without_the_time(sentences, estimate, config.timezone)
    if safety is not None:
        sentences = [s for s in sentences if not safety.search(s)]
    kept = [
        s
        for i, s in enumerate(sentences)
        if not rules.restates(s, said)
        or (keep_leaned_on and i + 1 < len(sentences) and rules.leans_on_the_sentence_before(sentences[i + 1]))
    ]
    return " ".join(kept) or " ".join(sentences)


def estimate_paragraphs(
    incident: Incident, update: Update, eta, passed, zone: tzinfo, words: ReleaseWords
) -> list[str]:
    """When service is expected back (or that the estimate passed, or that there is none), and the next update."""
    at, final = update.at, update.status.is_final
    paragraphs: list[str] = []
    if not final and not incident.is_maintenance:
        if eta:
            paragraphs.append(words.expects.format(when=words.when(eta, at, zone)))
        elif passed:
            paragraphs.append(words.passed.format(when=words.when(passed, at, zone)))
        elif update.status is not Status.MONITORING:
            paragraphs.append(words.no_estimate)
    if update.next_update and not final:
        paragraphs.append(words.next_update.format(when=words.when(update.next_update, at, zone)))
    return paragraphs


def timeline(incident: Incident, zone: tzinfo, words: ReleaseWords) -> tuple[tuple[str, ...], list[str], int]:
    """The latest entries of the timeline, the zones their times are in, and how many earlier ones are left out."""
    shown = incident.updates[-TIMELINE_ENTRIES:]
    zones = list(dict.fromkeys(words.zone_name(u.at, zone) for u in shown))
    entries = tuple(words.timeline_entry(u, zone) for u in shown)
    return entries, zones, len(incident.updates) - len(shown)


def correction(issue: Issue | None, update: Update, zone: tzinfo, words: ReleaseWords) -> str:
    if issue is None or not issue.is_correction:
        return ""
    return words.correction(issue.previous_issued_at or update.at, update.at, zone)


def closing(
    config: Config, incident: Incident, update: Update, quote: str, rules: ModuleType, words: ReleaseWords
) -> str:
    """What customers should do, unless the quote already says it."""
    final = update.status.is_final
    if final and any(rules.tells_people_what_to_do(s) for s in rules.split_sentences(display.plain(update.message))):
        return ""  # the quote already says what to do
    if final:
        return words.still_without.format(name=config.name, phone=config.contact.phone)
    if update.status is Status.CANCELLED:
        return ""
    if words.quoted_no_need is not None and words.quoted_no_need.search(quote):
        return ""  # the contact is quoted saying it already
    if asked_to_call(incident, update):
        return ""  # staff ask some customers to call: "no need to call" would contradict them
    return words.no_need_to_call
