"""The interface's words in each language: one catalogue for the pages, the feeds and the API.

What the tool itself says around the staff's text (status words, labels and
headings, the "en anglais seulement" marker) and how it writes times, dates, durations and
percentages, by language. English is ``display``'s own forms, unchanged, so a
one-language site reads exactly as before; French is :mod:`.french`, Canadian
usage. A stage that speaks to people in a language asks :func:`catalogue_for`
rather than keeping words of its own, so one language reads the same on a
page, in a feed and in the API.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from .. import display
from ..incidents.languages import only_in
from ..incidents.model import Status
from . import french, phrases


@dataclass(frozen=True)
class Catalogue:
    """How one language shows times and says the interface's words."""

    language: str
    clock: Callable[[datetime, ZoneInfo], str]
    """``2:05 p.m. MDT`` / ``14 h 05 HAR``."""
    day: Callable[[datetime, ZoneInfo], str]
    """``Tuesday, May 12, 2026`` / ``mardi 12 mai 2026``."""
    date: Callable[[datetime, ZoneInfo], str]
    """``May 12, 2026`` / ``12 mai 2026``."""
    on_date: Callable[[datetime, ZoneInfo], str]
    """``on May 12, 2026`` / ``le 12 mai 2026``: a date in a sentence."""
    short_day: Callable[[datetime, ZoneInfo], str]
    """``May 12`` / ``12 mai``."""
    when: Callable[[datetime, ZoneInfo, datetime], str]
    """A time with as much date as the reader needs at ``now``."""
    duration: Callable[[timedelta], str]
    duration_between: Callable[[datetime, datetime], str]
    percent: Callable[[float], str]
    statuses: Mapping[Status, str]
    component_labels: Mapping[str, str]
    overall_labels: Mapping[str, str]
    colon: str
    """What follows a label: ``:`` in English, a no-break space and ``:`` in French."""
    phrases: Mapping[str, str]
    """The interface's fixed phrases, by their English (:mod:`.phrases`)."""

    def phrase(self, english: str) -> str:
        """``Current incidents`` / ``Incidents en cours``; a phrase not in the catalogue is a KeyError."""
        return self.phrases[english]

    def status(self, status: Status) -> str:
        """``Investigating`` / ``Enquête en cours``."""
        return self.statuses[status]

    def only_in(self, text_language: str) -> str:
        """``en anglais seulement``: beside text that is not in this language."""
        return only_in(text_language, self.language)

    def marked(self, text: str, text_language: str) -> str:
        """A name or title shown in another language than this one, marked so: ``Internet (en anglais seulement)``."""
        return text if text_language == self.language else f"{text} ({self.only_in(text_language)})"


def _english_date(moment: datetime, zone: ZoneInfo) -> str:
    local = moment.astimezone(zone)
    return f"{local:%B} {local.day}, {local.year}"


ENGLISH = Catalogue(
    language="en",
    clock=display.clock,
    day=display.day,
    date=_english_date,
    on_date=lambda moment, zone: f"on {_english_date(moment, zone)}",
    short_day=display.short_day,
    when=display.when,
    duration=display.duration,
    duration_between=display.duration_between,
    percent=display.percent,
    statuses={status: status.label for status in Status},
    component_labels=display.COMPONENT_LABELS,
    overall_labels=display.OVERALL_LABELS,
    colon=":",
    phrases=phrases.ENGLISH,
)

FRENCH = Catalogue(
    language="fr",
    clock=french.clock,
    day=french.day,
    date=french.date,
    on_date=french.on_date,
    short_day=french.short_day,
    when=french.when,
    duration=french.duration,
    duration_between=french.duration_between,
    percent=french.percent,
    statuses=french.STATUSES,
    component_labels=french.COMPONENT_LABELS,
    overall_labels=french.OVERALL_LABELS,
    colon=f"{french.NBSP}:",
    phrases=phrases.FRENCH,
)

CATALOGUES = {catalogue.language: catalogue for catalogue in (ENGLISH, FRENCH)}


def catalogue_for(language: str) -> Catalogue:
    """The catalogue of ``language``, one of ``incidents.schema.LANGUAGES``."""
    return CATALOGUES[language]
