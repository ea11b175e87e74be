"""Turn pydantic's validation errors into located problems in plain words.

pydantic says *where* (a path of keys and indexes); the YAML reader knows
*which line* each path stood on. This module joins the two and rewrites each
error as "expected …; found …".
"""

from __future__ import annotations

import difflib
from typing import Any

from pydantic import BaseModel, ValidationError

from .problems import Problem, describe, field_path
from .yamltext import YamlDocument

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
        loc = tuple(detail["loc"])
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
    if kind in _TYPE_WORDS:
        return _TYPE_WORDS[kind], found
    if kind == "string_too_short":
        return "some text", "empty text"
    if kind == "too_short":
        least = ctx.get("min_length", 1)
        return f"a list of at least {least} item{'s' if least != 1 else ''}", found if value else "an empty list"
    if kind == "string_pattern_mismatch":
        return "a lowercase id of letters, digits and hyphens, like castle-downs", found
    if kind == "string_too_long":
        return f"at most {ctx.get('max_length')} characters", f"{len(value)} characters"
    if kind in {"greater_than_equal", "greater_than", "less_than_equal", "less_than"}:
        sign = {"greater_than_equal": "≥", "greater_than": ">", "less_than_equal": "≤", "less_than": "<"}[kind]
        limit = next(iter(ctx.values()), "")
        return f"a number {sign} {limit}", found
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
