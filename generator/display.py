"""How times, statuses and staff-written text are shown to people on the web.

Pure helpers shared by the pages, the lite page and the feeds. Times are shown
in the site's zone with its abbreviation ("2:05 p.m. MDT"), and every status
has words and a shape, never colour alone.
"""

from __future__ import annotations

import functools
import html
import math
import re
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import nh3

COMPONENT_LABELS = {
    "operational": "Operational",
    "under_maintenance": "Under maintenance",
    "degraded_performance": "Degraded performance",
    "partial_outage": "Partial outage",
    "major_outage": "Major outage",
}

OVERALL_LABELS = {
    "operational": "All services are operating normally",
    "under_maintenance": "Planned maintenance in progress",
    "degraded_performance": "Some services are degraded",
    "partial_outage": "Partial outage",
    "major_outage": "Major outage",
}

# Each status has its own shape, so it reads without colour (and in print).
_ICON_SHAPES = {
    "operational": '<circle cx="8" cy="8" r="7"/><path d="M4.5 8.2l2.3 2.3 4.7-4.9" fill="none" stroke="#fff" stroke-width="1.8"/>',
    "under_maintenance": '<rect x="1" y="2" width="14" height="13" rx="2"/><path d="M4 6h8M4 9h8M4 12h5" stroke="#fff" stroke-width="1.5"/>',
    "degraded_performance": '<path d="M8 1l7 13H1z"/><path d="M8 5.5v4M8 11.2v1.3" stroke="#fff" stroke-width="1.6"/>',
    "partial_outage": '<path d="M8 1l7 7-7 7-7-7z"/><path d="M8 4.5v4.5M8 10.6v1.4" stroke="#fff" stroke-width="1.6"/>',
    "major_outage": '<circle cx="8" cy="8" r="7"/><path d="M5.2 5.2l5.6 5.6M10.8 5.2l-5.6 5.6" stroke="#fff" stroke-width="1.8"/>',
}


@functools.cache
def _markdown():
    """One converter, reset per call: building one per message costs more than converting.

    Made (and Markdown imported, with the code highlighter its fenced code brings) on first use, not
    on import: most messages are plain text and skip it, and a rebuild rarely meets one that is not.
    """
    import markdown

    return markdown.Markdown(extensions=["sane_lists", "tables", "fenced_code"], output_format="html")


_ALLOWED_TAGS = {
    *("p", "br", "hr", "strong", "em", "b", "i", "del", "sub", "sup", "a", "code", "pre", "blockquote"),
    *("ul", "ol", "li", "dl", "dt", "dd", "h3", "h4", "h5", "h6"),
    *("table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td"),
}
"""What staff Markdown may become: text, links, lists, tables, code and headings (shifted under the page's own)."""
_HEADING = re.compile(r"<(/?)h([1-6])(?=[\s>])", re.IGNORECASE)


def icon(status: str) -> str:
    """An inline SVG for a component status; decorative, since the words are always beside it."""
    shape = _ICON_SHAPES[status]
    return (
        f'<svg class="outage-icon" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" '
        f'focusable="false">{shape}</svg>'
    )


def clock(moment: datetime, zone: ZoneInfo) -> str:
    """``2:05 p.m. MDT``; noon and midnight by name."""
    return _clock(moment.astimezone(zone))


def _clock(local: datetime) -> str:
    abbreviation = local.tzname() or ""
    if local.hour == 12 and local.minute == 0:
        return f"noon {abbreviation}"
    if local.hour == 0 and local.minute == 0:
        return f"midnight {abbreviation}"
    hour = local.hour % 12 or 12
    suffix = "a.m." if local.hour < 12 else "p.m."
    return f"{hour}:{local.minute:02d} {suffix} {abbreviation}"


def day(moment: datetime, zone: ZoneInfo) -> str:
    """``Tuesday, May 12, 2026``."""
    local = moment.astimezone(zone)
    return f"{local:%A}, {local:%B} {local.day}, {local.year}"


_SHORT_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_SHORT_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
"""``%a`` and ``%b`` as strftime gives them (a test checks): looked up, as a page shows a dozen times."""


def short_day(moment: datetime, zone: ZoneInfo) -> str:
    """``May 12``."""
    local = moment.astimezone(zone)
    return f"{_SHORT_MONTHS[local.month - 1]} {local.day}"


def when(moment: datetime, zone: ZoneInfo, now: datetime) -> str:
    """A time with as much date as the reader needs: ``2:05 p.m. MDT`` today, else with the day."""
    local, today = moment.astimezone(zone), now.astimezone(zone)
    if local.date() == today.date():
        return f"today at {_clock(local)}"
    if local.year == today.year:
        return f"{_SHORT_DAYS[local.weekday()]} {_SHORT_MONTHS[local.month - 1]} {local.day} at {_clock(local)}"
    return f"{_SHORT_MONTHS[local.month - 1]} {local.day}, {local.year} at {_clock(local)}"


def iso(moment: datetime) -> str:
    """Machine-readable time with its offset, for ``<time datetime>``."""
    return moment.isoformat(timespec="minutes")


def render_markdown(text: str, top: int = 3) -> str:
    """Staff Markdown as safe HTML: no scripts, styles, images or raw attributes.

    Staff's headings keep their structure under the page's own: the highest
    level they use becomes ``<h{top}>`` and the others follow it down (to h6 at
    most), so a postmortem's ``## What happened`` stays a heading.

    Most messages are plain sentences that Markdown would only wrap in ``<p>``:
    those skip Markdown and nh3 and get the very same bytes (see :func:`plain_paragraphs`).
    """
    paragraphs = plain_paragraphs(text)
    if paragraphs is not None:
        return "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return _rendered(text, top)


@functools.lru_cache(maxsize=4096)
def _rendered(text: str, top: int) -> str:
    """Markdown and nh3, for text that is more than plain sentences; the same message is often shown twice."""
    converted = _markdown().reset().convert(text)
    levels = [int(level) for _, level in _HEADING.findall(converted)]
    if levels:
        shift = top - min(levels)
        converted = _HEADING.sub(lambda m: f"<{m[1]}h{min(6, max(top, int(m[2]) + shift))}", converted)
    return nh3.clean(
        converted,
        tags=_ALLOWED_TAGS,
        attributes={"a": {"href", "title"}, "th": {"align"}, "td": {"align"}},
        url_schemes={"http", "https", "mailto", "tel"},
        link_rel="nofollow noopener",
    )


_PLAIN_LINE = re.compile(r"[\w\"'(\u2018\u201c][\w \"',.;:?!()/%$@#+=\-\u2010-\u2015\u2018\u2019\u201c\u201d\u2026]*")
"""With no ``_`` in it, a line Markdown leaves as it is: it starts with a letter, digit, quote or bracket (never
a list, heading, quote or rule), and holds only letters, digits, spaces and common punctuation: nothing Markdown
or HTML gives a meaning to (``*_`[]<>&\\|~{}``), no tab, no no-break space (nh3 writes it ``&nbsp;``) and no
space at the end (two there are a line break). One class of characters, ``_`` ruled out apart: a letter or
digit written ``[^\\W_]`` in an alternation took the regex engine ten times as long, a tenth of making a page."""
_LIST_NUMBER = re.compile(r"\d+\.\s")


def plain_paragraphs(text: str) -> list[str] | None:
    """The paragraphs of text that needs no Markdown (each its lines joined by newlines), or ``None``.

    Markdown would turn such text into exactly ``<p>…</p>`` per paragraph, and nh3 would keep it; the
    tests compare both ways on generated text. Paragraphs are separated by one blank line.
    """
    text = text.rstrip("\n")
    if not text:
        return None
    paragraphs = text.split("\n\n")
    for paragraph in paragraphs:
        for line in paragraph.split("\n"):
            if (
                not line
                or "_" in line
                or _PLAIN_LINE.fullmatch(line) is None
                or line[-1] == " "
                or _LIST_NUMBER.match(line)
            ):
                return None
    return paragraphs


_SENTENCE_END = re.compile(r"(\S*)[.!?]\s+(?=[A-Z0-9\"'“(])")
_NOT_AN_END = frozenset(
    {
        "ave",
        "st",
        "rd",
        "dr",
        "blvd",
        "hwy",
        "no",
        "mr",
        "mrs",
        "ms",
        "jr",
        "sr",
        "inc",
        "ltd",
        "approx",
        "vs",
        "e.g",
        "i.e",
    }
)
"""Abbreviations a sentence rarely ends with (``153 Ave. N.W.``); single letters (``N.W.``) count too."""


def first_sentence(text: str) -> str:
    """The first sentence of staff Markdown, as plain text: what a row on the front page quotes."""
    flat = " ".join(plain(text).split())
    for end in _SENTENCE_END.finditer(flat):
        word = end[1].lower().rstrip(".")
        initial = len(word.rsplit(".", 1)[-1]) == 1 and word[-1:].isalpha()  # N.W., a.m., J. Smith
        if word in _NOT_AN_END or initial:
            continue
        return flat[: end.start() + len(end[1]) + 1]
    return flat


def escape(text: str) -> str:
    """Text made safe inside HTML: ``&``, ``<``, ``>`` and quotes escaped."""
    return html.escape(text, quote=True)


def plain(text: str) -> str:
    """Staff Markdown as plain text, for places without HTML (status.txt, the lite page titles)."""
    paragraphs = plain_paragraphs(text)
    if paragraphs is not None:
        return "\n".join(paragraphs)
    return _plain(text)


@functools.lru_cache(maxsize=4096)
def _plain(text: str) -> str:
    return html.unescape(nh3.clean(_markdown().reset().convert(text), tags=set())).strip()


def percent(share: float) -> str:
    """An availability as people read it: ``99.93 %``, rounded down so that any downtime shows; ``100 %`` only
    when there was none."""
    if share >= 1:
        return "100\N{NO-BREAK SPACE}%"
    hundredths = math.floor(share * 10_000)
    return f"{hundredths // 100}.{hundredths % 100:02d}\N{NO-BREAK SPACE}%"


def duration_between(start: datetime, end: datetime) -> str:
    """How long from ``start`` to ``end`` in words, counted in real time (across a clock change too)."""
    return duration(end.astimezone(UTC) - start.astimezone(UTC))


def duration(length: timedelta) -> str:
    """``2 h 30 min``, ``45 min``, ``3 days 4 h``; ``under a minute`` for less."""
    minutes = int(length.total_seconds() // 60)
    if minutes < 1:
        return "under a minute"
    days, minutes = divmod(minutes, 24 * 60)
    hours, minutes = divmod(minutes, 60)
    if days:
        return f"{days} day{'s' if days != 1 else ''}" + (f" {hours} h" if hours else "")
    if hours:
        return f"{hours} h" + (f" {minutes} min" if minutes else "")
    return f"{minutes} min"
