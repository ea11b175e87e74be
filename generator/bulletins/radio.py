"""Radio scripts timed to 15, 30 and 60 seconds, ready to read on air.

The wording lives in ``site_template/bulletins/radio.txt.j2``; this module
gathers the facts in spoken form, asks the template for candidate sentences
with their importance, and keeps the most important whole sentences that fit
the length's word budget (length x words per minute / 60). A sentence is
dropped or kept, never cut.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from jinja2 import Environment

from .. import display
from ..incidents.model import Config, Impact, Incident, Status, Update
from ..state.as_of import live_estimate, passed_estimate
from ..state.ledger import Issue
from . import spoken

KILL_AFTER_HOURS = 3
"""With no next update promised, a script is stale after this long (a resolution: twice that)."""


@dataclass(frozen=True)
class RadioFacts:
    """What a script may say, already in words a newsreader can read aloud."""

    name: str
    kind: str
    status: str
    resolved: bool
    impact: str
    """minor, major or critical: how strongly the lead puts it ("a problem", "down for some", "down")."""
    services: str
    areas: str
    cause: str
    customers: str
    progress: str
    since: str
    duration: str
    eta: str
    eta_passed: str
    """``yes`` when an estimate was given and has passed by this update: a new one is coming."""
    next_update: str
    address: str
    has_internet: str
    expected_impact: str
    window: str
    """``between 1 a.m. and 5 a.m. Thursday``: when planned work interrupts service."""
    window_end: str
    slug: str
    correction: str
    """``CORRECTION`` when this script replaces an earlier version of the same update's script."""
    kill_after: str
    contact: str
    pronouncers: str
    words_per_minute: int


_PROGRESS = {
    Status.INVESTIGATING: "The company is working to find the cause.",
    Status.IDENTIFIED: "The company has found the problem and is working on a fix.",
    Status.MONITORING: "Service is coming back, and the company is watching it closely.",
}


def facts(config: Config, incident: Incident, update: Update, issue: Issue | None = None) -> RadioFacts:
    """The spoken facts of one update; ``incident`` is the incident as of that update, and nothing later."""
    zone, at = config.timezone, update.at
    spoken_words = config.bulletins.spoken

    def say(text: str) -> str:
        return spoken.abbreviations(text, spoken_words)

    final = update.status.is_final
    eta = live_estimate(incident, at)
    window = incident.window
    media = config.media_contact or config.contact
    contact = "contact " + ", ".join(p for p in (media.name, media.title, config.name, media.phone, media.email) if p)
    mentioned = incident.areas if len(incident.areas) <= 4 else ()
    kill = update.next_update or at + timedelta(hours=KILL_AFTER_HOURS * (2 if final else 1))
    first = incident.began_at
    return RadioFacts(
        name=say(config.name),
        kind=incident.kind.value,
        status=update.status.value,
        resolved=final,
        impact=(incident.impact or Impact.MINOR).value,
        services=say(spoken.join([spoken.in_sentence(s.name) for s in incident.services])),
        areas=say(_areas(config, incident)),
        cause=_cause(incident.cause, say),
        customers=spoken.count(incident.customers_affected) if incident.customers_affected else "",
        progress=_PROGRESS.get(update.status, ""),
        since=_since(first, at, zone),
        duration=_duration(at - first),
        eta=spoken.when(eta, at, zone) if eta else "",
        eta_passed="yes" if passed_estimate(incident, at) else "",
        next_update=spoken.when(update.next_update, at, zone) if update.next_update else "",
        address=spoken.address(f"{config.site_url}"),
        has_internet="yes" if any(s.id == "internet" for s in incident.services) else "",
        expected_impact=_readable(say(incident.expected_impact)),
        window=_window_words(window, at, zone) if window else "",
        window_end=spoken.day_and_time(window.end, at, zone) if window else "",
        slug=_slug(config.name, incident, update),
        correction="CORRECTION" if issue is not None and issue.is_correction else "",
        kill_after=f"{display.clock(kill, zone)}, {display.day(kill, zone)}",
        contact=contact,
        pronouncers=", ".join(f"{a.name} ({a.pronounce})" for a in mentioned if a.pronounce),
        words_per_minute=config.bulletins.words_per_minute,
    )


def _areas(config: Config, incident: Incident) -> str:
    """``in Castle Downs and Lauderdale``; many areas are named by their regions."""
    if len(incident.areas) == len(config.areas) and len(incident.areas) > 4:
        return "across its whole service area"
    if len(incident.areas) <= 4:
        return "in " + spoken.join([a.name for a in incident.areas])
    regions = list(dict.fromkeys(a.region or a.name for a in incident.areas))
    return "in parts of " + spoken.join(regions)


def _cause(cause: str, say) -> str:
    """The first sentence of the cause, in the third person, if it reads well aloud."""
    if not cause:
        return ""
    sentences = spoken.sentences(spoken.scrub(display.plain(cause)))
    if not sentences:  # nothing left to say once the markup is gone
        return ""
    return _readable(say(spoken.third_person(sentences[0])))


def _readable(text: str) -> str:
    text = spoken.scrub(text)
    if text and not text.endswith((".", "!", "?")):
        text += "."
    return text if text and spoken.readable_on_air(text) else ""


def _since(first: datetime, at: datetime, zone) -> str:
    local, now = first.astimezone(zone), at.astimezone(zone)
    days = (now.date() - local.date()).days
    if days == 0:
        return f"at about {spoken.clock(first, zone)}"
    if days == 1:
        return f"yesterday {spoken.part_of_day(local.hour)}"
    return f"on {local:%A}" if days < 7 else f"on {local:%B} {spoken.ordinal(local.day)}"


def _duration(delta: timedelta) -> str:
    hours = delta.total_seconds() / 3600
    if hours < 1:
        return "less than an hour"
    if hours < 36:
        rounded = round(hours)
        return f"about {spoken.small_number(rounded)} hour{'s' if rounded != 1 else ''}"
    days = round(hours / 24)
    return f"about {spoken.small_number(days)} days"


def _window_words(window, at: datetime, zone) -> str:
    start, end = window.start.astimezone(zone), window.end.astimezone(zone)
    if start.date() == end.date():
        day = spoken.day_and_time(window.start, at, zone).split(" ", 2)[-1]
        return f"between {spoken.clock(start, zone)} and {spoken.clock(end, zone)} {day}"
    return f"from {spoken.day_and_time(start, at, zone)} to {spoken.day_and_time(end, at, zone)}"


def _slug(name: str, incident: Incident, update: Update) -> str:
    word = "MAINTENANCE" if incident.is_maintenance else ("RESTORED" if update.status.is_final else "OUTAGE")
    place = incident.areas[0].name if len(incident.areas) == 1 else incident.areas[0].region or incident.areas[0].name
    return f"{name.split()[0]} {word} {place}".upper()


def candidate_sentences(template: Environment, facts_: RadioFacts) -> list[tuple[int, str]]:
    """(importance, sentence) pairs from the template; a line ``… |condition`` needs a non-empty condition."""
    module = template.get_template("radio.txt.j2").module
    found = []
    for line in str(module.sentences(facts_)).splitlines():
        line = line.strip()
        if not line:
            continue
        head, _, rest = line.partition(" ")
        sentence, bar, condition = rest.partition("|")
        if bar and not condition.strip():
            continue
        # "by about 2 p.m." ends a sentence with its own full stop: do not double it.
        sentence = re.sub(r"\s+", " ", sentence).strip().replace("..", ".")
        found.append((int(head), sentence))
    return found


def word_count(text: str) -> int:
    return len(text.split())


def fit(candidates: list[tuple[int, str]], budget: int) -> list[str]:
    """The sentences to keep: drop the least important (last first) until the copy fits the budget."""
    kept = list(candidates)
    while sum(word_count(s) for _, s in kept) > budget:
        droppable = [i for i, (importance, _) in enumerate(kept) if importance > 1]
        if not droppable:
            break  # only the lead is left: it is read whole even if long
        worst = max(droppable, key=lambda i: (kept[i][0], i))
        del kept[worst]
    return [s for _, s in kept]


def radio_script(
    template: Environment, config: Config, incident: Incident, update: Update, seconds: int, issue: Issue | None = None
) -> str:
    """The script of one length for one update; ``incident`` is the incident as of that update."""
    spoken_facts = facts(config, incident, update, issue)
    budget = seconds * config.bulletins.words_per_minute // 60
    copy = " ".join(fit(candidate_sentences(template, spoken_facts), budget))
    module = template.get_template("radio.txt.j2").module
    return str(module.script(spoken_facts, copy, seconds, word_count(copy))).strip() + "\n"


def radio_scripts(
    template: Environment, config: Config, incident: Incident, update: Update, issue: Issue | None = None
) -> dict[int, str]:
    """Every configured length, shortest first."""
    return {s: radio_script(template, config, incident, update, s, issue) for s in config.bulletins.radio_lengths}


def copy_of(script: str) -> str:
    """The text read on air: what lies between the header and the end mark."""
    body = script.split("\n\n", 1)[1] if "\n\n" in script else script
    return body.split("###")[0].strip()
