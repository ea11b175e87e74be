"""Les textes radio en français: scripts timed to 15, 30 and 60 seconds, ready to read on air.

The same method as the English scripts (``bulletins.radio``): the facts of
the update in spoken French (every value through the French rulebook,
``editorial.fr``), the candidate sentences from
``site_template/bulletins/fr/radio.txt.j2`` with their importance, whole
sentences fitted to each length counted in French words at the French
speaking rate (``words_per_minute``, default 175: see
``editorial.fr.counting``). What and where, the safety advice and when
service is back are in every length; the rest in the order of
BROADCAST-STYLE until the slot is 85 to 100 per cent full.

``config`` and ``incident`` are the site and the incident as seen in French:
every text field (names, regions, messages, cause) is French.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from jinja2 import Environment

from ... import display
from ...incidents.model import Config, Incident, Status, Update
from ...state.as_of import live_estimate
from ...state.ledger import Issue
from .. import editorial as e
from .. import on_air
from ..editorial import fr
from ..happened import (
    ReopeningWords,
    cause_wordings,
    cleared_before,
    day_said_once,
    earlier_news,
    first_outage_news,
    outage_began,
    outage_cause,
    outage_causes,
    work_began,
)
from ..on_air import RadioWords, kill_after, live_all_clear, radio_state, shared_facts, staff_sentences
from ..on_air import sentence as on_air_sentence
from ..story import everywhere, said_services, without_the_window
from .story import (
    contact_title,
    english_only,
    french_safety_advice,
    plural,
    regions_sentence,
    services_de,
    services_list,
    services_named,
    services_of,
    slug_place,
    upper,
    where_words,
    work_to_come_advice,
)

TEMPLATE = "fr/radio.txt.j2"


@dataclass(frozen=True)
class RadioFacts(on_air.RadioFacts):
    """What a French script may say, already in words a reader can read aloud: the shared facts (``again`` is
    ``yes`` for "une nouvelle panne"; ``went_out_again`` reads ``Le service était d'abord revenu à …, mais
    l'entreprise a signalé une nouvelle panne à …``), and the service named as French grammar needs it."""

    services_of: str
    """``des services Internet et de téléphonie résidentielle``: after "panne"."""
    services_de: str
    """``d'Internet et de téléphonie résidentielle``: after "panne", two words shorter."""
    plural: str
    """``yes`` when more than one service is affected: the verbs agree."""


def facts(
    config: Config, incident: Incident, update: Update, issue: Issue | None = None, words_per_minute: int | None = None
) -> RadioFacts:
    """The spoken French facts of one update; ``incident`` is the French incident as of that update."""
    zone, at = config.timezone, update.at
    spoken = config.bulletins.spoken

    def say(text: str) -> str:
        return fr.said_aloud(" ".join(text.split()), spoken) if text else ""

    final = update.status.is_final
    eta = live_estimate(incident, at)
    state = radio_state(incident, update)
    advice_as_written = french_safety_advice(config, incident, update)
    advice = say(advice_as_written)
    # Work still to come: the advice is tied to the work, in fewer words for the :15 (issue #13).
    work_to_come = work_to_come_advice(advice_as_written) if update.status is Status.SCHEDULED else ()
    where = tuple(say(w) for w in where_words(config, incident.areas))
    began = outage_began(incident, update, zone, fr.split_sentences)  # a reopened outage: when it dropped again
    since = fr.began_phrase(began, at, zone)
    cause_now = outage_cause(incident, update, fr.split_sentences)
    # Text the files give only in English is not read on a French script (it would be English on air).
    untold = english_only(incident) | ({"about"} if "about" in config.untranslated else set())
    causes = (
        cause_wordings(
            outage_causes(incident, update, fr.split_sentences),
            say,
            fr.readable_on_air,
            lambda text: _short_enough(fr.attributed(text)),
        )
        if "cause" not in untold
        else ()
    )
    cause = _in_one_breath(causes)
    impact = "" if "expected_impact" in untold else incident.expected_impact
    named = said_services(incident)  # only voicemail: "la messagerie vocale", not the whole phone service
    lead = [f"{config.name} signale une panne {services_of(named)} {place}" for place in where]
    # The expected impact is said (and so known) only while it is still a forecast: scheduled, under way.
    forecast = impact if update.status in (Status.SCHEDULED, Status.IN_PROGRESS) else ""
    # The lead, when it began and a reopened outage's first outage are one statement (see the English facts);
    # staff's words restating the fuller cause are said already, even where its brief wording is read.
    story = " ".join([*lead, _STATE_WORDS[state], since, on_air.first_outage(incident, update, zone, fr, FRENCH)])
    known = [story, *causes, advice, forecast]
    if eta:
        known.append(f"L'entreprise prévoit un retour du service vers {fr.promised_time(eta, at, zone)}.")
    if update.status is Status.INVESTIGATING and not cause_now:
        known.append("L'entreprise enquête et cherche toujours la cause.")
    message = "" if "message" in untold else update.message
    if incident.window and update.status in (Status.SCHEDULED, Status.CANCELLED):  # the lead says the window
        message = without_the_window(message, incident.window.start, incident.window.end, zone)
    if update.status is Status.CANCELLED:  # the lead says it is cancelled: keep why (« … car le fabricant … »)
        message = _CANCELLED_CAR.sub(lambda m: m[1].upper(), display.plain(message))
    details = _details(message, say, known)
    if update.status is Status.CANCELLED:  # the lead says it: « Le service ne sera donc pas interrompu. »
        details = tuple(d for d in details if not _NOT_INTERRUPTED.search(d))
    if final and update.status is not Status.CANCELLED:
        # An all clear tells what happened: past-tense news from the earlier updates of this outage or
        # window, never their present-tense work news, which is over now (as in English).
        # Judged in staff's own words, before "nous" becomes "l'entreprise précise qu'elle …".
        earlier = earlier_news(incident, update, zone, fr.split_sentences)
        if update.status is Status.COMPLETED and impact:
            # What the window would not touch is still true of it (« Internet n'est pas touché »).
            earlier = f"{earlier} {_clauses_as_sentences(display.plain(impact))}"
        earlier = " ".join(s for s in _untouched_last(fr.split_sentences(earlier)) if _past_news(s))
        details = (*details, *_details(earlier, say, [*known, *details]))
    started = work_began(incident, update)
    work_since = fr.began_phrase(started, at, zone) if started else ""
    media = config.media_contact or config.contact
    kill = kill_after(update)
    return RadioFacts(
        **shared_facts(config, incident, update, issue, fr, FRENCH, say, details, slug_place, untold),
        areas_named=say(fr.list_words([a.name for a in incident.areas])) if everywhere(config, incident.areas) else "",
        work_title="",  # a French title's article depends on its gender: what the work is stays in staff's words
        work_began=work_since,
        work_done=day_said_once(work_since, fr.spoken_time(at, at, zone), fr.spoken_clock(at, zone))
        if started and update.status is Status.COMPLETED
        else "",
        first_cause=(first := "" if {"cause", "message"} & untold else _first_cause(incident, update, say, known)),
        first_cause_brief=next(iter(fr.split_sentences(first)), ""),
        again="yes" if cleared_before(incident, update) else "",  # the whole outage after an all clear
        services=services_named(named),
        services_of=services_of(named),
        services_de=services_de(named),
        plural="yes" if plural(named) else "",
        where=where,
        regions=regions_sentence(config, incident.areas),
        advice=advice,
        eta=fr.promised_time(eta, at, zone) if eta else "",
        advice_short=say(next(iter(work_to_come[1:]), "")),
        cause=cause,
        kill_after=f"{fr.fr_time(kill, zone)} {fr.zone_name(kill, zone)}, {fr.fr_full_date(kill, zone)}",
        kills=(
            f"l'avis de FIN DE LA PANNE de {fr.fr_time(cleared.at, zone)} {fr.zone_name(cleared.at, zone)}, "
            f"{fr.fr_full_date(cleared.at, zone)}; le service a de nouveau été coupé après cet avis"
        )
        if (cleared := live_all_clear(incident, update))
        else "",
        contact="renseignements auprès de "
        + ", ".join(p for p in (media.name, contact_title(media), config.name, media.phone, media.email) if p),
        words_per_minute=words_per_minute or fr.WORDS_PER_MINUTE,
    )


_STATE_WORDS = {
    "down": "panne coupé coupés interrompu interrompus hors service",
    "coming back": "revient reviennent graduellement retour",
    "back": "rétabli rétablis rétablie rétablies revenu terminée",
    "scheduled": "travaux planifiés interrompront interruption",
    "in_progress": "travaux planifiés cours",
    "verifying": "travaux terminés vérification essais",
    "completed": "travaux terminés normale rétabli",
    "cancelled": "travaux annulés annulation interrompu",
}
"""Words a staff sentence would use to restate the lead, for telling padding from news."""
_CANCELLED_CAR = re.compile(
    r"\b(?:Ces|Les) (?:travaux|mises à niveau) (?:sont|ont été) annulée?s, (?:car|parce que) (\w)"
)
"""``Ces travaux sont annulés, car le fabricant …`` -> ``Le fabricant …``: only the reason is news."""
_NOT_INTERRUPTED = re.compile(r"\bne sera(?:nt)? pas interrompus?\b", re.IGNORECASE)

FRENCH = RadioWords(
    about="environ ",
    later="plus tard",
    earlier="plus tôt",
    no_need_to_call=re.compile(r"\b(?:inutile|pas besoin|pas nécessaire) d'appeler\b", re.IGNORECASE),
    emergencies=re.compile(r"\burgenc|\b9-1-1\b", re.IGNORECASE),
    advice_to_call=re.compile(r"\b(?:cellulaire|mobile)", re.IGNORECASE),
    reopening=ReopeningWords(
        dropped="Le service était d'abord revenu à {back}, mais il a de nouveau été coupé à {dropped}.",
        reported="Le service était d'abord revenu à {back}, mais l'entreprise a signalé une nouvelle panne à {reported}.",
    ),
    first_outage="Le service avait d'abord été coupé {began}, puis était revenu à {back}.",
    out_again_after="Il a de nouveau été coupé {gap} après que l'entreprise a annoncé son rétablissement.",
    slug_outage="PANNE",
    slug_maintenance="TRAVAUX",
    slug_cancelled="ANNULÉ",
    slug_all_clear="FIN DE LA PANNE",
    slug_work_done="TRAVAUX TERMINÉS",
    slug_update=lambda at, zone: f"MISE À JOUR {upper(fr.fr_time(at, zone).replace(fr.NBSP, ' '))}",
    slug_problem=lambda incident: f"PERTURBATIONS {upper(services_list(said_services(incident)))}",
)
"""The English words (``radio.ENGLISH``) in French; the reopening is said at the all clear that ends the second
outage."""


_PRESENT = re.compile(
    r"(?<!\bse )(?<!s')\b(?:est|sont)\b(?!\s+(?:de nouveau\s+|à nouveau\s+)?(?:tomb|redev|part|rest|arriv)\w*)"
    r"|\b(?:sera|seront|va|vont|peut|peuvent|pouvez|devrait|devraient|doit|doivent|maintenant|toujours"
    r"|actuellement|encore|prévoit|prévoient|revient|reviennent|fonctionne|fonctionnent|continue|continuent)\b"
    r"|\b(?!avons\b)\w+ons\b|\b\w+(?:era|ira|eront|iront)\b",
    re.IGNORECASE,
)


_PAST = re.compile(
    r"\b(?:a|ont|avons|avait|avaient)\s+(?:(?:de nouveau|à nouveau|déjà|bien|pas|jamais)\s+)*"
    r"\w+(?:é|ée|és|ées|i|ie|is|ies|u|ue|us|ues|t|te|ts|tes)\b"
    r"|\b(?:était|étaient)\b"
    r"|\b(?:se\s+sont|s'est)\s+(?:\w+\s+)?\w+(?:é|ée|és|ées|i|ie|is|ies|u|ue|us|ues)\b"
    r"|\b(?:est|sont)\s+(?:(?:de nouveau|à nouveau)\s+)?(?:tomb|redev|part|rest|arriv)\w*",
    re.IGNORECASE,
)


_NOT_AFFECTED = re.compile(r"^(.+?) (n'est|ne sont) pas touché(e?s?)\.$")


def _in_the_past(sentence: str) -> str:
    """``Le téléphone résidentiel n'est pas touché.`` -> ``… n'a pas été touché.``: what an outage or window left
    alone is still true at its all clear, said in the past (as in English); other sentences as they are."""
    found = _NOT_AFFECTED.match(sentence.strip())
    if found is None:
        return sentence
    verb = "a" if found[2] == "n'est" else "ont"
    return f"{found[1]} n'{verb} pas été touché{found[3]}."


def _untouched_last(sentences: list[str]) -> list[str]:
    """The sentences as they are, then those saying what was not affected, in the past (as in English)."""
    untouched = [
        _in_the_past(s) for s in sentences if _NOT_AFFECTED.match(s.strip()) and not fr.leans_on_the_sentence_before(s)
    ]
    rest = [s for s in sentences if not _NOT_AFFECTED.match(s.strip()) or fr.leans_on_the_sentence_before(s)]
    return [*rest, *untouched]


def _clauses_as_sentences(text: str) -> str:
    """``Pendant les travaux, …; Internet n'est pas touché.`` -> two sentences, each judged alone."""
    parts = [p.strip().rstrip(".") for p in text.split(";") if p.strip()]
    return " ".join(p[:1].upper() + p[1:] + "." for p in parts)


_SAID_THAT = re.compile(r"^L'entreprise indique qu(?:e |')")


def _first_cause(incident: Incident, update: Update, say, said: list[str]) -> str:
    """In the updates of an outage reopened after an all clear: ``La première panne est survenue quand
    l'alimentation électrique de son central … n'a pas démarré.``, then the first outage's past news its own
    updates gave (as ``radio._first_cause`` in English), all as said by that all clear."""
    cause, told = first_outage_news(incident, update, fr.split_sentences)
    sentences = fr.split_sentences(cause) if cause else []
    first = say(sentences[0]) if sentences else ""
    voiced = fr.attributed(first) if first and fr.readable_on_air(first) else ""
    if not _SAID_THAT.match(voiced):
        return ""
    body = _SAID_THAT.sub("", voiced)
    opening = on_air_sentence(f"La première panne est survenue quand {body}")
    news = " ".join(s for s in fr.split_sentences(told) if _past_news(s))
    more = _details(news, say, [*said, opening]) if news else ()
    return " ".join((opening, *more))


def _past_news(sentence: str) -> bool:
    """A staff sentence that reports what happened (``Le commutateur a redémarré à 1 h 52 et a été hors service
    pendant 11 minutes.``), not work going on (``L'équipe termine les essais.``) or advice: a past tense
    (passé composé, imparfait) and no present or future ("est"/"sont" are the present unless they make the
    past of a verb of motion, "sont tombés")."""
    return bool(_PAST.search(sentence)) and not _PRESENT.search(sentence) and not fr.tells_people_what_to_do(sentence)


LONGEST_SENTENCE = 35
"""Words a sentence may run on air before a closing relative clause ("…, qui dessert …") is left out."""


ONE_BREATH = 25
"""BROADCAST-STYLE: 20 words a sentence where the facts allow, none over 25 (as English: ``on_air._in_two``)."""


def _in_one_breath(wordings: tuple[str, ...]) -> tuple[str, ...]:
    """The cause's wordings (fullest first) but a fuller one with a sentence over ``ONE_BREATH`` words, when the
    brief one has none: French scripts split no sentence, so the aside ("un commutateur de transfert défectueux,
    l'appareil qui fait passer le central …, a coupé …": 27 words) gives way to the brief cause, not to a
    sentence no reader can say in one breath. When even the brief one runs long, every wording is kept."""
    kept = tuple(w for w in wordings if all(len(s.split()) <= ONE_BREATH for s in fr.split_sentences(w)))
    return kept if wordings[-1:] and kept[-1:] == wordings[-1:] else wordings


def _short_enough(sentence: str) -> str:
    """``… a sectionné son câble principal, qui dessert les quatre quartiers.`` -> ``… son câble principal.``
    when the sentence is too long to say in one breath; a closing "qui" clause is background the listener can
    do without. A sentence without one is kept as it is."""
    if fr.spoken_word_count(sentence) <= LONGEST_SENTENCE or ", qui " not in sentence:
        return sentence
    return sentence.rsplit(", qui ", 1)[0].rstrip(" ,") + "."


def _details(message: str, say, said: list[str]) -> tuple[str, ...]:
    """The update's own sentences that add to the rest of the copy (``on_air.staff_sentences``), in the third
    person: advice to call "nous" calls the company; a first-person sentence is attributed."""
    voiced: list[str] = []
    for sentence in staff_sentences(message, say, said, fr, FRENCH):
        if fr.tells_people_what_to_do(sentence):
            told = fr.to_the_company(sentence)  # "appelez-nous" -> "appelez l'entreprise"
            if told:
                voiced.append(told)
            continue
        if not fr.in_first_person(sentence):
            voiced.append(sentence)
            continue
        # The cause, said before these, is "L'entreprise indique que …": the details follow on from it.
        first = not any(v.startswith(("L'entreprise précise", "Elle ajoute")) for v in voiced)
        said_by = fr.attributed(sentence, "L'entreprise" if first else "Elle", "précise" if first else "ajoute")
        if said_by:  # a sentence that cannot be put in the third person for certain is left out
            voiced.append(said_by)
    return tuple(on_air_sentence(s) for s in voiced)


# --- the template's sentences, fitted -------------------------------------------------


def tidy(sentence: str) -> str:
    """One space between words, one full stop, a capital, no figure first, and "d'environ", never "de environ"."""
    return fr.elided(on_air.tidied(sentence, fr))


def candidates(template: Environment, spoken: RadioFacts) -> list[e.Candidate]:
    return on_air.candidate_sentences(template, spoken, TEMPLATE, tidy)


def length_label(seconds: int) -> str:
    """``15 s``, ``30 s``, ``1 min``, ``1 min 30 s``."""
    minutes, rest = divmod(seconds, 60)
    if not minutes:
        return f"{rest} s"
    return f"{minutes} min" + (f" {rest} s" if rest else "")


def length_line(copy: str, seconds: int, words_per_minute: int) -> str:
    """``30 s (85 mots à 175 mots/min)`` when the copy fills its slot; ``1 min (durée réelle : 44 s)`` when it
    cannot, and ``15 s (durée réelle : 16 s)`` when what is always said runs past it (rounded up, then)."""
    words = fr.spoken_word_count(copy)
    share = words / (seconds * words_per_minute / 60)
    if 0.85 <= share <= 1.0:
        return f"{length_label(seconds)} ({words} mots à {words_per_minute} mots/min)"
    runs = words * 60 / words_per_minute
    return f"{length_label(seconds)} (durée réelle : {length_label(math.ceil(runs) if share > 1 else round(runs))})"


def fitted(template: Environment, spoken: RadioFacts, seconds: int) -> e.Fitted:
    return on_air.fitted(template, TEMPLATE, spoken, seconds, fr)


def _script(template: Environment, spoken: RadioFacts, seconds: int) -> str:
    return on_air.script(template, TEMPLATE, spoken, seconds, fr, length_line)


def radio_script(
    template: Environment,
    config: Config,
    incident: Incident,
    update: Update,
    seconds: int,
    issue: Issue | None = None,
    words_per_minute: int | None = None,
) -> str:
    """The French script of one length for one update."""
    return _script(template, facts(config, incident, update, issue, words_per_minute), seconds)


def radio_scripts(
    template: Environment,
    config: Config,
    incident: Incident,
    update: Update,
    issue: Issue | None = None,
    words_per_minute: int | None = None,
) -> dict[int, str]:
    """Every configured length in French, shortest first."""
    spoken = facts(config, incident, update, issue, words_per_minute)
    return {s: _script(template, spoken, s) for s in config.bulletins.radio_lengths}
