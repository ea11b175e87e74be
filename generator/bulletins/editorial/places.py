"""Addresses as said: ``153 Ave. NW at 97 St.`` -> ``153 Avenue Northwest at 97 Street``.

Street types and directions are written out in full; street numbers stay
figures ("97 Street", as Edmontonians say it). "St." before a name stays, as
in "St. Albert": it is a saint, not a street, and the place's own spelling.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

STREET_TYPES = {
    "Ave": "Avenue",
    "Av": "Avenue",
    "St": "Street",
    "Rd": "Road",
    "Dr": "Drive",
    "Blvd": "Boulevard",
    "Cres": "Crescent",
    "Pkwy": "Parkway",
    "Trl": "Trail",
    "Ct": "Court",
    "Pl": "Place",
    "Ln": "Lane",
}
DIRECTIONS = {
    "NW": "Northwest",
    "NE": "Northeast",
    "SW": "Southwest",
    "SE": "Southeast",
    "N": "North",
    "S": "South",
    "E": "East",
    "W": "West",
}
_FULL_TYPES = "Avenue|Street|Road|Drive|Boulevard|Crescent|Parkway|Trail|Court|Place|Lane|Way|Gate|Close|Highway"
_DIRECTION = r"N\.?W|N\.?E|S\.?W|S\.?E|N|S|E|W"
_STREET = re.compile(
    rf"(?P<name>\b\d+(?:st|nd|rd|th)?|\b[A-Z][\w'’-]*)\s+"
    rf"(?P<type>{'|'.join(STREET_TYPES)}|{_FULL_TYPES})\b(?P<dot>\.?)"
    rf"(?:\s+(?P<direction>{_DIRECTION})\b(?P<dirdot>\.?))?"
)
_HIGHWAY = re.compile(r"\bHwy\b\.?\s*(?=\d)")
_NEW_SENTENCE = re.compile(r"\s+[A-Z]")
_TITLES = {"St", "Dr"}
"""Also Saint and Doctor: before a capitalised name (and after a word, not a number) they are left as written."""


def spoken_address(text: str) -> str:
    """Street types, directions and highways in full words; sentence ends kept."""
    text = _HIGHWAY.sub("Highway ", text)

    def street(match: re.Match[str]) -> str:
        kind, rest = match["type"], text[match.end() :]
        if kind in _TITLES and not match["direction"] and not match["name"][0].isdigit() and _NEW_SENTENCE.match(rest):
            return match[0]  # "Visit St. Albert", "Call Dr. Lee": a saint or a doctor, not a street
        said = f"{match['name']} {STREET_TYPES.get(kind, kind)}"
        last_dot = match["dot"]
        if match["direction"]:
            said += " " + DIRECTIONS[match["direction"].replace(".", "")]
            last_dot = match["dirdot"]
        # The abbreviation's full stop may also end the sentence: keep it there.
        ends = last_dot and (not rest.strip() or _NEW_SENTENCE.match(rest))
        return said + ("." if ends else "")

    return _STREET.sub(street, text)


# --- web addresses and regions ------------------------------------------------------


def spoken_web_address(url: str) -> str:
    """``https://status.northwind.example/help/`` -> ``status dot northwind dot example slash help``.

    No "https", no "www", no trailing slash: what a listener types.
    """
    parts = urlsplit(url)
    host = (parts.hostname or "").removeprefix("www.")
    said = " dot ".join(host.split("."))
    path = [p for p in parts.path.split("/") if p]
    return " slash ".join([said, *(p.replace("-", " dash ") for p in path)])


_COMPASS = ["central", "north", "northeast", "east", "southeast", "south", "southwest", "west", "northwest"]
"""Compass words in the order they are said: round the compass from the north."""
_NAMED = {"end", "side", "hill", "hills", "park", "point", "bay", "shore", "gate", "village", "heights", "york"}
"""Second words that make a compass word part of a name ("West End", "North Shore"): left as written."""


def _join(words: list[str]) -> str:
    return " and ".join(words) if len(words) <= 2 else ", ".join(words[:-1]) + " and " + words[-1]


def regions_phrase(regions: list[str]) -> str:
    """Regions as said in a sentence: ``North Edmonton`` + ``Northeast Edmonton`` -> ``north and northeast Edmonton``.

    A compass word is lower case (it describes, it is not the name); regions of
    one place share its name once. Other regions are said as they are written.
    """
    groups: dict[str, list[str]] = {}
    for region in dict.fromkeys(regions):
        first, _, place = region.partition(" ")
        if first.lower() in _COMPASS and place and place.lower() not in _NAMED:
            groups.setdefault(place, []).append(first.lower())
        else:
            groups.setdefault(region, [])
    said = [
        f"{_join(sorted(directions, key=_COMPASS.index))} {place}" if directions else place
        for place, directions in groups.items()
    ]
    return _join(said)
