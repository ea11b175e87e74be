"""Who receives bulletins by email: the recipients file, kept out of the repository.

Its path (``OUTAGE_RECIPIENTS_FILE``) or content (``OUTAGE_RECIPIENTS``) comes
from the environment. It is checked like every file staff write: a malformed
one gives located problems before anything is fetched or sent.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from email.headerregistry import Address
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ..incidents.load import read_file
from ..incidents.model import Config
from ..incidents.problems import InvalidSite, describe, problems_from
from ..incidents.rules import Checker
from ..incidents.schema import Id, Line
from ..incidents.yamltext import YamlDocument, YamlProblem, parse
from .errors import NotifyError

if TYPE_CHECKING:
    from .published import Bulletin

RECIPIENTS_FILE_ENV = "OUTAGE_RECIPIENTS_FILE"
RECIPIENTS_ENV = "OUTAGE_RECIPIENTS"

NEWSROOM = "newsroom"
TECHNICAL = "technical"
_LISTS = {"newsrooms": NEWSROOM, "technical": TECHNICAL}

EMAIL = re.compile(
    r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$"
)
"""An address as the recipients file and ``OUTAGE_SMTP_FROM`` must write it."""


class _Strict(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)


class RecipientFile(_Strict):
    name: Line = Field(description="Who it is, shown in the To line, e.g. CKNW News.")
    email: Line = Field(description="Their address, e.g. news@radio.example.")
    services: list[Id] = Field(
        default_factory=list, description="Only bulletins about these service ids (default: every service)."
    )
    areas: list[Id] = Field(
        default_factory=list, description="Only bulletins about these area ids (default: every area)."
    )
    language: Line | None = Field(
        default=None,
        description="The language of the bulletins they get, one of status.yml's languages, e.g. fr "
        "(default: the site's first).",
    )


class RecipientsFile(_Strict):
    """Who receives bulletins by email: newsrooms get radio + press, technical contacts the notice."""

    newsrooms: list[RecipientFile] = Field(
        default_factory=list, description="Receive the radio scripts and press release."
    )
    technical: list[RecipientFile] = Field(default_factory=list, description="Receive the notice.")


@dataclass(frozen=True)
class Recipient:
    kind: str
    """``newsroom`` or ``technical``."""
    name: str
    email: str
    services: frozenset[str] = frozenset()
    areas: frozenset[str] = frozenset()
    entry: str = ""
    """Where it stands in the file, like ``newsrooms[2]``: names it in a log where the address is masked."""
    language: str = "en"
    """The language of the bulletins they get: one of the site's (``fr``: the French files, subject and footer)."""

    @property
    def address(self) -> Address:
        return Address(display_name=self.name, addr_spec=self.email)

    def wants(self, bulletin: Bulletin) -> bool:
        """Each list given must share an id with the incident; an empty list means every one."""
        return (not self.services or bool(self.services & set(bulletin.services))) and (
            not self.areas or bool(self.areas & set(bulletin.areas))
        )


def recipients_source(environ: Mapping[str, str]) -> tuple[str, bytes]:
    """Where the recipients are (a name for messages) and their bytes, from the environment."""
    path = environ.get(RECIPIENTS_FILE_ENV, "")
    content = environ.get(RECIPIENTS_ENV, "")
    if path and content:
        raise NotifyError(f"set one of {RECIPIENTS_FILE_ENV} and {RECIPIENTS_ENV}, not both")
    if content:
        return RECIPIENTS_ENV, content.encode("utf-8")
    if not path:
        raise NotifyError(
            f"no recipients: set {RECIPIENTS_FILE_ENV} to a recipients file, or {RECIPIENTS_ENV} to its content "
            "(see examples/recipients.example.yml)"
        )
    return path, read_named_file(RECIPIENTS_FILE_ENV, path)


def read_named_file(variable: str, path: str) -> bytes:
    """The bytes of the file an environment variable names, or a :class:`NotifyError` saying why not."""
    try:
        return read_file(Path(path))
    except YamlProblem as exc:
        raise NotifyError(f"{variable}: {path}: expected {exc.problem.expected}; found {exc.problem.found}") from None
    except OSError as exc:
        raise NotifyError(f"{variable}: cannot read {path}: {exc.strerror or exc}") from None


def load_recipients(raw: bytes, file: str, config: Config) -> list[Recipient]:
    """Every recipient, newsrooms first, or :class:`InvalidSite` with every problem located in ``file``."""
    checker = Checker(file, YamlDocument(data=None))
    try:
        checker.document = parse(raw, file)
    except YamlProblem as exc:
        raise InvalidSite([exc.problem]) from None
    data = checker.document.data
    assert isinstance(data, dict)
    try:
        validated = RecipientsFile.model_validate(data)
        groups = {group: list(getattr(validated, group)) for group in _LISTS}
    except ValidationError as exc:
        # Report the shape problems, and check every entry that is right on its
        # own too, so one run names every problem.
        checker.problems.extend(problems_from(exc, checker.document, file, RecipientsFile))
        groups = {group: _valid_entries(data.get(group)) for group in _LISTS}
    known = {"services": {s.id for s in config.services}, "areas": {a.id for a in config.areas}}
    recipients = []
    for group, kind in _LISTS.items():
        seen: dict[str, int] = {}
        for index, entry in enumerate(groups[group]):
            if entry is None:
                continue
            loc = (group, index)
            address = entry.email.lower()
            if not EMAIL.match(entry.email):
                checker.fail((*loc, "email"), "an email address like news@radio.example", describe(entry.email))
            elif address in seen:
                found = f"{entry.email!r} again (also {group}[{seen[address]}])"
                checker.fail((*loc, "email"), f"each address once in {group}", found)
            seen.setdefault(address, index)
            if entry.language is not None and entry.language not in config.languages:
                expected = f"one of status.yml's languages ({', '.join(config.languages)})"
                checker.fail((*loc, "language"), expected, describe(entry.language))
            for name in ("services", "areas"):
                for position, value in enumerate(getattr(entry, name)):
                    if value not in known[name]:
                        options = ", ".join(sorted(known[name]))
                        expected = f"a{'n' if name == 'areas' else ''} {name[:-1]} id from status.yml ({options})"
                        checker.fail((*loc, name, position), expected, describe(value))
            recipients.append(
                Recipient(
                    kind,
                    entry.name,
                    entry.email,
                    frozenset(entry.services),
                    frozenset(entry.areas),
                    f"{group}[{index}]",
                    entry.language or config.languages[0],
                )
            )
    if checker.problems:
        raise InvalidSite(checker.problems)
    return recipients


def _valid_entries(items: object) -> list[RecipientFile | None]:
    """Each entry of a list that is right on its own, ``None`` for the others."""
    if not isinstance(items, list):
        return []
    entries: list[RecipientFile | None] = []
    for item in items:
        try:
            entries.append(RecipientFile.model_validate(item))
        except ValidationError:
            entries.append(None)
    return entries
