"""Times as staff write them, turned into timezone-aware datetimes.

A time without an offset is wall-clock time in the site's zone. The hour that
happens twice when clocks go back, and the hour that never happens when they
go forward, are refused: the reader cannot tell which moment was meant.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from zoneinfo import ZoneInfo

TIME_EXAMPLE = "a time like 2026-05-12 08:25 (local) or 2026-05-12T08:25-06:00"
FIRST_YEAR, LAST_YEAR = 1970, 2100
"""Times outside these years are typos; outside them, converting zones and offsets can overflow."""

_DURATION = re.compile(r"^\s*(?:(?P<d>\d+)\s*d)?\s*(?:(?P<h>\d+)\s*h)?\s*(?:(?P<m>\d+)\s*m(?:in)?)?\s*$")
_CLOCK = re.compile(r"^\s*(?P<h>[01]?\d|2[0-3]):(?P<m>[0-5]\d)\s*$")
_DATE_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{1,2}:\d{2}")
_ONE_DIGIT_HOUR = re.compile(r"^(\d{4}-\d{2}-\d{2}[T ])(\d:)")


class TimeError(ValueError):
    """A time that cannot be read; the message says what was expected."""


def parse_time(text: str, zone: tzinfo) -> datetime:
    """An aware datetime from ``YYYY-MM-DD HH:MM[:SS][offset]``, local to ``zone`` if no offset."""
    cleaned = text.strip()
    if not _DATE_TIME.match(cleaned):
        raise TimeError(TIME_EXAMPLE)
    if _ONE_DIGIT_HOUR.match(cleaned):  # asked first: substituting costs more, and most times have two digits
        cleaned = _ONE_DIGIT_HOUR.sub(r"\g<1>0\g<2>", cleaned)
    try:
        moment = datetime.fromisoformat(cleaned)
    except ValueError:
        raise TimeError(TIME_EXAMPLE + " (a real date and time)") from None
    if not FIRST_YEAR <= moment.year <= LAST_YEAR:
        raise TimeError(f"a time in the years {FIRST_YEAR} to {LAST_YEAR}")
    if moment.tzinfo is not None:
        return moment
    return localize(moment, zone)


def localize(naive: datetime, zone: tzinfo) -> datetime:
    """Attach ``zone`` to a wall-clock time, refusing ambiguous and skipped times."""
    early = naive.replace(tzinfo=zone, fold=0)
    late = naive.replace(tzinfo=zone, fold=1)
    if early.utcoffset() != late.utcoffset():
        shown = naive.strftime("%Y-%m-%d %H:%M")
        moved = early.astimezone(UTC).astimezone(zone)
        if moved.replace(tzinfo=None) != naive:
            # A clock not yet put forward reads the skipped hour: the same moment is an hour later.
            raise TimeError(
                f"a time that exists in {zone}; {shown} is skipped when clocks go forward"
                f" (write {moved:%Y-%m-%d %H:%M} or pick another time)"
            )
        raise TimeError(
            f"an unambiguous time; {shown} happens twice in {zone} when clocks go back"
            f" (write {shown}{_offset(early)} or {shown}{_offset(late)})"
        )
    return early


def _offset(moment: datetime) -> str:
    offset = moment.utcoffset() or timedelta()
    sign = "-" if offset < timedelta() else "+"
    minutes = abs(int(offset.total_seconds())) // 60
    return f"{sign}{minutes // 60:02d}:{minutes % 60:02d}"


def parse_duration(text: str) -> timedelta:
    """``3h``, ``90m``, ``1h30m``, ``2d`` -> a timedelta."""
    match = _DURATION.match(text)
    if not text.strip() or match is None or not any(match.groupdict().values()):
        raise TimeError("a duration like 3h, 90m, 1h30m or 2d")
    days, hours, minutes = (int(match.group(g) or 0) for g in "dhm")
    return timedelta(days=days, hours=hours, minutes=minutes)


def elapsed(moment: datetime, delta: timedelta) -> datetime:
    """``moment`` plus ``delta`` of real time, in ``moment``'s zone.

    Python adds a timedelta to a zoned time on the wall clock: 23:30 on the night
    clocks go back, plus three hours, would be 02:30 — four hours later. This adds
    in UTC, so three hours are three hours.
    """
    zone = moment.tzinfo
    return (moment.astimezone(UTC) + delta).astimezone(zone)


def parse_relative(text: str, now: datetime, zone: ZoneInfo, *, past: bool = False) -> datetime:
    """A time typed at the command line: ``2h`` from now (``past``: ago), ``14:00`` (the next one to come;
    ``past``: the last one gone), or a full time."""
    match = _CLOCK.match(text)
    if match:
        step = timedelta(days=-1 if past else 1)
        day: date = now.astimezone(zone).date()
        for _ in range(2):
            candidate = localize(datetime.combine(day, time(int(match["h"]), int(match["m"]))), zone)
            if (candidate <= now) if past else (candidate > now):
                return candidate
            day = day + step
        raise TimeError("a time of day")  # pragma: no cover - the loop always returns
    try:
        duration = parse_duration(text)
    except TimeError:
        pass
    else:
        return elapsed(now, -duration if past else duration)
    try:
        return parse_time(text, zone)
    except TimeError as exc:
        example = (
            "a time of day like 07:55, a duration ago like 20m"
            if past
            else "a duration like 2h, a time of day like 14:00"
        )
        raise TimeError(f"{example}, or {exc}") from None


def format_local(moment: datetime, zone: ZoneInfo) -> str:
    """How a time is written back into a file: local, with an offset only if needed."""
    local = moment.astimezone(zone)
    text = local.strftime("%Y-%m-%d %H:%M")
    if local.second or local.microsecond:
        text = local.strftime("%Y-%m-%d %H:%M:%S")
    try:
        localize(local.replace(tzinfo=None), zone)
    except TimeError:
        return text + _offset(local)
    return text
