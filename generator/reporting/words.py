"""Duties in plain words: one line each, with local times that cannot be misread.

Times are shown as ``09:37`` in the site's zone; the date is added when it is
not the day of ``now``, and the zone's abbreviation when the time's offset is
not ``now``'s or the local time happens twice (the hour clocks go back), so
"01:45 MST" and "01:45 MDT" are never confused.
"""

from __future__ import annotations

import math
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from ..incidents.times import TimeError, localize


def clock(moment: datetime, now: datetime, zone: ZoneInfo) -> str:
    """``09:37``; ``Nov 1 01:45 MST`` when needed."""
    local, today = moment.astimezone(zone), now.astimezone(zone)
    text = f"{local:%H:%M}"
    if local.date() != today.date():
        year = f", {local.year}" if local.year != today.year else ""
        text = f"{local:%b} {local.day}{year} {text}"
    if local.utcoffset() != today.utcoffset() or _repeated(local, zone):
        text += f" {local.tzname()}"
    return text


def _repeated(local: datetime, zone: ZoneInfo) -> bool:
    try:
        localize(local.replace(tzinfo=None, fold=0), zone)
    except TimeError:
        return True
    return False


def stamp(moment: datetime, zone: ZoneInfo) -> str:
    """A full local time for drafts: ``2026-11-22 09:37 MST``."""
    local = moment.astimezone(zone)
    return f"{local:%Y-%m-%d %H:%M} {local.tzname()}"


def span(length: timedelta) -> str:
    """``30 days``, ``2 hours``, ``1 hour 30 minutes``, ``45 minutes``."""
    minutes = int(length.total_seconds() // 60)
    days, rest = divmod(minutes, 24 * 60)
    if days and not rest:
        return _plural(days, "day")
    hours, minutes = divmod(minutes, 60)
    hours += days * 24
    parts = [_plural(hours, "hour")] if hours else []
    if minutes or not parts:
        parts.append(_plural(minutes, "minute"))
    return " ".join(parts)


def _plural(count: int, unit: str) -> str:
    return f"{count} {unit}{'' if count == 1 else 's'}"


def overdue_by(length: timedelta) -> str:
    """How late, rounded up to the minute (a second late is late), in days from two days on."""
    if length >= timedelta(days=2):
        return _plural(length.days, "day")
    return span(timedelta(minutes=math.ceil(length.total_seconds() / 60)))


def join(names: list[str] | tuple[str, ...]) -> str:
    """``CRTC, ISED and Alberta Emergency Management Agency``."""
    names = list(names)
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def number(value: int) -> str:
    return f"{value:,}"
