"""The CAP-CP checker: a message written by hand to the profile passes, and each rule catches its violation.

The message below is what a Northwind update should look like under
``cap.profile: cap-cp``: a home phone outage (911 from those lines may fail)
in Castle Downs, a neighbourhood of Edmonton, outlined by a polygon beside
Edmonton's census subdivision code, and in St. Albert, a whole census
subdivision. Each test plants one violation and expects exactly its problem.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from cap_cp_rules import (
    EVENTS,
    LOCATIONS,
    check_cap_cp_recommendations,
    check_cap_cp_rules,
)
from cap_rules import check_cap_rules
from lxml import etree

SCHEMA = etree.XMLSchema(etree.parse(str(Path(__file__).parent / "schemas" / "cap12.xsd")))
CASTLE_DOWNS_POLYGON = "53.62,-113.53 53.62,-113.49 53.59,-113.49 53.59,-113.53 53.62,-113.53"

INFO_EN = """
  <info>
    <language>en-CA</language>
    <category>Infra</category>
    <event>Home phone outage</event>
    <responseType>Monitor</responseType>
    <urgency>Immediate</urgency>
    <severity>Moderate</severity>
    <certainty>Observed</certainty>
    <eventCode><valueName>profile:CAP-CP:Event:0.4</valueName><value>911Service</value></eventCode>
    <effective>2026-11-22T09:40:00-07:00</effective>
    <expires>2026-11-22T13:15:00-07:00</expires>
    <senderName>Northwind Broadband</senderName>
    <headline>Home phone outage in Castle Downs and St. Albert</headline>
    <description>Home phone service is down in Castle Downs and St. Albert.</description>
    <instruction>If you need 9-1-1, use a cell phone. There is no need to call Northwind Broadband.</instruction>
    <web>https://status.northwind.example/incidents/2026-11-22-phone-outage/</web>
    <contact>780-555-0100</contact>
    <area>
      <areaDesc>Castle Downs, North Edmonton</areaDesc>
      <polygon>53.62,-113.53 53.62,-113.49 53.59,-113.49 53.59,-113.53 53.62,-113.53</polygon>
      <geocode><valueName>profile:CAP-CP:Location:0.3</valueName><value>4811061</value></geocode>
    </area>
    <area>
      <areaDesc>St. Albert</areaDesc>
      <geocode><valueName>profile:CAP-CP:Location:0.3</valueName><value>4811062</value></geocode>
    </area>
  </info>"""

ALERT = """<?xml version='1.0' encoding='UTF-8'?>
<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
  <identifier>status.northwind.example.2026-11-22-phone-outage.2</identifier>
  <sender>noc@northwind.example</sender>
  <sent>2026-11-22T09:40:00-07:00</sent>
  <status>Actual</status>
  <msgType>Update</msgType>
  <scope>Public</scope>
  <code>profile:CAP-CP:0.4</code>
  <references>noc@northwind.example,status.northwind.example.2026-11-22-phone-outage.1,2026-11-22T08:25:00-07:00</references>
  <incidents>2026-11-22-phone-outage</incidents>{info}
</alert>
"""


def message(info: str = INFO_EN) -> bytes:
    """The hand-written message with the given <info> blocks."""
    return ALERT.format(info=info).encode("utf-8")


def planted(old: str, new: str, info: str = INFO_EN) -> bytes:
    """The message with one violation planted: the first ``old`` replaced by ``new``."""
    text = ALERT.format(info=info)
    assert text.count(old) >= 1, f"{old!r} is not in the message: the plant would test nothing"
    return text.replace(old, new, 1).encode("utf-8")


def test_the_hand_written_message_is_cap_and_cap_cp() -> None:
    xml = message()
    assert SCHEMA.validate(etree.fromstring(xml)), SCHEMA.error_log
    assert check_cap_rules(xml) == []
    assert check_cap_cp_rules(xml) == []
    assert check_cap_cp_recommendations(xml) == []


def test_the_vendored_values() -> None:
    assert EVENTS == {"telephone": "Telephone Service", "internet": "Internet Service", "911Service": "911 Service"}
    assert LOCATIONS == {"4811059": "Sturgeon County", "4811061": "Edmonton", "4811062": "St. Albert"}
    notice = (Path(__file__).parent / "cap_cp" / "README.md").read_text(encoding="utf-8")
    assert "not an official CAP-CP document" in notice
    assert "Statistics Canada Open Licence" in notice
    assert "https://www.publicsafety.gc.ca/cnt/rsrcs/pblctns/capcp-lctn-rfrncs/" in notice


@pytest.mark.parametrize(
    ("old", "new", "problem"),
    [
        (
            "<code>profile:CAP-CP:0.4</code>",
            "",
            "code: expected profile:CAP-CP:0.4 (rule 3: the profile version is named); found []",
        ),
        (
            "<language>en-CA</language>",
            "<language>en</language>",
            "info[1]/language: expected en-CA or fr-CA (rule 6); found 'en'",
        ),
        (
            "<eventCode><valueName>profile:CAP-CP:Event:0.4</valueName><value>911Service</value></eventCode>",
            "<eventCode><valueName>OET:v1.2</valueName><value>OET-045</value></eventCode>",
            "info[1]/eventCode: expected one profile:CAP-CP:Event:0.4 code (rule 8); found 0",
        ),
        (
            "<value>911Service</value>",
            "<value>phoneOutage</value>",
            "info[1]/eventCode: 'phoneOutage' is not a known CAP-CP event code (rule 8)",
        ),
        (
            "<valueName>profile:CAP-CP:Location:0.3</valueName><value>4811062</value>",
            "<valueName>SGC</valueName><value>4811062</value>",
            "info[1]/area 'St. Albert': expected a geocode named profile:CAP-CP:Location:0.3 (rule 9); found none",
        ),
        (
            "<value>4811062</value>",
            "<value>4811999</value>",
            "info[1]/area 'St. Albert': '4811999' is not a known CAP-CP location code (rule 9)",
        ),
        (
            f"<polygon>{CASTLE_DOWNS_POLYGON}</polygon>",
            "",
            "info[1]/area 'Castle Downs, North Edmonton': the geocode covers all of Edmonton, more than the area; "
            "expected a polygon",
        ),
    ],
)
def test_each_rule_catches_its_violation(old: str, new: str, problem: str) -> None:
    xml = planted(old, new)
    assert SCHEMA.validate(etree.fromstring(xml)), SCHEMA.error_log  # still CAP 1.2: only the profile is broken
    assert check_cap_cp_rules(xml) == [problem]


def test_a_public_update_needs_an_info_block() -> None:
    xml = message(info="")
    assert check_cap_cp_rules(xml) == ["info: a public Update needs an <info> block (rule 5); found none"]


def test_an_info_block_needs_an_area() -> None:
    start, end = INFO_EN.index("    <area>"), INFO_EN.rindex("</area>") + len("</area>\n")
    xml = message(info=INFO_EN[:start] + INFO_EN[end:])
    assert SCHEMA.validate(etree.fromstring(xml)), SCHEMA.error_log
    assert check_cap_cp_rules(xml) == ["info[1]/area: expected at least one <area> (rule 10); found none"]


def test_a_whole_census_subdivision_needs_no_polygon() -> None:
    sturgeon = INFO_EN.replace("<areaDesc>St. Albert</areaDesc>", "<areaDesc>Sturgeon County</areaDesc>").replace(
        "<value>4811062</value>", "<value>4811059</value>"
    )
    assert check_cap_cp_rules(message(info=sturgeon)) == []


def test_french_says_the_same_facts_as_english() -> None:
    french = INFO_EN.replace("<language>en-CA</language>", "<language>fr-CA</language>").replace(
        "<event>Home phone outage</event>", "<event>Panne du téléphone résidentiel</event>"
    )
    assert check_cap_cp_rules(message(info=INFO_EN + french)) == []
    louder = french.replace("<severity>Moderate</severity>", "<severity>Severe</severity>")
    assert check_cap_cp_rules(message(info=INFO_EN + louder)) == [
        "info: the en-CA, fr-CA blocks differ in more than their words; expected the same facts"
    ]


def test_one_subject_event_per_message() -> None:
    internet = INFO_EN.replace("<language>en-CA</language>", "<language>fr-CA</language>").replace(
        "<value>911Service</value>", "<value>internet</value>"
    )
    assert check_cap_cp_rules(message(info=INFO_EN + internet)) == [
        "eventCode: one subject event per message (rule 2); found ['911Service', 'internet']",
        "info: the en-CA, fr-CA blocks differ in more than their words; expected the same facts",
    ]


@pytest.mark.parametrize(
    ("element", "rule"),
    [
        ("<expires>2026-11-22T13:15:00-07:00</expires>", 13),
        ("<senderName>Northwind Broadband</senderName>", 14),
        ("<responseType>Monitor</responseType>", 15),
        (
            "<instruction>If you need 9-1-1, use a cell phone. There is no need to call Northwind Broadband."
            "</instruction>",
            15,
        ),
    ],
)
def test_each_recommendation_is_checked(element: str, rule: int) -> None:
    xml = planted(element, "")
    name = element[1 : element.index(">")]
    assert check_cap_cp_rules(xml) == []
    assert check_cap_cp_recommendations(xml) == [
        f"info[1]/{name}: strongly recommended by CAP-CP (rule {rule}); found none"
    ]
