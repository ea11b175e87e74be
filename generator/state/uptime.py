"""How often each service and area was down: uptime computed from the incident files, once per build.

Each update of an incident says, as of its time, which services and areas are
affected, how badly (its impact) and where the work stands (its status); that
holds until the next update. So every component's past is a sequence of spans,
each in the state the site showed then:

- **down**: an investigating or identified incident of major or critical impact;
- **degraded**: one of minor impact, or any incident being monitored after a fix;
- **maintenance**: planned work in progress (or its window open), counted apart:
  planned work is left out of the time availability is measured over.

Where incidents overlap, the worst state wins. A resolved (or completed,
cancelled) update ends its incident's span. Availability over a period is
``1 - down / (period - maintenance)``; degraded time is reported beside it,
not counted as down, because the service still worked.

Periods start no earlier than the first update of the whole history: days
before anything was recorded are "no data", never counted as up.

Every moment is converted to UTC before any arithmetic: Python subtracts two
times of the same zone by their wall clocks, which is an hour out across a
change to or from daylight time.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from itertools import pairwise
from operator import itemgetter

from ..incidents.model import Impact, Incident, Status, Update
from .now import Snapshot

DAYS = 90
"""The bars and the headline figure cover this many days, today included."""
MONTHS = 12
"""The monthly table covers at most this many calendar months, this one included."""

DOWN, DEGRADED, MAINTENANCE = "down", "degraded", "maintenance"
NO_DATA, UP = "none", "up"
_RANK = {MAINTENANCE: 1, DEGRADED: 2, DOWN: 3}
_BY_RANK = {rank: state for state, rank in _RANK.items()}


@dataclass(frozen=True)
class Period:
    """One stretch of time for one component: how long it was down, degraded or under maintenance."""

    start: datetime
    """In UTC, like ``end``: show them in the site's zone."""
    end: datetime
    down: timedelta
    degraded: timedelta
    maintenance: timedelta
    incidents: int
    """Incidents (not maintenance) that affected the component during the period."""

    @property
    def measured(self) -> timedelta:
        """The time availability is measured over: the period less planned maintenance."""
        return self.end - self.start - self.maintenance

    @property
    def availability(self) -> float:
        """The share of the measured time the component was not down, from 0 to 1 (1 for an empty period)."""
        measured = self.measured.total_seconds()
        if measured <= 0:
            return 1.0
        return max(0.0, 1 - self.down.total_seconds() / measured)


@dataclass(frozen=True)
class Day:
    """One local calendar day of the bar: the worst state the component was in that day."""

    day: date
    state: str
    """``up``, ``degraded``, ``down``, ``maintenance``, or ``none`` before anything was recorded."""


@dataclass(frozen=True)
class Uptime:
    """One service's or area's record: the last ``DAYS`` days as a whole and day by day, and month by month."""

    recent: Period
    days: tuple[Day, ...]
    """Oldest first, today last."""
    months: tuple[Period, ...]
    """Newest first: this month (up to now) and the calendar months before it, as far back as the record goes."""

    @property
    def recorded_days(self) -> int:
        """How many of the bar's days have a record (the others were before anything was recorded)."""
        return sum(1 for day in self.days if day.state != NO_DATA)


@dataclass(frozen=True)
class Uptimes:
    services: Mapping[str, Uptime]
    areas: Mapping[str, Uptime]


@dataclass(frozen=True)
class _Piece:
    start: datetime
    end: datetime
    rank: int
    incident: str
    is_maintenance: bool


def uptime(state: Snapshot, days: int = DAYS, months: int = MONTHS) -> Uptimes:
    """Every service's and area's uptime as of ``state.now``: one pass over the history."""
    zone, now = state.config.timezone, state.now.astimezone(UTC)
    today = now.astimezone(zone).date()
    record_start = _midnight(state.first_update_at.astimezone(zone).date(), zone)
    bar_start = _midnight(today - timedelta(days=days - 1), zone)
    month_starts = _month_starts(today, months, zone)
    since = max(record_start, min(bar_start, month_starts[-1]))

    by_service: dict[str, list[_Piece]] = defaultdict(list)
    by_area: dict[str, list[_Piece]] = defaultdict(list)
    for incident in state.site.incidents:
        if not incident.is_open and incident.latest.at <= since:
            continue
        for update, start, end in _spans(incident, now):
            counted = _counted(incident, update, start, end)
            if counted is None or counted[1] <= since:
                continue
            piece = _Piece(*counted, incident=incident.id, is_maintenance=incident.is_maintenance)
            for service in update.facts.services:
                by_service[service.id].append(piece)
            for area in update.facts.areas:
                by_area[area.id].append(piece)

    def record(pieces: list[_Piece]) -> Uptime:
        spans = _worst(pieces)
        touched = _incident_spans(pieces)
        recent = _period(spans, touched, max(bar_start, record_start), now)
        bar = tuple(_days(spans, today, days, zone, record_start, now))
        table = []
        for index, start in enumerate(month_starts):
            end = now if index == 0 else month_starts[index - 1]
            if end <= record_start:
                break
            table.append(_period(spans, touched, max(start, record_start), end))
        return Uptime(recent, bar, tuple(table))

    return Uptimes(
        services={s.id: record(by_service[s.id]) for s in state.config.services},
        areas={a.id: record(by_area[a.id]) for a in state.config.areas},
    )


def _midnight(day: date, zone) -> datetime:
    """The first moment of a local day, in UTC."""
    return datetime.combine(day, time(0), tzinfo=zone).astimezone(UTC)


def _month_starts(today: date, months: int, zone) -> list[datetime]:
    """The first moments of this month and the ``months - 1`` before it, newest first."""
    starts, year, month = [], today.year, today.month
    for _ in range(months):
        starts.append(_midnight(date(year, month, 1), zone))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return starts


def _spans(incident: Incident, now: datetime) -> Iterator[tuple[Update, datetime, datetime]]:
    """Each update with the time it held: from it (or from ``began_at``, for the first) to the next update or now."""
    updates = incident.updates
    for index, update in enumerate(updates):
        start = (min(incident.began_at, update.at) if index == 0 else update.at).astimezone(UTC)
        end = updates[index + 1].at.astimezone(UTC) if index + 1 < len(updates) else now
        if end > start and not update.status.is_final:
            yield update, start, end


def _counted(
    incident: Incident, update: Update, start: datetime, end: datetime
) -> tuple[datetime, datetime, int] | None:
    """The part of an update's span that counts, and the state it puts its services and areas in (as a rank)."""
    if incident.is_maintenance:
        if update.status in (Status.IN_PROGRESS, Status.VERIFYING):
            return start, end, _RANK[MAINTENANCE]
        window = update.facts.window  # still scheduled: under maintenance only while its window is open
        if window is None or window.end <= start or window.start >= end:
            return None
        return max(start, window.start.astimezone(UTC)), min(end, window.end.astimezone(UTC)), _RANK[MAINTENANCE]
    if update.status is Status.MONITORING or (update.facts.impact or Impact.MINOR) is Impact.MINOR:
        return start, end, _RANK[DEGRADED]
    return start, end, _RANK[DOWN]


def _worst(pieces: Iterable[_Piece]) -> list[tuple[datetime, datetime, int]]:
    """Disjoint spans, oldest first, each in the worst state of the pieces that cover it."""
    changes: dict[datetime, list[int]] = {}  # how many pieces of each rank start (or, less, end) at each moment
    for piece in pieces:
        for moment, delta in ((piece.start, 1), (piece.end, -1)):
            counts = changes.get(moment)
            if counts is None:
                counts = changes[moment] = [0, 0, 0, 0]
            counts[piece.rank] += delta
    spans: list[tuple[datetime, datetime, int]] = []
    # The pieces under way of each rank, counted by name: the worst found by three comparisons, not by a
    # search (46 services and areas, thousands of moments each at 10,000 incidents).
    maintenance = degraded = down = 0
    for moment, following in pairwise(sorted(changes)):
        _, more_maintenance, more_degraded, more_down = changes[moment]
        maintenance, degraded, down = maintenance + more_maintenance, degraded + more_degraded, down + more_down
        rank = (
            _RANK[DOWN]
            if down > 0
            else _RANK[DEGRADED]
            if degraded > 0
            else _RANK[MAINTENANCE]
            if maintenance > 0
            else 0
        )
        if not rank:
            continue
        if spans and spans[-1][1] == moment and spans[-1][2] == rank:
            spans[-1] = (spans[-1][0], following, rank)
        else:
            spans.append((moment, following, rank))
    return spans


def _incident_spans(pieces: Iterable[_Piece]) -> list[tuple[datetime, datetime]]:
    """For each incident (not maintenance), from the first to the last moment it affected the component."""
    found: dict[str, tuple[datetime, datetime]] = {}
    for piece in pieces:
        if piece.is_maintenance:
            continue
        first, last = found.get(piece.incident, (piece.start, piece.end))
        found[piece.incident] = (min(first, piece.start), max(last, piece.end))
    return list(found.values())


def _period(
    spans: list[tuple[datetime, datetime, int]],
    touched: list[tuple[datetime, datetime]],
    start: datetime,
    end: datetime,
) -> Period:
    """The period from ``start`` to ``end``; ``spans`` are :func:`_worst`'s."""
    totals = [timedelta(0)] * 4
    # The spans are disjoint and in order: only those from the first that ends after ``start`` to the
    # last that begins before ``end`` overlap it (each month of a year's table read every span).
    for index in range(bisect_right(spans, start, key=itemgetter(1)), len(spans)):  # by their ends
        span_start, span_end, rank = spans[index]
        if span_start >= end:
            break
        totals[rank] += min(end, span_end) - max(start, span_start)
    count = sum(1 for first, last in touched if first < end and last > start)
    return Period(start, end, totals[_RANK[DOWN]], totals[_RANK[DEGRADED]], totals[_RANK[MAINTENANCE]], count)


def _days(
    spans: list[tuple[datetime, datetime, int]], today: date, days: int, zone, record_start: datetime, now: datetime
) -> Iterator[Day]:
    # The days and the spans are both in order: each day looks at the spans from the first that ends
    # after it begins (earlier ones ended before every day still to come) to the last that begins in it.
    first = 0
    start = _midnight(today - timedelta(days=days - 1), zone)
    for offset in range(days - 1, -1, -1):
        day = today - timedelta(days=offset)
        following = _midnight(day + timedelta(days=1), zone)
        end = min(following, now)
        while first < len(spans) and spans[first][1] <= start:
            first += 1
        if end <= record_start:
            yield Day(day, NO_DATA)
        else:
            rank, index = 0, first
            while index < len(spans) and spans[index][0] < end:
                rank, index = max(rank, spans[index][2]), index + 1
            yield Day(day, _BY_RANK.get(rank, UP))
        start = following
