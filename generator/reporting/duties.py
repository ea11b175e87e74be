"""Which reporting duties an outage has at ``now``, when each is due, and whether it was done.

A rule applies once the outage meets its conditions (the services' categories,
community isolation, every threshold, or one of the rules it ``follows``).
Its clock then starts at discovery, when the outage became major (never before
it was discovered), at restoration, or when another duty was reported, and
runs for ``within`` in elapsed time. A duty is *not yet due* while its clock
has not started, *due* until its deadline, *overdue* after it, and *reported*
once a :class:`~generator.reporting.facts.Reported` record covers every
recipient.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from . import words
from .facts import OutageFacts, Reported
from .minutes import Timeline
from .regimes import Regime, Rule


class Status(StrEnum):
    NOT_YET_DUE = "not yet due"
    DUE = "due"
    OVERDUE = "overdue"
    REPORTED = "reported"


@dataclass(frozen=True)
class Figures:
    """The outage's size at the end of what is known (now, or restoration)."""

    user_minutes: int
    potentially_affected_user_minutes: int
    customers: int
    peak_customers: int
    lasted: timedelta
    """From the start to now, or to restoration."""


@dataclass(frozen=True)
class Duty:
    regime: Regime
    rule: Rule
    met_at: datetime
    """When the outage met the rule's conditions (a threshold crossed, or the outage began)."""
    clock_start: datetime | None
    """When the time allowed started; ``None`` while it has not (before restoration, say)."""
    deadline: datetime | None
    status: Status
    recipients: tuple[str, ...]
    """Recipient ids, in the rule's order."""
    outstanding: tuple[str, ...]
    """Recipient ids no ``Reported`` record covers yet."""
    reports: tuple[Reported, ...]
    late: bool
    """Reported, but after the deadline."""
    figures: Figures
    """The outage's size now (or at restoration): what a draft reports."""
    crossing: Figures
    """Its size when the rule's conditions were met: what "crossed at 09:35" was crossed with."""
    message: str

    @property
    def key(self) -> str:
        """``regime-id/rule-id``: what a ``Reported`` record names."""
        return f"{self.regime.id}/{self.rule.id}"


def duties(
    facts: OutageFacts,
    regimes: Sequence[Regime],
    now: datetime,
    *,
    zone: ZoneInfo,
    reported: Sequence[Reported] = (),
    names: Mapping[str, str] | None = None,
) -> list[Duty]:
    """Every duty the outage has at ``now`` under the regimes in force, soonest deadline first.

    ``names`` gives recipients the organisation's names for them, e.g.
    ``{"emergency-management": "Alberta Emergency Management Agency"}``.
    Nothing after ``now`` is used: later points and reports do not exist yet.
    """
    now = now.astimezone(UTC)
    if now < facts.discovered_at:
        return []
    timeline = Timeline(facts, now)
    began_on = facts.began_at.astimezone(zone).date()
    known = [r for r in reported if r.at <= now]
    found: list[tuple[int, int, Duty]] = []
    for order, regime in enumerate(regimes):
        if not regime.in_force_on(began_on):
            continue
        met = _met(regime, facts, timeline, began_on)
        for position, rule in enumerate(regime.rules):
            if met[rule.id] is not None:
                duty = _duty(
                    regime, rule, timeline.moment(met[rule.id]), facts, timeline, now, zone, known, names or {}
                )
                found.append((order, position, duty))
    far = datetime.max.replace(tzinfo=UTC)
    found.sort(key=lambda item: (item[2].deadline or far, item[0], item[1]))
    return [duty for _, _, duty in found]


def regimes_not_in_force(facts: OutageFacts, regimes: Sequence[Regime], zone: ZoneInfo) -> list[Regime]:
    """The regimes that do not cover this outage (not yet in force, or replaced), to say so."""
    began_on = facts.began_at.astimezone(zone).date()
    return [r for r in regimes if not r.in_force_on(began_on)]


# --- when each rule's conditions were met, in seconds from the start ------------------


def _met(regime: Regime, facts: OutageFacts, timeline: Timeline, began_on: date) -> dict[str, int | None]:
    by_id = {rule.id: rule for rule in regime.rules}
    done: dict[str, int | None] = {}

    def met(rule: Rule) -> int | None:
        if rule.id not in done:
            own = _own_conditions(rule, facts, timeline, began_on)
            if own is not None and rule.follows:
                followed = [m for m in (met(by_id[f]) for f in rule.follows) if m is not None]
                own = max(own, min(followed)) if followed else None
            done[rule.id] = own
        return done[rule.id]

    return {rule.id: met(rule) for rule in regime.rules}


def _own_conditions(rule: Rule, facts: OutageFacts, timeline: Timeline, began_on: date) -> int | None:
    if rule.effective_from is not None and began_on < rule.effective_from:
        return None
    if not facts.affects_service_in(rule.categories):
        return None
    if rule.community_isolated is not None and facts.community_isolated != rule.community_isolated:
        return None
    crossings: list[int | None] = []
    if rule.user_minutes is not None:
        crossings.append(timeline.user_minutes_crossed(rule.user_minutes, rule.potentially))
    if rule.customers is not None:
        crossings.append(timeline.sustained_crossed(rule.customers, rule.duration, rule.potentially))
    elif rule.duration is not None:
        crossings.append(timeline.duration_crossed(rule.duration))
    if any(c is None for c in crossings):
        return None
    return max((c for c in crossings if c is not None), default=0)


# --- the duty at now ---------------------------------------------------------------


def _duty(
    regime: Regime,
    rule: Rule,
    met_at: datetime,
    facts: OutageFacts,
    timeline: Timeline,
    now: datetime,
    zone: ZoneInfo,
    known: list[Reported],
    names: Mapping[str, str],
) -> Duty:
    key = f"{regime.id}/{rule.id}"
    start = _clock_start(regime, rule, met_at, facts, now, known)
    deadline = None if start is None else start + rule.within  # both in UTC: elapsed time
    reports = tuple(sorted((r for r in known if r.rule == key), key=lambda r: r.at))
    covered = set(rule.recipients) if any(r.recipient is None for r in reports) else {r.recipient for r in reports}
    outstanding = tuple(x for x in rule.recipients if x not in covered)
    if not outstanding:
        status = Status.REPORTED
    elif start is None:
        status = Status.NOT_YET_DUE
    else:
        status = Status.DUE if deadline is not None and now <= deadline else Status.OVERDUE
    late = status is Status.REPORTED and deadline is not None and any(r.at > deadline for r in reports)
    figures = _figures_at(timeline, timeline.end)
    crossing = _figures_at(timeline, min(timeline.seconds(met_at), timeline.end))
    duty = Duty(
        regime,
        rule,
        met_at,
        start,
        deadline,
        status,
        rule.recipients,
        outstanding,
        reports,
        late,
        figures,
        crossing,
        "",
    )
    return replace(duty, message=_message(duty, facts, now, zone, names))


def _figures_at(timeline: Timeline, seconds: int) -> Figures:
    """The outage's size ``seconds`` after it began: a message says what was true at the moment it names."""
    return Figures(
        user_minutes=math.floor(timeline.user_minutes(at=seconds)),
        potentially_affected_user_minutes=math.floor(timeline.user_minutes(potentially=True, at=seconds)),
        customers=timeline.count_at(seconds),
        peak_customers=timeline.peak(at=seconds),
        lasted=timedelta(seconds=seconds),
    )


def _clock_start(
    regime: Regime, rule: Rule, met_at: datetime, facts: OutageFacts, now: datetime, known: list[Reported]
) -> datetime | None:
    if rule.clock == "discovered":
        return facts.discovered_at
    if rule.clock == "major":
        return max(met_at, facts.discovered_at)  # nobody can know an outage is major before finding it
    if rule.clock == "restored":
        return facts.restored_at if facts.restored_at is not None and facts.restored_at <= now else None
    prior = [r.at for r in known if r.rule == f"{regime.id}/{rule.after}"]
    return min(prior) if prior else None


# --- the one line staff read ------------------------------------------------------------


def _message(duty: Duty, facts: OutageFacts, now: datetime, zone: ZoneInfo, names: Mapping[str, str]) -> str:
    rule, regime = duty.rule, duty.regime

    def at(moment: datetime) -> str:
        return words.clock(moment, now, zone)

    def named(ids: tuple[str, ...]) -> str:
        return words.join([names.get(x, regime.recipients.get(x, x)) for x in ids])

    head = f"{regime.short} {rule.title}"
    if duty.status is Status.NOT_YET_DUE:
        after = "restoring service" if rule.clock == "restored" else f"the notice for the {_prior(rule, regime)}"
        return f"{head}: {rule.action} {named(duty.recipients)} within {words.span(rule.within)} of {after}"
    if rule.has_thresholds:
        event = f" crossed at {at(duty.met_at)} ({_figures(rule, duty.crossing)})"
    elif rule.clock == "restored":
        event = f": service restored at {at(duty.clock_start or now)}"
    elif rule.clock == "reported":
        event = f": the notice for the {_prior(rule, regime)} was given at {at(duty.clock_start or now)}"
    elif rule.follows:
        event = f" (outage discovered at {at(facts.discovered_at)})"
    else:
        event = f" discovered at {at(facts.discovered_at)}"
    done = "; ".join(
        f"done{_for(r, names, regime)} at {at(r.at)} by {r.by}" + (f" ({r.reference})" if r.reference else "")
        for r in duty.reports
    )
    if duty.status is Status.REPORTED:
        late = f", {words.overdue_by(duty.reports[-1].at - duty.deadline)} late" if duty.late and duty.deadline else ""
        return f"{head}{event}; {done}{late}"
    todo = f"{head}{event}; {rule.action} {named(duty.outstanding)} by {at(duty.deadline or now)}"
    if duty.status is Status.OVERDUE and duty.deadline is not None:
        todo += f", overdue by {words.overdue_by(now - duty.deadline)}"
    return f"{todo} ({done})" if done else todo


def _prior(rule: Rule, regime: Regime) -> str:
    return regime.rule(rule.after).title if rule.after else ""


def _for(report: Reported, names: Mapping[str, str], regime: Regime) -> str:
    if report.recipient is None:
        return ""
    return f" for {names.get(report.recipient, regime.recipients.get(report.recipient, report.recipient))}"


def _figures(rule: Rule, figures: Figures) -> str:
    parts = []
    if rule.user_minutes is not None:
        if rule.potentially:
            parts.append(f"{words.number(figures.potentially_affected_user_minutes)} potentially affected user-minutes")
        else:
            parts.append(f"{words.number(figures.user_minutes)} user-minutes")
    if rule.customers is not None:
        parts.append(f"{words.number(figures.peak_customers)} customers at the peak")
    if not parts and rule.duration is not None:
        parts.append(f"out for {words.span(figures.lasted)}")
    return ", ".join(parts)
