"""L'heure, les jours et les durées comme à la radio: French times for the ear.

"huit heures quinze ce matin", "quinze heures cet après-midi", "vingt-deux
heures trente ce soir", "midi", "minuit"; days relative to the copy within a
week ("demain matin", "mardi"), "le 3 décembre" beyond it; durations
("environ cinq heures et demie"). The 24-hour clock, as French-language radio
in Canada reads it, with the part of the day said as a listener expects it.

The arithmetic is the English rulebook's (``editorial.clock``: real elapsed
time across daylight saving, promises rounded up and beginnings down to the
quarter hour); only the words are French.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, tzinfo

from ..clock import (
    ClockWords,
    _aware,
    began_said,
    day_said,
    duration_said,
    round_down_to_quarter,
    round_up_to_quarter,
    window_said,
)
from .numbers import clock_words, number_words, spoken_number

MONTHS = [
    "_", "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre",
    "décembre",
]  # fmt: skip
WEEKDAYS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]


def day_of_month(n: int) -> str:
    """``1`` -> ``1er``, ``22`` -> ``22``: the first of the month is "premier", the others their figure."""
    return "1er" if n == 1 else str(n)


def date_words(day: date) -> str:
    """``3 décembre``, ``1er juillet``."""
    return f"{day_of_month(day.day)} {MONTHS[day.month]}"


def spoken_clock(moment: datetime, zone: tzinfo) -> str:
    """``huit heures quinze``, ``quinze heures``, ``midi``, ``minuit trente``."""
    local = _aware(moment).astimezone(zone)
    return clock_words(local.hour, local.minute)


def _period(hour: int) -> str:
    return "matin" if hour < 12 else "après-midi" if hour < 18 else "soir"


_THIS = {"matin": "ce matin", "après-midi": "cet après-midi", "soir": "ce soir"}


def spoken_day(moment: datetime, reference: datetime, zone: tzinfo) -> str:
    """``aujourd'hui``, ``demain``, ``hier``, ``mardi`` within a week, else ``le 3 décembre``."""
    return day_said(moment, reference, zone, FRENCH)


def _midnight(night: date, today: date) -> str:
    """Midnight as the end of the evening before: ``minuit ce soir``, ``minuit mardi soir``."""
    days = (night - today).days
    if days == 0:
        return "minuit ce soir"
    if days == -1:
        return "minuit"
    if days == 1:
        return "minuit demain soir"
    if abs(days) < 7:
        return f"minuit {WEEKDAYS[night.weekday()]} soir"
    following = night + timedelta(days=1)
    first = day_of_month(night.day) if night.month == following.month else date_words(night)
    return f"minuit dans la nuit du {first} au {date_words(following)}"


def spoken_time(moment: datetime, reference: datetime, zone: tzinfo) -> str:
    """A moment as said in copy issued at ``reference``, exactly as given (no rounding).

    ``huit heures quinze ce matin``, ``quinze heures`` (today: the 24-hour clock says the afternoon), ``une
    heure demain matin``, ``vingt-trois heures hier soir``, ``midi mardi``,
    ``neuf heures mardi matin``, ``neuf heures le jeudi 3 décembre``.
    """
    local = _aware(moment).astimezone(zone)
    today = _aware(reference).astimezone(zone).date()
    clock = spoken_clock(local, zone)
    if clock == "minuit":
        return _midnight(local.date() - timedelta(days=1), today)
    days = (local.date() - today).days
    period = _period(local.hour)
    if clock.startswith("midi"):  # "midi cinquante" needs no "cet après-midi"
        day = {0: "", 1: " demain", -1: " hier"}.get(days)
        if day is not None:
            return f"{clock}{day}"
        return f"{clock} {WEEKDAYS[local.weekday()]}" if abs(days) < 7 else f"{clock} le {date_words(local.date())}"
    if days == 0:
        # "quinze heures", not "quinze heures cet après-midi": from 13 h the 24-hour clock says the part of the day
        # (below it "huit heures" may be said of the evening in speech, so "ce matin" stays)
        return clock if local.hour >= 13 else f"{clock} {_THIS[period]}"
    if days == 1:
        return f"{clock} demain {period}"
    if days == -1:
        return f"{clock} hier {period}"
    if abs(days) < 7:
        return f"{clock} {WEEKDAYS[local.weekday()]} {period}"
    return f"{clock} le {WEEKDAYS[local.weekday()]} {date_words(local.date())}"  # "le mercredi 21 octobre"


def promised_time(moment: datetime, reference: datetime, zone: tzinfo) -> str:
    """An estimate or the next update, rounded *up* to the quarter hour: 14 h 10 -> ``quatorze heures quinze …``."""
    return spoken_time(round_up_to_quarter(moment), reference, zone)


def began_time(moment: datetime, reference: datetime, zone: tzinfo) -> str:
    """When something began, rounded *down* to the quarter hour: 8 h 25 -> ``huit heures quinze ce matin``."""
    return spoken_time(round_down_to_quarter(moment), reference, zone)


def began_phrase(moment: datetime, reference: datetime, zone: tzinfo) -> str:
    """``un peu après huit heures ce matin`` when rounding moved the time, ``à huit heures ce matin`` when not."""
    return began_said(moment, reference, zone, spoken_time, FRENCH)


# --- durations -------------------------------------------------------------------


def _quarters(whole: int, unit: str, quarters: int) -> str:
    """``une heure``, ``une heure et quart``, ``cinq heures et demie``, ``quatre heures trois quarts``, ``un jour et demi``."""
    feminine = unit == "heure"
    one = "une" if feminine else "un"
    part = ("", " et quart", " et demie" if feminine else " et demi", " trois quarts")[quarters]
    counted = one if whole == 1 else spoken_number(whole)
    return f"{counted} {unit}{'' if whole == 1 else 's'}{part}"


def spoken_duration(delta: timedelta) -> str:
    """``environ quatre heures et quart``: minutes to the nearest five, hours to the quarter, days to the half.

    "environ" only when rounding changed the length (as in English, only the words differ); measure ``delta``
    with ``editorial.elapsed`` so a daylight-saving change is counted right.
    """
    return duration_said(delta, FRENCH)


def spoken_window(start: datetime, end: datetime, reference: datetime, zone: tzinfo) -> str:
    """A planned window as said: ``entre minuit trente et quatre heures mercredi matin``.

    Within one part of one day the day is said once; otherwise both ends in
    full (``de vingt-deux heures ce soir à deux heures demain matin``). Exact:
    a window is a plan, not an estimate.
    """
    return window_said(start, end, reference, zone, spoken_time, spoken_clock, FRENCH)


FRENCH = ClockWords(
    today="aujourd'hui",
    tomorrow="demain",
    yesterday="hier",
    weekdays=WEEKDAYS,
    far_day=lambda day: f"le {date_words(day)}",
    period=_period,
    noon="midi",
    midnight="minuit",
    between="entre {first} et {ends}",
    from_to="de {first} à {ends}",
    at="à",
    shortly_after="un peu après",
    instant="moins d'une minute",
    few_minutes="quelques minutes",
    about="environ ",
    number=spoken_number,
    quarters=lambda whole, unit, quarters: _quarters(whole, {"hour": "heure", "day": "jour"}[unit], quarters),
)
"""The English words (``clock.ENGLISH``) in French."""


# --- staff's own clock times and dates ----------------------------------------------

_STAFF_CLOCK = re.compile(
    r"(?<![\w:])(?P<hour>[01]?\d|2[0-3])(?:\s?h\s?(?P<minute>[0-5]\d)?|:(?P<minute24>[0-5]\d))(?![\w:])"
)


def stated_clock(sentence: str) -> tuple[int, int] | None:
    """The first clock time staff wrote in ``sentence``: ``à 16 h 30`` -> (16, 30); None when there is none."""
    match = _STAFF_CLOCK.search(sentence)
    return (int(match["hour"]), int(match["minute"] or match["minute24"] or 0)) if match else None


def spoken_clock_times(text: str) -> str:
    """Staff's clock times as said: ``vers 14 h 30`` -> ``vers quatorze heures trente``; ``8h05``, ``14:30`` too.

    The day is never guessed: what staff wrote around the time ("ce matin",
    "demain") stays as written.
    """

    def said(match: re.Match[str]) -> str:
        minute = match["minute"] or match["minute24"] or "0"
        return clock_words(int(match["hour"]), int(minute))

    return _STAFF_CLOCK.sub(said, text)


_ABBREVIATED = {"janv": 1, "févr": 2, "fév": 2, "avr": 4, "juil": 7, "sept": 9, "oct": 10, "nov": 11, "déc": 12}
_MONTH_WORDS = "|".join(MONTHS[1:])
_STAFF_DATE = re.compile(
    rf"\b(?P<day>[1-9]|[12]\d|3[01])(?P<er>er)?\s+(?P<month>{_MONTH_WORDS}|(?:{'|'.join(_ABBREVIATED)})\.)"
    r"(?:\s+(?P<year>20\d\d)\b)?",
    re.IGNORECASE,
)


def spoken_dates(text: str) -> str:
    """``1er juillet`` -> ``premier juillet``, ``22 nov. 2026`` -> ``22 novembre``: the year left out on air."""

    def said(match: re.Match[str]) -> str:
        name = match["month"].rstrip(".").lower()
        month = _ABBREVIATED.get(name) or MONTHS.index(name)
        day = int(match["day"])
        return f"{'premier' if day == 1 else day} {MONTHS[month]}"

    return _STAFF_DATE.sub(said, text)


def hours_words(hours: int) -> str:
    """``une heure``, ``deux heures``: a whole number of hours."""
    return "une heure" if hours == 1 else f"{number_words(hours)} heures"
