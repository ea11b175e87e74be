"""What a radio script says, decided once in no language; ``radio`` and ``fr.radio`` only put it in words.

A script's facts (which state service is in, how long it has lasted, how the
estimate and the count moved, which of staff's sentences add news, the slug)
are the same facts in English and in French: only the words differ. Each
function here takes the language's rulebook (``editorial`` or
``editorial.fr``: modules of the same shape, so ``rules.spoken_duration`` is
the duration said in that language) and, where a language's words are more
than a rulebook call, a small table of them (``RadioWords``). The fitting of
sentences to a length is here too, counted by the language's own rulebook.

Kept apart from ``radio`` so the English module holds English words and the
French one French words, and a change to what goes on air is made once.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo
from types import ModuleType

from jinja2 import Environment, TemplateRuntimeError

from .. import display
from ..incidents.model import Config, Impact, Incident, Status, Update
from ..state.as_of import Change, changes, live_estimate, passed_estimate
from ..state.ledger import Issue
from . import editorial as e
from .happened import (
    ReopeningWords,
    cleared_before,
    day_said_once,
    episode,
    first_coming_back,
    out_in_all,
    outage_before,
    outage_began,
    outage_cause,
    reopening_story,
    start_known,
)
from .story import asked_to_call, is_follow_up, moved_window

KILL_AFTER_HOURS = 3
"""With no next update promised, a script is stale after this long (a resolution: twice that)."""
ALWAYS_KEPT = 3
"""Importance 1 to 3 (what and where, safety, when it is back) is in every length."""
FULL = 0.85
"""A copy that fills less of its slot than this runs short (``editorial.fills_slot``)."""

Rules = ModuleType
"""A language's editorial rulebook: ``editorial`` (English) or ``editorial.fr``, the same functions by name."""


@dataclass(frozen=True)
class RadioFacts:
    """What a script may say, already in words a newsreader can read aloud."""

    name: str
    kind: str
    status: str
    state: str
    """``down``, ``coming back`` or ``back`` for an incident; the maintenance status for planned work."""
    impact: str
    """minor, major or critical: a minor incident is "a problem", not "down"."""
    again: str
    """Set when service is down again after an all clear (English `` again``, French ``yes``)."""
    services: str
    where: tuple[str, ...]
    """Where, fullest first: the names, the regions."""
    regions: str
    """Where the named areas are (``The areas are in north and northeast Edmonton.``), for a longer length."""
    advice: str
    """The safety advice while a service that carries 911 calls is affected; said in every length."""
    advice_short: str
    """The advice in fewer words where there is a shorter form (``No dial tone? Use a cell phone for 9-1-1.``)."""
    eta: str
    eta_passed: str
    """The estimate that has passed by this update, as said: a new one is coming."""
    no_estimate: str
    since: str
    """When the outage began (``shortly after eight this morning``); empty when that is not known (``reported``)."""
    reported: str
    """When the company first reported the outage, when when it began is not known (no ``began_at``)."""
    lasted: str
    """How long the outage had lasted by this update (``about two and a half hours``), from the second update on."""
    update_moment: str
    """The update's time with its day, as said: ``one-forty this afternoon``."""
    all_clear_after: str
    """The all clear's time said after when service came back, its day words not said twice (``one-forty``)."""
    duration: str
    out_in_all: str
    """At an all clear after a reopen, how long service was out in all, both outages (``about three hours``)."""
    coming_back_at: str
    """When the company first said service was coming back (the first monitoring update), for the all clear."""
    went_out_again: str
    """At an all clear after a reopen: when service first came back and when it was reported out again."""
    first_outage: str
    """In a reopened outage's updates: when the outage before the all clear began and ended."""
    cause: tuple[str, ...]
    """The cause as the company says it, fullest first; empty until it is found."""
    looking: str
    """``yes`` while the cause is still being looked for."""
    customers: str
    customers_before: str
    """The earlier count, when this update changed it: ``about 39-hundred``."""
    customers_change: str
    """``up`` or ``down`` from the earlier count."""
    estimate_moved: str
    """``an hour later``: how this update moved the estimate."""
    estimate_withdrawn: str
    doing: tuple[str, ...]
    """What the update itself says of the work that the other sentences do not, sentence by sentence."""
    to_do: tuple[str, ...]
    """What the update tells customers to do (or not to do)."""
    no_need_to_call: str
    next_update: str
    background: str
    """The organisation in one sentence (status.yml ``about``), for a length with room to spare."""
    address: str
    window: str
    window_before: str
    """When announced work this update moved was planned before (``between one and five early Thursday morning,
    November 26th``): the lead says it has been moved; empty otherwise."""
    window_end: str
    expected_impact: str
    slug: str
    kill_after: str
    kills: str
    """While an all clear's script is still live and service is out again: that all clear, to be killed."""
    contact: str
    pronouncers: tuple[tuple[str, str], ...]
    """(area name, how to say it) for every area with a pronouncer; the header lists those the copy names."""
    words_per_minute: int
    areas_named: str
    """Every area by name (``Castle Downs, Lauderdale … and Sturgeon County``) when the lead says only "across
    its service area"; empty when the lead names them."""
    work_title: str
    """What the planned work is, in staff's title (``home phone switch software upgrade``), once it is under way
    and the copy does not already say it; empty otherwise."""
    work_began: str
    """When planned work began (``at twelve-thirty this morning``), from the update that said it started."""
    work_done: str
    """When completed work was done (the completion update's time, its day said once)."""
    first_cause: str
    """In a reopened outage's updates: why the first outage happened and its past-tense news, as said then."""
    first_cause_brief: str
    """``first_cause``'s opening sentence alone (``The first outage began when …``), for a shorter length: a
    reopened outage's own cause ("When utility power returned, …") makes no sense without it."""


@dataclass(frozen=True)
class RadioWords:
    """The words of one language that the shared facts need: the rest is its rulebook."""

    about: str
    """The word a spoken duration starts with (``about ``), left off an estimate's move."""
    later: str
    earlier: str
    no_need_to_call: re.Pattern[str]
    """Staff saying there is no need to call: the script then does not say it again."""
    emergencies: re.Pattern[str]
    advice_to_call: re.Pattern[str]
    """A staff sentence matching both is the safety advice, which the script says in the configured words."""
    reopening: ReopeningWords
    first_outage: str
    """``Service first went out {began} and came back at {back}.``: a reopened outage's updates tell the first once."""
    out_again_after: str
    """``It went out again {gap} after the company said it was restored.``: how soon the all clear proved wrong."""
    slug_outage: str
    slug_maintenance: str
    slug_cancelled: str
    slug_all_clear: str
    slug_work_done: str
    slug_update: Callable[[datetime, tzinfo], str]
    """`` — UPDATE 10:30 A.M.``: the update's time in the slug."""
    slug_problem: Callable[[Incident], str] | None = None
    """``VOICEMAIL PROBLEM``: the slug's word for a minor incident, which is "a problem", never an outage."""


def shared_facts(
    config: Config,
    incident: Incident,
    update: Update,
    issue: Issue | None,
    rules: Rules,
    words: RadioWords,
    say: Callable[[str], str],
    details: tuple[str, ...],
    slug_place: Callable[[Config, Iterable], str],
    untold: Iterable[str] = (),
) -> dict:
    """The fields of ``RadioFacts`` said the same way in every language, by ``rules`` and ``words``.

    ``details`` are staff's own sentences, voiced; ``untold`` the fields the files give only in another
    language (``about``, ``expected_impact``), which are not read on air."""
    zone, at = config.timezone, update.at
    final = update.status.is_final
    eta, passed = live_estimate(incident, at), passed_estimate(incident, at)
    window = incident.window
    state = radio_state(incident, update)
    first_back = first_coming_back(incident, update)
    before = changed(incident, update, "customers")
    move = estimate_move(incident, update) if eta else None
    said_about = say(config.about) if "about" not in untold else ""
    # A reopened outage: since it dropped again, and only what is known of its own cause.
    began = outage_began(incident, update, zone, rules.split_sentences)
    out = out_in_all(incident, update, zone, rules.split_sentences)  # two outages: the time out in all
    known = start_known(incident, update) or incident.is_maintenance or out is not None
    cause_now = outage_cause(incident, update, rules.split_sentences)
    impact = "" if "expected_impact" in untold else incident.expected_impact
    return dict(
        name=say(config.name),
        kind=incident.kind.value,
        status=update.status.value,
        state=state,
        impact=(incident.impact or Impact.MINOR).value,
        eta_passed=rules.spoken_time(passed, at, zone) if passed and not eta else "",
        no_estimate="yes" if state == "down" and not eta and not passed else "",
        since=rules.began_phrase(began, at, zone) if known else "",
        # The first report itself does not say "first reported at" its own time.
        reported="" if known or update.number == 1 else rules.spoken_time(incident.updates[0].at, at, zone),
        lasted=lasted(incident, update, rules, began) if known else "",
        update_moment=rules.spoken_time(at, at, zone),
        # "coming back at twelve-fifty this afternoon, and … the all clear at one-forty": the day words once.
        all_clear_after=day_said_once(
            rules.spoken_time(first_back.at, at, zone), rules.spoken_time(at, at, zone), rules.spoken_clock(at, zone)
        )
        if first_back
        else "",
        duration=rules.spoken_duration(e.elapsed(incident.began_at, at)),
        out_in_all=rules.spoken_duration(out) if out else "",
        coming_back_at=rules.spoken_time(first_back.at, at, zone) if first_back else "",
        went_out_again=reopening_story(
            incident, update, zone, rules.split_sentences, rules.spoken_time, rules.spoken_clock, words.reopening
        ),
        first_outage=first_outage(incident, update, zone, rules, words),
        looking="yes" if update.status is Status.INVESTIGATING and not cause_now else "",
        customers=rules.count(incident.customers_affected) if incident.customers_affected else "",
        customers_before=rules.count(before) if before else "",
        customers_change=direction(incident, update, "customers"),
        estimate_moved=(
            f"{rules.spoken_duration(move[0]).removeprefix(words.about)} {words.later if move[1] else words.earlier}"
            if move
            else ""
        ),
        estimate_withdrawn="yes" if state == "down" and not eta and withdrawn(incident, update) else "",
        doing=tuple(d for d in details if not rules.tells_people_what_to_do(d)),
        to_do=tuple(d for d in details if rules.tells_people_what_to_do(d)),
        no_need_to_call=""
        if final or asked_to_call(incident, update) or any(words.no_need_to_call.search(d) for d in details)
        else "yes",
        next_update=rules.promised_time(update.next_update, at, zone) if update.next_update and not final else "",
        background=sentence(said_about) if said_about and rules.readable_on_air(said_about) else "",
        address=rules.spoken_web_address(config.site_url),
        window=rules.spoken_window(window.start, window.end, at, zone) if window else "",
        # Said with its date (as from a week before it), never "Thursday" beside the new Thursday.
        window_before=rules.spoken_window(moved.start, moved.end, moved.start - timedelta(days=7), zone)
        if (moved := moved_window(incident, update)) is not None
        else "",
        window_end=rules.promised_time(window.end, at, zone) if window else "",
        expected_impact=sentence(say(display.plain(impact))) if impact else "",
        slug=radio_slug(config, incident, update, issue, words, slug_place),
        pronouncers=tuple((a.name, a.pronounce) for a in incident.areas if a.pronounce),
    )


def kill_after(update: Update) -> datetime:
    """When a script is stale: its next update, else ``KILL_AFTER_HOURS`` on (twice that for an all clear)."""
    final = update.status.is_final
    return update.next_update or e.after(update.at, timedelta(hours=KILL_AFTER_HOURS * (2 if final else 1)))


def live_all_clear(incident: Incident, update: Update) -> Update | None:
    """The all clear an open ``update``'s outage came after, while that all clear's script is still live (before
    its ``kill_after``): a newsroom holding it must kill it, since service is out again. None otherwise."""
    cleared = cleared_before(incident, update)
    return cleared if cleared is not None and update.at < kill_after(cleared) else None


def radio_state(incident: Incident, update: Update) -> str:
    if incident.is_maintenance:
        return update.status.value
    if update.status is Status.RESOLVED:
        return "back"
    return "coming back" if update.status is Status.MONITORING else "down"


def lasted(incident: Incident, update: Update, rules: Rules, began: datetime) -> str:
    """``about two and a half hours``: the length by a later update of the open outage that began at ``began``."""
    if incident.is_maintenance or update.status.is_final or update.number == 1:
        return ""
    length = e.elapsed(began, update.at)
    return rules.spoken_duration(length) if length >= timedelta(minutes=30) else ""


def _change(incident: Incident, update: Update, fact: str) -> Change | None:
    return next((c for c in changes(incident, update) if c.fact == fact), None)


def changed(incident: Incident, update: Update, fact: str):
    """The value ``fact`` had before this update changed it, if it did (and had one)."""
    change = _change(incident, update, fact)
    return change.before if change is not None else None


def direction(incident: Incident, update: Update, fact: str) -> str:
    change = _change(incident, update, fact)
    if change is None or change.before is None or change.after is None:
        return ""
    return "up" if change.after > change.before else "down"


def estimate_move(incident: Incident, update: Update) -> tuple[timedelta, bool] | None:
    """How far this update moved a live estimate from the one before, and whether later; None if it did not."""
    change = _change(incident, update, "restore_eta")
    if change is None or change.how != "moved" or _from_the_outage_before(incident, update, change):
        return None
    return abs(e.elapsed(change.before, change.after)), change.after > change.before


def withdrawn(incident: Incident, update: Update) -> bool:
    change = _change(incident, update, "restore_eta")
    return change is not None and change.how == "withdrawn" and not _from_the_outage_before(incident, update, change)


def _from_the_outage_before(incident: Incident, update: Update, change: Change) -> bool:
    """True when the estimate changed is the one of the outage before an all clear: a reopened outage's
    estimate is new, not "an hour and a half later than the company said before"."""
    cleared = cleared_before(incident, update)
    return cleared is not None and change.before == cleared.facts.restore_eta


def first_outage(incident: Incident, update: Update, zone: tzinfo, rules: Rules, words: RadioWords) -> str:
    """``Service first went out shortly after one-forty-five this afternoon and came back at three-twenty-five.``:
    the outage before the all clear, told once in a reopened outage's updates (past news, its own sentence)."""
    before = outage_before(incident, update)
    if before is None:
        return ""
    began, back = before
    first = rules.began_phrase(began, update.at, zone)
    came_back = day_said_once(first, rules.spoken_time(back, update.at, zone), rules.spoken_clock(back, zone))
    told = words.first_outage.format(began=first, back=came_back)
    cleared, reported = cleared_before(incident, update), episode(incident, update)[0]
    dropped = outage_began(incident, update, zone, rules.split_sentences)
    if cleared is None or dropped == reported.at:  # when it dropped is not said: no gap to tell
        return told
    gap = rules.spoken_duration(e.elapsed(cleared.at, dropped))
    return f"{told} {words.out_again_after.format(gap=gap)}"


def sentence(text: str) -> str:
    text = text.strip()
    return text if not text or text.endswith((".", "!", "?")) else text + "."


def staff_sentences(message: str, say, said: list[str], rules: Rules, words: RadioWords) -> list[str]:
    """The update's own sentences that add to the rest of the copy, each said right, still in staff's voice
    (each language then puts them in the company's): a sentence leaning on one left out goes too."""
    kept: list[str] = []
    last_kept = False
    for line in rules.split_sentences(display.plain(message)):
        line = rules.standing_alone(line)  # "Until it is removed, send …" -> "For now, send …"
        leans = rules.leans_on_the_sentence_before(line)
        if leans and not last_kept:
            continue  # "Their technicians …" after a sentence left out: nobody would know whose
        last_kept = False
        line = rules.without_page_talk(line)
        if not line:
            continue
        line = say(line)
        if not rules.readable_on_air(line):
            continue
        line = rules.to_customers(line)  # "If you are still offline, …" is said of customers, or left out
        if not line:
            continue
        if words.emergencies.search(line) and words.advice_to_call.search(line):
            continue  # the safety sentence says it, in the configured words
        # A clause that only says again what the copy says goes; so does a whole sentence.
        line = rules.new_clauses(line, [*said, *kept])
        if not line:
            continue
        if leans:  # kept with the sentence it leans on, so the two are said or left out together
            kept[-1] = f"{kept[-1]} {line}"
        else:
            kept.append(line)
        last_kept = True
    return kept


def radio_slug(
    config: Config,
    incident: Incident,
    update: Update,
    issue: Issue | None,
    words: RadioWords,
    slug_place: Callable[[Config, Iterable], str],
) -> str:
    """``NORTHWIND OUTAGE CLAREVIEW AND CASTLE DOWNS — UPDATE 10:30 A.M.``: what is affected now, and which word it is."""
    word = words.slug_maintenance if incident.is_maintenance else words.slug_outage
    if not incident.is_maintenance and incident.impact is Impact.MINOR and words.slug_problem is not None:
        word = words.slug_problem(incident)  # a problem with part of a service is not OUTAGE ALL AREAS
    slug = f"{config.name.split()[0].upper()} {word} {slug_place(config, incident.areas)}"
    if update.status is Status.CANCELLED:
        slug += f" — {words.slug_cancelled}"
    elif update.status.is_final:
        slug += f" — {words.slug_work_done if incident.is_maintenance else words.slug_all_clear}"
    elif is_follow_up(incident, update):
        slug += f" — {words.slug_update(update.at, config.timezone)}"
    if issue is not None and issue.is_correction:
        slug += " — CORRECTION"
    return slug


# --- the template's sentences, fitted -------------------------------------------------


def candidate_sentences(
    template: Environment, facts_: object, name: str = "radio.txt.j2", tidy: Callable[[str], str] | None = None
) -> list[e.Candidate]:
    """The template's candidates: ``N sentence`` starts one (importance N), ``or sentence`` words the same point
    shorter; a line ``… |condition`` is left out when its condition is empty. ``name`` is the template
    (``fr/radio.txt.j2`` for French) and ``tidy`` its language's last touch to each sentence."""
    module = template.get_template(name).module
    try:
        return e.candidates_from_lines(str(module.sentences(facts_)), tidy=tidy or (lambda s: tidied(s, e)))
    except ValueError as exc:
        raise TemplateRuntimeError(f"{name}, sentences: {exc}") from None


def tidied(line: str, rules: Rules) -> str:
    """One space between words, one full stop, a capital and no figure first."""
    line = re.sub(r"\s+", " ", line).strip()
    line = re.sub(r"(?<!\.)\.\.(?!\.)", ".", line).replace(" .", ".").replace(" ,", ",")
    line = one_breath(line)
    return rules.no_leading_figure(line[:1].upper() + line[1:])


_JOINT = re.compile(r"\s*[;:]\s+(\w)")
"""A semicolon or colon between clauses: a reader cannot say it, a listener cannot hear it."""


def one_breath(line: str) -> str:
    """Clauses joined by ``;`` or ``:`` read as sentences of their own (``… no need to call. Its support line is
    overloaded.``): punctuation a newsreader cannot say is not left on the copy."""
    line = _JOINT.sub(lambda m: ". " + m[1].upper(), line)
    # "St. Albert" is no sentence end: a place's abbreviation stays inside its sentence
    return " ".join(
        _in_two(part) for part in re.split(r"(?<!\bSt\.)(?<!\bMt\.)(?<!\bSte\.)(?<=[.!?])\s+(?=[A-Z])", line)
    )


BREATH_WORDS = 20
"""A sentence longer than this is too long for one breath (BROADCAST-STYLE: ≤ 20 words a sentence)."""
_OWN_CLAUSE = re.compile(
    r"\b(?:is|are|was|were|will|would|has|have|had|can|could|should|may|might|must|does|do|did)\b", re.IGNORECASE
)
"""A clause with a verb of its own ("it will never ask", "test messages … are being delivered"): a sentence alone."""
_NOT_A_SUBJECT = re.compile(r"(?:not|then|also|so|to|never|still|just)\b|\w+(?:ed|ing)\b", re.IGNORECASE)
"""``…, and not restart the modem``: what follows "and" shares the subject before it, so it is not a sentence."""
_BREATHS = (
    (re.compile(r", so (\w)"), ". As a result, {}", None),
    (re.compile(r", which (\w)"), ". That {}", "whole"),
    (re.compile(r", which (\w)"), ". It {}", None),
    (re.compile(r", (?:and|but) (\w)"), ". {}", "clause"),
    (re.compile(r", then (\w)"), ". Then they should {}", "order"),
)
"""Where a long English sentence splits: ``…, so three blocklists listed …`` -> ``…. As a result, three …``;
``… its main fibre cable, which carries …`` -> ``…. It carries …``, but after a clause that ends on a particle,
"which" is the whole clause: ``… the fastest speed they can run at, which takes several days`` -> ``…. That takes
several days``; ``… overnight, and test messages … are all
being delivered`` -> ``…. Test messages …`` (only before a clause of its own: "and not restart" stays); ``customers
should unplug …, then call the company`` -> ``…. Then they should call the company``."""
_APPOSITIVE = re.compile(
    r"(?P<noun>[a-z]+), (?P<aside>(?:the|a|an) [^,]{8,}?), "
    r"(?P<verb>[a-z]+(?:ed|s)\b|(?:cut|hit|put|set|shut|broke|struck|went|took|lost|fell|blew|ran|froze)\b)"
)
"""``… its upstream carrier, the phone company whose network connects Mill Woods, failed and …``: the aside between
the subject and its verb (a regular verb, or a common irregular past: "a faulty transfer switch, the device that
moves the hub …, cut the power")."""
_PARTICLES = {"at", "up", "in", "on", "out", "off", "down", "over", "away", "back", "through", "for", "with", "to"}
"""A clause ending on one of these ("… they can run at") ends on no noun a "which" could be about."""
_RELATIVE = re.compile(r" (?P<noun>[a-z]{3,}) that (?P<verb>[a-z]+s)\b")
"""``… at its north Edmonton hub that connects Clareview …``: a relative clause on the last noun."""
_NOT_NOUNS = {"says", "said", "expects", "believes", "thinks", "confirmed", "hopes", "so", "now", "such", "is", "was"}


def _in_two(sentence: str) -> str:
    """A sentence over ``BREATH_WORDS`` words split at its first joint that leaves two sentences of six words
    or more: ``, so``, ``, which``, ``, and``/``, but`` before a clause of its own; else an aside between a subject
    and its verb said after (``… failed …. The carrier is the phone company whose …``), or a relative clause on
    the last noun outside any aside (``… at its north Edmonton hub. The hub connects …``); otherwise as it is."""
    if len(sentence.split()) <= BREATH_WORDS:
        return sentence
    for joint, then, needs in _BREATHS:
        for found in joint.finditer(sentence):
            before, after = sentence[: found.start()], sentence[found.end() - 1 :]
            if needs == "clause" and (_NOT_A_SUBJECT.match(after) or not _OWN_CLAUSE.search(after)):
                continue
            if needs == "order" and not re.search(r"\b(?:customers|they) should\b", before):
                continue  # "…, then call the company" goes on an order said "customers should …" (to_customers)
            if needs == "whole" and before.split()[-1].lower() not in _PARTICLES:
                continue  # "cable, which carries …" is about the cable: "It carries …" (the next joint)
            shortest = {"clause": 4, "order": 3, "whole": 3}.get(needs or "", 6)  # its own verb: a sentence
            if len(before.split()) >= 6 and len(after.split()) >= shortest:
                return before + then.format(found[1].upper() if needs == "clause" else found[1]) + after[1:]
    if (found := _APPOSITIVE.search(sentence)) and len(sentence[: found.start()].split()) >= 3:
        main = sentence[: found.end("noun")] + " " + sentence[found.start("verb") :]
        return f"{main.rstrip('.')}. The {found['noun']} is {found['aside']}."
    for found in _RELATIVE.finditer(sentence):
        before, after = sentence[: found.end("noun")], sentence[found.start("verb") :]
        if re.search(r", (?:the|a|an) [^,]*$", before):
            continue  # inside an aside (", the device that moves …, cut"): the aside is no sentence's end
        if found["noun"] not in _NOT_NOUNS and len(before.split()) >= 6 and len(after.split()) >= 5:
            return f"{before}. The {found['noun']} {after}"
    return sentence


def fitted(template: Environment, name: str, spoken: RadioFacts, seconds: int, rules: Rules) -> e.Fitted:
    """The template ``name``'s sentences fitted to ``seconds``, counted as ``rules`` counts spoken words.

    The list of every area by name (``areas_named``), then the company's description (``background``), go in
    only where room is left once every other point has its fullest wording: neither pushes out the fuller
    cause. The description is said only where it is what fills the slot: a copy full without it, or short
    even with it, leaves it out, since there it would only pad (a newsroom editor's word); the header of a
    short copy says how long it runs."""
    budget = e.word_budget(seconds, spoken.words_per_minute)
    candidates = candidate_sentences(template, spoken, name, lambda s: tidied(s, rules))
    background = tidied(spoken.background, rules) if spoken.background else ""
    extras = [
        [
            i
            for i, c in enumerate(candidates)
            if spoken.areas_named and any(spoken.areas_named in w for w in c.wordings)
        ],
        [i for i, c in enumerate(candidates) if background and background in c.wordings],
    ]
    copy = _fit_with_room_left(candidates, [i for group in extras for i in group], budget, rules)
    if background and background in copy.sentences:
        without = _fit_with_room_left(candidates, extras[0], budget, rules, left_out=set(extras[1]))
        # Said only where it is what fills the slot: not in a copy full without it, nor in one short with it.
        if without.size >= FULL * budget or copy.size < FULL * budget:
            return without
    return copy


def _fit_with_room_left(
    candidates: list[e.Candidate], extras: list[int], budget: int, rules: Rules, left_out: set[int] = frozenset()
) -> e.Fitted:
    """``e.fit`` of the candidates but ``extras`` and ``left_out``, then each of ``extras`` (indexes, in the
    order given) added, in its shortest wording, if it still fits."""
    core = e.fit(
        [c for i, c in enumerate(candidates) if i not in extras and i not in left_out],
        budget,
        rules.spoken_word_count,
        keep=ALWAYS_KEPT,
    )
    added: dict[int, str] = {}
    room = budget - core.size
    for index in extras:
        wording = min(candidates[index].wordings, key=rules.spoken_word_count)
        if rules.spoken_word_count(wording) <= room:
            added[index] = wording
            room -= rules.spoken_word_count(wording)
    if not added:
        return core
    chosen = set(core.sentences)
    sentences, kept = [], []
    for index, candidate in enumerate(candidates):
        text = added.get(index) or next((w for w in candidate.wordings if w in chosen), None)
        if text is not None and text not in sentences:
            sentences.append(text)
            kept.append(candidate.importance)
    return e.Fitted(sentences=tuple(sentences), kept=tuple(kept), size=budget - room)


def script(
    template: Environment,
    name: str,
    spoken: RadioFacts,
    seconds: int,
    rules: Rules,
    length_line: Callable[[str, int, int], str],
) -> str:
    """The script of one length: the header (with ``length_line``'s words) and the fitted copy."""
    copy = " ".join(fitted(template, name, spoken, seconds, rules).sentences)
    named = ", ".join(f"{area} ({said})" for area, said in spoken.pronouncers if area in copy)
    module = template.get_template(name).module
    length = length_line(copy, seconds, spoken.words_per_minute)
    return str(module.script(spoken, copy, length, named)).strip() + "\n"
