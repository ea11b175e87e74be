"""Table tests for FCC 47 CFR Part 4: NORS thresholds and deadlines, 911 and 988 notices, interconnected VoIP.

Each case is written from the rule text (see fcc-part4.yml for the
citations); each expected time and number is worked out by hand beside it.
"""

from __future__ import annotations

import pytest
from reporting_helpers import FCC, at, one, outage, table

from generator.reporting.facts import Reported

PHONE = {"phone": {"telephony", "emergency-calls"}}
VOIP = {"voice": {"interconnected-voip", "emergency-calls"}}
EVERY_DUTY_OF_A_BIG_PHONE_OUTAGE = {
    "911-special-facility": "due",
    "988-notification": "due",
    "nors-notification": "due",
    "nors-initial-report": "due",
    "nors-final-report": "due",
    "911-follow-up": "not yet due",
    "988-follow-up": "not yet due",
}


def big_phone_outage(**kwargs: object) -> object:
    # 20,000 phone lines out, 30,000 potentially affected, from 08:00; found 08:05.
    return outage(
        "2026-11-22 08:00",
        [("2026-11-22 08:00", 20_000, 30_000)],
        discovered="2026-11-22 08:05",
        services=PHONE,
        **kwargs,
    )


def test_potentially_affected_users_meet_900000_user_minutes_at_30_minutes() -> None:
    # 30,000 potentially affected x 30 minutes = 900,000 at 08:30, when the outage is also 30 minutes old.
    facts = big_phone_outage()
    assert table(facts, "2026-11-22 08:29:59", FCC) == {}
    assert table(facts, "2026-11-22 08:31", FCC) == EVERY_DUTY_OF_A_BIG_PHONE_OUTAGE


def test_nors_deadlines_run_from_discovery() -> None:
    # Found 08:05: notification within 120 minutes (10:05), initial report within 72 hours (Nov 25 08:05),
    # final report within 30 days of discovery, not of restoration (Dec 22 08:05).
    facts = big_phone_outage(restored="2026-11-22 11:00")
    deadlines = {
        rule: one(facts, "2026-11-22 12:00", FCC, rule).deadline
        for rule in ("nors-notification", "nors-initial-report", "nors-final-report")
    }
    assert deadlines == {
        "nors-notification": at("2026-11-22 10:05"),
        "nors-initial-report": at("2026-11-25 08:05"),
        "nors-final-report": at("2026-12-22 08:05"),
    }


def test_nors_message_counts_potentially_affected_user_minutes() -> None:
    # Crossed at 08:30 (30,000 x 30 = 900,000 potentially affected user-minutes); the message names that figure.
    assert one(big_phone_outage(), "2026-11-22 08:31", FCC, "nors-notification").message == (
        "FCC NORS reporting threshold crossed at 08:30 (900,000 potentially affected user-minutes);"
        " file a notification with the FCC (NORS) by 10:05"
    )


def test_without_potential_counts_the_affected_count_is_used() -> None:
    # 20,000 affected and nothing said of potential users: 900,000 at 45 minutes, 08:45.
    facts = outage("2026-11-22 08:00", [("2026-11-22 08:00", 20_000)], discovered="2026-11-22 08:05", services=PHONE)
    assert table(facts, "2026-11-22 08:44:59", FCC) == {}
    assert one(facts, "2026-11-22 08:45", FCC, "nors-notification").met_at == at("2026-11-22 08:45")


@pytest.mark.parametrize(
    ("now", "applies"),
    [
        # 29,999 potentially affected: 900,000 / 29,999 = 30.001 minutes = 1,800.06 s; first whole second 1,801.
        ("2026-11-22 08:30:00", False),  # 899,970 user-minutes
        ("2026-11-22 08:30:01", True),  # 900,000.5
    ],
)
def test_just_below_900000_at_30_minutes(now: str, applies: bool) -> None:
    facts = outage("2026-11-22 08:00", [("2026-11-22 08:00", 29_999)], services=PHONE)
    assert ("nors-notification" in table(facts, now, FCC)) == applies


def test_an_outage_shorter_than_30_minutes_is_never_reportable() -> None:
    # 100,000 potentially affected for 29 minutes 59 seconds: 2,999,983 user-minutes, but under 30 minutes.
    facts = outage("2026-11-22 08:00", [("2026-11-22 08:00", 100_000)], restored="2026-11-22 08:29:59", services=PHONE)
    assert table(facts, "2026-11-23 08:00", FCC) == {}


def test_911_notice_is_due_30_minutes_after_discovery_even_when_the_threshold_comes_then() -> None:
    # 30,000 from 08:00, found 08:00: threshold met at 08:30, the same minute the 30 minutes run out.
    facts = outage("2026-11-22 08:00", [("2026-11-22 08:00", 30_000)], services=PHONE)
    assert str(one(facts, "2026-11-22 08:30", FCC, "911-special-facility").status) == "due"
    late = one(facts, "2026-11-22 08:30:01", FCC, "911-special-facility")
    assert late.message == (
        "FCC 911 special-facility threshold crossed at 08:30 (900,000 potentially affected user-minutes);"
        " notify, by telephone and in writing, the affected 911 special facilities by 08:30, overdue by 1 minute"
    )  # the figure is the one at the crossing, 08:30:00 (30,000 x 30 minutes), not at 08:30:01


def test_911_follow_up_runs_two_hours_from_the_notice() -> None:
    # Notified at 08:25 (before the threshold: notifying early is allowed); first follow-up due by 10:25.
    facts = outage("2026-11-22 08:00", [("2026-11-22 08:00", 30_000)], services=PHONE)
    notice = Reported("fcc-part4/911-special-facility", at("2026-11-22 08:25"), "NOC shift lead", "PSAP-2291")
    follow_up = one(facts, "2026-11-22 08:40", FCC, "911-follow-up", [notice])
    assert follow_up.deadline == at("2026-11-22 10:25")
    assert follow_up.message == (
        "FCC 911 special-facility follow-up: the notice for the 911 special-facility threshold was given at 08:25;"
        " send the first follow-up to the affected 911 special facilities by 10:25"
    )
    before = one(facts, "2026-11-22 08:40", FCC, "911-follow-up")
    assert before.message == (
        "FCC 911 special-facility follow-up: send the first follow-up to the affected 911 special facilities"
        " within 2 hours of the notice for the 911 special-facility threshold"
    )


def test_988_notice_goes_to_samhsa_the_va_and_the_lifeline_administrator() -> None:
    facts = outage("2026-11-22 08:00", [("2026-11-22 08:00", 30_000)], services=PHONE)
    assert one(facts, "2026-11-22 08:30", FCC, "988-notification").message.endswith(
        "; notify SAMHSA, the Department of Veterans Affairs and the 988 Lifeline administrator by 08:30"
    )


@pytest.mark.parametrize(
    ("began", "has_911_duties"),
    [("2025-04-14 08:00", False), ("2025-04-15 08:00", True)],  # the 911 and 988 notices apply from April 15, 2025
)
def test_911_and_988_notices_from_april_15_2025(began: str, has_911_duties: bool) -> None:
    facts = outage(began, [(began, 30_000)], services=PHONE)
    found = table(facts, began[:10] + " 09:00", FCC)
    assert "nors-notification" in found
    assert ("911-special-facility" in found, "988-notification" in found) == (has_911_duties, has_911_duties)


def test_interconnected_voip_has_its_own_deadlines_and_no_initial_report() -> None:
    # 30,000 VoIP lines from 08:00, found 08:05: FCC within 240 minutes (911) and 24 hours; final report 30 days.
    facts = outage("2026-11-22 08:00", [("2026-11-22 08:00", 30_000)], discovered="2026-11-22 08:05", services=VOIP)
    assert table(facts, "2026-11-22 08:31", FCC) == {
        "911-special-facility": "due",
        "988-notification": "due",
        "voip-911-notification": "due",
        "voip-notification": "due",
        "voip-final-report": "due",
        "911-follow-up": "not yet due",
        "988-follow-up": "not yet due",
    }
    deadlines = {
        r: one(facts, "2026-11-22 08:31", FCC, r).deadline
        for r in ("voip-911-notification", "voip-notification", "voip-final-report")
    }
    assert deadlines == {
        "voip-911-notification": at("2026-11-22 12:05"),
        "voip-notification": at("2026-11-23 08:05"),
        "voip-final-report": at("2026-12-22 08:05"),
    }


def test_a_72_hour_report_across_the_november_change() -> None:
    # Found Oct 31 12:00 MDT (18:00 UTC); + 72 h = Nov 3 18:00 UTC = 11:00 MST, shown with its zone.
    facts = outage("2026-10-31 12:00", [("2026-10-31 12:00", 30_000)], services=PHONE)
    duty = one(facts, "2026-10-31 13:00", FCC, "nors-initial-report")
    assert duty.deadline == at("2026-11-03 11:00")
    assert duty.message == (
        "FCC Initial Communications Outage Report (outage discovered at 12:00);"
        " file the Initial Communications Outage Report with the FCC (NORS) by Nov 3 11:00 MST"
    )
