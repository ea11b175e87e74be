"""Le bloc ``info`` en français: the words of a CAP message's French ``info`` block (``fr-CA``).

The Canadian Profile recommends one ``info`` block per language, carrying the
same values (category, urgency, severity, certainty, responseType, event codes,
times, areas and geocodes) with the words in each language; ``bulletins.cap``
writes the values, this module only the French words: the event, the
headline, the description, the instruction, the page and each area's
description. French print rules throughout (``14 h 30 HAR``, ``4 800``, a
no-break space before ``:``).
"""

from __future__ import annotations

from ... import display
from ...incidents.model import Area, Config, Impact, Incident, Status, Update
from ...state.as_of import live_estimate, passed_estimate
from ..cap import HEADLINE_LIMIT, InfoText
from ..editorial import fr
from ..happened import outage_cause
from ..story import asked_to_call
from .story import ENGLISH_ONLY, french_safety_advice, page_url, services_list, services_of, work_to_come_advice


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _sentence(text: str) -> str:
    text = " ".join(text.split())
    return text if text.endswith((".", "!", "?")) else text + "."


def _event(incident: Incident) -> str:
    """``Panne des services Internet et de téléphonie résidentielle``; ``Travaux planifiés``."""
    if incident.is_maintenance:
        return "Travaux planifiés"
    noun = "Perturbation" if incident.impact in (Impact.MINOR, None) else "Panne"
    return f"{noun} {services_of(incident.services)}"


_HEADLINE_STATUS = {
    "investigating": "enquête en cours",
    "identified": "cause trouvée",
    "monitoring": "rétablissement en cours",
    "resolved": "service rétabli",  # not "résolu", which would agree with "panne"
    "scheduled": "travaux planifiés",
    "in_progress": "travaux en cours",
    "verifying": "vérification en cours",
    "completed": "travaux terminés",
    "cancelled": "travaux annulés",
}
"""The status after a headline's dash: words that stand on their own whatever the title's gender."""


def _headline(incident: Incident, update: Update, correction: bool) -> str:
    """``Panne Internet à Clareview et Castle Downs — cause trouvée``, at most 160 characters."""
    suffix = f" — {_HEADLINE_STATUS[update.status.value]}"
    title = ("Correction : " if correction else "") + incident.title
    room = HEADLINE_LIMIT - len(suffix)
    if len(title) > room:
        title = title[: room - 1].rsplit(" ", 1)[0].rstrip(" ,;:—-") + "…"
    return title + suffix


def area_desc(area: Area) -> str:
    """``Castle Downs, Nord d'Edmonton``; ``St. Albert`` when the region is the area itself."""
    return f"{area.name}, {area.region}" if area.region and area.region != area.name else area.name


def _places(areas: tuple[Area, ...]) -> str:
    """``Castle Downs et Lauderdale (Nord d'Edmonton), Beverly et Clareview (Nord-Est d'Edmonton)``."""
    groups: dict[str, list[str]] = {}
    for area in areas:
        groups.setdefault(area.region if area.region != area.name else "", []).append(area.name)
    parts = [
        f"{fr.list_words(names)} ({region})" if region else fr.list_words(names) for region, names in groups.items()
    ]
    return fr.list_words(parts) if all(len(names) == 1 for names in groups.values()) else ", ".join(parts)


def _on(moment, zone) -> str:
    """``mardi 12 mai 2026 à 13 h 40 HAR``: after "du"."""
    return fr.moment(moment, zone).removeprefix("le ")


def _description(config: Config, incident: Incident, update: Update) -> str:
    """The facts, one per line, as the English block gives them."""
    zone, final = config.timezone, update.status.is_final
    window = incident.window
    label = "Services touchés" if len(incident.services) > 1 else "Service touché"
    touched = [f"{label} : {services_list(incident.services)}.", f"Secteurs : {_places(incident.areas)}."]
    lines = []
    if incident.is_maintenance:
        lines += [f"Travaux planifiés : {incident.title}.", *touched]
        if window is not None:
            label = "Période annulée" if update.status is Status.CANCELLED else "Période des travaux"
            lines.append(f"{label} : du {_on(window.start, zone)} au {_on(window.end, zone)}.")
        if incident.expected_impact and not final:
            lines.append(f"Effets prévus : {_sentence(display.plain(incident.expected_impact))}")
    else:
        lines += touched
        if this_cause := outage_cause(incident, update, fr.split_sentences):  # a reopened outage: its own
            cause = " ".join(display.plain(this_cause).split())
            # "notre câble" in a message read on its own: "Northwind Broadband indique que … son câble".
            said = "" if cause.endswith(ENGLISH_ONLY) else fr.attributed(cause, config.name)
            lines.append(f"Cause : {_sentence(said or cause)}")
    if incident.customers_affected is not None:
        lines.append(f"Clients touchés : {fr.thousands(incident.customers_affected)}.")
    status = fr.status_label(update.status.value).lower()
    lines.append(f"Mise à jour du {_on(update.at, zone)} ({status}) : {_sentence(display.plain(update.message))}")
    estimate = live_estimate(incident, update.at)
    if estimate is not None:
        lines.append(f"Retour prévu : {fr.moment(estimate, zone)}.")
    elif passed_estimate(incident, update.at) is not None:
        lines.append("Retour prévu : aucune estimation à jour; une nouvelle suivra.")
    if update.next_update is not None and not final:
        lines.append(f"Prochaine mise à jour : d'ici {fr.moment(update.next_update, zone)}.")
    return fr.typographie("\n".join(lines))


def _instruction(config: Config, incident: Incident, update: Update, web: str) -> str:
    """What to do, as the English block says it: the safety advice first, then no need to call, then the page."""
    advice = french_safety_advice(config, incident, update)
    phone = config.contact.phone
    if update.status is Status.CANCELLED:
        text = (
            "Aucune mesure n'est nécessaire : ces travaux planifiés sont annulés. Si votre service ne fonctionne "
            f"pas, appelez {config.name} au {phone}."
        )
    elif update.status.is_final:
        done = "Les travaux sont terminés." if incident.is_maintenance else "Le service est rétabli."
        text = (
            f"{done} Si votre service ne fonctionne toujours pas, débranchez votre modem pendant 30 secondes, "
            f"puis rebranchez-le. Si le problème persiste, appelez {config.name} au {phone}."
        )
    else:
        parts = []
        if update.status is Status.SCHEDULED:
            if advice:
                parts.append(work_to_come_advice(advice)[0])
            parts.append("Prévoyez l'interruption pendant la période des travaux.")
            parts += [] if asked_to_call(incident, update) else [f"Il est inutile d'appeler {config.name}."]
        elif incident.is_maintenance:
            parts += [advice] if advice else []
            parts += (
                []
                if asked_to_call(incident, update)
                else [f"Il est inutile d'appeler {config.name} : il s'agit de travaux planifiés."]
            )
        else:
            parts += [advice] if advice else []
            parts += (
                []
                if asked_to_call(incident, update)
                else [f"Il est inutile d'appeler {config.name} : le problème est connu et on s'affaire à le régler."]
            )
        parts.append(f"Suivez les mises à jour à l'adresse {web}")
        text = " ".join(parts)
    return fr.typographie(text)


def french_info(config: Config, incident: Incident, update: Update, correction: bool = False) -> InfoText:
    """The French words of one update's message; ``config`` and ``incident`` are the site as seen in French,
    ``incident`` as of ``update``."""
    web = page_url(config, incident.id)
    return InfoText(
        language="fr",
        event=_event(incident),
        headline=_headline(incident, update, correction),
        description=_description(config, incident, update),
        instruction=_instruction(config, incident, update, web),
        web=web,
        areas=tuple((area_desc(a), a) for a in incident.areas),
    )
