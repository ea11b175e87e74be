"""L'histoire d'une mise à jour en français: how the French bulletins name the services, the places and the advice.

The facts are the English story's (``bulletins.story``: is 911 at stake, is
this a follow-up, what is affected); these helpers only say them in French.
``config`` and ``incident`` are the French ones: their names, regions and
messages are already in French.

Services are named as a Canadian provider names them: a name used as a
label stands beside "service" ("le service Internet", "les services IPTV"),
any other takes "de" ("le service de téléphonie résidentielle"), so two
services read "les services Internet et de téléphonie résidentielle".
"""

from __future__ import annotations

import re
from dataclasses import replace

from ...incidents.languages import only_in
from ...incidents.model import Area, Config, Contact, Incident, Service, Update
from ..editorial import fr as w
from ..editorial.fr.places import compass_region, regions_phrase
from ..story import RESTORING, advice_at_stake, emergency_services_words, everywhere, parts_of

ENGLISH_ADVICE = "If you need 9-1-1, use a cell phone."
"""The English default of ``bulletins.emergency_advice``: a French bulletin never says it."""
ADVICE = "Si vous devez composer le 9-1-1, utilisez un téléphone cellulaire."
"""The French safety advice when status.yml gives none in French."""
SMS_ADVICE = ("Pour le 9-1-1, utilisez un cellulaire.", "9-1-1 : utilisez un cellulaire.")
"""The default advice in fewer characters, for the text message; advice staff wrote is sent as written."""


SITE_FOLDER = "fr/"
"""Where the site's French files live (``/fr/``): the French feeds, the French bulletins."""


def page_url(config: Config, incident_id: str) -> str:
    """``https://status.northwind.example/fr/incidents/<id>/``: the incident's page in French."""
    return f"{config.site_url}{SITE_FOLDER}incidents/{incident_id}/"


def feed_url(config: Config) -> str:
    """The French Atom feed, ``/fr/feeds/atom.xml``."""
    return f"{config.site_url}{SITE_FOLDER}feeds/atom.xml"


def french_safety_advice(config: Config, incident: Incident, update: Update) -> str:
    """The safety advice in French while a service carrying 911 calls is affected, else ``""``.

    The configured advice in French; the French default where status.yml gives it only in English (safety
    advice is never said in another language than the bulletin's).
    """
    said = advice_at_stake(config, incident, update)
    english = said == ENGLISH_ADVICE or "emergency_advice" in config.bulletins.untranslated
    advice = ADVICE if said and english else said
    if advice and update.status in RESTORING:
        return still_out_advice(advice, emergency_services_words(incident).lower())
    return advice


_POUR = re.compile(r"^(?:Pour (?P<pour>[^,]+)|Si vous devez (?P<si>[^,]+)), (?P<do>.+?)\.?$")


def still_out_advice(advice: str, phone: str) -> str:
    """The advice as it is true once service is coming back, only for whoever is still without it.

    ``Pour joindre le 9-1-1, utilisez un cellulaire.`` -> ``Si votre téléphone résidentiel n'a toujours
    pas de tonalité, utilisez un cellulaire pour joindre le 9-1-1.``; other advice follows the condition
    as written. The English rule is ``story.still_out_advice``.
    """
    condition = f"Si votre {phone} n'a toujours pas de tonalité, "
    if found := _POUR.match(advice):
        goal = found["pour"] or found["si"]
        return f"{condition}{found['do']} pour {goal}."
    return f"{condition}{advice[:1].lower()}{advice[1:]}"


PENDANT_LES_TRAVAUX = "Pendant les travaux, "
"""What ties the advice to planned work still to come (see ``work_to_come_advice``)."""
_USE_A_CELL_PHONE = re.compile(r"^utilisez un (?:téléphone )?cellulaire$", re.IGNORECASE)


def work_to_come_advice(advice: str) -> tuple[str, ...]:
    """The advice of planned work still to come, tied to the work, fullest first (issue #13).

    ``Pour joindre le 9-1-1, utilisez un cellulaire.`` -> ``Pendant les travaux, pour joindre le 9-1-1,
    utilisez un cellulaire.``, then for the radio :15 ``Pendant les travaux, utilisez un cellulaire pour le
    9-1-1.`` and for the text message ``Pendant les travaux, 9-1-1 : utilisez un cellulaire.``: the shorter
    forms only for advice that says just what the default says (reach 9-1-1 by cell phone). Other advice is
    only prefixed, never reworded. The English rule is ``story.work_to_come_advice``.
    """
    if not advice:
        return ()
    tied = f"{PENDANT_LES_TRAVAUX}{advice[:1].lower()}{advice[1:]}"
    found = _POUR.match(advice)
    if advice != ADVICE and not (
        found and "9-1-1" in (found["pour"] or found["si"]) and _USE_A_CELL_PHONE.match(found["do"])
    ):
        return (tied,)
    return (
        tied,
        f"{PENDANT_LES_TRAVAUX}utilisez un cellulaire pour le 9-1-1.",
        f"{PENDANT_LES_TRAVAUX}9-1-1 : utilisez un cellulaire.",
    )


# --- text the files give only in English --------------------------------------------------

ENGLISH_ONLY = f"({only_in('en', 'fr')})"
"""The mark after a text printed in English in a French bulletin: ``(en anglais seulement)``."""


def english_only(incident: Incident) -> frozenset[str]:
    """Which of the incident's texts, as of its latest update, the files give only in English: ``message``,
    ``cause``, ``title``, ``expected_impact``. Radio leaves them out; print marks them."""
    latest = incident.latest
    found = {"message"} & latest.untranslated | {"cause"} & latest.facts.untranslated
    return frozenset(found | {"title", "expected_impact"} & incident.untranslated)


def marked(incident: Incident) -> Incident:
    """The incident with each text the files give only in English followed by ``(en anglais seulement)``:
    what the French release, notice and CAP block print, so nothing is shown in English silently."""

    def mark(text: str, field: str, untranslated: frozenset[str]) -> str:
        return f"{text} {ENGLISH_ONLY}" if text and field in untranslated else text

    updates = tuple(
        replace(
            u,
            message=mark(u.message, "message", u.untranslated),
            facts=replace(u.facts, cause=mark(u.facts.cause, "cause", u.facts.untranslated)),
        )
        for u in incident.updates
    )
    return replace(
        incident,
        title=mark(incident.title, "title", incident.untranslated),
        expected_impact=mark(incident.expected_impact, "expected_impact", incident.untranslated),
        updates=updates,
    )


def sms_advice(advice: str) -> tuple[str, ...]:
    """The advice for a text message, fullest first: the default in its short forms, staff's own words as written."""
    if not advice:
        return ()
    if advice == ADVICE:
        return SMS_ADVICE
    _, still, do = advice.partition(" n'a toujours pas de tonalité, ")
    if not still:
        # Staff's words first; when they only say "a cell phone for 9-1-1", its short forms may follow, so what
        # is always said fits one GSM-7 message ("Pour joindre le 9-1-1, utilisez un cellulaire." is 45 characters).
        calls = "9-1-1" in advice and "cellulaire" in advice and "tonalité" not in advice
        return (advice, *(short for short in SMS_ADVICE if len(short) < len(advice))) if calls else (advice,)
    shorter = (
        (*(f"Pas de tonalité ? {short}" for short in SMS_ADVICE), "Pas de tonalité ? 9-1-1 par cellulaire.")
        if "cellulaire" in do
        else ()
    )
    return (advice, f"Pas de tonalité ? {do[:1].upper()}{do[1:]}", *shorter)


# --- services -------------------------------------------------------------------------


def _as_label(name: str) -> bool:
    """True for a name that stands beside "service" as a label: ``Internet``, ``IPTV``, ``VoIP``, ``Wi-Fi``."""
    first = name.split(" ", 1)[0]
    return first.lower() == "internet" or first.isupper() or any(c.isupper() for c in first[1:])


def _complement(name: str) -> str:
    """``Internet`` -> ``Internet``; ``Téléphonie résidentielle`` -> ``de téléphonie résidentielle``."""
    return name if _as_label(name) else w.de(w.name_in_sentence(name))


def plural(services: tuple[Service, ...]) -> bool:
    return len(services) > 1


def services_named(services: tuple[Service, ...]) -> str:
    """``le service Internet``, ``les services Internet et de téléphonie résidentielle``."""
    complements = w.list_words([_complement(s.name) for s in services])
    return f"les services {complements}" if plural(services) else f"le service {complements}"


def services_of(services: tuple[Service, ...]) -> str:
    """After "de": ``du service Internet``, ``des services Internet et de téléphonie résidentielle``."""
    named = services_named(services)
    return "des" + named.removeprefix("les") if plural(services) else "du" + named.removeprefix("le")


def services_list(services: tuple[Service, ...]) -> str:
    """``Internet et téléphonie résidentielle``: the names alone, as inside a sentence (a text message, a list)."""
    return w.list_words([s.name if _as_label(s.name) else w.name_in_sentence(s.name) for s in services])


def services_de(services: tuple[Service, ...]) -> str:
    """``d'Internet et de téléphonie résidentielle``: after "panne", in a text message."""
    return w.list_words([w.de(n if _as_label(n) else w.name_in_sentence(n)) for n in (s.name for s in services)])


# --- places ---------------------------------------------------------------------------

_PLACE_NOUNS = {"comté": "le", "district": "le", "canton": "le", "village": "le", "municipalité": "la", "région": "la"}


def at_place(name: str) -> str:
    """``à St. Albert``; ``dans le comté de Sturgeon`` for a place named by what it is."""
    first = name.split(" ", 1)[0].lower()
    article = _PLACE_NOUNS.get(first)
    return f"dans {article} {name[:1].lower()}{name[1:]}" if article else f"à {name}"


def _named(areas: tuple[Area, ...]) -> str:
    neighbourhoods = [a.name for a in areas if parts_of(a)]
    wholes = [at_place(a.name) for a in areas if not parts_of(a)]
    said = []
    if neighbourhoods:
        kind = "dans les secteurs" if len(neighbourhoods) > 1 else "dans le secteur"
        said.append(f"{kind} {w.de(w.list_words(neighbourhoods))}")
    return w.list_words(said + wholes)


def where_words(
    config: Config, areas: tuple[Area, ...], whole: str = "sur l'ensemble de son territoire"
) -> tuple[str, ...]:
    """How to say where, fullest first: ``dans les secteurs de Clareview et Castle Downs``, then by region.

    Up to four areas by name, or by their regions when that is shorter
    (``dans certains secteurs du nord et du nord-est d'Edmonton``); more by region; every area as ``whole``.
    """
    if everywhere(config, areas):
        return (whole,)
    regions = [a.region for a in areas if parts_of(a)]
    wholes = [at_place(a.name) for a in areas if not parts_of(a)]
    by_region = w.list_words(([f"dans certains secteurs {regions_phrase(regions, 'du')}"] if regions else []) + wholes)
    if len(areas) > 4:
        return (by_region,)
    names = _named(areas)
    return (names, by_region) if regions else (names,)


def regions_sentence(config: Config, areas: tuple[Area, ...]) -> str:
    """``Le secteur de Mill Woods se trouve dans le sud d'Edmonton.``; ``Les secteurs touchés se trouvent dans le
    nord et le nord-est d'Edmonton.`` Only for up to four areas, each a part of a region named by its compass point."""
    if everywhere(config, areas) or len(areas) > 4 or not all(parts_of(a) for a in areas):
        return ""
    if not all(compass_region(a.region) for a in areas):
        return ""
    regions = regions_phrase([a.region for a in areas])
    if len(areas) == 1:
        return f"Le secteur {w.de(areas[0].name)} se trouve dans {regions}."
    return f"Les secteurs touchés se trouvent dans {regions}."


def slug_place(config: Config, areas: tuple[Area, ...]) -> str:
    """``CASTLE DOWNS``, ``CLAREVIEW ET CASTLE DOWNS``, ``EDMONTON``, ``TOUS LES SECTEURS``."""
    if everywhere(config, areas):
        return "TOUS LES SECTEURS"
    if len(areas) <= 2:
        return " ET ".join(a.name for a in areas).upper()
    regions = list(dict.fromkeys(a.region or a.name for a in areas))
    if len(regions) == 1:
        return regions[0].upper()
    places = {found[1] if (found := compass_region(region)) else region for region in regions}
    if len(places) == 1 and all(parts_of(a) for a in areas):
        return places.pop().upper()  # Nord et Nord-Est d'Edmonton: EDMONTON
    return "PLUSIEURS SECTEURS"


def upper(text: str) -> str:
    """Capitals for a slug, accents kept (French keeps them on capitals): ``MISE À JOUR``."""
    return re.sub(r"\s+", " ", text.upper())


def contact_title(contact: Contact) -> str:
    """A contact's title after their name, lower case (``responsable des communications``); a title the files
    give only in English marked ``(en anglais seulement)``, as every English text a French bulletin prints."""
    if not contact.title:
        return ""
    said = w.title(contact.title)
    return f"{said} {ENGLISH_ONLY}" if "title" in contact.untranslated else said
