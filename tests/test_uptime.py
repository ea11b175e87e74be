"""Uptime from the incident files: each update's facts as of its time, worked out by hand.

The site's zone is America/Edmonton and "now" is Sunday, November 22, 2026 at
noon MST. Every history below also holds one old email incident (January 5) so
that the record, and so the 90-day period, is complete: the period runs from
August 25, 00:00 MDT to November 22, 12:00 MST, which is 89 days and 13 hours
(clocks went back an hour on November 1) = 128,940 minutes.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator import display
from generator.incidents.model import (
    Area,
    BulletinSettings,
    Config,
    Contact,
    Facts,
    Impact,
    Incident,
    Kind,
    Service,
    Site,
    Status,
    Update,
    Window,
    update_id,
)
from generator.state.now import snapshot
from generator.state.uptime import uptime

ZONE = ZoneInfo("America/Edmonton")
NOW = datetime(2026, 11, 22, 12, 0, tzinfo=ZONE)
PERIOD_MINUTES = 128_940

INTERNET, PHONE, EMAIL = Service("internet", "Internet"), Service("phone", "Home phone"), Service("email", "Email")
CASTLE, LAUDER = Area("castle-downs", "Castle Downs"), Area("lauderdale", "Lauderdale")
CONFIG = Config(
    name="Northwind",
    site_url="https://status.example/",
    timezone=ZONE,
    language="en",
    contact=Contact("780-555-0100", "support@example.net"),
    media_contact=None,
    about="",
    dateline="",
    services=(INTERNET, PHONE, EMAIL),
    areas=(CASTLE, LAUDER),
    bulletins=BulletinSettings(),
    max_update_gap=timedelta(hours=3),
)
CODES = {"minor": Impact.MINOR, "major": Impact.MAJOR, "critical": Impact.CRITICAL, None: None}


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=ZONE)


def incident(name: str, *steps, kind=Kind.INCIDENT, began: str | None = None, window=None) -> Incident:
    """``steps``: (time, status, impact, services, areas); the facts each update states hold from it on."""
    updates = []
    for number, (when, status, impact, services, areas) in enumerate(steps, start=1):
        moment = at(when)
        facts = Facts(CODES[impact], tuple(services), tuple(areas), window=window)
        updates.append(Update(update_id(moment), number, moment, Status(status), "…", None, facts))
    return Incident(name, f"incidents/{name}.yml", kind, name, tuple(updates), began_at_setting=began and at(began))


OLD = incident(
    "old",
    ("2026-01-05 10:00", "investigating", "minor", [EMAIL], [CASTLE]),
    ("2026-01-05 11:00", "resolved", "minor", [EMAIL], [CASTLE]),
)


def record(*incidents: Incident):
    site = Site(CONFIG, tuple(sorted((OLD, *incidents), key=lambda i: i.updates[0].at)))
    return uptime(snapshot(site, NOW))


def minutes(length: timedelta) -> float:
    return length.total_seconds() / 60


def test_a_major_outage_counts_as_down_from_first_update_to_resolution() -> None:
    result = record(
        incident(
            "cut",
            ("2026-11-20 08:00", "investigating", "major", [INTERNET], [CASTLE]),
            ("2026-11-20 09:00", "identified", "major", [INTERNET], [CASTLE]),
            ("2026-11-20 10:30", "resolved", "major", [INTERNET], [CASTLE]),
        )
    )
    internet = result.services["internet"].recent
    assert minutes(internet.end - internet.start) == PERIOD_MINUTES
    assert minutes(internet.down) == 150 and internet.degraded == timedelta(0) and internet.incidents == 1
    # 1 - 150 / 128,940 = 0.998836…: shown rounded down
    assert internet.availability == pytest.approx(1 - 150 / PERIOD_MINUTES)
    assert display.percent(internet.availability) == "99.88\N{NO-BREAK SPACE}%"
    assert minutes(result.areas["castle-downs"].recent.down) == 150
    phone = result.services["phone"].recent
    assert phone.down == timedelta(0) and phone.incidents == 0
    assert display.percent(phone.availability) == "100\N{NO-BREAK SPACE}%"


def test_each_update_counts_with_the_impact_services_and_areas_it_stated() -> None:
    result = record(
        incident(
            "grows",
            ("2026-11-20 08:00", "investigating", "minor", [INTERNET], [CASTLE]),  # degraded in Castle Downs
            ("2026-11-20 09:00", "identified", "major", [INTERNET, PHONE], [CASTLE, LAUDER]),  # down, both areas
            ("2026-11-20 10:00", "monitoring", "major", [INTERNET, PHONE], [CASTLE, LAUDER]),  # a fix: degraded
            ("2026-11-20 11:00", "resolved", "major", [INTERNET, PHONE], [CASTLE, LAUDER]),
        )
    )
    expected = {  # (down, degraded) in minutes
        ("services", "internet"): (60, 120),
        ("services", "phone"): (60, 60),
        ("areas", "castle-downs"): (60, 120),
        ("areas", "lauderdale"): (60, 60),
    }
    for (kind, key), (down, degraded) in expected.items():
        period = getattr(result, kind)[key].recent
        assert (minutes(period.down), minutes(period.degraded), period.incidents) == (down, degraded, 1), key


def test_overlapping_incidents_count_once_at_the_worst_state() -> None:
    result = record(
        incident(
            "a",
            ("2026-11-20 08:00", "investigating", "major", [INTERNET], [CASTLE]),
            ("2026-11-20 10:00", "resolved", "major", [INTERNET], [CASTLE]),
        ),
        incident(
            "b",
            ("2026-11-20 09:00", "investigating", "minor", [INTERNET], [LAUDER]),
            ("2026-11-20 12:00", "resolved", "minor", [INTERNET], [LAUDER]),
        ),
    )
    internet = result.services["internet"].recent
    # down 8:00-10:00; degraded only where nothing worse: 10:00-12:00
    assert (minutes(internet.down), minutes(internet.degraded), internet.incidents) == (120, 120, 2)


def test_an_open_outage_counts_from_when_it_began_until_now() -> None:
    result = record(
        incident(
            "open",
            ("2026-11-22 08:00", "investigating", "critical", [INTERNET], [CASTLE]),
            began="2026-11-22 07:30",
        )
    )
    internet = result.services["internet"]
    assert minutes(internet.recent.down) == 270  # 7:30 to noon
    assert internet.days[-1].state == "down" and internet.days[-2].state == "up"
    assert internet.months[0].start == at("2026-11-01 00:00") and minutes(internet.months[0].down) == 270


def test_planned_work_is_counted_apart_from_availability() -> None:
    window = Window(at("2026-11-21 01:00"), at("2026-11-21 03:00"))
    result = record(
        incident(
            "work",
            ("2026-11-10 09:00", "scheduled", None, [PHONE], [LAUDER]),
            ("2026-11-21 01:05", "in_progress", None, [PHONE], [LAUDER]),
            ("2026-11-21 02:50", "completed", None, [PHONE], [LAUDER]),
            kind=Kind.MAINTENANCE,
            window=window,
        )
    )
    phone = result.services["phone"]
    # window open while still "scheduled": 1:00-1:05; then in progress 1:05-2:50
    assert minutes(phone.recent.maintenance) == 110
    assert phone.recent.down == timedelta(0) and phone.recent.incidents == 0
    assert minutes(phone.recent.measured) == PERIOD_MINUTES - 110
    assert phone.recent.availability == 1.0
    assert phone.days[-2].state == "maintenance"


def test_days_take_their_worst_state_and_months_split_at_midnight() -> None:
    result = record(
        incident(
            "night",
            ("2026-09-30 23:00", "investigating", "major", [INTERNET], [CASTLE]),
            ("2026-10-01 01:00", "resolved", "major", [INTERNET], [CASTLE]),
        ),
        incident(
            "slow",
            ("2026-10-01 09:00", "investigating", "minor", [INTERNET], [CASTLE]),
            ("2026-10-01 10:00", "resolved", "minor", [INTERNET], [CASTLE]),
        ),
    )
    internet = result.services["internet"]
    by_day = {day.day.isoformat(): day.state for day in internet.days}
    assert by_day["2026-09-30"] == "down" and by_day["2026-10-01"] == "down" and by_day["2026-10-02"] == "up"
    assert len(internet.days) == 90 and internet.days[0].day.isoformat() == "2026-08-25"
    months = {period.start.astimezone(ZONE).strftime("%Y-%m"): period for period in internet.months}
    assert minutes(months["2026-09"].down) == 60 and minutes(months["2026-10"].down) == 60
    assert minutes(months["2026-10"].degraded) == 60
    assert (months["2026-09"].incidents, months["2026-10"].incidents) == (1, 2)
    # September: 1 - 60 / (30 × 1,440) = 0.998611…
    assert display.percent(months["2026-09"].availability) == "99.86\N{NO-BREAK SPACE}%"
    # the table goes back 12 months at most, and never before the record began (January 5)
    assert [p.start.astimezone(ZONE).strftime("%Y-%m") for p in internet.months][-1] == "2026-01"
    assert len(internet.months) == 11 and internet.months[-1].start == at("2026-01-05 00:00")


def test_before_the_record_began_there_is_no_data_rather_than_uptime() -> None:
    site = Site(
        CONFIG,
        (
            incident(
                "first",
                ("2026-11-20 08:00", "investigating", "major", [INTERNET], [CASTLE]),
                ("2026-11-20 09:00", "resolved", "major", [INTERNET], [CASTLE]),
            ),
        ),
    )
    internet = uptime(snapshot(site, NOW)).services["internet"]
    assert [d.state for d in internet.days[-4:]] == ["none", "down", "up", "up"]
    assert internet.recent.start == at("2026-11-20 00:00")
    # 2 days and 12 hours measured (3,600 minutes), 60 of them down: 1 - 60 / 3,600 = 98.33 %
    assert display.percent(internet.recent.availability) == "98.33\N{NO-BREAK SPACE}%"
    assert len(internet.months) == 1


@pytest.mark.parametrize(
    ("length", "text"),
    [
        (timedelta(seconds=59), "under a minute"),
        (timedelta(minutes=45), "45 min"),
        (timedelta(hours=2), "2 h"),
        (timedelta(hours=2, minutes=30), "2 h 30 min"),
        (timedelta(days=1, minutes=5), "1 day"),
        (timedelta(days=5, hours=1, minutes=5), "5 days 1 h"),
    ],
)
def test_durations_in_words(length: timedelta, text: str) -> None:
    assert display.duration(length) == text


@pytest.mark.parametrize(
    ("share", "text"),
    [(1.0, "100"), (0.9999999, "99.99"), (0.99935, "99.93"), (0.5, "50.00"), (0.0, "0.00")],
)
def test_percent_is_rounded_down(share: float, text: str) -> None:
    assert display.percent(share) == text + "\N{NO-BREAK SPACE}%"


# Each month of the table and each day of the bar looks only at the spans that can overlap it (the
# spans are disjoint and in order): the same totals and states as adding up, or taking the worst of,
# every span, for any spans. In whole hours from a local midnight, so that spans often begin or end
# just as a day does.
_HOUR = timedelta(hours=1)
_MIDNIGHT = datetime(2026, 8, 1, tzinfo=ZONE).astimezone(UTC)


@st.composite
def _disjoint_spans(draw) -> list[tuple[datetime, datetime, int]]:
    gaps = draw(st.lists(st.tuples(st.integers(0, 50), st.integers(1, 50), st.integers(1, 3)), max_size=30))
    spans, moment = [], _MIDNIGHT
    for gap, length, rank in gaps:
        start = moment + gap * _HOUR
        moment = start + length * _HOUR
        spans.append((start, moment, rank))
    return spans


@settings(max_examples=500, deadline=None)
@given(_disjoint_spans(), st.integers(0, 24 * 40), st.integers(0, 24 * 40), st.integers(1, 40))
def test_periods_and_days_see_every_span_that_overlaps_them(spans, offset: int, length: int, days: int) -> None:
    from generator.state import uptime as module

    start = _MIDNIGHT + offset * _HOUR
    end = start + length * _HOUR
    period = module._period(spans, [], start, end)
    totals = [timedelta(0)] * 4
    for span_start, span_end, rank in spans:
        overlap = min(end, span_end) - max(start, span_start)
        if overlap > timedelta(0):
            totals[rank] += overlap
    assert (period.down, period.degraded, period.maintenance) == (totals[3], totals[2], totals[1])

    today, now = (start + timedelta(days=days)).astimezone(ZONE).date(), start + timedelta(days=days, hours=5)
    bar = list(module._days(spans, today, days, ZONE, start, now))
    for day in bar:
        begins = datetime.combine(day.day, datetime.min.time(), tzinfo=ZONE).astimezone(UTC)
        ends = min(datetime.combine(day.day + timedelta(days=1), datetime.min.time(), tzinfo=ZONE).astimezone(UTC), now)
        if ends <= start:
            assert day.state == module.NO_DATA
            continue
        worst = max((r for s, e, r in spans if s < ends and e > begins), default=0)
        assert day.state == {0: module.UP, 1: module.MAINTENANCE, 2: module.DEGRADED, 3: module.DOWN}[worst]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 60), st.integers(1, 30), st.integers(1, 3)), max_size=25))
def test_the_worst_state_of_overlapping_pieces_hour_by_hour(pieces) -> None:
    """_worst's spans against the worst state of each hour, found by asking every piece about it: the same
    states, joined where the same state goes on, nothing where no piece is."""
    from generator.state import uptime as module

    made = [
        module._Piece(_MIDNIGHT + a * _HOUR, _MIDNIGHT + (a + n) * _HOUR, rank, "i", False) for a, n, rank in pieces
    ]
    expected: list[tuple[datetime, datetime, int]] = []
    for hour in range(100):
        begins = _MIDNIGHT + hour * _HOUR
        worst = max((p.rank for p in made if p.start <= begins < p.end), default=0)
        if not worst:
            continue
        if expected and expected[-1][1] == begins and expected[-1][2] == worst:
            expected[-1] = (expected[-1][0], begins + _HOUR, worst)
        else:
            expected.append((begins, begins + _HOUR, worst))
    assert module._worst(made) == expected
