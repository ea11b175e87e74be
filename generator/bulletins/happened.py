"""What happened when, in no language: the facts an all clear tells about the outage it ends.

English and French radio word these facts differently and decide them once,
here: the updates of the outage an all clear ends, when service first came
back, when it dropped again after an earlier all clear (as the reopening
update says it), and why each outage happened. ``incident`` is the incident
as of ``update`` in the language being written (its messages and causes in
that language); ``split`` is that language's sentence splitter.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo

from .. import display
from ..incidents.model import Incident, Status, Update
from . import editorial as e
from .editorial import fr

Split = Callable[[str], list[str]]


def episode(incident: Incident, update: Update) -> list[Update]:
    """The updates of the outage (or window) ``update`` belongs to: since the last all clear before it."""
    updates: list[Update] = []
    for earlier in incident.updates[: update.number]:
        updates = [] if earlier.status.is_final and earlier is not update else [*updates, earlier]
    return updates


def first_coming_back(incident: Incident, update: Update) -> Update | None:
    """The first monitoring update of the outage a resolution ends (after any earlier all clear), if there was one."""
    if update.status is not Status.RESOLVED:
        return None
    return next((u for u in episode(incident, update) if u.status is Status.MONITORING), None)


def reopened_moments(incident: Incident, update: Update) -> tuple[Update, Update] | None:
    """At an all clear after a reopening: the update that first said service was back (its first coming
    back, else its all clear) and the one that reported it out again; None otherwise."""
    if update.status is not Status.RESOLVED:
        return None
    earlier = incident.updates[: update.number - 1]
    clears = [i for i, u in enumerate(earlier) if u.status is Status.RESOLVED]
    if not clears or clears[-1] + 1 >= len(earlier):
        return None
    cleared, reopened = earlier[clears[-1]], earlier[clears[-1] + 1]
    start = clears[-2] + 1 if len(clears) > 1 else 0
    back = next((u for u in earlier[start : clears[-1]] if u.status is Status.MONITORING), cleared)
    return back, reopened


def cleared_before(incident: Incident, update: Update) -> Update | None:
    """The all clear the outage of an open ``update`` came after (it was reopened), else ``None``."""
    if update.status.is_final:
        return None
    first = episode(incident, update)[0]
    before = incident.updates[first.number - 2] if first.number >= 2 else None
    return before if before is not None and before.status is Status.RESOLVED else None


def outage_before(incident: Incident, update: Update) -> tuple[datetime, datetime] | None:
    """For an open ``update`` of an incident reopened once: when the first outage began and when service first
    came back (its first coming back, else its all clear); None otherwise."""
    cleared = cleared_before(incident, update)
    if cleared is None:
        return None
    earlier = incident.updates[: cleared.number]
    if sum(u.status is Status.RESOLVED for u in earlier) != 1:
        return None
    back = next((u for u in earlier if u.status is Status.MONITORING), cleared)
    return incident.began_at, back.at


def start_known(incident: Incident, update: Update) -> bool:
    """Whether the copy knows when the outage began: the file's ``began_at``, or an outage that dropped again
    after an all clear (when its update says, else when that was reported). Without either, only when it was
    first reported is known, and "since 8:40 a.m." would date from the first post what began overnight."""
    return incident.began_at_setting is not None or cleared_before(incident, update) is not None


def outage_began(incident: Incident, update: Update, zone: tzinfo, split: Split) -> datetime:
    """When the outage an open ``update`` tells of began: for a reopened incident, when service dropped
    again (as the reopening update says it, ``dropped again at 4:30 p.m.``, else when that was reported),
    not when the first outage, over since the all clear, began. Else the incident's ``began_at``."""
    cleared = cleared_before(incident, update)
    if cleared is None:
        return incident.began_at
    reported = episode(incident, update)[0]
    return _dropped_at(cleared, reported, zone, split) or reported.at


def outage_cause(incident: Incident, update: Update, split: Split) -> str:
    """The cause of the outage an open ``update`` tells of. For a reopened incident, only the sentences the
    cause gained since the all clear (``When utility power returned, a faulty transfer switch cut the power a
    second time.``): until then the cause carried over is the first outage's, not known for this one."""
    cleared = cleared_before(incident, update)
    if cleared is None or not incident.cause:
        return incident.cause
    before = set(split(display.plain(cleared.facts.cause))) if cleared.facts.cause else set()
    return " ".join(s for s in split(display.plain(incident.cause)) if s not in before)


def _dropped_at(cleared: Update, reported: Update, zone: tzinfo, split: Split) -> datetime | None:
    """The clock time ``reported``'s message gives between the all clear and itself, if one."""
    return next((moment for moment, _ in _stated_moments(cleared, reported, zone, split)), None)


def _stated_moments(cleared: Update, reported: Update, zone: tzinfo, split: Split):
    for sentence in split(display.plain(reported.message)):
        clock = e.stated_clock(sentence) or fr.stated_clock(sentence)
        if clock is None:
            continue
        day = reported.at.astimezone(zone)
        dropped = day.replace(hour=clock[0], minute=clock[1], second=0, microsecond=0)
        if cleared.at <= dropped <= reported.at:
            yield dropped, sentence


@dataclass(frozen=True)
class Reopening:
    """An outage that came back after an all clear, as the all clear that ends it tells it."""

    back_at: datetime
    """When the company first said service was back (its first coming back, else its all clear)."""
    reported_at: datetime
    """When the company reported service out again."""
    dropped_at: datetime | None
    """When service dropped again, as the reopening update says (``dropped again at 4:30 p.m.``); None if it
    does not say, or says a time outside the all clear and the report."""
    told_in: str
    """The reopening update's sentence that says when it dropped: the all clear says that once, in its own words."""


def reopening(incident: Incident, update: Update, zone: tzinfo, split: Split) -> Reopening | None:
    """At an all clear after a reopening, when service came back and when it went out again; None otherwise."""
    moments = reopened_moments(incident, update)
    if moments is None:
        return None
    back, reported = moments
    cleared = incident.updates[reported.number - 2]
    for dropped, sentence in _stated_moments(cleared, reported, zone, split):
        return Reopening(back.at, reported.at, dropped, sentence)
    return Reopening(back.at, reported.at, None, "")


def two_outages(incident: Incident, update: Update, zone: tzinfo, split: Split) -> tuple[timedelta, Reopening] | None:
    """At an all clear after the one reopening of an incident: how long service was out in all, and the
    reopening. The first outage counts until service first came back, the second from when it dropped again
    (else when that was reported) until it came back (its first coming back, else this all clear): not "began at
    1:50 and lasted four and a quarter hours" when service was back from 3:25 to 4:30. None otherwise."""
    told = reopening(incident, update, zone, split)
    if told is None or sum(u.status is Status.RESOLVED for u in incident.updates[: update.number - 1]) != 1:
        return None
    # Each outage counted the same way: until service came back (its first coming back, else its all clear).
    came_back = first_coming_back(incident, update)
    first = e.elapsed(incident.began_at, told.back_at)
    second = e.elapsed(told.dropped_at or told.reported_at, came_back.at if came_back else update.at)
    return first + second, told


def out_in_all(incident: Incident, update: Update, zone: tzinfo, split: Split) -> timedelta | None:
    """``two_outages``' time out in all, or None."""
    found = two_outages(incident, update, zone, split)
    return found[0] if found else None


@dataclass(frozen=True)
class ReopeningWords:
    """How a language tells a reopening at the all clear; ``{back}``, ``{dropped}``, ``{reported}`` are times said."""

    dropped: str
    """``Service first came back at {back}, but it went out again at {dropped}.``"""
    reported: str
    """When the company did not say when it dropped: ``…, but the company reported it out again at {reported}.``"""


def reopening_story(
    incident: Incident,
    update: Update,
    zone: tzinfo,
    split: Split,
    spoken_time: Callable[[datetime, datetime, tzinfo], str],
    spoken_clock: Callable[[datetime, tzinfo], str],
    words: ReopeningWords,
) -> str:
    """At an all clear after a reopening, the one sentence that tells it (the listener heard the first all clear):
    when service first came back and when it dropped again, else when that was reported; ``""`` otherwise.
    The day words are said once when both times share them."""
    told = reopening(incident, update, zone, split)
    if told is None:
        return ""
    back = spoken_time(told.back_at, update.at, zone)
    if told.dropped_at is None:
        return words.reported.format(back=back, reported=spoken_time(told.reported_at, update.at, zone))
    dropped = day_said_once(back, spoken_time(told.dropped_at, update.at, zone), spoken_clock(told.dropped_at, zone))
    return words.dropped.format(back=back, dropped=dropped)


def day_said_once(earlier: str, later: str, clock: str) -> str:
    """``four-thirty`` for ``four-thirty this afternoon`` (``later``, whose bare clock is ``clock``) when
    ``earlier`` ended with the same day words: "came back at three-twenty-five this afternoon, but went
    out again at four-thirty", not "this afternoon" twice. Any language: only the words are compared."""
    rest = later[len(clock) :] if later.startswith(clock) else ""
    return clock if rest.strip() and earlier.endswith(rest) else later


def outage_causes(incident: Incident, update: Update, split: Split) -> tuple[tuple[str, ...], ...]:
    """Why each outage happened, earliest first, as sentences of the cause staff wrote.

    At an all clear after a reopening, the cause as of each earlier all clear, then the sentences the
    later cause adds (``When utility power returned, a faulty transfer switch cut the power a second
    time.``); otherwise the cause alone. Empty until a cause is known.
    """
    if not incident.cause:
        return ()
    if not update.status.is_final:
        cause = outage_cause(incident, update, split)
        return (tuple(split(display.plain(cause))),) if cause else ()
    if reopened_moments(incident, update) is None:
        return (tuple(split(display.plain(incident.cause))),)
    clears = [u for u in incident.updates[: update.number - 1] if u.status is Status.RESOLVED]
    parts: list[tuple[str, ...]] = []
    said: set[str] = set()
    for ended in (*clears, update):
        if not ended.facts.cause or "cause" in ended.facts.untranslated:
            continue  # a cause given only in another language is not said in this one
        new = tuple(s for s in split(display.plain(ended.facts.cause)) if s not in said)
        if new:
            parts.append(new)
            said.update(new)
    return tuple(parts)


def earlier_news(incident: Incident, update: Update, zone: tzinfo, split: Split) -> str:
    """The sentences of the earlier updates of the outage or window ``update`` ends, for its all clear to
    pick past-tense news from ("The switch restarted at 1:52 a.m. and was out for 11 minutes."); the
    sentence that said when service dropped again is left out, as the story of the reopening says it,
    and so is a message given only in another language."""
    told = reopening(incident, update, zone, split)
    told_in = told.told_in if told else ""
    return " ".join(
        sentence
        for earlier in episode(incident, update)
        if earlier is not update and "message" not in earlier.untranslated
        for sentence in split(display.plain(earlier.message))
        if sentence != told_in
    )


def cause_wordings(
    parts: tuple[tuple[str, ...], ...],
    say: Callable[[str], str],
    readable: Callable[[str], bool],
    attributed: Callable[[str], str],
) -> tuple[str, ...]:
    """The cause as said, fullest first: every readable sentence; then, briefly, the first sentence of each
    outage's cause with its asides left out. Nothing when an outage's first sentence cannot be read on air
    (the rest would not make sense without it). ``attributed`` puts a text in the company's mouth."""
    full: list[str] = []
    brief: list[str] = []
    for sentences in parts:
        said = [say(s) for s in sentences]
        if not said or not readable(said[0]):
            return ()
        full.extend(_sentence(s) for s in said if readable(s))
        brief.append(_sentence(say(e.without_asides(sentences[0]))))
    if not full:
        return ()
    wordings = [w for w in (attributed(" ".join(full)), attributed(" ".join(brief))) if w]
    return tuple(dict.fromkeys(wordings))


def _sentence(text: str) -> str:
    text = text.strip()
    return text if not text or text.endswith((".", "!", "?")) else text + "."


def work_began(incident: Incident, update: Update) -> datetime | None:
    """When the planned work an in-progress, verifying or completed ``update`` tells of began: the time of the
    first in-progress update of its window (staff's "the upgrade has started"); ``None`` before the work or
    when no update said it started."""
    if not incident.is_maintenance or update.status not in (Status.IN_PROGRESS, Status.VERIFYING, Status.COMPLETED):
        return None
    return next((u.at for u in episode(incident, update) if u.status is Status.IN_PROGRESS), None)


def first_outage_news(incident: Incident, update: Update, split: Split) -> tuple[str, str]:
    """For an open ``update`` of an outage reopened after an all clear: why the first outage happened (its cause
    as of that all clear) and the sentences its updates gave, for the past-tense news among them ("… so the
    backup batteries ran down."); ``("", "")`` otherwise. Only what was said by that all clear: nothing later."""
    cleared = cleared_before(incident, update)
    if cleared is None or outage_before(incident, update) is None:
        return "", ""
    cause = "" if "cause" in cleared.facts.untranslated else display.plain(cleared.facts.cause or "")
    told = " ".join(
        sentence
        for earlier in incident.updates[: cleared.number]
        if "message" not in earlier.untranslated
        for sentence in split(display.plain(earlier.message))
    )
    return cause, told
