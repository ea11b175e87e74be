"""Les lieux comme on les dit: addresses, web addresses and regions in French copy.

``137e av. N.-O.`` -> ``137e Avenue Nord-Ouest``: street types and directions
in full words, the street's number kept as the figure a reader reads at sight.
Regions named with a compass point ("Nord d'Edmonton", "Edmonton-Nord") are
said as listeners say them: "le nord et le nord-est d'Edmonton".
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from .wording import de, list_words

STREET_TYPES = {
    "av": "avenue",
    "ave": "avenue",
    "boul": "boulevard",
    "bd": "boulevard",
    "ch": "chemin",
    "rte": "route",
    "aut": "autoroute",
    "pl": "place",
    "prom": "promenade",
    "cr": "croissant",
}
DIRECTIONS = {
    "N.-O.": "Nord-Ouest",
    "N.-E.": "Nord-Est",
    "S.-O.": "Sud-Ouest",
    "S.-E.": "Sud-Est",
    "NO": "Nord-Ouest",
    "NE": "Nord-Est",
    "SO": "Sud-Ouest",
    "SE": "Sud-Est",
    "N.": "Nord",
    "S.": "Sud",
    "E.": "Est",
    "O.": "Ouest",
}
_TYPE = re.compile(rf"\b({'|'.join(STREET_TYPES)})\.(?=\s|$)", re.IGNORECASE)
_DIRECTION = re.compile(
    r"\b(?P<street>[Aa]venue|[Rr]ue|[Bb]oulevard|[Cc]hemin|[Rr]oute|[Aa]utoroute|[Pp]lace|[Pp]romenade|[Cc]roissant) "
    r"(?P<direction>N\.-O\.|N\.-E\.|S\.-O\.|S\.-E\.|NO|NE|SO|SE|N\.|S\.|E\.|O\.)(?=[\s,;]|$|(?<=[A-Z])\.)"
)
_NEW_SENTENCE = re.compile(r"\s+[A-ZÀÂÇÉÈÊÎÔ]")


def spoken_address(text: str) -> str:
    """Street types and directions in full: ``sous la 137e av. à la hauteur de la 66e Rue N.-O.`` ->
    ``sous la 137e avenue à la hauteur de la 66e Rue Nord-Ouest``; a full stop that also ended the sentence stays."""

    def street(match: re.Match[str]) -> str:
        said = STREET_TYPES[match[1].lower()]
        # The type comes before the street's name in French ("boul. Saint-Albert"): its full stop ends the
        # sentence only at the very end.
        return said + ("." if not text[match.end() :].strip() else "")

    text = _TYPE.sub(street, text)

    def direction(match: re.Match[str]) -> str:
        said = f"{match['street']} {DIRECTIONS[match['direction']]}"
        rest = text[match.end() :]
        ends = match["direction"].endswith(".") and (not rest.strip() or _NEW_SENTENCE.match(rest))
        return said + ("." if ends else "")

    return _DIRECTION.sub(direction, text)


def spoken_web_address(url: str) -> str:
    """``https://status.northwind.example/aide/`` -> ``status point northwind point example barre oblique aide``."""
    parts = urlsplit(url)
    host = (parts.hostname or "").removeprefix("www.")
    said = " point ".join(host.split("."))
    path = [p for p in parts.path.split("/") if p]
    return " barre oblique ".join([said, *(p.replace("-", " tiret ") for p in path)])


# --- regions ---------------------------------------------------------------------------

COMPASS = ["centre", "nord", "nord-est", "est", "sud-est", "sud", "sud-ouest", "ouest", "nord-ouest"]
"""Compass words in the order they are said: round the compass from the north."""
_BEFORE = re.compile(r"^(?P<compass>[A-Za-z-]+) (?:de |d'|d’)(?P<place>.+)$")
_AFTER = re.compile(r"^(?P<place>.+?)-(?P<compass>Nord|Sud|Est|Ouest|Centre|Nord-Est|Nord-Ouest|Sud-Est|Sud-Ouest)$")


def compass_region(region: str) -> tuple[str, str] | None:
    """``Nord d'Edmonton`` or ``Edmonton-Nord`` -> ``("nord", "Edmonton")``; None for a region named otherwise."""
    for pattern in (_BEFORE, _AFTER):
        match = pattern.match(region.strip())
        if match and match["compass"].lower() in COMPASS:
            return match["compass"].lower(), match["place"]
    return None


def regions_phrase(regions: list[str], article: str = "le") -> str:
    """Regions as said: ``Nord d'Edmonton`` + ``Nord-Est d'Edmonton`` -> ``le nord et le nord-est d'Edmonton``.

    ``article="du"`` after "de": ``du nord et du nord-est d'Edmonton``. Regions of one place share its name
    once; other regions are said as written (``St. Albert``, after "de": ``de St. Albert``).
    """
    groups: dict[str, list[str]] = {}
    for region in dict.fromkeys(regions):
        found = compass_region(region)
        if found:
            groups.setdefault(found[1], []).append(found[0])
        else:
            groups.setdefault(region, [])
    said = []
    for place, directions in groups.items():
        if not directions:
            said.append(de(place) if article == "du" else place)
            continue
        ordered = sorted(dict.fromkeys(directions), key=COMPASS.index)
        said.append(list_words([f"{article} {d}" for d in ordered]) + " " + de(place))
    return list_words(said)
