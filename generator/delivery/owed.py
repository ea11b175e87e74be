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

The same books serve every kind of delivery: an emailed bulletin, and a post
to a chat, social or webhook channel (``posts``). Each is an :class:`Owed`
item with a key per revision; the recipient keys tell the kinds apart
(``email:…``, ``channel:…``).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Protocol

from ..state.ledger import Ledger

FINAL_STATUSES = frozenset({"resolved", "completed", "cancelled"})
SKIPPED = "before-recipient:"
"""How the ledger marks a bulletin issued before a recipient was added: never to be sent to them."""


class Owed(Protocol):
    """What delivery keeps books on: a bulletin (``published.Bulletin``) or a channel post (``posts.Post``)."""

    @property
    def key(self) -> str:
        """What was sent: one per revision, and one for a withdrawal (``<id>@r2``, ``<id>@withdrawn``)."""
        ...

    @property
    def id(self) -> str: ...

    @property
    def incident(self) -> str: ...

    @property
    def status(self) -> str: ...

    @property
    def at(self) -> datetime: ...

    @property
    def issued(self) -> datetime | None: ...

    @property
    def revision(self) -> int: ...

    @property
    def kind(self) -> str:
        """``issue``, ``correction`` or ``withdrawal``."""
        ...


def recipient_key(kind: str, address: str) -> str:
    """``email:newsroom:3f2a…``: stable for one address, and no address in the ledger."""
    digest = hashlib.sha256(f"{kind}:{address.strip().lower()}".encode()).hexdigest()[:16]
    return f"email:{kind}:{digest}"


def by_incident(item: Owed) -> str:
    return item.incident


def current(bulletins: Iterable[Owed], thread: Callable[[Owed], str] = by_incident) -> set[str]:
    """The keys of the items a newsroom should have now: the latest of each incident still open.

    ``thread`` groups the items whose latest is current (by default, by incident).
    """
    latest: dict[str, Owed] = {}
    for bulletin in bulletins:
        if bulletin.kind == "withdrawal":
            continue
        known = latest.get(thread(bulletin))
        if known is None or (bulletin.at, bulletin.issued or bulletin.at) > (known.at, known.issued or known.at):
            latest[thread(bulletin)] = bulletin
    return {b.key for b in latest.values() if b.status not in FINAL_STATUSES}


def welcome(ledger: Ledger, recipients: Iterable[str], bulletins: list[Owed], now: datetime, *,
            send_all: bool = False, thread: Callable[[Owed], str] = by_incident) -> list[str]:  # fmt: skip
    """Record the recipients the ledger has not seen; returns their keys.

    Unless ``send_all``, every item but the current ones is marked as before
    them, so only the current ones are owed.
    """
    keep = current(bulletins, thread)
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


def is_owed(ledger: Ledger, bulletin: Owed, key: str, *, unheard: bool = True) -> bool:
    """Whether the recipient ``key`` has not received this item (and it was not before their time).

    A correction or a withdrawal is owed only to those who were owed what it corrects: a recipient
    who never had the first version is not told it was withdrawn. ``unheard``: whether a recipient
    the books know nothing about for the earlier versions is owed it (email: yes; a channel, which
    may have been filtered out of the earlier versions: no, unless it is a correction).
    """
    if key in ledger.deliveries.get(bulletin.key, {}):
        return False
    if bulletin.kind == "issue":
        return True
    last = bulletin.revision if bulletin.kind == "withdrawal" else bulletin.revision - 1
    earlier = [ledger.deliveries.get(f"{bulletin.id}@r{n}", {}).get(key) for n in range(1, last + 1)]
    known = [mark for mark in earlier if mark is not None]
    if not known:
        return unheard or bulletin.kind == "correction"
    return any(not mark.startswith(SKIPPED) for mark in known)


def record(ledger: Ledger, bulletin: Owed, key: str, when: datetime) -> None:
    """The bulletin was delivered to ``key`` at ``when``."""
    ledger.deliveries.setdefault(bulletin.key, {})[key] = when.isoformat()


def mask(address: str) -> str:
    """``n***@r***.example``: enough to tell recipients apart in a log, not enough to read the address."""
    local, _, domain = address.partition("@")
    head, _, rest = domain.partition(".")
    return f"{local[:1]}***@{head[:1]}***" + (f".{rest.rsplit('.', 1)[-1]}" if rest else "")
