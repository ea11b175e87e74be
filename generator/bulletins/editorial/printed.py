"""Times and dates in print: Canadian Press style for the press release and the notice.

CP abbreviates Jan., Feb., Aug., Sept., Oct., Nov. and Dec. before a day and
spells out March to July; times are ``3 p.m.`` (no ``:00``), ``10:30 a.m.``,
``noon``, ``midnight``; a day within a week of the release is its weekday
("7:55 a.m. Sunday"), never "today" or "yesterday", which go stale the
moment a release is filed; a day further off is its date ("Dec. 3").
"""

from __future__ import annotations

from datetime import date, datetime, tzinfo

_CP_MONTHS = ["_", "Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."]
_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def _aware(moment: datetime) -> datetime:
    if moment.utcoffset() is None:
        raise ValueError(f"a printed time needs a timezone-aware datetime; found {moment!r}")
    return moment


def cp_month_day(day: date) -> str:
    """``Nov. 22``, ``May 12``, ``Sept. 24``."""
    return f"{_CP_MONTHS[day.month]} {day.day}"


def cp_date(moment: datetime, zone: tzinfo) -> str:
    """``Nov. 22, 2026``: the dateline's date."""
    local = _aware(moment).astimezone(zone)
    return f"{cp_month_day(local.date())}, {local.year}"


def cp_time(moment: datetime, zone: tzinfo) -> str:
    """``3 p.m.``, ``10:30 a.m.``, ``noon``, ``midnight``."""
    local = _aware(moment).astimezone(zone)
    if (local.hour, local.minute) == (12, 0):
        return "noon"
    if (local.hour, local.minute) == (0, 0):
        return "midnight"
    hour = local.hour % 12 or 12
    minutes = f":{local.minute:02d}" if local.minute else ""
    return f"{hour}{minutes} {'a.m.' if local.hour < 12 else 'p.m.'}"


def cp_when(moment: datetime, reference: datetime, zone: tzinfo) -> str:
    """``7:55 a.m. Sunday`` within a week of ``reference`` (before or after), else ``3 p.m. Dec. 3``."""
    return f"{cp_time(moment, zone)} {cp_day(moment, reference, zone)}"


def cp_title(title: str) -> str:
    """A job title after a name, lower case in CP style: ``Communications lead`` -> ``communications lead``.

    Words in capitals (``CEO``) and later capitals (``Northwind``) stay.
    """
    first, _, rest = title.strip().partition(" ")
    if first[1:].islower() or len(first) == 1:
        first = first.lower()
    return f"{first} {rest}".strip()


def cp_day(moment: datetime, reference: datetime, zone: tzinfo) -> str:
    """``Sunday`` within a week of ``reference``, else ``Dec. 3``."""
    local = _aware(moment).astimezone(zone)
    days = abs((local.date() - _aware(reference).astimezone(zone).date()).days)
    return _WEEKDAYS[local.weekday()] if days < 7 else cp_month_day(local.date())


def cp_window(start: datetime, end: datetime, reference: datetime, zone: tzinfo) -> str:
    """A planned window in print: ``between 12:30 a.m. and 4 a.m. Oct. 21``; across days, each end with its day."""
    first, last = _aware(start).astimezone(zone), _aware(end).astimezone(zone)
    if first.date() == last.date():
        return f"between {cp_time(first, zone)} and {cp_time(last, zone)} {cp_day(first, reference, zone)}"
    return f"from {cp_when(first, reference, zone)} to {cp_when(last, reference, zone)}"
