"""Les mots du personnel comme un bulletin les dit: staff's French words in a newsroom's copy.

"nous" becomes "elle" (the company, said once by name) with its verb agreeing
("nous avons" -> "elle a", "nous travaillons" -> "elle travaille", "nous
prévoyons" -> "elle prévoit"); "notre" and "nos" become "son", "sa", "ses"
from the noun's gender. What cannot be put right for certain (a verb this
table does not know, "nous" as an object, a noun of unknown gender) is not
guessed: the function says so and the sentence is left out, as the English
rulebook leaves out what it cannot read. Lists take "et" without a serial
comma; a parenthetical is said as part of its sentence.
"""

from __future__ import annotations

import re

# --- lists, elision ---------------------------------------------------------------


def list_words(words: list[str]) -> str:
    """``a``, ``a et b``, ``a, b et c``: no comma before "et"."""
    if len(words) <= 2:
        return " et ".join(words)
    return ", ".join(words[:-1]) + " et " + words[-1]


_VOWEL = re.compile(r"^[aeiouyàâäéèêëîïôöûüœæh]", re.IGNORECASE)
_ASPIRATED = {"hub", "hublot", "hauteur", "haut", "haute", "hall", "hangar", "hameau", "hausse", "hasard", "houle"}
"""Words with an aspirated h: no elision before them ("le hub", "de hauteur")."""


def elides(word: str) -> bool:
    """True when ``de``, ``que``, ``le`` and ``la`` drop their vowel before ``word`` (a vowel or a mute h)."""
    first = re.sub(r"^[«\"'(]+", "", word).split(" ", 1)[0].lower()
    return bool(_VOWEL.match(first)) and first not in _ASPIRATED


def de(word: str) -> str:
    """``de`` before ``word``: ``d'Edmonton``, ``de Clareview``."""
    return f"d'{word}" if elides(word) else f"de {word}"


def que(word: str) -> str:
    """``que`` before ``word``: ``qu'un entrepreneur``, ``que le câble``."""
    return f"qu'{word}" if elides(word) else f"que {word}"


def elided(text: str) -> str:
    """``que elle`` -> ``qu'elle``, ``de Edmonton`` -> ``d'Edmonton``: the elisions French writes, made."""
    text = re.sub(
        r"\b([Qq]u|[Ll]orsqu|[Pp]uisqu|[Jj]usqu)e (?=(?:elle|il|ils|elles|on|un|une|en|environ)\b)", r"\1'", text
    )
    text = re.sub(r"\b([Dd])e (?=environ\b)", r"\1'", text)  # "de environ quatre mille" -> "d'environ …"
    return re.sub(r"\b([Dd])e (?=[AEIOUÉÈÊ][\w-]*)", r"\1'", text)


# --- the gender of a noun after "notre" ----------------------------------------------


def _listed(words: str) -> frozenset[str]:
    return frozenset(words.split())


FEMININE = _listed(
    """
    fibre ligne centrale carte panne estimation page connexion installation infrastructure antenne tour zone
    région clientèle priorité capacité liaison alimentation génératrice batterie salle entreprise société
    compagnie plateforme passerelle boucle route artère conduite canalisation structure station armoire baie
    prise borne mise équipe réparation intervention enquête analyse vérification mise-à-jour mise mesure
    adresse boîte messagerie téléphonie ville municipalité agence cause solution pièce entrée sortie voie
    principale nouvelle première dernière seule grande propre
    """
)
MASCULINE = _listed(
    """
    câble réseau centre service site serveur routeur commutateur lien nœud noeud poste bureau équipement
    matériel système logiciel fournisseur personnel technicien dossier travail chantier secteur territoire
    courriel message numéro sous-traitant entrepreneur raccord boîtier module segment circuit tronçon point
    conduit dépôt entrepôt parc accès client appel modem signal trafic débit réseau-fédérateur fédérateur
    bâtiment immeuble hub pylône poteau transformateur générateur central portail compte
    principal nouveau premier dernier seul grand
    """
)


def gender(noun: str) -> str | None:
    """``f`` or ``m`` for a noun (or adjective) the table knows, else None."""
    word = noun.lower().strip(",.;:!?")
    if word in FEMININE:
        return "f"
    if word in MASCULINE:
        return "m"
    return None


# --- "nous" as "elle", its verbs agreeing --------------------------------------------

_IRREGULAR = {
    "avons": "a", "sommes": "est", "allons": "va", "faisons": "fait", "pouvons": "peut", "devons": "doit",
    "voulons": "veut", "savons": "sait", "voyons": "voit", "prévoyons": "prévoit", "revoyons": "revoit",
    "croyons": "croit", "venons": "vient", "revenons": "revient", "devenons": "devient", "prévenons": "prévient",
    "intervenons": "intervient", "parvenons": "parvient", "tenons": "tient", "obtenons": "obtient",
    "maintenons": "maintient", "contenons": "contient", "retenons": "retient", "prenons": "prend",
    "reprenons": "reprend", "comprenons": "comprend", "entreprenons": "entreprend", "mettons": "met",
    "remettons": "remet", "permettons": "permet", "transmettons": "transmet", "attendons": "attend",
    "répondons": "répond", "perdons": "perd", "rendons": "rend", "descendons": "descend", "entendons": "entend",
    "suivons": "suit", "poursuivons": "poursuit", "disons": "dit", "lisons": "lit", "écrivons": "écrit",
    "recevons": "reçoit", "connaissons": "connaît", "reconnaissons": "reconnaît", "partons": "part",
    "sortons": "sort", "servons": "sert", "sentons": "sent", "courons": "court", "conduisons": "conduit",
    "construisons": "construit", "reconstruisons": "reconstruit", "produisons": "produit", "réduisons": "réduit",
    "joignons": "joint", "rejoignons": "rejoint", "éteignons": "éteint", "craignons": "craint",
    "résolvons": "résout", "interrompons": "interrompt", "battons": "bat", "vivons": "vit", "envoyons": "envoie",
    "renvoyons": "renvoie", "nettoyons": "nettoie", "employons": "emploie", "déployons": "déploie",
    "appuyons": "appuie", "essayons": "essaie", "payons": "paie", "glissons": "glisse", "appelons": "appelle",
    "rappelons": "rappelle", "jetons": "jette", "menons": "mène", "amenons": "amène", "ramenons": "ramène",
    "levons": "lève", "enlevons": "enlève", "soulevons": "soulève", "achevons": "achève", "pesons": "pèse",
    "serons": "sera", "aurons": "aura", "ferons": "fera", "irons": "ira", "pourrons": "pourra",
    "devrons": "devra", "saurons": "saura", "recevrons": "recevra", "suivrons": "suivra",
    "poursuivrons": "poursuivra", "vivrons": "vivra", "mettrons": "mettra", "remettrons": "remettra",
    "permettrons": "permettra", "transmettrons": "transmettra", "battrons": "battra",
}  # fmt: skip
"""Present and future forms whose third person is not made by rule."""
_IER_VERBS = _listed(
    """
    vérifier identifier modifier notifier spécifier certifier qualifier simplifier amplifier diversifier unifier
    justifier clarifier étudier remercier copier oublier publier relier associer négocier apprécier multiplier
    confier initier expédier remédier pallier varier trier nier scier plier déplier
    """
)
"""-ier verbs: their present "nous vérifions" looks like an imperfect ("nous pensions")."""
_IRER_PRESENT = {
    "tirons",
    "retirons",
    "attirons",
    "virons",
    "expirons",
    "aspirons",
    "inspirons",
    "admirons",
    "désirons",
}


def third_person(verb: str) -> str | None:
    """The verb for "elle" from the verb for "nous": ``avons`` -> ``a``, ``travaillons`` -> ``travaille``,
    ``rétablissons`` -> ``rétablit``, ``réparerons`` -> ``réparera``, ``pensions`` -> ``pensait``; None when
    the form is not one the rules know (it is not guessed)."""
    word = verb.lower()
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if not word.endswith("ons") or len(word) < 5:
        return None
    if word.endswith("ions"):
        stem = word[:-4]
        if stem + "ier" in _IER_VERBS:
            return stem + "ie"  # nous vérifions -> elle vérifie
        if stem.endswith("g"):
            return stem + "eait"  # nous mangions -> elle mangeait
        if stem.endswith("c"):
            return stem[:-1] + "çait"  # nous commencions -> elle commençait
        return stem + "ait"  # imperfect and conditional: nous pensions -> elle pensait; pourrions -> pourrait
    if word.endswith("issons"):
        return word[:-6] + "it"  # nous rétablissons -> elle rétablit
    if re.search(r"[^é]erons$", word) or word.endswith(("rrons", "drons")):
        return word[:-3] + "a"  # future: nous réparerons -> elle réparera; pourrons, prendrons
    if word.endswith("irons"):
        return word[:-3] + "e" if word in _IRER_PRESENT else word[:-3] + "a"  # tirons; rétablirons
    if word.endswith("geons"):
        return word[:-3]  # nous changeons -> elle change
    if word.endswith("çons"):
        return word[:-4] + "ce"  # nous remplaçons -> elle remplace
    if (accent := re.search(r"é([^aeiouyéèêë]+)ons$", word)) is not None:
        return word[: accent.start()] + "è" + accent[1] + "e"  # nous gérons -> elle gère
    return word[:-3] + "e"  # -er verbs: nous travaillons -> elle travaille


_AGREE = (("ées", "ée"), ("és", "ée"), ("us", "ue"), ("is", "ise"), ("ts", "te"), ("eux", "euse"), ("aux", "ale"))
_BEING = {"est", "était", "sera", "serait", "été"}
"""After these, a participle or adjective agrees with "elle" (feminine singular), not with "nous"."""


def _agreed(word: str) -> str:
    for plural, single in _AGREE:
        if word.endswith(plural) and len(word) > len(plural) + 1:
            return word[: -len(plural)] + single
    return word


_OBJECT_PRONOUNS = {"y", "en", "le", "la", "les", "l", "lui", "leur"}
_NOT_SUBJECT_AFTER = {
    "vous", "il", "elle", "on", "ils", "elles", "je", "tu", "de", "à", "pour", "avec", "chez", "par", "sans", "envers",
    "entre", "contre", "vers", "selon", "sur", "sous",
}  # fmt: skip
"""After these, "nous" is not the subject ("il nous faut", "pour nous"): such a sentence is left out."""
_HAVE = {"a", "avait", "aura", "aurait"}
_JOINING = {"et", "puis", "mais", "ou"}
"""After these, a verb of "nous" may go without its "nous" ("nous avons bloqué le compte et publierons …")."""
_ADVERBS = {"pas", "plus", "toujours", "déjà", "encore", "maintenant", "bien", "très", "tout", "entièrement", "jamais"}
_WORD = re.compile(r"\w+")


def company_voice(text: str, subject: str = "elle") -> str | None:
    """Staff's "nous" as a third party says it, when that can be done for certain; None when it cannot.

    ``Nous avons trouvé la cause et nous la réparons.`` -> ``Elle a trouvé la cause et elle la répare.``;
    ``Notre câble principal a été sectionné.`` -> ``Son câble principal a été sectionné.``;
    ``Nous avons été informés.`` -> ``Elle a été informée.`` A "nous" that is not the subject
    (``appelez-nous``, ``vous pouvez nous joindre``), "nous nous", an unknown verb form or a noun of unknown
    gender after "notre" gives None. Everything else in the text is left exactly as written.
    """
    words = list(_WORD.finditer(text))
    edits: list[tuple[int, int, str]] = []
    index, agree, have = 0, False, False
    while index < len(words):
        match = words[index]
        word, lower = match[0], match[0].lower()
        if lower == "nous":
            previous = words[index - 1][0].lower() if index else ""
            if text[: match.start()].endswith("-") or previous in _NOT_SUBJECT_AFTER:
                return None  # "appelez-nous", "il nous faut", "pour nous": not the subject
            at = index + 1
            if at < len(words) and words[at][0].lower() in ("ne", "n"):
                at += 1
            while at < len(words) and words[at][0].lower() in _OBJECT_PRONOUNS:
                at += 1
            if at >= len(words) or words[at][0].lower() == "nous":
                return None  # "nous nous excusons": reflexive, reword by hand
            verb = third_person(words[at][0])
            if verb is None:
                return None
            edits.append((match.start(), match.end(), subject.capitalize() if word[0].isupper() else subject))
            edits.append((words[at].start(), words[at].end(), verb))
            agree, have = verb in _BEING, verb in _HAVE
            index = at + 1
            continue
        before = words[index - 1][0].lower() if index else ""
        if lower.endswith("ons") and before in _JOINING and third_person(word) is not None:
            return None  # "… et publierons": a verb of "nous" whose "nous" is not repeated; not guessed
        if lower in ("notre", "nos"):
            following = words[index + 1][0] if index + 1 < len(words) else ""
            if lower == "nos":
                said = "ses"
            elif elides(following):
                said = "son"
            elif (kind := gender(following)) is not None:
                said = "sa" if kind == "f" else "son"
            else:
                return None  # "notre machin": son or sa? Not guessed
            edits.append((match.start(), match.end(), said.capitalize() if word[0].isupper() else said))
        elif lower in ("nôtre", "nôtres"):
            return None
        elif (agree or have) and lower not in _ADVERBS:
            if have and lower == "été":
                agree = True  # "elle a été informée"
            elif agree:
                said = _agreed(word)
                if said != word:
                    edits.append((match.start(), match.end(), said))
                agree = False
            have = False
        index += 1
    for start, end, said in sorted(edits, reverse=True):
        text = text[:start] + said + text[end:]
    return re.sub(r"\b([Qq]u|[Ll]orsqu|[Pp]uisqu|[Jj]usqu)e (?=elle\b)", r"\1'", text)


# --- parentheticals, sentences ---------------------------------------------------------

_EMERGENCY = re.compile(r"\b(?:9-?1-?1|neuf-un-un|urgences?)\b", re.IGNORECASE)


def mentions_emergency_calling(text: str) -> bool:
    """True when the text speaks of 911 or emergencies."""
    return bool(_EMERGENCY.search(text))


_PARENTHESIS = re.compile(r"\s*\(([^()]*)\)")


def rewrite_parentheticals(text: str, safety_advice: str = "") -> str:
    """Each ``(aparté)`` said as part of its sentence, its words kept; one that mentions 911 brings the advice.

    ``Le téléphone résidentiel (y compris le 9-1-1) est coupé.`` ->
    ``Le téléphone résidentiel, y compris le 9-1-1, est coupé.``
    """
    safety = False
    while match := _PARENTHESIS.search(text):
        content = " ".join(match[1].split()).strip(" ,;")
        before, after = text[: match.start()], text[match.end() :]
        safety = safety or mentions_emergency_calling(content)
        if not content or re.fullmatch(r"[A-Z]{2,6}", content):
            text = before + after  # "centre d'exploitation du réseau (CER)": a gloss repeats the words before it
        elif not before.strip() or _ends_sentence(before):
            sentence = content[:1].upper() + content[1:] + ("" if content.endswith((".", "!", "?")) else ".")
            text = before + (" " if before.strip() else "") + sentence + after
        elif not after.strip() or after.lstrip()[:1] in ".!?;:,":
            text = f"{before.rstrip(',')}, {content}{after}"
        else:
            text = f"{before.rstrip(',')}, {content},{after}"
    text = re.sub(r",\s*,", ",", text)
    text = re.sub(r",\s*([.!?;:])", r"\1", text)
    if safety and safety_advice and safety_advice not in text:
        sentences = split_sentences(text)
        for index, sentence in enumerate(sentences):
            if mentions_emergency_calling(sentence):
                sentences.insert(index + 1, safety_advice)
                break
        text = " ".join(sentences)
    return text


def _ends_sentence(text: str) -> bool:
    words = text.rstrip().split()
    return text.rstrip().endswith((".", "!", "?")) and not (words and words[-1].rstrip(".") in _ABBREVIATED_WORDS)


_ABBREVIATED_WORDS = {
    "av", "boul", "ch", "rte", "aut", "St", "Ste", "M", "Mme", "Mmes", "MM", "env", "no", "app", "ex", "janv",
    "févr", "fév", "avr", "juil", "sept", "oct", "nov", "déc", "lun", "mar", "mer", "jeu", "ven", "sam", "dim",
}  # fmt: skip


def split_sentences(text: str) -> list[str]:
    """French text as sentences: ``.``, ``?`` or ``!`` then a space and a capital or figure, except after ``av.`` and
    the like. A space before ``?`` and ``!`` (French typography) is part of the sentence."""
    text = " ".join(text.replace("\u00a0", " ").replace("\u202f", " ").split())
    found, start = [], 0
    for match in re.finditer(r"[.!?]\)?\s+(?=[A-ZÀÂÇÉÈÊËÎÏÔÛÙ0-9\"'«“‘(])", text):
        words = text[start : match.start()].split()
        if match.group().startswith(".") and words and words[-1].rstrip(".") in _ABBREVIATED_WORDS:
            continue
        found.append(text[start : match.start() + len(match.group().rstrip())].strip())
        start = match.end()
    found.append(text[start:].strip())
    return [f for f in found if f]
