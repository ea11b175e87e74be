"""The Statuspage-compatible JSON API: Statuspage's shapes, our data, the front page's statuses."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path

import pytest
from example_repo import copy_of_example
from jsonschema import Draft202012Validator
from referencing import Registry, Resource

from generator.feeds.statuspage import api_outputs
from generator.incidents.load import load_site
from generator.incidents.times import parse_time
from generator.site.pages import site_pages
from generator.state.now import snapshot

ROOT = Path(__file__).resolve().parent.parent
SITE = load_site(ROOT)
ZONE = SITE.config.timezone
NOW = parse_time("2026-11-22 12:00", ZONE)
OPEN_ID = "2026-11-22-clareview-castle-downs-internet-outage"
ROUTER_ID = "2026-11-19-lauderdale-beverly-core-router-upgrade"
CANCELLED_ID = "2026-10-28-st-albert-business-fibre-equipment"
GOLDEN = Path(__file__).parent / "golden" / "api-v2-summary.json"

SCHEMA = json.loads((Path(__file__).parent / "statuspage_v2.schema.json").read_text(encoding="utf-8"))
REGISTRY = Registry().with_resource(SCHEMA["$id"], Resource.from_contents(SCHEMA))
FILES = {
    "api/v2/summary.json": "summary",
    "api/v2/status.json": "status_response",
    "api/v2/components.json": "components_response",
    "api/v2/incidents.json": "incidents_response",
    "api/v2/incidents/unresolved.json": "incidents_response",
    "api/v2/scheduled-maintenances.json": "scheduled_maintenances_response",
    "api/v2/scheduled-maintenances/upcoming.json": "scheduled_maintenances_response",
    "api/v2/scheduled-maintenances/active.json": "scheduled_maintenances_response",
}


def api(site=SITE, now=NOW) -> dict[str, dict]:
    return {path: json.loads(content) for path, content in api_outputs(snapshot(site, now)).items()}


def components(files: dict[str, dict]) -> dict[str, dict]:
    return {c["id"]: c for c in files["api/v2/components.json"]["components"]}


def test_exactly_the_eight_statuspage_files() -> None:
    assert sorted(api_outputs(snapshot(SITE, NOW))) == sorted(FILES)


def test_the_schema_itself_is_valid() -> None:
    Draft202012Validator.check_schema(SCHEMA)


@pytest.mark.parametrize("now", ["2026-11-22 12:00", "2026-12-03 02:00", "2026-05-12 10:00"])
@pytest.mark.parametrize(("path", "definition"), FILES.items())
def test_every_file_matches_statuspages_documented_shape(path: str, definition: str, now: str) -> None:
    validator = Draft202012Validator({"$ref": f"{SCHEMA['$id']}#/$defs/{definition}"}, registry=REGISTRY)
    document = api(now=parse_time(now, ZONE))[path]
    errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(document)]
    assert not errors
    assert Draft202012Validator(SCHEMA, registry=REGISTRY).is_valid(document)


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("components", 0, "showcase"), None),  # None: delete the field
        (("components", 0, "status"), "down"),
        (("components", 4, "components"), None),  # a group without its children
        (("status", "indicator"), "degraded"),
        (("incidents", 0, "impact"), "maintenance"),
        (("incidents", 0, "status"), "scheduled"),
        (("incidents", 0, "incident_updates", 0, "tweet_id"), None),
        (("scheduled_maintenances", 0, "status"), "cancelled"),
        (("scheduled_maintenances", 0, "scheduled_for"), "Dec 3, 1 a.m."),
    ],
)
def test_the_schema_rejects_what_statuspage_would_not_send(path: tuple, value: object) -> None:
    validator = Draft202012Validator({"$ref": f"{SCHEMA['$id']}#/$defs/summary"}, registry=REGISTRY)
    document = api()["api/v2/summary.json"]
    assert validator.is_valid(document)
    *parents, last = path
    target = document
    for key in parents:
        target = target[key]
    if value is None:
        del target[last]
    else:
        target[last] = value
    assert not validator.is_valid(document)


def test_the_schema_pairs_the_maintenance_indicator_with_its_description() -> None:
    validator = Draft202012Validator({"$ref": f"{SCHEMA['$id']}#/$defs/status"}, registry=REGISTRY)
    assert validator.is_valid({"indicator": "maintenance", "description": "Service Under Maintenance"})
    assert not validator.is_valid({"indicator": "maintenance", "description": "All Systems Operational"})


def test_status_at_noon_is_a_partial_system_outage() -> None:
    files = api()
    assert files["api/v2/status.json"]["status"] == {"indicator": "major", "description": "Partial System Outage"}
    assert files["api/v2/summary.json"]["status"] == files["api/v2/status.json"]["status"]


def test_page_ids_and_times_come_from_the_data() -> None:
    page = api()["api/v2/status.json"]["page"]
    assert page == {
        "id": "status-northwind-example",
        "name": "Northwind Broadband",
        "url": "https://status.northwind.example",
        "time_zone": "America/Edmonton",
        "updated_at": "2026-11-22T10:30:00.000-07:00",  # the Clareview outage's latest update, not the clock
    }


def test_unresolved_is_exactly_the_clareview_outage() -> None:
    files = api()
    (incident,) = files["api/v2/incidents/unresolved.json"]["incidents"]
    assert incident["id"] == OPEN_ID
    assert (incident["impact"], incident["status"]) == ("major", "identified")
    assert incident["created_at"] == "2026-11-22T08:10:00.000-07:00"  # the first post
    assert incident["started_at"] == "2026-11-22T07:55:00.000-07:00"  # when the outage began (began_at)
    assert incident["updated_at"] == "2026-11-22T10:30:00.000-07:00"
    assert incident["resolved_at"] is None and incident["monitoring_at"] is None
    assert incident["shortlink"] == f"https://status.northwind.example/incidents/{OPEN_ID}/"
    assert [u["id"] for u in incident["incident_updates"]] == [
        f"{OPEN_ID}-20261122-1730",
        f"{OPEN_ID}-20261122-1555",
        f"{OPEN_ID}-20261122-1510",
    ]
    assert incident["incident_updates"][0]["body"].startswith("A circuit board in the hub's main router has failed.")
    assert [c["id"] for c in incident["components"]] == [
        "svc-internet",
        "area-castle-downs--internet",
        "area-clareview--internet",
    ]
    assert files["api/v2/summary.json"]["incidents"] == [incident]


def test_upcoming_is_the_core_router_upgrade_as_rescheduled() -> None:
    files = api()
    (work,) = files["api/v2/scheduled-maintenances/upcoming.json"]["scheduled_maintenances"]
    assert work["id"] == ROUTER_ID
    assert work["status"] == "scheduled"
    assert work["scheduled_for"] == work["started_at"] == "2026-12-03T01:00:00.000-07:00"
    assert work["scheduled_until"] == "2026-12-03T05:00:00.000-07:00"
    assert work["impact"] == "minor"
    assert files["api/v2/scheduled-maintenances/active.json"]["scheduled_maintenances"] == []
    assert files["api/v2/summary.json"]["scheduled_maintenances"] == [work]


def front_page_statuses(site, now) -> dict[str, str]:
    """``{"services/internet": "partial_outage", "areas/clareview": …}`` as the front page (services) and the
    area index (areas) show them."""
    pages = {page.url: page.body for page in site_pages(snapshot(site, now))}
    status = r'(?: <span class="outage-region">[^<]*</span>)? <span class="outage-status outage-status--([a-z_]+)"'
    found = dict(re.findall(r'<a href="(services/[^/"]+)/">[^<]+</a>' + status, pages[""]))
    for area, shown in re.findall(r'<a href="([^/"]+)/">[^<]+</a>' + status, pages["areas/"]):
        found[f"areas/{area}"] = shown
    return found


@pytest.mark.parametrize("now", ["2026-11-22 12:00", "2026-12-03 02:00", "2026-05-12 10:00", "2026-09-24 16:45"])
def test_component_statuses_match_the_front_page(now: str) -> None:
    moment = parse_time(now, ZONE)
    shown = front_page_statuses(SITE, moment)
    by_id = components(api(now=moment))
    assert len(shown) == len(SITE.config.services) + len(SITE.config.areas)
    for service in SITE.config.services:
        assert by_id[f"svc-{service.id}"]["status"] == shown[f"services/{service.id}"], service.id
    for area in SITE.config.areas:
        assert by_id[f"area-{area.id}"]["status"] == shown[f"areas/{area.id}"], area.id


def test_areas_are_groups_of_their_services() -> None:
    by_id = components(api())
    group = by_id["area-clareview"]
    assert group["group"] is True and group["group_id"] is None
    assert group["components"] == [f"area-clareview--{s.id}" for s in SITE.config.services]
    child = by_id["area-clareview--internet"]
    assert child["name"] == "Internet (Clareview)"
    assert child["group_id"] == "area-clareview" and child["group"] is False and "components" not in child
    assert child["status"] == group["status"] == "partial_outage"
    assert by_id["area-clareview--phone"]["status"] == "operational"
    assert by_id["svc-internet"]["group_id"] is None and by_id["svc-internet"]["position"] == 1
    assert len(by_id) == len(SITE.config.services) + len(SITE.config.areas) * (1 + len(SITE.config.services))


def test_maintenance_under_way_on_december_3() -> None:
    files = api(now=parse_time("2026-12-03 02:00", ZONE))
    (work,) = files["api/v2/scheduled-maintenances/active.json"]["scheduled_maintenances"]
    assert work["id"] == ROUTER_ID
    assert work["status"] == "in_progress"  # still "scheduled" in the file, but its window is open
    assert files["api/v2/scheduled-maintenances/upcoming.json"]["scheduled_maintenances"] == []
    statuses = {c["id"]: c["status"] for c in work["components"]}
    assert statuses == {
        # The Clareview outage is still open in the example, and an outage outranks maintenance.
        "svc-internet": "partial_outage",
        "area-lauderdale--internet": "under_maintenance",
        "area-beverly--internet": "under_maintenance",
    }
    by_id = components(files)
    assert by_id["area-lauderdale"]["status"] == by_id["area-beverly"]["status"] == "under_maintenance"


def test_maintenance_alone_reads_service_under_maintenance() -> None:
    """As Statuspage's own pages do: indicator ``maintenance``, so widgets do not show green."""
    site = replace(SITE, incidents=tuple(i for i in SITE.incidents if i.id != OPEN_ID))
    files = api(site, parse_time("2026-12-03 02:00", ZONE))
    expected = {"indicator": "maintenance", "description": "Service Under Maintenance"}
    assert files["api/v2/status.json"]["status"] == files["api/v2/summary.json"]["status"] == expected
    # Before the window opens and after it closes, nothing is under way.
    for quiet in ("2026-12-03 00:59", "2026-12-03 05:01"):
        assert api(site, parse_time(quiet, ZONE))["api/v2/status.json"]["status"]["indicator"] == "none", quiet
    (work,) = files["api/v2/scheduled-maintenances/active.json"]["scheduled_maintenances"]
    assert {c["status"] for c in work["components"]} == {"under_maintenance"}
    assert files["api/v2/incidents/unresolved.json"]["incidents"] == []


def test_a_cancelled_maintenance_reads_completed_and_says_it_was_cancelled() -> None:
    works = {w["id"]: w for w in api()["api/v2/scheduled-maintenances.json"]["scheduled_maintenances"]}
    work = works[CANCELLED_ID]
    assert work["status"] == "completed"
    # Called off on November 3 for a window on November 5: the work never ran, so it was never resolved.
    assert (work["scheduled_for"], work["scheduled_until"]) == (
        "2026-11-05T01:00:00.000-07:00",
        "2026-11-05T03:00:00.000-07:00",
    )
    assert work["resolved_at"] is None
    assert work["updated_at"] == "2026-11-03T16:20:00.000-07:00"
    latest = work["incident_updates"][0]
    assert latest["id"] == f"{CANCELLED_ID}-20261103-2320" and latest["status"] == "completed"
    assert latest["body"].startswith("Cancelled: This work is cancelled because")
    assert {c["status"] for c in work["components"]} == {"operational"}


def test_history_lists_are_newest_first_with_resolved_and_postmortem_states() -> None:
    files = api()
    incidents = files["api/v2/incidents.json"]["incidents"]
    expected = [i.id for i in reversed(SITE.incidents) if not i.is_maintenance]
    assert [i["id"] for i in incidents] == expected and len(expected) == 9
    by_id = {i["id"]: i for i in incidents}
    cut = by_id["2026-05-12-north-edmonton-fibre-cut"]  # has a postmortem
    assert (cut["status"], cut["impact"]) == ("postmortem", "critical")
    assert cut["created_at"] == "2026-05-12T08:25:00.000-06:00"
    assert cut["monitoring_at"] == "2026-05-12T12:50:00.000-06:00"
    assert cut["resolved_at"] == "2026-05-12T13:40:00.000-06:00"
    assert by_id["2026-04-21-slow-webmail"]["status"] == "resolved"
    reopened = by_id["2026-09-24-st-albert-hub-power-failure"]
    assert reopened["resolved_at"] == "2026-09-24T18:05:00.000-06:00"  # the final resolution, not the first
    works = files["api/v2/scheduled-maintenances.json"]["scheduled_maintenances"]
    assert [w["id"] for w in works] == [ROUTER_ID, CANCELLED_ID, "2026-10-07-phone-switch-software-upgrade"]


def test_lists_stop_at_fifty() -> None:
    template = SITE.incident("2026-04-21-slow-webmail")
    extra = tuple(replace(template, id=f"2026-04-21-copy-{n:02d}") for n in range(60))
    files = api(replace(SITE, incidents=extra + SITE.incidents))
    assert len(files["api/v2/incidents.json"]["incidents"]) == 50
    assert files["api/v2/incidents.json"]["incidents"][0]["id"] == OPEN_ID


def test_the_same_input_gives_the_same_bytes() -> None:
    first = api_outputs(snapshot(SITE, NOW))
    assert api_outputs(snapshot(SITE, NOW)) == first
    assert api_outputs(snapshot(load_site(ROOT), parse_time("2026-11-22T19:00:00+00:00", ZONE))) == first


UNRELATED = """\
title: Webmail sign-in page slow
impact: minor
services: [email]
areas: [mill-woods]
broadcast: false
updates:
  - at: 2026-03-02 09:00
    status: investigating
    message: The webmail sign-in page is slow.
  - at: 2026-03-02 09:45
    status: resolved
    message: Webmail is back to normal.
"""


def ids(files: dict[str, dict]) -> dict[str, object]:
    incidents = (
        files["api/v2/incidents.json"]["incidents"]
        + files["api/v2/scheduled-maintenances.json"]["scheduled_maintenances"]
    )
    return {
        "page": files["api/v2/summary.json"]["page"]["id"],
        "components": [c["id"] for c in files["api/v2/components.json"]["components"]],
        "incidents": {i["id"]: (i["shortlink"], [u["id"] for u in i["incident_updates"]]) for i in incidents},
    }


def test_ids_do_not_move_when_an_unrelated_incident_is_added(tmp_path: Path) -> None:
    root = copy_of_example(tmp_path)
    (root / "incidents" / "2026" / "2026-03-02-webmail-sign-in-slow.yml").write_text(UNRELATED, encoding="utf-8")
    before, after = ids(api()), ids(api(load_site(root)))
    assert after["page"] == before["page"]
    assert after["components"] == before["components"]
    added = {k: v for k, v in after["incidents"].items() if k not in before["incidents"]}
    assert list(added) == ["2026-03-02-webmail-sign-in-slow"]
    assert {k: v for k, v in after["incidents"].items() if k in before["incidents"]} == before["incidents"]


def test_summary_matches_the_hand_checked_golden_file() -> None:
    """tests/golden/api-v2-summary.json was read line by line against status.yml and incidents/."""
    assert api_outputs(snapshot(SITE, NOW))["api/v2/summary.json"] == GOLDEN.read_bytes()


CALLED_OFF_DURING_THE_WORK = """\
kind: maintenance
title: Cabinet replacement in Mill Woods
services: [internet]
areas: [mill-woods]
window: {start: 2026-06-10 01:00, end: 2026-06-10 04:00}
expected_impact: Internet drops for up to 20 minutes.
updates:
  - at: 2026-06-01 09:00
    status: scheduled
    message: We will replace a street cabinet.
  - at: 2026-06-10 01:05
    status: in_progress
    message: The work has started.
  - at: 2026-06-10 01:40
    status: cancelled
    message: The new cabinet is damaged; the old one stays in service. We will set a new date.
"""


@pytest.mark.parametrize("now", ["2026-06-10 02:00", "2026-11-22 12:00", "2026-12-03 02:00"])
def test_no_maintenance_is_resolved_before_it_was_scheduled_to_start(tmp_path: Path, now: str) -> None:
    root = copy_of_example(tmp_path)
    (root / "incidents/2026/2026-06-01-cabinet-replacement.yml").write_text(
        CALLED_OFF_DURING_THE_WORK, encoding="utf-8"
    )
    files = api(load_site(root), parse_time(now, ZONE))
    works = {w["id"]: w for w in files["api/v2/scheduled-maintenances.json"]["scheduled_maintenances"]}
    for work in works.values():
        if work["resolved_at"] is not None:
            assert parse_time(work["scheduled_for"], ZONE) <= parse_time(work["resolved_at"], ZONE), work["id"]
    # Called off once under way: resolved when it was called off, inside its window.
    assert works["2026-06-01-cabinet-replacement"]["resolved_at"] == "2026-06-10T01:40:00.000-06:00"
    if now >= "2026-11-03 16:20":  # once it was called off (before that, it is open and unresolved anyway)
        assert works[CANCELLED_ID]["resolved_at"] is None
