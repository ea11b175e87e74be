"""User-minutes and the moment each threshold is crossed, from the customers-affected step function.

Everything is exact: times are whole seconds from ``began_at`` and user-minutes
are fractions, so "600,000 user-minutes" is crossed at one second that can be
checked by hand (the first whole second at which the total reaches it).
Arithmetic is done on elapsed time (UTC), never on wall-clock time, so a
clock change during an outage neither adds nor removes an hour.

A threshold is a :class:`Limit`: "at least N" or "more than N". Durations and
counts are whole numbers (seconds, customers); user-minutes are compared
exactly.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from fractions import Fraction

from .facts import OutageFacts

SECOND = timedelta(seconds=1)


@dataclass(frozen=True)
class Limit:
    """``at least value`` or, with ``strict``, ``more than value``."""

    value: int
    strict: bool = False

    def met_by(self, amount: int | Fraction) -> bool:
        return amount > self.value if self.strict else amount >= self.value

    def words(self, unit: str) -> str:
        return f"{'more than' if self.strict else 'at least'} {self.value:,} {unit}"


@dataclass(frozen=True)
class Segment:
    """``count`` customers out from ``start`` to ``end`` seconds after the outage began."""

    start: int
    end: int
    affected: int
    potentially_affected: int

    def count(self, potentially: bool) -> int:
        return self.potentially_affected if potentially else self.affected


class Timeline:
    """The outage's customers affected as segments, cut at ``until`` (now, or restoration if earlier)."""

    def __init__(self, facts: OutageFacts, now: datetime) -> None:
        now = now.astimezone(UTC)
        self.facts = facts
        self.began_at = facts.began_at  # in UTC, as every time of the facts
        end = now if facts.restored_at is None or facts.restored_at > now else facts.restored_at
        self.end = max(0, self.seconds(end))
        """Seconds from the start to the end of what is known: ``now`` while open, else restoration."""
        self.segments = self._segments(now)

    def seconds(self, moment: datetime) -> int:
        """Whole seconds from the start of the outage to ``moment`` (elapsed time, whatever the zone)."""
        return (moment.astimezone(UTC) - self.began_at) // SECOND

    def moment(self, seconds: int) -> datetime:
        """The time ``seconds`` after the start, in UTC."""
        return self.began_at + timedelta(seconds=seconds)

    def _segments(self, now: datetime) -> tuple[Segment, ...]:
        known = [p for p in self.facts.points if p.at <= now]
        if not known or self.end == 0:
            return ()
        segments: list[Segment] = []
        for index, point in enumerate(known):
            # The first count holds from the start: staff learn the size of an outage after it begins.
            start = 0 if index == 0 else min(max(0, self.seconds(point.at)), self.end)
            end = self.end if index == len(known) - 1 else min(max(0, self.seconds(known[index + 1].at)), self.end)
            if end > start:
                segments.append(Segment(start, end, point.affected, point.count(True)))
        return tuple(segments)

    # --- totals ---------------------------------------------------------------

    def user_minutes(self, potentially: bool = False, at: int | None = None) -> Fraction:
        """Customers x minutes from the start to ``at`` seconds (default: the end of what is known)."""
        until = self.end if at is None else min(at, self.end)
        total = Fraction(0)
        for segment in self.segments:
            if segment.start >= until:
                break
            total += Fraction(segment.count(potentially) * (min(segment.end, until) - segment.start), 60)
        return total

    def count_at(self, seconds: int, potentially: bool = False) -> int:
        """Customers out at ``seconds`` after the start (0 outside the known segments)."""
        for segment in self.segments:
            if segment.start <= seconds < segment.end:
                return segment.count(potentially)
        if self.segments and seconds == self.end:
            return self.segments[-1].count(potentially)
        return 0

    def peak(self, potentially: bool = False, at: int | None = None) -> int:
        """The most customers out at once from the start to ``at`` seconds (default: the end of what is known)."""
        until = self.end if at is None else at
        return max((s.count(potentially) for s in self.segments if s.start <= until), default=0)

    # --- crossings: the first whole second a limit is met, or None ------------

    def user_minutes_crossed(self, limit: Limit, potentially: bool = False) -> int | None:
        """The first whole second at which the running total of user-minutes meets ``limit``."""
        if limit.met_by(0):
            return 0
        total = Fraction(0)
        for segment in self.segments:
            count = segment.count(potentially)
            length = segment.end - segment.start
            after = total + Fraction(count * length, 60)
            if count and limit.met_by(after):
                exact = segment.start + (limit.value - total) * 60 / count  # where the total equals the value
                second = math.floor(exact) + 1 if limit.strict else math.ceil(exact)
                return second if second <= segment.end else None
            total = after
        return None

    def duration_crossed(self, limit: Limit) -> int | None:
        """The first whole second at which the outage has lasted ``limit`` seconds."""
        second = limit.value + 1 if limit.strict else limit.value
        return second if second <= self.end else None

    def sustained_crossed(self, customers: Limit, duration: Limit | None, potentially: bool = False) -> int | None:
        """The first second at which ``customers`` have been out without a break for ``duration``.

        With no duration, the first second the count meets ``customers`` at all.
        """
        needed = 0 if duration is None else duration.value + (1 if duration.strict else 0)
        for start, end in self._runs(customers, potentially):
            if start + needed <= end:
                return start + needed
        return None

    def _runs(self, customers: Limit, potentially: bool) -> list[tuple[int, int]]:
        """Stretches of time, merged, during which the count meets ``customers``."""
        runs: list[tuple[int, int]] = []
        for segment in self.segments:
            if not customers.met_by(segment.count(potentially)):
                continue
            if runs and runs[-1][1] == segment.start:
                runs[-1] = (runs[-1][0], segment.end)
            else:
                runs.append((segment.start, segment.end))
        return runs
