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
from ...incidents.model import Config, Impact, Incident, Status, Update
from ...state.as_of import live_estimate, passed_estimate
from ...state.ledger import Issue
from .. import editorial as e
from .. import release
from ..editorial import fr
from ..happened import cleared_before, first_coming_back, outage_began, outage_cause, start_known, two_outages
from ..press import lede_words
from ..release import (
    ReleaseWords,
    capital,
    closing,
    correction,
    estimate_paragraphs,
    planned_work,
    quoted_sentences,
    sentence,
    timeline,
)
from ..story import said_services
from .story import (
    ENGLISH_ONLY,
    PENDANT_LES_TRAVAUX,
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

FRENCH = ReleaseWords(
    when=fr.fr_when,
    window=fr.fr_window,
    planned_work={
        Status.SCHEDULED: (
            "Travaux planifiés : interruption {du} {bare}",
            "Des travaux planifiés interrompront {services} de {name} {where} {span}.",
        ),
        Status.IN_PROGRESS: (
            "Travaux planifiés en cours sur {services}",
            "Des travaux planifiés sur {services} de {name} {where} sont en cours jusqu'à {end}.",
        ),
        Status.VERIFYING: (
            "Travaux planifiés sur {services} terminés, vérifications en cours",
            "{Work} sont terminés et font l'objet de vérifications jusqu'à {end}.",
        ),
        Status.COMPLETED: ("Travaux planifiés sur {services} terminés", "{Work} étaient terminés à {done}."),
        Status.CANCELLED: (
            "Travaux planifiés sur {services} annulés",
            "{Work}, prévus {span}, sont annulés; le service ne sera pas interrompu.",
        ),
    },
    during=PENDANT_LES_TRAVAUX,
    expects="L'entreprise prévoit rétablir le service d'ici {when}.",
    passed=(
        "L'entreprise prévoyait rétablir le service d'ici {when}; cette estimation est dépassée et une nouvelle suivra."
    ),
    no_estimate="L'entreprise n'a pas encore d'estimation du moment où le service sera rétabli.",
    next_update="La prochaine mise à jour est prévue d'ici {when}.",
    timeline_entry=lambda u, zone: (
        f"{fr.fr_time(u.at, zone)}, {fr.date_words(u.at.astimezone(zone).date())} — {fr.status_label(u.status.value)} : "
        + " ".join(display.plain(u.message).split())
    ),
    zone_name=fr.zone_name,
    correction=lambda replaced, at, zone: (
        f"CORRECTION : ce communiqué remplace celui publié à {fr.fr_time(replaced, zone)} le "
        f"{fr.fr_date(replaced, zone)} pour la même mise à jour."
    ),
    still_without=(
        "Les clients toujours privés de service devraient redémarrer leur modem ou leur équipement, puis "
        "communiquer avec {name} au {phone} si le problème persiste."
    ),
    no_need_to_call="Il est inutile d'appeler : les mises à jour sont publiées sur la page d'état au fil des travaux.",
    moved=(
        "Travaux planifiés reportés : interruption {du} {bare}",
        "Des travaux planifiés qui interrompront {services} de {name} {where} ont été reportés. "
        "Ils auront lieu {span}; ils étaient prévus {before}.",
    ),
    quoted_no_need=re.compile(r"\b(?:inutile|pas besoin|pas nécessaire)\s+d(?:'|e\s+nous\s+)appeler\b", re.IGNORECASE),
)
"""The English words (``press.ENGLISH``) in French; staff quoted saying there is no need to call ("inutile de nous
appeler") is not followed by the release saying it again."""


@dataclass(frozen=True)
class PressFacts(release.PressFacts):
    media_title: str
    """The media contact's title in French, or ``""`` when the files give it only in English."""


def _customers(n: int) -> str:
    """``environ 4 800`` from 100 up (a count from 100 is an estimate), else the figure."""
    return f"environ {fr.thousands(n)}" if n >= 100 else str(n)


def press_facts(config: Config, incident: Incident, update: Update, issue: Issue | None = None) -> PressFacts:
    """The facts of one French release; ``incident`` is the French incident as of ``update``."""
    zone, at = config.timezone, update.at
    final = update.status.is_final
    services = services_named(said_services(incident))
    many = plural(said_services(incident))
    places = where_words(config, incident.areas)
    where, short_where = places[0], places[-1]
    url = page_url(config, incident.id)
    eta, passed = live_estimate(incident, at), passed_estimate(incident, at)
    customers = incident.customers_affected
    affecting = f", ce qui touche {_customers(customers)} clients" if customers else ""
    dateline = f"{config.dateline or config.name.upper()}, le {fr.fr_date(at, zone)} — "
    # A reopened outage: since it dropped again, and only what is known of its own cause.
    since = fr.fr_when(outage_began(incident, update, zone, fr.split_sentences), at, zone)
    # Sans began_at, seule l'heure du premier avis est connue : jamais « a commencé à » ni « a duré ».
    known = start_known(incident, update)
    depuis = f"depuis {since}" if known else f"depuis au moins {since}"
    reported = "des perturbations signalées" if _minor(incident) else "une panne signalée"
    cause = outage_cause(incident, update, fr.split_sentences)
    own = f"{capital(services)} de {config.name}"  # "Les services … de Northwind Broadband"

    body: list[str] = []
    advice = french_safety_advice(config, incident, update)
    if incident.is_maintenance:
        work = f"les travaux planifiés sur {services} de {config.name} {where}"
        headline, lede, body = planned_work(
            config,
            incident,
            update,
            advice,
            FRENCH,
            services=services,
            where=where,
            Work=capital(work),
            du="des" if many else "du",
            bare=services.split(" ", 1)[1],  # "service de téléphonie résidentielle"
        )
    elif final:
        headline = f"{capital(services.split(' ', 1)[1])} {'rétablis' if many else 'rétabli'} {where}"
        length = fr.spoken_duration(e.elapsed(incident.began_at, at))
        lede = (
            f"{own} {'sont rétablis' if many else 'est rétabli'} {where} après {_a_problem(incident)} à {since} "
            f"et qui {'ont' if _minor(incident) else 'a'} duré {length}."
            if known
            else f"{own} {'sont rétablis' if many else 'est rétabli'} {where} après {reported} pour la première "
            f"fois à {since}."
        )
        if two := two_outages(incident, update, zone, fr.split_sentences):
            # Deux pannes : pas « a duré quatre heures et quart » quand le service est revenu entre les deux.
            out, told = two
            lede = (
                f"{own} {'sont rétablis' if many else 'est rétabli'} {where} après deux pannes qui ont duré "
                f"{fr.spoken_duration(out)} en tout; la première a commencé à {since}."
            )
            if told.dropped_at is not None:
                # Et quand il est revenu la deuxième fois : la somme du lecteur concorde avec la durée en tout.
                again = first_coming_back(incident, update)
                back = f", puis son retour a été annoncé à {fr.fr_time(again.at, zone)}" if again else ""
                body.append(
                    f"Le service était d'abord revenu à {fr.fr_time(told.back_at, zone)}, "
                    f"mais il a de nouveau été coupé à {fr.fr_time(told.dropped_at, zone)}{back}."
                )
        if customers:
            body.append(f"{capital(_customers(customers))} clients ont été touchés.")
    else:
        coming_back = update.status is Status.MONITORING
        if coming_back:
            headline = f"Retour graduel {'des' if many else 'du'} {services.split(' ', 1)[1]} {where}"
            verb = "reviennent graduellement" if many else "revient graduellement"
            lede = (
                f"{own} {verb} {where} après "
                + (f"{_a_problem(incident)} à {since}" if known else f"{reported} pour la première fois à {since}")
                + f"{affecting.replace('touche', 'a touché')}."
            )
        elif _minor(incident):  # a problem with the service, never "en panne"
            headline = f"Perturbations {'des' if many else 'du'} {services.split(' ', 1)[1]} {where}"
            lede = f"{own} {'sont perturbés' if many else 'est perturbé'} {where} {depuis}{affecting}."
        elif cleared_before(incident, update):  # out again after an all clear: said as a new outage
            headline = f"Nouvelle panne {'des' if many else 'du'} {services.split(' ', 1)[1]} {where}"
            lede = f"{own} {'sont' if many else 'est'} de nouveau en panne {where} {depuis}{affecting}."
        else:
            headline = f"Panne {'des' if many else 'du'} {services.split(' ', 1)[1]} {where}"
            lede = f"{own} {'sont' if many else 'est'} en panne {where} {depuis}{affecting}."
        if advice:
            lede += f" {advice}"
        if lede_words(lede) >= LEDE_WORDS and affecting:  # the count can wait for the body
            lede = lede.replace(affecting.replace("touche", "a touché"), "").replace(affecting, "")
            assert customers is not None
            body.append(
                f"{capital(_customers(customers))} clients "
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
    body += estimate_paragraphs(incident, update, eta, passed, zone, FRENCH)
    entries, zones, earlier = timeline(incident, zone, FRENCH)
    media = config.media_contact
    return PressFacts(
        correction=correction(issue, update, zone, FRENCH),
        name=config.name,
        media=media,
        media_title=contact_title(media) if media else "",
        contact=config.contact,
        headline=headline,
        dateline=dateline,
        lede=" ".join(lede.split()),
        body=tuple(" ".join(p.split()) for p in body),
        timeline=entries,
        timeline_zone=", puis ".join(ZONE_NAMES.get(z, z) for z in zones),
        earlier=earlier,
        advice=closing(config, incident, update, quote, fr, FRENCH),
        url=url,
        feed_url=feed_url(config),
        about=(
            config.about + (f" {ENGLISH_ONLY}" if "about" in config.untranslated else "")
            if config.about
            else f"{config.name} fournit des services Internet et de téléphonie."
        ),
    )


def _cause_sentence(cause: str) -> str:
    """``L'entreprise indique qu'un entrepreneur … a sectionné son câble …``; staff's words quoted when they cannot
    be put in the third person for certain."""
    text = " ".join(display.plain(cause).split())
    if text.endswith(ENGLISH_ONLY):
        return f"Selon l'entreprise {ENGLISH_ONLY.removesuffix(')')}) : « {text.removesuffix(ENGLISH_ONLY).strip()} »."
    said = fr.attributed(text)
    return sentence(said) if said else f"Selon l'entreprise, « {text.rstrip('.')} »."


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
    safety = _SAFETY_TALK if advice else None  # the release gives the advice once, in the configured words
    text = quoted_sentences(message, config, said, estimate, fr, safety)
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
