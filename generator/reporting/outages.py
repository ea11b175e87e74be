"""The site's incidents as outages: their facts, their duties as of now, and what ``outage check`` says.

This is where the incident files meet the reporting rules. An incident's
facts come from the time-true model: customers affected (and potentially
affected) as each update stated them, from the outage's ``began_at``; its
discovery from ``discovered_at`` or the first update; restoration at its
final ``resolved`` update. Planned maintenance is not an outage here.

:func:`site_duties` is the one entry point for everything that tells staff
about duties: ``outage check`` prints them, and the delivery stage can send
the same list to the organisation's own channels.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from ..incidents.model import Incident, Site, Status
from ..incidents.problems import Problem
from ..incidents.times import format_local
from ..state.as_of import site_as_of
from .duties import Duty, duties
from .duties import Status as DutyStatus
from .facts import OutageFacts, Point, Reported
from .regimes import Regime
from .setup import Setup


@dataclass(frozen=True)
class OutageDuties:
    """One incident's duties at a moment: the incident as of then, its facts, and each duty."""

    incident: Incident
    facts: OutageFacts
    duties: tuple[Duty, ...]

    @property
    def pending(self) -> tuple[Duty, ...]:
        """The duties to act on now: due, or overdue, and not reported."""
        return tuple(d for d in self.duties if d.status in (DutyStatus.DUE, DutyStatus.OVERDUE))


def outage_facts(incident: Incident, setup: Setup) -> OutageFacts:
    """The incident (as of whatever moment it was cut at) as the reporting stage's input."""
    services = {s.id for u in incident.updates for s in u.facts.services}
    return OutageFacts(
        began_at=incident.began_at,
        discovered_at=incident.discovered_at,
        restored_at=None if incident.is_open else incident.latest.at,
        categories_by_service={s: setup.categories.get(s, frozenset()) for s in sorted(services)},
        points=_points(incident),
        community_isolated=incident.community_isolated,
    )


def _points(incident: Incident) -> tuple[Point, ...]:
    """Customers affected over time: a point each time an update changes the count.

    A ``resolved`` update that is not the last (the incident was re-opened)
    counts nobody until the count is stated again. Potentially affected is
    never fewer than affected: where a file says fewer, the larger counts.
    """
    points: list[Point] = []
    for update in incident.updates:
        facts = update.facts
        if update.status is Status.RESOLVED and update is not incident.latest:
            affected, potentially = 0, None
        elif facts.customers_affected is None and facts.customers_potentially_affected is None:
            continue
        else:
            affected = facts.customers_affected or 0
            potentially = facts.customers_potentially_affected
            if potentially is not None:
                potentially = max(potentially, affected)
        if points and (points[-1].affected, points[-1].potentially_affected) == (affected, potentially):
            continue
        points.append(Point(update.at, affected, potentially))
    return tuple(points)


def reports_of(incident: Incident) -> tuple[Reported, ...]:
    return tuple(Reported(r.rule, r.at, r.by, r.reference, r.recipient) for r in incident.reported)


def outage_duties(incident: Incident, setup: Setup, now: datetime, zone: ZoneInfo) -> OutageDuties | None:
    """The duties of one incident at ``now`` (the incident as of ``now``), or ``None`` when it has none."""
    if incident.is_maintenance or not setup.on:
        return None
    facts = outage_facts(incident, setup)
    found = duties(facts, setup.regimes, now, zone=zone, reported=reports_of(incident), names=setup.names)
    return OutageDuties(incident, facts, tuple(found)) if found else None


def site_duties(site: Site, setup: Setup, now: datetime) -> tuple[OutageDuties, ...]:
    """Every outage's duties at ``now``, from the site as of ``now``: what staff must be told.

    Pure: the same site, setup and moment give the same list. ``outage check``
    prints it; the delivery stage can send it to the organisation's channels.
    """
    if not setup.on:
        return ()
    zone = site.config.timezone
    found = (outage_duties(incident, setup, now, zone) for incident in site_as_of(site, now).incidents)
    return tuple(outage for outage in found if outage is not None)


# --- what outage check says ----------------------------------------------------------


def record_problems(site: Site, setup: Setup) -> list[Problem]:
    """``reported:`` entries that name no duty of the selected regimes, or a recipient the rule does not have."""
    keys = setup.rule_keys()
    problems = []
    for incident in site.incidents:
        for index, report in enumerate(incident.reported):
            field = f"reported[{index}]"
            if report.rule not in keys:
                expected = (
                    f"a duty of the regimes status.yml selects ({_sample(keys)})"
                    if keys
                    else "a duty of a regime status.yml selects (reporting.regimes selects none)"
                )
                close = difflib.get_close_matches(report.rule, list(keys), n=1)
                found = f"'{report.rule}'" + (f" (did you mean '{close[0]}'?)" if close else "")
                problems.append(Problem(incident.source, report.line, report.column, f"{field}.rule", expected, found))
            elif report.recipient is not None and report.recipient not in keys[report.rule]:
                problems.append(
                    Problem(
                        incident.source,
                        report.line,
                        report.column,
                        f"{field}.recipient",
                        f"one of the recipients of {report.rule}: {', '.join(keys[report.rule])}",
                        f"'{report.recipient}'",
                    )
                )
    return problems


def _sample(keys: dict[str, tuple[str, ...]], most: int = 6) -> str:
    shown = list(keys)[:most]
    return ", ".join(shown) + (f" and {len(keys) - most} more" if len(keys) > most else "")


def discovery_warnings(found: tuple[OutageDuties, ...], site: Site) -> list[Problem]:
    """Outages with duties and no ``discovered_at``: their clocks start at the first post, which may be late."""
    zone = site.config.timezone
    warnings = []
    for outage in found:
        incident = outage.incident
        if incident.discovered_at_setting is not None:
            continue
        first = incident.updates[0]
        warnings.append(
            Problem(
                incident.source,
                first.line,
                first.column,
                "discovered_at",
                "when you became aware of the outage: the clocks of its reporting duties run from it "
                f"(without it, the first update, {format_local(first.at, zone)}, is taken)",
                "none",
                severity="warning",
            )
        )
    return warnings


def not_in_force(setup: Setup, day: date) -> list[tuple[Regime, str]]:
    """The selected regimes that have not started by ``day``, each with why: they give no duty yet.

    A regime that has ended (``effective_until`` passed) is left out: the
    organisation set that date, and it still covers the outages before it.
    """
    found = []
    for regime in setup.regimes:
        if not regime.in_force:
            why = "its start date has not been set; give it as effective_from in status.yml once the regulator sets one"
        elif regime.effective_from is not None and day < regime.effective_from:
            why = f"it applies to outages from {regime.effective_from}"
        else:
            continue
        found.append((regime, why))
    return found


def duty_line(outage: OutageDuties, duty: Duty, *, error: bool) -> str:
    """One line for staff: the file, the duty's key (what ``reported:`` names), and the duty."""
    return f"{outage.incident.source}: {'error' if error else 'warning'}: {duty.key}: {duty.message}"
