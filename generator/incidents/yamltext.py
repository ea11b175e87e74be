"""Read one YAML file safely into plain data, remembering where each value stood.

This is the only place that parses YAML for reading. It accepts a small,
predictable subset: one document of mappings, lists and plain scalars.
Anchors, aliases, tags, merge keys, duplicate keys and control characters are
refused with a located problem, because each of them lets a file mean
something other than what it shows; so are invisible characters that reorder
or hide text (bidirectional controls, zero-width spaces, a byte-order mark past
the start) and characters XML cannot carry (every feed and CAP message is XML).
Nesting deeper than any valid file needs is refused while the parser streams
its events, before anything recursive runs.

Unquoted values are read by the YAML 1.2 core schema, as editors read them
with the published JSON Schema: ``yes``, ``no`` and ``on`` are text, not
booleans; ``1e3`` is a number. So an editor and ``outage check`` agree. Times
stay text (quoted or not), so the loader applies one set of time rules to both.

Longer than most modules: every refusal of the safe reader (characters, size, depth, anchors,
tags, duplicate keys, documents) and its located wording is one concern, reading YAML safely; split,
the refusals would lose the positions and the event stream they share.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

import yaml
from yaml.events import (
    AliasEvent,
    CollectionStartEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    NodeEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
)
from yaml.nodes import ScalarNode

from .problems import Problem, describe, field_path

MAX_FILE_BYTES = 256 * 1024
"""Files larger than this are refused: an incident file is a few kilobytes."""

MAX_DEPTH = 20
"""Deeper nesting than any valid file needs is refused before it costs memory."""

# A carriage return is allowed only as half of a CRLF line ending (files saved on Windows).
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]|\r(?!\n)")
_CONTROL_OR_CR = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\r]")
"""Where ``_CONTROL`` can match: one class of characters, searched many times quicker than its alternation."""
_INVISIBLE = re.compile("[\u061c\u200b\u200e\u200f\u2028\u2029\u202a-\u202e\u2060\u2066-\u2069\ufeff]")
"""Characters that reorder or hide text, or break lines out of sight: a title must read as it looks."""
_NOT_XML = re.compile("[\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff\U0001fffe\U0001ffff\U0010fffe\U0010ffff]")
"""Surrogates and noncharacters: XML 1.0 cannot carry them, and every feed and CAP message is XML."""
_CHARACTER_NAMES = {
    "\u061c": "ARABIC LETTER MARK",
    "\u200b": "ZERO WIDTH SPACE",
    "\u200e": "LEFT-TO-RIGHT MARK",
    "\u200f": "RIGHT-TO-LEFT MARK",
    "\u2028": "LINE SEPARATOR",
    "\u2029": "PARAGRAPH SEPARATOR",
    "\u2060": "WORD JOINER",
    "\ufeff": "ZERO WIDTH NO-BREAK SPACE (a byte-order mark)",
}
_CORE_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_CORE_BOOL = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
_CORE_INT = re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$")
_CORE_FLOAT = re.compile(
    r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
)
MAX_DIGITS = 18
"""A whole number in a file is at most this long: no count staff write needs more."""
_MAY_BE_NULL_OR_BOOL = frozenset("nNtTfF")
"""The letters ``null``, ``true`` and ``false`` start with: other plain words are text without asking the schema."""
_SEXAGESIMAL = re.compile(r"^[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?$")
_STR_TAG = "tag:yaml.org,2002:str"

Path = tuple[str | int, ...]


@dataclass
class YamlDocument:
    """Plain data from one file, with the position of every value and key."""

    data: object
    values: dict[Path, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path, tuple[int, int]] = field(default_factory=dict)
    comments: dict[Path, tuple[int, int, str]] = field(default_factory=dict)
    """Unquoted values followed by a comment on their line: (line, column, comment). In text, a
    `` #`` starts a YAML comment, so what followed it was left out of the value."""

    def position(self, loc: Path, *, key: bool = False) -> tuple[int, int]:
        """Line and column of ``loc``, or of its nearest ancestor that exists."""
        table = self.keys if key else self.values
        for end in range(len(loc), -1, -1):
            part = loc[:end]
            if part in table:
                return table[part]
            if part in self.values:
                return self.values[part]
        return (1, 1)


class YamlProblem(Exception):
    """A file cannot be read at all; carries the located problem."""

    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        super().__init__(str(problem))


def decode(raw: bytes, file: str) -> str:
    """UTF-8 text of a file, BOM removed; refuses oversize or non-UTF-8 files."""

    def fail(line: int, column: int, expected: str, found: str) -> YamlProblem:
        return YamlProblem(Problem(file, line, column, "", expected, found))

    if len(raw) > MAX_FILE_BYTES:
        raise fail(1, 1, f"a file of at most {MAX_FILE_BYTES:,} bytes", f"{len(raw):,} bytes")
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise fail(line, column, "UTF-8 text", f"the byte 0x{raw[exc.start]:02x}, which is not UTF-8") from None
    return text


# libyaml parses about 15 times faster than PyYAML's pure-Python parser; the
# messages for broken files come from the pure-Python one, so they stay the
# same whichever is installed.
_FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def parse(raw: bytes, file: str) -> YamlDocument:
    """Parse one file into a :class:`YamlDocument`, or raise :class:`YamlProblem`."""
    text = decode(raw, file)
    _check_characters(text, file)
    fast = "\t" not in text  # libyaml accepts some tabs PyYAML refuses: keep one behaviour
    try:
        events = _check_events(text, file, _FAST_LOADER if fast else yaml.SafeLoader)
    except (YamlProblem, yaml.YAMLError):
        if not fast:
            raise
        # The file is broken somewhere: let the pure-Python parser say where, in its words.
        events = _check_events(text, file, yaml.SafeLoader)
    document = YamlDocument(data=None)
    root = _root(events)
    if root is None:
        raise YamlProblem(Problem(file, 1, 1, "", "a mapping of fields", "an empty file"))
    document.data, _ = _Builder(events, document, file, text.splitlines()).value(root, (), 0)
    if not isinstance(document.data, dict):
        line, column = _mark(events[root])
        raise YamlProblem(Problem(file, line, column, "", "a mapping of fields at the top", describe(document.data)))
    return document


def character_problem(text: str) -> tuple[str, str] | None:
    """(expected, found) for the first character a file may not hold in text, or ``None``."""
    if (bad := _CONTROL.search(text)) is not None:
        if bad.group() == "\r":
            return "lines that end in LF or CRLF", "a carriage return (U+000D) without a line feed after it"
        return "text without control characters", f"the control character U+{ord(bad.group()):04X}"
    if (bad := _INVISIBLE.search(text)) is not None:
        return "text without invisible characters", _invisible(bad.group())
    if (bad := _NOT_XML.search(text)) is not None:
        return "text that XML can carry", f"the character U+{ord(bad.group()):04X}, which is not one"
    return None


def _invisible(character: str) -> str:
    code = ord(character)
    if 0x202A <= code <= 0x202E or 0x2066 <= code <= 0x2069:
        name = "a bidirectional control, which reorders text as it is shown"
    else:
        name = _CHARACTER_NAMES.get(character, "an invisible character")
    return f"U+{code:04X} {name}"


def _check_characters(text: str, file: str) -> None:
    """Refuse, where they stand, characters that hide or reorder text or that XML cannot carry."""
    patterns: tuple[re.Pattern[str], ...] = (_CONTROL, _INVISIBLE, _NOT_XML)
    if _CONTROL_OR_CR.search(text) is None:  # most files: _CONTROL's alternation searched 14 us a file for nothing
        patterns = () if text.isascii() else (_INVISIBLE, _NOT_XML)  # neither has an ASCII character
    for pattern in patterns:  # NEL (U+0085) is a line break to one parser, not the other
        if (bad := pattern.search(text)) is not None:
            line = text.count("\n", 0, bad.start()) + 1
            column = bad.start() - (text.rfind("\n", 0, bad.start()) + 1) + 1
            expected, found = character_problem(text[bad.start() : bad.end() + 1]) or ("", "")
            raise YamlProblem(Problem(file, line, column, "", expected, found))


def _root(events: list) -> int | None:
    """Where the document's top value starts in ``events``; ``None`` for a file with no document."""
    for at, event in enumerate(events):
        if isinstance(event, NodeEvent):
            return at
    return None


def _mark(event: NodeEvent) -> tuple[int, int]:
    return event.start_mark.line + 1, event.start_mark.column + 1


def _check_events(text: str, file: str, loader_class=yaml.SafeLoader) -> list:
    """The file's events; refuses anchors, aliases, tags and extra documents, and reports syntax errors."""
    documents = depth = 0
    events = []
    try:
        loader = loader_class(text)  # the pure-Python loader checks for unprintable characters first
        while loader.check_event():
            event = loader.get_event()
            events.append(event)
            kind = type(event)
            if kind is ScalarEvent or kind is MappingEndEvent or kind is SequenceEndEvent:
                if kind is not ScalarEvent:
                    depth -= 1
                elif event.anchor is None and event.tag is None:
                    continue  # the common case, checked with the fewest steps: most events are plain values

            def refuse(expected: str, found: str, event: yaml.Event = event) -> YamlProblem:
                line, column = event.start_mark.line + 1, event.start_mark.column + 1
                return YamlProblem(Problem(file, line, column, "", expected, found))

            # Depth is counted on the stream of events, which no parser builds recursively: a file
            # of 25,000 nested brackets is refused here, before building it could exhaust the stack.
            if isinstance(event, CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    raise refuse(f"at most {MAX_DEPTH} levels of nesting", "deeper nesting")
            if isinstance(event, DocumentStartEvent):
                documents += 1
                if documents > 1:
                    raise refuse("one YAML document", "a second document (a line with ---)")
            if isinstance(event, AliasEvent):
                raise refuse("plain values", f"the alias *{event.anchor} (aliases are not allowed)")
            if isinstance(event, NodeEvent) and event.anchor is not None:
                raise refuse("plain values", f"the anchor &{event.anchor} (anchors are not allowed)")
            # An untagged node has no tag on its event; any tag, even the bare "!", is refused.
            explicit_tag = isinstance(event, ScalarEvent | CollectionStartEvent) and event.tag is not None
            if explicit_tag:
                shown = event.tag.replace("tag:yaml.org,2002:", "!!", 1)
                raise refuse("plain values", f"the tag {shown} (tags are not allowed)")
    except yaml.MarkedYAMLError as exc:
        expected, found, mark = _syntax_words(exc, text)
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise YamlProblem(Problem(file, line, column, "", expected, found)) from None
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1
        column = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
        found = (
            f"the control character U+{exc.character:04X}"
            if isinstance(exc.character, int)
            else "a character YAML cannot hold"
        )
        raise YamlProblem(Problem(file, line, column, "", "text without control characters", found)) from None
    except RecursionError:
        raise YamlProblem(Problem(file, 1, 1, "", f"at most {MAX_DEPTH} levels of nesting", "deeper nesting")) from None
    return events


_TOKENS = {
    "<stream end>": "the end of the file",
    "<block end>": "the end of the indented block",
    "<block mapping start>": "a new field",
    "<block sequence start>": "a list",
    "<block entry>": "a list item ('- ')",
    "<scalar>": "more text",
    "<flow sequence start>": "'['",
    "<flow sequence end>": "']'",
    "<flow mapping start>": "'{'",
    "<flow mapping end>": "'}'",
    "<flow entry>": "','",
    "<key>": "a key",
    "<value>": "':'",
    "<document start>": "a line with ---",
    "<document end>": "a line with ...",
}
"""PyYAML's names for what it read, in words."""
_VALUE_START = "text that starts with a letter or digit, or the whole value in quotes"


def _syntax_words(exc: yaml.MarkedYAMLError, text: str) -> tuple[str, str, yaml.Mark | None]:
    """PyYAML's parser messages, in words staff can act on: (expected, found, where).

    Where is the problem's own place, or where the thing left open began (a quote, a bracket).
    """
    problem = exc.problem or ""
    context = exc.context or ""
    mark, opened = exc.problem_mark or exc.context_mark, exc.context_mark or exc.problem_mark
    lines = text.splitlines()
    here = lines[mark.line] if mark is not None and mark.line < len(lines) else ""
    quoted = re.search(r"'(.*?)'", problem)
    what = quoted.group(1) if quoted else ""
    if "'\\t'" in problem or "tab character" in problem:
        if mark is not None and here[: mark.column].strip():
            return "a space after the colon", "a tab character", mark
        return "spaces for indentation", "a tab character", mark
    if "quoted scalar" in context and "unexpected end of stream" in problem:
        return "a closing quote for the text that starts here", "the end of the file before it", opened
    if "quoted scalar" in context and "document separator" in problem:
        return "a closing quote for the text that starts here", "a line with --- or ... before it", opened
    if "double-quoted scalar" in context and "escape" in problem and mark is not None:
        start = text.rfind("\\", 0, mark.index + 1)
        at = yaml.Mark("", start, mark.line, mark.column - (mark.index - start), None, None)
        return (
            'a backslash inside double quotes only as \\\\, \\" or \\n (or single quotes, which take text as it is)',
            f"'{text[start : mark.index + 1]}', which YAML cannot read",
            at,
        )
    if "cannot start any token" in problem:
        return _VALUE_START, f"'{what}' at the start of a value, which YAML keeps for itself", mark
    if "mapping keys are not allowed here" in problem:
        return _VALUE_START, "'?' at the start of a value, which YAML reads as a key", mark
    if "while scanning an anchor" in context or "while scanning an alias" in context:
        return _VALUE_START, f"'{text[opened.index]}' at the start of a value" if opened else "an anchor", opened
    if "block scalar" in context:
        return (
            "a line break right after '|' or '>' (the text goes on the lines below), or the whole value in quotes",
            f"more on the same line: '{what}'" if what else "more on the same line",
            mark,
        )
    if "flow sequence" in context or "flow mapping" in context:
        close = "]" if "sequence" in context else "}"
        kind = "list" if "sequence" in context else "group of fields"
        got = re.search(r"but (?:found|got) '(.*?)'$", problem)
        found = _TOKENS.get(got.group(1), f"'{got.group(1)}'") if got else "something else"
        where = f" on line {mark.line + 1}" if mark is not None else ""
        return f"a '{close}' to close the {kind} that starts here, items separated by commas", f"{found}{where}", opened
    if "mapping values are not allowed" in problem:
        return "text with ': ' inside quotes, or a line indented like its neighbours", "a second ': ' on the line", mark
    if "<block end>" in problem or "block mapping" in context:
        if mark is not None and here[: mark.column].strip() and "'<block mapping start>'" not in problem:
            # Something follows a value on its own line: `message: "Crews" have found`.
            return (
                "the value to end at its closing quote or bracket; to say more, put the whole value in quotes",
                f"{_TOKENS.get(what, 'more')} after it on the same line",
                mark,
            )
        return "each key indented like the keys around it", "a line indented differently", mark
    if "could not find expected ':'" in problem:
        return "a key followed by ': '", "a line without one (is a list item missing its '- '?)", mark
    if "'<document start>'" in problem:
        return "one YAML document", "more after a line with ...", mark
    if (split := re.fullmatch(r"expected (.+), but (?:found|got) '?(.+?)'?", problem)) is not None:
        return _TOKENS.get(split.group(1), split.group(1)), _TOKENS.get(split.group(2), split.group(2)), mark
    return "valid YAML", problem.removeprefix("found ") or "text that is not valid YAML", mark


class _Builder:
    """Plain Python data straight from a file's checked events, recording positions as it goes.

    Building from the events, rather than composing PyYAML's node tree first and
    walking it, reads each file in one pass: loading is most of a cold build.
    """

    def __init__(self, events: list, document: YamlDocument, file: str, lines: list[str]) -> None:
        self.events, self.document, self.file, self.lines = events, document, file, lines

    def value(self, at: int, loc: Path, depth: int) -> tuple[object, int]:
        """The value whose event is at ``at``, and where the next one starts."""
        event = self.events[at]
        line, column = _mark(event)
        self.document.values[loc] = (line, column)

        def refuse(expected: str, found: str, where: tuple[int, int] = (line, column)) -> YamlProblem:
            return YamlProblem(Problem(self.file, where[0], where[1], field_path(loc), expected, found))

        if depth > MAX_DEPTH:
            raise refuse(f"at most {MAX_DEPTH} levels of nesting", "deeper nesting")
        if isinstance(event, ScalarEvent):
            self._comment(event, loc)
            return _scalar(event, refuse), at + 1
        if isinstance(event, SequenceStartEvent):
            items: list[object] = []
            at += 1
            while not isinstance(self.events[at], SequenceEndEvent):
                item, at = self.value(at, (*loc, len(items)), depth + 1)
                items.append(item)
            return items, at + 1
        assert isinstance(event, MappingStartEvent)
        mapping: dict[str, object] = {}
        at += 1
        while not isinstance(self.events[at], MappingEndEvent):
            key_event = self.events[at]
            key_at = _mark(key_event)
            is_scalar = isinstance(key_event, ScalarEvent)
            key = _scalar(key_event, refuse) if is_scalar else None
            merge = is_scalar and key_event.value == "<<" and _tag(key_event).endswith(":merge")
            if not isinstance(key, str) or merge:
                raise refuse("a field name", "a YAML merge key" if merge else describe(_plain(key_event)), key_at)
            if key in mapping:
                first = self.document.keys[(*loc, key)]
                raise refuse("each field once", f"'{key}' again (first on line {first[0]})", key_at)
            self.document.keys[(*loc, key)] = key_at
            mapping[key], at = self.value(at + 1, (*loc, key), depth + 1)
        return mapping, at + 1

    def _comment(self, event: ScalarEvent, loc: Path) -> None:
        """Record an unquoted value that a comment follows on the same line."""
        end = event.end_mark
        found = _COMMENT_AFTER.match(self.lines[end.line], end.column) if end.line < len(self.lines) else None
        if event.style in (None, "") and found:
            self.document.comments[loc] = (end.line + 1, found.start(1) + 1, found.group(1))  # at the '#'


_COMMENT_AFTER = re.compile(r"[ \t]+(#.*?)\s*$")
_RESOLVER = yaml.resolver.Resolver()


def _timestamp(event: ScalarEvent) -> bool:
    """Whether PyYAML reads a plain scalar as a time (YAML 1.1: ``2026-05-12 09:00``); such values stay text."""
    value = event.value  # every YAML 1.1 timestamp starts with a digit and has a "-": most values are not asked
    return value[:1].isdigit() and "-" in value and _tag(event).endswith(":timestamp")


def _tag(event: ScalarEvent) -> str:
    """The tag PyYAML resolves a scalar to (tags written in the file are refused before this)."""
    return _RESOLVER.resolve(ScalarNode, event.value, event.implicit)


def _plain(event: NodeEvent) -> object:
    if isinstance(event, ScalarEvent):
        return event.value
    return [] if isinstance(event, SequenceStartEvent) else {}


def _scalar(event: ScalarEvent, refuse) -> object:
    """A scalar's value as YAML 1.2's core schema reads it; quoted and block scalars are text."""
    value = event.value
    if not event.style and value[:1].isalpha() and value[0] not in _MAY_BE_NULL_OR_BOOL:
        return value  # a plain word: no number, null, boolean or time starts so (most values and every key)
    # The file's characters were checked whole; only a double-quoted escape ("\uFFFE") makes new ones.
    if event.style == '"' and (problem := character_problem(value)) is not None:
        raise refuse(*problem)
    if event.style not in (None, "") or _SEXAGESIMAL.match(value) or _timestamp(event):
        # Quoted text, and times and 14:00-style values, stay text: quoted and
        # unquoted times follow the same rules in the loader.
        return value
    if _CORE_NULL.match(value):
        return None
    if _CORE_BOOL.match(value):
        return value.lower() == "true"
    if _CORE_INT.match(value):
        digits = value.lstrip("+-")
        if len(digits) > MAX_DIGITS:
            raise refuse(f"a whole number of at most {MAX_DIGITS} digits", f"a number of {len(digits):,} digits")
        return int(value, 0) if value[:2] in ("0o", "0x") else int(value)
    if _CORE_FLOAT.match(value):
        number = _core_float(value)
        # 12.0 is the whole number 12, as a JSON Schema "integer" reads it in an editor.
        return int(number) if number.is_integer() and abs(number) < 10**MAX_DIGITS else number
    return value


def _core_float(value: str) -> float:
    """A YAML 1.2 core float: ``1e3``, ``.5``, ``-1.``, ``.inf``, ``.nan``."""
    body = value.lower().lstrip("+-")
    if body == ".inf":
        return -math.inf if value.startswith("-") else math.inf
    if body == ".nan":
        return math.nan
    return float(value)
