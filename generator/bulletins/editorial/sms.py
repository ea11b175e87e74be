"""Text messages in the GSM 7-bit alphabet, one part of 160 characters.

One character outside GSM 03.38 (a typographic quote, an em dash, an ellipsis,
a non-breaking space) turns the whole message into UCS-2, 70 characters a
part: a 150-character text becomes three messages on the phone bill and on
the screen. So typography is replaced by its plain equivalent first, and the
encoding is checked with the ``gsm0338`` codec rather than a hand-kept table.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime, tzinfo

import gsm0338  # noqa: F401 - registers the "gsm03.38" codec

GSM7 = "gsm03.38"
SMS_LIMIT = 160
"""Characters (septets) in one GSM-7 message; a longer one is split into parts of 153."""
UCS2_LIMIT = 70
"""Characters in one UCS-2 message; a longer one is split into parts of 67."""

_TYPOGRAPHY = str.maketrans(
    {
        "‘": "'",
        "’": "'",
        "‚": "'",
        "‛": "'",
        "′": "'",
        "“": '"',
        "”": '"',
        "„": '"',
        "″": '"',
        "«": '"',
        "»": '"',
        "‐": "-",
        "‑": "-",
        "‒": "-",
        "–": "-",
        "—": "-",
        "―": "-",
        "−": "-",
        "…": "...",
        "•": "-",
        "·": "-",
        "\u00a0": " ",
        "\u2007": " ",
        "\u2009": " ",
        "\u202f": " ",
        "\u200b": "",
        "\t": " ",
    }
)
_MONTHS = ["_", "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
_WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]


def is_gsm7(text: str) -> bool:
    """True when every character is in the GSM 03.38 alphabet (its extension table included)."""
    try:
        text.encode(GSM7)
    except UnicodeEncodeError:
        return False
    return True


def _plain(character: str) -> str:
    """``ô`` -> ``o``: the letter without its accent if that is GSM, else nothing (an emoji, a symbol)."""
    base = "".join(c for c in unicodedata.normalize("NFKD", character) if not unicodedata.combining(c))
    return base if base and is_gsm7(base) else ""


def to_gsm7(text: str) -> str:
    """Straight quotes, ``-`` for dashes, ``...`` for an ellipsis, plain spaces; accents GSM lacks dropped.

    Letters GSM has keep their accents (``é``, ``ü``); others lose them
    (``ô`` -> ``o``); what has no GSM form at all (an emoji) is left out.
    """
    text = text.translate(_TYPOGRAPHY)
    text = "".join(c if is_gsm7(c) else _plain(c) for c in text)
    return re.sub(r" {2,}", " ", text).strip()


@dataclass(frozen=True)
class SmsEncoding:
    """How a text travels: ``gsm7`` or UCS-2, its length in ``units`` (septets or UTF-16 units), in ``parts``."""

    gsm7: bool
    units: int
    parts: int


def sms_encoding(text: str) -> SmsEncoding:
    """``SmsEncoding(gsm7=True, units=42, parts=1)``: extension characters (``€ [ ] { } ~ ^ | \\``) count two."""
    if is_gsm7(text):
        units = len(text.encode(GSM7))
        return SmsEncoding(True, units, 1 if units <= SMS_LIMIT else math.ceil(units / 153))
    units = len(text.encode("utf-16-le")) // 2
    return SmsEncoding(False, units, 1 if units <= UCS2_LIMIT else math.ceil(units / 67))


def fits_one_sms(text: str) -> bool:
    """True for GSM-7 text of at most 160 septets: one message, as cheap and as readable as it gets."""
    encoding = sms_encoding(text)
    return encoding.gsm7 and encoding.parts == 1


def sms_time(moment: datetime, reference: datetime, zone: tzinfo) -> str:
    """``3pm Sun``, ``3:30pm Sun``, ``noon Sun``, ``12am Mon``; a week or more from ``reference``: ``3pm Dec 3``."""
    local = moment.astimezone(zone)
    if (local.hour, local.minute) == (12, 0):
        clock = "noon"
    else:
        hour = local.hour % 12 or 12
        clock = f"{hour}{f':{local.minute:02d}' if local.minute else ''}{'am' if local.hour < 12 else 'pm'}"
    days = abs((local.date() - reference.astimezone(zone).date()).days)
    day = _WEEKDAYS[local.weekday()] if days < 7 else f"{_MONTHS[local.month]} {local.day}"
    return f"{clock} {day}"


def fit_sms(head: str, optional: list[str], tail: str, limit: int = SMS_LIMIT) -> str:
    """``head`` + as many ``optional`` parts as fit, in order + ``tail``, in GSM-7 and at most ``limit`` septets.

    Parts are dropped whole from the end, never cut; if ``head`` and ``tail``
    alone are too long, the head is shortened at a word and marked ``...``.
    """
    head, tail = to_gsm7(head), to_gsm7(tail)
    parts = [to_gsm7(p) for p in optional if p.strip()]

    def joined(items: list[str]) -> str:
        return " ".join([head, *items, tail]).strip()

    while parts and sms_encoding(joined(parts)).units > limit:
        parts.pop()
    text = joined(parts)
    while sms_encoding(text).units > limit and " " in head:
        head = head.rsplit(" ", 1)[0].rstrip(" ,;:.-") + "..."
        text = joined([])
    return text


def sms_window(start: datetime, end: datetime, zone: tzinfo) -> str:
    """A planned window with its date, always: ``Wed Oct 21 12:30-4am``, ``Tue Dec 1 10pm-Wed 2am``.

    A text is read whenever it arrives, so planned work always says its day and date.
    """
    first, last = start.astimezone(zone), end.astimezone(zone)

    def clock(local: datetime, half: bool) -> str:
        if (local.hour, local.minute) == (12, 0):
            return "noon"
        hour = local.hour % 12 or 12
        minutes = f":{local.minute:02d}" if local.minute else ""
        return f"{hour}{minutes}" + (("am" if local.hour < 12 else "pm") if half else "")

    def day(local: datetime) -> str:
        return f"{_WEEKDAYS[local.weekday()]} {_MONTHS[local.month]} {local.day}"

    if first.date() == last.date():
        same_half = (first.hour < 12) == (last.hour < 12) and "noon" not in (clock(first, True), clock(last, True))
        return f"{day(first)} {clock(first, not same_half)}-{clock(last, True)}"
    return f"{day(first)} {clock(first, True)}-{_WEEKDAYS[last.weekday()]} {clock(last, True)}"
