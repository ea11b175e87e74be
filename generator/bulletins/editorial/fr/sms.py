"""Les textos: French text messages in GSM-7 wherever French allows, split correctly where it does not.

GSM 03.38's basic table has é, è, à, ù, É, ì, ò and Ç, which covers most
French; it lacks ê, â, î, ô, û, ë, ï, ç, œ and the accented capitals but É.
So a French text is written in GSM-7 where that costs nothing: typography
made plain (as in English), ``œ`` as ``oe``, an accented capital without its
accent (French has always allowed it), and ``î`` and ``û`` without their
circumflex as the 1990 spelling reform writes them (``aout``, ``boite``,
``cout``), except in the words the reform keeps (``dû``, ``mûr``, ``sûr``).
A word that still needs ê, â, ô, ç, ë or ï (``fenêtre``, ``reçu``) is never
misspelt to save a part: the text goes as UCS-2, 70 characters in one part
and 67 a part beyond, and :func:`sms_parts` splits it as a phone network does
(an escape pair or a surrogate pair is never cut in two).
"""

from __future__ import annotations

import re
from datetime import datetime, tzinfo

from ..sms import _TYPOGRAPHY, GSM7, SMS_LIMIT, UCS2_LIMIT, is_gsm7
from .printed import SHORT_MONTHS, SHORT_WEEKDAYS

GSM7_PART = 153
"""Septets in each part of a GSM-7 text longer than 160 (the rest carries the parts' header)."""
UCS2_PART = 67
"""UTF-16 units in each part of a UCS-2 text longer than 70."""
UCS2_BUDGET = 2 * UCS2_PART
"""A French text that must go as UCS-2 is fitted to two parts at most."""

_CAPITALS = str.maketrans({"À": "A", "Â": "A", "È": "E", "Ê": "E", "Ë": "E", "Î": "I", "Ï": "I", "Ô": "O", "Ù": "U",
                           "Û": "U", "Ÿ": "Y", "Œ": "OE", "œ": "oe", "Æ": "AE", "æ": "ae"})  # fmt: skip
_KEEPS_CIRCUMFLEX = re.compile(r"\b(?:dû|mûre?s?|sûre?s?|sûrement|jeûnes?|crûs?|crûe?s?)\b", re.IGNORECASE)


def in_gsm7(text: str) -> str:
    """French text in GSM-7 where French allows it; what it cannot lose (ê, â, ô, ç, ë, ï) stays as written.

    ``« Fenêtre » : coût d’août…`` -> ``"Fenêtre" : cout d'aout...``: plain typography, ``î`` and ``û`` as the
    1990 spelling writes them, accents off capitals; ``ê`` stays, so that text would go as UCS-2.
    """
    text = re.sub(r"«[\s\u00a0\u202f]*", "«", re.sub(r"[\s\u00a0\u202f]*»", "»", text))
    text = text.translate(_TYPOGRAPHY).translate(_CAPITALS)
    kept = {m.start() + i for m in _KEEPS_CIRCUMFLEX.finditer(text) for i in range(len(m[0]))}
    text = "".join({"î": "i", "û": "u"}.get(c, c) if i not in kept else c for i, c in enumerate(text))
    return re.sub(r" {2,}", " ", text).strip()


def sms_parts(text: str) -> list[str]:
    """The parts a phone network sends ``text`` in: one of up to 160 GSM-7 septets or 70 UCS-2 units, else parts
    of 153 septets or 67 units, filled in order; an escape pair (``€``, ``[``) or a surrogate pair is never split."""
    gsm = is_gsm7(text)

    def size(character: str) -> int:
        return len(character.encode(GSM7)) if gsm else len(character.encode("utf-16-le")) // 2

    total = sum(size(c) for c in text)
    if total <= (SMS_LIMIT if gsm else UCS2_LIMIT):
        return [text] if text else []
    limit = GSM7_PART if gsm else UCS2_PART
    parts, current, used = [], "", 0
    for character in text:
        if used + size(character) > limit:
            parts.append(current)
            current, used = "", 0
        current += character
        used += size(character)
    return [*parts, current] if current else parts


def sms_units(text: str) -> int:
    """Septets (GSM-7) or UTF-16 units (UCS-2) the text takes."""
    if is_gsm7(text):
        return len(text.encode(GSM7))
    return len(text.encode("utf-16-le")) // 2


def sms_budget(text: str) -> int:
    """The budget a text is fitted to: one GSM-7 message (160), or two UCS-2 parts (134) if it cannot be GSM-7."""
    return SMS_LIMIT if is_gsm7(text) else UCS2_BUDGET


def _clock(local: datetime) -> str:
    if (local.hour, local.minute) == (12, 0):
        return "midi"
    if (local.hour, local.minute) == (0, 0):
        return "minuit"
    return f"{local.hour} h {local.minute:02d}" if local.minute else f"{local.hour} h"


def _day(local: datetime) -> str:
    return f"{SHORT_WEEKDAYS[local.weekday()]} {'1er' if local.day == 1 else local.day} {SHORT_MONTHS[local.month]}"


def sms_time(moment: datetime, reference: datetime, zone: tzinfo) -> str:
    """``dim. 15 h``, ``dim. 15 h 30``, ``dim. midi``; a week or more from ``reference``: ``3 déc. 15 h``."""
    local = moment.astimezone(zone)
    days = abs((local.date() - reference.astimezone(zone).date()).days)
    day = SHORT_WEEKDAYS[local.weekday()] if days < 7 else f"{local.day} {SHORT_MONTHS[local.month]}"
    return f"{day} {_clock(local)}"


def sms_window(start: datetime, end: datetime, zone: tzinfo) -> str:
    """A planned window with its date, always: ``mer. 21 oct. 0 h 30 à 4 h``, ``mar. 1er déc. 22 h à mer. 2 h``."""
    first, last = start.astimezone(zone), end.astimezone(zone)
    if first.date() == last.date():
        return f"{_day(first)} {_clock(first)} à {_clock(last)}"
    return f"{_day(first)} {_clock(first)} à {SHORT_WEEKDAYS[last.weekday()]} {_clock(last)}"
