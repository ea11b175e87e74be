"""Every CAP message of the example, read by the CAP parsers alert hubs use (both from PyPI).

- capparselib 0.6.1.post6, the release pip installs on Python 3.10 and later
  (later ones pin lxml 4.x, which has no wheel there). It reads every area's
  polygon from the first area, so a message whose first area had no polygon and
  a later one had crashed it (the November outage: Clareview, then Castle Downs).
- cap-tools, xsdata bindings of the OASIS schema, and its AlertState, which keeps
  the current message of each thread as a hub does: an Update or Cancel removes
  what it references, and fails if that was never seen.
"""

from __future__ import annotations

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
STATE = snapshot(SITE, parse_time("2026-11-22 12:00", SITE.config.timezone))
TEMPLATES = bulletin_templates(ROOT)
SETS = [bulletin_set(TEMPLATES, STATE, i, u) for i in STATE.site.incidents for u in i.updates if i.broadcasts(u)]
NOVEMBER = "2026-11-22-clareview-castle-downs-internet-outage"


def expected_area(item: BulletinSet) -> tuple[str, list[str], list[tuple[str, str]]]:
    """What status.yml says of the incident's places: descriptions, polygons and geocodes."""
    areas = item.incident.areas
    description = "; ".join(f"{a.name}, {a.region}" if a.region and a.region != a.name else a.name for a in areas)
    polygons = list(dict.fromkeys(" ".join(p.split()) for a in areas for p in a.polygons))
    geocodes = list(dict.fromkeys(pair for a in areas for pair in a.geocodes))
    return description, polygons, geocodes


def test_the_example_has_the_message_that_crashed_capparselib() -> None:
    november = [s for s in SETS if s.incident.id == NOVEMBER]
    assert november
    first, second = november[0].incident.areas[:2]
    assert (first.id, first.polygons, second.id) == ("clareview", (), "castle-downs") and second.polygons


@pytest.mark.parametrize("item", SETS, ids=[s.id for s in SETS])
def test_capparselib_reads_every_place_of_every_message(item: BulletinSet) -> None:
    alerts = CAPParser(item.cap.decode("utf-8")).as_dict()
    assert [str(a["cap_id"]) for a in alerts] == [item.thread.identifier]
    (info,) = alerts[0]["cap_info"]
    description, polygons, geocodes = expected_area(item)
    (area,) = info["cap_area"]
    assert str(area["area_description"]) == description
    assert ([str(p) for p in area["polygon"]] if "polygon" in area else []) == polygons
    assert [(str(g["valueName"]), str(g["value"])) for g in area.get("geocodes", [])] == geocodes


def test_cap_tools_reads_every_place_and_keeps_one_current_message_per_incident() -> None:
    parser = XmlParser()
    state = AlertState()
    for item in sorted(SETS, key=lambda s: s.thread.sent):
        alert = parser.from_bytes(item.cap, Alert)
        description, polygons, geocodes = expected_area(item)
        (area,) = alert.infos[0].areas
        assert (area.area_desc, area.polygons) == (description, polygons)
        assert [(g.value_name.value, g.value.value) for g in area.geocodes] == geocodes
        state.ingest(alert)  # an Update removes the message it references: that must have been seen
    latest = {s.incident.id: s for s in SETS}  # the last set of each incident
    assert sorted(a.identifier for a in state) == sorted(s.thread.identifier for s in latest.values())
    assert {a.msg_type for a in state} == {MsgType.UPDATE}
