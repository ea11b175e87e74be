"""Atom and RSS feeds of every update: a pure function of the site.

One entry per update, newest first, so a reader is told each time an
incident moves on. Entry ids are tag URIs (RFC 4151) built from the site's
host, the incident id and the update number, so they never change once
published; every date comes from the data, never the clock, so two builds of
the same files are byte-identical.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime

from feedgen.feed import FeedGenerator

from .. import display
from ..incidents.model import Incident, Site, Update

_EPOCH = datetime.fromisoformat("1970-01-01T00:00:00+00:00")


def entry_id(site: Site, incident: Incident, update: Update) -> str:
    """``tag:status.example.com,2026-05-12:<incident-id>/<n>``: stable for ever.

    The date is the incident's own (the start of its id), a day on which the
    site's host certainly belonged to the provider, as RFC 4151 asks.
    """
    host = site.config.host
    return f"tag:{host},{incident.id[:10]}:{incident.id}/{update.number}"


def entry_title(incident: Incident, update: Update) -> str:
    """``Resolved: Internet and phone outage in Castle Downs``."""
    return f"{update.status.label}: {incident.title}"


def entry_link(site: Site, incident: Incident, update: Update) -> str:
    return f"{site.config.site_url}incidents/{incident.id}/#update-{update.number}"


def entry_html(site: Site, incident: Incident, update: Update) -> str:
    """The update's message, then the facts a reader needs, in the site's zone."""
    zone = site.config.timezone
    facts = [
        ("Services", ", ".join(s.name for s in incident.services)),
        ("Areas", ", ".join(a.name for a in incident.areas)),
    ]
    # A maintenance's first update announces its window; a later one may move it.
    window = update.window or (incident.original_window if update.number == 1 else None)
    if window is not None:
        start, end = (f"{display.day(t, zone)}, {display.clock(t, zone)}" for t in (window.start, window.end))
        facts.append(("Window", f"{start} to {end}"))
    for label, moment in (("Expected back", update.restore_eta), ("Next update", update.next_update)):
        if moment is not None:
            facts.append((label, f"{display.day(moment, zone)}, {display.clock(moment, zone)}"))
    rows = "".join(f"<li><strong>{label}:</strong> {_escape(value)}</li>" for label, value in facts)
    return f"{display.render_markdown(update.message)}<ul>{rows}</ul>"


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def updates_newest_first(incidents: Iterable[Incident]) -> list[tuple[Incident, Update]]:
    pairs = [(incident, update) for incident in incidents for update in incident.updates]
    return sorted(pairs, key=lambda pair: (pair[1].at, pair[0].id, pair[1].number), reverse=True)


def _generator(site: Site, path: str, title: str, entries: list[tuple[Incident, Update]]) -> FeedGenerator:
    config = site.config
    feed = FeedGenerator()
    feed.id(config.site_url + path)
    feed.title(title)
    feed.subtitle(f"Every update on outages and planned maintenance at {config.name}.")
    feed.author({"name": config.name, "email": config.contact.email})
    feed.link(href=config.site_url + path, rel="self")
    feed.link(href=config.site_url, rel="alternate")
    feed.language(config.language)
    newest = max((u.at for i in site.incidents for u in i.updates), default=_EPOCH)
    updated = entries[0][1].at if entries else newest
    feed.updated(updated)
    feed.lastBuildDate(updated)
    for incident, update in entries:
        entry = feed.add_entry(order="append")
        entry.id(entry_id(site, incident, update))
        entry.guid(entry_id(site, incident, update), permalink=False)
        entry.title(entry_title(incident, update))
        entry.link(href=entry_link(site, incident, update))
        entry.published(update.at)
        entry.updated(update.at)
        entry.content(entry_html(site, incident, update), type="html")
    return feed


def atom(site: Site, path: str, title: str, keep: Callable[[Incident], bool], limit: int) -> bytes:
    """An Atom feed of the updates of the incidents ``keep`` accepts."""
    entries = updates_newest_first(i for i in site.incidents if keep(i))[:limit]
    return _generator(site, path, title, entries).atom_str(pretty=True)


def feed_outputs(site: Site) -> dict[str, bytes]:
    """Every feed file of the site, by its path."""
    name, limit = site.config.name, site.config.feed_entries
    everything = updates_newest_first(site.incidents)[:limit]
    outputs = {
        "feeds/atom.xml": _generator(site, "feeds/atom.xml", f"{name} status", everything).atom_str(pretty=True),
        "feeds/rss.xml": _generator(site, "feeds/rss.xml", f"{name} status", everything).rss_str(pretty=True),
    }
    for service in site.config.services:
        path = f"feeds/services/{service.id}.xml"
        title = f"{name} status: {service.name}"
        outputs[path] = atom(site, path, title, lambda i, s=service: s in i.services, limit)
    for area in site.config.areas:
        path = f"feeds/areas/{area.id}.xml"
        title = f"{name} status: {area.name}"
        outputs[path] = atom(site, path, title, lambda i, a=area: a in i.areas, limit)
    return outputs


def feed_links(kind: str, item_id: str, name: str) -> tuple[tuple[str, str], ...]:
    """The (title, url) of a service's or area's feed, for its page's head."""
    return ((f"{name} updates (Atom)", f"feeds/{kind}/{item_id}.xml"),)
