"""Radio scripts timed to 15, 30 and 60 seconds, ready to read on air.

The wording lives in ``site_template/bulletins/radio.txt.j2``; this module
gathers the facts in spoken form (every value through the editorial
rulebook), asks the template for candidate sentences with their importance,
and fits whole sentences to each length (``editorial.fitting``): what and
where, the safety advice and when service is back are always said; detail is
added in the order of BROADCAST-STYLE (since when, why, how many, what is
being done and what to do, the next word, where to look) until the slot is
85 to 100 per cent full, counted as a reader speaks. A slot the facts cannot
fill says so in its header (``LENGTH: :60 (runs :44)``).

What a script says is decided once for every language (``on_air``); this
module holds the English words of it: the lead's words, how staff's
sentences are put in the company's voice, the header.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from jinja2 import Environment

from .. import display
from ..incidents.model import Config, Incident, Status, Update
from ..state.as_of import live_estimate
from ..state.ledger import Issue
from . import editorial as e
from . import on_air
from .happened import (
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
from .on_air import RadioFacts, RadioWords, kill_after, live_all_clear, radio_state, shared_facts, staff_sentences
from .on_air import sentence as on_air_sentence
from .story import (
    everywhere,
    regions_sentence,
    safety_advice,
    said_services,
    services_words,
    slug_place,
    sms_still_out_advice,
    where_words,
    without_the_window,
    work_to_come_advice,
)

TEMPLATE = "radio.txt.j2"

ENGLISH = RadioWords(
    about="about ",
    later="later",
    earlier="earlier",
    no_need_to_call=re.compile("need to call"),
    emergencies=re.compile(r"\bemergenc|\b9-1-1\b", re.IGNORECASE),  # 9-1-1 as said_aloud spells it
    advice_to_call=re.compile(r"\b(?:mobile|cell)", re.IGNORECASE),
    reopening=ReopeningWords(
        dropped="Service first came back at {back}, but it went out again at {dropped}.",
        reported="Service first came back at {back}, but the company reported it out again at {reported}.",
    ),
    first_outage="Service first went out {began} and came back at {back}.",
    out_again_after="It went out again {gap} after the company said it was restored.",
    slug_outage="OUTAGE",
    slug_maintenance="MAINTENANCE",
    slug_cancelled="CANCELLED",
    slug_all_clear="ALL CLEAR",
    slug_work_done="ALL CLEAR",
    slug_update=lambda at, zone: f"UPDATE {e.cp_time(at, zone).upper()}",
    slug_problem=lambda incident: f"{services_words(said_services(incident)).upper()} PROBLEM",
)
"""English words of the shared facts; an all clear after a reopen tells the whole story, not only the last
outage's (see ``happened.reopening_story``)."""


def facts(config: Config, incident: Incident, update: Update, issue: Issue | None = None) -> RadioFacts:
    """The spoken facts of one update; ``incident`` is the incident as of that update, and nothing later."""
    zone, at = config.timezone, update.at
    spoken = config.bulletins.spoken

    def say(text: str) -> str:
        return e.said_aloud(" ".join(text.split()), spoken) if text else ""

    def say_today(text: str) -> str:  # the update's own words: "by 11 a.m." at 10:20 a.m. is "eleven this morning"
        return e.said_aloud(" ".join(text.split()), spoken, at, zone) if text else ""

    eta = live_estimate(incident, at)
    state = radio_state(incident, update)
    advice = say(safety_advice(config, incident, update))
    # "No dial tone? Use …" is a text message's shorthand; on air a fragment reads as a slip.
    advice_short = next(iter(sms_still_out_advice(advice)), "").replace("No dial tone? Use", "Without a dial tone, use")
    if update.status is Status.SCHEDULED:  # work still to come: the advice is tied to the work (issue #13)
        advice_short = next(iter(work_to_come_advice(advice)[1:]), "")
    where = tuple(say(w) for w in where_words(config, incident.areas))
    began = outage_began(incident, update, zone, e.split_sentences)  # a reopened outage: when it dropped again
    since = e.began_phrase(began, at, zone)
    cause_now = outage_cause(incident, update, e.split_sentences)
    cause = cause_wordings(
        outage_causes(incident, update, e.split_sentences),
        say,
        e.readable_on_air,
        lambda text: e.attributed(text, always=True),
    )
    services = services_words(said_services(incident))
    lead = [f"{config.name} says {services} service is {_STATE_WORDS[state]} {place}" for place in where]
    # The expected impact is said (and so known) only while it is still a forecast: scheduled, under way.
    forecast = incident.expected_impact if update.status in (Status.SCHEDULED, Status.IN_PROGRESS) else ""
    # The lead, when it began and a reopened outage's first outage are one statement: a staff sentence that
    # tells it again ("down across St. Albert since about 1:50 p.m.") repeats it, though no one sentence does.
    story = " ".join([*lead, since, on_air.first_outage(incident, update, zone, e, ENGLISH)])
    if title := _work_title(incident, update, say, []):
        # Planned work under way or done: the copy says when it began and what it is, so staff's "The phone
        # switch upgrade has started." says nothing new (said at 12:30 a.m. beside "The work began at …").
        story += f" The work, {title}, started {since}."
    known = [story, *cause, advice, forecast]
    if eta:
        known.append(f"The company expects service back by about {e.promised_time(eta, at, zone)}.")
    if update.status is Status.INVESTIGATING and not cause_now:
        known.append("The company is investigating, still looking for the cause.")
    message = update.message
    if incident.window and update.status in (Status.SCHEDULED, Status.CANCELLED):  # the lead says the window
        message = without_the_window(message, incident.window.start, incident.window.end, zone)
    if update.status is Status.CANCELLED:  # the lead says it is cancelled: keep why ("… because the maker …")
        message = _CANCELLED_BECAUSE.sub(lambda m: m[1].upper(), display.plain(message))
    details = _details(message, say_today, known)
    if update.status.is_final and update.status is not Status.CANCELLED:
        # An all clear tells what happened: past-tense news from the earlier updates of this outage
        # or window ("The switch restarted at 1:52 a.m. and was out for 11 minutes."), never
        # their present-tense work news, which is over now.
        earlier = earlier_news(incident, update, zone, e.split_sentences)
        if update.status is Status.COMPLETED and incident.expected_impact:
            # What the window would not touch is still true of it ("internet is not affected").
            earlier = f"{earlier} {_clauses_as_sentences(display.plain(incident.expected_impact))}"
        earlier = _untouched_last(e.split_sentences(earlier))
        details = (*details, *(d for d in _details(earlier, say, [*known, *details]) if _past_news(d)))
    started = work_began(incident, update)
    work_since = e.began_phrase(started, at, zone) if started else ""
    media = config.media_contact or config.contact
    kill = kill_after(update)
    return RadioFacts(
        **shared_facts(config, incident, update, issue, e, ENGLISH, say, details, slug_place),
        areas_named=say(e.list_words([a.name for a in incident.areas])) if everywhere(config, incident.areas) else "",
        work_title=_work_title(incident, update, say, [*lead, *details]),
        work_began=work_since,
        work_done=day_said_once(work_since, e.spoken_time(at, at, zone), e.spoken_clock(at, zone))
        if started and update.status is Status.COMPLETED
        else "",
        first_cause=(first := _first_cause(incident, update, say, known)),
        first_cause_brief=next(iter(e.split_sentences(first)), ""),
        again=" again" if cleared_before(incident, update) else "",  # the whole outage after an all clear
        services=say(services),
        where=where,
        regions=regions_sentence(config, incident.areas),
        advice=advice,
        advice_short=advice_short,
        eta=f"about {e.promised_time(eta, at, zone)}" if eta else "",
        cause=cause,
        kill_after=f"{display.clock(kill, zone)}, {display.day(kill, zone)}",
        kills=f"the ALL CLEAR of {display.clock(cleared.at, zone)}, {display.day(cleared.at, zone)}; service went out again after it"
        if (cleared := live_all_clear(incident, update))
        else "",
        contact="contact "
        + ", ".join(p for p in (media.name, media.title, config.name, media.phone, media.email) if p),
        words_per_minute=config.bulletins.words_per_minute,
    )


_STATE_WORDS = {
    "down": "down out",
    "coming back": "coming back",
    "back": "back restored",
    "scheduled": "planned work interrupted",
    "in_progress": "planned work under way",
    "verifying": "planned work done tested",
    "completed": "planned work completed back normal",
    "cancelled": "planned work cancelled interrupted",
}
"""Words a staff sentence would use to restate the lead, for telling padding from news."""


_CANCELLED_BECAUSE = re.compile(
    r"\b(?:This|The|Our|That) (?:work|upgrade|maintenance) (?:is|has been) cancelled because (\w)"
)
"""``This work is cancelled because the equipment maker …`` -> ``The equipment maker …``: only the reason is news."""


_PRESENT = re.compile(
    r"\b(is|are|am|will|won't|can|cannot|can't|may|should|now|still|currently|expect|expects)\b|'re\b|'ll\b"
    # "has not yet acted": a state that held when it was said, which a later update may have ended (the
    # address was delisted the next day); not past news an all clear can repeat. The French rule is the same.
    r"|\b(yet|has not|have not|hasn't|haven't)\b"
    # "has asked all three blocklists to remove its address", "has been switched to generator power": what had
    # been done as of that update, which later ones overtook (all three had removed it; the hub went back to
    # utility power); said at the all clear it reads as the latest news.
    r"|\b(has|have)\s+(?:been\s+)?\w+(?:ed|en|t)\b",
    re.I,
)


def _past_news(sentence: str) -> bool:
    """A sentence that reports what happened (``was out for 11 minutes``), not work going on or advice."""
    return not _PRESENT.search(sentence) and not e.tells_people_what_to_do(sentence)


_NOT_AFFECTED = re.compile(r"^(.+?) (is|are) not affected\.$")


def _in_the_past(sentence: str) -> str:
    """``Home phone is not affected.`` -> ``Home phone was not affected.``: an earlier update's word on what the
    outage or window left alone is still true at its all clear, said in the past tense; other sentences as they are."""
    found = _NOT_AFFECTED.match(sentence.strip())
    if found is None:
        return sentence
    return f"{found[1]} {'was' if found[2] == 'is' else 'were'} not affected."


def _untouched_last(sentences: list[str]) -> str:
    """The sentences as they are, then those saying what was not affected, in the past tense: what happened is
    told first, what it left alone only where room is left."""
    untouched = [
        _in_the_past(s) for s in sentences if _NOT_AFFECTED.match(s.strip()) and not e.leans_on_the_sentence_before(s)
    ]
    rest = [s for s in sentences if not _NOT_AFFECTED.match(s.strip()) or e.leans_on_the_sentence_before(s)]
    return " ".join((*rest, *untouched))


def _clauses_as_sentences(text: str) -> str:
    """``Calls may not connect …; internet is not affected.`` -> two sentences, so each can be judged alone."""
    parts = [p.strip().rstrip(".") for p in text.split(";") if p.strip()]
    return " ".join(p[:1].upper() + p[1:] + "." for p in parts)


def _lower_first(sentence: str) -> str:
    """A staff sentence as a clause after other words: its first word in lower case when it is a common word
    (``Utility power …`` -> ``utility power …``), a name kept as it is, staff's "our" as "its"."""
    return e.attributed(sentence, always=True).removeprefix("The company says ")


def _work_title(incident: Incident, update: Update, say, said: list[str]) -> str:
    """``a home phone switch software upgrade``: what planned work under way or done is, in staff's title, when
    the copy's other sentences do not already say every word of it."""
    if not incident.is_maintenance or update.status not in (Status.IN_PROGRESS, Status.VERIFYING, Status.COMPLETED):
        return ""
    title = say(display.plain(incident.title)).rstrip(".") if "title" not in incident.untranslated else ""
    if not title or not e.readable_on_air(title) or e.restates(title, said, share=1.0):
        return ""
    return e.unstacked(_lower_first(title).rstrip("."))


def _first_cause(incident: Incident, update: Update, say, said: list[str]) -> str:
    """In the updates of an outage reopened after an all clear: ``The first outage began when utility power to
    the company's St. Albert hub failed and the backup generator did not start.``, then the first outage's past-tense
    news its own updates gave (``The backup batteries ran down.``), all as said by that all clear."""
    cause, told = first_outage_news(incident, update, e.split_sentences)
    sentences = e.split_sentences(cause) if cause else []
    first = say(sentences[0]) if sentences else ""
    if not first or not e.readable_on_air(first):
        return ""
    # No "The company says" before it: staff's "our" is "the company's", not an "its" with nothing to lean on.
    first = re.sub(r"\b[Oo]ur\b", "the company's", first, count=1)
    opening = f"The first outage began when {_lower_first(first)}"
    news = [s for s in e.split_sentences(told) if _past_news(s)]
    more = _details(" ".join(news), say, [*said, opening]) if news else ()
    return " ".join((on_air_sentence(opening), *more))


def _details(message: str, say, said: list[str]) -> tuple[str, ...]:
    """The update's own sentences that add to the rest of the copy (``on_air.staff_sentences``), in the
    company's voice: the first that says who says it is attributed, the rest put in the company's voice."""
    voiced, attributed = [], False
    for sentence in staff_sentences(message, say, said, e, ENGLISH):
        said_by = "" if attributed else e.attributed(sentence)
        attributed = attributed or bool(said_by)
        voiced.append(said_by or e.in_company_voice(sentence))
    return tuple(on_air_sentence(s) for s in voiced)


# --- the template's sentences, fitted (``on_air``) -------------------------------------


def candidate_sentences(
    template: Environment, facts_: object, name: str = "radio.txt.j2", tidy: Callable[[str], str] | None = None
) -> list[e.Candidate]:
    """The English template's candidate sentences (``on_air.candidate_sentences``)."""
    return on_air.candidate_sentences(template, facts_, name, tidy)


def length_label(seconds: int) -> str:
    """``:15``, ``:30``, ``1:00``."""
    return f":{seconds:02d}" if seconds < 60 else f"{seconds // 60}:{seconds % 60:02d}"


def length_line(copy: str, seconds: int, words_per_minute: int) -> str:
    """``:30 (72 words at 150 wpm)`` when the copy fills its slot; ``:60 (runs :44)`` when it cannot."""
    words = e.spoken_word_count(copy)
    if e.fills_slot(copy, seconds, words_per_minute):
        return f"{length_label(seconds)} ({words} words at {words_per_minute} wpm)"
    runs = round(e.spoken_seconds(copy, words_per_minute))
    return f"{length_label(seconds)} (runs {length_label(runs)})"


def fitted(template: Environment, facts_: RadioFacts, seconds: int) -> e.Fitted:
    return on_air.fitted(template, TEMPLATE, facts_, seconds, e)


def radio_script(
    template: Environment, config: Config, incident: Incident, update: Update, seconds: int, issue: Issue | None = None
) -> str:
    """The script of one length for one update; ``incident`` is the incident as of that update."""
    return _script(template, facts(config, incident, update, issue), seconds)


def _script(template: Environment, spoken_facts: RadioFacts, seconds: int) -> str:
    return on_air.script(template, TEMPLATE, spoken_facts, seconds, e, length_line)


def radio_scripts(
    template: Environment, config: Config, incident: Incident, update: Update, issue: Issue | None = None
) -> dict[int, str]:
    """Every configured length, shortest first."""
    spoken_facts = facts(config, incident, update, issue)
    return {s: _script(template, spoken_facts, s) for s in config.bulletins.radio_lengths}


def copy_of(script: str) -> str:
    """The text read on air: what lies between the header and the end mark."""
    body = script.split("\n\n", 1)[1] if "\n\n" in script else script
    return body.split("###")[0].strip()
