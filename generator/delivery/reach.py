"""Push what each channel is owed (``outage channels send``): the whole job, like ``notify`` for email.

The publish workflow runs it after the deploy and after the email step, in the
same job: a service that is down never keeps the status page from updating,
and never keeps email (or another channel) from going. For each channel it
works out what is owed — the ledger's books, kept per channel and per update
id and revision (``owed``) — composes it (``wording`` for chat and social,
``webhooks`` for signed JSON) and sends it, oldest first, recording each post
in the ledger as soon as it is sent. A channel that fails stops for this run
(what it still owes keeps its order) and is tried again by the next run; the
other channels go on. At least once, never twice in a run, never lost.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from ..incidents.model import Channel, Site
from ..reporting.setup import Setup
from ..state.ledger import Ledger, Publication, publication
from . import retry, webhooks
from .channels import ChannelError, Target, all_channels, masked, resolve, secret_parts
from .owed import is_owed, welcome
from .posts import (
    BULLETINS,
    DUTIES,
    Post,
    Waiting,
    bulletin_posts,
    duty_posts,
    in_order,
    reminder_posts,
    update_posts,
    wants,
)
from .published import built_index
from .push import Service, send, service_for
from .retry import Sleep
from .wording import Message, compose


def channel_key(name: str) -> str:
    """``channel:noc-slack``: the ledger's name for a channel (a name, never its URL)."""
    return f"channel:{name}"


@dataclass(frozen=True)
class Outgoing:
    """One post to one channel, ready to send."""

    target: Target
    post: Post
    service: str
    """Which service it goes through (``Slack``, ``Mastodon``, ``webhook``), for logs."""
    message: Message | None = None
    webhooks: tuple[webhooks.Delivery, ...] = ()

    def describe(self) -> str:
        return f"{self.post.key} to {self.target.name} ({self.service})"


@dataclass
class Plan:
    """What ``outage channels send`` would send, and why."""

    channels: tuple[Channel, ...]
    outgoing: list[Outgoing] = field(default_factory=list)
    """Channel by channel (in the order they are listed), each channel's posts oldest first."""
    targets: list[Target] = field(default_factory=list)
    services: dict[str, Service] = field(default_factory=dict)
    unusable: list[str] = field(default_factory=list)
    """Channels that cannot be used this run, and why (a secret unset, a URL Apprise refuses)."""
    welcomed: list[str] = field(default_factory=list)
    waiting: list[Waiting] = field(default_factory=list)
    posts: int = 0


def prepare(site: Site, site_dir: Path | None, ledger: Ledger, environ: Mapping[str, str], now: datetime, *,
            send_all: bool = False, setup: Setup | None = None) -> Plan:  # fmt: skip
    """Read the channels, work out what each is owed, and compose it. Sends nothing.

    ``setup`` is the reporting setup: with it, channels that take ``duties`` are told of reporting duties.

    Channels the ledger has not seen are entered in ``ledger`` (in memory; the caller writes it):
    they are owed what is current, not the whole history, unless ``send_all``.
    """
    plan = Plan(all_channels(site.config, environ))
    if not plan.channels:
        return plan
    published = publication(ledger, site, now)
    common, plan.waiting = update_posts(site, ledger, now)
    if any(BULLETINS in c.kinds for c in plan.channels):
        if site_dir is None:
            raise ChannelError("a channel takes bulletins: give the built site with --site-dir")
        common += bulletin_posts(built_index(site_dir))
    if setup is not None and any(DUTIES in c.kinds for c in plan.channels):
        common += duty_posts(site, setup, now)
    plan.posts = len(common)
    for channel in plan.channels:
        try:
            target = resolve(channel, environ)
            service = service_for(target, site.config.name, site.config.site_url) if target.url else None
        except ChannelError as exc:
            plan.unusable.append(f"{channel.name}: {exc}")
            continue
        plan.targets.append(target)
        if service is not None:
            plan.services[channel.name] = service
        owned = [p for p in common + reminder_posts(site, ledger, now, channel.reminders) if wants(channel, p)]
        key = channel_key(channel.name)
        if welcome(ledger, [key], owned, now, send_all=send_all, thread=lambda p: p.thread):
            plan.welcomed.append(channel.name)
        for post in in_order(p for p in owned if is_owed(ledger, p, key, unheard=False)):
            plan.outgoing.append(_outgoing(target, service, post, site, site_dir, published))
    return plan


def _outgoing(target: Target, service: Service | None, post: Post, site: Site, site_dir: Path | None,
              published: Publication) -> Outgoing:  # fmt: skip
    if service is None:
        return Outgoing(target, post, "webhook", webhooks=tuple(webhooks.deliveries(post, site, published)))
    return Outgoing(target, post, service.name, message=compose(post, site.config, service.limits, site_dir))


@dataclass(frozen=True)
class Failure:
    channel: str
    reason: str
    left: int
    """How many more posts the channel is owed, which wait for the next run with this one."""

    def __str__(self) -> str:
        later = f"; it and {self.left} more wait for the next run" if self.left else "; it waits for the next run"
        return f"not sent to {self.channel}: {self.reason}{later}"


def deliver(plan: Plan, clock: Callable[[], datetime], sent: Callable[[Outgoing, datetime], None], *,
             log: Callable[[str], None] = print, sleep: Sleep = time.sleep) -> list[Failure]:  # fmt: skip
    """Send everything planned, channel by channel, recording each as sent; returns the channels that failed.

    ``clock`` gives the time of each send (a webhook's timestamp, the ledger's record).
    """
    failures: list[Failure] = []
    by_channel: dict[str, list[Outgoing]] = {}
    for item in plan.outgoing:
        by_channel.setdefault(item.target.name, []).append(item)
    for name, items in by_channel.items():
        for number, item in enumerate(items):
            reason = _send_one(item, plan, clock, log, sleep)
            if reason is not None:
                failures.append(Failure(name, f"{item.describe()}: {reason}", len(items) - number - 1))
                break  # the rest keep their order: they go after this one, next run
            sent(item, clock())
            log(f"sent {item.describe()}")
    return failures


def _send_one(item: Outgoing, plan: Plan, clock, log, sleep: Sleep) -> str | None:
    delays = retry.RETRY_DELAYS
    secrets = secret_parts(item.target)
    reason: str | None = None
    for attempt in range(len(delays) + 1):
        if item.message is not None:
            reason = send(plan.services[item.target.name], item.target, item.message)
        else:
            reason = _send_webhooks(item, clock)
        if reason is None:
            return None
        reason = masked(reason, secrets)
        if attempt < len(delays):
            log(f"retrying {item.describe()} in {delays[attempt]:g}s: {reason}")
            sleep(delays[attempt])
    return reason


def _send_webhooks(item: Outgoing, clock) -> str | None:
    """Every request of one post (the incident webhook, then its component webhooks); the first failure stops it.

    A retry sends them all again: each has its own ``webhook-id``, so a receiver drops the repeats.
    """
    for delivery in item.webhooks:
        ok, reason = webhooks.post(item.target.webhook, item.target.secret, delivery, clock())
        if not ok:
            return f"{delivery.event} {delivery.id}: {reason}"
    return None
