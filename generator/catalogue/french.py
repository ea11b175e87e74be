"""French as written in Canada: times, dates, durations, percentages and status words.

The forms follow the Office québécois de la langue française and the
Translation Bureau (*Le guide du rédacteur*), for running text on a page or in
a feed:

- the 24-hour clock with "h", no leading zero, minutes only when there are
  some: ``14 h 30``, ``8 h 05``, ``13 h``; ``midi`` and ``minuit`` by name;
- dates day first, months and weekdays in lower case, the first of the month
  ``1er``: ``dimanche 22 novembre 2026``, ``le 1er décembre 2026``;
- Canada's time zones by their French abbreviations: ``HNR`` (heure normale
  des Rocheuses) for ``MST``, ``HAR`` (heure avancée) for ``MDT``, and so on;
- a decimal comma and a no-break space before ``%``: ``99,93 %``.

Written by hand rather than with Babel (which mkdocs-material installs): its
CLDR ``fr_CA`` patterns give ``08 h 05``, ``12 h 00`` and ``1 novembre``, the
forms of a table, not of a sentence.
"""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from ..incidents.model import Status

NBSP = "\u00a0"

DAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
SHORT_DAYS = ("lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim.")
MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
          "novembre", "décembre")  # fmt: skip
SHORT_MONTHS = ("janv.", "févr.", "mars", "avr.", "mai", "juin", "juill.", "août", "sept.", "oct.", "nov.", "déc.")
"""The OQLF's abbreviations: a month of four letters or fewer is never shortened."""

ZONES = {
    "NST": "HNT", "NDT": "HAT", "AST": "HNA", "ADT": "HAA", "EST": "HNE", "EDT": "HAE",
    "CST": "HNC", "CDT": "HAC", "MST": "HNR", "MDT": "HAR", "PST": "HNP", "PDT": "HAP",
}  # fmt: skip
"""Canada's time zones as written in French (Translation Bureau): heure normale / avancée de Terre-Neuve,
de l'Atlantique, de l'Est, du Centre, des Rocheuses, du Pacifique. Other abbreviations stay as they are."""

STATUSES = {
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
"""An incident's or a maintenance's status, as a feed entry's title or a page's timeline gives it."""

COMPONENT_LABELS = {
    "operational": "Opérationnel",
    "under_maintenance": "En entretien",
    "degraded_performance": "Performance dégradée",
    "partial_outage": "Panne partielle",
    "major_outage": "Panne majeure",
}
"""A service's or an area's state (``display.COMPONENT_LABELS`` in French)."""

OVERALL_LABELS = {
    "operational": "Tous les services fonctionnent normalement",
    "under_maintenance": "Entretien planifié en cours",
    "degraded_performance": "Certains services sont dégradés",
    "partial_outage": "Panne partielle",
    "major_outage": "Panne majeure",
}
"""The whole site's state (``display.OVERALL_LABELS`` in French)."""


def zone_name(local: datetime) -> str:
    """``HNR`` for a moment already in the site's zone during Mountain Standard Time."""
    abbreviation = local.tzname() or ""
    return ZONES.get(abbreviation, abbreviation)


def clock(moment: datetime, zone: ZoneInfo) -> str:
    """``14 h 05 HAR``, ``9 h HNR``; noon and midnight by name, as in English."""
    local = moment.astimezone(zone)
    abbreviation = zone_name(local)
    if local.hour == 12 and local.minute == 0:
        return f"midi {abbreviation}"
    if local.hour == 0 and local.minute == 0:
        return f"minuit {abbreviation}"
    minutes = f" {local.minute:02d}" if local.minute else ""
    return f"{local.hour} h{minutes} {abbreviation}"


def _day_number(day: int) -> str:
    return "1er" if day == 1 else str(day)


def day(moment: datetime, zone: ZoneInfo) -> str:
    """``mardi 12 mai 2026``, ``dimanche 1er novembre 2026``."""
    local = moment.astimezone(zone)
    return f"{DAYS[local.weekday()]} {_day_number(local.day)} {MONTHS[local.month - 1]} {local.year}"


def date(moment: datetime, zone: ZoneInfo) -> str:
    """``22 novembre 2026``, ``1er décembre 2026``; a sentence puts ``le`` before it."""
    local = moment.astimezone(zone)
    return f"{_day_number(local.day)} {MONTHS[local.month - 1]} {local.year}"


def on_date(moment: datetime, zone: ZoneInfo) -> str:
    """``le 22 novembre 2026``, ``le 1er décembre 2026``: a date in a sentence ("Travaux planifiés le …")."""
    return f"le {date(moment, zone)}"


def short_day(moment: datetime, zone: ZoneInfo) -> str:
    """``12 mai``, ``22 nov.``, ``1er juill.``."""
    local = moment.astimezone(zone)
    return f"{_day_number(local.day)} {SHORT_MONTHS[local.month - 1]}"


def when(moment: datetime, zone: ZoneInfo, now: datetime) -> str:
    """A time with as much date as the reader needs: ``aujourd'hui à 14 h 05 HNR``, else with the day."""
    local, today = moment.astimezone(zone), now.astimezone(zone)
    if local.date() == today.date():
        return f"aujourd'hui à {clock(moment, zone)}"
    if local.year == today.year:
        return f"{SHORT_DAYS[local.weekday()]} {short_day(moment, zone)} à {clock(moment, zone)}"
    return f"{short_day(moment, zone)} {local.year} à {clock(moment, zone)}"


def percent(share: float) -> str:
    """``99,93 %``, rounded down as in English (any downtime shows); ``100 %`` only when there was none."""
    if share >= 1:
        return f"100{NBSP}%"
    hundredths = math.floor(share * 10_000)
    return f"{hundredths // 100},{hundredths % 100:02d}{NBSP}%"


def duration(length: timedelta) -> str:
    """``2 h 30 min``, ``45 min``, ``3 jours 4 h``, ``1 jour``; ``moins d'une minute`` for less."""
    minutes = int(length.total_seconds() // 60)
    if minutes < 1:
        return "moins d'une minute"
    days, minutes = divmod(minutes, 24 * 60)
    hours, minutes = divmod(minutes, 60)
    if days:
        return f"{days} jour{'s' if days > 1 else ''}" + (f" {hours} h" if hours else "")
    if hours:
        return f"{hours} h" + (f" {minutes} min" if minutes else "")
    return f"{minutes} min"


def duration_between(start: datetime, end: datetime) -> str:
    """How long from ``start`` to ``end``, counted in real time (across a clock change too)."""
    return duration(end.astimezone(UTC) - start.astimezone(UTC))
