"""L'avis technique et son texto: the French notice for business customers' technical contacts, and its SMS.

The notice is the English one's ticket in French (``bulletins.notice``),
under 1,200 characters (the English 1,000 and the fifth more French needs), in French typography (``8 h 25 HAR, mar. 12 mai``,
``environ 4 800``). The text message is written in GSM-7 wherever French
allows (``editorial.fr.sms``) and fitted to one message of 160 characters,
shorter wordings first ("panne Internet et téléphonie résidentielle", "dans
4 secteurs d'Edmonton"); if what is always said (what, where, the safety
advice, when it is back, the site) still runs longer, it goes in two parts
rather than losing a word. A name or staff's advice that needs ê, â, ô, ç, ë
or ï is never misspelt to fit: the text then goes as UCS-2, fitted to two
parts (134 characters). ``sms_parts`` splits a text as the network will.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

from jinja2 import Environment, TemplateRuntimeError

from ...incidents.model import Config, Impact, Incident, Status, Update
from ...state.as_of import live_estimate, passed_estimate
from ...state.ledger import Issue
from .. import editorial as e
from .. import ticket
from ..editorial import fr
from ..editorial.sms import SMS_LIMIT, is_gsm7
from ..happened import cleared_before
from ..story import everywhere, moved_window, parts_of, said_services
from ..ticket import NoticeWords, cut_to_fit, notice_fields, rendered
from .story import french_safety_advice, page_url, services_de, services_list, sms_advice, work_to_come_advice

NOTICE_LIMIT = 1200
"""The English notice's 1,000 characters, with the fifth more French takes to say the same."""
NOTICE = "fr/notice.txt.j2"
SMS = "fr/sms.txt.j2"


FRENCH = NoticeWords(
    stamp=fr.stamp,
    status=lambda status: fr.status_label(status.value),
    customers=lambda n: f"environ {fr.thousands(n)}" if n >= 100 else str(n),
    window="du {start} au {end}",
    estimate_passed="l'estimation de {when} est dépassée; une nouvelle suivra",
    coming_back="le service revient; pas d'estimation pour le reste",
    no_estimate="aucune estimation pour l'instant",
    url=page_url,
)
"""The English words (``notice.ENGLISH``) in French."""


@dataclass(frozen=True)
class NoticeFacts(ticket.NoticeFacts):
    """The notice's facts (``ticket.NoticeFacts``) and the SMS's, each part in several wordings, fullest first."""

    sms_what: tuple[str, ...]
    sms_where: tuple[str, ...]
    sms_safety: tuple[str, ...]
    sms_when: tuple[str, ...]
    sms_next: str


def notice_facts(
    config: Config, incident: Incident, update: Update, issue: Issue | None = None, details: str | None = None
) -> NoticeFacts:
    """The French notice's facts; ``incident`` is the French incident as of ``update``."""
    zone, at = config.timezone, update.at
    eta, passed = live_estimate(incident, at), passed_estimate(incident, at)
    final = update.status.is_final
    advice = french_safety_advice(config, incident, update)
    return NoticeFacts(
        # Des travaux à venir : la ligne « Sécurité » lie le conseil aux travaux, comme tous les autres textes.
        **notice_fields(
            config,
            incident,
            update,
            issue,
            details,
            next(iter(work_to_come_advice(advice)), "") if update.status is Status.SCHEDULED else advice,
            FRENCH,
        ),
        sms_what=_sms_what(incident, update, zone),
        sms_where=_sms_where(config, incident),
        sms_safety=work_to_come_advice(advice) if update.status is Status.SCHEDULED else sms_advice(advice),
        sms_when=_sms_when(incident, update, eta, passed, zone),
        sms_next=f"Prochaine mise à jour {fr.sms_time(update.next_update, at, zone)}."
        if update.next_update and not final
        else "",
    )


def _sms_what(incident: Incident, update: Update, zone) -> tuple[str, ...]:
    """``panne d'Internet et de téléphonie résidentielle``, then the same in fewer characters (``panne Internet et
    téléphonie résidentielle``); planned work with its date: ``interruption de téléphonie résidentielle pour travaux
    mer. 21 oct. 0 h 30 à 4 h``. No adjective that would have to agree with a service's name."""
    status = update.status
    said = []
    named = said_services(incident)  # only voicemail: « perturbations de messagerie vocale »
    for services in dict.fromkeys((services_de(named), services_list(named))):
        if incident.is_maintenance:
            window = incident.window
            span = fr.sms_window(window.start, window.end, zone) if window else ""
            if moved_window(incident, update) is not None:
                said += [f"travaux reportés, interruption {services} {span}", f"travaux {services} reportés {span}"]
            elif status is Status.SCHEDULED:
                said += [f"interruption {services} pour travaux {span}", f"travaux {services} {span}"]
            elif status is Status.IN_PROGRESS and window:
                until = fr.sms_time(window.end, update.at, zone)
                said += [
                    f"travaux en cours, interruption {services} jusqu'à {until}",
                    f"travaux {services} jusqu'à {until}",
                ]
            elif status is Status.CANCELLED:
                said.append(f"travaux annulés, pas d'interruption {services} {span}")
            else:
                said.append(f"travaux {'presque terminés' if status is Status.VERIFYING else 'terminés'}")
        elif status.is_final:
            ended = "fin des perturbations" if incident.impact in (None, Impact.MINOR) else "fin de la panne"
            said.append(f"{ended} {services}")
        else:
            minor = incident.impact in (None, Impact.MINOR)  # a problem with the service, never "panne"
            new = "nouvelle " if status is not Status.MONITORING and cleared_before(incident, update) else ""
            said.append(
                f"{'retour graduel' if status is Status.MONITORING else new + ('perturbations' if minor else 'panne')} "
                f"{services}"
            )
    return tuple(dict.fromkeys(said))


def _sms_where(config: Config, incident: Incident) -> tuple[str, ...]:
    """``à Clareview, Castle Downs``; shorter by region: ``dans le nord et le nord-est d'Edmonton``; shortest
    ``dans 4 secteurs d'Edmonton`` when every area is a part of one place (a figure: a text is read, not heard)."""
    if everywhere(config, incident.areas):
        return ("dans tous les secteurs", "partout")
    areas = incident.areas
    said = ["à " + ", ".join(a.name for a in areas)]
    regions = [a.region for a in areas if parts_of(a)]
    wholes = [a.name for a in areas if not parts_of(a)]
    said.append(", ".join(([f"dans {fr.regions_phrase(regions)}"] if regions else []) + [f"à {n}" for n in wholes]))
    places = {found[1] for region in regions if (found := fr.compass_region(region))}
    if len(areas) > 1 and not wholes and len(places) == 1 and all(fr.compass_region(r) for r in regions):
        said.append(f"dans {len(areas)} secteurs {fr.de(places.pop())}")
    return tuple(dict.fromkeys(said))


def _sms_when(incident: Incident, update: Update, eta, passed, zone) -> tuple[str, ...]:
    """``Retour prévu dim. 15 h.`` (or ``Retour dim. 15 h.``), ``Aucune estimation pour l'instant.``; nothing once
    service is coming back or for planned work (its window is in what it says)."""
    if incident.is_maintenance or update.status.is_final or update.status is Status.MONITORING:
        return ()
    if eta:
        when = fr.sms_time(eta, update.at, zone)
        return (f"Retour prévu {when}.", f"Retour {when}.")
    if passed:
        return ("Nouvelle estimation à venir.",)
    return ("Aucune estimation pour l'instant.", "Aucune estimation.")


def notice(
    template: Environment, config: Config, incident: Incident, update: Update, issue: Issue | None = None
) -> str:
    """The French notice, the details cut back sentence by sentence if it would pass 1,000 characters."""
    facts = partial(notice_facts, config, incident, update, issue)
    typeset = rendered(template, NOTICE, facts)
    return cut_to_fit(lambda details: fr.typographie(typeset(details)), update.message, fr, NOTICE_LIMIT)


def sms(template: Environment, config: Config, incident: Incident, update: Update, issue: Issue | None = None) -> str:
    """One French text: GSM-7 and at most 160 characters where French allows; else UCS-2 in at most two parts."""
    module = template.get_template(SMS).module
    parts = str(module.parts(notice_facts(config, incident, update, issue)))
    try:
        candidates = e.candidates_from_lines(parts, tidy=lambda part: fr.in_gsm7(" ".join(part.split())))
    except ValueError as exc:
        raise TemplateRuntimeError(f"{SMS}, parts: {exc}") from None
    # One GSM-7 message if the words allow it: a part that would need UCS-2 counts as too long for it.
    fitted = e.fit(candidates, SMS_LIMIT, lambda part: fr.sms_units(part) if is_gsm7(part) else SMS_LIMIT + 1, gap=1)
    text = " ".join(fitted.sentences)
    budget = SMS_LIMIT if is_gsm7(text) else fr.UCS2_BUDGET
    if budget != SMS_LIMIT:  # what is always said needs UCS-2: two parts, counted in UTF-16 units
        text = " ".join(e.fit(candidates, budget, fr.sms_units, keep=3, gap=1).sentences)
    if fr.sms_units(text) <= budget:
        return text
    # What is always said is longer than one message: two parts, never cut, while two parts hold it.
    budget = 2 * fr.GSM7_PART if is_gsm7(text) else fr.UCS2_BUDGET
    while fr.sms_units(text) > budget and " " in text:
        text = text.rsplit(" ", 1)[0].rstrip(" ,;:.-")
        if fr.sms_units(text + "...") <= budget:
            return text + "..."
    return text
