"""iCalendar content lines written as icalendar writes them, without its objects: the calendar's speed.

``Event(...).to_ical()`` builds an object per property, a parameter object per
value, and folds each line a character at a time: at 10,000 incidents writing
the maintenance events that way was most of the time spent on files that are
not pages. The calendar's events only ever hold a few kinds of values (text,
integer, URI, a datetime in the site's zone or in UTC), so their lines are
written here from the same rules: RFC 5545 TEXT escaping in icalendar's order,
its parameter quoting (asked of icalendar once per zone or language), and its
folding (at most 74 octets a line, never inside a character, never right after
a backslash or caret that starts an escape).

The bytes must be icalendar's own: ``calendar.py`` checks the first event and
head of each calendar against icalendar before trusting this module for the
rest, and a property test compares the two over any text.
"""

from __future__ import annotations

from datetime import UTC, datetime, tzinfo
from functools import lru_cache
from zoneinfo import ZoneInfo

_LIMIT = 75
"""icalendar folds a line before the character that would make it 75 octets long."""
_ESCAPES = b"\\^"
"""A line never ends on these when folded: they may start an escape (icalendar issue #1501)."""


def folded(line: str) -> bytes:
    """``line`` in UTF-8, folded as icalendar's ``_foldline`` folds it (``CRLF`` and a space between parts)."""
    data = line.encode("utf-8")
    if len(data) < _LIMIT:
        return data
    parts = []
    start = 0
    while len(data) - start >= _LIMIT:
        end = start + _LIMIT - 1
        while data[end] & 0xC0 == 0x80:  # a UTF-8 continuation byte: the character started before the cut
            end -= 1
        # A part holds at least 71 octets, so many characters: its last may move to the next part.
        # (0x5C and 0x5E are never inside a multi-byte character.)
        if data[end - 1] in _ESCAPES:
            end -= 1
        parts.append(data[start:end])
        start = end
    parts.append(data[start:])
    return b"\r\n ".join(parts)


def value(written: str) -> str:
    """A property's value as icalendar writes it: without one byte-order mark (U+FEFF) at its start, which icalendar
    drops as it reads each value's bytes back as UTF-8 "with signature". (Staff cannot write one: the reader refuses
    invisible characters; a property test can.)"""
    return written.removeprefix("\ufeff")


def text(written: str) -> str:
    """A TEXT value escaped as icalendar's ``vText`` escapes it (RFC 5545 3.3.11), in its order (see :func:`value`)."""
    return (
        value(written)
        .replace(r"\N", "\n")
        .replace("\\", "\\\\")
        .replace(";", r"\;")
        .replace(",", r"\,")
        .replace("\r\n", r"\n")
        .replace("\n", r"\n")
        .replace("\r", r"\n")
    )


@lru_cache(maxsize=64)
def language_parameter(tag: str) -> str:
    """``;LANGUAGE=fr-CA`` as icalendar writes the parameter (nothing without a tag)."""
    from icalendar.parser import Parameters  # imported where used (see calendar.py)

    return f";{Parameters({'LANGUAGE': tag}).to_ical().decode('utf-8')}" if tag else ""


@lru_cache(maxsize=64)
def _zone_form(zone: tzinfo) -> tuple[str, str]:
    """(parameters, suffix) icalendar writes around a datetime in ``zone``: ``;TZID=…`` and ``""``, or
    ``""`` and ``Z`` in UTC. It names a ``ZoneInfo`` by its key, the same for every datetime in it."""
    from icalendar.prop import vDDDTypes

    probe = vDDDTypes(datetime(2000, 1, 1, tzinfo=zone))
    parameters = probe.params.to_ical().decode("utf-8")
    return (f";{parameters}" if parameters else ""), ("Z" if probe.to_ical().endswith(b"Z") else "")


def datetime_line(name: str, moment: datetime) -> bytes:
    """``DTSTART;TZID=America/Edmonton:20261122T120000`` for a datetime in a ``ZoneInfo`` (or in UTC)."""
    zone = moment.tzinfo
    if zone is not UTC and not isinstance(zone, ZoneInfo):
        raise ValueError(f"{name}: a datetime in a ZoneInfo or in UTC, not {zone!r}")
    parameters, suffix = _zone_form(zone)
    return folded(f"{name}{parameters}:{_stamp(moment)}{suffix}")


def utc_line(name: str, moment: datetime) -> bytes:
    """``DTSTAMP:20261122T190000Z``: icalendar turns DTSTAMP into UTC whatever its zone."""
    return folded(f"{name}:{_stamp(moment.astimezone(UTC))}Z")


def _stamp(moment: datetime) -> str:
    return f"{moment.year:04}{moment.month:02}{moment.day:02}T{moment.hour:02}{moment.minute:02}{moment.second:02}"
