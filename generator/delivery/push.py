"""Sending to chat and social services through Apprise, which knows each service's API and limits.

One Apprise plugin per channel, made from its resolved URL. Its limits
(``body_maxlen``, ``title_maxlen``) decide the message's form and length
(``wording.Limits``). Apprise's own log may name an address or a token, so it
is captured, never printed as it is: a failure is reported by channel name,
with Apprise's reason masked (``channels.masked``).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from apprise import Apprise, AppriseAsset, LogCapture, NotifyFormat
from apprise.plugins.base import NotifyBase

from .channels import ChannelError, Target, masked, secret_parts
from .wording import Limits, Message

SHORT_LIMIT = 500
"""A service without titles that takes at most this many characters gets one short paragraph."""
REASON_LENGTH = 240


@dataclass(frozen=True)
class Service:
    """A channel's Apprise plugin and what it takes."""

    plugin: NotifyBase
    limits: Limits

    @property
    def name(self) -> str:
        return str(self.plugin.service_name)


def _asset(sender: str, site_url: str) -> AppriseAsset:
    # Memory only: Apprise may otherwise cache logins and ids on disk. No templates:
    # nothing in a URL makes Apprise read a file. Services that sign a message
    # (Slack's footer, a Discord or Mattermost name) sign it with the organisation's
    # name rather than "Apprise".
    naming = {"app_id": sender, "app_desc": f"{sender} status", "app_url": site_url} if sender else {}
    return AppriseAsset(storage_mode="memory", allow_templates=False, secure_logging=True, **naming)


def service_for(target: Target, sender: str = "", site_url: str = "") -> Service:
    """The Apprise plugin for the channel's URL; :class:`ChannelError` (never showing the URL) if there is none.

    ``sender``: the organisation's name, which services that sign a message show.
    """
    scheme = target.url.split("://", 1)[0].lower()
    with LogCapture(level=logging.WARNING, fmt=_FORMAT) as log:
        _quiet()
        plugin = Apprise.instantiate(target.url, asset=_asset(sender, site_url))
    if plugin is None:
        reason = masked(_reason(log.getvalue()), secret_parts(target))[:REASON_LENGTH]
        raise ChannelError(
            f"{target.channel.source} {target.channel.entry}.url: expected an Apprise URL Apprise can use; found a "
            f"{scheme}:// URL it refused" + (f" ({reason})" if reason else "")
        )
    body = int(plugin.body_maxlen)
    title = int(plugin.title_maxlen)
    return Service(plugin, Limits(body=body, title=title, short=title <= 0 and body <= SHORT_LIMIT))


def send(service: Service, target: Target, message: Message) -> str | None:
    """Send the message; ``None`` when the service took it, else why not (masked)."""
    with LogCapture(level=logging.WARNING, fmt=_FORMAT) as log:
        _quiet()
        try:
            sent = service.plugin.notify(
                body=message.body,
                title=message.title,
                notify_type=message.notify_type,
                body_format=_format(service.plugin),
            )
        except Exception as exc:  # a plugin's own bug must not stop the other channels
            sent = False
            logging.getLogger("apprise").error("%s", type(exc).__name__)
    if sent:
        return None
    return masked(_reason(log.getvalue()), secret_parts(target))[:REASON_LENGTH] or "the service did not take it"


_FORMAT = "%(message)s"


def _format(plugin: NotifyBase) -> NotifyFormat:
    """How the message is handed over: as plain text, which Apprise escapes for each service, except to a
    service that only takes Markdown (Teams workflows): there Apprise's escapes (``p\\.m\\.``) would show, and
    the message's plain sentences and bare link read the same as Markdown."""
    return NotifyFormat.MARKDOWN if plugin.notify_format == NotifyFormat.MARKDOWN else NotifyFormat.TEXT


_URL = re.compile(r"\b[A-Za-z][A-Za-z0-9+.-]*://\S*")


def _reason(log_text: str) -> str:
    """What Apprise said last, on one line, without any URL (Apprise's "private" form still shows some of it)."""
    lines = [" ".join(line.split()) for line in log_text.splitlines() if line.strip()]
    return _URL.sub("<the URL>", lines[-1]) if lines else ""


def _quiet() -> None:
    """Apprise's records go only to the capture: never to the terminal, or to a root logger that prints."""
    logging.getLogger("apprise").propagate = False
