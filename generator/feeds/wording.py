"""The words and times of the feeds in each language the site publishes.

English is what the feeds have always said (``display``'s times: ``2:05 p.m.
MDT``, ``Tuesday, May 12, 2026``). French follows Canadian usage (OQLF):
``14 h 05 HAR``, ``mardi 12 mai 2026``, a non-breaking space before a colon,
and the French abbreviations of Canada's time zones (``HAR``, heure avancée des
Rocheuses, for ``MDT``). Times, dates, status words and the "en anglais
seulement" marker come from the interface's one catalogue
(:mod:`generator.catalogue`); what is said only in feeds is here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from .. import display
from ..catalogue import CATALOGUES
from ..catalogue import ENGLISH as EN
from ..catalogue import FRENCH as FR
from ..catalogue.french import clock as clock_fr
from ..catalogue.french import day as day_fr
from ..incidents.model import Status

__all__ = ["ENGLISH", "FRENCH", "WORDINGS", "Wording", "clock_fr", "day_fr", "wording_for"]


def _stamp(moment: datetime, zone: ZoneInfo) -> str:
    """``2:05 p.m. MDT, Tuesday, May 12, 2026``, escaped for HTML."""
    return display.escape(f"{display.clock(moment, zone)}, {display.day(moment, zone)}")


def _stamp_fr(moment: datetime, zone: ZoneInfo) -> str:
    """``mardi 12 mai 2026 à 14 h 05 HAR``, escaped for HTML."""
    return display.escape(f"{FR.day(moment, zone)} à {FR.clock(moment, zone)}")


@dataclass(frozen=True)
class Wording:
    """What a feed says around the staff's text, in one language."""

    language: str
    services: str
    areas: str
    window: str
    expected_back: str
    next_update: str
    colon: str
    """What follows a label: ``:`` in English, a non-breaking space and ``:`` in French."""
    status: Callable[[Status], str]
    moment: Callable[[datetime, ZoneInfo], str]
    """A time with its day, as the facts of an entry give it."""
    span: Callable[[str, str], str]
    """A window, from one moment to another."""
    corrected_title: str
    corrected: Callable[[datetime, ZoneInfo], str]
    """The HTML line that opens a corrected entry, given the moment of the correction."""
    withdrawn_title: str
    withdrawn: Callable[[datetime, datetime, ZoneInfo], str]
    """The HTML of a withdrawn entry, given when it was posted and when it was withdrawn."""
    feed_title: Callable[[str], str]
    subtitle: Callable[[str], str]
    filtered_title: Callable[[str, str], str]
    """A service's or area's feed: the organisation's name, the service's or area's."""

    def only_in(self, text_language: str) -> str:
        """``en anglais seulement``: beside text that is not in this feed's language."""
        return CATALOGUES[self.language].only_in(text_language)


ENGLISH = Wording(
    language="en",
    services=EN.phrase("Services"),
    areas=EN.phrase("Areas"),
    window=EN.phrase("Window"),
    expected_back=EN.phrase("Expected back"),
    next_update=EN.phrase("Next update"),
    colon=EN.colon,
    status=EN.status,
    moment=lambda t, zone: f"{EN.day(t, zone)}, {EN.clock(t, zone)}",
    span=lambda start, end: f"{start} to {end}",
    corrected_title="Corrected",
    corrected=lambda t, zone: f"<p><strong>Corrected</strong> {_stamp(t, zone)}.</p>",
    withdrawn_title="Withdrawn",
    withdrawn=lambda posted, gone, zone: (
        f"<p>The update posted at {_stamp(posted, zone)} was withdrawn at {_stamp(gone, zone)}.</p>"
    ),
    feed_title=lambda name: f"{name} status",
    subtitle=lambda name: f"Every update on outages and planned maintenance at {name}.",
    filtered_title=lambda name, item: f"{name} status: {item}",
)
"""The English feeds, word for word as they were before there were other languages."""

FRENCH = Wording(
    language="fr",
    services=FR.phrase("Services"),
    areas=FR.phrase("Areas"),
    window=FR.phrase("Window"),
    expected_back=FR.phrase("Expected back"),
    next_update=FR.phrase("Next update"),
    colon=FR.colon,
    status=FR.status,
    moment=lambda t, zone: f"{FR.day(t, zone)}, {FR.clock(t, zone)}",
    span=lambda start, end: f"du {start} au {end}",
    corrected_title="Correction",
    corrected=lambda t, zone: f"<p><strong>Mise à jour corrigée</strong> le {_stamp_fr(t, zone)}.</p>",
    withdrawn_title="Retrait",
    withdrawn=lambda posted, gone, zone: (
        f"<p>La mise à jour publiée le {_stamp_fr(posted, zone)} a été retirée le {_stamp_fr(gone, zone)}.</p>"
    ),
    feed_title=lambda name: f"État des services de {name}",
    subtitle=lambda name: f"Toutes les mises à jour sur les pannes et l'entretien planifié de {name}.",
    filtered_title=lambda name, item: f"État des services de {name}\u00a0: {item}",
)

WORDINGS = {wording.language: wording for wording in (ENGLISH, FRENCH)}


def wording_for(language: str) -> Wording:
    """The feeds' words in ``language`` (one of ``incidents.schema.LANGUAGES``)."""
    return WORDINGS[language]
