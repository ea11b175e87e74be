"""Start a ledger from a site published before updates had identities of their own (``outage ledger init --from``).

Earlier versions numbered updates by position (``<incident>/3``) in feed
entry ids, bulletin paths and CAP identifiers. Readers and alert hubs hold
those ids. This reads them from the published site — its bulletin index and
its main Atom feed — matches each to today's update by its time, and records
it in a new ledger under the id it was published with, so later builds keep
it: nobody sees a duplicate, and nothing already sent is sent again. A
published update no longer in the files is recorded too, and is withdrawn by
the next build.
"""

from __future__ import annotations

import json
import re
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

from lxml import etree

from ..incidents.model import Site
from ..state.as_of import as_of, site_as_of
from ..state.ledger import Ledger, content_hash, is_live, new_ledger, previous_in_thread
from .errors import NotifyError
from .published import INDEX, fetch
from .retry import Sleep

FEED = "feeds/atom.xml"
_ATOM = "{http://www.w3.org/2005/Atom}"
_POSITIONAL = re.compile(r"^tag:[^,]+,\d{4}-\d{2}-\d{2}:(?P<incident>[^/]+)/(?P<number>\d+)$")


@dataclass(frozen=True)
class Published:
    """One update as an earlier version published it: under its position in the file."""

    incident: str
    number: str
    at: datetime
    title: str
    status: str
    broadcast: bool
    """Listed in the bulletin index: it had bulletins (a feed entry alone did not)."""


def read_published(source: str, *, sleep: Sleep = time.sleep) -> list[Published]:
    """Every positional update id the site at ``source`` (an http(s) address or a folder) published."""
    found: dict[tuple[str, str], Published] = {}
    index = _read(source, INDEX, sleep)
    if index is not None:
        try:
            for entry in json.loads(index.decode("utf-8"))["bulletins"]:
                incident, _, number = str(entry["id"]).partition("/")
                if number.isdigit():
                    at = datetime.fromisoformat(entry["at"])
                    found[(incident, number)] = Published(incident, number, at, entry["title"], entry["status"], True)
        except (ValueError, KeyError, TypeError) as exc:
            raise NotifyError(f"{source}: expected a bulletin index written by outage build; found {exc!r}") from None
    feed = _read(source, FEED, sleep)
    if feed is not None:
        try:
            document = etree.fromstring(feed, etree.XMLParser(resolve_entities=False, no_network=True))
        except etree.XMLSyntaxError as exc:
            raise NotifyError(f"{source}: {FEED} is not XML: {exc}") from None
        for entry in document.iter(f"{_ATOM}entry"):
            match = _POSITIONAL.match(entry.findtext(f"{_ATOM}id") or "")
            published = entry.findtext(f"{_ATOM}published") or entry.findtext(f"{_ATOM}updated")
            if match is None or not published:
                continue
            status, _, title = (entry.findtext(f"{_ATOM}title") or "").partition(": ")
            key = (match["incident"], match["number"])
            found.setdefault(
                key,
                Published(
                    key[0], key[1], datetime.fromisoformat(published), title, status.lower().replace(" ", "_"), False
                ),
            )
    if index is None and feed is None and urlsplit(source).scheme.lower() not in ("http", "https"):
        raise NotifyError(f"{source}: found neither {INDEX} nor {FEED}; is it a built status site?")
    # An address that answers 404 for both has published nothing yet: a first publish.
    return sorted(found.values(), key=lambda p: (p.at, p.incident, int(p.number)))


def _read(source: str, path: str, sleep: Sleep) -> bytes | None:
    if urlsplit(source).scheme.lower() in ("http", "https"):
        return fetch(source.rstrip("/") + "/" + path, sleep)
    folder = Path(source)
    if not folder.is_dir():
        raise NotifyError(f"--from: expected a built site folder or an http(s) address; found {source!r}")
    file = folder / path
    return file.read_bytes() if file.is_file() else None


def ledger_from(site: Site, now: datetime, published: list[Published]) -> Ledger:
    """A new ledger that keeps every published positional id, matched to today's updates by their time."""
    ledger = new_ledger(site.config.site_url)
    current = site_as_of(site, now)
    updates = {(i.id, u.at): (i, u) for i in current.incidents for u in i.updates}
    kept = {(old.incident, old.at): old.number for old in published}

    def follows(incident, update) -> list[str] | None:
        """The update before it in its thread, under the id it was published with.

        Earlier versions of the tool chained every message, through an all clear too: that is what they
        published, so that is what is recorded (a message keeps the references it was first issued with).
        """
        before = previous_in_thread(incident, update)
        if before is None:
            return None
        return [kept.get((incident.id, before.at), before.id), before.at.isoformat()]

    for old in published:
        match = updates.get((old.incident, old.at))
        if match is None:  # published, and no longer in the files: the next build withdraws it
            ledger.entries[f"{old.incident}/published-{old.number}"] = {
                "incident": old.incident,
                "update": f"published-{old.number}",
                "id": old.number,
                "at": old.at.isoformat(),
                "title": old.title,
                "status": old.status or "identified",
                "broadcast": old.broadcast,
                "services": [],
                "areas": [],
                "revisions": [{"hash": "unknown", "issued": old.at.isoformat()}],
            }
            continue
        incident, update = match
        facts = update.facts
        ledger.entries[f"{incident.id}/{update.id}"] = {
            "incident": incident.id,
            "update": update.id,
            "id": old.number,
            "at": update.at.isoformat(),
            "title": incident.title,
            "status": update.status.value,
            "broadcast": incident.broadcasts(update),
            "services": [s.id for s in facts.services],
            "areas": [a.id for a in facts.areas],
            "revisions": [{"hash": content_hash(as_of(incident, update), update), "issued": update.at.isoformat()}],
            "follows": follows(incident, update),
        }
        if not is_live(incident, update, now):
            ledger.entries[f"{incident.id}/{update.id}"]["expired"] = now.isoformat()
    return ledger
