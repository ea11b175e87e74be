"""What ``status.yml`` says about regulatory reporting, checked: regimes, names, categories, own rules.

The incidents stage checks the shape of ``reporting:`` and of each service's
``categories`` (keys and types, for every command); what needs the rules
files (which regimes exist, their recipients and categories, the format of
the organisation's own rules) is checked here, with every problem located in
``status.yml`` as for the files staff write. The result is a :class:`Setup`:
the regimes to apply, each with the dates the organisation gave it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date
from types import MappingProxyType

from pydantic import ValidationError

from ..incidents.model import Config, Contact
from ..incidents.problems import Problem, describe, problems_from
from ..incidents.rules import Checker
from ..incidents.schema import ReportingFile
from ..incidents.yamltext import Path, YamlDocument, YamlProblem, parse
from .regimes import SHIPPED, STANDARD_CATEGORIES, InvalidRules, Regime, internal_regime, read_date, shipped_regime

CONFIG_FILE = "status.yml"
EMERGENCY_CALLS = "emergency-calls"
"""The 9-1-1 category: a service is in it when status.yml marks it ``emergency_calls: true``."""


@dataclass(frozen=True)
class Setup:
    """The organisation's reporting: what :func:`~generator.reporting.duties.duties` is given."""

    regimes: tuple[Regime, ...]
    """The selected regimes in status.yml's order, with the organisation's dates; its own rules (``internal``) last."""
    names: Mapping[str, str]
    """Recipient id -> the organisation's name for it, e.g. ``emergency-management`` -> Alberta Emergency Management Agency."""
    categories: Mapping[str, frozenset[str]]
    """Service id -> its reporting categories (``emergency-calls`` when it carries 911 calls)."""
    contact: Contact | None = None
    """Who regulators call back: ``reporting.contact``, or the media contact."""
    warnings: tuple[Problem, ...] = ()

    @property
    def on(self) -> bool:
        return bool(self.regimes)

    def regime(self, regime_id: str) -> Regime | None:
        return next((r for r in self.regimes if r.id == regime_id), None)

    def rule_keys(self) -> dict[str, tuple[str, ...]]:
        """Every duty's key (``regime-id/rule-id``) and the recipient ids of its rule."""
        return {f"{r.id}/{rule.id}": rule.recipients for r in self.regimes for rule in r.rules}


def no_reporting(config: Config) -> Setup:
    """Reporting off: no regimes (the categories are still known, for anyone who asks)."""
    return Setup((), MappingProxyType({}), _categories(config), None)


def read_setup(raw: bytes, config: Config) -> Setup:
    """The reporting setup from status.yml's bytes, or :class:`InvalidRules` with every problem found.

    ``config`` is status.yml as the loader checked it; ``raw`` is read again
    here only for the positions of what the loader cannot check.
    """
    try:
        document = parse(raw, CONFIG_FILE)
    except YamlProblem as exc:
        raise InvalidRules([exc.problem]) from None
    data = document.data if isinstance(document.data, dict) else {}
    checker = Checker(CONFIG_FILE, document)
    section = data.get("reporting")
    try:
        shape = ReportingFile.model_validate(section if section is not None else {})
    except ValidationError as exc:  # the loader refuses this first; kept so this function stands alone
        raise InvalidRules(problems_from(exc, _Under(document, ("reporting",)), CONFIG_FILE, ReportingFile)) from None
    if isinstance(section, list):  # reporting: [crtc-2025-225], the regimes alone
        raw_regimes, at = section, ("reporting",)
    else:
        raw_regimes, at = section.get("regimes", []) if isinstance(section, dict) else [], ("reporting", "regimes")
    regimes = _regimes(shape, raw_regimes, at, checker)
    known = _known_categories(regimes)
    _check_service_categories(data, config, known, checker)
    _check_names(shape, regimes, checker)
    if shape.internal:
        try:
            regimes.append(
                internal_regime(
                    shape.internal, file=CONFIG_FILE, document=document, at=("reporting", "internal"),
                    known_categories=tuple(known),
                )
            )  # fmt: skip
        except InvalidRules as exc:
            checker.problems.extend(exc.problems)
    if checker.problems:
        raise InvalidRules(checker.problems)
    contact = shape.contact or config.media_contact
    return Setup(
        regimes=tuple(regimes),
        names=MappingProxyType(dict(shape.recipients)),
        categories=_categories(config),
        contact=Contact(contact.phone, contact.email, contact.name, contact.title) if contact else None,
        warnings=tuple(_unmarked(regimes, config, document)),
    )


class _Under:
    """The document seen from ``reporting:``, for pydantic's paths that start there."""

    def __init__(self, document: YamlDocument, at: Path) -> None:
        self.document, self.at = document, at

    def position(self, loc: Path, *, key: bool = False) -> tuple[int, int]:
        return self.document.position((*self.at, *loc), key=key)


def _categories(config: Config) -> Mapping[str, frozenset[str]]:
    found = {}
    for service in config.services:
        categories = set(service.categories)
        if service.emergency_calls:
            categories.add(EMERGENCY_CALLS)
        found[service.id] = frozenset(categories)
    return MappingProxyType(found)


# --- the regimes, with the organisation's dates --------------------------------------


def _regimes(shape: ReportingFile, raw: object, at: Path, checker: Checker) -> list[Regime]:
    chosen: list[Regime] = []
    seen: set[str] = set()
    for index, choice in enumerate(shape.regimes):
        alone = isinstance(raw, list) and index < len(raw) and isinstance(raw[index], str)
        loc: Path = (*at, index)
        if choice.regime not in SHIPPED:
            checker.fail(
                loc if alone else (*loc, "regime"),
                f"one of the regimes the tool ships: {', '.join(SHIPPED)}",
                describe(choice.regime),
            )
            continue
        if choice.regime in seen:
            checker.fail(loc if alone else (*loc, "regime"), "each regime once", f"'{choice.regime}' again")
            continue
        seen.add(choice.regime)
        starts = read_date(choice.effective_from, (*loc, "effective_from"), checker)
        ends = read_date(choice.effective_until, (*loc, "effective_until"), checker)
        if starts and ends and ends < starts:
            checker.fail(
                (*loc, "effective_until"),
                f"a date on or after effective_from ({starts})",
                describe(choice.effective_until),
            )
        chosen.append(_dated(shipped_regime(choice.regime), starts, ends))
    return chosen


def _dated(regime: Regime, starts: date | None, ends: date | None) -> Regime:
    """The regime over the organisation's dates: from the later start, to the earlier end.

    A regime shipped not in force (its regulator has set no start date yet)
    applies from ``starts`` when one is given: the date the regulator sets, or
    the organisation's choice to follow it early.
    """
    if starts is not None:
        shipped = regime.effective_from if regime.in_force else None
        regime = regime.starting(max(starts, shipped) if shipped else starts)
    if ends is not None:
        regime = replace(regime, effective_until=min(ends, regime.effective_until) if regime.effective_until else ends)
    return regime


# --- names, categories ----------------------------------------------------------------


def _known_categories(regimes: list[Regime]) -> dict[str, None]:
    known = dict.fromkeys(STANDARD_CATEGORIES)
    for regime in regimes:
        known.update(dict.fromkeys(regime.categories))
    return known


def _check_service_categories(data: dict, config: Config, known: dict[str, None], checker: Checker) -> None:
    allowed = [c for c in known if c != EMERGENCY_CALLS]
    for index, service in enumerate(config.services):
        for position, category in enumerate(service.categories):
            loc: Path = ("services", index, "categories", position)
            if category == EMERGENCY_CALLS:
                checker.fail(
                    loc, "emergency_calls: true on the service for 9-1-1 (one flag, not two)", describe(category)
                )
            elif category not in known:
                checker.fail(loc, f"one of the reporting categories {', '.join(allowed)}", describe(category))
            elif category in service.categories[:position]:
                checker.fail(loc, "each category once", f"'{category}' again")


def _check_names(shape: ReportingFile, regimes: list[Regime], checker: Checker) -> None:
    recipients = dict.fromkeys(r for regime in regimes for r in regime.recipients)
    for name in shape.recipients:
        if name not in recipients:
            expected = (
                f"one of the recipients of the selected regimes ({', '.join(recipients)})"
                if recipients
                else "a recipient of a selected regime (reporting.regimes selects none)"
            )
            checker.fail(("reporting", "recipients", name), expected, f"'{name}'", key=True)


def _unmarked(regimes: list[Regime], config: Config, document: YamlDocument) -> list[Problem]:
    """A warning when regimes are selected and no service is in any category: no rule could ever apply."""
    shipped = [r for r in regimes if r.id != "internal"]
    if not shipped or any(service.categories or service.emergency_calls for service in config.services):
        return []
    line, column = document.position(("services",), key=True)
    return [
        Problem(
            CONFIG_FILE,
            line,
            column,
            "services",
            "a service with reporting categories, e.g. categories: [primary], or emergency_calls: true "
            f"({shipped[0].id}'s rules apply by category)",
            "no service in any reporting category",
            severity="warning",
        )
    ]
