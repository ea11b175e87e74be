"""Words counted as a reader speaks them, for timing copy to its slot.

A script for a 30-second slot at 150 words a minute holds 75 words *as
spoken*: ``N-O-C`` is three words, ``9-1-1`` three, ``status.northwind.example``
five ("status dot northwind dot example"), ``153`` four ("one hundred
fifty-three"), ``48-thousand`` three, ``%`` two ("per cent"). Counting
whitespace-separated tokens instead undercounts exactly the copy that runs long.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from functools import lru_cache

from .numbers import number_words

_EDGE = "\"'“”‘’()[]{},;:!?…"
_SYMBOLS = {"&": 1, "%": 2, "+": 1, "=": 1, "#": 1, "@": 1, "/": 1, "$": 1}
_TIME = re.compile(r"^(\d{1,2}):(\d{2})$")
_FIGURE = re.compile(r"^(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(st|nd|rd|th|s)?$")


def _words(text: str) -> int:
    return len(re.split(r"[\s-]+", text.strip()))


def _figure_words(part: str) -> int | None:
    """Spoken words of ``12``, ``1,200``, ``2.5``, ``97th``, ``10:30``; None if ``part`` is no figure."""
    if time := _TIME.match(part):
        hour, minute = int(time[1]), int(time[2])
        return _words(number_words(hour)) + (0 if minute == 0 else 2 if minute < 10 else _words(number_words(minute)))
    figure = _FIGURE.match(part)
    if not figure:
        return None
    whole = int(figure[1].replace(",", ""))
    said = _words(number_words(whole)) if whole < 1_000_000_000 else len(figure[1])
    return said + (1 + len(figure[2]) if figure[2] else 0)  # "two point five"


def part_words(part: str, edge: str, symbols: Mapping[str, int], figure_words: Callable[[str], int | None]) -> int:
    """The spoken words of one part of a token (between hyphens), in any language: ``edge`` is its punctuation,
    ``symbols`` the words a symbol is said in (French says "/" in two, "barre oblique") and ``figure_words``
    its figures' words. Shared by English and French (``fr.counting``): only those three differ."""
    part = part.strip(edge + ".")
    if not part:
        return 0
    if part in symbols:
        return symbols[part]
    figure = figure_words(part.rstrip("%"))
    if figure is not None:
        return figure + (2 if part.endswith("%") else 0)
    if re.search(r"[a-z0-9][./@][a-z0-9]", part, re.IGNORECASE):
        # A web or e-mail address: every part and every "dot", "slash", "at" is said.
        pieces = [p for p in re.split(r"([./@])", part) if p]
        words = [p for p in pieces if p not in "./@"]
        if all(len(w) == 1 for w in words):
            return len(words)  # initials: "a.m.", "U.S."
        return sum(symbols.get(p, 1) if p in "./@" else part_words(p, edge, symbols, figure_words) for p in pieces)
    return 1


def _part_words(part: str) -> int:
    return part_words(part, _EDGE, _SYMBOLS, _figure_words)


def spoken_word_count(text: str) -> int:
    """How many words a reader says reading ``text`` aloud."""
    return sum(_token_words(token) for token in text.split())


@lru_cache(maxsize=65536)
def _token_words(token: str) -> int:
    """The spoken words of one token; kept, since fitting a script counts the same words many times over."""
    token = token.strip(_EDGE)
    if _TIME.match(token.rstrip(".")):
        return _part_words(token.rstrip("."))
    return sum(_part_words(part) for part in re.split(r"[-–—]", token))


def word_budget(seconds: int, words_per_minute: int) -> int:
    """The words a slot holds: ``word_budget(30, 150) == 75``."""
    return seconds * words_per_minute // 60


def spoken_seconds(text: str, words_per_minute: int) -> float:
    """How long ``text`` runs when read at ``words_per_minute``."""
    return spoken_word_count(text) * 60 / words_per_minute


def fill_ratio(text: str, seconds: int, words_per_minute: int) -> float:
    """The share of the slot the copy fills: 0.85 to 1.0 is on time."""
    return spoken_word_count(text) / (seconds * words_per_minute / 60)


def fills_slot(text: str, seconds: int, words_per_minute: int) -> bool:
    """True when the copy fills 85 to 100 per cent of its slot."""
    return 0.85 <= fill_ratio(text, seconds, words_per_minute) <= 1.0
