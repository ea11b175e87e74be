"""Located problems: what the loader reports instead of raising.

Every problem names the file, line and column, the field, what was expected
and what was found, so a staff member under stress can fix it without
reading code. All problems of a run are collected and reported together.
"""

from __future__ import annotations

from dataclasses import dataclass


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
