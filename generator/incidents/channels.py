"""The list of channels updates are pushed to: in ``status.yml``, or in a channels file kept out of git.

Both use one entry shape (``schema.ChannelFile``) and these rules, so a
mistake in either is reported the same way, with its file, line and field.
``status.yml`` is public (it is committed, and published in pull requests):
there a channel's URL and secret must each be one ``${VARIABLE}`` — the whole
value comes from a CI secret — because every Apprise URL carries a token and
no rule can tell every service's token from the rest of its URL. The channels
file is itself a secret and may write them out, or use placeholders too.

Placeholders are resolved by delivery when it sends (``delivery.channels``):
``outage check`` needs no secrets.
"""

from __future__ import annotations

import base64
import binascii
import re
from datetime import timedelta
from ipaddress import ip_address
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from . import model as m
from .problems import describe
from .schema import ChannelFile
from .times import TimeError, parse_duration
from .yamltext import Path

if TYPE_CHECKING:
    from .rules import Checker

PLACEHOLDER = re.compile(r"\$\{(?P<name>[A-Z_][A-Z0-9_]*)\}")
"""``${OUTAGE_SLACK_URL}``: the value of an environment variable (a CI secret)."""
_WHOLE_PLACEHOLDER = re.compile(r"^\$\{[A-Z_][A-Z0-9_]*\}$")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
MAX_REMINDER = timedelta(days=30)
SECRET_PREFIX = "whsec_"
LOOPBACK = frozenset({"127.0.0.1", "::1", "localhost"})


def check_channels(entries: list[ChannelFile], checker: Checker, known: dict[str, set[str]], *, public: bool,
                   source: str) -> tuple[m.Channel, ...]:  # fmt: skip
    """The channels of one list, every problem recorded in ``checker`` at ``channels[i].<field>``.

    ``known``: the service and area ids of ``status.yml``; ``public``: the list is in
    ``status.yml``, so URLs and secrets must be placeholders.
    """
    channels = []
    seen: dict[str, int] = {}
    for index, entry in enumerate(entries):
        loc: Path = ("channels", index)
        if entry.name in seen:
            checker.fail(
                (*loc, "name"), "a name used once", f"'{entry.name}' again (also channels[{seen[entry.name]}])"
            )
        seen.setdefault(entry.name, index)
        _check_target(entry, loc, checker, public)
        for group in ("services", "areas"):
            for position, value in enumerate(getattr(entry, group)):
                if value not in known[group]:
                    options = ", ".join(sorted(known[group]))
                    article = "an" if group == "areas" else "a"
                    expected = f"{article} {group[:-1]} id from status.yml ({options})"
                    checker.fail((*loc, group, position), expected, describe(value))
        channels.append(
            m.Channel(
                name=entry.name,
                url=entry.url,
                webhook=entry.webhook,
                secret=entry.secret,
                kinds=frozenset(entry.kinds),
                services=frozenset(entry.services),
                areas=frozenset(entry.areas),
                impact=m.Impact(entry.impact) if entry.impact else None,
                reminders=_reminders(entry.reminders, (*loc, "reminders"), checker),
                source=source,
                entry=f"channels[{index}]",
            )
        )
    return tuple(channels)


def _check_target(entry: ChannelFile, loc: Path, checker: Checker, public: bool) -> None:
    if not entry.url and not entry.webhook:
        checker.fail(loc, "a url (an Apprise URL) or a webhook (an https address)", "neither")
        return
    if entry.url and entry.webhook:
        checker.fail((*loc, "webhook"), "either url or webhook, not both", "both")
    if entry.webhook and not entry.secret:
        checker.fail((*loc, "secret"), "a signing secret for the webhook (whsec_…)", "none")
    if entry.url and entry.secret:
        checker.fail((*loc, "secret"), "no secret: it signs webhooks, and an Apprise URL carries its own", "one")
    for name in ("url", "webhook", "secret"):
        value = getattr(entry, name)
        if not value:
            continue
        if public and not _WHOLE_PLACEHOLDER.match(value):
            checker.fail(
                (*loc, name),
                f"the whole {name} as one ${{VARIABLE}} (status.yml is public; put the value in a CI secret)",
                "a ${VARIABLE} among other text" if "${" in value else "the value written out",
            )
            continue
        problem = placeholder_problem(value)
        if problem:
            checker.fail((*loc, name), "placeholders written ${LIKE_THIS} (capitals, digits, _)", problem)
        elif not PLACEHOLDER.search(value):
            problem = value_problem(name, value)
            if problem:
                checker.fail((*loc, name), *problem)


def placeholder_problem(value: str) -> str:
    """What is wrong with the ``$`` signs of a value, or ``""``."""
    rest = PLACEHOLDER.sub("", value)
    if "${" in rest:
        start = rest.index("${")
        return describe(rest[start : start + 12])
    return ""


def value_problem(name: str, value: str) -> tuple[str, str] | None:
    """(expected, found) if a url, webhook or secret (placeholders resolved) cannot be used; never shows it whole."""
    if name == "url":
        if not _SCHEME.match(value):
            return "an Apprise URL like slack://…, mastodons://… or json://…", "text without a scheme://"
        return None
    if name == "webhook":
        parts = urlsplit(value)
        scheme = parts.scheme.lower()
        if scheme == "https" and parts.hostname:
            return None
        if scheme == "http" and parts.hostname and _loopback(parts.hostname):
            return None
        shown = f"{scheme}://{parts.hostname or ''}" if scheme else "text without https://"
        return "an https address (http only to 127.0.0.1, for tests)", shown
    if name == "secret":
        if not value.startswith(SECRET_PREFIX):
            return f"a Standard Webhooks secret: {SECRET_PREFIX} then base64 of 24 to 64 random bytes", "no whsec_"
        try:
            raw = base64.b64decode(value[len(SECRET_PREFIX) :], validate=True)
        except (binascii.Error, ValueError):
            return f"a Standard Webhooks secret: {SECRET_PREFIX} then base64 of 24 to 64 random bytes", "not base64"
        if not 24 <= len(raw) <= 64:
            return (
                f"a Standard Webhooks secret: {SECRET_PREFIX} then base64 of 24 to 64 random bytes",
                f"{len(raw)} bytes",
            )
    return None


def _loopback(host: str) -> bool:
    if host.lower() in LOOPBACK:
        return True
    try:
        return ip_address(host).is_loopback
    except ValueError:
        return False


def _reminders(texts: list[str], loc: Path, checker: Checker) -> tuple[timedelta, ...]:
    found: list[timedelta] = []
    for position, text in enumerate(texts):
        try:
            offset = parse_duration(text)
        except TimeError as exc:
            checker.fail((*loc, position), f"{exc}; or 0h, as the window opens", describe(text))
            continue
        if offset > MAX_REMINDER:
            checker.fail((*loc, position), "at most 30d before the window", describe(text))
        elif offset in found:
            checker.fail((*loc, position), "each time once", describe(text))
        else:
            found.append(offset)
    return tuple(sorted(found, reverse=True))
