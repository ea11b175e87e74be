"""The CLI forgives small mistakes: run from a subfolder, one broken file, a clock with seconds, no answers given."""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from example_repo import copy_of_example

from generator import cli
from generator.cli import main
from generator.delivery.channels import load_channels
from generator.delivery.recipients import load_recipients
from generator.incidents.load import load_config

ROOT = Path(__file__).resolve().parent.parent
OPEN_ID = "2026-11-22-clareview-castle-downs-internet-outage"
NOW = "2026-11-22 12:00"


def run(*args: str, input: str | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), input=input)
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


# --- the repository is found from any subfolder, as git finds its own ------------------


def test_every_command_finds_the_repository_from_a_subfolder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = copy_of_example(tmp_path, with_template=True)
    monkeypatch.chdir(root / "incidents" / "2026")
    code, output = run("check", "--now", NOW)
    assert (code, output.strip()) == (0, "ok: 12 files valid, 2 open, 0 overdue; reporting: 0 due, 0 overdue")
    code, output = run("bulletin", OPEN_ID, "--now", NOW, "--seconds", "15")
    assert code == 0 and output.startswith("SLUG: NORTHWIND OUTAGE"), output
    code, output = run("update", OPEN_ID, "--now", NOW, "--message", "Crews are replacing the board.")
    assert (code, output.strip()) == (0, f"{OPEN_ID}.yml")  # where the file is from here
    code, output = run("new", "--now", NOW, "--title", "Webmail is slow", "--impact", "minor",
                       "--service", "email", "--area", "mill-woods", "--message", "We are looking into it.")  # fmt: skip
    assert (code, output.strip()) == (0, "2026-11-22-webmail-is-slow.yml")
    assert (root / "incidents/2026/2026-11-22-webmail-is-slow.yml").is_file()
    monkeypatch.chdir(root)
    code, output = run("new", "--now", NOW, "--title", "Phones are down", "--impact", "minor",
                       "--service", "phone", "--area", "beverly", "--message", "We are looking into it.")  # fmt: skip
    assert (code, output.strip()) == (0, "incidents/2026/2026-11-22-phones-are-down.yml")
    monkeypatch.chdir(tmp_path)  # no repository here or above
    code, output = run("check", "--now", NOW)
    assert code == 1
    assert "status.yml:1:1: expected a status.yml in .; found no such file" in output


# --- outage bulletin needs only its own file -------------------------------------------


def test_a_bulletin_needs_only_its_incident_and_status_yml(tmp_path: Path) -> None:
    root = copy_of_example(tmp_path, with_template=True)
    args = ("bulletin", OPEN_ID, "--root", str(root), "--now", NOW, "--format", "press")
    code, before = run(*args)
    assert code == 0, before
    other = root / "incidents/2026/2026-05-12-north-edmonton-fibre-cut.yml"
    other.write_text(other.read_text(encoding="utf-8").replace("status: resolved", "status: fixed"), encoding="utf-8")
    assert run("check", "--root", str(root), "--now", NOW)[0] == 1  # the site as a whole is broken
    code, after = run(*args)
    assert code == 0, after
    assert after == before  # the same release: other incidents are not part of it
    own = root / f"incidents/2026/{OPEN_ID}.yml"
    own.write_text(own.read_text(encoding="utf-8").replace("status: identified", "status: found"), encoding="utf-8")
    code, output = run(*args)
    assert code == 1
    assert f"incidents/2026/{OPEN_ID}.yml:" in output and "found 'found'" in output
    assert "north-edmonton-fibre-cut" not in output  # only this incident's problems


# --- times as staff write them ----------------------------------------------------------


def test_new_writes_times_to_the_minute_unquoted(tmp_path: Path) -> None:
    root = copy_of_example(tmp_path, with_template=True)
    code, output = run("new", "--root", str(root), "--now", "2026-11-23 10:00:37", "--title", "Internet outage",
                       "--impact", "minor", "--service", "internet", "--area", "beverly",
                       "--message", "We are looking into it.", "--next-update", "1h", "--eta", "2h")  # fmt: skip
    assert code == 0, output
    text = (root / output.strip()).read_text(encoding="utf-8")
    assert "\n  - at: 2026-11-23 10:00\n" in text
    assert "\n    restore_eta: 2026-11-23 12:00\n" in text
    assert "\n    next_update: 2026-11-23 11:00\n" in text
    assert not re.search(r"\d\d:\d\d:\d\d|'20", text), text  # no seconds, no quotes


# --- init asks for what it cannot guess -------------------------------------------------


def test_init_requires_the_name_and_time_zone_when_nobody_can_answer(tmp_path: Path) -> None:
    code, output = run("init", str(tmp_path / "a"), "--name", "Acme")
    assert code == 1
    assert "--timezone is required: your time zone (e.g. America/Edmonton)" in output
    code, output = run("init", str(tmp_path / "a"), "--timezone", "Europe/Dublin")
    assert code == 1
    assert "--name is required: your organisation's name, as read on air" in output
    assert not (tmp_path / "a").exists()


def test_init_asks_at_a_terminal_until_the_answers_are_valid(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli, "_interactive", lambda: True)
    code, output = run("init", str(tmp_path / "a"), input="Acme Net\nMars/Olympus\nEurope/Dublin\n")
    assert code == 0, output
    assert "Your organisation's name, as read on air:" in output
    assert "expected an IANA time zone like America/Edmonton; found 'Mars/Olympus'" in output
    config = load_config(tmp_path / "a")
    assert (config.name, str(config.timezone)) == ("Acme Net", "Europe/Dublin")


def test_init_writes_the_recipients_example_for_its_own_services_and_areas(tmp_path: Path) -> None:
    target = tmp_path / "acme"
    assert run("init", str(target), "--name", "Acme", "--timezone", "America/Edmonton")[0] == 0
    example = target / "examples/recipients.example.yml"
    people = load_recipients(example.read_bytes(), "examples/recipients.example.yml", load_config(target))
    assert [p.kind for p in people] == ["newsroom", "newsroom", "technical"]
    assert "/recipients.yml" in (target / ".gitignore").read_text(encoding="utf-8").splitlines()

    def header(path: Path) -> list[str]:
        return [line for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("#")]

    assert header(example) == header(ROOT / "examples/recipients.example.yml")  # one text, two sets of ids


def test_init_writes_the_channels_example_for_its_own_services_and_areas(tmp_path: Path) -> None:
    target = tmp_path / "acme"
    assert run("init", str(target), "--name", "Acme", "--timezone", "America/Edmonton")[0] == 0
    example = target / "examples/channels.example.yml"
    channels = load_channels(example.read_bytes(), "examples/channels.example.yml", load_config(target))
    assert [c.name for c in channels] == [
        "noc-slack",
        "mastodon",
        "bluesky",
        "teams-ops",
        "downtown-sms",
        "partner-noc",
    ]
    assert "duties" in channels[0].kinds
    assert "/channels.yml" in (target / ".gitignore").read_text(encoding="utf-8").splitlines()
    header = [line for line in example.read_text(encoding="utf-8").splitlines() if line.startswith("#")]
    ours = ROOT / "examples/channels.example.yml"
    assert header == [line for line in ours.read_text(encoding="utf-8").splitlines() if line.startswith("#")]


def test_the_wheel_carries_the_recipients_example(tmp_path: Path) -> None:
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index", "-q",
         "-w", str(tmp_path), str(ROOT)],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert built.returncode == 0, built.stderr
    (wheel,) = tmp_path.glob("outage_bulletin-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "generator/authoring/scaffold/examples/recipients.example.yml" in names
    assert "generator/authoring/scaffold/examples/channels.example.yml" in names
    assert "generator/site_template/mkdocs.yml" in names


# --- check points out text a " #" cut short ----------------------------------------------


CUT = """\
title: Phone outage in Beverly
impact: minor
services: [phone]
areas: [beverly]
customers_affected: 40   # from the switch count
updates:
  - at: 2026-11-22 09:00
    status: investigating
    message: Call 780-555-0100 #2 for updates
    next_update: 2026-11-22 13:00   # promised on the phone
  - at: 2026-11-22 10:00
    status: identified
    message: "Press #2, then 1, for the outage line"
    cause: A line card failed.  #the one replaced in May
"""


def test_check_warns_where_an_unquoted_hash_cut_a_message(tmp_path: Path) -> None:
    root = copy_of_example(tmp_path)
    path = root / "incidents/2026/2026-11-22-phone-outage-in-beverly.yml"
    path.write_text(CUT, encoding="utf-8")
    code, output = run("check", "--root", str(root), "--now", NOW)
    assert code == 0, output
    where = "incidents/2026/2026-11-22-phone-outage-in-beverly.yml"
    expected = [
        f"{where}:9:32: warning: updates[0].message: expected the whole text; put it in quotes to keep what "
        "follows ' #'; found the text cut at ' #': '#2 for updates' was read as a comment and left out",
        f"{where}:14:33: warning: updates[1].cause: expected the whole text; put it in quotes to keep what "
        "follows ' #'; found the text cut at ' #': '#the one replaced in May' was read as a comment and left out",
    ]
    assert [
        line for line in output.splitlines() if "warning:" in line and "' #'" in line
    ] == expected  # comments after numbers and times are staff's own
    assert "ok: 13 files valid, 3 open, 0 overdue, 2 text(s) cut by ' #', 4 text(s) missing a language;" in output
    code, output = run("check", "--root", str(root), "--now", NOW, "--strict")
    assert code == 1 and expected[0].replace(" warning:", "") in output
    path.write_text(
        CUT.replace("message: Call 780-555-0100 #2 for updates", 'message: "Call 780-555-0100 #2 for updates"'),
        encoding="utf-8",
    )
    assert [
        line
        for line in run("check", "--root", str(root), "--now", NOW)[1].splitlines()
        if "warning: " in line and "' #'" in line
    ] == [expected[1]]


# --- YAML's own errors, in words ----------------------------------------------------------

JARGON = re.compile(r"found found|scalar|token|<[a-z ]+>|while (scanning|parsing)|stream")


def test_yaml_syntax_errors_read_in_plain_words() -> None:
    cases = sorted(p for p in (ROOT / "tests/broken").glob("yaml-*") if (p / "expected.txt").is_file())
    assert len(cases) >= 16
    for case in cases:
        message = (case / "expected.txt").read_text(encoding="utf-8")
        assert not JARGON.search(message), f"{case.name}: {message}"
        assert re.match(r"^incidents/2026/[\w.-]+\.yml:\d+:\d+: ", message), case.name  # located
