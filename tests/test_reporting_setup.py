"""status.yml's ``reporting:`` and services' ``categories``, and incidents' ``reported:`` entries, checked by
every command: each mistake is a located error (file, line, column, field, expected, found), worked out by hand."""

from __future__ import annotations

from pathlib import Path

import jsonschema
import pytest
import yaml
from click.testing import CliRunner

from generator.authoring.scaffold import json_schemas
from generator.cli import main
from generator.incidents.load import load_site
from generator.reporting.setup import read_setup

STATUS = """\
name: Northwind Broadband
site_url: https://status.northwind.example/
timezone: America/Edmonton
contact: {phone: "780-555-0100", email: support@northwind.example}
services:
  - {id: internet, name: Internet, categories: [primary]}
  - {id: phone, name: Home phone, emergency_calls: true}
areas:
  - {id: castle-downs, name: Castle Downs}
reporting:
  regimes: [crtc-2025-225]
"""
INCIDENT = """\
title: Internet outage in Castle Downs
impact: major
services: [internet]
areas: [castle-downs]
began_at: 2026-05-12 08:05
reported:
  - {rule: crtc-2025-225/primary-notification, at: 2026-05-12 09:30, by: Sam Okafor}
updates:
  - at: 2026-05-12 08:25
    status: investigating
    message: We are investigating.
    customers_affected: 12000
"""
INCIDENT_FILE = "incidents/2026/2026-05-12-castle-downs.yml"


def project(tmp_path: Path, status: str = STATUS, incident: str = INCIDENT) -> Path:
    root = tmp_path / "project"
    (root / "incidents" / "2026").mkdir(parents=True)
    (root / "status.yml").write_text(status, encoding="utf-8")
    (root / INCIDENT_FILE).write_text(incident, encoding="utf-8")
    return root


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


def test_the_base_project_is_valid(tmp_path: Path) -> None:
    root = project(tmp_path)
    code, output = run("check", "--root", str(root), "--now", "2026-05-12 12:00")
    assert code == 0, output
    site = load_site(root)
    setup = read_setup((root / "status.yml").read_bytes(), site.config)
    assert [r.id for r in setup.regimes] == ["crtc-2025-225"]
    assert dict(setup.categories) == {"internet": {"primary"}, "phone": {"emergency-calls"}}


STATUS_CASES = [
    (
        "unknown regime, by id",
        ("  regimes: [crtc-2025-225]\n", "  regimes: [crtc-2025-225, crtc-2052-225]\n"),
        "status.yml:11:28: reporting.regimes[1]: expected one of the regimes the tool ships: crtc-interim-2023, "
        "crtc-2025-225, fcc-part4; found 'crtc-2052-225'",
    ),
    (
        "unknown regime, in a mapping",
        ("  regimes: [crtc-2025-225]\n", "  regimes:\n    - {regime: fcc-part-4}\n"),
        "status.yml:12:16: reporting.regimes[0].regime: expected one of the regimes the tool ships: "
        "crtc-interim-2023, crtc-2025-225, fcc-part4; found 'fcc-part-4'",
    ),
    (
        "a date that does not exist",
        ("  regimes: [crtc-2025-225]\n", "  regimes:\n    - {regime: crtc-2025-225, effective_from: 2026-13-01}\n"),
        "status.yml:12:47: reporting.regimes[0].effective_from: expected a real date like 2026-07-01; found '2026-13-01'",
    ),
    (
        "an end before the start",
        (
            "  regimes: [crtc-2025-225]\n",
            "  regimes:\n    - {regime: crtc-2025-225, effective_from: 2026-07-01, effective_until: 2026-06-30}\n",
        ),
        "status.yml:12:76: reporting.regimes[0].effective_until: expected a date on or after effective_from "
        "(2026-07-01); found '2026-06-30'",
    ),
    (
        "a regime twice",
        ("  regimes: [crtc-2025-225]\n", "  regimes: [fcc-part4, fcc-part4]\n"),
        "status.yml:11:24: reporting.regimes[1]: expected each regime once; found 'fcc-part4' again",
    ),
    (
        "a name for a recipient no selected regime has",
        ("  regimes: [crtc-2025-225]\n", "  regimes: [crtc-2025-225]\n  recipients:\n    emergency-managment: AEMA\n"),
        "status.yml:13:5: reporting.recipients.emergency-managment: expected one of the recipients of the selected "
        "regimes (crtc, ised, emergency-management, psap); found 'emergency-managment'",
    ),
    (
        "an unknown category on a service",
        ("categories: [primary]", "categories: [primry]"),
        "status.yml:6:49: services[0].categories[0]: expected one of the reporting categories primary, "
        "public-alerting, specialised; found 'primry'",
    ),
    (
        "9-1-1 as a category instead of the flag",
        ("categories: [primary]", "categories: [primary, emergency-calls]"),
        "status.yml:6:58: services[0].categories[1]: expected emergency_calls: true on the service for 9-1-1 "
        "(one flag, not two); found 'emergency-calls'",
    ),
    (
        "a typo in an internal rule",
        (
            "  regimes: [crtc-2025-225]\n",
            "  regimes: [crtc-2025-225]\n  internal:\n    - id: executive\n      title: executive escalation\n"
            "      threshold: {user_minutes: {at_least: 100000}}\n      clock: major\n      within: 15m\n"
            "      action: tell\n      recipients: [the executive on call]\n",
        ),
        "status.yml:15:7: reporting.internal[0].threshold: expected one of the keys id, title, categories, "
        "community_isolated, thresholds, follows, clock, after, within, action, recipients, cite, effective_from, "
        "notes; found the unknown key 'threshold' (did you mean 'thresholds'?)",
    ),
    (
        "an unknown category in an internal rule",
        (
            "  regimes: [crtc-2025-225]\n",
            "  regimes: [crtc-2025-225]\n  internal:\n    - id: executive\n      title: executive escalation\n"
            "      categories: [primery]\n      clock: discovered\n      within: 15m\n"
            "      action: tell\n      recipients: [the executive on call]\n",
        ),
        "status.yml:15:20: reporting.internal[0].categories[0]: expected one of the categories primary, "
        "emergency-calls, public-alerting, specialised; found 'primery'",
    ),
    (
        "an unknown regime in the short form, reporting: [ids]",
        ("reporting:\n  regimes: [crtc-2025-225]\n", "reporting: [crtc-2025-225, crtc-2052-225]\n"),
        "status.yml:10:28: reporting[1]: expected one of the regimes the tool ships: crtc-interim-2023, "
        "crtc-2025-225, fcc-part4; found 'crtc-2052-225'",
    ),
    (
        "a typo in reporting's keys",
        ("  regimes: [crtc-2025-225]\n", "  regime: [crtc-2025-225]\n"),
        "status.yml:11:3: reporting.regime: expected one of the keys regimes, recipients, contact, internal; "
        "found the unknown key 'regime' (did you mean 'regimes'?)",
    ),
]


@pytest.mark.parametrize(("case", "change", "expected"), STATUS_CASES, ids=[c[0] for c in STATUS_CASES])
def test_a_mistake_in_the_reporting_setup_is_a_located_error(
    tmp_path: Path, case: str, change: tuple[str, str], expected: str
) -> None:
    assert change[0] in STATUS
    root = project(tmp_path, STATUS.replace(change[0], change[1]))
    code, output = run("check", "--root", str(root), "--now", "2026-05-12 12:00")
    assert code == 1, output
    assert output.splitlines() == [expected, "1 error in 1 file"]


def test_reporting_may_be_the_list_of_regimes_alone(tmp_path: Path) -> None:
    root = project(tmp_path, STATUS.replace("reporting:\n  regimes: [crtc-2025-225]\n", "reporting: [fcc-part4]\n"))
    code, output = run("check", "--root", str(root), "--now", "2026-05-12 12:00")
    assert code == 1  # the incident's report names a 2025-225 duty, which fcc-part4 does not have
    assert "reported[0].rule: expected a duty of the regimes status.yml selects (fcc-part4/nors-notification" in output
    site = load_site(root)
    assert [r.id for r in read_setup((root / "status.yml").read_bytes(), site.config).regimes] == ["fcc-part4"]


CASTLE_DOWNS = "2026-05-12-castle-downs"


def test_every_command_that_reads_the_site_refuses_a_bad_setup(tmp_path: Path) -> None:
    root = project(tmp_path, STATUS.replace("[crtc-2025-225]", "[crtc-2052-225]"))
    for command in (
        ["build", "--site-dir", str(tmp_path / "site")],
        ["check"],
        ["report", CASTLE_DOWNS, "--regime", "crtc-2025-225"],
    ):
        code, output = run(command[0], "--root", str(root), "--now", "2026-05-12 12:00", *command[1:])
        assert code == 1 and "reporting.regimes[0]: expected one of the regimes the tool ships" in output, command
    assert not (tmp_path / "site").exists()
    # A bulletin reads only status.yml's shape and its own incident (README, "Commands"):
    # nothing it says depends on reporting, so a radio script can still be read out.
    code, output = run("bulletin", "--root", str(root), "--now", "2026-05-12 12:00", CASTLE_DOWNS)
    assert "reporting" not in output


INCIDENT_CASES = [
    (
        "a duty no selected regime has",
        ("crtc-2025-225/primary-notification", "crtc-2025-225/primary-notificaton"),
        STATUS,
        f"{INCIDENT_FILE}:7:5: reported[0].rule: expected a duty of the regimes status.yml selects "
        "(crtc-2025-225/primary-notification, crtc-2025-225/911-call-centres, crtc-2025-225/911-authorities, "
        "crtc-2025-225/public-alerting-emergency-management, crtc-2025-225/public-alerting-authorities, "
        "crtc-2025-225/community-isolation-emergency-management and 3 more); "
        "found 'crtc-2025-225/primary-notificaton' (did you mean 'crtc-2025-225/primary-notification'?)",
    ),
    (
        "a recipient the rule does not have",
        ("by: Sam Okafor}", "by: Sam Okafor, recipient: psap}"),
        STATUS,
        f"{INCIDENT_FILE}:7:5: reported[0].recipient: expected one of the recipients of "
        "crtc-2025-225/primary-notification: crtc, ised, emergency-management; found 'psap'",
    ),
    (
        "a report when reporting is off",
        ("", ""),
        STATUS.replace("reporting:\n  regimes: [crtc-2025-225]\n", ""),
        f"{INCIDENT_FILE}:7:5: reported[0].rule: expected a duty of a regime status.yml selects "
        "(reporting.regimes selects none); found 'crtc-2025-225/primary-notification'",
    ),
]


@pytest.mark.parametrize(("case", "change", "status", "expected"), INCIDENT_CASES, ids=[c[0] for c in INCIDENT_CASES])
def test_a_reported_entry_must_name_a_duty_of_the_selected_regimes(
    tmp_path: Path, case: str, change: tuple[str, str], status: str, expected: str
) -> None:
    root = project(tmp_path, status, INCIDENT.replace(*change))
    code, output = run("check", "--root", str(root), "--now", "2026-05-12 12:00")
    assert code == 1, output
    assert output.splitlines() == [expected, "1 error in 1 file"]


def test_selecting_a_regime_with_no_service_in_any_category_is_a_warning(tmp_path: Path) -> None:
    status = STATUS.replace(", categories: [primary]", "").replace(", emergency_calls: true", "")
    root = project(tmp_path, status, INCIDENT.replace("reported:\n  - {rule: crtc-2025-225/primary-notification, at: 2026-05-12 09:30, by: Sam Okafor}\n", ""))  # fmt: skip
    warning = (
        "status.yml:5:1: warning: services: expected a service with reporting categories, e.g. categories: "
        "[primary], or emergency_calls: true (crtc-2025-225's rules apply by category); found no service in any "
        "reporting category"
    )
    code, output = run("check", "--root", str(root), "--now", "2026-05-12 12:00")
    assert code == 0 and warning in output
    code, output = run("check", "--root", str(root), "--now", "2026-05-12 12:00", "--strict")
    assert code == 1 and warning.replace(" warning:", "") in output


def test_the_json_schema_describes_the_reporting_setup() -> None:
    schema = json_schemas()["status.schema.json"]
    good = yaml.safe_load(STATUS.replace("[crtc-2025-225]", "[crtc-interim-2023, {regime: crtc-2025-225, effective_from: '2026-07-01'}]"))  # fmt: skip
    good["reporting"]["internal"] = [
        {"id": "executive", "title": "executive escalation", "clock": "discovered", "within": "15m",
         "action": "tell", "recipients": ["the executive on call"]}
    ]  # fmt: skip
    jsonschema.validate(good, schema)
    for bad in (
        {"regimes": [{"regime": "crtc-2025-225", "from": "2026-07-01"}]},
        {"internal": [{"id": "x", "titel": "y"}]},
    ):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate({**good, "reporting": bad}, schema)
