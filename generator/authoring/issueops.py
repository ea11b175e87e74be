"""Incidents from a phone: a GitHub issue form turned into ``outage new`` or ``outage update``.

The scaffold's issue forms ("New incident", "Update incident") and its
``issueops`` workflow call this with the issue's event (``$GITHUB_EVENT_PATH``).
The issue's text is data from start to end: it is read from the event file,
never put in a shell command, parsed by the form's own labels, and written
with the same edits as ``outage new`` and ``outage update`` (which refuse
anything ``outage check`` would). Only authors the repository trusts are
heard: ``author_association`` OWNER, MEMBER or COLLABORATOR, or a login
listed in ``.github/outage-authors.txt`` (the workflow's default token cannot
read team membership).

GitHub writes a form's answers as ``### <label>`` then a blank line and the
answer, sections apart by a blank line, ``_No response_`` for an empty
answer; a browser sends a textarea's line breaks as CRLF.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ..incidents.load import load_config, load_site
from ..incidents.model import INCIDENT_STATUSES, MAINTENANCE_STATUSES, Config
from ..incidents.problems import InvalidSite
from ..incidents.times import TimeError, parse_relative
from . import edits

ALLOWLIST = ".github/outage-authors.txt"
TRUSTED_ASSOCIATIONS = frozenset({"OWNER", "MEMBER", "COLLABORATOR"})
NO_RESPONSE = "_No response_"
UNCHANGED = "Unchanged"

NEW_FORM = {
    "Title": "title",
    "Impact": "impact",
    "Services": "services",
    "Areas": "areas",
    "What customers need to know": "message",
    "Next update": "next_update",
    "Estimated restore": "eta",
    "Customers affected": "customers",
    "Cause": "cause",
}
"""The "New incident" form: each label as the form shows it, and the field it fills."""
UPDATE_FORM = {
    "Incident": "incident",
    "Status": "status",
    "What customers need to know": "message",
    "Next update": "next_update",
    "Estimated restore": "eta",
    "Customers affected": "customers",
    "Cause": "cause",
}
"""The "Update incident" form."""
FORMS = {"new": NEW_FORM, "update": UPDATE_FORM}
REQUIRED = {"new": ("title", "impact", "services", "areas", "message"), "update": ("incident", "message")}


class FormError(Exception):
    """The form cannot be turned into a change; the message says which answer and why, for the issue's comment."""


@dataclass(frozen=True)
class Form:
    kind: str
    """``new`` or ``update``."""
    fields: Mapping[str, str]
    """Every field of the form; ``""`` for no answer."""


def parse(body: str) -> Form | None:
    """The answers of a "New incident" or "Update incident" form; ``None`` if the body is neither form."""
    text = body.replace("\r\n", "\n")
    for kind, labels in FORMS.items():
        answers = _sections(text, list(labels))
        if answers is not None:
            return Form(kind, {labels[label]: value for label, value in answers.items()})
    return None


def _sections(text: str, labels: list[str]) -> dict[str, str] | None:
    """Each label's answer, if ``text`` is exactly this form's sections in order; else ``None``.

    Only a heading with the next expected label ends an answer, so an answer may
    itself hold a line starting with ``###``.
    """
    if not text.startswith(f"### {labels[0]}\n"):
        return None
    answers: dict[str, str] = {}
    start = len(labels[0]) + 5
    for index, label in enumerate(labels):
        following = labels[index + 1] if index + 1 < len(labels) else None
        end = len(text) if following is None else text.find(f"\n### {following}\n", start)
        if end < 0:
            return None
        answer = text[start:end].strip("\n")
        answers[label] = "" if answer.strip() == NO_RESPONSE else answer.strip()
        if following is not None:
            start = end + len(following) + 6
    return answers


def trusted(event: Mapping, root: Path) -> bool:
    """Whether the issue's author may publish: a trusted association, or a login in the allowlist."""
    issue = event.get("issue") or {}
    if issue.get("author_association") in TRUSTED_ASSOCIATIONS:
        return True
    login = str((issue.get("user") or {}).get("login") or "").lower()
    path = root / ALLOWLIST
    if not login or not path.is_file():
        return False
    allowed = {line.split("#", 1)[0].strip().lower() for line in path.read_text(encoding="utf-8").splitlines()}
    return login in allowed - {""}


@dataclass(frozen=True)
class Applied:
    path: Path
    commit_message: str
    comment: str


def apply(root: Path, event: Mapping, now: datetime) -> Applied:
    """Write the form's incident or update into ``root``; :class:`FormError` if it is refused (nothing written)."""
    issue = event.get("issue") or {}
    form = parse(str(issue.get("body") or ""))
    if form is None:
        raise FormError("This issue is not a New incident or Update incident form (its headings were changed).")
    missing = [
        label for label, field in FORMS[form.kind].items() if field in REQUIRED[form.kind] and not form.fields[field]
    ]
    if missing:
        raise FormError(f"{missing[0]}: expected an answer; found none.")
    try:
        config = load_config(root)
    except InvalidSite as exc:
        raise FormError("status.yml has problems; fix them first:\n" + "\n".join(map(str, exc.problems))) from None
    try:
        path = _write(root, config, form, now)
    except edits.AuthoringError as exc:
        raise FormError(str(exc)) from None
    try:
        load_site(root)  # what `outage check` does: the edits refuse what it would, this says so twice
    except InvalidSite as exc:
        raise FormError("\n".join(map(str, exc.problems))) from None
    relative = path.relative_to(root).as_posix()
    number, login = issue.get("number"), (issue.get("user") or {}).get("login", "")
    what = "New incident" if form.kind == "new" else "Update"
    message = f"{what}: {path.stem}\n\nFrom the form in issue #{number}, submitted by @{login}.\n"
    if form.kind == "new":
        comment = (
            f"Published as `{relative}`. The status site shows it within a few minutes.\n\n"
            f"To add an update, open an **Update incident** form with the incident `{path.stem}`."
        )
    else:
        comment = f"Added to `{relative}`. The status site shows it within a few minutes."
    return Applied(path, message, comment)


def refusal(reason: str) -> str:
    """The comment for a refused form: what was wrong, in a block that nothing in it can break out of."""
    text = reason.replace("~~~", "~ ~ ~")
    return (
        "Nothing was published: the form has a problem.\n\n"
        f"~~~text\n{text}\n~~~\n\n"
        "Fix it and submit the form again (a new issue)."
    )


def _write(root: Path, config: Config, form: Form, now: datetime) -> Path:
    fields = form.fields
    next_update = _time("Next update", fields["next_update"], now, config)
    eta: datetime | str | None
    if fields["eta"].strip().lower() == "unknown" and form.kind == "update":
        eta = "unknown"
    else:
        eta = _time("Estimated restore", fields["eta"], now, config)
    customers = _count(fields["customers"])
    if form.kind == "new":
        return edits.new_incident(
            root, config, now, title=fields["title"], impact=fields["impact"].lower(),
            services=_ids(fields["services"]), areas=_ids(fields["areas"]), message=fields["message"],
            next_update=next_update, restore_eta=eta if isinstance(eta, datetime) else None,
            customers_affected=customers, cause=fields["cause"],
        )  # fmt: skip
    status = fields["status"].strip().lower().replace(" ", "_")
    if status in ("", UNCHANGED.lower()):
        chosen = None
    elif status in {s.value for s in (*INCIDENT_STATUSES, *MAINTENANCE_STATUSES)}:
        chosen = status
    else:
        raise FormError(f"Status: expected one of the form's choices; found {fields['status']!r}.")
    facts = {"cause": fields["cause"] or None, "customers_affected": customers}
    return edits.append_update(
        root, config, now, fields["incident"].strip(), status=chosen, message=fields["message"],
        restore_eta=eta, next_update=next_update, facts=facts,
    )  # fmt: skip


def _time(label: str, text: str, now: datetime, config: Config) -> datetime | None:
    if not text.strip():
        return None
    try:
        return parse_relative(text.strip(), now, config.timezone)
    except TimeError as exc:
        raise FormError(f"{label}: expected {exc}; found {text.strip()!r}.") from None


def _count(text: str) -> int | None:
    cleaned = re.sub(r"[\s,]", "", text)
    if not cleaned:
        return None
    if not cleaned.isdigit():
        raise FormError(f"Customers affected: expected a number like 1200; found {text.strip()!r}.")
    return int(cleaned)


def _ids(text: str) -> list[str]:
    """``internet, phone`` or one a line: the ids, lowercase."""
    return [part.strip().lower() for part in re.split(r"[,\n]", text) if part.strip()]
