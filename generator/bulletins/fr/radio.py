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
from datetime import datetime, timedelta

from jinja2 import Environment

from ... import display
from ...incidents.model import Config, Impact, Incident, Status, Update
from ...state.as_of import live_estimate, passed_estimate
from ...state.ledger import Issue
from .. import editorial as e
from ..editorial import fr
from ..happened import (
    ReopeningWords,
    cause_wordings,
    day_said_once,
    earlier_news,
    first_coming_back,
    outage_before,
    outage_began,
    outage_cause,
    outage_causes,
    reopening_story,
)
from ..radio import (
    ALWAYS_KEPT,
    KILL_AFTER_HOURS,
    _changed,
    _direction,
    _state,
    _withdrawn,
    candidate_sentences,
    estimate_move,
)
from ..story import is_follow_up, reopens
from .story import (
    contact_title,
    english_only,
    french_safety_advice,
    plural,
    regions_sentence,
    services_de,
    services_named,
    services_of,
    slug_place,
    upper,
    where_words,
)

TEMPLATE = "fr/radio.txt.j2"


@dataclass(frozen=True)
class RadioFacts:
    """What a French script may say, already in words a reader can read aloud (see the English ``RadioFacts``)."""

    name: str
    kind: str
    status: str
    state: str
    impact: str
    again: str
    """``yes`` when service is down again after an all clear: "une nouvelle panne"."""
    services: str
    """``les services Internet et de téléphonie résidentielle``."""
    services_of: str
    """``des services Internet et de téléphonie résidentielle``: after "panne"."""
    services_de: str
    """``d'Internet et de téléphonie résidentielle``: after "panne", two words shorter."""
    plural: str
    """``yes`` when more than one service is affected: the verbs agree."""
    where: tuple[str, ...]
    regions: str
    advice: str
    eta: str
    eta_passed: str
    no_estimate: str
    since: str
    lasted: str
    update_moment: str
    duration: str
    coming_back_at: str
    went_out_again: str
    first_outage: str
    """In a reopened outage's updates: when the outage before the all clear began and ended."""
    """At an all clear after a reopening: ``Le service était d'abord revenu à …, mais l'entreprise a signalé une
    nouvelle panne à …`` (the listener heard the first all clear)."""
    cause: tuple[str, ...]
    looking: str
    customers: str
    customers_before: str
    customers_change: str
    estimate_moved: str
    """``une heure plus tôt``."""
    estimate_withdrawn: str
    doing: tuple[str, ...]
    to_do: tuple[str, ...]
    no_need_to_call: str
    next_update: str
    background: str
    address: str
    window: str
    window_end: str
    expected_impact: str
    slug: str
    kill_after: str
    contact: str
    pronouncers: tuple[tuple[str, str], ...]
    words_per_minute: int


def facts(
    config: Config, incident: Incident, update: Update, issue: Issue | None = None, words_per_minute: int | None = None
) -> RadioFacts:
    """The spoken French facts of one update; ``incident`` is the French incident as of that update."""
    zone, at = config.timezone, update.at
    spoken = config.bulletins.spoken

    def say(text: str) -> str:
        return fr.said_aloud(" ".join(text.split()), spoken) if text else ""

    final = update.status.is_final
    eta, passed = live_estimate(incident, at), passed_estimate(incident, at)
    window = incident.window
    state = _state(incident, update)
    advice = say(french_safety_advice(config, incident, update))
    where = tuple(say(w) for w in where_words(config, incident.areas))
    began = outage_began(incident, update, zone, fr.split_sentences)  # a reopened outage: when it dropped again
    since = fr.began_phrase(began, at, zone)
    cause_now = outage_cause(incident, update, fr.split_sentences)
    # Text the files give only in English is not read on a French script (it would be English on air).
    untold = english_only(incident)
    cause = (
        cause_wordings(
            outage_causes(incident, update, fr.split_sentences),
            say,
            fr.readable_on_air,
            lambda text: _short_enough(fr.attributed(text)),
        )
        if "cause" not in untold
        else ()
    )
    impact = "" if "expected_impact" in untold else incident.expected_impact
    lead = [f"{config.name} signale une panne {services_of(incident.services)} {place}" for place in where]
    # The expected impact is said (and so known) only while it is still a forecast: scheduled, under way.
    forecast = impact if update.status in (Status.SCHEDULED, Status.IN_PROGRESS) else ""
    known = [*lead, *cause, advice, since, forecast, _STATE_WORDS[state]]
    if eta:
        known.append(f"L'entreprise prévoit un retour du service vers {fr.promised_time(eta, at, zone)}.")
    if update.status is Status.INVESTIGATING and not cause_now:
        known.append("L'entreprise enquête et cherche toujours la cause.")
    message = "" if "message" in untold else update.message
    if update.status is Status.CANCELLED:  # the lead says it is cancelled: keep why (« … car le fabricant … »)
        message = _CANCELLED_CAR.sub(lambda m: m[1].upper(), display.plain(message))
    details = _details(message, say, known)
    if update.status is Status.CANCELLED:  # the lead says it: « Le service ne sera donc pas interrompu. »
        details = tuple(d for d in details if not _NOT_INTERRUPTED.search(d))
    if final and update.status is not Status.CANCELLED:
        # An all clear tells what happened: past-tense news from the earlier updates of this outage or
        # window, never their present-tense work news, which is over now (as in English).
        # Judged in staff's own words, before "nous" becomes "l'entreprise précise qu'elle …".
        earlier = " ".join(
            s for s in fr.split_sentences(earlier_news(incident, update, zone, fr.split_sentences)) if _past_news(s)
        )
        details = (*details, *_details(earlier, say, [*known, *details]))
    media = config.media_contact or config.contact
    kill = update.next_update or e.after(at, timedelta(hours=KILL_AFTER_HOURS * (2 if final else 1)))
    move = estimate_move(incident, update) if eta else None
    first_back = first_coming_back(incident, update)
    before = _changed(incident, update, "customers")
    return RadioFacts(
        name=say(config.name),
        kind=incident.kind.value,
        status=update.status.value,
        state=state,
        impact=(incident.impact or Impact.MINOR).value,
        again="yes" if reopens(incident, update) else "",
        services=services_named(incident.services),
        services_of=services_of(incident.services),
        services_de=services_de(incident.services),
        plural="yes" if plural(incident.services) else "",
        where=where,
        regions=regions_sentence(config, incident.areas),
        advice=advice,
        eta=fr.promised_time(eta, at, zone) if eta else "",
        eta_passed=fr.spoken_time(passed, at, zone) if passed and not eta else "",
        no_estimate="yes" if state == "down" and not eta and not passed else "",
        since=since,
        lasted=_lasted(incident, update, began),
        update_moment=fr.spoken_time(at, at, zone),
        duration=fr.spoken_duration(e.elapsed(incident.began_at, at)),
        coming_back_at=fr.spoken_time(first_back.at, at, zone) if first_back else "",
        went_out_again=_went_out_again(incident, update, zone),
        first_outage=_first_outage(incident, update, zone),
        cause=cause,
        looking="yes" if update.status is Status.INVESTIGATING and not cause_now else "",
        customers=fr.count(incident.customers_affected) if incident.customers_affected else "",
        customers_before=fr.count(before) if before else "",
        customers_change=_direction(incident, update, "customers"),
        estimate_moved=(
            f"{fr.spoken_duration(move[0]).removeprefix('environ ')} {'plus tard' if move[1] else 'plus tôt'}"
            if move
            else ""
        ),
        estimate_withdrawn="yes" if state == "down" and not eta and _withdrawn(incident, update) else "",
        doing=tuple(d for d in details if not fr.tells_people_what_to_do(d)),
        to_do=tuple(d for d in details if fr.tells_people_what_to_do(d)),
        no_need_to_call="" if final or any(_NO_NEED.search(d) for d in details) else "yes",
        next_update=fr.promised_time(update.next_update, at, zone) if update.next_update and not final else "",
        background=(
            _sentence(said)
            if "about" not in config.untranslated and (said := say(config.about)) and fr.readable_on_air(said)
            else ""
        ),
        address=fr.spoken_web_address(config.site_url),
        window=fr.spoken_window(window.start, window.end, at, zone) if window else "",
        window_end=fr.promised_time(window.end, at, zone) if window else "",
        expected_impact=_sentence(say(display.plain(impact))) if impact else "",
        slug=_slug(config, incident, update, issue),
        kill_after=f"{fr.fr_time(kill, zone)} {fr.zone_name(kill, zone)}, {fr.fr_full_date(kill, zone)}",
        contact="renseignements auprès de "
        + ", ".join(p for p in (media.name, contact_title(media), config.name, media.phone, media.email) if p),
        pronouncers=tuple((a.name, a.pronounce) for a in incident.areas if a.pronounce),
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
_NO_NEED = re.compile(r"\b(?:inutile|pas besoin|pas nécessaire) d'appeler\b", re.IGNORECASE)
_ADVICE_TO_CALL = re.compile(r"\b(?:cellulaire|mobile)", re.IGNORECASE)
_EMERGENCIES = re.compile(r"\burgenc|\b9-1-1\b", re.IGNORECASE)


REOPENING = ReopeningWords(
    dropped="Le service était d'abord revenu à {back}, mais il a de nouveau été coupé à {dropped}.",
    reported="Le service était d'abord revenu à {back}, mais l'entreprise a signalé une nouvelle panne à {reported}.",
)
"""The English rule (``radio.REOPENING``) in French, said at the all clear that ends the second outage."""


def _first_outage(incident: Incident, update: Update, zone) -> str:
    """``Le service avait d'abord été coupé un peu après treize heures quarante-cinq cet après-midi, puis était
    revenu à quinze heures vingt-cinq.``: the outage before the all clear, in a reopened outage's updates."""
    before = outage_before(incident, update)
    if before is None:
        return ""
    began, back = before
    first = fr.began_phrase(began, update.at, zone)
    came_back = day_said_once(first, fr.spoken_time(back, update.at, zone), fr.spoken_clock(back, zone))
    return f"Le service avait d'abord été coupé {first}, puis était revenu à {came_back}."


def _went_out_again(incident: Incident, update: Update, zone) -> str:
    return reopening_story(incident, update, zone, fr.split_sentences, fr.spoken_time, fr.spoken_clock, REOPENING)


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


def _past_news(sentence: str) -> bool:
    """A staff sentence that reports what happened (``Le commutateur a redémarré à 1 h 52 et a été hors service
    pendant 11 minutes.``), not work going on (``L'équipe termine les essais.``) or advice: a past tense
    (passé composé, imparfait) and no present or future ("est"/"sont" are the present unless they make the
    past of a verb of motion, "sont tombés")."""
    return bool(_PAST.search(sentence)) and not _PRESENT.search(sentence) and not fr.tells_people_what_to_do(sentence)


def _lasted(incident: Incident, update: Update, began: datetime) -> str:
    """``environ deux heures et demie``: the length by a later update of the open outage that began at ``began``."""
    if incident.is_maintenance or update.status.is_final or update.number == 1:
        return ""
    length = e.elapsed(began, update.at)
    return fr.spoken_duration(length) if length >= timedelta(minutes=30) else ""


def _sentence(text: str) -> str:
    text = text.strip()
    return text if not text or text.endswith((".", "!", "?")) else text + "."


LONGEST_SENTENCE = 35
"""Words a sentence may run on air before a closing relative clause ("…, qui dessert …") is left out."""


def _short_enough(sentence: str) -> str:
    """``… a sectionné son câble principal, qui dessert les quatre quartiers.`` -> ``… son câble principal.``
    when the sentence is too long to say in one breath; a closing "qui" clause is background the listener can
    do without. A sentence without one is kept as it is."""
    if fr.spoken_word_count(sentence) <= LONGEST_SENTENCE or ", qui " not in sentence:
        return sentence
    return sentence.rsplit(", qui ", 1)[0].rstrip(" ,") + "."


def _details(message: str, say, said: list[str]) -> tuple[str, ...]:
    """The update's own sentences that add to the rest of the copy, each said right, in the third person."""
    kept: list[str] = []
    last_kept = False
    for sentence in fr.split_sentences(display.plain(message)):
        leans = fr.leans_on_the_sentence_before(sentence)
        if leans and not last_kept:
            continue  # "Ils sont sur place" after a sentence left out: nobody would know who
        last_kept = False
        sentence = fr.without_page_talk(sentence)
        if not sentence:
            continue
        sentence = say(sentence)
        if not fr.readable_on_air(sentence):
            continue
        if _EMERGENCIES.search(sentence) and _ADVICE_TO_CALL.search(sentence):
            continue  # the safety sentence says it, in the configured words
        sentence = fr.new_clauses(sentence, [*said, *kept])
        if not sentence:
            continue
        if leans:
            kept[-1] = f"{kept[-1]} {sentence}"
        else:
            kept.append(sentence)
        last_kept = True
    voiced: list[str] = []
    for sentence in kept:
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
    return tuple(_sentence(s) for s in voiced)


def _slug(config: Config, incident: Incident, update: Update, issue: Issue | None) -> str:
    """``NORTHWIND PANNE CLAREVIEW ET CASTLE DOWNS — MISE À JOUR 10 H 30``."""
    word = "TRAVAUX" if incident.is_maintenance else "PANNE"
    slug = f"{config.name.split()[0].upper()} {word} {slug_place(config, incident.areas)}"
    if update.status is Status.CANCELLED:
        slug += " — ANNULÉ"
    elif update.status.is_final:
        slug += " — TRAVAUX TERMINÉS" if incident.is_maintenance else " — FIN DE LA PANNE"
    elif is_follow_up(incident, update):
        slug += f" — MISE À JOUR {upper(fr.fr_time(update.at, config.timezone).replace(fr.NBSP, ' '))}"
    if issue is not None and issue.is_correction:
        slug += " — CORRECTION"
    return slug


# --- the template's sentences, fitted -------------------------------------------------


def tidy(sentence: str) -> str:
    """One space between words, one full stop, a capital and no figure first."""
    sentence = re.sub(r"\s+", " ", sentence).strip()
    sentence = re.sub(r"(?<!\.)\.\.(?!\.)", ".", sentence).replace(" .", ".").replace(" ,", ",")
    return fr.no_leading_figure(sentence[:1].upper() + sentence[1:])


def candidates(template: Environment, spoken: RadioFacts) -> list[e.Candidate]:
    return candidate_sentences(template, spoken, TEMPLATE, tidy)


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
    budget = e.word_budget(seconds, spoken.words_per_minute)
    return e.fit(candidates(template, spoken), budget, fr.spoken_word_count, keep=ALWAYS_KEPT)


def _script(template: Environment, spoken: RadioFacts, seconds: int) -> str:
    copy = " ".join(fitted(template, spoken, seconds).sentences)
    named = ", ".join(f"{name} ({said})" for name, said in spoken.pronouncers if name in copy)
    module = template.get_template(TEMPLATE).module
    length = length_line(copy, seconds, spoken.words_per_minute)
    return str(module.script(spoken, copy, length, named)).strip() + "\n"


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
