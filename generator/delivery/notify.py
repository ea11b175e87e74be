"""Email the bulletins owed to newsrooms and technical contacts (``outage notify``): the whole job.

The publish workflow builds, deploys, and then delivers, in a job of its own:
a mail server that is down never keeps the status page from updating. Notify
reads the new build's ``bulletins/index.json`` (every bulletin, correction and
withdrawal, each with its revision) and the ledger's delivery records, and
sends each recipient what it is owed — radio scripts and the press release to
newsrooms, the notice to technical contacts — recording each message in the
ledger as soon as it is sent. A message that fails stays owed and goes with
the next run: at least once, never lost.

``recipients`` reads who gets what, ``published`` the build's index, ``owed``
keeps the books, ``compose`` writes the messages and ``smtp`` sends them; this
module ties them together.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ..incidents.model import Config
from ..state.ledger import Ledger
from .compose import Delivery, compose, sender_address
from .owed import is_owed, recipient_key, welcome
from .published import Bulletin, built_index
from .recipients import Recipient, load_recipients, recipients_source


@dataclass(frozen=True)
class Outbox:
    """What notify would send, and why."""

    deliveries: list[Delivery]
    """The messages owed, bulletins oldest first, recipients in file order."""
    bulletins: int
    """How many bulletins (or corrections, or withdrawals) something is owed for."""
    published: int
    """How many the new build publishes."""
    recipients: list[Recipient]
    welcomed: list[Recipient]
    """Recipients the ledger had not seen: they are owed only the current bulletins (unless ``--send-all``)."""


def prepare(config: Config, site_dir: Path, ledger: Ledger, environ: Mapping[str, str], now: datetime, *,
            send_all: bool = False) -> Outbox:  # fmt: skip
    """Read the recipients and the build's bulletins, work out what is owed, and compose it. Sends nothing.

    New recipients are entered in ``ledger`` (in memory; the caller writes it).
    """
    label, raw = recipients_source(environ)
    recipients = load_recipients(raw, label, config)
    sender = sender_address(environ, config)
    built = sorted(built_index(site_dir), key=lambda b: (b.issued or b.at, b.at, b.incident, b.update))
    keys = {r.entry: recipient_key(r.kind, r.email) for r in recipients}
    new = set(welcome(ledger, keys.values(), built, now, send_all=send_all))
    owed = [
        (bulletin, person)
        for bulletin in built
        for person in recipients
        if person.wants(bulletin) and is_owed(ledger, bulletin, keys[person.entry])
    ]
    # A recipient in another language gets the same bulletin (same key, same books) from that language's index.
    versions = {
        language: {b.key: b for b in built_index(site_dir, f"{language}/")}
        for language in {r.language for r in recipients} - {config.languages[0]}
    }
    deliveries = [
        Delivery(b, person, compose(versions.get(person.language, {}).get(b.key, b), person, config, site_dir, sender))
        for b, person in owed
    ]
    welcomed = [r for r in recipients if keys[r.entry] in new]
    return Outbox(deliveries, len({b.key for b, _ in owed}), len(built), recipients, welcomed)


def key_of(delivery: Delivery) -> str:
    """The ledger's key of the delivery's recipient."""
    return recipient_key(delivery.recipient.kind, delivery.recipient.email)


def pending_bulletins(deliveries: Iterable[Delivery]) -> list[Bulletin]:
    return list({d.bulletin.key: d.bulletin for d in deliveries}.values())


def log_masks(recipients: Iterable[Recipient], environ: Mapping[str, str]) -> list[str]:
    """On GitHub Actions, commands that hide the addresses in the run's log: a second guard, since none is printed."""
    if environ.get("GITHUB_ACTIONS") != "true":
        return []
    return [f"::add-mask::{address}" for address in dict.fromkeys(r.email for r in recipients)]
