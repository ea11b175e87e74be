"""Reporting regimes as data: read, check and type the rules files.

The regimes shipped with the tool are in ``regimes/`` next to this module, one
YAML file per regime (``crtc-2025-225.yml``, ...). An organisation's own
rules use the same rule format, given as a list (:func:`internal_regime`).
Every problem is located (file, line, field, expected, found) and all of a
file's problems are reported together, as for the files staff write.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta
from importlib import resources
from types import MappingProxyType
from typing import Any

from pydantic import ValidationError

from ..incidents.problems import InvalidSite, Problem, describe, field_path, problems_from
from ..incidents.rules import Checker
from ..incidents.times import TimeError, parse_duration
from ..incidents.yamltext import Path, YamlDocument, YamlProblem, parse
from .minutes import Limit
from .schema import CountLimitFile, DurationLimitFile, InternalRulesFile, RegimeFile, RuleFile

SHIPPED = ("crtc-interim-2023", "crtc-2025-225", "fcc-part4")
"""The regimes that come with the tool, by id (each in ``regimes/<id>.yml``)."""

STANDARD_CATEGORIES = ("primary", "emergency-calls", "public-alerting", "specialised")
"""Categories every organisation can mark services with; ``emergency-calls`` is the 9-1-1 category."""


class InvalidRules(InvalidSite):
    """A rules file, or an organisation's rules, cannot be used; ``problems`` says where and why."""


@dataclass(frozen=True)
class Source:
    title: str
    url: str
    date: date


@dataclass(frozen=True)
class Rule:
    id: str
    title: str
    categories: frozenset[str]
    community_isolated: bool | None
    duration: Limit | None
    """In seconds."""
    user_minutes: Limit | None
    customers: Limit | None
    potentially: bool
    """Count users potentially affected rather than affected."""
    follows: tuple[str, ...]
    clock: str
    after: str | None
    within: timedelta
    action: str
    recipients: tuple[str, ...]
    cite: str
    effective_from: date | None
    notes: str

    @property
    def has_thresholds(self) -> bool:
        return any(x is not None for x in (self.duration, self.user_minutes, self.customers))


@dataclass(frozen=True)
class Regime:
    id: str
    name: str
    short: str
    version: int
    jurisdiction: str
    sources: tuple[Source, ...]
    in_force: bool
    effective_from: date | None
    effective_until: date | None
    notes: str
    categories: MappingProxyType[str, str]
    recipients: MappingProxyType[str, str]
    rules: tuple[Rule, ...]
    file: str

    def rule(self, rule_id: str) -> Rule:
        return next(r for r in self.rules if r.id == rule_id)

    def in_force_on(self, day: date) -> bool:
        """The regime covers an outage that began on ``day``."""
        if not self.in_force:
            return False
        if self.effective_from is not None and day < self.effective_from:
            return False
        return self.effective_until is None or day <= self.effective_until

    def starting(self, day: date) -> Regime:
        """This regime in force from ``day``: what to use once a regulator sets a start date."""
        return replace(self, in_force=True, effective_from=day)


# --- reading ----------------------------------------------------------------------


def shipped_regime(regime_id: str) -> Regime:
    """One of the regimes that come with the tool."""
    if regime_id not in SHIPPED:
        raise KeyError(f"no shipped regime {regime_id!r}; the tool ships {', '.join(SHIPPED)}")
    path = resources.files(__package__).joinpath("regimes", f"{regime_id}.yml")
    return read_regime(path.read_bytes(), f"generator/reporting/regimes/{regime_id}.yml")


def read_regime(raw: bytes, file: str) -> Regime:
    """A regime from the bytes of its file, or :class:`InvalidRules` with every problem."""
    try:
        document = parse(raw, file)
    except YamlProblem as exc:
        raise InvalidRules([exc.problem]) from None
    try:
        shape = RegimeFile.model_validate(document.data)
    except ValidationError as exc:
        raise InvalidRules(problems_from(exc, document, file, RegimeFile)) from None
    checker = Checker(file, document)
    regime = _check_regime(shape, checker)
    if checker.problems:
        raise InvalidRules(checker.problems)
    return regime


def internal_regime(
    items: object,
    *,
    file: str,
    document: YamlDocument,
    at: Path,
    name: str = "internal rules",
    known_categories: tuple[str, ...] = STANDARD_CATEGORIES,
) -> Regime:
    """An organisation's own rules, given as a list at ``at`` in ``document`` (e.g. in status.yml).

    The rules have the format of a regime's; their recipients are names, used as
    they are ("the executive on call").
    """
    shifted = _Shifted(document, at)
    try:
        shape = InternalRulesFile.model_validate({"rules": items})
    except ValidationError as exc:
        raise InvalidRules([_moved(p, at) for p in problems_from(exc, shifted, file, InternalRulesFile)]) from None
    checker = Checker(file, document)
    recipients = {name: name for rule in shape.rules for name in rule.recipients}
    categories = dict.fromkeys(known_categories, "")
    rules = _check_rules(shape.rules, checker, at, categories, recipients)
    if checker.problems:
        raise InvalidRules(checker.problems)
    return Regime(
        id="internal",
        name=name,
        short="Internal",
        version=1,
        jurisdiction="the organisation",
        sources=(),
        in_force=True,
        effective_from=None,
        effective_until=None,
        notes="",
        categories=MappingProxyType(categories),
        recipients=MappingProxyType(recipients),
        rules=rules,
        file=file,
    )


class _Shifted:
    """A document seen from a list inside it: ``("rules", 2, "id")`` is ``at + (2, "id")``."""

    def __init__(self, document: YamlDocument, at: Path) -> None:
        self.document, self.at = document, at

    def position(self, loc: Path, *, key: bool = False) -> tuple[int, int]:
        return self.document.position((*self.at, *loc[1:]), key=key)


def _moved(problem: Problem, at: Path) -> Problem:
    return replace(problem, field=field_path(at) + problem.field.removeprefix("rules"))


# --- checks that span fields ------------------------------------------------------


def _check_regime(shape: RegimeFile, checker: Checker) -> Regime:
    sources = tuple(
        Source(s.title, s.url, read_date(s.date, ("sources", i, "date"), checker) or date.min)
        for i, s in enumerate(shape.sources)
    )
    effective_from = read_date(shape.effective_from, ("effective_from",), checker)
    effective_until = read_date(shape.effective_until, ("effective_until",), checker)
    if effective_from and effective_until and effective_until < effective_from:
        checker.fail(
            ("effective_until",),
            f"a date on or after effective_from ({effective_from})",
            describe(shape.effective_until),
        )
    rules = _check_rules(shape.rules, checker, ("rules",), shape.categories, shape.recipients)
    return Regime(
        id=shape.id,
        name=shape.name,
        short=shape.short,
        version=shape.version,
        jurisdiction=shape.jurisdiction,
        sources=sources,
        in_force=shape.in_force,
        effective_from=effective_from,
        effective_until=effective_until,
        notes=shape.notes,
        categories=MappingProxyType(dict(shape.categories)),
        recipients=MappingProxyType(dict(shape.recipients)),
        rules=rules,
        file=checker.file,
    )


def _check_rules(
    shapes: list[RuleFile], checker: Checker, at: Path, categories: dict[str, Any], recipients: dict[str, Any]
) -> tuple[Rule, ...]:
    ids = [r.id for r in shapes]
    rules = []
    for index, shape in enumerate(shapes):
        loc: Path = (*at, index)
        if shape.id in ids[:index]:
            checker.fail((*loc, "id"), "each rule id once", f"'{shape.id}' again")
        for i, category in enumerate(shape.categories):
            if category not in categories:
                checker.fail(
                    (*loc, "categories", i), f"one of the categories {', '.join(categories)}", describe(category)
                )
        for i, recipient in enumerate(shape.recipients):
            if recipient not in recipients:
                checker.fail(
                    (*loc, "recipients", i), f"one of the recipients {', '.join(recipients)}", describe(recipient)
                )
        for i, other in enumerate(shape.follows):
            if other not in ids or other == shape.id:
                checker.fail((*loc, "follows", i), "the id of another rule in this file", describe(other))
        if shape.clock == "reported" and (shape.after not in ids or shape.after == shape.id):
            checker.fail(
                (*loc, "after"), "the id of another rule whose report starts this clock", describe(shape.after)
            )
        elif shape.clock != "reported" and shape.after is not None:
            checker.fail((*loc, "after"), "no 'after' unless clock is reported", describe(shape.after))
        limits = shape.thresholds
        rules.append(
            Rule(
                id=shape.id,
                title=shape.title,
                categories=frozenset(shape.categories),
                community_isolated=shape.community_isolated,
                duration=_duration_limit(limits.duration, (*loc, "thresholds", "duration"), checker)
                if limits
                else None,
                user_minutes=_count_limit(limits.user_minutes, (*loc, "thresholds", "user_minutes"), checker)
                if limits
                else None,
                customers=_count_limit(limits.customers, (*loc, "thresholds", "customers"), checker)
                if limits
                else None,
                potentially=bool(limits and limits.count == "potentially-affected"),
                follows=tuple(shape.follows)
                + ((shape.after,) if shape.after and shape.after not in shape.follows else ()),
                clock=shape.clock,
                after=shape.after,
                within=_duration(shape.within, (*loc, "within"), checker) or timedelta(0),
                action=shape.action,
                recipients=tuple(shape.recipients),
                cite=shape.cite,
                effective_from=read_date(shape.effective_from, (*loc, "effective_from"), checker),
                notes=shape.notes,
            )
        )
    _check_cycles(rules, checker, at)
    return tuple(rules)


def _check_cycles(rules: list[Rule], checker: Checker, at: Path) -> None:
    """A rule may not follow itself through others: it would never apply."""
    follows = {r.id: r.follows for r in rules}
    for index, rule in enumerate(rules):
        seen: set[str] = set()
        todo = list(rule.follows)
        while todo:
            current = todo.pop()
            if current == rule.id:
                checker.fail((*at, index, "follows"), "rules that do not lead back to this one", "a loop of follows")
                break
            if current not in seen:
                seen.add(current)
                todo.extend(follows.get(current, ()))


def read_date(text: str | None, loc: Path, checker: Checker) -> date | None:
    """A date written in a rules file or status.yml (``2026-07-01``), or ``None`` with the problem noted."""
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        checker.fail(loc, "a real date like 2026-07-01", describe(text))
        return None


def _duration(text: str, loc: Path, checker: Checker) -> timedelta | None:
    try:
        value = parse_duration(text)
    except TimeError as exc:
        checker.fail(loc, str(exc), describe(text))
        return None
    if not value:
        checker.fail(loc, "a duration longer than zero", describe(text))
        return None
    return value


def _one_of(shape: CountLimitFile | DurationLimitFile, loc: Path, checker: Checker) -> tuple[Any, bool] | None:
    if (shape.at_least is None) == (shape.more_than is None):
        found = "both" if shape.at_least is not None else "neither"
        checker.fail(loc, "exactly one of at_least and more_than", found)
        return None
    return (shape.at_least, False) if shape.at_least is not None else (shape.more_than, True)


def _count_limit(shape: CountLimitFile | None, loc: Path, checker: Checker) -> Limit | None:
    if shape is None or (chosen := _one_of(shape, loc, checker)) is None:
        return None
    return Limit(chosen[0], chosen[1])


def _duration_limit(shape: DurationLimitFile | None, loc: Path, checker: Checker) -> Limit | None:
    if shape is None or (chosen := _one_of(shape, loc, checker)) is None:
        return None
    key = "more_than" if chosen[1] else "at_least"
    value = _duration(chosen[0], (*loc, key), checker)
    return None if value is None else Limit(int(value.total_seconds()), chosen[1])
