"""Located problems: what the loader reports instead of raising, in plain words.

Every problem names the file, line and column, the field, what was expected
and what was found, so a staff member under stress can fix it without
reading code. All problems of a run are collected and reported together.

pydantic says *where* a shape error is (a path of keys and indexes); the YAML
reader knows *which line* each path stood on. :func:`problems_from` joins the
two and rewrites each error as "expected …; found …".
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ValidationError

from .schema import BY_LANGUAGE_TAG, PLAIN_TAG

if TYPE_CHECKING:  # the reader imports this module for Problem: a type-only import keeps the two apart
    from .yamltext import YamlDocument


@dataclass(frozen=True, order=True)
class Problem:
    """One located error or warning in a file staff wrote."""

    file: str
    """Path relative to the project root, with forward slashes."""
    line: int
    """1-based line number."""
    column: int
    """1-based column number."""
    field: str
    """Dotted path of the field, like ``updates[1].status``; empty for the whole file."""
    expected: str
    """What the rule wants, in plain words."""
    found: str
    """What the file holds instead."""
    severity: str = "error"
    """``error`` stops the build; ``warning`` is reported but does not."""

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}:"
        prefix = " warning:" if self.severity == "warning" else ""
        field = f" {self.field}:" if self.field else ""
        return f"{where}{prefix}{field} expected {self.expected}; found {self.found}"

    def as_error(self) -> Problem:
        """The same problem, counted as an error (``check --strict``)."""
        return Problem(self.file, self.line, self.column, self.field, self.expected, self.found)


class InvalidSite(Exception):
    """The files do not form a valid site; ``problems`` says where and why."""

    def __init__(self, problems: list[Problem] | tuple[Problem, ...]) -> None:
        self.problems = tuple(sorted(problems))
        super().__init__("\n".join(str(p) for p in self.problems))


def describe(value: object, limit: int = 60) -> str:
    """How a found value is shown in a message: strings quoted, long ones cut."""
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, str):
        text = value if len(value) <= limit else value[: limit - 1] + "…"
        return repr(text)
    if isinstance(value, list):
        return f"a list of {len(value)} item{'s' if len(value) != 1 else ''}"
    if isinstance(value, dict):
        return "a mapping of keys (" + ", ".join(str(k) for k in list(value)[:5]) + ")"
    return type(value).__name__


def field_path(loc: tuple[str | int, ...]) -> str:
    """``("updates", 1, "status")`` -> ``updates[1].status``."""
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


# --- pydantic's errors in plain words ----------------------------------------

_FORMS = (PLAIN_TAG, BY_LANGUAGE_TAG)
"""The two forms of a text field, which pydantic puts in an error's location; staff wrote neither."""

_TYPE_WORDS = {
    "string_type": "text",
    "int_type": "a whole number",
    "int_from_float": "a whole number",
    "float_type": "a number",
    "bool_type": "true or false",
    "list_type": "a list, like [a, b]",
    "dict_type": "a mapping of keys",
    "model_type": "a mapping of keys",
    "model_attributes_type": "a mapping of keys",
    "none_required": "nothing",
}


def problems_from(error: ValidationError, document: YamlDocument, file: str, model: type[BaseModel]) -> list[Problem]:
    """One problem per pydantic error, located in the file."""
    problems = []
    for detail in error.errors(include_url=False):
        loc = tuple(part for part in detail["loc"] if part not in _FORMS)
        is_key = detail["type"] == "extra_forbidden"
        line, column = document.position(loc, key=is_key)
        expected, found = _expected_found(detail, loc, model)
        problems.append(Problem(file, line, column, field_path(loc), expected, found))
    return problems


def _expected_found(detail: dict[str, Any], loc: tuple[str | int, ...], model: type[BaseModel]) -> tuple[str, str]:
    kind = detail["type"]
    value = detail.get("input")
    ctx = detail.get("ctx") or {}
    found = describe(value)
    if kind == "missing":
        return "this required field", "no such key"
    if kind == "extra_forbidden":
        allowed = _allowed_keys(model, loc[:-1])
        guess = difflib.get_close_matches(str(loc[-1]), allowed, n=1)
        hint = f" (did you mean '{guess[0]}'?)" if guess else ""
        return f"one of the keys {', '.join(allowed)}", f"the unknown key '{loc[-1]}'{hint}"
    if kind in {"literal_error", "enum"}:
        options = ctx.get("expected", "").replace("'", "").replace(" or ", ", ")
        return f"one of {options}", found
    if kind == "bool_type" and isinstance(value, str) and value.lower() in ("yes", "no", "on", "off", "y", "n"):
        return "true or false (yes, no, on and off are text in YAML 1.2, as editors read it)", found
    if kind in _TYPE_WORDS:
        return _TYPE_WORDS[kind], found
    if kind in ("one_line", "blank"):
        expected, _, found_words = detail["msg"].partition("; found ")
        return expected, found_words + (f" in {found}" if kind == "one_line" else "")
    if kind == "string_too_short":
        return "some text", "empty text"
    if kind == "too_short":
        least = ctx.get("min_length", 1)
        return f"a list of at least {least} item{'s' if least != 1 else ''}", found if value else "an empty list"
    if kind == "string_pattern_mismatch":
        example = "20260512-1425" if loc and loc[-1] == "id" and "updates" in loc else "castle-downs"
        return f"a lowercase id of letters, digits and hyphens, like {example}", found
    if kind == "string_too_long":
        return f"at most {ctx.get('max_length')} characters", f"{len(value)} characters"
    if kind in {"greater_than_equal", "greater_than", "less_than_equal", "less_than"}:
        sign = {"greater_than_equal": "≥", "greater_than": ">", "less_than_equal": "≤", "less_than": "<"}[kind]
        limit = next(iter(ctx.values()), "")
        return f"a number {sign} {limit:,}" if isinstance(limit, int) else f"a number {sign} {limit}", found
    return detail.get("msg", "a valid value").lower(), found


def _allowed_keys(model: type[BaseModel], loc: tuple[str | int, ...]) -> list[str]:
    """The keys the model accepts at ``loc`` (a path to a mapping)."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        field = current.model_fields.get(part)
        if field is None:
            return []
        current = _model_in(field.annotation)
        if current is None:
            return []
    return list(current.model_fields)


def _model_in(annotation: Any) -> type[BaseModel] | None:
    """The pydantic model inside ``X``, ``list[X]`` or ``X | None``."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _model_in(arg)
        if found is not None:
            return found
    return None
