"""CAP 1.2 alerts: valid against the official schema, chained by references, correct times, and their feed."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import feedparser
import pytest
from cap_cp_rules import check_cap_cp_recommendations, check_cap_cp_rules
from cap_rules import check_cap_rules
from example_repo import copy_of_example
from lxml import etree

from generator.bulletins import BulletinSet, bulletin_set
from generator.bulletins.cap import cap_feed, cap_identifier, cap_time, feed_item
from generator.bulletins.templates import bulletin_templates
from generator.feeds.atom import entry_id
from generator.incidents.load import load_site
from generator.incidents.model import Incident, Kind, Service, Site
from generator.incidents.times import parse_time
from generator.state.now import snapshot

ROOT = Path(__file__).resolve().parent.parent
SCHEMAS = Path(__file__).parent / "schemas"
GOLDEN = Path(__file__).parent / "golden"
CAP = "{urn:oasis:names:tc:emergency:cap:1.2}"
ATOM = "{http://www.w3.org/2005/Atom}"
SITE = load_site(ROOT)
# The English bulletins as a one-language site makes them (a French set is tested in test_bulletins_fr.py).
SITE = replace(SITE, config=replace(SITE.config, languages=SITE.config.languages[:1]))
NOW = parse_time("2026-11-22 12:00", SITE.config.timezone)
TEMPLATES = bulletin_templates(ROOT)
CAP_SCHEMA = etree.XMLSchema(etree.parse(str(SCHEMAS / "cap12.xsd")))
ATOM_SCHEMA = etree.RelaxNG(etree.parse(str(SCHEMAS / "atom_rfc4287.rng")))
FIBRE_CUT = "2026-05-12-north-edmonton-fibre-cut"
NOVEMBER = "2026-11-22-clareview-castle-downs-internet-outage"
REOPENED = "2026-09-24-st-albert-hub-power-failure"
PHONE_SWITCH = "2026-10-07-phone-switch-software-upgrade"
SENDER = "noc@northwind.example"


def sets_of(site: Site) -> list[BulletinSet]:
    """Every broadcasting update's bulletin set, as the site publishes them at NOW."""
    state = snapshot(site, NOW)
    return [bulletin_set(TEMPLATES, state, i, u) for i in state.site.incidents for u in i.updates if i.broadcasts(u)]


SETS = sets_of(SITE)
BROADCAST = [(s.incident, s.update) for s in SETS]


def parse(xml: bytes) -> etree._Element:
    return etree.fromstring(xml)


def field(alert: etree._Element, path: str) -> str | None:
    """The text at a path like ``info/urgency``, in the CAP namespace."""
    return alert.findtext("/".join(CAP + part for part in path.split("/")))


def set_for(incident_id: str, number: int, site: Site = SITE) -> BulletinSet:
    """The set of an incident's update ``number`` (1 first)."""
    incident = next(i for i in snapshot(site, NOW).site.incidents if i.id == incident_id)
    return bulletin_set(TEMPLATES, snapshot(site, NOW), incident, incident.updates[number - 1])


def message(incident_id: str, number: int, site: Site = SITE) -> bytes:
    return set_for(incident_id, number, site).cap


def site_with(incident: Incident) -> Site:
    """The example site with one incident replaced."""
    return replace(SITE, incidents=tuple(incident if i.id == incident.id else i for i in SITE.incidents))


def schema_errors(xml: bytes) -> str:
    return "" if CAP_SCHEMA.validate(parse(xml)) else str(CAP_SCHEMA.error_log)


def broadcasting(incident: Incident) -> Incident:
    return replace(incident, broadcast_setting=True)


def with_services(incident: Incident, services: tuple[Service, ...]) -> Incident:
    """The incident with other services at every update."""
    updates = tuple(replace(u, facts=replace(u.facts, services=services)) for u in incident.updates)
    return replace(incident, updates=updates)


# --- every message of the example ----------------------------------------------


def test_the_example_broadcasts_the_incidents_expected() -> None:
    ids = sorted({i.id for i, _ in BROADCAST})
    # Planned work of major impact broadcasts by default: the phone switch upgrade (911 may fail).
    assert ids == sorted(
        [FIBRE_CUT, "2026-06-16-mill-woods-outage", "2026-07-06-business-email-blocklisted", REOPENED, NOVEMBER,
         PHONE_SWITCH]
    )  # fmt: skip


@pytest.mark.parametrize("item", SETS, ids=[s.id for s in SETS])
def test_every_message_is_valid_cap(item: BulletinSet) -> None:
    incident, update, xml = item.incident, item.update, item.cap
    assert xml.startswith(
        b"<?xml version='1.0' encoding='UTF-8'?>\n<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\">"
    )
    assert schema_errors(xml) == ""
    assert check_cap_rules(xml) == []
    assert check_cap_cp_rules(xml) == []  # status.yml says profile: cap-cp
    assert check_cap_cp_recommendations(xml) == []
    alert = parse(xml)
    assert field(alert, "identifier") == f"status.northwind.example.{incident.id}.{update.id}"
    assert field(alert, "sender") == SENDER
    assert field(alert, "status") == "Actual"
    assert field(alert, "scope") == "Public"
    reopened = update.number > 1 and incident.updates[update.number - 2].status.is_final
    assert field(alert, "msgType") == ("Alert" if update is incident.updates[0] or reopened else "Update")
    assert field(alert, "code") == "profile:CAP-CP:0.4"
    assert field(alert, "info/language") == "en-CA"
    # Never the severity that alerting systems relay intrusively: an outage threatens at most "Moderate".
    assert field(alert, "info/severity") in ("Minor", "Moderate")
    assert field(alert, "info/category") == "Infra"
    assert field(alert, "info/eventCode/valueName") == "OET:v1.2"
    assert field(alert, "info/eventCode/value") == "OET-045"
    assert field(alert, "info/senderName") == "Northwind Broadband"
    assert field(alert, "info/contact") == "780-555-0100"
    assert field(alert, "info/web") == f"https://status.northwind.example/incidents/{incident.id}/"
    assert field(alert, "info/effective") == field(alert, "sent") == cap_time(update.at)
    assert len(field(alert, "info/headline") or "") <= 160
    # Plain text: no Markdown, no HTML left in the description.
    assert not re.search(r"[<>*_`]", field(alert, "info/description") or "")
    assert xml == set_for(incident.id, update.number).cap  # deterministic


def test_identifier() -> None:
    assert (
        cap_identifier(SITE.config, FIBRE_CUT, "20260512-1940") == f"status.northwind.example.{FIBRE_CUT}.20260512-1940"
    )
    assert cap_identifier(SITE.config, FIBRE_CUT, "5", 2) == f"status.northwind.example.{FIBRE_CUT}.5.r2"


def test_each_message_of_the_fibre_cut_references_only_the_one_before() -> None:
    """A message supersedes the one before it; listing the whole history would grow with every update."""
    sent = [
        "2026-05-12T08:25:00-06:00",
        "2026-05-12T09:20:00-06:00",
        "2026-05-12T10:55:00-06:00",
        "2026-05-12T12:50:00-06:00",
        "2026-05-12T13:40:00-06:00",
    ]
    ids = ["20260512-1425", "20260512-1520", "20260512-1655", "20260512-1850", "20260512-1940"]
    for number in range(1, 6):
        alert = parse(message(FIBRE_CUT, number))
        assert field(alert, "sent") == sent[number - 1]
        assert field(alert, "identifier") == f"status.northwind.example.{FIBRE_CUT}.{ids[number - 1]}"
        if number == 1:
            assert field(alert, "msgType") == "Alert"
            assert alert.find(f"{CAP}references") is None
        else:
            assert field(alert, "msgType") == "Update"
            previous = f"{SENDER},status.northwind.example.{FIBRE_CUT}.{ids[number - 2]},{sent[number - 2]}"
            assert field(alert, "references") == previous


def test_every_resolution_is_an_all_clear_update() -> None:
    finals = [(i, u) for i, u in BROADCAST if u.status.is_final]
    assert len(finals) == 6  # the reopened St. Albert incident was resolved twice; the phone switch work completed
    for incident, update in finals:
        alert = parse(set_for(incident.id, update.number).cap)
        assert field(alert, "msgType") == "Update"
        assert field(alert, "info/responseType") == "AllClear"
        assert field(alert, "info/urgency") == "Past"
        assert field(alert, "info/severity") == "Minor"
        assert field(alert, "info/expires") == cap_time(update.at + timedelta(hours=6))
        assert "still not working" in (field(alert, "info/instruction") or "")


def test_active_messages_are_moderate_only_when_911_is_at_stake() -> None:
    """Severity is the threat to life or property: an outage of internet or email threatens no one (Minor);
    a home phone outage that stops 911 calls is a possible threat (Moderate); nothing is Severe."""
    seen = set()
    for incident, update in BROADCAST:
        if update.status.is_final or incident.is_maintenance:
            continue
        alert = parse(set_for(incident.id, update.number).cap)
        assert field(alert, "info/responseType") == "Monitor"
        assert field(alert, "info/urgency") == "Immediate"
        assert field(alert, "info/certainty") == "Observed"
        calls = any(s.emergency_calls for s in incident.services)
        assert field(alert, "info/severity") == ("Moderate" if calls else "Minor"), incident.id
        events = [e.findtext(f"{CAP}value") for e in alert.iter(f"{CAP}eventCode")]
        assert events == ["OET-045", "911Service" if calls else "internet"]
        seen.add((incident.impact, calls))
        assert "There is no need to call Northwind Broadband" in (field(alert, "info/instruction") or "")
    assert ("critical", True) in seen and ("major", False) in seen  # critical with 911, major without


def test_a_minor_phone_trouble_is_a_telephone_event_not_911() -> None:
    """Voicemail trouble (minor) does not stop calls: a telephone event, Minor, and no 911 advice (it would not be true)."""
    voicemail = broadcasting(SITE.incident("2026-11-13-voicemail-access"))
    alert = parse(message(voicemail.id, 1, site_with(voicemail)))
    events = [e.findtext(f"{CAP}value") for e in alert.iter(f"{CAP}eventCode")]
    assert events == ["OET-045", "telephone"]
    assert field(alert, "info/severity") == "Minor"
    assert "9-1-1" not in (field(alert, "info/instruction") or "")


def test_an_incident_reopened_after_its_all_clear_starts_a_new_thread() -> None:
    """Consumers close a thread at its AllClear: the reopening is a new Alert whose note names the closed thread."""
    reopened = parse(message(REOPENED, 5))
    assert field(reopened, "msgType") == "Alert"
    assert reopened.find(f"{CAP}references") is None
    all_clear = f"status.northwind.example.{REOPENED}.20260924-2150"
    assert field(reopened, "note") == (
        f"Reopened: the outage came back after the all clear {all_clear}, sent 2026-09-24T15:50:00-06:00; "
        "this message starts a new thread."
    )
    assert check_cap_rules(message(REOPENED, 5)) == []
    after = parse(message(REOPENED, 6))  # the new thread goes on from the reopening
    assert field(after, "msgType") == "Update"
    reopening = f"{SENDER},status.northwind.example.{REOPENED}.20260924-2240,2026-09-24T16:40:00-06:00"
    assert field(after, "references") == reopening
    assert field(after, "note") is None


def test_the_fibre_cut_says_what_where_why_and_when() -> None:
    alert = parse(message(FIBRE_CUT, 2))
    assert field(alert, "info/event") == "Internet and home phone outage"
    assert field(alert, "info/headline") == (
        "Internet and phone outage in Castle Downs, Lauderdale, Beverly and Clareview — identified"
    )
    assert field(alert, "info/expires") == "2026-05-12T12:00:00-06:00"  # its next_update, plus an hour
    description = field(alert, "info/description") or ""
    assert "Internet and home phone are affected in Castle Downs and Lauderdale (North Edmonton)" in description
    assert (
        "Cause: A contractor drilling under 137 Avenue at 66 Street for a new water line cut Northwind Broadband's"
        in description
    )
    assert "Customers affected: 4,800." in description
    assert "A splicing crew is on site" in description
    assert "Expected back: 3:00 p.m. MDT, Tuesday, May 12, 2026." in description
    assert "Next update: by 11:00 a.m. MDT, Tuesday, May 12, 2026." in description
    instruction = field(alert, "info/instruction") or ""
    assert instruction.startswith("If you need 9-1-1, use a cell phone. There is no need to call")  # safety first


def test_areas_carry_polygons_and_census_subdivision_geocodes() -> None:
    areas = parse(message(FIBRE_CUT, 1)).findall(f"{CAP}info/{CAP}area")
    assert [a.findtext(f"{CAP}areaDesc") for a in areas] == [
        "Castle Downs, North Edmonton",
        "Lauderdale, North Edmonton",
        "Beverly, Northeast Edmonton",
        "Clareview, Northeast Edmonton",
    ]
    castle_downs = areas[0]
    assert [p.text for p in castle_downs.findall(f"{CAP}polygon")] == [
        "53.62,-113.53 53.62,-113.49 53.59,-113.49 53.59,-113.53 53.62,-113.53"
    ]
    for area in areas:  # each neighbourhood: its own outline, and Edmonton's census subdivision
        assert len(area.findall(f"{CAP}polygon")) == 1
        geocodes = area.findall(f"{CAP}geocode")
        assert [(g.findtext(f"{CAP}valueName"), g.findtext(f"{CAP}value")) for g in geocodes] == [
            ("profile:CAP-CP:Location:0.3", "4811061")
        ]


def test_without_the_profile_messages_are_plain_cap() -> None:
    """No cap.profile in status.yml: CAP 1.2 as before, the site's language and status.yml's geocode names."""
    config = replace(SITE.config, bulletins=replace(SITE.config.bulletins, cap_profile=""))
    xml = message(FIBRE_CUT, 2, replace(SITE, config=config))
    alert = parse(xml)
    assert alert.find(f"{CAP}code") is None
    assert field(alert, "info/language") == "en"
    assert [e.findtext(f"{CAP}valueName") for e in alert.iter(f"{CAP}eventCode")] == ["OET:v1.2"]
    assert {g.findtext(f"{CAP}valueName") for g in alert.iter(f"{CAP}geocode")} == {"SGC"}
    assert schema_errors(xml) == "" and check_cap_rules(xml) == []
    assert any("rule 3" in p for p in check_cap_cp_rules(xml))  # and so not CAP-CP


def test_event_names_keep_abbreviations_and_phone_services_get_emergency_advice() -> None:
    services = (Service("tv", "IPTV"), Service("voip", "VoIP", emergency_calls=True), Service("email", "Email"))
    incident = with_services(SITE.incident(NOVEMBER), services)
    alert = parse(message(NOVEMBER, 1, site_with(incident)))
    assert field(alert, "info/event") == "IPTV, VoIP and email outage"
    assert "If you need 9-1-1, use a cell phone." in (field(alert, "info/instruction") or "")
    # status.yml's emergency_calls says which services carry 911, not the service's name.
    unflagged = with_services(SITE.incident(NOVEMBER), (Service("voip", "VoIP phone"),))
    assert "9-1-1" not in (field(parse(message(NOVEMBER, 1, site_with(unflagged))), "info/instruction") or "")
    internet_only = parse(message(NOVEMBER, 1))
    assert "9-1-1" not in (field(internet_only, "info/instruction") or "")


def test_the_safety_advice_is_the_configured_one() -> None:
    config = replace(
        SITE.config, bulletins=replace(SITE.config.bulletins, emergency_advice="Call 911 from a cell phone.")
    )
    instruction = field(parse(message(FIBRE_CUT, 1, replace(SITE, config=config))), "info/instruction") or ""
    assert instruction.startswith("Call 911 from a cell phone. ")


def test_without_a_cap_sender_the_host_is_the_sender() -> None:
    config = replace(SITE.config, bulletins=replace(SITE.config.bulletins, cap_sender=""))
    site = replace(SITE, config=config)
    xml = message(FIBRE_CUT, 2, site)
    assert field(parse(xml), "sender") == "status.northwind.example"
    assert (field(parse(xml), "references") or "").startswith("status.northwind.example,status.northwind.example.")
    assert check_cap_rules(xml) == []


def test_an_area_whose_region_is_its_name_is_not_repeated() -> None:
    areas = parse(message(REOPENED, 1)).findall(f"{CAP}info/{CAP}area")
    assert [a.findtext(f"{CAP}areaDesc") for a in areas] == ["St. Albert"]
    assert areas[0].findtext(f"{CAP}geocode/{CAP}value") == "4811062"


# --- times -----------------------------------------------------------------------


def test_times_carry_the_offset_of_their_season() -> None:
    may, november = parse(message(FIBRE_CUT, 1)), parse(message(NOVEMBER, 1))
    assert field(may, "sent") == "2026-05-12T08:25:00-06:00"
    assert field(may, "info/expires") == "2026-05-12T10:30:00-06:00"
    assert field(november, "sent") == "2026-11-22T08:10:00-07:00"
    assert field(november, "info/expires") == "2026-11-22T10:00:00-07:00"


def test_cap_time() -> None:
    assert cap_time(datetime(2026, 5, 12, 8, 25, tzinfo=timezone(timedelta(hours=-6)))) == "2026-05-12T08:25:00-06:00"
    assert cap_time(datetime(2026, 5, 12, 8, 25, tzinfo=UTC)) == "2026-05-12T08:25:00-00:00"
    assert cap_time(datetime(2026, 5, 12, 8, 25, 7, 999999, tzinfo=UTC)) == "2026-05-12T08:25:07-00:00"
    india = timezone(timedelta(hours=5, minutes=30))
    assert cap_time(datetime(2026, 5, 12, 8, 25, tzinfo=india)) == "2026-05-12T08:25:00+05:30"
    with pytest.raises(ValueError, match="timezone-aware"):
        cap_time(datetime(2026, 5, 12, 8, 25))  # noqa: DTZ001 - the naive time is the point of the test


def test_a_utc_site_writes_minus_zero(tmp_path: Path) -> None:
    root = copy_of_example(tmp_path)
    status = root / "status.yml"
    status.write_text(status.read_text(encoding="utf-8").replace("America/Edmonton", "UTC"), encoding="utf-8")
    site = load_site(root)
    xml = message(FIBRE_CUT, 2, site)
    alert = parse(xml)
    assert field(alert, "sent") == "2026-05-12T09:20:00-00:00"
    assert field(alert, "info/effective") == "2026-05-12T09:20:00-00:00"
    assert field(alert, "info/expires") == "2026-05-12T12:00:00-00:00"
    assert (
        field(alert, "references")
        == f"{SENDER},status.northwind.example.{FIBRE_CUT}.20260512-0825,2026-05-12T08:25:00-00:00"
    )
    assert b"Z<" not in xml and b"+00:00" not in xml
    assert schema_errors(xml) == ""
    assert check_cap_rules(xml) == []


# --- the checks can fail -------------------------------------------------------------


RESOLUTION = message(FIBRE_CUT, 5)


def test_a_z_time_fails_the_schema_and_the_rules() -> None:
    broken = RESOLUTION.replace(b"<sent>2026-05-12T13:40:00-06:00</sent>", b"<sent>2026-05-12T19:40:00Z</sent>")
    assert broken != RESOLUTION
    assert "sent" in schema_errors(broken)
    assert any(p.startswith("sent:") and "'Z'" in p for p in check_cap_rules(broken))


def test_a_fractional_second_fails_the_schema_and_the_rules() -> None:
    broken = RESOLUTION.replace(b"<expires>2026-05-12T19:40:00-06:00", b"<expires>2026-05-12T19:40:00.5-06:00")
    assert broken != RESOLUTION
    assert "expires" in schema_errors(broken)
    assert any(p.startswith("expires:") and "fraction" in p for p in check_cap_rules(broken))


def test_a_z_time_in_a_reference_fails_the_rules() -> None:
    broken = RESOLUTION.replace(b".20260512-1850,2026-05-12T12:50:00-06:00", b".20260512-1850,2026-05-12T18:50:00Z")
    assert broken != RESOLUTION
    assert schema_errors(broken) == ""  # references is a plain string to the schema
    assert any(p.startswith("references:") and "'Z'" in p for p in check_cap_rules(broken))


def test_category_telecom_fails_the_schema() -> None:
    broken = RESOLUTION.replace(b"<category>Infra</category>", b"<category>Telecom</category>")
    assert broken != RESOLUTION
    assert "category" in schema_errors(broken)


def test_elements_out_of_order_fail_the_schema() -> None:
    broken = RESOLUTION.replace(
        b"<status>Actual</status>\n  <msgType>Update</msgType>", b"<msgType>Update</msgType>\n  <status>Actual</status>"
    )
    assert broken != RESOLUTION
    assert schema_errors(broken) != ""


def test_an_update_without_references_fails_the_rules() -> None:
    broken = re.sub(rb"\s*<references>[^<]*</references>", b"", RESOLUTION)
    assert broken != RESOLUTION
    assert schema_errors(broken) == ""  # the schema makes references optional
    assert check_cap_rules(broken) == ["references: a msgType Update must reference the earlier messages; found none"]


def test_an_alert_with_references_fails_the_rules() -> None:
    broken = RESOLUTION.replace(b"<msgType>Update</msgType>", b"<msgType>Alert</msgType>")
    assert any(p.startswith("references: a msgType Alert") for p in check_cap_rules(broken))


def test_a_malformed_reference_fails_the_rules() -> None:
    broken = RESOLUTION.replace(f"{SENDER},status".encode(), b"status", 1)
    assert any("expected sender,identifier,sent" in p for p in check_cap_rules(broken))


def test_an_open_polygon_fails_the_rules() -> None:
    # The closing point dropped: four points, the last not the first.
    broken = RESOLUTION.replace(b" 53.59,-113.53 53.62,-113.53</polygon>", b" 53.59,-113.53</polygon>")
    assert broken != RESOLUTION
    assert schema_errors(broken) == ""  # a polygon is a plain string to the schema
    assert check_cap_rules(broken) == [
        "polygon: expected a closed polygon, ending with its first point 53.62,-113.53; found 53.59,-113.53"
    ]


def test_a_polygon_that_does_not_end_where_it_starts_fails_the_rules() -> None:
    broken = RESOLUTION.replace(b" 53.62,-113.53</polygon>", b" 53.61,-113.53</polygon>")
    assert broken != RESOLUTION
    assert check_cap_rules(broken) == [
        "polygon: expected a closed polygon, ending with its first point 53.62,-113.53; found 53.61,-113.53"
    ]


def test_a_polygon_of_three_points_fails_the_rules() -> None:
    broken = re.sub(
        rb"<polygon>[^<]*</polygon>",
        b"<polygon>53.62,-113.53 53.62,-113.49 53.62,-113.53</polygon>",
        RESOLUTION,
        count=1,
    )
    assert check_cap_rules(broken) == ["polygon: expected at least four points, the first repeated last; found 3"]


def test_unsafe_identifier_and_sender_fail_the_rules() -> None:
    broken = RESOLUTION.replace(b"<sender>noc@northwind.example</sender>", b"<sender>noc desk, Northwind</sender>")
    broken = broken.replace(b"<identifier>status.", b"<identifier>a&amp;b status.")
    problems = check_cap_rules(broken)
    assert any(p.startswith("identifier: expected no spaces, commas, < or &") for p in problems)
    assert any(p.startswith("sender: expected no spaces, commas, < or &") for p in problems)


def test_the_golden_resolution_message() -> None:
    """The golden message was read line by line against the incident file (tests/golden/bulletins/)."""
    assert message(FIBRE_CUT, 5) == (GOLDEN / f"bulletins/{FIBRE_CUT}/20260512-1940/cap.xml").read_bytes()


# --- planned maintenance ----------------------------------------------------------------


def test_planned_maintenance_is_future_likely_then_all_clear() -> None:
    incident = SITE.incident(PHONE_SWITCH)  # major planned work: it broadcasts without broadcast: true
    assert incident.kind is Kind.MAINTENANCE and incident.broadcast_setting is None
    xmls = [message(PHONE_SWITCH, n, site_with(incident)) for n in range(1, len(incident.updates) + 1)]
    for xml in xmls:
        assert schema_errors(xml) == ""
        assert check_cap_rules(xml) == []
    scheduled, in_progress, _, completed = (parse(x) for x in xmls)
    assert field(scheduled, "info/event") == "Planned maintenance"
    assert field(scheduled, "info/urgency") == "Future"
    assert field(scheduled, "info/certainty") == "Likely"
    assert field(scheduled, "info/responseType") == "Prepare"
    assert field(scheduled, "info/onset") == "2026-10-21T00:30:00-06:00"
    assert field(scheduled, "info/expires") == "2026-10-21T05:00:00-06:00"  # the window's end plus an hour
    assert field(scheduled, "info/severity") == "Moderate"  # 911 calls may fail during the work
    instruction = field(scheduled, "info/instruction") or ""
    assert instruction.startswith("During the work, if you need 9-1-1, use a cell phone.")
    assert field(in_progress, "info/urgency") == "Immediate"
    assert field(in_progress, "info/certainty") == "Observed"
    assert field(completed, "msgType") == "Update"
    assert field(completed, "info/responseType") == "AllClear"
    assert field(completed, "info/urgency") == "Past"
    assert completed.find(f"{CAP}info/{CAP}onset") is None


def test_a_long_title_gives_a_headline_of_at_most_160_characters() -> None:
    incident = replace(SITE.incident(NOVEMBER), title="Internet outage in " + ", ".join(["Clareview"] * 30))
    headline = field(parse(message(NOVEMBER, 1, site_with(incident))), "info/headline") or ""
    assert len(headline) <= 160
    assert headline.endswith("… — investigating")


# --- the feed for alert hubs ---------------------------------------------------------


def test_the_cap_feed() -> None:
    items = [feed_item(SITE.config, s.incident, s.update, s.thread, s.path) for s in SETS]
    xml = cap_feed(SITE.config, items, None)
    document = parse(xml)
    assert ATOM_SCHEMA.validate(document), ATOM_SCHEMA.error_log
    assert document.find(f"{ATOM}author") is not None  # so entries need none (RFC 4287 4.1.1)
    parsed = feedparser.parse(xml)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert len(parsed.entries) == len(BROADCAST)
    newest_first = sorted(SETS, key=lambda s: (s.update.at, s.id), reverse=True)
    site_ids = {entry_id(SITE.config, s.incident.id, s.update.id) for s in SETS}
    for entry, item in zip(parsed.entries, newest_first, strict=True):
        incident, update = item.incident, item.update
        assert entry.id == f"tag:status.northwind.example,{incident.id[:10]}:cap/{incident.id}/{update.id}"
        assert entry.id not in site_ids
        alert = parse(item.cap)
        assert entry.title == field(alert, "info/headline")
        assert entry.updated == field(alert, "sent")
        assert entry.summary
        links = [link for link in entry.links if link.type == "application/cap+xml"]
        assert [(link.rel, link.href) for link in links] == [
            ("alternate", f"https://status.northwind.example/bulletins/{incident.id}/{update.id}/cap.xml")
        ]
        assert entry.link == f"https://status.northwind.example/bulletins/{incident.id}/{update.id}/"  # text/html
    assert document.findtext(f"{ATOM}updated") == "2026-11-22T10:30:00-07:00"  # the newest message, not the clock
    assert xml == cap_feed(SITE.config, list(reversed(items)), None)  # same bytes whatever the order given
