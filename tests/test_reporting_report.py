"""``outage report``: drafts of the notification and the post-outage report, written outside the site.

The example's Clareview outage, resolved at 14:40: 6,000 customers from 07:55 to 14:40 (405 minutes) is
2,430,000 user-minutes; the CRTC threshold of 600,000 was crossed at 09:35 (100 minutes); the notice is
recorded at 10:05; the post-outage report is due 30 days after restoration, Dec 22 14:40.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from example_repo import copy_of_example
from lxml import etree

from generator.cli import main

ROOT = Path(__file__).resolve().parent.parent
CLAREVIEW = "2026-11-22-clareview-castle-downs-internet-outage"
SVG = "{http://www.w3.org/2000/svg}"


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


@pytest.fixture
def resolved(tmp_path: Path) -> Path:
    root = copy_of_example(tmp_path, with_template=True)
    code, output = run("resolve", "--root", str(root), CLAREVIEW, "--now", "2026-11-22 14:40", "--message", "Service is back.")  # fmt: skip
    assert code == 0, output
    return root


def report(root: Path, *more: str, now: str = "2026-11-23 09:00") -> tuple[int, str]:
    return run("report", "--root", str(root), CLAREVIEW, "--regime", "crtc-2025-225", "--now", now, *more)


def sections(markdown: str) -> dict[str, str]:
    parts = re.split(r"^## (.+)$", markdown, flags=re.MULTILINE)
    return {parts[i].strip(): parts[i + 1].strip() for i in range(1, len(parts), 2)}


# What the published texts ask a notification to give (47 CFR 4.11 and the 911 notices; the CRTC asks the
# same facts), and what the draft's section says, from the example's files.
NOTIFICATION_FIELDS = [
    ("the reporting entity", "Reporting entity", "Northwind Broadband"),
    ("a contact for follow-up (status.yml's reporting.contact)", "Contact for follow-up",
     "Sam Okafor, 780-555-0142, regulatory@northwind.example"),
    ("an identifier unique to the outage", "Outage identifier", CLAREVIEW),
    ("the date and time of onset (began_at)", "Date and time the outage began", "- Began: 2026-11-22 07:55 MST"),
    ("when it was discovered (discovered_at)", "Date and time the outage began", "- Discovered: 2026-11-22 08:02 MST"),
    ("when it became major", "Date and time the outage began", "- Threshold crossed: 2026-11-22 09:35 MST"),
    ("the services affected, with their categories", "Services affected", "- Internet (primary)"),
    ("the geographic area", "Geographic area affected", "- Clareview (Northeast Edmonton)\n- Castle Downs (North Edmonton)"),
    ("customers affected", "Customers affected", "- Customers affected: 6,000 as of 2026-11-22 14:40 MST (at most 6,000)"),
    ("user-minutes", "Customers affected", "- User-minutes: 2,430,000 from the start to 2026-11-22 14:40 MST"),
    ("a description of the problem and its cause", "Description of the problem and its cause",
     "A circuit board failed in the router at our north Edmonton hub"),
    ("the (expected) restoration", "Expected restoration", "Service was restored at 2026-11-22 14:40 MST."),
]  # fmt: skip

# What CRTC 2025-225 (and the interim rules) ask a post-outage report to give, and the draft's section.
REPORT_FIELDS = [
    ("the causes", "Cause", "A circuit board failed in the router at our north Edmonton hub"),
    ("the effects: customers over time", "Customers and user-minutes over time",
     "| 2026-11-22 07:55 MST | 2026-11-22 14:40 MST | 6,000 | 2,430,000 |"),
    ("the steps taken to restore service", "Steps taken to restore service",
     "- 2026-11-22 10:30 MST (identified): A circuit board in the hub's main router has failed."),
    ("how emergency and accessibility services were affected", "Effects on emergency and accessibility services",
     "- 9-1-1 calls: no service of this kind was marked as affected."),
    ("lessons learned and corrective actions", "Lessons learned, corrective actions and the plan to prevent a recurrence",
     "**To complete.**"),
    ("the services affected", "Services affected", "- Internet (primary)"),
    ("areas and communities", "Areas and communities affected", "- Castle Downs (North Edmonton)"),
    ("restoration", "Restoration", "Service was restored at 2026-11-22 14:40 MST."),
    ("the timeline, with the threshold crossed", "Timeline", "| 2026-11-22 09:35 MST | CRTC major-outage threshold crossed |"),
    ("the timeline, with the notice given", "Timeline",
     "| 2026-11-22 10:05 MST | crtc-2025-225/primary-notification reported by Sam Okafor"),
    ("the summary", "Summary", "restored at 2026-11-22 14:40 MST after 6 hours 45 minutes; at most 6,000 customers "
     "affected, 2,430,000 user-minutes."),
]  # fmt: skip


def test_report_writes_both_drafts_and_the_chart_into_reports(resolved: Path) -> None:
    code, output = report(resolved)
    assert code == 0, output
    folder = resolved / "reports" / CLAREVIEW / "crtc-2025-225"
    names = ["notification-primary-notification.md", "post-outage-report.md", "timeline.svg"]
    assert output.splitlines() == [(folder / name).as_posix() for name in names]
    assert sorted(p.name for p in folder.iterdir()) == names
    notification = (folder / names[0]).read_text(encoding="utf-8")
    assert notification.startswith(
        "# Draft notification to CRTC, ISED and Alberta Emergency Management Agency: "
        "Internet outage in Clareview and Castle Downs\n"
    )
    assert "It is an aid, not legal advice" in notification
    found = sections(notification)
    for field, section, text in NOTIFICATION_FIELDS:
        assert text in found[section], field
    post = (folder / names[1]).read_text(encoding="utf-8")
    assert post.startswith("# Draft post-outage report to CRTC: Internet outage in Clareview and Castle Downs\n")
    assert (
        "**Duty:** CRTC post-outage report: service restored at Nov 22 14:40; file the post-outage report with "
        "CRTC by Dec 22 14:40"
    ) in post
    found = sections(post)
    for field, section, text in REPORT_FIELDS:
        assert text in found[section], field
    assert (
        "![Customers affected and cumulative user-minutes, with the threshold and its crossing](timeline.svg)" in post
    )
    chart = etree.fromstring((folder / names[2]).read_bytes())
    assert chart.tag == f"{SVG}svg"
    assert chart.findtext(f"{SVG}desc") == (
        "From 2026-11-22 07:55 MST to 2026-11-22 14:40 MST: at most 6,000 customers affected, "
        "2,430,000 user-minutes in all."
    )
    crossing = chart.find(f".//{SVG}circle[@id='crossing']")
    assert crossing is not None and crossing.findtext(f"{SVG}title") == "crossed at 2026-11-22 09:35 MST"


def test_stage_writes_one_draft_and_the_chart(resolved: Path) -> None:
    code, output = report(resolved, "--stage", "final", "--out", str(resolved / "drafts"))
    assert code == 0, output
    folder = resolved / "drafts" / CLAREVIEW / "crtc-2025-225"
    assert sorted(p.name for p in folder.iterdir()) == ["post-outage-report.md", "timeline.svg"]
    code, output = report(resolved, "--stage", "notification", "--out", str(resolved / "early"), now="2026-11-22 09:40")
    assert code == 0, output
    folder = resolved / "early" / CLAREVIEW / "crtc-2025-225"
    assert sorted(p.name for p in folder.iterdir()) == ["notification-primary-notification.md", "timeline.svg"]
    found = sections((folder / "notification-primary-notification.md").read_text(encoding="utf-8"))
    # As of 09:40: 105 minutes x 6,000 = 630,000; no cause yet (found at 10:30); the estimate is not given yet.
    assert "- User-minutes: 630,000 from the start to 2026-11-22 09:40 MST" in found["Customers affected"]
    assert found["Description of the problem and its cause"] == "Not yet known."
    assert found["Expected restoration"] == "Not yet estimated."


def test_drafts_are_reproducible_and_never_overwritten_without_force(resolved: Path) -> None:
    assert report(resolved)[0] == 0
    folder = resolved / "reports" / CLAREVIEW / "crtc-2025-225"
    first = {p.name: p.read_bytes() for p in folder.iterdir()}
    (folder / "post-outage-report.md").write_text("my edits", encoding="utf-8")
    code, output = report(resolved)
    assert code == 1
    assert (
        f"outage: {folder / 'notification-primary-notification.md'} exists already (it may hold your edits)" in output
    )
    assert (folder / "post-outage-report.md").read_text(encoding="utf-8") == "my edits"
    assert report(resolved, "--force")[0] == 0
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == first


def test_drafts_are_git_ignored_and_never_published(resolved: Path, tmp_path: Path) -> None:
    assert "\n/reports/\n" in (ROOT / ".gitignore").read_text(encoding="utf-8")
    target = tmp_path / "new-status"
    assert run("init", str(target))[0] == 0
    assert "\n/reports/\n" in (target / ".gitignore").read_text(encoding="utf-8")
    assert report(resolved)[0] == 0
    site = tmp_path / "site"
    code, output = run("build", "--root", str(resolved), "--now", "2026-11-23 09:00", "--site-dir", str(site))
    assert code == 0, output
    built = [p for p in site.rglob("*") if p.is_file()]
    assert built and not [p for p in built if p.name in ("post-outage-report.md", "timeline.svg")]
    assert not [p for p in built if p.suffix in (".html", ".txt", ".json", ".xml") and b"Sam Okafor" in p.read_bytes()]
    code, output = report(resolved, "--out", str(resolved / "site_template" / "docs"))
    assert code == 1 and "--out: expected a folder outside" in output and "which is published" in output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["2026-11-22-clareview", "--regime", "crtc-2025-225"],
         f"outage: no incident with the id '2026-11-22-clareview' under incidents/; did you mean {CLAREVIEW}"),
        ([CLAREVIEW, "--regime", "fcc-part4"],
         "outage: --regime: expected one of the regimes status.yml selects (crtc-interim-2023, crtc-2025-225, "
         "internal); found 'fcc-part4'"),
        ([CLAREVIEW, "--regime", "crtc-interim-2023"],
         f"outage: crtc-interim-2023 does not cover {CLAREVIEW}: it is not in force for outages that began on 2026-11-22"),
        ([CLAREVIEW, "--regime", "crtc-2025-225", "--stage", "draft"],
         "Invalid value for '--stage': 'draft' is not one of 'notification', 'final'."),
        ([CLAREVIEW, "--regime", "crtc-2025-225", "--now", "2026-11-22 09:00"],
         f"outage: {CLAREVIEW} has no duty under crtc-2025-225 as of 2026-11-22 09:00 MST: it meets none of its rules"),
        ([CLAREVIEW, "--regime", "crtc-2025-225", "--now", "2026-11-22 08:00"],
         f"outage: {CLAREVIEW} has no update yet at 2026-11-22T08:00:00-07:00 (--now)"),
        (["2026-11-19-lauderdale-beverly-core-router-upgrade", "--regime", "crtc-2025-225"],
         "outage: 2026-11-19-lauderdale-beverly-core-router-upgrade is planned maintenance: reports are drafted "
         "for outages (incidents)"),
    ],
)  # fmt: skip
def test_report_refuses_what_it_cannot_draft(tmp_path: Path, args: list[str], message: str) -> None:
    root = copy_of_example(tmp_path)
    if "--now" not in args:
        args = [*args, "--now", "2026-11-22 12:00"]
    code, output = run("report", "--root", str(root), *args)
    assert code != 0
    assert message in output
    assert not (root / "reports").exists()


def test_the_organisations_own_rules_can_be_drafted_too(tmp_path: Path) -> None:
    root = copy_of_example(tmp_path)
    code, output = run("report", "--root", str(root), CLAREVIEW, "--regime", "internal", "--now", "2026-11-22 09:20")
    assert code == 0, output
    draft = (root / "reports" / CLAREVIEW / "internal" / "notification-executive.md").read_text(encoding="utf-8")
    assert draft.startswith(
        "# Draft notification to the executive on call: Internet outage in Clareview and Castle Downs\n"
    )
    assert "- Threshold crossed: 2026-11-22 09:18 MST" in draft  # 500,000 / 6,000 = 83 min 20 s after 07:55
