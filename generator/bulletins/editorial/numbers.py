"""Numbers as a newsreader says them: Canadian Press and AP broadcast style.

One to nine in words, 10 and up in figures; counts of people rounded for the
ear ("about 12-hundred", "about 48-thousand", "about one-point-two-five
million"), small counts exact ("seven customers", never "about seven");
"per cent" in two words; no sentence opens with a figure.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

_ONES = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_TENS = ["_", "_", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_ORDINALS = ["_", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth"]
_SUFFIX = {1: "st", 2: "nd", 3: "rd"}


def number_words(n: int) -> str:
    """``153`` -> ``one hundred fifty-three``: AP style (no "and", no commas), 0 to 999,999,999.

    Written here rather than taken from inflect or num2words: their English
    adds "and" and commas by default, and this is all the bulletins need.
    """
    if not 0 <= n < 1_000_000_000:
        raise ValueError(f"number_words takes 0 to 999,999,999; found {n}")
    if n < 20:
        return _ONES[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return _TENS[tens] + (f"-{_ONES[ones]}" if ones else "")
    if n < 1000:
        hundreds, rest = divmod(n, 100)
        return f"{_ONES[hundreds]} hundred" + (f" {number_words(rest)}" if rest else "")
    size, name = (1_000_000, "million") if n >= 1_000_000 else (1000, "thousand")
    big, rest = divmod(n, size)
    return f"{number_words(big)} {name}" + (f" {number_words(rest)}" if rest else "")


def spoken_number(n: int) -> str:
    """``7`` -> ``seven``, ``12`` -> ``12``: one to nine (and zero) in words, 10 and up in figures."""
    if n < 0:
        raise ValueError(f"spoken_number takes a count, 0 or more; found {n}")
    return _ONES[n] if n < 10 else str(n)


def ordinal(n: int) -> str:
    """``3`` -> ``third``, ``21`` -> ``21st``: first to ninth in words, 10th and up in figures."""
    if n < 1:
        raise ValueError(f"ordinal takes 1 or more; found {n}")
    return _ORDINALS[n] if n < 10 else day_of_month(n)


def day_of_month(n: int) -> str:
    """``3`` -> ``3rd``: dates are always figures with their suffix ("December 3rd")."""
    suffix = "th" if 10 <= n % 100 <= 20 else _SUFFIX.get(n % 10, "th")
    return f"{n}{suffix}"


def _round_half_up(n: int, step: int) -> int:
    return (n + step // 2) // step * step


def _large(n: int) -> str:
    """``1_250_000`` -> ``one-point-two-five million``: millions (or billions) to two decimals, said digit by digit."""
    unit, name = (1_000_000, "million") if _round_half_up(n, 10_000) < 1_000_000_000 else (1_000_000_000, "billion")
    hundredths = _round_half_up(n, unit // 100) // (unit // 100)
    whole, fraction = divmod(hundredths, 100)
    digits = f"{fraction:02d}".rstrip("0")
    if not digits:
        return f"{spoken_number(whole)} {name}"
    return "-".join([spoken_number(whole), "point", *(_ONES[int(d)] for d in digits)]) + f" {name}"


def rounded(n: int) -> str:
    """A large count as said, without "about": ``340``, ``12-hundred``, ``48-thousand``, ``one-point-two-five million``.

    Under 1,000 to the nearest ten; under 10,000 in hundreds; under a million
    in thousands; then millions (and billions) to two decimals. No figure runs
    to four digits.
    """
    if n < 100:
        return spoken_number(n)
    if n < 1000 and _round_half_up(n, 10) < 1000:
        return str(_round_half_up(n, 10))
    if n < 10_000 and (hundreds := _round_half_up(n, 100) // 100) < 100:
        return f"{spoken_number(hundreds // 10)}-thousand" if hundreds % 10 == 0 else f"{hundreds}-hundred"
    if n < 1_000_000 and (thousands := _round_half_up(n, 1000) // 1000) < 1000:
        return f"{spoken_number(thousands)}-thousand"
    return _large(n)


def count(n: int) -> str:
    """A count of customers, homes or people: exact under 100 (``seven``, ``48``), else ``about`` and rounded.

    Counts from 100 up are the company's estimates, so they are said with
    "about" ("about 12-hundred"); a small count is said exactly, never
    "about seven".
    """
    if n < 0:
        raise ValueError(f"count takes 0 or more; found {n}")
    return spoken_number(n) if n < 100 else f"about {rounded(n)}"


def per_cent(value: float) -> str:
    """``45`` -> ``45 per cent``, ``5`` -> ``five per cent``, ``2.5`` -> ``two-point-five per cent``."""
    if value < 0:
        raise ValueError(f"per_cent takes 0 or more; found {value}")
    whole = int(value)
    fraction = f"{value:.10f}".split(".")[1].rstrip("0")
    if not fraction:
        return f"{spoken_number(whole)} per cent"
    return "-".join([spoken_number(whole), "point", *(_ONES[int(d)] for d in fraction)]) + " per cent"


# --- the same rules over staff's own sentences ---------------------------------

COUNT_NOUNS = (
    "customers|homes|businesses|households|people|residents|subscribers|users|accounts|lines|"
    "addresses|premises|buildings|sites|locations|connections|devices|modems|phones|calls|emails|messages"
)
_FIGURE = r"\d{1,3}(?:,\d{3})+|\d+"
_PER_CENT = re.compile(r"(?<![\w.,])(\d+(?:\.\d+)?)\s*(?:%|per\s?cent\b)")
_HEDGE = re.compile(
    # "of the 210 lines": a figure named with "the" is one the listener already knows, never "about" again.
    r"\b(?:about|around|approximately|roughly|some|nearly|almost|over|under|more than|fewer than|less than|the)\s+$",
    re.IGNORECASE,
)
_COUNT = re.compile(rf"(?<![\w.,:/$-])({_FIGURE})(\s+(?:[a-z]+\s+)?(?:{COUNT_NOUNS})\b)")
_SMALL = re.compile(r"(?<![\w.,:/$-])(\d)(?=\s+[a-z])")
_LEADING = re.compile(rf"(?:^|(?<=[.!?]\s))(?:(\d{{1,2}}):(\d{{2}})\b|({_FIGURE})(?![\d,]|[:.]\d))")


def _sentence_start(text: str, position: int) -> bool:
    before = text[:position].rstrip()
    return not before or before.endswith((".", "!", "?"))


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def _at_start(text: str, match: re.Match[str], said: str) -> str:
    """``said`` with a capital where ``match`` opens a sentence of ``text``."""
    return _capitalise(said) if _sentence_start(text, match.start()) else said


def clock_words(hour: int, minute: int) -> str:
    """``(22, 30)`` -> ``ten-thirty``, ``(14, 5)`` -> ``two-oh-five``, ``noon``, ``midnight``: hours always in words."""
    if (hour, minute) == (12, 0):
        return "noon"
    if (hour, minute) == (0, 0):
        return "midnight"
    said = number_words(hour % 12 or 12)
    if minute == 0:
        return said
    return f"{said}-oh-{number_words(minute)}" if minute < 10 else f"{said}-{number_words(minute)}"


def spoken_figures(text: str) -> str:
    """Staff's figures as said: per cent, counts of people, small numbers, and never a figure first.

    ``Outage affects 1,200 customers.`` -> ``Outage affects about 12-hundred customers.``;
    ``2 crews are on site.`` -> ``Two crews are on site.``. Figures that name
    things stay as they are: ``Highway 2``, ``153 Avenue``, ``2:15``, ``2026``.
    """
    return figures_said(text, ENGLISH)


@dataclass(frozen=True)
class FigureRules:
    """One language's figures in staff's sentences: how they are written and how they are said."""

    per_cent_written: re.Pattern[str]
    """A per cent as staff write it; group 1 the figure."""
    per_cent_value: Callable[[str], float]
    per_cent: Callable[[float], str]
    count_written: re.Pattern[str]
    """A figure (group 1) before a noun of people or things counted (group 2)."""
    figure_value: Callable[[str], int]
    hedge: re.Pattern[str]
    """Staff's own "about" before a count: it is rounded already."""
    rounded: Callable[[int], str]
    count: Callable[[int], str]
    small_written: re.Pattern[str]
    """A one-digit figure (group 1) before a word."""
    ones: Sequence[str]
    no_leading_figure: Callable[[str], str]


def figures_said(text: str, rules: FigureRules) -> str:
    """``spoken_figures`` in any language's ``rules``: per cent, then counts, then small numbers, then no
    figure first. Shared by English and French (``fr.numbers``)."""
    text = rules.per_cent_written.sub(lambda m: _at_start(text, m, rules.per_cent(rules.per_cent_value(m[1]))), text)

    def counted(match: re.Match[str]) -> str:
        n = rules.figure_value(match[1])
        # "About 1,250 customers": the staff's own "about" (or "over", "nearly") already says it is rounded.
        hedged = rules.hedge.search(text[: match.start()])
        return _at_start(text, match, rules.rounded(n) if hedged and n >= 100 else rules.count(n)) + match[2]

    text = rules.count_written.sub(counted, text)

    def small(match: re.Match[str]) -> str:
        words = text[: match.start()].split()
        named = words and words[-1][:1].isupper() and not _sentence_start(text, match.start() - len(words[-1]) - 1)
        if named:
            return match[1]  # "Highway 2 is closed": a name, not a count
        return _at_start(text, match, rules.ones[int(match[1])])

    text = rules.small_written.sub(small, text)
    return rules.no_leading_figure(text)


def no_leading_figure(text: str) -> str:
    """``48 homes are out.`` -> ``Forty-eight homes are out.``: a sentence never opens with a figure (AP, CP).

    A clock time opening a sentence is said too: ``10:30 update`` -> ``Ten-thirty update``.
    """

    def said(match: re.Match[str]) -> str:
        if match[1]:
            return _capitalise(clock_words(int(match[1]), int(match[2])))
        return _capitalise(number_words(int(match[3].replace(",", ""))))

    return _LEADING.sub(said, text)


ENGLISH = FigureRules(
    per_cent_written=_PER_CENT,
    per_cent_value=float,
    per_cent=per_cent,
    count_written=_COUNT,
    figure_value=lambda figure: int(figure.replace(",", "")),
    hedge=_HEDGE,
    rounded=rounded,
    count=count,
    small_written=_SMALL,
    ones=_ONES,
    no_leading_figure=no_leading_figure,
)
