"""The authoring CLI, driven as staff would use it; the files are re-loaded and checked after each step."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tomllib
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import jsonschema
import pytest
import yaml
from click.testing import CliRunner
from example_repo import copy_of_example

from generator.authoring.scaffold import json_schemas
from generator.cli import main
from generator.incidents.load import load_site

ROOT = Path(__file__).resolve().parent.parent
EDMONTON = ZoneInfo("America/Edmonton")
NOW = "2026-11-22 12:00"
OPEN_ID = "2026-11-22-clareview-castle-downs-internet-outage"


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


def test_check_passes_on_the_example() -> None:
    code, output = run("check", "--root", str(ROOT), "--now", NOW)
    assert code == 0, output
    assert "ok: 12 files valid, 2 open, 0 overdue" in output


def test_check_warns_of_overdue_updates_and_fails_with_strict() -> None:
    code, output = run("check", "--root", str(ROOT), "--now", "2026-11-22 13:30")
    assert code == 0
    line = f"incidents/2026/{OPEN_ID}.yml:52:3: warning: updates[2]: expected a new update by its next_update, 2026-11-22 13:00; found none; 30m overdue"
    assert line in output
    code, output = run("check", "--root", str(ROOT), "--now", "2026-11-22 13:30", "--strict")
    assert code == 1
    assert line.replace(" warning:", "") in output


def test_check_warns_when_an_open_incident_goes_quiet_too_long(project: Path) -> None:
    code, output = run("new", "--root", str(project), "--now", "2026-11-22 08:00", "--title", "Phone outage in Beverly",
                       "--impact", "major", "--service", "phone", "--area", "beverly", "--message", "Looking into it.")  # fmt: skip
    assert code == 0, output
    code, output = run("check", "--root", str(project), "--now", "2026-11-22 11:30")
    assert "expected an update at least every 3h while open; found none for 3h30m" in output


def test_new_update_resolve_then_check(project: Path) -> None:
    code, output = run(
        "new", "--root", str(project), "--now", "2026-11-22 12:03", "--title", "Phone outage in Beverly",
        "--impact", "major", "--service", "phone", "--area", "beverly,lauderdale", "--message",
        "Home phone is down in Beverly and Lauderdale. We are investigating.", "--next-update", "1h",
        "--customers", "900",
    )  # fmt: skip
    assert code == 0, output
    relative = output.strip()
    assert relative == "incidents/2026/2026-11-22-phone-outage-in-beverly.yml"
    path = project / relative
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schemas/incident.schema.json\n")
    incident = load_site(project).incident("2026-11-22-phone-outage-in-beverly")
    assert [a.id for a in incident.areas] == ["beverly", "lauderdale"]
    assert incident.customers_affected == 900
    assert incident.updates[0].at == datetime(2026, 11, 22, 12, 3, tzinfo=EDMONTON)
    assert incident.next_update == datetime(2026, 11, 22, 13, 3, tzinfo=EDMONTON)

    # Staff add a comment by hand between steps; it must survive.
    path.write_text(text.replace("impact: major\n", "impact: major  # NOC-77, on call: Sam\n"), encoding="utf-8")

    code, output = run(
        "update", "--root", str(project), "2026-11-22-phone-outage-in-beverly", "--now", "2026-11-22 12:40",
        "--status", "identified", "--message", "A card failed in the Beverly switch.\nA spare is on its way.",
        "--eta", "14:00", "--next-update", "30m",
    )  # fmt: skip
    assert code == 0, output
    incident = load_site(project).incident("2026-11-22-phone-outage-in-beverly")
    assert incident.status == "identified"
    assert incident.restore_eta == datetime(2026, 11, 22, 14, 0, tzinfo=EDMONTON)
    assert incident.next_update == datetime(2026, 11, 22, 13, 10, tzinfo=EDMONTON)
    assert incident.latest.message == "A card failed in the Beverly switch.\nA spare is on its way."

    code, output = run("resolve", "--root", str(project), "2026-11-22-phone-outage-in-beverly",
                       "--now", "2026-11-22 13:55", "--message", "Home phone is back.")  # fmt: skip
    assert code == 0, output
    final = path.read_text(encoding="utf-8")
    assert "impact: major  # NOC-77, on call: Sam\n" in final
    assert final.startswith("# yaml-language-server:")
    assert load_site(project).incident("2026-11-22-phone-outage-in-beverly").status == "resolved"
    code, output = run("check", "--root", str(project), "--now", "2026-11-22 14:00")
    assert code == 0, output


def test_update_keeps_every_byte_of_the_file_and_only_appends(project: Path) -> None:
    path = project / "incidents" / "2026" / f"{OPEN_ID}.yml"
    before = path.read_text(encoding="utf-8")
    code, output = run("update", "--root", str(project), OPEN_ID, "--now", "2026-11-22 12:10",
                       "--message", "The new board has arrived.", "--next-update", "13:00")  # fmt: skip
    assert code == 0, output
    after = path.read_text(encoding="utf-8")
    assert after == before + (
        "  - at: 2026-11-22 12:10\n"
        "    status: identified\n"
        "    message: The new board has arrived.\n"
        "    next_update: 2026-11-22 13:00\n"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--status", "investigating"], "updates[3].status: expected one of identified, monitoring, resolved after 'identified'; found 'investigating'"),
        (["--status", "scheduled"], "updates[3].status: expected one of investigating, identified, monitoring, resolved; found 'scheduled'"),
        (["--eta", "2026-11-22 11:00"], "updates[3].restore_eta: expected a time after this update's time, 2026-11-22 12:10; found '2026-11-22 11:00'"),
        (["--next-update", "2026-11-01 01:30"], "expected a duration like 2h, a time of day like 14:00, or an unambiguous time; 2026-11-01 01:30 happens twice"),
        (["--eta", "soon"], "--eta: expected a duration like 2h, a time of day like 14:00, or a time like 2026-05-12 08:25"),
    ],
)  # fmt: skip
def test_update_refuses_bad_changes_and_leaves_the_file_untouched(project: Path, args: list[str], message: str) -> None:
    path = project / "incidents" / "2026" / f"{OPEN_ID}.yml"
    before = path.read_bytes()
    code, output = run("update", "--root", str(project), OPEN_ID, "--now", "2026-11-22 12:10", "--message", "x", *args)
    assert code == 1
    assert message in output
    assert path.read_bytes() == before
    assert not [p for p in path.parent.iterdir() if p.name.startswith(".")], "no temporary file is left behind"


def test_update_and_resolve_refuse_unknown_ids_and_closed_incidents(project: Path) -> None:
    code, output = run("update", "--root", str(project), "2026-11-22-clareview", "--message", "x")
    assert code == 1
    assert f"no incident with the id '2026-11-22-clareview' under incidents/; did you mean {OPEN_ID}" in output
    code, output = run("resolve", "--root", str(project), "2026-05-12-north-edmonton-fibre-cut", "--message", "x")
    assert code == 1
    assert "2026-05-12-north-edmonton-fibre-cut is already resolved; nothing was changed" in output


def test_new_refuses_to_overwrite_and_unknown_ids(project: Path) -> None:
    args = ["new", "--root", str(project), "--now", "2026-11-22 12:00", "--title", "Internet outage in Clareview",
            "--impact", "major", "--service", "internet", "--area", "clareview", "--message", "Looking."]  # fmt: skip
    assert run(*args)[0] == 0
    path = project / "incidents/2026/2026-11-22-internet-outage-in-clareview.yml"
    before = path.read_bytes()
    code, output = run(*args)
    assert code == 1
    assert "incidents/2026/2026-11-22-internet-outage-in-clareview.yml exists already" in output
    assert path.read_bytes() == before
    code, output = run(
        *[a if a != "clareview" else "clareviw" for a in args[:-2]], "--message", "x", "--title", "Other"
    )
    assert code == 1
    assert "areas[0]: expected one of the areas in status.yml (castle-downs," in output


def test_maintenance_schedules_planned_work(project: Path) -> None:
    code, output = run(
        "maintenance", "--root", str(project), "--now", "2026-11-22 12:00", "--title", "Fibre splice in Beverly",
        "--start", "2026-12-09 01:00", "--end", "3h", "--service", "internet", "--area", "beverly",
        "--expected-impact", "Internet drops for about five minutes.",
    )  # fmt: skip
    assert code == 0, output
    incident = load_site(project).incident("2026-11-22-fibre-splice-in-beverly")
    assert incident.is_maintenance and incident.status == "scheduled"
    assert incident.window.start == datetime(2026, 12, 9, 1, 0, tzinfo=EDMONTON)
    assert incident.window.end == datetime(2026, 12, 9, 4, 0, tzinfo=EDMONTON)
    assert "Planned work from December 9, 01:00 to December 9, 04:00." in incident.updates[0].message
    code, output = run(
        "resolve", "--root", str(project), incident.id, "--now", "2026-12-09 04:10", "--message", "Done."
    )
    assert code == 0, output
    assert load_site(project).incident(incident.id).status == "completed"


def test_init_creates_a_repository_that_checks_as_it_is(tmp_path: Path) -> None:
    target = tmp_path / "acme-status"
    code, output = run("init", str(target), "--name", "Acme Net: Fibre & Phone", "--timezone", "Europe/Dublin")
    assert code == 0, output
    for expected in ("status.yml", "site_template/mkdocs.yml", ".github/workflows/publish.yml",
                     "schemas/incident.schema.json", "incidents/README.md", ".gitignore"):  # fmt: skip
        assert (target / expected).is_file(), expected
    site = load_site(target)
    assert site.config.name == "Acme Net: Fibre & Phone"
    assert str(site.config.timezone) == "Europe/Dublin"
    assert site.incidents == ()
    code, output = run("new", "--root", str(target), "--title", "Internet outage", "--impact", "minor",
                       "--service", "internet", "--area", "downtown", "--message", "Looking.")  # fmt: skip
    assert code == 0, output
    assert run("check", "--root", str(target))[0] == 0
    code, output = run("build", "--root", str(target), "--site-dir", str(tmp_path / "public"))
    assert code == 0, output
    assert "Acme Net: Fibre &amp; Phone status" in (tmp_path / "public" / "index.html").read_text(encoding="utf-8")
    assert (tmp_path / "public" / "bulletins" / "index.html").is_file()


def test_init_refuses_a_folder_that_is_not_empty(project: Path) -> None:
    code, output = run("init", str(project))
    assert code == 1
    assert "is not empty; choose a new folder" in output
    code, output = run("init", str(project.parent / "x"), "--name", "Acme", "--timezone", "Mars/Olympus")
    assert code == 1 and "expected an IANA time zone" in output
    assert not (project.parent / "x").exists()


def test_schema_command_writes_what_is_committed(tmp_path: Path) -> None:
    code, output = run("schema", "--out", str(tmp_path))
    assert code == 0, output
    for name in ("incident.schema.json", "status.schema.json"):
        written = json.loads((tmp_path / name).read_text(encoding="utf-8"))
        committed = json.loads((ROOT / "schemas" / name).read_text(encoding="utf-8"))
        assert written == committed == json_schemas()[name], f"run: outage schema --out schemas ({name} is stale)"


def test_json_schema_accepts_every_example_file_and_rejects_a_typo() -> None:
    schemas = json_schemas()
    status = _dates_as_text(yaml.safe_load((ROOT / "status.yml").read_text()))
    jsonschema.validate(status, schemas["status.schema.json"])
    files = sorted((ROOT / "incidents").rglob("*.yml"))
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert text.startswith("# yaml-language-server: $schema=../../schemas/incident.schema.json\n"), path
        document = yaml.load(text, Loader=yaml.BaseLoader)  # every scalar as text, as editors see times
        document = _retype(document)
        jsonschema.validate(document, schemas["incident.schema.json"])
    typo = {**_retype(yaml.load(files[0].read_text(), Loader=yaml.BaseLoader)), "titel": "x"}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(typo, schemas["incident.schema.json"])


def _dates_as_text(value):
    """PyYAML reads 2026-11-15 as a date; editors (YAML 1.2) and the loader read it as text."""
    if isinstance(value, dict):
        return {k: _dates_as_text(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_dates_as_text(v) for v in value]
    return value.isoformat() if isinstance(value, date) else value


def _retype(value):
    """BaseLoader gives text for every scalar; turn numbers and booleans back, keep times as text."""
    if isinstance(value, dict):
        return {k: _retype(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_retype(v) for v in value]
    if value in ("true", "false"):
        return value == "true"
    return int(value) if value.isdigit() else value


@pytest.mark.parametrize("command", ["check", "new", "update", "resolve", "maintenance", "init", "schema", "report"])
def test_every_command_has_help_with_an_example(command: str) -> None:
    code, output = run(command, "--help")
    assert code == 0
    assert "Example:" in output
    assert "outage " + command in output


def test_bad_now_is_a_clear_error() -> None:
    code, output = run("check", "--root", str(ROOT), "--now", "yesterday")
    assert code == 1
    assert "--now: expected a time like 2026-05-12 08:25 (local) or 2026-05-12T08:25-06:00; found 'yesterday'" in output


def program(*args: str, **options) -> subprocess.CompletedProcess:
    """The ``outage`` program as its console script runs it (``generator.cli:run``), in a process of its own."""
    command = [sys.executable, "-c", "import sys; from generator.cli import run; run(args=sys.argv[1:])", *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, **options)


def test_the_program_exits_with_the_commands_status_and_all_its_output(tmp_path: Path) -> None:
    # run() leaves without the interpreter's teardown: what the command printed must still all come out.
    done = program("check", "--root", str(ROOT), "--now", "2026-11-22 13:30", "--strict")
    assert done.returncode == 1
    assert f"incidents/2026/{OPEN_ID}.yml:52:3: updates[2]: expected a new update by its next_update" in done.stderr
    assert "Traceback" not in done.stdout + done.stderr
    done = program("check", "--root", str(ROOT), "--now", NOW)
    assert done.returncode == 0 and "ok: 12 files valid" in done.stdout
    done = program("no-such-command")
    assert done.returncode == 2 and "No such command 'no-such-command'" in done.stderr
    help_text = program("--help").stdout
    assert help_text.startswith("Usage: ") and "schema" in help_text  # the last commands listed are there too


def test_the_program_with_its_output_closed_exits_as_its_command_does() -> None:
    # `outage check >&-`: Python starts with no sys.stdout; the command ran, so its status stands.
    command = [sys.executable, "-c", "import sys; from generator.cli import run; run(args=sys.argv[1:])"]
    for args, status in ((["check", "--root", str(ROOT), "--now", NOW], 0), (["no-such-command"], 2)):
        done = subprocess.run([*command, *args], stderr=subprocess.PIPE, text=True, timeout=120,
                              preexec_fn=lambda: os.close(1))  # fmt: skip
        assert done.returncode == status, done.stderr
        assert "Traceback" not in done.stderr


def test_the_program_built_site_is_whole_when_it_has_exited(tmp_path: Path) -> None:
    root = copy_of_example(tmp_path, with_template=True)
    done = program("build", "--root", str(root), "--now", NOW, "--site-dir", str(tmp_path / "site"))
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.startswith(f"built {tmp_path / 'site'} (")
    assert (tmp_path / "site" / "index.html").read_bytes().rstrip().endswith(b"</html>")


def test_the_console_script_is_run() -> None:
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["scripts"]
    assert scripts == {"outage": "generator.cli:run"}
