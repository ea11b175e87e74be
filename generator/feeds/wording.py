"""The words and times of the feeds in each language the site publishes.

English is what the feeds have always said (``display``'s times: ``2:05 p.m.
MDT``, ``Tuesday, May 12, 2026``). French follows Canadian usage (OQLF):
``14 h 05 HAR``, ``mardi 12 mai 2026``, a non-breaking space before a colon,
and the French abbreviations of Canada's time zones (``HAR``, heure avancée des
Rocheuses, for ``MDT``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from .. import display
from ..incidents.languages import only_in
from ..incidents.model import Status

_DAYS_FR = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
_MONTHS_FR = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
              "novembre", "décembre")  # fmt: skip
_ZONES_FR = {
    "NST": "HNT", "NDT": "HAT", "AST": "HNA", "ADT": "HAA", "EST": "HNE", "EDT": "HAE",
    "CST": "HNC", "CDT": "HAC", "MST": "HNR", "MDT": "HAR", "PST": "HNP", "PDT": "HAP",
}  # fmt: skip
"""Canada's time zones as written in French (Translation Bureau): normale / avancée."""

_STATUSES_FR = {
    Status.INVESTIGATING: "Enquête en cours",
    Status.IDENTIFIED: "Cause trouvée",
    Status.MONITORING: "Sous surveillance",
    Status.RESOLVED: "Résolu",
    Status.SCHEDULED: "Planifié",
    Status.IN_PROGRESS: "En cours",
    Status.VERIFYING: "Vérification en cours",
    Status.COMPLETED: "Terminé",
    Status.CANCELLED: "Annulé",
}


def clock_fr(moment: datetime, zone: ZoneInfo) -> str:
    """``14 h 05 HAR``, ``9 h HNR``; noon and midnight by name, as in English."""
    local = moment.astimezone(zone)
    abbreviation = local.tzname() or ""
    abbreviation = _ZONES_FR.get(abbreviation, abbreviation)
    if local.hour == 12 and local.minute == 0:
        return f"midi {abbreviation}"
    if local.hour == 0 and local.minute == 0:
        return f"minuit {abbreviation}"
    minutes = f" {local.minute:02d}" if local.minute else ""
    return f"{local.hour} h{minutes} {abbreviation}"


def day_fr(moment: datetime, zone: ZoneInfo) -> str:
    """``mardi 12 mai 2026``, ``dimanche 1er novembre 2026``."""
    local = moment.astimezone(zone)
    number = "1er" if local.day == 1 else str(local.day)
    return f"{_DAYS_FR[local.weekday()]} {number} {_MONTHS_FR[local.month - 1]} {local.year}"


def _stamp(moment: datetime, zone: ZoneInfo) -> str:
    """``2:05 p.m. MDT, Tuesday, May 12, 2026``, escaped for HTML."""
    return display.escape(f"{display.clock(moment, zone)}, {display.day(moment, zone)}")


def _stamp_fr(moment: datetime, zone: ZoneInfo) -> str:
    """``mardi 12 mai 2026 à 14 h 05 HAR``, escaped for HTML."""
    return display.escape(f"{day_fr(moment, zone)} à {clock_fr(moment, zone)}")


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
        return only_in(text_language, self.language)


ENGLISH = Wording(
    language="en",
    services="Services",
    areas="Areas",
    window="Window",
    expected_back="Expected back",
    next_update="Next update",
    colon=":",
    status=lambda status: status.label,
    moment=lambda t, zone: f"{display.day(t, zone)}, {display.clock(t, zone)}",
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
    services="Services",
    areas="Secteurs",
    window="Période des travaux",
    expected_back="Retour prévu",
    next_update="Prochaine mise à jour",
    colon="\u00a0:",
    status=lambda status: _STATUSES_FR[status],
    moment=lambda t, zone: f"{day_fr(t, zone)}, {clock_fr(t, zone)}",
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
