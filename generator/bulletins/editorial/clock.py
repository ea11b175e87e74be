"""Times, days and durations as a newsreader says them.

"eight-fifteen this morning", "three this afternoon", "ten-thirty tonight",
"noon", "midnight"; days relative to when the copy is issued within a week
("tomorrow morning", "Tuesday"), "December 3rd" beyond it. Never "10-thirty",
never "yesterday night", no time-zone abbreviations.

Promised times (a restore estimate, the next update) are rounded *up* to the
quarter hour, so nothing is ever promised earlier than staff said; times
something began are rounded *down*. All arithmetic is on real elapsed time:
an aware datetime plus a timedelta in Python is wall-clock arithmetic within
one zone, which is an hour off across a daylight-saving change, so every sum
and difference here goes through UTC.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, tzinfo

from .numbers import clock_words, day_of_month, spoken_number

QUARTER = timedelta(minutes=15)
SaidTime = Callable[[datetime, datetime, tzinfo], str]
"""A language's ``spoken_time``: a moment as said in copy issued at a reference moment."""
_MONTHS = [
    "_",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def _aware(moment: datetime) -> datetime:
    if moment.utcoffset() is None:
        raise ValueError(f"a spoken time needs a timezone-aware datetime; found {moment!r}")
    return moment


# --- arithmetic on real time -----------------------------------------------------


def after(moment: datetime, delta: timedelta) -> datetime:
    """``moment`` plus real elapsed time, in the moment's own zone (right across a DST change)."""
    return (_aware(moment).astimezone(UTC) + delta).astimezone(moment.tzinfo)


def elapsed(start: datetime, end: datetime) -> timedelta:
    """The real time between two moments, whatever their zones and any DST change between them."""
    return _aware(end).astimezone(UTC) - _aware(start).astimezone(UTC)


def same_instant(first: datetime, second: datetime) -> bool:
    """True when two aware datetimes are the same moment.

    ``==`` is not enough: within one zone Python compares wall clocks and
    ignores ``fold``, so 1:30 MDT equals 1:30 MST on the night clocks go back.
    """
    return _aware(first).astimezone(UTC) == _aware(second).astimezone(UTC)


def round_up_to_quarter(moment: datetime) -> datetime:
    """``2:10`` -> ``2:15``: for promises (estimates, next update), never earlier than staff said.

    Rounded on the UTC clock, which matches the local one wherever the offset
    is a whole number of quarter hours (every Canadian zone, Newfoundland too).
    """
    down = round_down_to_quarter(moment)
    return down if same_instant(down, moment) else after(down, QUARTER)


def round_down_to_quarter(moment: datetime) -> datetime:
    """``8:25`` -> ``8:15``: for when something began."""
    utc = _aware(moment).astimezone(UTC)
    floor = utc.replace(minute=utc.minute - utc.minute % 15, second=0, microsecond=0)
    return floor.astimezone(moment.tzinfo)


# --- the clock -------------------------------------------------------------------


def spoken_clock(moment: datetime, zone: tzinfo) -> str:
    """``eight-fifteen``, ``three``, ``ten-thirty``, ``two-oh-five``, ``noon``, ``midnight``: hours always in words."""
    local = _aware(moment).astimezone(zone)
    return clock_words(local.hour, local.minute)


def _period(hour: int) -> str:
    # Six to nine is the evening: "six-fifteen tonight" on a September evening reads as late at night on air.
    return "morning" if hour < 12 else "afternoon" if hour < 18 else "evening" if hour < 21 else "night"


def _date(day: date) -> str:
    """``December 3rd``."""
    return f"{_MONTHS[day.month]} {day_of_month(day.day)}"


def spoken_day(moment: datetime, reference: datetime, zone: tzinfo) -> str:
    """``today``, ``tomorrow``, ``yesterday``, ``Tuesday`` within a week, else ``December 3rd``."""
    return day_said(moment, reference, zone, ENGLISH)


def day_said(moment: datetime, reference: datetime, zone: tzinfo, words: ClockWords) -> str:
    """``spoken_day`` in any language's ``words``."""
    day = _aware(moment).astimezone(zone).date()
    days = (day - _aware(reference).astimezone(zone).date()).days
    if days == 0:
        return words.today
    if days == 1:
        return words.tomorrow
    if days == -1:
        return words.yesterday
    return words.weekdays[day.weekday()] if abs(days) < 7 else words.far_day(day)


def _midnight(night: date, today: date) -> str:
    """Midnight said as the end of the night before the new day: ``midnight tonight``, ``midnight Tuesday night``."""
    days = (night - today).days
    if days == 0:
        return "midnight tonight"
    if days == -1:
        return "midnight"
    if days == 1:
        return "midnight tomorrow night"
    return (
        f"midnight {_WEEKDAYS[night.weekday()]} night" if abs(days) < 7 else f"midnight on the night of {_date(night)}"
    )


def spoken_time(moment: datetime, reference: datetime, zone: tzinfo) -> str:
    """A moment as said in copy issued at ``reference``, exactly as given (no rounding).

    ``eight-fifteen this morning``, ``three this afternoon``, ``ten-thirty
    tonight``, ``one tomorrow morning``, ``eleven last night``, ``noon
    Tuesday``, ``nine Tuesday morning``, ``four early Wednesday morning``,
    ``nine Thursday morning, December 3rd``.
    """
    local = _aware(moment).astimezone(zone)
    today = _aware(reference).astimezone(zone).date()
    clock = spoken_clock(local, zone)
    if clock == "midnight":
        return _midnight(local.date() - timedelta(days=1), today)
    days = (local.date() - today).days
    period = _period(local.hour)
    if clock == "noon":
        day = {0: "", 1: " tomorrow", -1: " yesterday"}.get(days)
        if day is not None:
            return f"noon{day}"
        return f"noon {_WEEKDAYS[local.weekday()]}" if abs(days) < 7 else f"noon on {_date(local.date())}"
    if days == 0:
        return f"{clock} {'tonight' if period == 'night' else 'this ' + period}"
    if days == 1:
        return f"{clock} tomorrow {period}"
    if days == -1:
        return f"{clock} {'last night' if period == 'night' else 'yesterday ' + period}"
    # Before six, "early Wednesday morning": a listener hears the night of Tuesday to Wednesday, not Wednesday's
    # breakfast; a week or more away, the weekday with the date ("Wednesday morning, October 21st").
    early = "early " if local.hour < 6 else ""
    if abs(days) < 7:
        return f"{clock} {early}{_WEEKDAYS[local.weekday()]} {period}"
    return f"{clock} {early}{_WEEKDAYS[local.weekday()]} {period}, {_date(local.date())}"


def promised_time(moment: datetime, reference: datetime, zone: tzinfo) -> str:
    """A restore estimate or next update, rounded *up* to the quarter hour: 2:10 -> ``two-fifteen this afternoon``."""
    return spoken_time(round_up_to_quarter(moment), reference, zone)


def began_time(moment: datetime, reference: datetime, zone: tzinfo) -> str:
    """When something began, rounded *down* to the quarter hour: 8:25 -> ``eight-fifteen this morning``."""
    return spoken_time(round_down_to_quarter(moment), reference, zone)


def began_phrase(moment: datetime, reference: datetime, zone: tzinfo) -> str:
    """``shortly after eight this morning`` when rounding moved the time, ``at eight this morning`` when it did not."""
    return began_said(moment, reference, zone, spoken_time, ENGLISH)


def began_said(
    moment: datetime, reference: datetime, zone: tzinfo, spoken_time: SaidTime, words: ClockWords
) -> str:  # fmt: skip
    """``began_phrase`` in any language: its ``spoken_time`` and ``words``."""
    rounded = round_down_to_quarter(moment)
    said = spoken_time(rounded, reference, zone)
    return f"{words.at if same_instant(rounded, moment) else words.shortly_after} {said}"


# --- durations -------------------------------------------------------------------


_QUARTERS = ("", " and a quarter", " and a half", " and three-quarter")


def _quarters(whole: int, unit: str, quarters: int) -> str:
    """``an hour``, ``an hour and a quarter``, ``four and a half hours``, ``four and three-quarter hours``, ``a day``."""
    article = "an" if unit == "hour" else "a"
    if whole == 1:
        return f"{article} {unit}" + (" and three-quarters" if quarters == 3 else _QUARTERS[quarters])
    return f"{spoken_number(whole)}{_QUARTERS[quarters]} {unit}s"


def spoken_duration(delta: timedelta) -> str:
    """``about four and a quarter hours``: minutes to the nearest five, hours to the quarter (from 12 hours,
    the half), days to the half (a week on, whole). A length is past, not an estimate: rounded to the nearest,
    so it is never said longer than it was by more than the rounding.

    "about" only when rounding changed the length; measure ``delta`` with
    :func:`elapsed` so a daylight-saving change is counted right.
    """
    return duration_said(delta, ENGLISH)


def duration_said(delta: timedelta, words: ClockWords) -> str:
    """``spoken_duration`` in any language's ``words``: every language rounds alike (:func:`rounded_duration`)."""
    length = rounded_duration(delta)
    if length.unit == "instant":
        return words.instant
    if length.unit == "few minutes":
        return words.few_minutes
    about = "" if length.exact else words.about
    if length.unit == "minute":
        return f"{about}{words.number(length.whole)} minutes"
    return about + words.quarters(length.whole, length.unit, length.quarters)


@dataclass(frozen=True)
class RoundedDuration:
    """A length as said on air, in no language: ``whole`` units and ``quarters`` of one, and whether that is exact."""

    unit: str
    """``instant`` (under a minute), ``few minutes``, ``minute`` (whole is a multiple of five), ``hour``, ``day``."""
    whole: int = 0
    quarters: int = 0
    """0 to 3; a day is said only whole or with a half (2)."""
    exact: bool = True


def rounded_duration(delta: timedelta) -> RoundedDuration:
    """Minutes to the nearest five, hours to the nearest quarter (from 12 hours, the half), days to the
    half (a week on, whole): every language's :func:`spoken_duration` rounds the same way and only words
    it differently. Always to the nearest: 4 h 15 is four and a quarter hours, never four and a half."""
    seconds = delta.total_seconds()
    if seconds < 0:
        raise ValueError(f"a duration cannot be negative; found {delta}")
    if seconds < 60:
        return RoundedDuration("instant")
    minutes = seconds / 60
    if minutes < 2.5:
        return RoundedDuration("few minutes")
    if minutes < 57.5:
        five = max(5, int((minutes + 2.5) // 5 * 5))
        return RoundedDuration("minute", five, exact=five == minutes)
    if minutes < 12 * 60 - 7.5:
        quarters = int((minutes + 7.5) // 15)
        return RoundedDuration("hour", quarters // 4, quarters % 4, quarters * 15 == minutes)
    if minutes < 36 * 60:
        halves = int((minutes + 15) // 30)
        return RoundedDuration("hour", halves // 2, 2 * (halves % 2), halves * 30 == minutes)
    hours = minutes / 60
    if hours < 7 * 24:
        halves = int((hours + 6) // 12)
        return RoundedDuration("day", halves // 2, 2 * (halves % 2), halves * 12 == hours)
    days = int((hours + 12) // 24)
    return RoundedDuration("day", days, 0, days * 24 == hours)


# --- windows and staff's own clock times ------------------------------------------


def spoken_window(start: datetime, end: datetime, reference: datetime, zone: tzinfo) -> str:
    """A planned window as said: ``between twelve-thirty and four Wednesday morning``.

    Within one part of one day the day is said once; otherwise both ends in
    full (``from ten tonight to two tomorrow morning``). Exact, not rounded:
    a window is a plan, not an estimate.
    """
    return window_said(start, end, reference, zone, spoken_time, spoken_clock, ENGLISH)


def window_said(
    start: datetime,
    end: datetime,
    reference: datetime,
    zone: tzinfo,
    spoken_time: SaidTime,
    spoken_clock: Callable[[datetime, tzinfo], str],
    words: ClockWords,
) -> str:
    """``spoken_window`` in any language: its ``spoken_time``, ``spoken_clock`` and ``words``."""
    first, last = _aware(start).astimezone(zone), _aware(end).astimezone(zone)
    ends = spoken_time(last, reference, zone)
    plain_ends = spoken_clock(last, zone) not in (words.noon, words.midnight)
    if first.date() == last.date() and words.period(first.hour) == words.period(last.hour) and plain_ends:
        return words.between.format(first=spoken_clock(first, zone), ends=ends)
    return words.from_to.format(first=spoken_time(first, reference, zone), ends=ends)


@dataclass(frozen=True)
class ClockWords:
    """One language's words for days, windows, beginnings and durations; the arithmetic is this module's."""

    today: str
    tomorrow: str
    yesterday: str
    weekdays: Sequence[str]
    far_day: Callable[[date], str]
    """A day a week or more away: ``December 3rd``."""
    period: Callable[[int], str]
    """The part of the day an hour is in: a window within one part says its day once."""
    noon: str
    midnight: str
    between: str
    """``between {first} and {ends}``: a window within one part of one day."""
    from_to: str
    at: str
    shortly_after: str
    instant: str
    few_minutes: str
    about: str
    number: Callable[[int], str]
    quarters: Callable[[int, str, int], str]
    """``four and a quarter hours`` from (whole, unit, quarters); the unit is ``hour`` or ``day``."""


ENGLISH = ClockWords(
    today="today",
    tomorrow="tomorrow",
    yesterday="yesterday",
    weekdays=_WEEKDAYS,
    far_day=_date,
    period=_period,
    noon="noon",
    midnight="midnight",
    between="between {first} and {ends}",
    from_to="from {first} to {ends}",
    at="at",
    shortly_after="shortly after",
    instant="less than a minute",
    few_minutes="a few minutes",
    about="about ",
    number=spoken_number,
    quarters=_quarters,
)


_PART_OF_DAY = (
    r"(?:this\s+(?:morning|afternoon|evening)|tonight|today|tomorrow(?:\s+(?:morning|afternoon|night))?|overnight)"
)
_STAFF_CLOCK = re.compile(
    rf"\b(?P<hour>[01]?\d|2[0-3])(?::(?P<minute>[0-5]\d))?\s*(?P<half>[ap])\.?m\.?(?=\W|$)(?P<day>\s+{_PART_OF_DAY})?"
    rf"|\b(?P<hour24>[01]?\d|2[0-3]):(?P<minute24>[0-5]\d)\b(?!\s*[ap]\.?m)(?P<day24>\s+{_PART_OF_DAY})?",
    re.IGNORECASE,
)


def _said_part(hour: int) -> str:
    return (
        "in the morning"
        if hour < 12
        else "in the afternoon"
        if hour < 18
        else "in the evening"
        if hour < 22
        else "at night"
    )


def stated_clock(sentence: str) -> tuple[int, int] | None:
    """The first clock time staff wrote in ``sentence``, as (hour, minute) on a 24-hour clock:
    ``dropped again at 4:30 p.m.`` -> (16, 30); None when there is none (or ``14 p.m.``, no time)."""
    for match in _STAFF_CLOCK.finditer(sentence):
        if match["hour"] is None:
            return int(match["hour24"]), int(match["minute24"])
        hour = int(match["hour"])
        if 1 <= hour <= 12:
            return hour % 12 + (12 if match["half"].lower() == "p" else 0), int(match["minute"] or 0)
    return None


SAME_DAY_WITHIN = timedelta(hours=6)
"""A clock time staff write without a day, this close to their update on its day, is that day's."""


_IN_MINUTES = re.compile(r"\b(?:in|within) (?:(\d{1,3}) minutes|(half an hour)|(an hour))\b")
"""``in 15 minutes``, ``within half an hour``: a time from when staff wrote it (up to two hours on; further, left
as said)."""


def _by_then(found: re.Match[str], written: datetime, zone: tzinfo) -> str:
    minutes = int(found[1]) if found[1] else 30 if found[2] else 60
    if minutes > 120:
        return found[0]
    return f"by {spoken_time(_aware(written) + timedelta(minutes=minutes), written, zone)}"


def spoken_clock_times(text: str, written: datetime | None = None, zone: tzinfo | None = None) -> str:
    """Staff's clock times as said: ``at 10:10 a.m.`` -> ``at ten-ten in the morning``.

    The day is not guessed far from the message (it may speak of another day), so the
    part of the day is said instead of a.m. and p.m.; a time already followed by
    "this morning" or "tonight" keeps that. ``12 p.m.`` is noon, ``12 a.m.``
    midnight; 24-hour times are read the same way. Given when the message was
    ``written`` (and the ``zone``), a time within ``SAME_DAY_WITHIN`` of it on its day is
    said as that day's: ``If you are not back by 11 a.m.`` written at 10:20 a.m. ->
    ``by eleven this morning``, not ``by eleven in the morning`` (which sounds like tomorrow).
    """

    def said(match: re.Match[str]) -> str:
        if match["hour"] is not None:
            hour, minute, day = int(match["hour"]), int(match["minute"] or 0), match["day"]
            if hour > 12 or hour == 0:
                return match[0]  # "14 p.m." is no time: leave it for a person to see
            hour = hour % 12 + (12 if match["half"].lower() == "p" else 0)
        else:
            hour, minute, day = int(match["hour24"]), int(match["minute24"]), match["day24"]
        clock = clock_words(hour, minute)
        if day:
            return clock + day
        said = clock if clock in ("noon", "midnight") else f"{clock} {_said_part(hour)}"
        if dated and clock not in ("noon", "midnight"):
            local = _aware(written).astimezone(zone)
            moment = local.replace(hour=hour, minute=minute, second=0, microsecond=0)
            if abs(moment - local) <= SAME_DAY_WITHIN:
                said = spoken_time(moment, local, zone)  # "eleven this morning", "four this afternoon"
        # "p.m." may also have ended the sentence: keep that full stop.
        rest = text[match.end() :]
        ends = match[0].endswith(".") and (not rest.strip() or re.match(rf"\s+(?!(?:{_DAY_NAMES})\b)[A-Z]", rest))
        return said + ("." if ends else "")

    # A message that names a day ("early on Wednesday, October 21, between 12:30 a.m. and 4 a.m.") speaks of it.
    dated = written is not None and zone is not None and not _NAMED_DAY.search(text)
    if written is not None and zone is not None:
        # "If you are not online in 15 minutes" is false once the copy is read later: said as the time it means.
        text = _IN_MINUTES.sub(lambda m: _by_then(m, written, zone), text)
    said_text = _STAFF_CLOCK.sub(said, text)
    # "between twelve-thirty in the morning and four in the morning": the part of the day once.
    return re.sub(r"\b(between|from) (\S+) (in the \w+|at night) (and|to) (\S+) \3\b", r"\1 \2 \4 \5 \3", said_text)


_MONTH_NAMES = "|".join(_MONTHS[1:])
_DAY_NAMES = "|".join(_WEEKDAYS + _MONTHS[1:])
_NAMED_DAY = re.compile(
    rf"\b(?:{_DAY_NAMES}|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec|tomorrow|yesterday|overnight)\b", re.IGNORECASE
)
_ABBREVIATED = {"Jan": 1, "Feb": 2, "Mar": 3, "Apr": 4, "Jun": 6, "Jul": 7, "Aug": 8, "Sep": 9, "Sept": 9, "Oct": 10,
                "Nov": 11, "Dec": 12}  # fmt: skip
_STAFF_DATE = re.compile(
    rf"\b(?P<month>{_MONTH_NAMES}|(?:{'|'.join(_ABBREVIATED)})\.?)\s+(?P<day>[1-9]|[12]\d|3[01])\b(?!\d|:|st|nd|rd|th)"
    r"(?:,?\s+(?P<year>20\d\d)\b)?"
)


def spoken_dates(text: str) -> str:
    """``July 4`` -> ``July 4th``, ``Nov. 5, 2026`` -> ``November 5th``: dates as said, the year left out.

    A bulletin is about days around it, so a year is noise on air.
    """

    def said(match: re.Match[str]) -> str:
        name = match["month"].rstrip(".")
        month = _ABBREVIATED.get(name) or _MONTHS.index(name)
        return f"{_MONTHS[month]} {day_of_month(int(match['day']))}"

    return _STAFF_DATE.sub(said, text)
