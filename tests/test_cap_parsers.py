"""Every CAP message of the example, read by the CAP parsers alert hubs use (both from PyPI).

- cap-tools, xsdata bindings of the OASIS schema, and its AlertState, which keeps
  the current message of each thread as a hub does: an Update or Cancel removes
  what it references, and fails if that was never seen.
- capparselib 0.6.1.post6, the release pip installs on Python 3.10 and later
  (later ones pin lxml 4.x, which has no wheel there). It reads every area's
  polygon from the first area's element, so it gives the second place the first
  place's outline and fails when the first place has none. The messages keep one
  <area> per place all the same: CAP-CP (rule 18) makes an area's polygon the
  area, so one area for all places would drop any place without a polygon of its
  own (Sturgeon County) for a consumer that follows the profile. The test checks
  what this release reads right, and the README names its defect.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from cap_tools import AlertState
from cap_tools.models import Alert, MsgType
from capparselib.parsers import CAPParser
from xsdata.formats.dataclass.parsers import XmlParser

from generator.bulletins import BulletinSet, bulletin_set
from generator.bulletins.templates import bulletin_templates
from generator.incidents.load import load_site
from generator.incidents.times import parse_time
from generator.state.now import snapshot

ROOT = Path(__file__).resolve().parent.parent
SITE = load_site(ROOT)
# The English bulletins as a one-language site makes them (a French set is tested in test_bulletins_fr.py).
SITE = replace(SITE, config=replace(SITE.config, languages=SITE.config.languages[:1]))
STATE = snapshot(SITE, parse_time("2026-11-22 12:00", SITE.config.timezone))
TEMPLATES = bulletin_templates(ROOT)
SETS = [bulletin_set(TEMPLATES, STATE, i, u) for i in STATE.site.incidents for u in i.updates if i.broadcasts(u)]


def expected_areas(item: BulletinSet) -> list[tuple[str, list[str], list[tuple[str, str]]]]:
    """What status.yml says of each of the incident's places: description, polygons and CAP-CP geocodes."""
    return [
        (
            f"{a.name}, {a.region}" if a.region and a.region != a.name else a.name,
            [" ".join(p.split()) for p in a.polygons],
            [("profile:CAP-CP:Location:0.3", value) for _, value in a.geocodes],
        )
        for a in item.incident.areas
    ]


def test_every_place_has_its_own_area_and_the_example_has_a_place_without_a_polygon() -> None:
    sturgeon = [a for a in SITE.config.areas if a.id == "sturgeon-county"]
    assert sturgeon and not sturgeon[0].polygons and sturgeon[0].geocodes
    several = [s for s in SETS if len(s.incident.areas) > 1]
    assert several
    for item in several:
        assert len(parse_areas(item)) == len(item.incident.areas)


def parse_areas(item: BulletinSet) -> list:
    return XmlParser().from_bytes(item.cap, Alert).infos[0].areas


@pytest.mark.parametrize("item", SETS, ids=[s.id for s in SETS])
def test_capparselib_reads_every_message_and_place(item: BulletinSet) -> None:
    alerts = CAPParser(item.cap.decode("utf-8")).as_dict()
    assert [str(a["cap_id"]) for a in alerts] == [item.thread.identifier]
    (info,) = alerts[0]["cap_info"]
    expected = expected_areas(item)
    areas = info["cap_area"]
    assert [str(a["area_description"]) for a in areas] == [description for description, _, _ in expected]
    assert [[(str(g["valueName"]), str(g["value"])) for g in a.get("geocodes", [])] for a in areas] == [
        geocodes for _, _, geocodes in expected
    ]
    # Its polygons are right for the first place only (see the module's docstring).
    assert [str(p) for p in areas[0].get("polygon", [])] == expected[0][1]


def test_cap_tools_reads_every_place_and_keeps_one_current_message_per_incident() -> None:
    parser = XmlParser()
    state = AlertState()
    for item in sorted(SETS, key=lambda s: s.thread.sent):
        alert = parser.from_bytes(item.cap, Alert)
        areas = [
            (area.area_desc, area.polygons, [(g.value_name.value, g.value.value) for g in area.geocodes])
            for area in alert.infos[0].areas
        ]
        assert areas == expected_areas(item)
        state.ingest(alert)  # an Update removes the message it references: that must have been seen
    # What a hub holds: every message no later one supersedes. One per incident, and
    # one more where an outage came back after its all clear (a new thread, tests/test_cap.py).
    superseded = {identifier for s in SETS for identifier, _ in s.thread.references}
    current = sorted(s.thread.identifier for s in SETS if s.thread.identifier not in superseded)
    assert sorted(a.identifier for a in state) == current
    assert len(current) == len({s.incident.id for s in SETS}) + sum(s.thread.note != "" for s in SETS)
    assert {a.msg_type for a in state} <= {MsgType.UPDATE, MsgType.ALERT}
