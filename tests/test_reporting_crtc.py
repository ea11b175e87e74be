"""Table tests for the CRTC's rules: Telecom Decision CRTC 2025-225 and the interim rules of 2023.

Each case is written from the published texts (see the rules files for
citations); each expected time and number is worked out by hand beside it.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from reporting_helpers import FINAL, INTERIM, at, evaluate, one, outage, table

from generator.reporting.facts import Reported

PHONE = {"phone": {"primary", "emergency-calls"}}
PRIMARY = "crtc-2025-225/primary-notification"

# --- 2025-225, primary services: 30 minutes and 600,000 user-minutes, 2 hours from crossing --------


def test_the_message_staff_see_when_the_primary_threshold_is_crossed() -> None:
    # 6,000 customers from 07:57: 600,000 user-minutes after 100 minutes, at 09:37; at 09:39, 6,000 x 102 = 612,000.
    facts = outage("2026-11-22 07:57", [("2026-11-22 08:05", 6000)], discovered="2026-11-22 08:05")
    duty = one(facts, "2026-11-22 09:39", FINAL, "primary-notification")
    assert duty.message == (
        "CRTC major-outage threshold crossed at 09:37 (600,000 user-minutes);"
        " notify CRTC, ISED and Alberta Emergency Management Agency by 11:37"
    )
    assert (duty.met_at, duty.clock_start, duty.deadline) == (
        at("2026-11-22 09:37"),
        at("2026-11-22 09:37"),
        at("2026-11-22 11:37"),
    )


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        ("2026-11-22 09:36:59", {}),  # 6,000 x 99.98 minutes = 599,900 user-minutes: not major yet
        ("2026-11-22 09:37:00", {"primary-notification": "due", "post-outage-report": "not yet due"}),
        ("2026-11-22 11:37:00", {"primary-notification": "due", "post-outage-report": "not yet due"}),  # the deadline
        ("2026-11-22 11:37:01", {"primary-notification": "overdue", "post-outage-report": "not yet due"}),
    ],
)
def test_primary_threshold_and_deadline_at_and_either_side(now: str, expected: dict[str, str]) -> None:
    facts = outage("2026-11-22 07:57", [("2026-11-22 07:57", 6000)])
    assert table(facts, now, FINAL) == expected


def test_overdue_says_by_how_much_rounded_up_to_the_minute() -> None:
    facts = outage("2026-11-22 07:57", [("2026-11-22 07:57", 6000)])
    # One second past 11:37 is a minute late. 07:57 to 11:37:01 is 220 minutes 1 second: 6,000 x 220.0167 = 1,320,100.
    assert one(facts, "2026-11-22 11:37:01", FINAL, "primary-notification").message == (
        "CRTC major-outage threshold crossed at 09:37 (600,000 user-minutes);"
        " notify CRTC, ISED and Alberta Emergency Management Agency by 11:37, overdue by 1 minute"
    )


@pytest.mark.parametrize(
    ("now", "applies", "deadline"),
    [
        # 30,000 customers from 08:00 reach 600,000 user-minutes at 08:20, but the outage is 30 minutes old at 08:30.
        ("2026-11-22 08:29:59", False, None),
        ("2026-11-22 08:30:00", True, "2026-11-22 10:30"),
    ],
)
def test_the_30_minute_test_holds_back_a_big_short_outage(now: str, applies: bool, deadline: str | None) -> None:
    facts = outage("2026-11-22 08:00", [("2026-11-22 08:00", 30_000)])
    found = [d for d in evaluate(facts, now, FINAL) if d.rule.id == "primary-notification"]
    assert bool(found) == applies
    if deadline:
        assert found[0].deadline == at(deadline)


def test_the_clock_never_starts_before_the_outage_is_discovered() -> None:
    # 10,000 customers from 06:00 cross 600,000 at 07:00, but nobody knew until 08:15: 2 hours from 08:15.
    facts = outage("2026-11-22 06:00", [("2026-11-22 06:00", 10_000)], discovered="2026-11-22 08:15")
    duty = one(facts, "2026-11-22 08:20", FINAL, "primary-notification")
    assert (duty.met_at, duty.clock_start, duty.deadline) == (
        at("2026-11-22 07:00"),
        at("2026-11-22 08:15"),
        at("2026-11-22 10:15"),
    )
    # Before discovery nothing is known, so there is nothing to do.
    assert table(facts, "2026-11-22 08:14", FINAL) == {}


def test_an_outage_restored_below_the_threshold_is_not_major() -> None:
    # 6,000 customers from 07:57, restored 09:20: 83 minutes, 498,000 user-minutes. No notice, no report.
    facts = outage("2026-11-22 07:57", [("2026-11-22 07:57", 6000)], restored="2026-11-22 09:20")
    assert table(facts, "2026-11-23 12:00", FINAL) == {}


def test_reported_on_time() -> None:
    # At 12:00: 07:57 to 12:00 is 243 minutes, 6,000 x 243 = 1,458,000 user-minutes.
    facts = outage("2026-11-22 07:57", [("2026-11-22 07:57", 6000)])
    duty = one(
        facts,
        "2026-11-22 12:00",
        FINAL,
        "primary-notification",
        [Reported(PRIMARY, at("2026-11-22 10:40"), "Dana Reyes", "CRTC-17")],
    )
    assert (str(duty.status), duty.late) == ("reported", False)
    assert duty.message == (
        "CRTC major-outage threshold crossed at 09:37 (600,000 user-minutes); done at 10:40 by Dana Reyes (CRTC-17)"
    )


def test_reported_late() -> None:
    # Due 11:37, done 11:50: 13 minutes late.
    facts = outage("2026-11-22 07:57", [("2026-11-22 07:57", 6000)])
    duty = one(
        facts,
        "2026-11-22 12:00",
        FINAL,
        "primary-notification",
        [Reported(PRIMARY, at("2026-11-22 11:50"), "Dana Reyes")],
    )
    assert (str(duty.status), duty.late) == ("reported", True)
    assert duty.message.endswith("; done at 11:50 by Dana Reyes, 13 minutes late")


def test_reported_for_some_recipients_only() -> None:
    facts = outage("2026-11-22 07:57", [("2026-11-22 07:57", 6000)])
    record = Reported(PRIMARY, at("2026-11-22 09:50"), "Dana Reyes", "CRTC-17", recipient="crtc")
    duty = one(facts, "2026-11-22 10:00", FINAL, "primary-notification", [record])
    assert str(duty.status) == "due" and duty.outstanding == ("ised", "emergency-management")
    assert duty.message.endswith(
        "; notify ISED and Alberta Emergency Management Agency by 11:37 (done for CRTC at 09:50 by Dana Reyes (CRTC-17))"
    )


def test_a_record_dated_after_now_does_not_exist_yet() -> None:
    facts = outage("2026-11-22 07:57", [("2026-11-22 07:57", 6000)])
    duty = one(
        facts, "2026-11-22 10:00", FINAL, "primary-notification", [Reported(PRIMARY, at("2026-11-22 10:30"), "X")]
    )
    assert str(duty.status) == "due"


# --- 2025-225, 9-1-1: major at any duration; 9-1-1 centres in 30 minutes, the others in 2 hours --------


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        # 40 phone customers from 08:00, discovered 08:04: 9-1-1 centres by 08:34, authorities by 10:04.
        (
            "2026-11-22 08:10",
            {"911-call-centres": "due", "911-authorities": "due", "post-outage-report": "not yet due"},
        ),
        (
            "2026-11-22 08:34",
            {"911-call-centres": "due", "911-authorities": "due", "post-outage-report": "not yet due"},
        ),
        (
            "2026-11-22 08:34:01",
            {"911-call-centres": "overdue", "911-authorities": "due", "post-outage-report": "not yet due"},
        ),
        (
            "2026-11-22 10:04:01",
            {"911-call-centres": "overdue", "911-authorities": "overdue", "post-outage-report": "not yet due"},
        ),
    ],
)
def test_911_outages_are_major_at_any_size(now: str, expected: dict[str, str]) -> None:
    facts = outage("2026-11-22 08:00", [("2026-11-22 08:00", 40)], discovered="2026-11-22 08:04", services=PHONE)
    assert table(facts, now, FINAL) == expected


def test_911_messages_name_the_call_centres_and_the_30_minutes() -> None:
    facts = outage("2026-11-22 08:00", [("2026-11-22 08:00", 40)], discovered="2026-11-22 08:04", services=PHONE)
    assert one(facts, "2026-11-22 08:10", FINAL, "911-call-centres").message == (
        "CRTC 9-1-1 outage discovered at 08:04; notify the affected 9-1-1 call centres by 08:34"
    )


def test_a_five_minute_911_outage_still_needs_its_notices_and_a_report() -> None:
    # Restored at 08:05: the notices stand, and the post-outage report is due 30 days (720 hours) after 08:05.
    facts = outage("2026-11-22 08:00", [("2026-11-22 08:00", 40)], restored="2026-11-22 08:05", services=PHONE)
    assert table(facts, "2026-11-22 09:00", FINAL) == {
        "911-call-centres": "overdue",  # due 08:30
        "911-authorities": "due",  # due 10:00
        "post-outage-report": "due",  # due Dec 22 08:05
    }
    assert one(facts, "2026-11-22 09:00", FINAL, "post-outage-report").message == (
        "CRTC post-outage report: service restored at 08:05; file the post-outage report with CRTC by Dec 22 08:05"
    )


# --- 2025-225, wireless public alerting, community isolation, specialised services -----------------


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        # Public alerting down from 08:00 (no customer counts): emergency management by 08:30, at any duration.
        ("2026-11-22 08:20", {"public-alerting-emergency-management": "due", "post-outage-report": "not yet due"}),
        # From 30 minutes, the CRTC and ISED too, 2 hours from 08:30.
        (
            "2026-11-22 08:30",
            {
                "public-alerting-emergency-management": "due",
                "public-alerting-authorities": "due",
                "post-outage-report": "not yet due",
            },
        ),
    ],
)
def test_wireless_public_alerting(now: str, expected: dict[str, str]) -> None:
    facts = outage("2026-11-22 08:00", [], services={"alerts": {"public-alerting"}})
    assert table(facts, now, FINAL) == expected


def test_wireless_public_alerting_authorities_message() -> None:
    facts = outage("2026-11-22 08:00", [], services={"alerts": {"public-alerting"}})
    assert one(facts, "2026-11-22 08:42", FINAL, "public-alerting-authorities").message == (
        "CRTC wireless public alerting outage of 30 minutes crossed at 08:30 (out for 30 minutes);"
        " notify CRTC and ISED by 10:30"
    )


@pytest.mark.parametrize(
    ("restored", "now", "expected"),
    [
        # 300 customers in a community only we serve, from 08:00, found 08:10: emergency management by 10:10.
        (
            None,
            "2026-11-22 08:20",
            {"community-isolation-emergency-management": "due", "post-outage-report": "not yet due"},
        ),
        # At 30 minutes the CRTC and ISED, by 10:30.
        (
            None,
            "2026-11-22 08:30",
            {
                "community-isolation-emergency-management": "due",
                "community-isolation-authorities": "due",
                "post-outage-report": "not yet due",
            },
        ),
        # Restored at 08:25: never 30 minutes, so only emergency management, and the report.
        (
            "2026-11-22 08:25",
            "2026-11-22 09:00",
            {"community-isolation-emergency-management": "due", "post-outage-report": "due"},
        ),
    ],
)
def test_community_isolation(restored: str | None, now: str, expected: dict[str, str]) -> None:
    facts = outage(
        "2026-11-22 08:00", [("2026-11-22 08:10", 300)], discovered="2026-11-22 08:10", restored=restored, isolated=True
    )
    assert table(facts, now, FINAL) == expected


def test_the_same_outage_without_isolation_has_no_duty() -> None:
    facts = outage("2026-11-22 08:00", [("2026-11-22 08:10", 300)], discovered="2026-11-22 08:10")
    assert table(facts, "2026-11-22 09:00", FINAL) == {}


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        ("2026-11-22 08:29:59", {}),  # 9-8-8 down for 29 min 59 s
        ("2026-11-22 08:30:00", {"specialised-notification": "due", "post-outage-report": "not yet due"}),
    ],
)
def test_specialised_services_30_minutes_and_no_user_minute_test(now: str, expected: dict[str, str]) -> None:
    # Two users only: no user-minute test applies to TTY, IP relay and 9-8-8.
    facts = outage("2026-11-22 08:00", [("2026-11-22 08:00", 2)], services={"988": {"specialised"}})
    assert table(facts, now, FINAL) == expected


# --- clocks across daylight saving time in America/Edmonton -----------------------------------------


def test_a_911_clock_running_into_the_november_change() -> None:
    # Found 00:45 MDT (06:45 UTC) on Nov 1, 2026. 30 minutes: 07:15 UTC = 01:15 MDT, an hour that happens twice,
    # so its zone is shown. 2 hours: 08:45 UTC = 01:45 MST (the wall clock shows 1 hour later, not 2).
    facts = outage("2026-11-01 00:45", [("2026-11-01 00:45", 40)], services=PHONE)
    now = "2026-11-01 00:50"
    assert one(facts, now, FINAL, "911-call-centres").message.endswith("by 01:15 MDT")
    assert one(facts, now, FINAL, "911-authorities").deadline == at("2026-11-01 01:45-07:00")
    assert one(facts, now, FINAL, "911-authorities").message.endswith("by 01:45 MST")


def test_a_threshold_crossed_during_the_repeated_hour() -> None:
    # 6,000 from 00:00 MDT (06:00 UTC): 600,000 at 07:40 UTC = 01:40 MDT; deadline 09:40 UTC = 02:40 MST.
    # At 01:50 MST (08:50 UTC), 170 minutes in: 6,000 x 170 = 1,020,000.
    facts = outage("2026-11-01 00:00", [("2026-11-01 00:00", 6000)])
    assert one(facts, "2026-11-01 01:50-07:00", FINAL, "primary-notification").message == (
        "CRTC major-outage threshold crossed at 01:40 MDT (600,000 user-minutes);"
        " notify CRTC, ISED and Alberta Emergency Management Agency by 02:40"
    )


def test_a_threshold_crossed_across_the_march_change() -> None:
    # 6,000 from 01:00 MST (08:00 UTC) on Mar 8, 2026: 600,000 at 09:40 UTC = 03:40 MDT (not 02:40, which never
    # happens); deadline 11:40 UTC = 05:40 MDT. At 04:00 MDT (10:00 UTC), 120 minutes in: 720,000.
    facts = outage("2026-03-08 01:00", [("2026-03-08 01:00", 6000)])
    assert one(facts, "2026-03-08 04:00", FINAL, "primary-notification").message == (
        "CRTC major-outage threshold crossed at 03:40 (600,000 user-minutes);"
        " notify CRTC, ISED and Alberta Emergency Management Agency by 05:40"
    )


def test_a_30_day_report_across_the_november_change_is_720_hours() -> None:
    # Restored Oct 20 13:05 MDT (19:05 UTC); + 720 h = Nov 19 19:05 UTC = 12:05 MST, an hour earlier on the wall.
    facts = outage("2026-10-20 08:00", [("2026-10-20 08:00", 40)], restored="2026-10-20 13:05", services=PHONE)
    duty = one(facts, "2026-10-20 14:00", FINAL, "post-outage-report")
    assert duty.deadline == at("2026-11-19 12:05")
    assert duty.message.endswith("by Nov 19 12:05 MST")


# --- the interim rules of 2023 ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("points", "now", "expected"),
    [
        # Exactly 100,000 is not "more than 100,000", however long.
        ([("08:00", 100_000)], "12:00", {}),
        # 100,001 from 08:00: more than one hour at 09:00:01.
        ([("08:00", 100_001)], "09:00:00", {}),
        ([("08:00", 100_001)], "09:00:01", {"subscribers-notification": "due", "comprehensive-report": "not yet due"}),
        # A dip below the line restarts the hour: 150,000 until 08:40, 90,000, then 120,000 from 09:00.
        ([("08:00", 150_000), ("08:40", 90_000), ("09:00", 120_000)], "10:00:00", {}),
        (
            [("08:00", 150_000), ("08:40", 90_000), ("09:00", 120_000)],
            "10:00:01",
            {"subscribers-notification": "due", "comprehensive-report": "not yet due"},
        ),
    ],
)
def test_interim_more_than_100000_for_more_than_an_hour(
    points: list[tuple[str, int]], now: str, expected: dict[str, str]
) -> None:
    facts = outage("2026-11-22 08:00", [(f"2026-11-22 {t}", n) for t, n in points])
    assert table(facts, f"2026-11-22 {now}", INTERIM) == expected


def test_interim_message_and_deadline() -> None:
    # Major at 09:00:01; 2 hours on is 11:00:01, shown as 11:00 (the minute it falls in).
    facts = outage("2026-11-22 08:00", [("2026-11-22 08:00", 100_001)])
    duty = one(facts, "2026-11-22 09:05", INTERIM, "subscribers-notification")
    assert duty.deadline == at("2026-11-22 11:00:01")
    assert duty.message == (
        "CRTC interim major-outage threshold crossed at 09:00 (100,001 customers at the peak);"
        " notify the CRTC (outage-panne@crtc.gc.ca) by 11:00"
    )


def test_interim_community_isolation_and_the_14_day_report() -> None:
    # 50 customers in an area only we serve; 2 hours from discovery; report 14 days (336 h) after restoration.
    facts = outage(
        "2026-11-22 08:00",
        [("2026-11-22 08:00", 50)],
        discovered="2026-11-22 08:20",
        restored="2026-11-22 09:00",
        isolated=True,
    )
    assert table(facts, "2026-11-22 09:30", INTERIM) == {
        "community-isolation-notification": "due",
        "comprehensive-report": "due",
    }
    assert one(facts, "2026-11-22 09:30", INTERIM, "community-isolation-notification").deadline == at(
        "2026-11-22 10:20"
    )
    assert one(facts, "2026-11-22 09:30", INTERIM, "comprehensive-report").deadline == at("2026-12-06 09:00")


def test_interim_14_day_report_across_the_march_change() -> None:
    # Restored Mar 1 12:00 MST (19:00 UTC); + 336 h = Mar 15 19:00 UTC = 13:00 MDT.
    facts = outage("2026-03-01 08:00", [("2026-03-01 08:00", 50)], restored="2026-03-01 12:00", isolated=True)
    assert one(facts, "2026-03-01 13:00", INTERIM, "comprehensive-report").deadline == at("2026-03-15 13:00")


def test_both_canadian_regimes_together_once_2025_225_starts() -> None:
    # With the interim rules ending the day before 2025-225 starts, an outage is judged by one of them.
    interim = replace(INTERIM, effective_until=date(2026, 6, 30))
    final = FINAL.starting(date(2026, 7, 1))
    facts_june = outage("2026-06-30 23:00", [("2026-06-30 23:00", 200_000)])
    facts_july = outage("2026-07-01 00:00", [("2026-07-01 00:00", 200_000)])
    assert {
        d.regime.id
        for d in evaluate(facts_june, "2026-07-01 02:00", interim) + evaluate(facts_june, "2026-07-01 02:00", final)
    } == {"crtc-interim-2023"}
    assert {
        d.regime.id
        for d in evaluate(facts_july, "2026-07-01 02:00", interim) + evaluate(facts_july, "2026-07-01 02:00", final)
    } == {"crtc-2025-225"}
