"""The CAP 1.2 rules the official XSD does not check, for the tests.

The XSD checks structure and value sets; CAP 1.2's prose adds rules on
identifiers, times, references and polygons. This checker states them once so
every test of a CAP message can apply them.
"""

from __future__ import annotations

import re
from datetime import datetime

from lxml import etree

CAP_NAMESPACE = "urn:oasis:names:tc:emergency:cap:1.2"
_NS = f"{{{CAP_NAMESPACE}}}"
_TIME_ELEMENTS = ("sent", "effective", "onset", "expires")
_CAP_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[-+]\d{2}:\d{2}$")
_UNSAFE_ID = re.compile(r"[\s,<&]")
_POINT = re.compile(r"^(-?\d{1,2}(?:\.\d+)?),(-?\d{1,3}(?:\.\d+)?)$")


def check_cap_rules(xml: bytes) -> list[str]:
    """The CAP 1.2 rules the XSD does not check, as problems for people; empty if there are none."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    try:
        alert = etree.fromstring(xml, parser)
    except etree.XMLSyntaxError as exc:
        return [f"not well-formed XML: {exc}"]
    if alert.tag != f"{_NS}alert":
        return [f"expected a CAP 1.2 <alert> in {CAP_NAMESPACE}; found <{alert.tag}>"]
    problems: list[str] = []

    def text(element: etree._Element, name: str) -> str | None:
        found = element.find(f"{_NS}{name}")
        return None if found is None else (found.text or "")

    for name in ("identifier", "sender"):
        value = text(alert, name)
        if value is not None and (not value or _UNSAFE_ID.search(value)):
            problems.append(f"{name}: expected no spaces, commas, < or &; found {value!r}")

    for name in _TIME_ELEMENTS:
        for element in alert.iter(f"{_NS}{name}"):
            problem = _time_problem(element.text or "")
            if problem:
                problems.append(f"{name}: {problem}")

    msg_type = text(alert, "msgType")
    references = text(alert, "references")
    identifier, sender = text(alert, "identifier"), text(alert, "sender")
    if msg_type in ("Update", "Cancel", "Ack", "Error") and not (references or "").strip():
        problems.append(f"references: a msgType {msg_type} must reference the earlier messages; found none")
    if msg_type == "Alert" and references is not None:
        problems.append(f"references: a msgType Alert is the first message and references none; found {references!r}")
    for reference in (references or "").split():
        parts = reference.split(",")
        if len(parts) != 3 or not parts[0] or not parts[1]:
            problems.append(f"references: expected sender,identifier,sent; found {reference!r}")
            continue
        problem = _time_problem(parts[2])
        if problem:
            problems.append(f"references: {reference!r}: {problem}")
        if (parts[0], parts[1]) == (sender, identifier):
            problems.append(f"references: a message cannot reference itself; found {reference!r}")

    for polygon in alert.iter(f"{_NS}polygon"):
        points = (polygon.text or "").split()
        bad = next((p for p in points if not _valid_point(p)), None)
        if bad is not None:
            problems.append(f"polygon: expected points lat,lon (latitude -90..90, longitude -180..180); found {bad!r}")
        elif len(points) < 4:
            problems.append(f"polygon: expected at least four points, the first repeated last; found {len(points)}")
        elif points[0] != points[-1]:
            problems.append(
                f"polygon: expected a closed polygon, ending with its first point {points[0]}; found {points[-1]}"
            )
    return problems


def _time_problem(value: str) -> str:
    """What is wrong with a CAP time, or an empty string."""
    if "Z" in value.upper():
        return f"expected an offset, with UTC written -00:00; found 'Z' in {value!r}"
    if re.search(r":\d{2}[.,]\d", value):
        return f"expected whole seconds; found a fraction in {value!r}"
    if not _CAP_TIME.match(value):
        return f"expected a time like 2026-05-12T08:25:00-06:00; found {value!r}"
    try:
        datetime.fromisoformat(value)
    except ValueError:
        return f"expected a real date and time; found {value!r}"
    if value.endswith("+00:00"):
        return f"expected UTC written -00:00 (CAP 1.2 §3.3.2); found {value!r}"
    return ""


def _valid_point(point: str) -> bool:
    match = _POINT.match(point)
    return bool(match) and abs(float(match[1])) <= 90 and abs(float(match[2])) <= 180
