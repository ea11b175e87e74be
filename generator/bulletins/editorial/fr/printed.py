"""Le français imprimé: times, dates, numbers and punctuation for the French release, notice and CAP text.

Canadian French typography, as the Translation Bureau's *Le guide du
rédacteur* and the Office québécois de la langue française set it out:

- times on the 24-hour clock with "h": ``14 h 30``, ``15 h``, ``midi``,
  ``minuit``, the "h" held to its figures by no-break spaces;
- dates day first, months lower case and in full: ``22 novembre 2026``,
  ``le dimanche 22 novembre 2026``, ``1er juillet``; a day within a week of
  the release is its weekday ("dimanche"), never "aujourd'hui";
- thousands grouped by a narrow no-break space: ``4 800``, ``48 000``;
- a no-break space before the colon and inside « guillemets », a narrow
  no-break space before ``;``, ``!`` and ``?``;
- time zones by their French abbreviations: ``HNR`` (heure normale des
  Rocheuses), ``HAR`` (heure avancée), and so on across Canada.
"""

from __future__ import annotations

import re
from datetime import date, datetime, tzinfo

from ..printed import _aware, cp_title
from .clock import MONTHS, WEEKDAYS, date_words

NBSP = "\u00a0"
"""Espace insécable: before a colon, inside guillemets, around the "h" of a time."""
NNBSP = "\u202f"
"""Espace fine insécable: before ; ! ?, and between groups of thousands."""

ZONES = {
    "NST": "HNT", "NDT": "HAT", "AST": "HNA", "ADT": "HAA", "EST": "HNE", "EDT": "HAE", "CST": "HNC", "CDT": "HAC",
    "MST": "HNR", "MDT": "HAR", "PST": "HNP", "PDT": "HAP", "UTC": "UTC",
}  # fmt: skip
"""Canadian time zones' French abbreviations (heure normale / avancée de Terre-Neuve … du Pacifique)."""
STATUS_LABELS = {
    "investigating": "Enquête en cours",
    "identified": "Cause trouvée",
    "monitoring": "Rétablissement en cours",
    "resolved": "Résolu",
    "scheduled": "Planifié",
    "in_progress": "Travaux en cours",
    "verifying": "Vérification",
    "completed": "Terminé",
    "cancelled": "Annulé",
}
"""Each status in French, for the notice, the release's timeline and the CAP headline."""
SHORT_WEEKDAYS = ["lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim."]
SHORT_MONTHS = ["_", "janv.", "févr.", "mars", "avr.", "mai", "juin", "juill.", "août", "sept.", "oct.", "nov.", "déc."]


def title(text: str) -> str:
    """A job title after a name, lower case: ``Responsable des communications`` -> ``responsable des communications``.

    The English rule (``cp_title``), which is French usage too; capitals inside (``PDG``, ``Northwind``) stay.
    """
    return cp_title(text)


def status_label(status: str) -> str:
    """``identified`` -> ``Cause trouvée``."""
    return STATUS_LABELS[status]


def zone_name(moment: datetime, zone: tzinfo) -> str:
    """``HNR`` for a moment in Mountain Standard Time; an abbreviation not in the table as it is."""
    name = _aware(moment).astimezone(zone).tzname() or ""
    return ZONES.get(name, name)


def fr_time(moment: datetime, zone: tzinfo) -> str:
    """``14 h 30``, ``15 h``, ``8 h 05``, ``midi``, ``minuit``; the spaces around "h" do not break."""
    local = _aware(moment).astimezone(zone)
    if (local.hour, local.minute) == (12, 0):
        return "midi"
    if (local.hour, local.minute) == (0, 0):
        return "minuit"
    minutes = f"{NBSP}{local.minute:02d}" if local.minute else ""
    return f"{local.hour}{NBSP}h{minutes}"


def fr_date(moment: datetime, zone: tzinfo) -> str:
    """``22 novembre 2026``, ``1er juillet 2026``."""
    local = _aware(moment).astimezone(zone)
    return f"{date_words(local.date())} {local.year}"


def fr_full_date(moment: datetime, zone: tzinfo) -> str:
    """``le dimanche 22 novembre 2026``: a message read on its own says its day and date."""
    local = _aware(moment).astimezone(zone)
    return f"le {WEEKDAYS[local.weekday()]} {fr_date(local, zone)}"


def fr_day(moment: datetime, reference: datetime, zone: tzinfo) -> str:
    """``dimanche`` within a week of ``reference`` (before or after), else ``le 3 décembre``."""
    local = _aware(moment).astimezone(zone)
    days = abs((local.date() - _aware(reference).astimezone(zone).date()).days)
    return WEEKDAYS[local.weekday()] if days < 7 else f"le {date_words(local.date())}"


def fr_when(moment: datetime, reference: datetime, zone: tzinfo) -> str:
    """``7 h 55 dimanche``, ``15 h le 3 décembre``: after "depuis", "d'ici", "vers"."""
    return f"{fr_time(moment, zone)} {fr_day(moment, reference, zone)}"


def fr_window(start: datetime, end: datetime, reference: datetime, zone: tzinfo) -> str:
    """``entre 0 h 30 et 4 h mercredi``; across days ``de 22 h mardi à 2 h mercredi``."""
    first, last = _aware(start).astimezone(zone), _aware(end).astimezone(zone)
    if first.date() == last.date():
        return f"entre {fr_time(first, zone)} et {fr_time(last, zone)} {fr_day(first, reference, zone)}"
    return f"de {fr_when(first, reference, zone)} à {fr_when(last, reference, zone)}"


def stamp(moment: datetime, zone: tzinfo) -> str:
    """``8 h 25 HAR, mar. 12 mai``: a time with its zone and short day, for the notice."""
    local = _aware(moment).astimezone(zone)
    return f"{fr_time(local, zone)} {zone_name(local, zone)}, {short_day(local.date())}"


def short_day(day: date) -> str:
    """``mar. 12 mai``, ``dim. 1er nov.``."""
    return f"{SHORT_WEEKDAYS[day.weekday()]} {'1er' if day.day == 1 else day.day} {SHORT_MONTHS[day.month]}"


def moment(when: datetime, zone: tzinfo) -> str:
    """``le mardi 12 mai 2026 à 13 h 40 HAR``: a moment read on its own (CAP)."""
    return f"{fr_full_date(when, zone)} à {fr_time(when, zone)} {zone_name(when, zone)}"


def thousands(n: int) -> str:
    """``4800`` -> ``4 800`` (narrow no-break space), ``48000`` -> ``48 000``, ``950`` -> ``950``."""
    return f"{n:,}".replace(",", NNBSP)


def typographie(text: str) -> str:
    """French punctuation spacing: ``Cause: x`` -> ``Cause : x`` (no-break), ``Vraiment!`` -> ``Vraiment !``
    (narrow), ``"mot"`` -> ``« mot »``. Colons and marks inside addresses and times (``https://``, ``14:30``,
    ``?a=b``) are left alone: only a mark followed by a space or the end of a line is spaced."""
    text = re.sub(r"[ \u00a0\u202f]*:(?=\s|$)", f"{NBSP}:", text, flags=re.MULTILINE)
    text = re.sub(r"(?<=\S)[ \u00a0\u202f]*([;!?])(?=\s|$)", rf"{NNBSP}\1", text, flags=re.MULTILINE)
    text = re.sub(r"\"([^\"\n]+)\"", rf"«{NBSP}\1{NBSP}»", text)
    text = re.sub(r"«[ \u00a0\u202f]*", f"«{NBSP}", text)
    return re.sub(r"[ \u00a0\u202f]*»", f"{NBSP}»", text)


def month_name(month: int) -> str:
    return MONTHS[month]
