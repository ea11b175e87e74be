"""Shared helpers for the reporting tests: local times, facts in one line, the regimes."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from generator.incidents.times import parse_time
from generator.reporting.duties import Duty, duties
from generator.reporting.facts import OutageFacts, Point, Reported
from generator.reporting.regimes import Regime, shipped_regime

EDMONTON = ZoneInfo("America/Edmonton")
ALBERTA = {"emergency-management": "Alberta Emergency Management Agency"}

INTERIM = shipped_regime("crtc-interim-2023")
# 2025-225 is shipped not in force (its start date is suspended); the tests use it as if it had started.
FINAL = shipped_regime("crtc-2025-225").starting(date(2025, 11, 4))
FCC = shipped_regime("fcc-part4")


def at(text: str) -> datetime:
    """A local time in Edmonton, or a time with an offset: ``2026-11-01 01:15-07:00``."""
    return parse_time(text, EDMONTON)


def outage(
    began: str,
    points: list[tuple[str, int] | tuple[str, int, int]],
    *,
    discovered: str | None = None,
    restored: str | None = None,
    services: dict[str, set[str]] | None = None,
    isolated: bool = False,
) -> OutageFacts:
    return OutageFacts(
        began_at=at(began),
        discovered_at=at(discovered or began),
        restored_at=at(restored) if restored else None,
        categories_by_service={k: frozenset(v) for k, v in (services or {"internet": {"primary"}}).items()},
        points=tuple(Point(at(p[0]), *p[1:]) for p in points),
        community_isolated=isolated,
    )


def evaluate(facts: OutageFacts, now: str, regime: Regime, reported: list[Reported] | None = None) -> list[Duty]:
    return duties(facts, [regime], at(now), zone=EDMONTON, reported=reported or [], names=ALBERTA)


def table(facts: OutageFacts, now: str, regime: Regime, reported: list[Reported] | None = None) -> dict[str, str]:
    """rule id -> status, for the duties at ``now``."""
    return {d.rule.id: str(d.status) for d in evaluate(facts, now, regime, reported)}


def one(facts: OutageFacts, now: str, regime: Regime, rule: str, reported: list[Reported] | None = None) -> Duty:
    found = [d for d in evaluate(facts, now, regime, reported) if d.rule.id == rule]
    assert len(found) == 1, f"{rule} does not apply at {now}"
    return found[0]
