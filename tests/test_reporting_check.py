"""Reporting duties in ``outage check``, from the files staff write: the example's Clareview outage at the
right minute, a clock change, the 9-1-1 path, --strict, ``reported:``, and located errors in the setup.

Every expected line was worked out by hand from the files; the arithmetic is in the comments.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from example_repo import copy_of_example

from generator.cli import main
from generator.incidents.load import load_site
from generator.incidents.times import parse_time
from generator.reporting.outages import site_duties
from generator.reporting.setup import read_setup

ROOT = Path(__file__).resolve().parent.parent
CLAREVIEW = "2026-11-22-clareview-castle-downs-internet-outage"
CLAREVIEW_FILE = f"incidents/2026/{CLAREVIEW}.yml"
NOTIFY = "notify CRTC, ISED and Alberta Emergency Management Agency"


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


def check(root: Path, now: str, *more: str) -> tuple[int, str]:
    return run("check", "--root", str(root), "--now", now, *more)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def duty(key: str, message: str, *, error: bool = False) -> str:
    return f"{CLAREVIEW_FILE}: {'error' if error else 'warning'}: {key}: {message}"


# --- the example: Clareview, 6,000 customers from 07:55 ---------------------------------
#
# The count is stated at 08:55 and, as the first count, holds from began_at (07:55).
# CRTC 2025-225, primary services: 600,000 user-minutes and 30 minutes.
#   600,000 / 6,000 = 100 minutes after 07:55 = 09:35:00 (at 09:34:59: 6,000 x 99.983 = 599,900).
#   The 2-hour clock starts at the crossing: notify by 11:35. The example records the notice at 10:05.
# The organisation's own rule: 500,000 user-minutes, 15 minutes.
#   500,000 / 6,000 = 83 min 20 s after 07:55 = 09:18:20; tell by 09:33:20. Recorded at 09:25.


@pytest.mark.parametrize(
    ("now", "lines", "summary"),
    [
        ("2026-11-22 09:18", [], "reporting: 0 due, 0 overdue"),
        (
            "2026-11-22 09:20",  # 6,000 x 85 minutes = 510,000
            [
                duty(
                    "internal/executive",
                    "Internal executive escalation threshold crossed at 09:18 (500,000 user-minutes); "
                    "tell the executive on call by 09:33",
                )
            ],
            "reporting: 1 due, 0 overdue",
        ),
        ("2026-11-22 09:34:59", [], "reporting: 0 due, 0 overdue"),  # the executive was told at 09:25
        (
            "2026-11-22 09:35",
            [
                duty(
                    "crtc-2025-225/primary-notification",
                    f"CRTC major-outage threshold crossed at 09:35 (600,000 user-minutes); {NOTIFY} by 11:35",
                )
            ],
            "reporting: 1 due, 0 overdue",
        ),
        (
            "2026-11-22 09:37",  # 6,000 x 102 minutes = 612,000
            [
                duty(
                    "crtc-2025-225/primary-notification",
                    f"CRTC major-outage threshold crossed at 09:35 (600,000 user-minutes); {NOTIFY} by 11:35",
                )
            ],
            "reporting: 1 due, 0 overdue",
        ),
        ("2026-11-22 10:05", [], "reporting: 0 due, 0 overdue"),  # notified at 10:05
        ("2026-11-22 12:00", [], "reporting: 0 due, 0 overdue"),
    ],
)
def test_the_example_shows_each_duty_at_the_minute_it_falls_due(now: str, lines: list[str], summary: str) -> None:
    code, output = check(ROOT, now)
    assert code == 0, output
    shown = [line for line in output.splitlines() if "/primary-notification: " in line or "internal/" in line]
    assert shown == lines
    assert f"ok: 12 files valid, 2 open, 0 overdue; {summary}" in output
    assert "note:" not in output  # both regimes selected cover the outage


def test_the_duty_is_shown_until_the_notice_is_recorded() -> None:
    # 07:55 to 10:04:59 is 7,799 seconds: 6,000 x 7,799 / 60 = 779,900 user-minutes.
    code, output = check(ROOT, "2026-11-22 10:04:59")
    assert code == 0
    assert duty("crtc-2025-225/primary-notification", f"CRTC major-outage threshold crossed at 09:35 (600,000 user-minutes); {NOTIFY} by 11:35") in output  # fmt: skip


def test_check_uses_the_site_as_of_now(tmp_path: Path) -> None:
    # The count is first stated at 10:30 instead of 08:55: before 10:30 nothing is known, so no duty;
    # at 10:30 the count holds from 07:55, the threshold was crossed at 09:35, and the duty is due at once.
    root = copy_of_example(tmp_path)
    path = root / CLAREVIEW_FILE
    edit(path, "    customers_affected: 6000      # modems offline behind the hub at 8:50\n", "")
    edit(
        path, "    restore_eta: 2026-11-22 15:00\n", "    restore_eta: 2026-11-22 15:00\n    customers_affected: 6000\n"
    )
    code, output = check(root, "2026-11-22 10:29")
    assert code == 0 and "primary-notification" not in output
    code, output = check(root, "2026-11-22 10:30")
    # 07:55 to 10:30 is 155 minutes: 6,000 x 155 = 930,000. The notice recorded at 10:05 covers it.
    assert "primary-notification" not in output and "reporting: 0 due, 0 overdue" in output
    edit(path, "at: 2026-11-22 10:05", "at: 2026-11-22 10:45")
    code, output = check(root, "2026-11-22 10:30")
    assert duty("crtc-2025-225/primary-notification", f"CRTC major-outage threshold crossed at 09:35 (600,000 user-minutes); {NOTIFY} by 11:35") in output  # fmt: skip


def test_strict_fails_once_a_duty_is_overdue_without_a_reported_entry(tmp_path: Path) -> None:
    root = copy_of_example(tmp_path)
    edit(
        root / CLAREVIEW_FILE,
        "  - rule: crtc-2025-225/primary-notification\n    at: 2026-11-22 10:05\n    by: Sam Okafor\n"
        '    reference: emails to CRTC, ISED and AEMA, subject "Major outage NOC-5391"\n',
        "",
    )
    # 11:35 is the deadline itself: still due, and --strict does not fail on a duty that is due.
    code, output = check(root, "2026-11-22 11:35", "--strict")
    assert code == 0, output
    # 07:55 to 11:35 is 220 minutes: 6,000 x 220 = 1,320,000.
    assert duty("crtc-2025-225/primary-notification", f"CRTC major-outage threshold crossed at 09:35 (600,000 user-minutes); {NOTIFY} by 11:35") in output  # fmt: skip
    # A minute later it is overdue: a warning, and an error with --strict. 221 minutes: 1,326,000.
    late = (
        f"CRTC major-outage threshold crossed at 09:35 (600,000 user-minutes); {NOTIFY} by 11:35, overdue by 1 minute"
    )
    code, output = check(root, "2026-11-22 11:36")
    assert code == 0 and duty("crtc-2025-225/primary-notification", late) in output
    assert "reporting: 0 due, 1 overdue" in output
    code, output = check(root, "2026-11-22 11:36", "--strict")
    assert code == 1
    assert duty("crtc-2025-225/primary-notification", late, error=True) in output
    assert "1 overdue reporting duty(ies); failing because of --strict" in output


def test_a_reported_entry_for_one_recipient_leaves_the_others_due(tmp_path: Path) -> None:
    root = copy_of_example(tmp_path)
    edit(root / CLAREVIEW_FILE, "    by: Sam Okafor\n", "    by: Sam Okafor\n    recipient: crtc\n")
    code, output = check(root, "2026-11-22 10:10")
    assert code == 0
    # 07:55 to 10:10 is 135 minutes: 6,000 x 135 = 810,000.
    assert (
        duty(
            "crtc-2025-225/primary-notification",
            "CRTC major-outage threshold crossed at 09:35 (600,000 user-minutes); notify ISED and Alberta Emergency "
            'Management Agency by 11:35 (done for CRTC at 10:05 by Sam Okafor (emails to CRTC, ISED and AEMA, subject "Major outage NOC-5391"))',
        )
        in output
    )


def test_across_the_fall_back_the_clock_runs_in_elapsed_time(tmp_path: Path) -> None:
    # Clocks go back from 02:00 MDT to 01:00 MST on 1 November 2026. An outage from 00:30 MDT (06:30 UTC)
    # with 6,000 customers reaches 600,000 user-minutes 100 minutes later: 08:10 UTC, which is 01:10 MST
    # (the second 01:10 of the night), not 02:10. The 2-hour deadline is 10:10 UTC = 03:10 MST.
    root = copy_of_example(tmp_path)
    edit(
        root / "status.yml",
        "{regime: crtc-2025-225, effective_from: 2026-11-15}",
        "{regime: crtc-2025-225, effective_from: 2026-11-01}",
    )
    (root / "incidents/2026/2026-11-01-st-albert-overnight-outage.yml").write_text(
        "title: Internet outage in St. Albert\nimpact: major\nservices: [internet]\nareas: [st-albert]\n"
        "began_at: 2026-11-01 00:30\ndiscovered_at: 2026-11-01 00:35\n"
        "updates:\n  - at: 2026-11-01 00:40\n    status: investigating\n"
        "    message: Internet is down in St. Albert.\n    customers_affected: 6000\n",
        encoding="utf-8",
    )
    source = "incidents/2026/2026-11-01-st-albert-overnight-outage.yml"
    code, output = check(root, "2026-11-01T01:09-07:00")  # 99 minutes: 594,000
    assert "primary-notification" not in output
    code, output = check(root, "2026-11-01T01:20-07:00")  # 110 minutes: 660,000
    assert (
        f"{source}: warning: crtc-2025-225/primary-notification: CRTC major-outage threshold crossed at 01:10 MST "
        f"(600,000 user-minutes); {NOTIFY} by 03:10"
    ) in output
    code, output = check(root, "2026-11-01 03:11", "--strict")  # 03:11 MST is 10:11 UTC: a minute late
    assert code == 1
    assert f"{NOTIFY} by 03:10, overdue by 1 minute" in output


def test_a_phone_outage_is_a_911_outage_at_any_size(tmp_path: Path) -> None:
    # Home phone carries 911 calls (emergency_calls: true). Under 2025-225 a 9-1-1 outage is major at once:
    # the 9-1-1 call centres within 30 minutes of discovery (14:05 + 30 = 14:35), the others within 2 hours
    # (16:05). No count is given, so no user-minute rule applies.
    root = copy_of_example(tmp_path)
    source = "incidents/2026/2026-11-20-beverly-phone-outage.yml"
    (root / source).write_text(
        "title: {en: Home phone outage in Beverly, fr: Panne de téléphone résidentiel à Beverly}\nimpact: major\n"
        "services: [phone]\nareas: [beverly]\nbegan_at: 2026-11-20 14:00\ndiscovered_at: 2026-11-20 14:05\n"
        "updates:\n  - at: 2026-11-20 14:20\n    status: investigating\n"
        "    message: {en: Home phone is down in Beverly., fr: Le téléphone résidentiel est en panne à Beverly.}\n",
        encoding="utf-8",
    )
    code, output = check(root, "2026-11-20 14:10")  # the incident's first update is at 14:20: not posted yet
    assert source not in output
    code, output = check(root, "2026-11-20 14:30")
    lines = [line for line in output.splitlines() if line.startswith(source)]
    assert lines == [
        f"{source}: warning: crtc-2025-225/911-call-centres: CRTC 9-1-1 outage discovered at 14:05; "
        "notify the Edmonton 9-1-1 call centres by 14:35",
        f"{source}: warning: crtc-2025-225/911-authorities: CRTC 9-1-1 outage discovered at 14:05; {NOTIFY} by 16:05",
    ]
    code, output = check(root, "2026-11-20 14:36", "--strict")
    assert code == 1
    assert (
        f"{source}: error: crtc-2025-225/911-call-centres: CRTC 9-1-1 outage discovered at 14:05; "
        "notify the Edmonton 9-1-1 call centres by 14:35, overdue by 1 minute"
    ) in output
    edit(
        root / source,
        "updates:",
        "reported:\n  - {rule: crtc-2025-225/911-call-centres, at: 2026-11-20 14:25, by: NOC}\nupdates:",
    )
    code, output = check(root, "2026-11-20 14:36", "--strict")
    assert code == 0, output
    assert "911-call-centres" not in output and "reporting: 1 due, 0 overdue" in output


def test_a_regime_not_in_force_is_named_and_gives_no_duty(tmp_path: Path) -> None:
    root = copy_of_example(tmp_path)
    edit(root / "status.yml", "    - {regime: crtc-2025-225, effective_from: 2026-11-15}\n", "    - crtc-2025-225\n")
    edit(root / CLAREVIEW_FILE, "  - rule: crtc-2025-225/primary-notification\n", "  - rule: internal/executive\n")
    code, output = check(root, "2026-11-22 09:37")
    assert code == 0
    assert "primary-notification" not in output
    assert (
        "status.yml: note: crtc-2025-225 is not in force on 2026-11-22: its start date has not been set; "
        "give it as effective_from in status.yml once the regulator sets one"
    ) in output
    code, output = check(root, "2026-11-10 09:37")  # a regime whose start is later is named too
    assert "status.yml: note: crtc-2025-225 is not in force" in output


def test_a_missing_discovered_at_is_a_warning_when_the_outage_has_duties(tmp_path: Path) -> None:
    root = copy_of_example(tmp_path)
    edit(root / CLAREVIEW_FILE, "discovered_at: 2026-11-22 08:02   # the NOC saw the hub's alarm\n", "")
    warning = (
        f"{CLAREVIEW_FILE}:20:9: warning: discovered_at: expected when you became aware of the outage: the clocks "
        "of its reporting duties run from it (without it, the first update, 2026-11-22 08:10, is taken); found none"
    )
    code, output = check(root, "2026-11-22 09:00")  # 6,000 x 65 = 390,000: no duty yet, no warning
    assert "discovered_at" not in output
    code, output = check(root, "2026-11-22 09:37")
    assert code == 0 and warning in output
    code, output = check(root, "2026-11-22 09:37", "--strict")
    assert code == 1 and warning.replace(" warning:", "") in output
    assert "1 reporting warning(s); failing because of --strict" in output


def test_site_duties_is_what_check_prints_for_the_delivery_stage() -> None:
    site = load_site(ROOT)
    setup = read_setup((ROOT / "status.yml").read_bytes(), site.config)
    now = parse_time("2026-11-22 09:37", site.config.timezone)
    (outage,) = site_duties(site, setup, now)
    assert outage.incident.id == CLAREVIEW
    assert [d.key for d in outage.pending] == ["crtc-2025-225/primary-notification"]
    assert outage.pending[0].message == f"CRTC major-outage threshold crossed at 09:35 (600,000 user-minutes); {NOTIFY} by 11:35"  # fmt: skip
    assert [(d.key, str(d.status)) for d in outage.duties] == [
        ("internal/executive", "reported"),
        ("crtc-2025-225/primary-notification", "due"),
        ("crtc-2025-225/post-outage-report", "not yet due"),
    ]


def test_the_readme_shows_what_check_prints() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split('```text\n$ outage check --now "2026-11-22 09:37"\n', 1)[1].split("```", 1)[0]
    code, output = check(ROOT, "2026-11-22 09:37")
    assert code == 0
    assert output.splitlines() == block.splitlines()
    intro = readme.split("## Regulatory reporting", 1)[1].split("```text\n", 1)[1].split("```", 1)[0]
    assert f"{CLAREVIEW_FILE}: warning: crtc-2025-225/primary-notification: {intro.strip()}" in output


def test_the_fcc_counts_the_customers_potentially_affected(tmp_path: Path) -> None:
    # 10,000 customers affected, 30,000 potentially affected, from 10:00 (discovered then). The FCC's NORS
    # threshold is 900,000 potentially affected user-minutes and 30 minutes: 900,000 / 30,000 = 30 minutes,
    # so 10:30:00 (counting customers affected it would be 90 minutes, 11:30). The notification is due
    # 120 minutes after discovery: 12:00.
    root = tmp_path / "project"
    (root / "incidents" / "2026").mkdir(parents=True)
    (root / "status.yml").write_text(
        "name: Northwind Broadband\nsite_url: https://status.northwind.example/\ntimezone: America/New_York\n"
        'contact: {phone: "555-0100", email: support@northwind.example}\n'
        "services:\n  - {id: voice, name: Home phone, categories: [telephony]}\n"
        "areas:\n  - {id: downtown, name: Downtown}\nreporting:\n  regimes: [fcc-part4]\n",
        encoding="utf-8",
    )
    source = "incidents/2026/2026-03-02-downtown-phone-outage.yml"
    (root / source).write_text(
        "title: Phone outage downtown\nimpact: major\nservices: [voice]\nareas: [downtown]\n"
        "began_at: 2026-03-02 10:00\ndiscovered_at: 2026-03-02 10:00\n"
        "updates:\n  - at: 2026-03-02 10:05\n    status: investigating\n    message: Phone service is down.\n"
        "    customers_affected: 10000\n    customers_potentially_affected: 30000\n",
        encoding="utf-8",
    )
    code, output = check(root, "2026-03-02 10:29")  # 30,000 x 29 = 870,000
    assert code == 0 and "nors-notification" not in output
    code, output = check(root, "2026-03-02 10:31")  # 30,000 x 31 = 930,000
    assert (
        f"{source}: warning: fcc-part4/nors-notification: FCC NORS reporting threshold crossed at 10:30 "
        "(900,000 potentially affected user-minutes); file a notification with the FCC (NORS) by 12:00"
    ) in output
