"""The rules of the Canadian Profile of CAP (CAP-CP), for the tests.

A CAP-CP message is a CAP 1.2 message (``cap_rules.py`` and the XSD check
that part) that also follows the profile's rules. The numbers are those of
the CAP-CP Introduction and Rule Set Beta 0.4, which ``profile:CAP-CP:0.4``
names; the values come from ``tests/cap_cp/`` (see its README for sources).

``check_cap_cp_rules`` returns the rules a message breaks;
``check_cap_cp_recommendations`` what the profile strongly recommends and this
tool always provides. The last rule here is this tool's own (issue 13): an
area smaller than the census subdivision its geocode names carries a polygon,
so a neighbourhood is never alerted as its whole city.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

from lxml import etree

CAP_NAMESPACE = "urn:oasis:names:tc:emergency:cap:1.2"
PROFILE_CODE = "profile:CAP-CP:0.4"
EVENT_VALUE_NAME = "profile:CAP-CP:Event:0.4"
LOCATION_VALUE_NAME = "profile:CAP-CP:Location:0.3"
LANGUAGES = ("en-CA", "fr-CA")
VALUES = Path(__file__).parent / "cap_cp"
_NS = f"{{{CAP_NAMESPACE}}}"
_SAME_IN_EVERY_LANGUAGE = (
    "category",
    "responseType",
    "urgency",
    "severity",
    "certainty",
    "effective",
    "onset",
    "expires",
)


def _listed(name: str, key: str) -> dict[str, str]:
    with (VALUES / name).open(encoding="utf-8", newline="") as handle:
        return {row[key]: row["name"] for row in csv.DictReader(handle)}


EVENTS = _listed("events.csv", "code")
"""The CAP-CP event codes the tests know: code -> English name."""
LOCATIONS = _listed("locations.csv", "sgc")
"""The CAP-CP location codes (SGC census subdivisions) the tests know: code -> name."""


def _texts(parent: etree._Element, name: str) -> list[str]:
    return [(e.text or "").strip() for e in parent.findall(f"{_NS}{name}")]


def _pairs(parent: etree._Element, name: str, value_name: str) -> list[str]:
    """The values of ``<name><valueName>value_name</valueName><value>…`` children."""
    return [
        (e.findtext(f"{_NS}value") or "").strip()
        for e in parent.findall(f"{_NS}{name}")
        if (e.findtext(f"{_NS}valueName") or "").strip() == value_name
    ]


def _parse(xml: bytes) -> etree._Element:
    return etree.fromstring(xml, etree.XMLParser(resolve_entities=False, no_network=True))


def check_cap_cp_rules(xml: bytes, events: dict[str, str] = EVENTS, locations: dict[str, str] = LOCATIONS) -> list[str]:
    """The CAP-CP rules the message breaks, as problems for people; empty if none."""
    alert = _parse(xml)
    problems: list[str] = []
    codes = _texts(alert, "code")
    if PROFILE_CODE not in codes:
        problems.append(f"code: expected {PROFILE_CODE} (rule 3: the profile version is named); found {codes}")
    infos = alert.findall(f"{_NS}info")
    msg_type = alert.findtext(f"{_NS}msgType")
    if msg_type in ("Alert", "Update", "Cancel") and not infos:
        problems.append(f"info: a public {msg_type} needs an <info> block (rule 5); found none")

    subject_events = set()
    for number, info in enumerate(infos, start=1):
        where = f"info[{number}]"
        language = info.findtext(f"{_NS}language")
        if language not in LANGUAGES:
            problems.append(f"{where}/language: expected en-CA or fr-CA (rule 6); found {language!r}")
        profile_events = _pairs(info, "eventCode", EVENT_VALUE_NAME)
        if len(profile_events) != 1:
            problems.append(
                f"{where}/eventCode: expected one {EVENT_VALUE_NAME} code (rule 8); found {len(profile_events)}"
            )
        for value in profile_events:
            subject_events.add(value)
            if value not in events:
                problems.append(f"{where}/eventCode: {value!r} is not a known CAP-CP event code (rule 8)")
        areas = info.findall(f"{_NS}area")
        if not areas:
            problems.append(f"{where}/area: expected at least one <area> (rule 10); found none")
        for area in areas:
            problems += _area_problems(where, area, locations)
    if len(subject_events) > 1:
        problems.append(f"eventCode: one subject event per message (rule 2); found {sorted(subject_events)}")
    problems += _language_problems(infos)
    return problems


def _area_problems(where: str, area: etree._Element, locations: dict[str, str]) -> list[str]:
    description = (area.findtext(f"{_NS}areaDesc") or "").strip()
    place = f"{where}/area {description!r}"
    geocodes = _pairs(area, "geocode", LOCATION_VALUE_NAME)
    if not geocodes:
        return [f"{place}: expected a geocode named {LOCATION_VALUE_NAME} (rule 9); found none"]
    problems = [
        f"{place}: {code!r} is not a known CAP-CP location code (rule 9)" for code in geocodes if code not in locations
    ]
    named = [locations[code] for code in geocodes if code in locations]
    # This tool's rule: a geocode that covers more than the area needs the area's own outline.
    whole = any(description == name or description.startswith(f"{name},") for name in named)
    if named and not whole and not area.findall(f"{_NS}polygon"):
        problems.append(
            f"{place}: the geocode covers all of {' and '.join(named)}, more than the area; expected a polygon"
        )
    return problems


def _language_problems(infos: list[etree._Element]) -> list[str]:
    """Every language's <info> says the same thing in its non-text fields."""

    def facts(info: etree._Element) -> str:
        fields = {name: _texts(info, name) for name in _SAME_IN_EVERY_LANGUAGE}
        fields["eventCode"] = _pairs(info, "eventCode", EVENT_VALUE_NAME)
        fields["areas"] = [
            _texts(area, "polygon") + _pairs(area, "geocode", LOCATION_VALUE_NAME)
            for area in info.findall(f"{_NS}area")
        ]
        return json.dumps(fields, sort_keys=True)

    if len({facts(info) for info in infos}) > 1:
        languages = [info.findtext(f"{_NS}language") for info in infos]
        return [
            f"info: the {', '.join(map(str, languages))} blocks differ in more than their words; expected the same facts"
        ]
    return []


def check_cap_cp_recommendations(xml: bytes) -> list[str]:
    """What CAP-CP strongly recommends (rules 13 to 15) and this tool always provides."""
    problems = []
    for number, info in enumerate(_parse(xml).findall(f"{_NS}info"), start=1):
        for name, rule in (("expires", 13), ("senderName", 14), ("responseType", 15), ("instruction", 15)):
            if not any(_texts(info, name)):
                problems.append(f"info[{number}]/{name}: strongly recommended by CAP-CP (rule {rule}); found none")
    return problems
