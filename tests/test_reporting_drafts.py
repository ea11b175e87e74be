"""Drafts of the notification and the post-outage report, checked against the fields the published texts ask for,
and the SVG timeline chart, checked with lxml."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
from lxml import etree
from reporting_helpers import ALBERTA, EDMONTON, FCC, FINAL, INTERIM, at, outage

from generator.reporting.chart import timeline_svg
from generator.reporting.drafts import Entry, OutageStory, notification_draft, post_outage_report_draft
from generator.reporting.duties import duties
from generator.reporting.facts import Reported

SVG = "{http://www.w3.org/2000/svg}"

# Clareview: internet down from 07:55 (found 08:10), 2,300 customers, 2,600 from 10:30, restored 14:40.
CLAREVIEW = outage(
    "2026-11-22 07:55",
    [("2026-11-22 08:10", 2300), ("2026-11-22 10:30", 2600)],
    discovered="2026-11-22 08:10",
    restored="2026-11-22 14:40",
)
STORY = OutageStory(
    reference="2026-11-22-clareview-castle-downs-internet-outage",
    title="Internet outage in Clareview and Castle Downs",
    organisation="Northwind Broadband",
    contact_name="Dana Reyes",
    contact_phone="780-555-0199",
    contact_email="media@northwind.example",
    service_names={"internet": "Internet"},
    areas=("Clareview (Northeast Edmonton)", "Castle Downs (North Edmonton)"),
    cause="A circuit board failed in the router at our north Edmonton hub.",
    restore_eta=at("2026-11-22 15:00"),
    updates=(
        Entry(at("2026-11-22 08:10"), "investigating", "Internet is down in Clareview and Castle Downs."),
        Entry(at("2026-11-22 10:30"), "identified", "A circuit board | in the hub's main router has failed."),
        Entry(at("2026-11-22 14:40"), "resolved", "Service is restored."),
    ),
)
NOW = at("2026-11-23 09:00")
NOTIFIED = Reported("crtc-2025-225/primary-notification", at("2026-11-22 12:40"), "Dana Reyes", "CRTC-2026-17")


def clareview_duties() -> list:
    return duties(CLAREVIEW, [FINAL], NOW, zone=EDMONTON, reported=[NOTIFIED], names=ALBERTA)


def sections(markdown: str) -> dict[str, str]:
    """Heading -> the text under it."""
    parts = re.split(r"^## (.+)$", markdown, flags=re.MULTILINE)
    return {parts[i].strip(): parts[i + 1].strip() for i in range(1, len(parts), 2)}


# What each published text asks a notification to give, and the section of the draft that gives it.
NOTIFICATION_FIELDS = [
    ("47 CFR 4.11: the name of the reporting entity", "Reporting entity", "Northwind Broadband"),
    (
        "47 CFR 4.11: the date and time of onset of the outage",
        "Date and time the outage began",
        "- Began: 2026-11-22 07:55 MST",
    ),
    (
        "47 CFR 4.11: a brief description of the problem",
        "Description of the problem and its cause",
        "A circuit board failed",
    ),
    ("47 CFR 4.11: service effects", "Services affected", "- Internet (primary)"),
    ("47 CFR 4.11: the geographic area affected", "Geographic area affected", "- Clareview (Northeast Edmonton)"),
    ("47 CFR 4.11: a contact name and telephone number", "Contact for follow-up", "Dana Reyes, 780-555-0199"),
    ("47 CFR 4.9, 911 notices: an identifier unique to the outage", "Outage identifier", STORY.reference),
    ("47 CFR 4.9, 911 notices: an email address for follow-up", "Contact for follow-up", "media@northwind.example"),
    ("47 CFR 4.9, 911 notices: the expected restoration", "Expected restoration", "restored at 2026-11-22 14:40 MST"),
    ("CRTC form: customers affected", "Customers affected", "- Customers affected: 2,600 as of 2026-11-22 14:40 MST"),
]


@pytest.mark.parametrize(("field", "section", "text"), NOTIFICATION_FIELDS)
def test_the_notification_gives_each_published_field(field: str, section: str, text: str) -> None:
    duty = next(d for d in clareview_duties() if d.rule.id == "primary-notification")
    found = sections(notification_draft(duty, CLAREVIEW, STORY, NOW, EDMONTON))
    assert text in found[section], field


def test_the_notification_names_the_rule_its_source_and_date_and_says_it_is_an_aid() -> None:
    duty = next(d for d in clareview_duties() if d.rule.id == "primary-notification")
    draft = notification_draft(duty, CLAREVIEW, STORY, NOW, EDMONTON)
    assert draft.startswith(
        "# Draft notification to CRTC, ISED and the federal, provincial and territorial emergency-management"
        " organisations: Internet outage in Clareview and Castle Downs\n"
    )
    assert "an aid, not legal advice" in draft
    assert (
        "**Rule:** CRTC major-outage threshold (Telecom Decision CRTC 2025-225, major primary service outage)" in draft
    )
    assert (
        "- Source: Telecom Decision CRTC 2025-225, Mandatory notification and reporting of major telecommunications"
        " service outages, 4 September 2025, <https://crtc.gc.ca/eng/archive/2025/2025-225.htm>"
    ) in draft
    # 2,300 x 155 min to 10:30 = 356,500, then 2,600 x 93 min 40 s = 243,533.3: crossed at 12:03:40.
    assert "- Threshold crossed: 2026-11-22 12:03 MST" in draft


# What each published text asks a post-outage report to give, and the draft's section for it.
REPORT_FIELDS = [
    ("CRTC interim (22 Feb 2023): the causes of the outage", "Cause"),
    ("CRTC interim: the steps taken to repair service", "Steps taken to restore service"),
    (
        "CRTC interim: how emergency and accessibility services were impacted",
        "Effects on emergency and accessibility services",
    ),
    (
        "CRTC interim: the plan to prevent similar outages",
        "Lessons learned, corrective actions and the plan to prevent a recurrence",
    ),
    ("CRTC 2025-225: the effects of the outage", "Customers and user-minutes over time"),
    (
        "CRTC 2025-225: lessons learned and corrective actions",
        "Lessons learned, corrective actions and the plan to prevent a recurrence",
    ),
    ("CRTC 2025-225: the services affected", "Services affected"),
    ("CRTC 2025-225: areas and communities", "Areas and communities affected"),
    ("Restoration", "Restoration"),
    ("Timeline", "Timeline"),
]


@pytest.mark.parametrize(("field", "section"), REPORT_FIELDS)
def test_the_post_outage_report_has_a_section_for_each_published_field(field: str, section: str) -> None:
    report = post_outage_report_draft(clareview_duties(), FINAL, CLAREVIEW, STORY, NOW, EDMONTON)
    assert sections(report).get(section), field


def test_the_post_outage_report_in_detail() -> None:
    report = post_outage_report_draft(clareview_duties(), FINAL, CLAREVIEW, STORY, NOW, EDMONTON)
    found = sections(report)
    assert report.startswith("# Draft post-outage report to CRTC: Internet outage in Clareview and Castle Downs\n")
    # Due 30 days (720 hours) after 14:40 on Nov 22: Dec 22 14:40 MST.
    assert (
        "**Duty:** CRTC post-outage report: service restored at Nov 22 14:40;"
        " file the post-outage report with CRTC by Dec 22 14:40"
    ) in report
    # 07:55 to 14:40 is 6 h 45 min; 356,500 + 2,600 x 250 min (10:30 to 14:40) = 1,006,500 user-minutes.
    assert found["Summary"] == (
        "Northwind Broadband, outage 2026-11-22-clareview-castle-downs-internet-outage: Internet in"
        " Clareview (Northeast Edmonton) and Castle Downs (North Edmonton). Began 2026-11-22 07:55 MST,"
        " discovered 2026-11-22 08:10 MST, restored at 2026-11-22 14:40 MST after 6 hours 45 minutes;"
        " at most 2,600 customers affected, 1,006,500 user-minutes."
    )
    assert found["Timeline"].splitlines() == [
        "| Time | Event |",
        "| --- | --- |",
        "| 2026-11-22 07:55 MST | Outage began |",
        "| 2026-11-22 08:10 MST | Outage discovered |",
        "| 2026-11-22 08:10 MST | Update to customers (investigating): Internet is down in Clareview and Castle Downs. |",
        "| 2026-11-22 10:30 MST | Update to customers (identified): A circuit board \\| in the hub's main router has failed. |",
        "| 2026-11-22 12:03 MST | CRTC major-outage threshold crossed |",
        "| 2026-11-22 12:40 MST | crtc-2025-225/primary-notification reported by Dana Reyes (CRTC-2026-17) |",
        "| 2026-11-22 14:40 MST | Update to customers (resolved): Service is restored. |",
        "| 2026-11-22 14:40 MST | Service restored |",
    ]
    table = [line for line in found["Customers and user-minutes over time"].splitlines() if line.startswith("| 2026")]
    assert table == [
        "| 2026-11-22 07:55 MST | 2026-11-22 10:30 MST | 2,300 | 356,500 |",
        "| 2026-11-22 10:30 MST | 2026-11-22 14:40 MST | 2,600 | 1,006,500 |",
    ]
    assert (
        "![Customers affected and cumulative user-minutes, with the threshold and its crossing](timeline.svg)" in report
    )
    assert found["Lessons learned, corrective actions and the plan to prevent a recurrence"] == "**To complete.**"
    assert found["Effects on emergency and accessibility services"].startswith(
        "- 9-1-1 calls: no service of this kind was marked as affected.\n"
        "- TTY, IP relay or 9-8-8: no service of this kind was marked as affected."
    )


def test_the_interim_report_and_a_911_outage_name_the_emergency_service() -> None:
    phone = outage(
        "2026-11-22 08:00",
        [("2026-11-22 08:00", 50)],
        restored="2026-11-22 09:00",
        services={"phone": {"primary", "emergency-calls"}},
        isolated=True,
    )
    story = replace(STORY, service_names={"phone": "Home phone"}, areas=("Sturgeon County",))
    now = at("2026-11-22 10:00")
    found = duties(phone, [INTERIM], now, zone=EDMONTON)
    found_sections = sections(post_outage_report_draft(found, INTERIM, phone, story, now, EDMONTON))
    assert found_sections["Effects on emergency and accessibility services"].startswith(
        "- 9-1-1 calls: affected (Home phone).\n"
    )
    assert found_sections["Areas and communities affected"] == (
        "- Sturgeon County\n- The outage cut off a community that only this provider serves."
    )


def test_a_notification_before_restoration_gives_the_published_estimate() -> None:
    open_outage = outage("2026-11-22 07:55", [("2026-11-22 08:10", 2300)], discovered="2026-11-22 08:10")
    now = at("2026-11-22 12:30")
    duty = next(d for d in duties(open_outage, [FINAL], now, zone=EDMONTON) if d.rule.id == "primary-notification")
    found = sections(notification_draft(duty, open_outage, STORY, now, EDMONTON))
    assert found["Expected restoration"] == "Expected by 2026-11-22 15:00 MST (the estimate published to customers)."
    # Clareview at one count: 600,000 / 2,300 = 260.87 minutes after 07:55 = 12:15:53.
    assert "- Threshold crossed: 2026-11-22 12:15 MST" in found["Date and time the outage began"]


def test_fcc_notification_counts_potentially_affected_users() -> None:
    facts = outage(
        "2026-11-22 08:00", [("2026-11-22 08:00", 20_000, 30_000)], services={"phone": {"telephony", "emergency-calls"}}
    )
    now = at("2026-11-22 08:40")
    duty = next(d for d in duties(facts, [FCC], now, zone=EDMONTON) if d.rule.id == "nors-notification")
    found = sections(notification_draft(duty, facts, STORY, now, EDMONTON))
    # 40 minutes: 20,000 x 40 = 800,000 affected; 30,000 x 40 = 1,200,000 potentially.
    assert found["Customers affected"].splitlines()[1:] == [
        "- User-minutes: 800,000 from the start to 2026-11-22 08:40 MST",
        "- Potentially affected: at most 30,000 users, 1,200,000 user-minutes",
    ]


# --- the SVG chart ------------------------------------------------------------------------------


def clareview_chart(title: str = "Clareview outage") -> str:
    crossing = next(d for d in clareview_duties() if d.rule.id == "primary-notification").met_at
    return timeline_svg(CLAREVIEW, NOW, EDMONTON, threshold=600_000, crossed_at=crossing, title=title)


def test_the_chart_is_well_formed_svg_with_the_crossing_marked() -> None:
    root = etree.fromstring(clareview_chart().encode())
    assert root.tag == f"{SVG}svg" and root.get("role") == "img"
    [marker] = root.iterfind(f".//{SVG}circle[@id='crossing']")
    # 07:55 to 14:40 is 24,300 s across 550 px from x = 80; crossed 14,920 s in (12:03:40): 80 + 550 x 14,920 / 24,300
    # = 417.7. Threshold 600,000 on a scale to 2,000,000 (1,006,500 x 1.1 rounded up): 290 - 240 x 0.3 = 218.0.
    assert (marker.get("cx"), marker.get("cy")) == ("417.7", "218.0")
    assert marker.findtext(f"{SVG}title") == "crossed at 2026-11-22 12:03 MST"
    texts = [t.text for t in root.iterfind(f".//{SVG}text")]
    assert "threshold: 600,000 user-minutes" in texts and "crossed at 2026-11-22 12:03 MST" in texts
    assert root.findtext(f"{SVG}desc") == (
        "From 2026-11-22 07:55 MST to 2026-11-22 14:40 MST: at most 2,600 customers affected, 1,006,500 user-minutes in all."
    )


def test_the_chart_draws_both_lines_through_the_right_points() -> None:
    root = etree.fromstring(clareview_chart().encode())
    customers = root.find(f".//{SVG}path[@class='customers']").get("d")
    minutes = root.find(f".//{SVG}path[@class='user-minutes']").get("d")
    # Customers on a scale to 5,000 (2,600 x 1.1 rounded up): 2,300 at y = 290 - 240 x 0.46 = 179.6, 2,600 at 165.2.
    # 10:30 is 9,300 s in: x = 80 + 550 x 9,300 / 24,300 = 290.5.
    assert customers == "M80.0 179.6 L290.5 179.6 L290.5 165.2 L630.0 165.2"
    # User-minutes: 0 at the start; 356,500 at 10:30 (y = 290 - 240 x 0.17825 = 247.2); 1,006,500 at 14:40 (169.2).
    assert minutes == "M80.0 290.0 L290.5 247.2 L630.0 169.2"


def test_the_chart_escapes_text_and_is_reproducible() -> None:
    chart = clareview_chart(title='Outage <script>alert("x")</script> & more')
    root = etree.fromstring(chart.encode())
    assert root.findtext(f"{SVG}title") == 'Outage <script>alert("x")</script> & more'
    assert "<script>" not in chart
    assert chart == clareview_chart(title='Outage <script>alert("x")</script> & more')


def test_no_crossing_marker_when_the_threshold_was_not_crossed() -> None:
    small = outage("2026-11-22 08:00", [("2026-11-22 08:00", 100)], restored="2026-11-22 09:00")
    root = etree.fromstring(timeline_svg(small, NOW, EDMONTON, threshold=600_000).encode())
    assert root.find(f".//{SVG}circle[@id='crossing']") is None
    assert root.find(f".//{SVG}line[@class='threshold']") is not None
