"""Where updates are pushed: the channels of ``status.yml`` and of the channels file, their secrets resolved.

The channels file is kept out of the repository like the recipients file: its
content in ``OUTAGE_CHANNELS`` (a CI secret) or its path in
``OUTAGE_CHANNELS_FILE``. It is checked with the same rules as ``status.yml``'s
``channels:`` (``incidents.channels``), and a bad one stops delivery with every
problem located before anything is sent.

A channel's ``${VARIABLE}`` placeholders are resolved from the environment
here, one channel at a time: a channel whose secret is missing fails on its
own and the others still go. Nothing here ever prints a URL or a secret;
:func:`secret_parts` lists what a log must never show, for masking.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, unquote, urlsplit

from pydantic import ValidationError

from ..incidents.channels import PLACEHOLDER, check_channels, value_problem
from ..incidents.model import Channel, Config
from ..incidents.problems import InvalidSite, problems_from
from ..incidents.rules import Checker
from ..incidents.schema import ChannelsFile
from ..incidents.yamltext import YamlDocument, YamlProblem, parse
from .errors import NotifyError
from .recipients import read_named_file

CHANNELS_FILE_ENV = "OUTAGE_CHANNELS_FILE"
CHANNELS_ENV = "OUTAGE_CHANNELS"
MIN_SECRET_PART = 4
"""Shorter pieces are not worth masking, and masking them would garble every line of a log."""


class ChannelError(Exception):
    """One channel cannot be used (a secret unset, a URL Apprise does not know); the others still can."""


@dataclass(frozen=True)
class Target:
    """A channel with its placeholders resolved: what the transports need. Never printed."""

    channel: Channel
    url: str = field(default="", repr=False)
    webhook: str = field(default="", repr=False)
    secret: str = field(default="", repr=False)
    values: tuple[str, ...] = field(default=(), repr=False)
    """The values the placeholders stood for: secrets, whatever they look like."""

    @property
    def name(self) -> str:
        return self.channel.name


def channels_source(environ: Mapping[str, str]) -> tuple[str, bytes] | None:
    """Where the channels file is (a name for messages) and its bytes; ``None`` if there is none."""
    path = environ.get(CHANNELS_FILE_ENV, "")
    content = environ.get(CHANNELS_ENV, "")
    if path and content:
        raise NotifyError(f"set one of {CHANNELS_FILE_ENV} and {CHANNELS_ENV}, not both")
    if content:
        return CHANNELS_ENV, content.encode("utf-8")
    if not path:
        return None
    return path, read_named_file(CHANNELS_FILE_ENV, path)


def load_channels(raw: bytes, file: str, config: Config) -> tuple[Channel, ...]:
    """The channels of a channels file, or :class:`InvalidSite` with every problem located in ``file``."""
    checker = Checker(file, YamlDocument(data=None))
    try:
        checker.document = parse(raw, file)
    except YamlProblem as exc:
        raise InvalidSite([exc.problem]) from None
    try:
        validated = ChannelsFile.model_validate(checker.document.data)
    except ValidationError as exc:
        raise InvalidSite(problems_from(exc, checker.document, file, ChannelsFile)) from None
    known = {"services": {s.id for s in config.services}, "areas": {a.id for a in config.areas}}
    channels = check_channels(validated.channels, checker, known, public=False, source=file)
    if checker.problems:
        raise InvalidSite(checker.problems)
    return channels


def all_channels(config: Config, environ: Mapping[str, str]) -> tuple[Channel, ...]:
    """``status.yml``'s channels, then the channels file's; a name may be used once across both."""
    source = channels_source(environ)
    extra = load_channels(source[1], source[0], config) if source else ()
    named = {c.name: c for c in config.channels}
    for channel in extra:
        if channel.name in named:
            other = named[channel.name]
            raise NotifyError(
                f"{channel.source}: {channel.entry}.name: expected a name not used in {other.source}; found "
                f"'{channel.name}' again (also {other.source} {other.entry})"
            )
    return config.channels + extra


def resolve(channel: Channel, environ: Mapping[str, str]) -> Target:
    """The channel with its ``${VARIABLE}`` placeholders replaced; :class:`ChannelError` says what is missing."""
    values: list[str] = []
    resolved: dict[str, str] = {}
    for name in ("url", "webhook", "secret"):
        text = getattr(channel, name)

        def value(match, name=name) -> str:
            variable = match["name"]
            found = environ.get(variable, "")
            if not found:
                raise ChannelError(
                    f"{channel.source} {channel.entry}.{name}: expected the environment variable {variable} to be "
                    "set (a CI secret given to this step); found it unset or empty"
                )
            values.append(found)
            return found

        resolved[name] = PLACEHOLDER.sub(value, text)
        if resolved[name] and PLACEHOLDER.search(text):
            problem = value_problem(name, resolved[name])
            if problem:
                raise ChannelError(
                    f"{channel.source} {channel.entry}.{name}: expected {problem[0]}; found {problem[1]}"
                )
    return Target(channel, resolved["url"], resolved["webhook"], resolved["secret"], tuple(values))


def secret_parts(target: Target) -> list[str]:
    """Every piece of the channel's URL and secret that a log must not show, longest first.

    The whole URL and secret, the values the placeholders stood for, the user and
    password, and each path segment, query value or host that looks like a token
    (a digit in it, or 16 characters and more). Words like ``hooks`` or a channel
    name are left, so that masking them does not garble every line of the log.
    """
    found: set[str] = {v for v in (target.url, target.webhook, target.secret, *target.values) if v}
    for address in (target.url, target.webhook):
        if not address:
            continue
        parts = urlsplit(address)
        userinfo = parts.netloc.rpartition("@")[0]
        found.update({userinfo, *userinfo.split(":"), unquote(userinfo)})
        # Apprise URLs name a room or channel with "#", so what follows may be read as a fragment.
        pieces = [*parts.path.split("/"), *re.split(r"[/?&=]", parts.fragment), parts.netloc.rpartition("@")[2]]
        pieces += [value for _, value in parse_qsl(parts.query, keep_blank_values=True)]
        for piece in pieces:
            if len(piece) >= 16 or any(c.isdigit() for c in piece):
                found.update({piece, unquote(piece)})
    return sorted((p for p in found if len(p) >= MIN_SECRET_PART), key=len, reverse=True)


def masked(text: str, secrets: list[str]) -> str:
    """``text`` with every secret piece replaced by ``***``."""
    for secret in secrets:
        text = text.replace(secret, "***")
    return text


def log_masks(targets: list[Target], environ: Mapping[str, str]) -> list[str]:
    """On GitHub Actions, commands that hide every secret piece in the run's log: a second guard."""
    if environ.get("GITHUB_ACTIONS") != "true":
        return []
    pieces = dict.fromkeys(piece for target in targets for piece in secret_parts(target))
    return [f"::add-mask::{piece}" for piece in pieces if "\n" not in piece]
