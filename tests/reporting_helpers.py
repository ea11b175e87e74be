"""Shared helpers for the reporting tests: local times, facts in one line."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from generator.incidents.times import parse_time
from generator.reporting.facts import OutageFacts, Point

EDMONTON = ZoneInfo("America/Edmonton")


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
