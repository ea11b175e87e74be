"""What is owed to whom: delivery's bookkeeping in the ledger, so nothing is lost and nothing is sent twice.

Delivery compares the new build's bulletins (each identity and revision, and
each withdrawal) with what the ledger records as delivered, recipient by
recipient. Every message sent is recorded at once; one that fails is not, so
the next run sends it again: at least once, never lost, whatever point a run
is stopped at.

A recipient is recorded under a key made from its kind and a hash of its
address, never the address itself: the ledger lives in the repository.

A recipient the ledger has never seen (every recipient, the first time email
is set up) receives the bulletins that are current — the latest of each open
incident — and the older ones are recorded as "before you": a newsroom added
today is not sent ninety days of old bulletins. ``--send-all`` sends them too.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import datetime

from ..state.ledger import Ledger
from .published import Bulletin

FINAL_STATUSES = frozenset({"resolved", "completed", "cancelled"})
SKIPPED = "before-recipient:"
"""How the ledger marks a bulletin issued before a recipient was added: never to be sent to them."""


def recipient_key(kind: str, address: str) -> str:
    """``email:newsroom:3f2a…``: stable for one address, and no address in the ledger."""
    digest = hashlib.sha256(f"{kind}:{address.strip().lower()}".encode()).hexdigest()[:16]
    return f"email:{kind}:{digest}"


def current(bulletins: Iterable[Bulletin]) -> set[str]:
    """The keys of the bulletins a newsroom should have now: the latest of each incident still open."""
    latest: dict[str, Bulletin] = {}
    for bulletin in bulletins:
        if bulletin.kind == "withdrawal":
            continue
        known = latest.get(bulletin.incident)
        if known is None or (bulletin.at, bulletin.issued or bulletin.at) > (known.at, known.issued or known.at):
            latest[bulletin.incident] = bulletin
    return {b.key for b in latest.values() if b.status not in FINAL_STATUSES}


def welcome(ledger: Ledger, recipients: Iterable[str], bulletins: list[Bulletin], now: datetime, *,
            send_all: bool = False) -> list[str]:  # fmt: skip
    """Record the recipients the ledger has not seen; returns their keys.

    Unless ``send_all``, every bulletin of the build but the current ones is
    marked as before them, so only the current ones are owed.
    """
    keep = current(bulletins)
    new = []
    for key in recipients:
        if key in ledger.recipients:
            continue
        ledger.recipients[key] = now.isoformat()
        new.append(key)
        if send_all:
            continue
        for bulletin in bulletins:
            if bulletin.key not in keep:
                ledger.deliveries.setdefault(bulletin.key, {}).setdefault(key, SKIPPED + now.isoformat())
    return new


def is_owed(ledger: Ledger, bulletin: Bulletin, key: str) -> bool:
    """Whether the recipient ``key`` has not received this bulletin (and it was not before their time).

    A correction or a withdrawal is owed only to those who were owed what it corrects: a recipient
    who never had the first version is not told it was withdrawn.
    """
    if key in ledger.deliveries.get(bulletin.key, {}):
        return False
    if bulletin.kind == "issue":
        return True
    last = bulletin.revision if bulletin.kind == "withdrawal" else bulletin.revision - 1
    earlier = [ledger.deliveries.get(f"{bulletin.id}@r{n}", {}).get(key) for n in range(1, last + 1)]
    known = [mark for mark in earlier if mark is not None]
    return not known or any(not mark.startswith(SKIPPED) for mark in known)


def record(ledger: Ledger, bulletin: Bulletin, key: str, when: datetime) -> None:
    """The bulletin was delivered to ``key`` at ``when``."""
    ledger.deliveries.setdefault(bulletin.key, {})[key] = when.isoformat()


def mask(address: str) -> str:
    """``n***@r***.example``: enough to tell recipients apart in a log, not enough to read the address."""
    local, _, domain = address.partition("@")
    head, _, rest = domain.partition(".")
    return f"{local[:1]}***@{head[:1]}***" + (f".{rest.rsplit('.', 1)[-1]}" if rest else "")
