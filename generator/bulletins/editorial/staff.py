"""Staff's own sentences as a newsroom's copy: what can go on air, and how it is said.

An update's message is written for the status page, in the first person,
with figures, clock times, street abbreviations, links and "here". On air
each sentence is either said right or left out, never cut in the middle:

- a clause that points at the page ("updates will be posted here") or
  apologises ("We are sorry") goes; an apology is not news;
- clock times and dates are said ("ten-ten in the morning", "July 4th"),
  addresses in full words, abbreviations as configured, 911 as "9-1-1",
  counts and small numbers as a reader says them, asides in their sentence;
- "we" becomes "the company" the first time in a sentence and "it" after,
  with its verbs agreeing, unless the sentence is attributed ("The company
  says its cable was cut");
- a sentence still holding a link, an e-mail or phone number, a symbol or a
  long figure cannot be read cold and is left out whole.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from datetime import datetime, tzinfo

from .clock import spoken_clock_times, spoken_dates
from .numbers import spoken_figures
from .places import spoken_address
from .wording import company_voice, rewrite_parentheticals, spoken_911, spoken_abbreviations

_PAGE = re.compile(
    r"\b(?:here|this page|this site|below|above|click|link|tap)\b|\bon (?:our|the) (?:status )?(?:page|website|site)\b",
    re.IGNORECASE,
)
_APOLOGY = re.compile(r"\b(?:sorry|apologi[sz]e\w*|apologies|inconvenience|patience|thank you|thanks)\b", re.IGNORECASE)
_UNREADABLE = re.compile(
    r"https?://|www\.|\S@\S|\b[\w-]+\.(?:com|ca|net|org|example|info)\b"  # links and e-mail addresses
    r"|\d{3}[-. ]\d{3}[-. ]?\d{4}|\b\d{3}-\d{4}\b"  # phone numbers
    r"|\d:\d|\d{4,}|\d[.,]\d|\d+\.\d+\.\d+"  # clock figures, long figures, decimals, versions
    r"|[*#_`<>\[\]{}|\\~^$%&/@=+]"  # symbols a reader would have to decode
)


def refers_to_the_page(text: str) -> bool:
    """True for words that only make sense on the status page: "here", "below", "click"."""
    return bool(_PAGE.search(text))


def apologises(text: str) -> bool:
    """True for an apology or thanks: kind on a status page, filler on air."""
    return bool(_APOLOGY.search(text))


def readable_on_air(sentence: str) -> bool:
    """False for a sentence an announcer would stumble on: links, phone numbers, symbols, clock figures, long numbers."""
    return not _UNREADABLE.search(sentence)


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


_PHONE_NUMBER = re.compile(
    r",?\s+(?:at|on)\s+(?:1[-. ])?\(?\d{3}\)?[-. ]\d{3}[-. ]\d{4}\b|\s*\(\d{3}[-. ]\d{3}[-. ]\d{4}\)"
    # "the alternate server on port 587": for the notice, not air (an aside between commas goes whole)
    r"|,\s+(?:on|via|using|through)\s+port\s+\d+\b,?|\s+(?:on|via|using|through)\s+port\s+\d+\b"
)


WEB_HOST = r"\b[\w-]+(?:\.[\w-]+)*\.(?:com|ca|net|org|example|info)\b"
"""A host name in staff's text (``webmail.northwind.example``), in any language."""
_ADDRESS_ALTERNATIVE = re.compile(
    rf",\s+or\s+[^.;]*?(?:{WEB_HOST}|\bport\s+\d+\b)[^.;]*"
    r"|\s+or\s+(?:the|an?)\s+(?:[\w-]+\s+){0,3}?[\w-]+\s+(?:on|via|using|through)\s+port\s+\d+\b"
)
"""``…, or leave it on port 587, which will keep working`` / ``…, or set … to relay2.northwind.example …`` / ``…
or the alternate server on port 587``: an alternative that is only an address or a port; said without them it
would tell a listener nothing ("the alternate server" is never explained on air)."""
_AT_AN_ADDRESS = re.compile(rf"\s+at\s+{WEB_HOST}(?!@)")
"""``from webmail at webmail.northwind.example`` -> ``from webmail``: the thing is named; its address is print."""


def without_phone_numbers(sentence: str) -> str:
    """``call us at 780-555-0100`` -> ``call us``: a number read once on air is a number nobody has.

    A port number goes too (``the alternate server on port 587`` -> ``the alternate server``): the notice for
    technical contacts prints it; a listener cannot use it. So does an alternative that is only an address or a
    port (``Send from webmail at webmail.northwind.example, or set your outgoing server to relay2.northwind.example
    on port 587.`` -> ``Send from webmail.``)."""
    sentence = _AT_AN_ADDRESS.sub("", _ADDRESS_ALTERNATIVE.sub("", sentence))
    return _PHONE_NUMBER.sub("", sentence)


_ADVICE = re.compile(
    r"^(?:if|please|unplug|restart|use|call|keep|leave|wait|try|do not|don't|avoid|check)\b"
    r"|\b(?:you|your)\b|\bno need\b|\bwill not help\b|\bwon't help\b"
    r"|\b(?:customers|they) should\b|^customers can\b",  # staff's orders as a newsreader says them (to_customers)
    re.IGNORECASE,
)


def tells_people_what_to_do(sentence: str) -> bool:
    """True for advice to customers (``Unplug your modem``, ``There is no need to call``), not news of the work."""
    return bool(_ADVICE.search(sentence))


def without_page_talk(sentence: str) -> str:
    """The sentence without its clauses that point at the page or apologise; empty if nothing is left.

    ``No need to call us; updates will be posted here.`` -> ``No need to call us.``
    """
    return without_clauses(sentence, _PAGE_TALK_JOINTS, lambda c: refers_to_the_page(c) or apologises(c))


_PAGE_TALK_JOINTS = re.compile(r";\s+|\s+-{1,2}\s+|\s+—\s+")


def without_clauses(sentence: str, joints: re.Pattern[str], drop: Callable[[str], bool], trailing: str = ".!?") -> str:
    """The sentence without the clauses (split at ``joints``, joined again by "; ") that ``drop`` picks; empty if
    none is left. Shared by English and French (``fr.staff``): only the joints and what is dropped differ."""
    end = sentence[-1] if sentence[-1:] in ".!?" else "."
    clauses = [c.strip() for c in joints.split(sentence.rstrip(trailing))]
    kept = [c for c in clauses if c and not drop(c)]
    if not kept:
        return ""
    text = "; ".join(kept)
    return _capitalise(text) + end


_STAR_CODE = re.compile(r"(?<![\w*])\*(\d{2,4})\b")
"""``*98``: a phone code, said "star 98" (``étoile 98`` in French)."""


def said_aloud(
    sentence: str, spoken: Iterable[tuple[str, str]] = (), written: datetime | None = None, zone: tzinfo | None = None
) -> str:
    """A staff sentence in the words a reader says: asides, times, dates, addresses, abbreviations, 911, figures.

    ``Crews are at 137 Ave. NW (near the LRT) since 8:05 a.m.`` -> ``Crews are at 137 Avenue Northwest,
    near the L-R-T, since eight-oh-five in the morning.``; with when it was ``written``, a time near it on its day is
    that day's ("eleven this morning": ``clock.spoken_clock_times``).
    """
    text = rewrite_parentheticals(without_phone_numbers(sentence))
    text = _STAR_CODE.sub(r"star \1", text)  # "dialling *98": a code a listener can dial, said as keyed
    text = spoken_clock_times(text, written, zone)
    text = spoken_dates(text)
    text = spoken_address(text)
    text = spoken_abbreviations(text, list(spoken))
    text = spoken_911(text)
    return spoken_figures(text)


_FIRST_PERSON = re.compile(r"\b(?:[Ww]e|[Oo]ur|[Oo]urs|[Uu]s|[Oo]urselves)\b")
_SUBJECT, _POSSESSIVE, _OBJECT = "\ue000", "\ue001", "\ue003"
_NAMES = {
    _SUBJECT: ("the company", "it"),
    _POSSESSIVE: ("the company's", "its"),
    _OBJECT: ("the company", "the company"),
}
"""The company as "us" is always named: "then call it" could be the device or the modem."""


_CONTACT_VERBS = "call|phone|contact|email|text|tell|ask|reach|ring"


def in_company_voice(sentence: str, attributed: bool = False, name: str = "the company") -> str:
    """Staff's "we" as a third party says it, clear out of context.

    ``We have locked the account and asked the lists to remove our address.`` ->
    ``The company has locked the account and asked the lists to remove its address.``
    Attributed (after "The company says"), the company is "it" throughout:
    ``our main fibre cable was cut`` -> ``its main fibre cable was cut``. ``name``
    is how the company is first named (``Northwind Broadband``).
    """
    if attributed:  # "call it" could be the modem: the company called is named; "from it" is clear
        # "its" and "it" are the company only in a sentence the company opens ("Our cable was cut" -> "its cable
        # was cut"). After another subject ("a contractor … cut our cable", "the maker released … and we want"),
        # or beside staff's own "its" (the carrier's equipment), the company is named: never an "it" a listener
        # could hang on the wrong owner.
        opens = _COMPANY_FIRST.match(sentence) and not re.search(r"\bits\b", sentence, re.IGNORECASE)
        if not opens:  # named where it first comes, "it" after: "cut the company's cable, which carries its …"
            return in_company_voice(sentence, name=name)
        said = company_voice(sentence, object_=_OBJECT)
        return re.sub(
            rf"(\b(?:{_CONTACT_VERBS})\s+)?{_OBJECT}", lambda m: (m[1] or "") + ("the company" if m[1] else "it"), said
        )
    if not _FIRST_PERSON.search(sentence):
        return sentence
    marked = company_voice(sentence, subject=_SUBJECT, possessive=_POSSESSIVE, object_=_OBJECT)
    said, first = [], True
    names = {mark: (name + ("'s" if mark == _POSSESSIVE else ""), later) for mark, (_, later) in _NAMES.items()}
    for part in re.split(f"([{_SUBJECT}{_POSSESSIVE}{_OBJECT}])", marked):
        if part in names:
            word = names[part][0 if first else 1]
            at_start = bool(re.search(r"(?:^|[.!?]\s+)$", "".join(said)))
            said.append(_capitalise(word) if at_start else word)
            first = False
        else:
            said.append(part)
    return "".join(said)


_LOWER_FIRST = {
    "a", "an", "the", "this", "that", "these", "those", "it", "its", "some", "most", "all", "each", "every", "no",
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "both", "many", "several", "crews",
    "engineers", "technicians", "service", "services", "customers", "calls", "speeds", "there", "we", "our", "utility",
    "power", "equipment", "fibre", "fiber", "cable", "damage", "drilling", "road", "construction", "storm", "weather",
    "wind", "snow", "ice", "lightning", "fire", "flooding", "vandalism", "theft", "software", "hardware", "work",
    "routine", "planned", "overnight", "upgrade", "upgrades", "failed", "faulty", "network", "router", "switch",
    "server", "servers", "storage", "email", "mail", "internet", "phone", "home", "business", "voicemail", "lines",
    "traffic", "repairs", "repair", "testing", "tests", "speed", "modems", "demand", "heavy", "high", "after",
    "during", "while", "when", "because", "as", "since", "until", "once", "more", "fewer", "only", "part",
    "computers", "devices", "accounts", "cameras",
}  # fmt: skip


def _common_word(first: str, text: str) -> bool:
    """Whether a sentence's first word is a common word (lower case after "says"), not a name.

    Listed common words are; so is a word the text also uses in lower case
    ("Utility power failed … when utility power returned").
    """
    word = first.strip(",;:")
    if re.fullmatch(r"[A-Z]{2,}s?", word) or any(c.isupper() for c in word[1:]):
        return False
    if word.lower() in ("to", "if"):  # "The company says to be reconnected, customers should …": reads as an order
        return False
    return word.lower() in _LOWER_FIRST or re.search(rf"\b{re.escape(word.lower())}\b", text) is not None


def attributed(sentence: str, always: bool = False) -> str:
    """``The company says`` before a sentence that reads well after it; empty when it would not.

    ``Our cable was cut.`` -> ``The company says its cable was cut.``; a sentence
    opening with a command (``Unplug your modem``) is left to stand alone, and so
    is one opening with a name (``Microsoft has not acted``) unless ``always``,
    when the name keeps its capital.
    """
    first = sentence.split(" ", 1)[0]
    common = _common_word(first, sentence)
    if not common and not always:
        return ""
    if not always and _OWN_ATTRIBUTION.match(sentence):
        return ""  # "The carrier's technicians say …": never "The company says the carrier's technicians say …"
    said = in_company_voice(sentence, attributed=True)
    # "it knows about it and is working on it": the first "it" is the company, the second the problem.
    said = _KNOWS_ABOUT_IT.sub(r"\1 about the problem", said)
    # "it has escalated it through …": the second "it" is not the company; "the matter" says so.
    said = _IT_DOES_IT.sub(r"\1 the matter", said, count=1)
    return "The company says " + (said[:1].lower() + said[1:] if common else said)


_OWN_ATTRIBUTION = re.compile(r"^(?:[\w'’-]+\s+){1,5}(?:say|says|said)\b(?!\s+(?:that\s+)?(?:we|our))")
"""A sentence that says who says it (``The carrier's technicians say …``): it is attributed already."""
_COMPANY_FIRST = re.compile(r"\s*(?:we|our|us)\b", re.IGNORECASE)
_IT_DOES_IT = re.compile(r"^([Ii]t (?:has |have |had |will |is |was )?\w+ed)\s+it\b")
_KNOWS_ABOUT_IT = re.compile(r"\b(knows?|knew|is aware|are aware)\s+about\s+it\b")


_DANGLING = re.compile(
    r"^(?:(?:Until|Once|When|While|If|After|Before|As soon as|Since)\s+(?:it|its|they|their|them|this|that)\b"
    r"|(?:They|Their|Them|It|Its|This|That|These|Those|He|She|His|Her)\b)"
)
"""A pronoun first, or "it"/"they"/"that" right after an opening "until", "once", "if" (``Until it is removed, …``,
``If that does not help, call us.``)."""


_UNTIL_IT_IS = re.compile(r"^(?:Until|Till) (?:it|this|that|they) (?:is|are|has been|have been) \w+, ")


def standing_alone(sentence: str) -> str:
    """``Until it is removed, send from webmail.`` -> ``For now, send from webmail.``: advice that leans on the
    sentence before only for how long it holds stands alone, so it is said even when that sentence is not (the
    copy's cause already said it). Other sentences as they are."""
    found = _UNTIL_IT_IS.match(sentence)
    if found is None or not _ORDER.match(sentence, found.end()):
        return sentence
    return "For now, " + sentence[found.end() :]


def leans_on_the_sentence_before(sentence: str) -> bool:
    """True for a sentence that opens with a pronoun (``Their technicians are …``): alone, nobody knows who."""
    return bool(_DANGLING.match(sentence))


_FUNCTION_WORDS = {
    "the", "and", "but", "for", "with", "from", "that", "this", "these", "those", "its", "their", "there", "are",
    "was", "were", "has", "have", "had", "will", "would", "can", "could", "should", "may", "about", "into", "onto",
    "than", "then", "now", "still", "also", "all", "some", "most", "company", "says", "said", "been", "being", "not",
    "our", "your", "you", "they", "them", "who", "which", "what", "when", "while", "after", "before", "again", "just",
}  # fmt: skip


def _stem(word: str) -> str:
    """``expects`` and ``expect``, ``restored`` and ``restore`` alike: enough to see a point said twice."""
    for ending in ("ing", "ed", "es", "s"):
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            return word[: -len(ending)]
    return word


_CLOCK_TIME = re.compile(
    r"\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)(?:-[a-z]+)*"
    r"(?=\s+(?:in the|this|at night|tonight|[ap]\.m\.|o'clock))|\b(?:noon|midnight)\b"
    r"|\b\d{1,2}:\d\d\b(?:\s*[ap]\.m\.)?|\b\d{1,2}\s*[ap]\.m\."
)
"""A clock time, said (``one-fifty in the afternoon``) or written (``1:50 p.m.``)."""

CLOCK_WORD = " clocktime "
"""What a clock time counts as: one word, the same for every time. Staff write ``since about 1:50 p.m.``
where the copy says ``shortly after one-forty-five``; that there is a time is what the two share."""

_DATE = re.compile(
    r"\b(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.? \d{1,2}(?:st|nd|rd|th)?\b"
)
"""A date (``November 5th``): when, not what, like a clock time; the copy says its own days."""

_TIME_WORDS = {"since", "morning", "afternoon", "evening", "tonight", "today", "night", "tomorrow", "yesterday",
               "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}  # fmt: skip
"""When, not what: the part of the day or the day that goes with a clock time."""


_SAME = {"estimate": "expect", "estimat": "expect"}
"""Words that say the same point as another: ``their new estimate is noon`` is what the copy's estimate says."""


def _content_words(text: str) -> set[str]:
    words = re.findall(r"[a-z]+(?:['’][a-z]+)?|\d+", _CLOCK_TIME.sub(CLOCK_WORD, _DATE.sub(" ", text)).lower())
    stems = (_stem(w) for w in words if (len(w) > 2 or w.isdigit()) and w not in _FUNCTION_WORDS | _TIME_WORDS)
    return {_SAME.get(w, w) for w in stems}


_CLAUSE = re.compile(r"(; |, so |, and |, but )")


def new_clauses(sentence: str, said: Iterable[str]) -> str:
    """The sentence without its clauses that only say again what the copy says; empty if that is all of it.

    ``The damage is smaller than feared, so it expects service back by two.`` ->
    ``The damage is smaller than feared.`` when the copy already gives the estimate.
    """
    return clauses_not_said(sentence, said, _CLAUSE, restates)


def clauses_not_said(
    sentence: str, said: Iterable[str], clause: re.Pattern[str], restates: Callable[[str, list[str]], bool]
) -> str:
    """``new_clauses`` in any language: ``clause`` splits a sentence at its joints (kept, in a group) and
    ``restates`` tells a clause the copy has said already."""
    said = list(said)
    end = sentence[-1] if sentence[-1:] in ".!?" else "."
    parts = clause.split(sentence.rstrip(".!?"))
    clauses, joints = parts[::2], ["", *parts[1::2]]
    kept = [(joint, clause) for joint, clause in zip(joints, clauses, strict=True) if not restates(clause, said)]
    if not kept:
        return ""
    text = kept[0][1] + "".join(joint + clause for joint, clause in kept[1:])
    return _capitalise(text) + end


def restates(sentence: str, said: Iterable[str], share: float = 0.6) -> bool:
    """True when one thing the copy says already says most of ``sentence``'s words: saying it again would be padding.

    ``Internet and home phone are fully restored.`` restates ``Northwind says
    internet and home phone service is back in Castle Downs.``; ``A splicing
    crew is on site.`` does not; nor does ``Utility power is back and the hub
    has been switched over to it.`` after ``Utility power to the hub failed.``
    and that lead, though each of its words but two is in one or the other; nor ``Two of the three blocklists
    have removed our address`` after ``three spam blocklists listed the server's address``: a count the copy
    does not give is news.
    """
    counts = _counts(sentence)
    return words_said(sentence, [s for s in said if counts <= _counts(s)], share, _content_words)


_COUNT = re.compile(r"\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\b", re.I)


def _counts(text: str) -> set[str]:
    """The small counts a text gives in words (``Two of the three blocklists``), clock times and dates aside."""
    return {w.lower() for w in _COUNT.findall(_CLOCK_TIME.sub(" ", _DATE.sub(" ", text)))}


def words_said(sentence: str, said: Iterable[str], share: float, content_words: Callable[[str], set[str]]) -> bool:
    """``restates`` in any language: ``content_words`` are a text's words that carry its meaning, stemmed.

    Each thing said is weighed on its own: words gathered from several sentences ("power" from the cause,
    "back" from the lead) make news that happens to reuse them, not a repeat.
    """
    words = content_words(sentence)
    if not words:
        return True
    return any(len(words & content_words(s)) >= share * len(words) for s in said)


# --- staff speaking to the reader ("If you are still offline, unplug your modem") ---------------------

_DOING_WORDS = (
    "unplug|plug|restart|reboot|reset|call|phone|send|resend|keep|leave|switch|use|check|try|wait|turn|contact|"
    "visit|set|avoid|refresh|sign|log|make|let|reconnect|connect|dial|change|update|clear|enter|reply|follow|remove"
)
_AN_ORDER_FIRST = re.compile(
    r"\s+(?:your|the|a|an|it|them|us|back|using|for|again|up|off|on|in|out|to|this|that|these|those|any|all|our|at)\b"
    r"|$|[.,]",
    re.IGNORECASE,
)
"""What follows an order opening a sentence (``Unplug the modem``, ``Keep using webmail``), not a noun (``Wait
times are back``, ``Use of the line``)."""
_TO_THE_READER = re.compile(
    rf"\b(?:you|your|yours|yourself|yourselves|please)\b|^(?:(?:If|When|To|Until|Once) [^,]+|For now), (?:do not |don't )?"
    rf"(?:{_DOING_WORDS})\b(?!\s+(?:of|is|was|are|were|has|had|will)\b)"
    rf"|^(?:do not |don't )?(?:{_DOING_WORDS})(?:{_AN_ORDER_FIRST.pattern})",
    re.IGNORECASE,
)
"""Staff speaking to the reader: "you", "please", or an order opening the sentence or its main clause."""
_AN_ORDER_AFTER_SO = re.compile(
    rf", so (?:do not |don't )?(?:{_DOING_WORDS})(?:{_AN_ORDER_FIRST.pattern})", re.IGNORECASE
)
"""An order after ", so" ("… still refuse it, so keep using webmail …"): else read on air as "As a result, keep
using …" (``on_air._in_two``), an order to no one."""
_ORDER = re.compile(
    rf"(?:please\s+)?(?:(?P<not>do not|don't)\s+)?(?P<verb>(?:{_DOING_WORDS})\b)(?!\s+(?:of|is|was|are|were|has|had|will)\b)",
    re.IGNORECASE,
)
"""An order to the reader: ``please keep using``, ``don't restart``, ``unplug``."""
_CLAUSE_STARTS = re.compile(r"^(?:If|When|To|Until|Once) [^,]+, |^For now, |, (?:so|and|then) ", re.IGNORECASE)
"""Where an order to the reader may start, besides the sentence's start: after ``If …,``, ``, so``, ``, and``."""
_OBJECT_AFTER = re.compile(r"\b(?:to|for|with|leave|give|send|tell|ask|let|help|call|remind|email|text)\s+$", re.I)
_IF_YOU_ARE = re.compile(r"If you are (?P<state>[^,]{1,60}), ", re.IGNORECASE)
_AND_DONT = re.compile(r", and (?:do not|don't) ", re.IGNORECASE)


_YOU_BEFORE_A_THING = re.compile(
    r"\b(leave|leaves|left)\s+you\s+((?:a\s+|an\s+)?(?:messages?|emails?|mail|notices?|calls?))\b"
)
"""``leave you messages``: "you" as the one a thing is left for, said after it ("leave messages for customers")."""


_THING_YOU_DID = re.compile(
    r"\b((?:an?|the|any|every)\s+(?:[\w-]+\s+)?(?:email|message|call|letter|payment|order))\s+you\s+"
    r"(sent|wrote|received|made|placed|left)\b",
    re.IGNORECASE,
)


def to_customers(sentence: str) -> str:
    """Staff's words to the reader said of the company's customers, as a newsreader reports them; ``""`` when
    the sentence speaks to the reader in a way this cannot turn (left out of radio: the notice keeps it).

    ``If you are still offline, unplug your modem.`` -> ``Customers still offline should unplug their
    modem.``; ``If your line is slow, call us.`` -> ``If the line is slow, customers should call us.``; ``Please leave it a few days, and don't restart the modem.`` -> ``Customers should leave
    it a few days, and not restart the modem.``; ``Restarting your modem will not help.`` -> ``Restarting the
    modem will not help.`` A listener is not the company's customer, and "please" is not a newsreader's word.
    """
    if not _TO_THE_READER.search(sentence) and not _AN_ORDER_AFTER_SO.search(sentence):
        return sentence
    if len(clauses := re.split(r"\s*;\s+", sentence)) > 1:
        # "… are restored; if you are still offline, restart …": each clause is a sentence on air
        # (on_air.one_breath), so each is turned on its own, never "If customers are still offline, restart …"
        turned = [(to_customers(c), c[:1].islower()) for c in clauses]
        return "; ".join(t[:1].lower() + t[1:] if low else t for t, low in turned if t)
    text = _AND_DONT.sub(", and not ", sentence)
    if (state := _IF_YOU_ARE.match(text)) and (order := _ORDER.match(text, state.end())):
        # "If you are still offline, unplug …" -> "Customers still offline should unplug …": fewer words
        should = "should not" if order["not"] else "should"
        text = f"customers {state['state']} {should} {order['verb'].lower()}{text[order.end() :]}"
    for start in (0, *(m.end() for m in _CLAUSE_STARTS.finditer(text))):  # an order: "customers should …"
        found = _ORDER.match(text, start)
        if found is None or (not start and not _AN_ORDER_FIRST.match(text, found.end())):
            continue
        head = text[: found.start()]
        should = "should not" if found["not"] else "should"
        who = "they" if re.search(r"\b(?:you|customers)\b", head, re.IGNORECASE) else "customers"
        text = f"{head}{who} {should} {found['verb'].lower()}{text[found.end() :]}"
        break
    # "leave you messages" -> "leave messages for you": "leave customers messages" reads as a slip on air.
    text = _YOU_BEFORE_A_THING.sub(r"\1 \2 for you", text)
    # "an email you sent" -> "an email that you sent": never "an email customers sent", a stumble aloud.
    text = _THING_YOU_DID.sub(r"\1 that you \2", text)
    said, customers = [], False
    for part in re.split(r"(\b(?:[Yy]ou|[Yy]our|[Cc]ustomers)\b)", text):
        low = part.lower()
        if low == "customers":
            customers = True
        elif low == "you":
            part = ("them" if _OBJECT_AFTER.search("".join(said)) else "they") if customers else "customers"
            customers = True
        elif low == "your":
            part = "their" if customers else "the"
        said.append(part)
    text = "".join(said)
    if _TO_THE_READER.search(text):
        return ""
    return _capitalise(text) if text[:1].islower() else text
