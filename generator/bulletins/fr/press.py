"""Le communiqué: the French press release for one update, as a Canadian French communiqué reads.

``POUR DIFFUSION IMMÉDIATE``; a headline with the news in it; the dateline
(``EDMONTON, le 22 novembre 2026 —``); a lede of who, what, where and since
when in under 35 words; the safety advice, the cause as then known
(attributed: "L'entreprise indique que …"), the update quoted from the media
contact (« … », a déclaré …), the estimate, the next update, the latest
entries of the timeline in one zone, where updates are, "À propos de …",
``-30-``, the media contact. French typography throughout (``14 h 30``,
``4 800``, a no-break space before ``:``, « guillemets »). The wording lives in
``site_template/bulletins/fr/press.txt.j2``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from jinja2 import Environment

from ... import display
from ...incidents.model import Config, Contact, Impact, Incident, Status, Update
from ...state.as_of import live_estimate, passed_estimate
from ...state.ledger import Issue
from .. import editorial as e
from ..editorial import fr
from ..happened import outage_began, outage_cause
from ..press import TIMELINE_ENTRIES, lede_words
from ..story import without_the_time
from .story import (
    ENGLISH_ONLY,
    contact_title,
    feed_url,
    french_safety_advice,
    page_url,
    plural,
    services_named,
    where_words,
)

TEMPLATE = "fr/press.txt.j2"
LEDE_WORDS = 40
"""The English lede's 35 words, with the fifth more French takes to say the same (see ``editorial.fr.counting``)."""
ZONE_NAMES = {
    "HNT": "heure normale de Terre-Neuve", "HAT": "heure avancée de Terre-Neuve",
    "HNA": "heure normale de l'Atlantique", "HAA": "heure avancée de l'Atlantique",
    "HNE": "heure normale de l'Est", "HAE": "heure avancée de l'Est",
    "HNC": "heure normale du Centre", "HAC": "heure avancée du Centre",
    "HNR": "heure normale des Rocheuses", "HAR": "heure avancée des Rocheuses",
    "HNP": "heure normale du Pacifique", "HAP": "heure avancée du Pacifique",
}  # fmt: skip

_NO_NEED = re.compile(r"\b(?:inutile|pas besoin|pas nécessaire)\s+d(?:'|e\s+nous\s+)appeler\b", re.IGNORECASE)
"""Staff saying there is no need to call ("inutile de nous appeler"): the release then does not say it again."""


@dataclass(frozen=True)
class PressFacts:
    correction: str
    name: str
    media: Contact | None
    media_title: str
    contact: Contact
    headline: str
    dateline: str
    lede: str
    body: tuple[str, ...]
    timeline: tuple[str, ...]
    timeline_zone: str
    earlier: int
    advice: str
    url: str
    feed_url: str
    about: str


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _sentence(text: str) -> str:
    text = " ".join(text.split())
    return text if text.endswith((".", "!", "?")) else text + "."


def _customers(n: int) -> str:
    """``environ 4 800`` from 100 up (a count from 100 is an estimate), else the figure."""
    return f"environ {fr.thousands(n)}" if n >= 100 else str(n)


def press_facts(config: Config, incident: Incident, update: Update, issue: Issue | None = None) -> PressFacts:
    """The facts of one French release; ``incident`` is the French incident as of ``update``."""
    zone, at = config.timezone, update.at
    final = update.status.is_final
    services = services_named(incident.services)
    many = plural(incident.services)
    places = where_words(config, incident.areas)
    where, short_where = places[0], places[-1]
    url = page_url(config, incident.id)
    eta, passed = live_estimate(incident, at), passed_estimate(incident, at)
    customers = incident.customers_affected
    affecting = f", ce qui touche {_customers(customers)} clients" if customers else ""
    dateline = f"{config.dateline or config.name.upper()}, le {fr.fr_date(at, zone)} — "
    # A reopened outage: since it dropped again, and only what is known of its own cause.
    since = fr.fr_when(outage_began(incident, update, zone, fr.split_sentences), at, zone)
    cause = outage_cause(incident, update, fr.split_sentences)
    own = f"{_capital(services)} de {config.name}"  # "Les services … de Northwind Broadband"

    body: list[str] = []
    advice = french_safety_advice(config, incident, update)
    if incident.is_maintenance:
        window = incident.window
        assert window is not None
        span = fr.fr_window(window.start, window.end, at, zone)
        headline, lede = _maintenance(config, incident, update, services, where, span)
        if advice:
            lede += " " + (
                f"Pendant les travaux, {advice[:1].lower()}{advice[1:]}"
                if update.status is Status.SCHEDULED
                else advice
            )
        if incident.expected_impact and update.status in (Status.SCHEDULED, Status.IN_PROGRESS):
            body.append(_sentence(display.plain(incident.expected_impact)))
    elif final:
        headline = f"{_capital(services.split(' ', 1)[1])} {'rétablis' if many else 'rétabli'} {where}"
        length = fr.spoken_duration(e.elapsed(incident.began_at, at))
        lede = (
            f"{own} {'sont rétablis' if many else 'est rétabli'} {where} après {_a_problem(incident)} à {since} "
            f"et qui {'ont' if _minor(incident) else 'a'} duré {length}."
        )
        if customers:
            body.append(f"{_capital(_customers(customers))} clients ont été touchés.")
    else:
        coming_back = update.status is Status.MONITORING
        if coming_back:
            headline = f"Retour graduel {'des' if many else 'du'} {services.split(' ', 1)[1]} {where}"
            verb = "reviennent graduellement" if many else "revient graduellement"
            lede = (
                f"{own} {verb} {where} après {_a_problem(incident)} à {since}{affecting.replace('touche', 'a touché')}."
            )
        elif _minor(incident):  # a problem with the service, never "en panne"
            headline = f"Perturbations {'des' if many else 'du'} {services.split(' ', 1)[1]} {where}"
            lede = f"{own} {'sont perturbés' if many else 'est perturbé'} {where} depuis {since}{affecting}."
        else:
            headline = f"Panne {'des' if many else 'du'} {services.split(' ', 1)[1]} {where}"
            lede = f"{own} {'sont' if many else 'est'} en panne {where} depuis {since}{affecting}."
        if advice:
            lede += f" {advice}"
        if lede_words(lede) >= LEDE_WORDS and affecting:  # the count can wait for the body
            lede = lede.replace(affecting.replace("touche", "a touché"), "").replace(affecting, "")
            assert customers is not None
            body.append(
                f"{_capital(_customers(customers))} clients "
                f"{('ont été touchés' if _minor(incident) else 'ont été privés de service') if coming_back else 'sont touchés'}."
            )
        if lede_words(lede) >= LEDE_WORDS and short_where != where:
            lede = lede.replace(where, short_where)
    if cause:
        body.append(_cause_sentence(cause))
    # An update given only in English is in the timeline, marked; the contact is not quoted saying it in French.
    # The estimate is said once, in its own paragraph below, not also inside the quote.
    estimate = eta if not final and not incident.is_maintenance else None
    quote = (
        "" if update.message.endswith(ENGLISH_ONLY) else _quote(update.message, config, [lede, *body], estimate, advice)
    )
    if quote:
        body.append(quote)
    if not final and not incident.is_maintenance:
        if eta:
            body.append(f"L'entreprise prévoit rétablir le service d'ici {fr.fr_when(eta, at, zone)}.")
        elif passed:
            body.append(
                f"L'entreprise prévoyait rétablir le service d'ici {fr.fr_when(passed, at, zone)}; "
                "cette estimation est dépassée et une nouvelle suivra."
            )
        elif update.status is not Status.MONITORING:
            body.append("L'entreprise n'a pas encore d'estimation du moment où le service sera rétabli.")
    if update.next_update and not final:
        body.append(f"La prochaine mise à jour est prévue d'ici {fr.fr_when(update.next_update, at, zone)}.")

    shown = incident.updates[-TIMELINE_ENTRIES:]
    zones = list(dict.fromkeys(fr.zone_name(u.at, zone) for u in shown))
    timeline = tuple(
        f"{fr.fr_time(u.at, zone)}, {fr.date_words(u.at.astimezone(zone).date())} — {fr.status_label(u.status.value)} : "
        + " ".join(display.plain(u.message).split())
        for u in shown
    )
    correction = ""
    if issue is not None and issue.is_correction:
        replaced = issue.previous_issued_at or update.at
        correction = (
            f"CORRECTION : ce communiqué remplace celui publié à {fr.fr_time(replaced, zone)} le "
            f"{fr.fr_date(replaced, zone)} pour la même mise à jour."
        )
    if final and any(fr.tells_people_what_to_do(s) for s in fr.split_sentences(display.plain(update.message))):
        closing = ""  # the quote already says what to do
    elif final:
        closing = (
            "Les clients toujours privés de service devraient redémarrer leur modem ou leur équipement, puis "
            f"communiquer avec {config.name} au {config.contact.phone} si le problème persiste."
        )
    elif update.status is Status.CANCELLED:
        closing = ""
    elif _NO_NEED.search(quote):
        closing = ""  # the contact is quoted saying it already
    else:
        closing = "Il est inutile d'appeler : les mises à jour sont publiées sur la page d'état au fil des travaux."
    media = config.media_contact
    return PressFacts(
        correction=correction,
        name=config.name,
        media=media,
        media_title=contact_title(media) if media else "",
        contact=config.contact,
        headline=headline,
        dateline=dateline,
        lede=" ".join(lede.split()),
        body=tuple(" ".join(p.split()) for p in body),
        timeline=timeline,
        timeline_zone=", puis ".join(ZONE_NAMES.get(z, z) for z in zones),
        earlier=len(incident.updates) - len(shown),
        advice=closing,
        url=url,
        feed_url=feed_url(config),
        about=(
            config.about + (f" {ENGLISH_ONLY}" if "about" in config.untranslated else "")
            if config.about
            else f"{config.name} fournit des services Internet et de téléphonie."
        ),
    )


def _maintenance(config: Config, incident: Incident, update: Update, services: str, where: str, span: str):
    """Headline and lede of planned work: to come (announced), under way, being verified, done, cancelled."""
    many = plural(incident.services)
    bare = services.split(" ", 1)[1]  # "service de téléphonie résidentielle"
    work = f"les travaux planifiés sur {services} de {config.name} {where}"
    status = update.status
    if status is Status.SCHEDULED:
        return (
            f"Travaux planifiés : interruption {'des' if many else 'du'} {bare}",
            f"Des travaux planifiés interrompront {services} de {config.name} {where} {span}.",
        )
    end = fr.fr_when(incident.window.end, update.at, config.timezone)  # type: ignore[union-attr]
    if status is Status.IN_PROGRESS:
        return (
            f"Travaux planifiés en cours sur {services}",
            f"Des travaux planifiés sur {services} de {config.name} {where} sont en cours jusqu'à {end}.",
        )
    if status is Status.VERIFYING:
        return (
            f"Travaux planifiés sur {services} terminés, vérifications en cours",
            f"{_capital(work)} sont terminés et font l'objet de vérifications jusqu'à {end}.",
        )
    if status is Status.COMPLETED:
        return (f"Travaux planifiés sur {services} terminés", f"{_capital(work)} sont terminés.")
    return (
        f"Travaux planifiés sur {services} annulés",
        f"{_capital(work)}, prévus {span}, sont annulés; le service ne sera pas interrompu.",
    )


def _cause_sentence(cause: str) -> str:
    """``L'entreprise indique qu'un entrepreneur … a sectionné son câble …``; staff's words quoted when they cannot
    be put in the third person for certain."""
    text = " ".join(display.plain(cause).split())
    if text.endswith(ENGLISH_ONLY):
        return f"Selon l'entreprise {ENGLISH_ONLY.removesuffix(')')}) : « {text.removesuffix(ENGLISH_ONLY).strip()} »."
    said = fr.attributed(text)
    return _sentence(said) if said else f"Selon l'entreprise, « {text.rstrip('.')} »."


def _minor(incident: Incident) -> bool:
    return incident.impact in (None, Impact.MINOR)


def _a_problem(incident: Incident) -> str:
    """``une panne qui a commencé``; for a minor incident ``des perturbations qui ont commencé`` (never "panne")."""
    return "des perturbations qui ont commencé" if _minor(incident) else "une panne qui a commencé"


_SAFETY_TALK = re.compile(
    r"(?:\b911\b|\b9-1-1\b|urgenc).*\b(?:cellulaire|mobile)|\b(?:cellulaire|mobile)\b.*(?:\b911\b|\b9-1-1\b|urgenc)",
    re.I,
)
"""Staff's own words of the 911 advice (``… en cas d'urgence, utilisez un cellulaire``)."""


def _quote(message: str, config: Config, said: list[str], estimate=None, advice: str = "") -> str:
    """The update in the media contact's words: ``« … », a déclaré Dana Reyes, responsable des communications chez
    Northwind Broadband.`` Sentences only saying again what the release says are left out, and talk of "ici",
    and a clause stating ``estimate``, which the release says in its own paragraph."""
    sentences = [s for s in map(fr.without_page_talk, fr.split_sentences(display.plain(message))) if s]
    sentences = without_the_time(sentences, estimate, config.timezone)
    if advice:  # the release gives the safety advice once, in the configured words: the quote does not repeat it
        sentences = [s for s in sentences if not _SAFETY_TALK.search(s)]
    text = " ".join(s for s in sentences if not fr.restates(s, said)) or " ".join(sentences)
    if not text:
        return ""
    text = text[:-1] if text.endswith(".") else text
    media = config.media_contact
    if media is None or not media.name:
        return f"« {text} », a indiqué {config.name}."
    # A title given only in English is left out of the quote: a French sentence does not name it in English.
    english = "title" in media.untranslated
    title = f", {fr.title(media.title)} chez {config.name}" if media.title and not english else f", de {config.name}"
    return f"« {text} », a déclaré {media.name}{title}."


def press_release(
    template: Environment, config: Config, incident: Incident, update: Update, issue: Issue | None = None
) -> str:
    """The French release, in French typography (no-break spaces where French puts them)."""
    text = template.get_template(TEMPLATE).render(r=press_facts(config, incident, update, issue))
    return fr.typographie(text.strip()) + "\n"
