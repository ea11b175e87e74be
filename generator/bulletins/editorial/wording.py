"""Words staff write, as a newsroom's copy says them.

Abbreviations read as configured (``ISP`` -> ``I-S-P``, ``NOC`` -> whatever
status.yml says); "we" becomes "it" with the verb agreeing ("we serve" -> "it
serves", "we are" -> "it is"); a parenthetical is rewritten into its sentence,
never dropped with its content, and one that mentions 911 brings the safety
advice with it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

# --- abbreviations ---------------------------------------------------------------


def initialism(word: str) -> str:
    """``NOC`` -> ``N-O-C``: each letter said."""
    return "-".join(word)


_CAPITALS = re.compile(r"(?<![\w'’-])([A-Z]{2,5})(s?)(?![\w'’-])")


def spoken_abbreviations(
    text: str, spoken: Mapping[str, str] | Iterable[tuple[str, str]], spell_unknown: bool = True
) -> str:
    """Abbreviations as status.yml says to read them; other capitals spelled out (``DNS`` -> ``D-N-S``).

    ``spoken`` maps the written form to the said one (``{"NOC": "network
    operations centre"}``); a plural follows (``ISPs`` -> ``I-S-Ps``). A word
    said as a word (``NATO``) is configured as itself. With ``spell_unknown``
    off, unconfigured capitals are left alone.
    """
    said = dict(spoken)
    for written in sorted(said, key=len, reverse=True):
        pattern = rf"(?<![\w'’-]){re.escape(written)}(s?)(?![\w'’-])"
        text = re.sub(pattern, lambda m, w=written: said[w] + m[1], text)
    if not spell_unknown:
        return text
    return _CAPITALS.sub(lambda m: m[0] if m[1] in said.values() else initialism(m[1]) + m[2], text)


def spoken_911(text: str) -> str:
    """``911`` -> ``9-1-1``, as it is said on air (not inside a longer number)."""
    return re.sub(r"(?<![\d-])911(?![\d-])", "9-1-1", text)


_EMERGENCY = re.compile(r"\b(?:9-?1-?1|nine-one-one|emergency (?:calls?|calling|services))\b", re.IGNORECASE)


def mentions_emergency_calling(text: str) -> bool:
    """True when the text speaks of 911 or emergency calls."""
    return bool(_EMERGENCY.search(text))


# --- the company is "it", and its verbs agree -------------------------------------

_MODALS = {"can", "could", "will", "would", "shall", "should", "may", "might", "must", "ought", "cannot"}
_PAST = {
    "was",
    "had",
    "did",
    "went",
    "found",
    "made",
    "took",
    "gave",
    "got",
    "came",
    "saw",
    "knew",
    "thought",
    "told",
    "said",
    "sent",
    "spent",
    "built",
    "brought",
    "bought",
    "caught",
    "kept",
    "left",
    "lost",
    "met",
    "paid",
    "ran",
    "sold",
    "stood",
    "wrote",
    "began",
    "became",
    "heard",
    "held",
    "led",
    "felt",
    "chose",
    "broke",
    "spoke",
    "rebuilt",
    "rerouted",
}
_SAME_IN_PAST = {"cut", "put", "set", "reset", "hit", "let", "shut", "split", "spread", "quit", "hurt", "read"}
"""Verbs whose past is their base form: after "we" in an outage report they are read as past ("we cut" stays)."""
_ENDS_IN_ED = {"need", "proceed", "succeed", "exceed", "feed", "speed", "heed", "shed", "embed", "seed", "bleed"}
_IRREGULAR = {"are": "is", "were": "was", "have": "has", "do": "does", "go": "goes", "be": "is"}
_NEGATIVES = {"don't": "doesn't", "aren't": "isn't", "weren't": "wasn't", "haven't": "hasn't"}
_CONTRACTIONS = {"re": "is", "ve": "has", "ll": "will", "d": "would"}
_ADVERBS = (
    "still|also|now|already|just|currently|only|never|always|again|then|soon|usually|often|really|quickly|"
    "fully|partly|partially|temporarily|immediately|continually|actively|carefully|first|finally"
)
_NOT_VERBS = {"at", "in", "on", "as", "and", "or", "but", "too", "here", "there", "who", "that", "to", "for", "with"}
"""Words that may follow "we" without being its verb ("we at Northwind"): left as they are."""
_WE = re.compile(
    rf"\b(?P<we>[Ww]e)\b(?:['’](?P<contraction>re|ve|ll|d)\b)?(?P<adverbs>(?:\s+(?:{_ADVERBS})\b)*)"
    r"(?:\s+(?P<verb>[a-z]+?(?:n['’]t)?)\b)?"
)


def third_person_verb(verb: str) -> str:
    """The verb for "it": ``serve`` -> ``serves``, ``are`` -> ``is``, ``fix`` -> ``fixes``, ``try`` -> ``tries``.

    Modals and past tenses stay (``can``, ``restored``, ``found``, ``cut``).
    """
    plain = verb.replace("’", "'")
    if plain in _NEGATIVES:
        return _NEGATIVES[plain].replace("'", "’") if "’" in verb else _NEGATIVES[plain]
    if verb in _IRREGULAR:
        return _IRREGULAR[verb]
    if plain.endswith("n't") or verb in _NOT_VERBS or verb in _MODALS or verb in _PAST or verb in _SAME_IN_PAST:
        return verb
    if verb.endswith("ed") and verb not in _ENDS_IN_ED:
        return verb
    if re.search(r"(?:s|sh|ch|x|z|o)$", verb):
        return verb + "es"
    if re.search(r"[^aeiou]y$", verb):
        return verb[:-1] + "ies"
    return verb + "s"


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def company_voice(text: str, subject: str = "it", possessive: str = "its", object_: str = "the company") -> str:
    """Staff's "we" as a third party says it: ``We serve 40 towns`` -> ``It serves 40 towns``.

    "we" becomes ``subject`` with its verb agreeing (also past adverbs: "we
    still serve" -> "it still serves"; contractions: "we're" -> "it is"; a
    second verb it shares: "we know and are working on it" -> "it knows and is
    working on it"); "our" becomes ``possessive``, "ours" "the company's", "us"
    ``object_``, "ourselves" "itself". A capital stays a capital at the start
    of a sentence. A phrase between "we" and its verb other than an adverb ("we
    at Northwind apologize") leaves the verb as written: reword such a sentence by hand.
    """

    def voiced(match: re.Match[str]) -> str:
        who = _SUBJECT_MARK + (_capitalise(subject) if match["we"] == "We" else subject)
        if match["contraction"]:
            return f"{who} {_CONTRACTIONS[match['contraction']]}{match['adverbs']}" + (
                f" {match['verb']}" if match["verb"] else ""
            )
        verb = f" {third_person_verb(match['verb'])}" if match["verb"] else ""
        return f"{who}{match['adverbs']}{verb}"

    said = {"ours": "the company's", "our": possessive, "ourselves": "itself", "us": object_}

    def pronoun(match: re.Match[str]) -> str:
        word = said[match[0].lower()]
        return _capitalise(word) if match[0][0].isupper() else word

    def shared(match: re.Match[str]) -> str:
        return f"{match[1]}and {_IRREGULAR.get(match[2]) or third_person_verb(match[2])}"

    text = _WE.sub(voiced, text)
    text = _SHARED_VERB.sub(shared, text).replace(_SUBJECT_MARK, "")
    # Lower case or capitalised only: "US" in capitals is a country, not "us".
    return re.sub(r"\b(?:[Oo]urs|[Oo]ur|[Oo]urselves|[Uu]s)\b", pronoun, text)


_SUBJECT_MARK = "\ue002"
_SHARED_VERB = re.compile(
    rf"({_SUBJECT_MARK}[^.;:!?,{_SUBJECT_MARK}]{{1,60}}?\s)and "
    r"(are|have|were|do|expect|hope|plan|need|want|aim|intend|apologize|apologise|thank|ask|will)\b(?!-)"
)
"""A second verb after "and" that shares the converted subject: "it knows about it and are" -> "and is"; "it is
clearing old files now and expect" -> "and expects"."""


# --- parentheticals ----------------------------------------------------------------

_PARENTHESIS = re.compile(r"\s*\(([^()]*)\)")


def _is_gloss(content: str, before: str) -> bool:
    """``network operations centre (NOC)``: the parenthesis only repeats the words before it."""
    letters = content.strip()
    if not re.fullmatch(r"[A-Z]{2,6}", letters):
        return False
    words = re.findall(r"[A-Za-z]+", before)[-len(letters) :]
    return "".join(w[0] for w in words).upper() == letters


def rewrite_parentheticals(text: str, safety_advice: str = "") -> str:
    """Each ``(aside)`` said as part of its sentence, its words kept.

    ``Home phone (including 911) is down.`` -> ``Home phone, including 911, is
    down.``; an aside at the end of a sentence follows a comma; a whole
    sentence in brackets stands on its own; a bracketed abbreviation that only
    repeats the words before it goes. When an aside mentions 911 and
    ``safety_advice`` is given, the advice follows that sentence (once).
    """
    safety = False
    while match := _PARENTHESIS.search(text):
        content = " ".join(match[1].split()).strip(" ,;")
        before, after = text[: match.start()], text[match.end() :]
        safety = safety or mentions_emergency_calling(content)
        if not content or _is_gloss(content, before):
            text = before + after
        elif not before.strip() or before.rstrip().endswith((".", "!", "?")):
            sentence = _capitalise(content) + ("" if content.endswith((".", "!", "?")) else ".")
            text = before + (" " if before.strip() else "") + sentence + after
        elif not after.strip() or after.lstrip()[:1] in ".!?;:,":
            text = f"{before.rstrip(',')}, {content}{after}"
        else:
            text = f"{before.rstrip(',')}, {content},{after}"
    text = re.sub(r",\s*,", ",", text)
    text = re.sub(r",\s*([.!?;:])", r"\1", text)
    text = re.sub(r"(?<!\.)\.\.(?!\.)", ".", text)  # "since 8 a.m." before the sentence's own full stop
    if safety and safety_advice and safety_advice not in text:
        text = _after_sentence_mentioning_911(text, safety_advice)
    return text


_SAFETY_ASIDE = re.compile(r"9-?1-?1|emergenc|urgenc", re.IGNORECASE)


def without_asides(text: str) -> str:
    """A sentence said briefly: its ``(asides)`` left out, except one about 911 (English or French).

    ``a faulty transfer switch (the device that moves the hub between utility and generator power) cut
    the power`` -> ``a faulty transfer switch cut the power``.
    """
    brief = _PARENTHESIS.sub(lambda m: m[0] if _SAFETY_ASIDE.search(m[1]) else "", text)
    return re.sub(r"\s+([.,;:!?])", r"\1", brief).strip()


def _after_sentence_mentioning_911(text: str, advice: str) -> str:
    sentences = re.split(r"(?<=[.!?])\s+", text.strip())
    for index, sentence in enumerate(sentences):
        if mentions_emergency_calling(sentence):
            sentences.insert(index + 1, advice)
            break
    return " ".join(sentences)


# --- lists, names and sentences ---------------------------------------------------------


def list_words(words: list[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``: no serial comma (CP style)."""
    if len(words) <= 2:
        return " and ".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


def name_in_sentence(name: str) -> str:
    """``Home phone`` -> ``home phone`` inside a sentence; ``IPTV`` and ``VoIP`` keep their capitals.

    A first word with only its first letter in capitals is a common word and
    goes lower case; a word with other capitals (``IPTV``, ``VoIP``) keeps them.
    """
    first = name.split(" ", 1)[0]
    return name[:1].lower() + name[1:] if first[1:].islower() or len(first) == 1 else name


_ABBREVIATED_WORDS = {
    "St", "Ste", "Ave", "Rd", "Dr", "Mr", "Mrs", "Ms", "Mt", "No", "Jr", "Sr", "Inc", "Ltd", "Co", "Alta", "Sask",
    "Ont", "Que", "Jan", "Feb", "Aug", "Sept", "Sep", "Oct", "Nov", "Dec", "approx", "e.g", "i.e",
}  # fmt: skip


_DAY_AFTER = re.compile(
    r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|"
    r"August|September|October|November|December|Jan\.|Feb\.|Aug\.|Sept\.|Oct\.|Nov\.|Dec\.)\b"
)


def split_sentences(text: str) -> list[str]:
    """Plain text as sentences: a full stop, ? or ! then a space and a capital or figure, except after St. and the like."""
    text = " ".join(text.split())
    found, start = [], 0
    for match in re.finditer(r"[.!?]\)?\s+(?=[A-Z0-9\"'“‘(])", text):
        words = text[start : match.start()].split()
        if match.group().startswith(".") and words and words[-1] in _ABBREVIATED_WORDS:
            continue
        if words and words[-1] in ("a.m", "p.m") and _DAY_AFTER.match(text, match.end()):
            continue  # "at 2 p.m. Tuesday": the day belongs to the time
        found.append(text[start : match.start() + len(match.group().rstrip())].strip())
        start = match.end()
    found.append(text[start:].strip())
    return [f for f in found if f]


_STACKED = re.compile(
    r"^(?P<stack>(?:[\w'’-]+ ){1,5})(?P<head>upgrade|update|replacement|repair|installation|migration)"
    r"(?P<rest>(?: (?:for|in|at|on|across|of)\b.*)?)$",
    re.IGNORECASE,
)
_HEAD_JOINS = {"upgrade": "to", "update": "to"}


def unstacked(title: str) -> str:
    """A work title said as a reader says it, not as a heading: ``home phone switch software upgrade`` -> ``an
    upgrade to the home phone switch software``; ``business fibre equipment replacement in St. Albert`` -> ``a
    replacement of the business fibre equipment in St. Albert``. A noun stack is print; on air it is a tongue
    twister. Other titles as they are, with their article: ``a network upgrade`` stays (one word before)."""
    found = _STACKED.match(title)
    if found is None or len(found["stack"].split()) < 2:
        return ("an " if title[:1].lower() in "aeiou" else "a ") + title
    head = found["head"].lower()
    article = "an" if head[0] in "aeiou" else "a"
    return f"{article} {head} {_HEAD_JOINS.get(head, 'of')} the {found['stack'].strip()}{found['rest']}"
