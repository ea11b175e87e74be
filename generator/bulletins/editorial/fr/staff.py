"""Les phrases du personnel en ondes: staff's own French sentences on air, said right or left out.

As in English (``editorial.staff``): what points at the page ("ici",
"ci-dessous", "cliquez") or apologises ("désolés", "merci de votre
patience") goes; times, dates, addresses, abbreviations, 911 and figures are
said; a sentence still holding a link, a phone number, a symbol or a long
figure is left out whole. A sentence in the first person is said attributed:
"L'entreprise indique que son câble a été sectionné", "Elle précise que …";
one that cannot be put in the third person for certain is left out.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..staff import CLOCK_WORD, WEB_HOST, clauses_not_said, without_clauses, words_said
from ..wording import spoken_911, spoken_abbreviations
from .clock import spoken_clock_times, spoken_dates
from .numbers import spoken_figures
from .places import spoken_address
from .wording import company_voice, que, rewrite_parentheticals

_PAGE = re.compile(
    r"\b(?:ici|ci-dessous|ci-dessus|cette page|ce site|cliquez|cliquer|lien|touchez)\b"
    r"|\bsur (?:notre|la|cette) (?:page|site)\b",
    re.IGNORECASE,
)
_APOLOGY = re.compile(
    r"\b(?:désolée?s?|excus\w*|inconvénients?|patience|compréhension|merci|remerci\w*)\b", re.IGNORECASE
)
_UNREADABLE = re.compile(
    r"https?://|www\.|\S@\S|\b[\w-]+\.(?:com|ca|net|org|example|info|quebec)\b"  # links and e-mail addresses
    r"|\d{3}[-. ]\d{3}[-. ]?\d{4}|\b\d{3}-\d{4}\b"  # phone numbers
    r"|\d:\d|\d\s?h\s?\d|\b\d{1,2}\s?h\b|\d{4,}|\d[.,]\d|\d+\.\d+\.\d+"  # clock figures, long figures, decimals
    r"|[*#_`<>\[\]{}|\\~^$%&/@=+]"  # symbols a reader would have to decode
)


def refers_to_the_page(text: str) -> bool:
    """True for words that only make sense on the status page: "ici", "ci-dessous", "cliquez"."""
    return bool(_PAGE.search(text))


def apologises(text: str) -> bool:
    """True for an apology or thanks: kind on a status page, filler on air."""
    return bool(_APOLOGY.search(text))


def readable_on_air(sentence: str) -> bool:
    """False for a sentence a reader would stumble on: links, phone numbers, symbols, clock figures, long numbers."""
    return not _UNREADABLE.search(sentence.replace("\u202f", " ").replace("\u00a0", " "))


_PHONE_NUMBER = re.compile(
    r",?\s+(?:au|à)\s+(?:1[-. ])?\(?\d{3}\)?[-. ]\d{3}[-. ]\d{4}\b|\s*\(\d{3}[-. ]\d{3}[-. ]\d{4}\)"
    r"|,?\s+(?:sur le|par le|au)\s+port\s+\d+\b"  # « le serveur de relais sur le port 587 » : pour l'avis, pas en ondes
)


_ADDRESS_ALTERNATIVE = re.compile(rf",\s+ou\s+[^.;]*?(?:{WEB_HOST}|\bport\s+\d+\b)[^.;]*")
"""``…, ou la laisser sur le port 587, qui continuera de fonctionner`` : une solution de rechange qui n'est qu'une
adresse ou un port ne dit rien à l'auditeur sans eux."""
_AT_AN_ADDRESS = re.compile(rf"\s+(?:à l'adresse|au|à)\s+{WEB_HOST}(?!@)")


def standing_alone(sentence: str) -> str:
    """As ``staff.standing_alone`` in English; French radio leaves orders out, so the sentence is as it is."""
    return sentence


def without_phone_numbers(sentence: str) -> str:
    """``communiquez avec nous au 780-555-0100`` -> ``communiquez avec nous``; une solution de rechange qui n'est
    qu'une adresse ou un port part aussi, comme en anglais (``staff.without_phone_numbers``)."""
    sentence = _AT_AN_ADDRESS.sub("", _ADDRESS_ALTERNATIVE.sub("", sentence))
    return _PHONE_NUMBER.sub("", sentence)


_ADVICE = re.compile(
    r"^(?:si|veuillez|débranchez|redémarrez|rebranchez|utilisez|appelez|composez|gardez|laissez|attendez|essayez|"
    r"évitez|vérifiez|n'appelez|ne|inutile)\b"
    r"|\b(?:vous|votre|vos)\b|\binutile d'appeler\b|\bne (?:sert|servira) à rien\b|\bn'aidera pas\b",
    re.IGNORECASE,
)


def tells_people_what_to_do(sentence: str) -> bool:
    """True for advice to customers (``Débranchez votre modem``, ``Inutile d'appeler``), not news of the work."""
    return bool(_ADVICE.search(sentence))


def without_page_talk(sentence: str) -> str:
    """The sentence without its clauses that point at the page or apologise; empty if nothing is left.

    ``Inutile de nous appeler; les mises à jour seront publiées ici.`` -> ``Inutile de nous appeler.``
    """
    return without_clauses(sentence, _PAGE_TALK_JOINTS, lambda c: refers_to_the_page(c) or apologises(c), ".!? \u202f")


_PAGE_TALK_JOINTS = re.compile(r"\s*;\s+|\s+-{1,2}\s+|\s+—\s+")
"""French sets a space before ";" (a narrow no-break one, stripped at the end too)."""


def said_aloud(sentence: str, spoken: Iterable[tuple[str, str]] = ()) -> str:
    """A staff sentence in the words a reader says: asides, times, dates, addresses, abbreviations, 911, figures.

    ``L'équipe est sur la 137e av. (près du SLR) depuis 8 h 05.`` ->
    ``L'équipe est sur la 137e avenue, près du S-L-R, depuis huit heures cinq.``
    """
    text = rewrite_parentheticals(spoken_address(without_phone_numbers(sentence)))
    text = re.sub(r"(?:\b[Ll]e |\b[Ll]')?(?<![\w*])\*(\d{2,4})\b", r"étoile \1", text)  # « composer le *98 »
    text = spoken_clock_times(text)
    text = spoken_dates(text)
    text = spoken_abbreviations(text, list(spoken))
    text = spoken_911(text)
    return spoken_figures(text)


_FIRST_PERSON = re.compile(r"\b(?:[Nn]ous|[Nn]otre|[Nn]os|[Nn]ôtres?)\b")


def in_first_person(sentence: str) -> bool:
    """True when staff speak as "nous" in the sentence."""
    return bool(_FIRST_PERSON.search(sentence))


_TO_US = [
    (r"\b(appelez|contactez|joignez|rappelez)-nous\b", r"\1 l'entreprise"),
    (r"\b(écrivez|téléphonez)-nous\b", r"\1 à l'entreprise"),
    (r"\bde nous (appeler|contacter|joindre|rappeler)\b", r"d'\1 l'entreprise"),
    (r"\bnous (appeler|contacter|joindre|rappeler)\b", r"\1 l'entreprise"),
    (r"\bavec nous\b", "avec l'entreprise"),
]


def to_the_company(sentence: str) -> str:
    """Advice to customers with the company as "nous" said as "l'entreprise": ``Si le problème persiste,
    appelez-nous.`` -> ``Si le problème persiste, appelez l'entreprise.``; ``Il est inutile de nous appeler.``
    -> ``Il est inutile d'appeler l'entreprise.`` Empty when any other "nous" is left (it is not guessed)."""
    for pattern, said in _TO_US:
        sentence = re.sub(pattern, said, sentence, flags=re.IGNORECASE)
    return "" if in_first_person(sentence) else sentence


_LOWER_FIRST = {
    "un", "une", "le", "la", "les", "l", "ce", "cet", "cette", "ces", "son", "sa", "ses", "des", "du", "de", "d",
    "tout", "tous", "toute", "toutes", "chaque", "aucun", "aucune", "plusieurs", "certains", "certaines",
    "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix", "il", "elle", "ils", "elles", "on",
    "nous", "notre", "nos", "environ", "près", "plus", "moins", "après", "avant", "pendant",
    "depuis", "lorsque", "quand", "dès", "selon", "en", "à", "au", "aux", "si", "comme", "grâce", "malgré",
    "presque", "seul", "seule", "équipes", "techniciens", "service", "services", "clients",
}  # fmt: skip


def _common_word(first: str) -> bool:
    """Whether a sentence's first word is a common word (lower case after "que"), not a name."""
    word = re.split(r"['’]", first.strip(",;:"))[0]
    if re.fullmatch(r"[A-Z]{2,}s?", word) or any(c.isupper() for c in word[1:]):
        return False
    return word.lower() in _LOWER_FIRST


def attributed(sentence: str, who: str = "L'entreprise", verb: str = "indique") -> str:
    """``Notre câble a été coupé.`` -> ``L'entreprise indique que son câble a été coupé.``; empty when the sentence
    cannot be said in the third person for certain (see ``wording.company_voice``).

    ``who`` and ``verb`` say who says it: ``Elle``, ``précise``. A name opening the sentence keeps its capital.
    """
    voiced = company_voice(sentence.strip())
    if voiced is None or not voiced:
        return ""
    first = voiced.split(" ", 1)[0]
    body = voiced[:1].lower() + voiced[1:] if _common_word(first) else voiced
    return f"{who} {verb} {que(body)}"


_DANGLING = re.compile(
    r"^(?:Ils|Elles|Leurs?|Ce|Cette|Ces|Cela|Ça|Ceci|Celle|Celui|Ceux|Celles|Son|Sa|Ses|Elle|"
    r"Il(?! (?:faut|y a|suffit|se peut|reste|semble|est (?:inutile|possible|important|nécessaire|recommandé|"
    r"préférable|conseillé|probable|trop tôt)|n'est (?:pas|plus))))\b"
)


_CONSEQUENCE = re.compile(r"\b(?:donc|par conséquent)\b", re.IGNORECASE)


def leans_on_the_sentence_before(sentence: str) -> bool:
    """True for a sentence that opens with a pronoun (``Ils sont sur place``): alone, nobody knows who; or that
    follows from the one before (``Les batteries se sont donc épuisées``): alone, nobody knows why.

    An impersonal "il" (``Il est inutile d'appeler``, ``Il faut …``) leans on nothing.
    """
    return bool(_DANGLING.match(sentence) or _CONSEQUENCE.search(sentence))


_FUNCTION_WORDS = {
    "les", "des", "une", "que", "qui", "dans", "pour", "avec", "sur", "par", "est", "sont", "été", "être", "ont",
    "son", "ses", "sa", "leur", "leurs", "cette", "ces", "mais", "donc", "plus", "tout", "tous", "toute", "toutes",
    "encore", "déjà", "maintenant", "aussi", "entreprise", "indique", "précise", "ajoute", "selon", "elle", "elles",
    "ils", "nous", "notre", "nos", "vous", "votre", "vos", "depuis", "vers", "après", "avant", "pendant", "lorsque",
    "quand", "fait", "peu", "très", "bien", "pas", "aux", "était", "sera", "avons", "sommes",
}  # fmt: skip


def _stem(word: str) -> str:
    """``prévoit`` and ``prévoyons``, ``rétabli`` and ``rétablis`` alike enough: the first five letters of a long word."""
    return word[:5] if len(word) > 5 else word.rstrip("s")


_HOUR = r"(?:une|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|treize|quatorze|quinze|seize|dix-sept|dix-huit|dix-neuf|vingt(?:-deux|-trois| et une)?)"
_MINUTES = r"(?:\s+(?:et quart|et demie|(?:cinq|dix|quinze|vingt|vingt-cinq|trente|trente-cinq|quarante|quarante-cinq|cinquante|cinquante-cinq)\b))?"
_CLOCK_TIME = re.compile(rf"\b(?:{_HOUR}\s+heures?|midi|minuit){_MINUTES}|\b\d{{1,2}}\s+h(?:\s+\d\d)?\b")
"""A clock time, said (``treize heures cinquante``) or written (``13 h 50``)."""

_TIME_WORDS = {"matin", "soir", "midi", "aujourd'hui", "environ"}
"""When, not what: the part of the day that goes with a clock time."""


def _content_words(text: str) -> set[str]:
    words = re.findall(r"[a-zàâçéèêëîïôûùœ]+", _CLOCK_TIME.sub(CLOCK_WORD, text.lower()))
    return {_stem(w) for w in words if len(w) > 2 and w not in _FUNCTION_WORDS and w not in _TIME_WORDS}


_CLAUSE = re.compile(r"(; |, donc |, et |, mais |, alors )")


def new_clauses(sentence: str, said: Iterable[str]) -> str:
    """The sentence without its clauses that only say again what the copy says; empty if that is all of it."""
    return clauses_not_said(sentence, said, _CLAUSE, restates)


def restates(sentence: str, said: Iterable[str], share: float = 0.6) -> bool:
    """True when most of ``sentence``'s words are already in what the copy says: saying it again would be padding.

    A count the copy does not give is news (« Deux des trois listes de blocage ont retiré notre adresse » after
    « Trois listes de blocage … ont inscrit l'adresse du serveur »), as in English (``staff.restates``)."""
    counts = _counts(sentence)
    return words_said(sentence, [s for s in said if counts <= _counts(s)], share, _content_words)


_COUNT = re.compile(r"\b(?:deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze)\b", re.IGNORECASE)


def _counts(text: str) -> set[str]:
    """The small counts a text gives in words, clock times aside (« huit heures deux » is when, not how many)."""
    return {w.lower() for w in _COUNT.findall(_CLOCK_TIME.sub(" ", text))}


# --- staff speaking to the reader (« Si vous êtes toujours hors ligne, débranchez votre modem ») ----------

_TO_THE_READER = re.compile(
    r"\b(?:vous|votre|vos|vôtres?|veuillez)\b|-vous\b|(?:^|,\s+|\bpuis\s+)(?!(?:ne|n'|assez|chez)\b)[a-zéèêàâîôû]+ez\b",
    re.IGNORECASE,
)
"""``vous``, ``votre``, ``veuillez`` or an order (``débranchez``, ``actualisez-la``) at the start of a clause."""


def to_customers(sentence: str) -> str:
    """A sentence of staff's that speaks to the reader (« Si vous êtes toujours hors ligne, débranchez votre
    modem », « Laissez à votre ligne quelques jours ») is left out of a French script, ``""``: a listener is not
    the company's customer, and putting the order in the third person takes the verb's infinitive, which French
    does not give for certain (« débranchez » -> « débrancher », but « faites » -> « faire »). The communiqué
    and the notice keep it. Any other sentence as it is. (English says it of customers: ``staff.to_customers``.)

    Only « votre modem » in a sentence that gives no order is said of the modem, as English does (« Redémarrer
    votre modem ne réglera pas le problème. » -> « Redémarrer le modem … », ``Restarting the modem will not
    help.``): the noun's gender is known there, and the sentence is news a listener can use."""
    sentence = _YOUR_MODEM.sub(lambda m: "Le modem" if m[0][0].isupper() else "le modem", sentence)
    if len(clauses := re.split(r"\s*;\s+", sentence)) > 1:
        # « Ces listes ne s'engagent sur aucun délai; continuez donc … » : the news stays, the order goes.
        kept = [c for c in clauses if not _TO_THE_READER.search(c)]
        if not kept:
            return ""
        text = "; ".join(kept).rstrip(".")
        return text[:1].upper() + text[1:] + "."
    return "" if _TO_THE_READER.search(sentence) else sentence


_YOUR_MODEM = re.compile(r"\b[Vv]otre modem\b")
