"""Email new bulletins to newsrooms and technical contacts (``outage notify``): the whole job.

The publish workflow builds the site, then runs notify before it deploys:
notify compares the new build's ``bulletins/index.json`` with the one that is
live (or any earlier build), and emails only the bulletins that are new —
radio scripts and the press release to newsrooms, the notice to technical
contacts. If a send fails, the run fails, nothing is deployed, and the next
run compares against the same live index and sends again: a bulletin may
arrive twice, but is never lost.

``recipients`` reads who gets what, ``published`` the two indexes,
``compose`` writes the messages and ``smtp`` sends them; this module ties
them together.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from ..incidents.model import Config
from .compose import Delivery, plan, sender_address
from .published import Bulletin, built_index, new_bulletins, previous_ids
from .recipients import Recipient, load_recipients, recipients_source
from .retry import Sleep


@dataclass(frozen=True)
class Outbox:
    """What notify would send, and why."""

    bulletins: list[Bulletin]
    """The new bulletins, oldest first (every published one with ``--send-all`` and no previous index)."""
    deliveries: list[Delivery]
    first_publish: bool
    """There was no previous index; nothing is sent unless ``--send-all``."""
    published: int
    """How many bulletins the new build publishes."""
    recipients: list[Recipient]


def prepare(config: Config, site_dir: Path, previous: str | None, environ: Mapping[str, str], *,
            send_all: bool = False, sleep: Sleep = time.sleep) -> Outbox:  # fmt: skip
    """Read the recipients, both indexes and the bulletin files; compose every message. Sends nothing."""
    label, raw = recipients_source(environ)
    recipients = load_recipients(raw, label, config)
    sender = sender_address(environ, config)
    current = built_index(site_dir)
    before = previous_ids(previous, sleep=sleep) if previous else None
    if before is None and not send_all:
        return Outbox([], [], True, len(current), recipients)
    fresh = new_bulletins(current, before or set())
    deliveries = plan(fresh, recipients, config, site_dir, sender)
    return Outbox(fresh, deliveries, before is None, len(current), recipients)


def log_masks(recipients: Iterable[Recipient], environ: Mapping[str, str]) -> list[str]:
    """On GitHub Actions, commands that hide the addresses in the run's log, which a public repository shows to all."""
    if environ.get("GITHUB_ACTIONS") != "true":
        return []
    return [f"::add-mask::{address}" for address in dict.fromkeys(r.email for r in recipients)]
