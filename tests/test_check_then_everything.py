"""If ``outage check`` accepts it, every other command succeeds on it; if not, check says where.

A property-based test: hypothesis writes status repositories whose incident
files and names carry odd text (line breaks, invisible and non-XML characters,
hostile markup, YAML 1.1 forms, huge numbers, times at daylight-saving edges
and far years, statuses in any order). For each one, ``outage check`` either
exits 1 naming the file and line of every problem, or exits 0 — and then
``build``, ``bulletin`` (every format), ``update``, ``notify --dry-run`` and
``channels send --dry-run`` (a chat, a social, a text-message and a webhook
channel) all exit 0 without a traceback.

Every input that ever crashed a command is kept in ``tests/crashers/`` and run
through the same property on every run.
"""

from __future__ import annotations

import json
import re
import shutil
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.cli import main
from generator.incidents.times import localize

ROOT = Path(__file__).resolve().parent.parent
CRASHERS = Path(__file__).parent / "crashers"
LOCATED = re.compile(r"^[\w./-]+:\d+:\d+: ")
SUMMARY = re.compile(r"^\d+ errors? in \d+ files?$")

ACCEPTED = [
    "🔥 outage", "Ünïcödé ÉÈ", "#hash", ": colon", "- dash", "'q'", '"dq"', "{curly}", "[sq]", "&amp;", "\\",
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "]]>", "{{ 7*7 }}", "%s", "1e3", "yes", "12.0",
    "ends with a full stop.", "St. Albert", "153 Ave. NW at 97 St.", "(including 911)", "NOC", "x" * 200,
    "Dial *98; call 780-555-0100 or visit https://status.northwind.example/help/.", "Café déjà vu — “quotes” … ok",
]  # fmt: skip
"""Odd text every field must take: markup, symbols, quotes, YAML look-alikes, accents, emoji."""
REFUSED = ["Castle\nDowns", "x\u2028y", "a\u202eb", "\ufeffz", "\ufffe", "  ", "", "\x07bell", "x\ty"]
"""Text that a single-line field must refuse (and some that every field must)."""
LINE = st.sampled_from(REFUSED + ACCEPTED * 4)
"""A one-line field: odd but acceptable text, refused text about one time in thirteen."""
TEXT = st.one_of(
    st.sampled_from(REFUSED[1:] + ACCEPTED * 6),
    st.lists(st.sampled_from(ACCEPTED), min_size=2, max_size=4).map("\n\n".join),
    st.sampled_from(["**Bold** and [a link](https://example.net/x)", "- one\n- two", "## Heading\n\nText"]),
)
"""A multi-line field: odd text, paragraphs, Markdown; now and then refused text."""
STARTS = [
    "2026-05-12 08:25", "2026-11-01 00:40", "2026-03-08 01:20", "1970-01-02 06:00", "2100-12-30 20:00",
    "2026-12-31 22:30",
]  # fmt: skip
"""First updates: ordinary, just before each daylight-saving change, at the ends of the years allowed."""
STEPS = st.sampled_from([0, 5, 45, 60, 95, 600, 1500])
INCIDENT_STATUSES = ["investigating", "identified", "monitoring", "resolved"]
MAINTENANCE_STATUSES = ["scheduled", "in_progress", "verifying", "completed"]


def quoted(value: object) -> str:
    """A value as YAML: strings as JSON strings (valid YAML), the rest as JSON."""
    return json.dumps(value, ensure_ascii=False)


def stamp(moment) -> str:
    """A time as staff write it, with the offset: unambiguous across daylight-saving changes."""
    return moment.isoformat(timespec="minutes")


CATEGORIES = st.sampled_from(["", ", categories: [primary]", ", categories: [primary, specialised]",
                              ", categories: [public-alerting]"])  # fmt: skip
REPORTING = st.sampled_from([
    "",
    "reporting: [crtc-interim-2023]\n",
    "reporting: [fcc-part4]\n",
    "reporting:\n  regimes:\n    - {regime: crtc-interim-2023, effective_until: 2026-05-11}\n"
    "    - {regime: crtc-2025-225, effective_from: 2026-05-12}\n  recipients: {psap: the 9-1-1 centres}\n",
    "reporting:\n  regimes: [{regime: crtc-2025-225, effective_from: 1970-01-01}]\n  internal:\n    - {id: exec, title: escalation, thresholds: "
    "{user_minutes: {at_least: 1000}}, clock: major, within: 15m, action: tell, recipients: [the executive]}\n",
])  # fmt: skip
"""No reporting, each shipped regime, regimes switching on a date, and an organisation's own rule."""


@st.composite
def repositories(draw: st.DrawFn) -> dict[str, str]:
    """A status.yml and one incident or maintenance file: valid in shape, odd in content, sometimes broken."""
    zone = ZoneInfo("America/Edmonton")
    status = (
        f"name: {quoted(draw(st.one_of(st.just('Northwind Broadband'), LINE)))}\n"
        "site_url: https://status.northwind.example/\ntimezone: America/Edmonton\n"
        f"language: {draw(st.sampled_from(['en'] * 5 + ['en-CA']))}\n"
        'contact: {phone: "780-555-0100", email: support@northwind.example}\n'
        f'media_contact: {{name: {quoted(draw(LINE))}, title: Communications lead, phone: "780-555-0199", '
        "email: media@northwind.example}\n"
        f"services:\n  - {{id: internet, name: Internet{draw(CATEGORIES)}}}\n"
        f"  - {{id: phone, name: Home phone, emergency_calls: true{draw(CATEGORIES)}}}\n"
        f"areas:\n  - {{id: castle-downs, name: {quoted(draw(LINE))}, region: {quoted(draw(LINE))}}}\n"
        f"  - {{id: lauderdale, name: Lauderdale, pronounce: {quoted(draw(LINE))}}}\n"
    )
    status += draw(REPORTING)
    maintenance = draw(st.booleans())
    start = localize(datetime.fromisoformat(draw(st.sampled_from(STARTS))), zone)
    lines = [f"title: {quoted(draw(LINE))}"]
    if maintenance:
        window = start + timedelta(minutes=draw(st.sampled_from([30, 600, 3000])))
        lines += ["kind: maintenance", f"window: {{start: {stamp(window)}, end: {stamp(window + timedelta(hours=2))}}}",
                  f"expected_impact: {quoted(draw(LINE))}"]  # fmt: skip
    lines.append(f"impact: {draw(st.sampled_from(['minor', 'major', 'critical']))}")
    lines.append(
        "services: "
        + quoted(draw(st.lists(st.sampled_from(["internet", "phone"]), min_size=1, max_size=2, unique=True)))
    )
    lines.append(
        "areas: "
        + quoted(draw(st.lists(st.sampled_from(["castle-downs", "lauderdale"]), min_size=1, max_size=2, unique=True)))
    )
    if draw(st.booleans()):
        lines.append(f"broadcast: {draw(st.sampled_from(['true', 'false']))}")
    if draw(st.booleans()):
        lines.append(f"customers_affected: {draw(st.sampled_from(['0', '7', '1250000', '99999999', '12.0']))}")
    if not maintenance and draw(st.booleans()):
        lines.append(f"cause: {quoted(draw(TEXT))}")
    if not maintenance and draw(st.booleans()):
        lines.append(f"discovered_at: {stamp(start + timedelta(minutes=draw(st.sampled_from([-30, 0, 5]))))}")
    if not maintenance and draw(st.booleans()):
        lines.append("community_isolated: true")
    order = MAINTENANCE_STATUSES if maintenance else INCIDENT_STATUSES
    count = draw(st.integers(min_value=1, max_value=4))
    chosen = sorted(draw(st.lists(st.sampled_from(order), min_size=count, max_size=count)), key=order.index)
    lines.append("updates:")
    moment = start
    for status_name in chosen:
        lines += [f"  - at: {stamp(moment)}", f"    status: {status_name}", f"    message: {quoted(draw(TEXT))}"]
        if status_name not in ("resolved", "completed"):
            if draw(st.booleans()):
                lines.append(f"    next_update: {stamp(moment + timedelta(minutes=draw(st.sampled_from([30, 90]))))}")
            if not maintenance and draw(st.booleans()):
                lines.append(f"    restore_eta: {stamp(moment + timedelta(minutes=draw(st.sampled_from([20, 240]))))}")
        if draw(st.booleans()):
            lines.append(f"    customers_affected: {draw(st.sampled_from(['5', '4800', '0']))}")
        if not maintenance and draw(st.booleans()):
            lines.append(f"    cause: {quoted(draw(LINE))}")
        moment += timedelta(minutes=draw(STEPS) or 1)
    if draw(st.booleans()):
        lines.append(f"postmortem: {quoted(draw(TEXT))}")
    return {"status.yml": status, "incident.yml": "\n".join(lines) + "\n"}


CHANNELS = """\
channels:
  - {name: chat, url: 'json://127.0.0.1:9/hook', kinds: [incidents, maintenance, bulletins]}
  - {name: social, url: 'bsky://northwind.bsky.social@app-password', kinds: [incidents, maintenance, bulletins]}
  - {name: sms, url: 'twilio://AC00000000000000000000000000000000:AUTH0TOKEN0000000000000000000000@15551234567/15557654321'}
  - {name: hook, webhook: 'https://hooks.example/in', secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'}
"""
"""One channel of each form; ``--dry-run`` composes every post and webhook without sending."""


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), env=env)
    assert result.exception is None or isinstance(result.exception, SystemExit), (args, result.output, result.exception)
    assert "Traceback" not in result.output, result.output
    return result.exit_code, result.output


def holds(files: dict[str, str], work: Path) -> None:
    """The property, for one repository: check accepts and everything works, or check says where."""
    root = work / "status"
    shutil.rmtree(root, ignore_errors=True)
    (root / "incidents/2026").mkdir(parents=True)
    shutil.copytree(ROOT / "site_template", root / "site_template")
    (root / "status.yml").write_text(files["status.yml"], encoding="utf-8")
    (root / "incidents/2026/2026-05-12-outage.yml").write_text(files["incident.yml"], encoding="utf-8")
    now = "2100-12-31 23:59"  # after everything: every update exists
    code, output = run("check", "--root", str(root), "--now", now)
    if code != 0:
        assert code == 1, output
        lines = [line for line in output.splitlines() if line and not SUMMARY.match(line)]
        assert lines and all(LOCATED.match(line) for line in lines), output
        return
    site, ledger = work / "site", work / "ledger.json"
    ledger.unlink(missing_ok=True)
    assert run("ledger", "init", "--root", str(root), "--now", now, "--ledger", str(ledger))[0] == 0
    assert run("build", "--root", str(root), "--now", now, "--site-dir", str(site), "--ledger", str(ledger))[0] == 0
    for kind in ("radio", "press", "cap", "notice", "sms"):
        code, output = run("bulletin", "--root", str(root), "--now", now, "2026-05-12-outage", "--format", kind)
        assert code == 0, output
    recipients = work / "recipients.yml"
    recipients.write_text("newsrooms:\n  - {name: CKNW News, email: news@radio.example}\n", encoding="utf-8")
    code, output = run(
        "notify", "--root", str(root), "--site-dir", str(site), "--ledger", str(ledger), "--send-all", "--dry-run",
        env={"OUTAGE_RECIPIENTS_FILE": str(recipients), "OUTAGE_RECIPIENTS": ""},
    )  # fmt: skip
    assert code == 0, output
    code, output = run(
        "channels", "send", "--root", str(root), "--now", now, "--site-dir", str(site), "--ledger", str(ledger),
        "--send-all", "--dry-run", env={"OUTAGE_CHANNELS": CHANNELS, "OUTAGE_CHANNELS_FILE": ""},
    )  # fmt: skip
    assert code == 0, output
    if "reporting:" in files["status.yml"] and "kind: maintenance" not in files["incident.yml"]:
        regimes = re.findall(r"(crtc-interim-2023|crtc-2025-225|fcc-part4)", files["status.yml"])
        for regime in [*dict.fromkeys(regimes), *(["internal"] if "internal:" in files["status.yml"] else [])]:
            code, output = run(
                "report", "--root", str(root), "--now", now, "2026-05-12-outage", "--regime", regime,
                "--out", str(work / "reports"), "--force",
            )  # fmt: skip
            assert code == 0 or output.startswith("outage: "), output  # refused in words (not in force), never a crash
    code, output = run(
        "update", "--root", str(root), "--now", now, "2026-05-12-outage",
        "--message", "One more update.",
    )  # fmt: skip
    assert code in (0, 1), output  # refused (say, already resolved) is fine; a crash is not
    if code == 1:
        assert output.startswith("outage: "), output


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(files=repositories())
def test_check_accepts_then_every_command_succeeds(tmp_path: Path, files: dict[str, str]) -> None:
    holds(files, tmp_path)


CASES = sorted(p for p in CRASHERS.iterdir() if p.is_dir())


@pytest.mark.parametrize("case", CASES, ids=[p.name for p in CASES])
def test_every_input_that_once_crashed_a_command(tmp_path: Path, case: Path) -> None:
    base = {"status.yml": (ROOT / "tests/broken/_base/status.yml").read_text(encoding="utf-8")}
    base["incident.yml"] = (ROOT / "tests/broken/_base/incident.yml").read_text(encoding="utf-8")
    for name in ("status.yml", "incident.yml"):
        if (case / name).is_file():
            base[name] = (case / name).read_text(encoding="utf-8")
    holds(base, tmp_path)
