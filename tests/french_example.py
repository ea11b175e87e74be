"""French copies of the example, for the French bulletins' tests.

The French bulletins take what the English ones take, a ``Config`` and an
``Incident`` whose text fields are plain strings, only in French. Until the
example's files carry French (issue 19, the "lang" part), these copies write
French into the text fields of the example's config, of its two golden
incidents and of its planned work on the phone switch with ``dataclasses.replace``: names and regions of services and
areas, about, the media contact's title, the safety advice, the spoken
abbreviations; each update's message and cause and the titles. Everything
else (times, statuses, counts, estimates, geography) is the example's own.

The French was written as a bilingual provider's communications staff would
write it for its customers, not translated word for word.
"""

from __future__ import annotations

from dataclasses import replace

from generator.incidents.model import Area, Config, Incident, Service, Site

SERVICES = {
    "internet": ("Internet", "Internet à la maison, par fibre et par DSL (la ligne téléphonique)."),
    "phone": ("Téléphonie résidentielle", "Lignes téléphoniques résidentielles, y compris les appels au 9-1-1."),
    "email": ("Courriel", "Adresses de courriel Northwind, webmail et applications de courriel."),
    "business": ("Fibre pour entreprises", "Internet par fibre pour les entreprises."),
}
AREAS = {
    "castle-downs": ("Castle Downs", "Nord d'Edmonton", ""),
    "lauderdale": ("Lauderdale", "Nord d'Edmonton", "LÔ-deur-dèle"),
    "beverly": ("Beverly", "Nord-Est d'Edmonton", ""),
    "clareview": ("Clareview", "Nord-Est d'Edmonton", ""),
    "mill-woods": ("Mill Woods", "Sud d'Edmonton", ""),
    "st-albert": ("St. Albert", "St. Albert", ""),
    "sturgeon-county": ("Sturgeon County", "Sturgeon County", ""),  # its official name, in both languages
}
ABOUT = (
    "Northwind Broadband fournit des services Internet et de téléphonie à 40 000 foyers et entreprises "
    "du nord de l'Alberta."
)
ADVICE = "Si vous devez composer le 9-1-1, utilisez un téléphone cellulaire."
SPOKEN = (("FSI", "F-S-I"), ("DSL", "D-S-L"), ("NOC", "centre d'exploitation du réseau"), ("VoIP", "voix sur I-P"))

FIBRE_CUT = "2026-05-12-north-edmonton-fibre-cut"
CLAREVIEW = "2026-11-22-clareview-castle-downs-internet-outage"
PHONE_SWITCH = "2026-10-07-phone-switch-software-upgrade"

TEXTS: dict[str, dict[str, object]] = {
    FIBRE_CUT: {
        "title": "Panne d'Internet et de téléphonie à Castle Downs, Lauderdale, Beverly et Clareview",
        "messages": (
            "Les services Internet et de téléphonie résidentielle sont en panne à Castle Downs, Lauderdale, "
            "Beverly et Clareview depuis environ 8 h 05 ce matin. Les téléphones résidentiels ne peuvent pas "
            "joindre le 9-1-1 pendant la panne; en cas d'urgence, utilisez un cellulaire.",
            "Notre câble de fibre principal a été sectionné par un forage pour une conduite d'eau sous la "
            "137e Avenue, à la hauteur de la 66e Rue. Une équipe d'épissage est sur place et creuse pour "
            "atteindre la section endommagée.",
            "Le câble endommagé est dégagé et l'équipe a commencé à raccorder les fibres brisées. Les dommages "
            "sont moins importants que prévu, donc nous prévoyons maintenant un retour du service vers 14 h.",
            "Le service revient. La plupart des foyers des quatre quartiers sont de nouveau en ligne et les "
            "téléphones résidentiels, y compris le 9-1-1, fonctionnent de nouveau. L'équipe termine les "
            "dernières fibres et fait des essais.",
            "Les services Internet et de téléphonie résidentielle sont entièrement rétablis. Si vous êtes "
            "toujours hors ligne, débranchez votre modem pendant 30 secondes, puis rebranchez-le. Si le "
            "problème persiste, appelez-nous au 780-555-0100.",
        ),
        "cause": (
            "Un entrepreneur qui forait sous la 137e Avenue, à la hauteur de la 66e Rue, pour une nouvelle "
            "conduite d'eau a sectionné notre câble de fibre principal, qui dessert les quatre quartiers en "
            "Internet et en téléphonie."
        ),
    },
    CLAREVIEW: {
        "title": "Panne Internet à Clareview et Castle Downs",
        "messages": (
            "Internet est en panne pour de nombreux foyers de Clareview et de Castle Downs depuis environ "
            "7 h 55 ce matin. La téléphonie résidentielle fonctionne. Nous enquêtons.",
            "Le problème se situe dans l'équipement de notre centre de réseau du nord d'Edmonton, et des "
            "techniciens sont sur place. Redémarrer votre modem ne réglera rien, et il est inutile de nous "
            "appeler; les mises à jour seront publiées ici.",
            "Une carte de circuit du routeur principal du centre est tombée en panne. Une pièce de rechange "
            "s'en vient de notre entrepôt de Calgary et devrait arriver en début d'après-midi; une fois "
            "qu'elle sera installée, nous prévoyons un retour du service vers 15 h.",
        ),
        "cause": (
            "Une carte de circuit est tombée en panne dans le routeur de notre centre de réseau du nord "
            "d'Edmonton, qui relie Clareview et Castle Downs au reste de notre réseau."
        ),
    },
}


TEXTS[PHONE_SWITCH] = {
    "title": "Mise à niveau du logiciel du commutateur de téléphonie résidentielle",
    "expected_impact": (
        "Pendant les travaux, les appels du téléphone résidentiel, y compris au 9-1-1, pourraient ne pas aboutir "
        "durant au plus 20 minutes; Internet n'est pas touché."
    ),
    "messages": (
        "Nous mettrons à niveau le logiciel de notre commutateur de téléphonie résidentielle tôt le mercredi "
        "21 octobre, entre 0 h 30 et 4 h. Les appels pourraient ne pas aboutir pendant au plus 20 minutes; gardez "
        "un cellulaire à portée de main en cas d'urgence.",
        "La mise à niveau du commutateur a commencé. Les appels pourraient ne pas aboutir pendant au plus "
        "20 minutes, le temps que le commutateur redémarre.",
        "Le commutateur a redémarré à 1 h 52 et a été hors service pendant 11 minutes. Les appels aboutissent de "
        "nouveau, et nous testons le 9-1-1, l'interurbain et la messagerie vocale.",
        "La mise à niveau est terminée et tous les essais sont concluants. Si votre téléphone n'a pas de tonalité "
        "ce matin, débranchez l'adaptateur téléphonique pendant 30 secondes, puis rebranchez-le.",
    ),
    "cause": "",
}


def french_service(service: Service) -> Service:
    name, description = SERVICES[service.id]
    return replace(service, name=name, description=description)


def french_area(area: Area) -> Area:
    name, region, pronounce = AREAS[area.id]
    return replace(area, name=name, region=region, pronounce=pronounce)


def french_config(config: Config) -> Config:
    """The example's status.yml as seen in French."""
    media = config.media_contact
    return replace(
        config,
        about=ABOUT,
        media_contact=replace(media, title="Responsable des communications") if media else None,
        services=tuple(french_service(s) for s in config.services),
        areas=tuple(french_area(a) for a in config.areas),
        bulletins=replace(config.bulletins, emergency_advice=ADVICE, spoken=SPOKEN),
    )


def french_incident(incident: Incident) -> Incident:
    """One of the golden incidents as seen in French: its titles, messages and cause, its places and services."""
    texts = TEXTS[incident.id]
    messages = texts["messages"]
    assert isinstance(messages, tuple) and len(messages) == len(incident.updates), incident.id
    updates = []
    for update, message in zip(incident.updates, messages, strict=True):
        facts = update.facts
        updates.append(
            replace(
                update,
                message=message,
                facts=replace(
                    facts,
                    services=tuple(french_service(s) for s in facts.services),
                    areas=tuple(french_area(a) for a in facts.areas),
                    cause=str(texts["cause"]) if facts.cause else "",
                ),
            )
        )
    impact = str(texts.get("expected_impact", incident.expected_impact))
    return replace(incident, title=str(texts["title"]), expected_impact=impact, updates=tuple(updates), postmortem="")


def french_site(site: Site) -> Site:
    """The example with French config and three of its incidents in French (the others left out): the two
    golden outages and the planned work on the phone switch."""
    return replace(
        site,
        config=french_config(site.config),
        incidents=tuple(french_incident(i) for i in site.incidents if i.id in TEXTS),
    )
