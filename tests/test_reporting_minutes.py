"""User-minutes from the customers-affected step function, and the second each threshold is crossed.

Every expected value is worked out in the comment beside it.
"""

from __future__ import annotations

from fractions import Fraction

import pytest
from reporting_helpers import EDMONTON, at, outage

from generator.reporting.facts import OutageFacts, Point
from generator.reporting.minutes import Limit, Timeline

AT_LEAST_600K = Limit(600_000)


def crossing(facts: OutageFacts, now: str, limit: Limit, potentially: bool = False) -> str | None:
    timeline = Timeline(facts, at(now))
    second = timeline.user_minutes_crossed(limit, potentially)
    return None if second is None else f"{timeline.moment(second).astimezone(EDMONTON):%Y-%m-%d %H:%M:%S %Z}"


def test_one_count_held_from_the_start() -> None:
    # 6,000 customers from 07:57; at 09:39 that is 102 minutes: 6,000 x 102 = 612,000.
    facts = outage("2026-11-22 07:57", [("2026-11-22 08:05", 6000)])
    assert Timeline(facts, at("2026-11-22 09:39")).user_minutes() == 612_000
    # 600,000 / 6,000 = 100 minutes after 07:57.
    assert crossing(facts, "2026-11-22 09:39", AT_LEAST_600K) == "2026-11-22 09:37:00 MST"


def test_the_first_count_holds_from_the_start_and_later_counts_from_their_time() -> None:
    # 2,300 from 07:55 (learned at 08:10), 2,600 from 10:30.
    facts = outage("2026-11-22 07:55", [("2026-11-22 08:10", 2300), ("2026-11-22 10:30", 2600)])
    timeline = Timeline(facts, at("2026-11-22 14:40"))
    # 2,300 x 155 minutes (07:55-10:30) = 356,500; + 2,600 x 250 minutes (10:30-14:40) = 650,000.
    assert timeline.user_minutes(at=timeline.seconds(at("2026-11-22 10:30"))) == 356_500
    assert timeline.user_minutes() == 1_006_500
    # 243,500 more at 2,600 a minute = 5,619.23 s after 10:30, so the first whole second is 5,620 s = 1:33:40.
    # Check: at 5,619 s, 356,500 + 2,600 x 5,619 / 60 = 599,990; at 5,620 s, 600,033.3.
    assert crossing(facts, "2026-11-22 14:40", AT_LEAST_600K) == "2026-11-22 12:03:40 MST"


def test_crossing_within_a_step_to_the_second() -> None:
    # Clareview: 2,300 from 07:55. 600,000 / 2,300 = 260.87 minutes = 15,652.17 s: first whole second 15,653 s,
    # 4:20:53 after 07:55. Check: 2,300 x 15,652 / 60 = 599,993.3 (short); 2,300 x 15,653 / 60 = 600,031.7.
    facts = outage("2026-11-22 07:55", [("2026-11-22 08:10", 2300)])
    assert crossing(facts, "2026-11-22 13:00", AT_LEAST_600K) == "2026-11-22 12:15:53 MST"
    assert crossing(facts, "2026-11-22 12:15:52", AT_LEAST_600K) is None


@pytest.mark.parametrize(
    ("limit", "now", "expected"),
    [
        (Limit(600_000), "2026-11-22 09:36:59", None),  # 6,000 x 99.98 min = 599,900
        (Limit(600_000), "2026-11-22 09:37:00", "2026-11-22 09:37:00 MST"),  # exactly 600,000: at least
        (Limit(600_000, strict=True), "2026-11-22 09:37:00", None),  # exactly 600,000 is not more than
        (Limit(600_000, strict=True), "2026-11-22 09:37:01", "2026-11-22 09:37:01 MST"),  # 600,100
    ],
)
def test_at_least_and_more_than_at_the_limit(limit: Limit, now: str, expected: str | None) -> None:
    facts = outage("2026-11-22 07:57", [("2026-11-22 07:57", 6000)])
    assert crossing(facts, now, limit) == expected


def test_restoration_stops_the_count() -> None:
    # Restored at 09:36: 99 minutes x 6,000 = 594,000, never 600,000 however late "now" is.
    early = outage("2026-11-22 07:57", [("2026-11-22 07:57", 6000)], restored="2026-11-22 09:36")
    assert Timeline(early, at("2026-11-23 12:00")).user_minutes() == 594_000
    assert crossing(early, "2026-11-23 12:00", AT_LEAST_600K) is None
    # Restored at 09:37 exactly: 600,000 is reached at the moment of restoration.
    exact = outage("2026-11-22 07:57", [("2026-11-22 07:57", 6000)], restored="2026-11-22 09:37")
    assert crossing(exact, "2026-11-23 12:00", AT_LEAST_600K) == "2026-11-22 09:37:00 MST"
    assert crossing(exact, "2026-11-23 12:00", Limit(600_000, strict=True)) is None


def test_nothing_after_now_counts() -> None:
    # A point at 10:00 does not exist yet at 09:39: 6,000 x 102 = 612,000 still.
    facts = outage("2026-11-22 07:57", [("2026-11-22 07:57", 6000), ("2026-11-22 10:00", 50_000)])
    assert Timeline(facts, at("2026-11-22 09:39")).user_minutes() == 612_000
    # Nor before the outage began: now earlier than the start gives nothing.
    assert Timeline(facts, at("2026-11-22 07:00")).user_minutes() == 0


def test_potentially_affected_users_where_a_rule_counts_them() -> None:
    # 10,000 affected, 20,000 potentially, for 45 minutes: 450,000 and 900,000 user-minutes.
    facts = outage("2026-11-22 08:00", [("2026-11-22 08:00", 10_000, 20_000)])
    timeline = Timeline(facts, at("2026-11-22 08:45"))
    assert timeline.user_minutes() == 450_000
    assert timeline.user_minutes(potentially=True) == 900_000
    # A point without a potential count uses the affected count for both.
    plain = outage("2026-11-22 08:00", [("2026-11-22 08:00", 10_000)])
    assert Timeline(plain, at("2026-11-22 08:45")).user_minutes(potentially=True) == 450_000


def test_user_minutes_are_exact_fractions() -> None:
    # 7 customers for 10 seconds: 70 / 60 = 7/6 user-minutes, not a rounded float.
    facts = outage("2026-11-22 08:00:00", [("2026-11-22 08:00:00", 7)])
    assert Timeline(facts, at("2026-11-22 08:00:10")).user_minutes() == Fraction(7, 6)


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        # 2,000 customers from 00:30 MDT (06:30 UTC) on the day clocks go back. 01:30 happens twice:
        # 01:30 MDT (-06:00) is 07:30 UTC, 60 minutes in: 2,000 x 60 = 120,000;
        # 01:30 MST (-07:00) is 08:30 UTC, 120 minutes in though the wall clock shows 60: 240,000.
        ("2026-11-01 01:30-06:00", 120_000),
        ("2026-11-01 01:30-07:00", 240_000),
        ("2026-11-01 03:00", 2000 * 210),  # 03:00 MST = 10:00 UTC: 210 minutes = 420,000
    ],
)
def test_user_minutes_across_the_november_change_are_elapsed_time(now: str, expected: int) -> None:
    facts = outage("2026-11-01 00:30", [("2026-11-01 00:30", 2000)])
    assert Timeline(facts, at(now)).user_minutes() == expected


def test_user_minutes_across_the_march_change_are_elapsed_time() -> None:
    # From 01:00 MST (08:00 UTC) on March 8, 2026 to 04:00 MDT (10:00 UTC): 120 minutes, not the 180 on the wall.
    facts = outage("2026-03-08 01:00", [("2026-03-08 01:00", 1000)])
    assert Timeline(facts, at("2026-03-08 04:00")).user_minutes() == 120_000
    # 100,000 user-minutes at 1,000 a minute: 100 minutes after 08:00 UTC = 09:40 UTC = 03:40 MDT.
    assert crossing(facts, "2026-03-08 04:00", Limit(100_000)) == "2026-03-08 03:40:00 MDT"


@pytest.mark.parametrize(
    ("points", "now", "expected"),
    [
        # More than 100,000 without a break for more than one hour: first second is 1 h + 1 s after the run starts.
        ([("08:00", 100_001)], "09:00:00", None),
        ([("08:00", 100_001)], "09:00:01", "09:00:01"),
        # Exactly 100,000 is never "more than 100,000".
        ([("08:00", 100_000)], "12:00:00", None),
        # 150,000 for 40 minutes, a dip to 90,000, then 120,000 from 09:00: the clock restarts at 09:00.
        ([("08:00", 150_000), ("08:40", 90_000), ("09:00", 120_000)], "10:00:01", "10:00:01"),
        ([("08:00", 150_000), ("08:40", 90_000), ("09:00", 120_000)], "10:00:00", None),
        # Two steps both above the limit make one run: 08:00 + 1 h + 1 s.
        ([("08:00", 150_000), ("08:30", 120_000)], "09:00:01", "09:00:01"),
    ],
)
def test_customers_sustained_for_a_duration(points: list[tuple[str, int]], now: str, expected: str | None) -> None:
    facts = outage("2026-11-22 08:00", [(f"2026-11-22 {t}", n) for t, n in points])
    timeline = Timeline(facts, at(f"2026-11-22 {now}"))
    second = timeline.sustained_crossed(Limit(100_000, strict=True), Limit(3600, strict=True))
    shown = None if second is None else f"{timeline.moment(second).astimezone(EDMONTON):%H:%M:%S}"
    assert shown == expected


def test_bad_facts_are_refused_where_they_are_made() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        Point(at("2026-11-22 08:00").replace(tzinfo=None), 10)
    with pytest.raises(ValueError, match="cannot be negative"):
        Point(at("2026-11-22 08:00"), -1)
    with pytest.raises(ValueError, match="cannot be fewer"):
        Point(at("2026-11-22 08:00"), 10, 5)
    with pytest.raises(ValueError, match="before began_at"):
        outage("2026-11-22 08:00", [], discovered="2026-11-22 07:59")
    with pytest.raises(ValueError, match="time order"):
        outage("2026-11-22 08:00", [("2026-11-22 09:00", 1), ("2026-11-22 08:30", 2)])
