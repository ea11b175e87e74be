"""The shape of a reporting-rules file: one regulator's regime, or an organisation's own rules.

These pydantic models check keys and types only (so a typo is a located error
naming the keys allowed); ``regimes.py`` checks what spans fields (recipients
and categories are declared, rules named in ``follows`` exist, durations and
dates read) and builds the typed :class:`~generator.reporting.regimes.Regime`.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

Id = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=60)]
Text = Annotated[str, Field(min_length=1)]
DateText = Annotated[str, Field(pattern=r"^\d{4}-\d{2}-\d{2}$", description="A date like 2025-09-04.")]
DurationText = Annotated[str, Field(min_length=1, description="A duration like 30m, 2h, 72h or 30d.")]
ClockName = Literal["discovered", "major", "restored", "reported"]


class _Strict(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)


class CountLimitFile(_Strict):
    """Exactly one of ``at_least`` and ``more_than``."""

    at_least: int | None = Field(None, ge=0)
    more_than: int | None = Field(None, ge=0)


class DurationLimitFile(_Strict):
    """Exactly one of ``at_least`` and ``more_than``, as durations."""

    at_least: DurationText | None = None
    more_than: DurationText | None = None


class ThresholdsFile(_Strict):
    """When an outage counts as major for a rule; every threshold given must be met."""

    duration: DurationLimitFile | None = Field(
        None, description="How long the outage has lasted (with `customers`: how long that many were out)."
    )
    user_minutes: CountLimitFile | None = Field(None, description="Customers x minutes since the outage began.")
    customers: CountLimitFile | None = Field(None, description="Customers out at one time.")
    count: Literal["affected", "potentially-affected"] = Field(
        "affected", description="Count customers affected, or those potentially affected (the FCC's measure)."
    )


class RuleFile(_Strict):
    """One duty: when it applies, when its clock starts, how long it runs, whom to tell."""

    id: Id
    title: Text = Field(description='How messages name the rule, e.g. "major-outage threshold".')
    categories: list[Id] = Field(
        default_factory=list, description="The outage affects one service in all of these categories (none: any)."
    )
    community_isolated: bool | None = Field(
        None, description="true: applies only when the outage cuts off an area that only this provider serves."
    )
    thresholds: ThresholdsFile | None = Field(None, description="Leave out for a rule that applies at any size.")
    follows: list[Id] = Field(default_factory=list, description="Applies when any of these rules applies.")
    clock: ClockName = Field(description="When the time allowed starts: discovered, major, restored or reported.")
    after: Id | None = Field(None, description="With clock: reported, the rule whose report starts the clock.")
    within: DurationText = Field(description="The time allowed, counted in elapsed time: 30m, 2h, 72h, 30d.")
    action: Text = Field(description='What to do, before the recipients: "notify", "file the final report with".')
    recipients: list[Text] = Field(min_length=1, description="Recipient ids declared in the file (names, internally).")
    cite: str = Field("", description="Where the rule is written: a paragraph or section of the source.")
    effective_from: DateText | None = Field(None, description="The rule applies to outages that begin on or after.")
    notes: str = Field("", description="How the rule is read here, and anything the tool cannot tell.")


class SourceFile(_Strict):
    title: Text
    url: Text
    date: DateText


class RegimeFile(_Strict):
    """A regulator's reporting regime, one file per version of it."""

    id: Id
    name: Text = Field(description="The regime's full name.")
    short: Text = Field(description='How messages name the regulator: "CRTC", "FCC".')
    version: int = Field(ge=1, description="This file's version: raise it whenever a rule changes.")
    jurisdiction: Text
    sources: list[SourceFile] = Field(min_length=1, description="The published texts, first the main one.")
    in_force: bool = Field(True, description="false while the regulator has not set a start date.")
    effective_from: DateText | None = Field(None, description="The first day outages fall under these rules.")
    effective_until: DateText | None = Field(None, description="The last day, once another regime replaces it.")
    notes: str = ""
    categories: dict[Id, Text] = Field(min_length=1, description="Service categories the rules use, with meanings.")
    recipients: dict[Id, Text] = Field(min_length=1, description="Recipient ids and how messages name them.")
    rules: list[RuleFile] = Field(min_length=1)


class InternalRulesFile(_Strict):
    """An organisation's own rules, as a list (later given in status.yml)."""

    rules: list[RuleFile]
