"""What the reporting stage needs to know about one outage: plain values, no files.

This is the stage's whole input. Whoever feeds it (the incident model, a test,
a script) states the outage as of one moment: when it began, when staff
discovered it, when it was restored (if it has been), which services it hit
and in which reporting categories each of them is, and the number of customers
affected over time. Nothing here reads a file or the clock.

``customers affected`` is a step function: each :class:`Point` holds from its
time until the next one. The first known count is taken to hold from
``began_at``, since staff usually learn the size of an outage after it starts
and regulators count users x minutes from the start.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from types import MappingProxyType


def _aware(moment: datetime, name: str) -> datetime:
    """``moment`` in UTC.

    Python compares and subtracts two times that share one zone by their wall
    clocks, which is wrong across a clock change (01:30 MDT is before 01:15 MST).
    In UTC, every comparison and every difference is elapsed time.
    """
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{name} must be timezone-aware, got {moment!r}")
    return moment.astimezone(UTC)


@dataclass(frozen=True)
class Point:
    """From ``at`` on (until the next point), ``affected`` customers are out."""

    at: datetime
    affected: int
    potentially_affected: int | None = None
    """Users who *could* be affected (the FCC counts these); ``None`` means the same as ``affected``."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "at", _aware(self.at, "Point.at"))
        if self.affected < 0:
            raise ValueError(f"customers affected cannot be negative, got {self.affected}")
        if self.potentially_affected is not None and self.potentially_affected < self.affected:
            raise ValueError(
                f"potentially affected ({self.potentially_affected}) cannot be fewer than affected ({self.affected})"
            )

    def count(self, potentially: bool) -> int:
        """The count a rule uses: potentially affected where the rule says so."""
        if potentially and self.potentially_affected is not None:
            return self.potentially_affected
        return self.affected


@dataclass(frozen=True)
class OutageFacts:
    """One outage as known at one moment. Times are kept in UTC; show them in the site's zone."""

    began_at: datetime
    """When the outage started (an incident's ``began_at``, by default its first update)."""
    discovered_at: datetime
    """When the provider became aware of it; clocks that run "from discovery" start here."""
    restored_at: datetime | None
    """When service came back for everyone, or ``None`` while it is out."""
    categories_by_service: Mapping[str, frozenset[str]]
    """Each affected service's id and its reporting categories, e.g. ``{"phone": {"primary", "emergency-calls"}}``."""
    points: tuple[Point, ...] = ()
    """Customers affected over time, oldest first."""
    community_isolated: bool = False
    """The outage cut off an area that only this provider serves."""

    categories: frozenset[str] = field(init=False)
    """Every category of every affected service."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "began_at", _aware(self.began_at, "began_at"))
        object.__setattr__(self, "discovered_at", _aware(self.discovered_at, "discovered_at"))
        if self.discovered_at < self.began_at:
            raise ValueError(f"discovered_at ({self.discovered_at}) is before began_at ({self.began_at})")
        if self.restored_at is not None:
            object.__setattr__(self, "restored_at", _aware(self.restored_at, "restored_at"))
            if self.restored_at < self.began_at:
                raise ValueError(f"restored_at ({self.restored_at}) is before began_at ({self.began_at})")
        for earlier, later in zip(self.points, self.points[1:], strict=False):
            if later.at < earlier.at:
                raise ValueError(f"points must be in time order: {later.at} comes after {earlier.at}")
        frozen = {service: frozenset(cats) for service, cats in self.categories_by_service.items()}
        object.__setattr__(self, "categories_by_service", MappingProxyType(frozen))
        object.__setattr__(self, "points", tuple(self.points))
        object.__setattr__(self, "categories", frozenset().union(*frozen.values()))

    def affects_service_in(self, categories: frozenset[str]) -> bool:
        """One affected service is in every one of ``categories`` (no categories: any outage)."""
        if not categories:
            return True
        return any(categories <= cats for cats in self.categories_by_service.values())


@dataclass(frozen=True)
class Reported:
    """A notification or report that was made, as staff record it."""

    rule: str
    """``regime-id/rule-id``, e.g. ``crtc-2025-225/primary-notification``."""
    at: datetime
    by: str
    reference: str = ""
    """The recipient's reference number, a ticket, an email's subject."""
    recipient: str | None = None
    """The recipient id this record covers; ``None`` covers every recipient of the rule."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "at", _aware(self.at, "Reported.at"))
        if "/" not in self.rule:
            raise ValueError(f"Reported.rule must be 'regime-id/rule-id', got {self.rule!r}")
