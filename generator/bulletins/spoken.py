"""Words as a newsreader says them: times, counts, abbreviations, addresses.

Radio copy is read aloud as it is, so nothing in it may need decoding on air:
no clock digits like 14:00, no long numbers, no URLs, no symbols. These helpers
turn the model's values into broadcast style (AP broadcast conventions:
numbers one to nine in words, rounded counts like "12-hundred", times like
"2 p.m." and "noon", days relative to when the bulletin is issued).
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

_SMALL = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
_ORDINAL_SUFFIX = {1: "st", 2: "nd", 3: "rd"}


def small_number(n: int) -> str:
    """One to nine in words, larger numbers in figures (AP style)."""
    return _SMALL[n] if 0 <= n < 10 else str(n)


def count(n: int) -> str:
    """A count of people as read on air: ``14``, ``about 12-hundred``, ``about 40-thousand``.

    Counts of customers are estimates, so from 100 up they are rounded and
    said with "about"; figures never run to four digits.
    """
    if n < 100:
        return small_number(n)
    if n < 10_000:
        hundreds = round(n / 100)
        if hundreds % 10 == 0:
            return f"about {small_number(hundreds // 10)}-thousand"
        return f"about {hundreds}-hundred" if hundreds > 9 else f"about {small_number(hundreds)}-hundred"
    thousands = round(n / 1000)
    if thousands < 1000:
        return f"about {thousands}-thousand"
    return f"about {small_number(round(thousands / 1000))}-million"


def clock(moment: datetime, zone: ZoneInfo) -> str:
    """``2 p.m.``, ``2-thirty p.m.``, ``noon``, ``midnight``: to the nearest half hour, said aloud."""
    local = moment.astimezone(zone)
    minutes = local.hour * 60 + local.minute
    minutes = int(30 * round(minutes / 30)) % (24 * 60)
    hour, minute = divmod(minutes, 60)
    if minute == 0 and hour == 12:
        return "noon"
    if minute == 0 and hour == 0:
        return "midnight"
    shown = hour % 12 or 12
    suffix = "a.m." if hour < 12 else "p.m."
    return f"{shown}{'-thirty' if minute else ''} {suffix}"


def part_of_day(hour: int) -> str:
    if 5 <= hour < 12:
        return "morning"
    if 12 <= hour < 17:
        return "afternoon"
    if 17 <= hour < 21:
        return "evening"
    return "night"


def when(moment: datetime, reference: datetime, zone: ZoneInfo) -> str:
    """A time relative to when the bulletin is issued: ``by about 2 p.m.``, ``tomorrow morning``, ``by Thursday``."""
    local, now = moment.astimezone(zone), reference.astimezone(zone)
    days = (local.date() - now.date()).days
    if days <= 0:
        return f"by about {clock(moment, zone)}"
    if days == 1:
        period = part_of_day(local.hour)
        return "overnight" if period == "night" and local.hour < 5 else f"tomorrow {period}"
    if days < 7:
        return f"by {local:%A}"
    return f"by {local:%B} {ordinal(local.day)}"


def day_and_time(moment: datetime, reference: datetime, zone: ZoneInfo) -> str:
    """``2 p.m. today``, ``1 a.m. Thursday``: for planned work, when exact times matter."""
    local, now = moment.astimezone(zone), reference.astimezone(zone)
    days = (local.date() - now.date()).days
    day = "today" if days == 0 else "tomorrow" if days == 1 else f"{local:%A}" if 1 < days < 7 else None
    if day is None:
        day = f"{local:%A}, {local:%B} {ordinal(local.day)}"
    return f"{clock(moment, zone)} {day}"


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else _ORDINAL_SUFFIX.get(n % 10, "th")
    return f"{n}{suffix}"


def address(url: str) -> str:
    """``https://status.northwind.example/help/`` -> ``status dot northwind dot example slash help``."""
    parts = urlsplit(url)
    host = (parts.hostname or "").removeprefix("www.")
    said = " dot ".join(host.split("."))
    path = [p for p in parts.path.split("/") if p]
    return " slash ".join([said, *(p.replace("-", " ") for p in path)])


def join(words: list[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    if len(words) <= 2:
        return " and ".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


def in_sentence(name: str) -> str:
    """``Home phone`` -> ``home phone`` inside a sentence; ``IPTV`` and ``VoIP`` keep their capitals."""
    first = name.split(" ", 1)[0]
    return name[:1].lower() + name[1:] if first[1:].islower() else name


def abbreviations(text: str, spoken: tuple[tuple[str, str], ...]) -> str:
    """Configured abbreviations as they are read: ``ISP`` -> ``I-S-P``."""
    for written, said in spoken:
        text = re.sub(rf"(?<![\w-]){re.escape(written)}(?![\w-])", said, text)
    return text


_MARKDOWN = re.compile(r"[*_`#>\[\]]")
_URL = re.compile(r"(https?://|www\.)\S+|\S+@\S+|\b[\w-]+\.(?:com|ca|net|org|example)(?:/\S*)?\b")
_PARENTHESES = re.compile(r"\s*\([^)]*\)")
_EMOJI = re.compile("[\U0001f000-\U0001faff\u2600-\u27bf\ufe0f]")


def scrub(text: str) -> str:
    """Remove what cannot be read on air: Markdown marks, URLs, addresses, emoji, asides in parentheses."""
    text = _URL.sub("", text)
    text = _PARENTHESES.sub("", text)
    text = _EMOJI.sub("", text)
    text = _MARKDOWN.sub("", text)
    return re.sub(r"\s+", " ", text).strip()


def readable_on_air(sentence: str) -> bool:
    """False for a sentence a reader would stumble on: figures of clock times, long numbers, phone numbers."""
    return not re.search(r"\d:\d|\d{4,}|\d{3}[-. ]\d{3,4}|\d\.\d|[%$&/@#]|https?|www", sentence)


_ABBREVIATIONS = {
    "St",
    "Ste",
    "Ave",
    "Rd",
    "Dr",
    "Mr",
    "Mrs",
    "Ms",
    "Mt",
    "No",
    "Jr",
    "Sr",
    "Inc",
    "Ltd",
    "Co",
    "Alta",
    "Sask",
    "Ont",
    "Que",
}


def sentences(text: str) -> list[str]:
    """Split plain text into sentences: a full stop, ? or ! then a space and a capital, except after St., Ave. and the like."""
    found, start = [], 0
    for match in re.finditer(r"[.!?]\s+(?=[A-Z0-9\"'])", text):
        word = text[start : match.start()].split()[-1] if text[start : match.start()].split() else ""
        if match.group().startswith(".") and word in _ABBREVIATIONS:
            continue
        found.append(text[start : match.start() + 1].strip())
        start = match.end()
    found.append(text[start:].strip())
    return [f for f in found if f]


# Staff write "we" and "our"; in a third party's copy the company is "it".
_PRONOUNS = [
    (r"\bwe are\b", "it is"),
    (r"\bwe have\b", "it has"),
    (r"\bours\b", "the company's"),
    (r"\bour\b", "its"),
    (r"\bwe\b", "it"),
    (r"\bus\b", "the company"),
]
_SENTENCE_START_WORDS = {"A", "An", "The", "This", "That", "These", "Those", "It", "Its", "Some", "Most"}


def third_person(text: str) -> str:
    """``Our cable was cut`` -> ``its cable was cut``: what follows "The company says"."""
    for pattern, replacement in _PRONOUNS:
        text = re.sub(pattern, replacement, text, flags=re.IGNORECASE)
    first_word = text.split()[0] if text.split() else ""
    if first_word in _SENTENCE_START_WORDS or first_word[1:].islower():
        text = text[:1].lower() + text[1:]
    return text


def hours_later(moment: datetime, hours: int) -> datetime:
    return moment + timedelta(hours=hours)
