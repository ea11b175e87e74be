"""Atom and RSS feeds of every update: a pure function of the snapshot.

One entry per update, newest first, so a reader is told each time an
incident moves on. Each entry is rendered from the incident as of its update,
so adding an update never changes an earlier entry. Entry ids are tag URIs
(RFC 4151) built from the site's host, the incident id and the update's
identity (never its position), so they never change once published. A
correction keeps its entry's id with a new ``updated``; a withdrawn update
keeps its entry, which says it was withdrawn. Every date comes from the data
(or the ledger), never the clock, so two builds of the same input are
byte-identical.

A service's or area's feed gives its entries ids of their own (the feed's path
in the tag), because some readers (newsboat) keep one copy of an entry id
across every feed they follow: with shared ids, an update followed in two area
feeds would show in only one of them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from feedgen.feed import FeedGenerator
from lxml import etree

from .. import display
from ..incidents.model import Config, Incident, Update
from ..state.as_of import as_of, live_estimate
from ..state.ledger import Issue, Withdrawal
from ..state.now import Snapshot

_EPOCH = datetime.fromisoformat("1970-01-01T00:00:00+00:00")
_ATOM = "{http://www.w3.org/2005/Atom}"


@dataclass(frozen=True)
class Entry:
    """One feed entry: an update (or a withdrawn one), ready to write."""

    id: str
    """The id in the site-wide feed; a filtered feed scopes it (:func:`entry_id`)."""
    incident_id: str
    published_id: str
    title: str
    link: str
    html: str
    published: datetime
    updated: datetime
    services: tuple[str, ...]
    areas: tuple[str, ...]
    """Ids of the services and areas affected as of the update: the filtered feeds choose by them."""


def entry_id(config: Config, incident_id: str, published_id: str, scope: str = "") -> str:
    """``tag:status.example.com,2026-05-12:<incident-id>/<update-id>``: stable for ever.

    The date is the incident's own (the start of its id), a day on which the
    site's host certainly belonged to the provider, as RFC 4151 asks. ``scope``
    (``services/internet/``) makes the id of the same update in a filtered feed.
    """
    return f"tag:{config.host},{incident_id[:10]}:{scope}{incident_id}/{published_id}"


def entry_link(config: Config, incident_id: str, published_id: str) -> str:
    return f"{config.site_url}incidents/{incident_id}/#update-{published_id}"


def entry_html(config: Config, incident: Incident, update: Update) -> str:
    """The update's message, then the facts a reader needs as of that update, in the site's zone."""
    zone = config.timezone
    facts = [
        ("Services", ", ".join(s.name for s in incident.services)),
        ("Areas", ", ".join(a.name for a in incident.areas)),
    ]
    window = incident.window
    if window is not None and (update.number == 1 or window != incident.updates[update.number - 2].window):
        # A maintenance's first update announces its window; a later one may move it.
        start, end = (f"{display.day(t, zone)}, {display.clock(t, zone)}" for t in (window.start, window.end))
        facts.append(("Window", f"{start} to {end}"))
    for label, moment in (("Expected back", live_estimate(incident, update.at)), ("Next update", update.next_update)):
        if moment is not None:
            facts.append((label, f"{display.day(moment, zone)}, {display.clock(moment, zone)}"))
    rows = "".join(f"<li><strong>{label}:</strong> {display.escape(value)}</li>" for label, value in facts)
    return f"{display.render_markdown(update.message)}<ul>{rows}</ul>"


def update_entry(config: Config, incident: Incident, update: Update, issue: Issue) -> Entry:
    """The entry of one update; ``incident`` is the incident as of that update."""
    html = entry_html(config, incident, update)
    title = f"{update.status.label}: {incident.title}"
    if issue.is_correction:
        corrected = issue.issued_at or update.at
        when = f"{display.clock(corrected, config.timezone)}, {display.day(corrected, config.timezone)}"
        html = f"<p><strong>Corrected</strong> {display.escape(when)}.</p>{html}"
        title = f"Corrected: {title}"
    return Entry(
        id=entry_id(config, incident.id, issue.published_id),
        incident_id=incident.id,
        published_id=issue.published_id,
        title=title,
        link=entry_link(config, incident.id, issue.published_id),
        html=html,
        published=update.at,
        updated=issue.issued_at or update.at,
        services=tuple(s.id for s in incident.services),
        areas=tuple(a.id for a in incident.areas),
    )


def withdrawal_entry(config: Config, withdrawal: Withdrawal) -> Entry:
    """The entry of a withdrawn update keeps its id and says it was withdrawn."""
    zone = config.timezone
    posted = f"{display.clock(withdrawal.at, zone)}, {display.day(withdrawal.at, zone)}"
    gone = f"{display.clock(withdrawal.withdrawn_at, zone)}, {display.day(withdrawal.withdrawn_at, zone)}"
    return Entry(
        id=entry_id(config, withdrawal.incident_id, withdrawal.published_id),
        incident_id=withdrawal.incident_id,
        published_id=withdrawal.published_id,
        title=f"Withdrawn: {withdrawal.title}",
        link=f"{config.site_url}incidents/{withdrawal.incident_id}/",
        html=f"<p>The update posted at {display.escape(posted)} was withdrawn at {display.escape(gone)}.</p>",
        published=withdrawal.at,
        updated=withdrawal.withdrawn_at,
        services=withdrawal.services,
        areas=withdrawal.areas,
    )


@dataclass(frozen=True)
class _Ref:
    """An entry before it is rendered: enough to sort and filter it."""

    published: datetime
    key: str
    services: tuple[str, ...]
    areas: tuple[str, ...]
    render: Callable[[], Entry]


def _refs_newest_first(state: Snapshot) -> list[_Ref]:
    """Every update of the site as of now, and every withdrawal, newest first, not yet rendered."""
    config, published = state.config, state.publication
    refs = []
    for incident in state.site.incidents:
        for update in incident.updates:
            issue = published.of(incident, update)
            refs.append(
                _Ref(
                    update.at,
                    f"{incident.id}/{issue.published_id}",
                    tuple(s.id for s in update.facts.services),
                    tuple(a.id for a in update.facts.areas),
                    lambda i=incident, u=update, x=issue: update_entry(config, as_of(i, u), u, x),
                )
            )
    for withdrawal in published.withdrawals:
        refs.append(
            _Ref(
                withdrawal.at,
                f"{withdrawal.incident_id}/{withdrawal.published_id}",
                withdrawal.services,
                withdrawal.areas,
                lambda w=withdrawal: withdrawal_entry(config, w),
            )
        )
    return sorted(refs, key=lambda r: (r.published, r.key), reverse=True)


def _generator(
    config: Config, path: str, title: str, entries: list[Entry], fallback: datetime, page: str = "", scope: str = ""
) -> FeedGenerator:
    """A feed of ``entries``; ``page`` is the site page it follows, ``scope`` what makes its entry ids its own."""
    feed = FeedGenerator()
    feed.id(config.site_url + path)
    feed.title(title)
    feed.subtitle(f"Every update on outages and planned maintenance at {config.name}.")
    feed.author({"name": config.name, "email": config.contact.email})
    feed.link(href=config.site_url + path, rel="self", type="application/atom+xml")
    feed.link(href=config.site_url + page, rel="alternate", type="text/html")
    feed.language(config.language)
    updated = max((e.updated for e in entries), default=fallback)
    feed.updated(updated)
    feed.lastBuildDate(updated)
    for item in entries:
        entry = feed.add_entry(order="append")
        # id() sets RSS's guid too, not a permalink (feedgen's guid() would overwrite the Atom id).
        entry.id(entry_id(config, item.incident_id, item.published_id, scope) if scope else item.id)
        entry.title(item.title)
        entry.link(href=item.link, rel="alternate", type="text/html")
        entry.published(item.published)
        entry.updated(item.updated)
        entry.content(item.html, type="html")
    return feed


def feed_outputs(state: Snapshot) -> dict[str, bytes]:
    """Every feed file of the site, by its path; only the entries a feed keeps are rendered, once each."""
    config = state.config
    name, limit = config.name, config.feed_entries
    refs = _refs_newest_first(state)
    fallback = state.last_update_at if state.site.incidents else _EPOCH
    rendered: dict[str, Entry] = {}

    def chosen(keep: Callable[[_Ref], bool]) -> list[Entry]:
        entries = []
        for ref in refs:
            if len(entries) == limit:
                break
            if keep(ref):
                if ref.key not in rendered:
                    rendered[ref.key] = ref.render()
                entries.append(rendered[ref.key])
        return entries

    def filtered(kind: str, item_id: str, title: str, keep: Callable[[_Ref], bool]) -> bytes:
        page, path = f"{kind}/{item_id}/", f"feeds/{kind}/{item_id}.xml"
        return atom_bytes(_generator(config, path, title, chosen(keep), fallback, page=page, scope=page))

    everything = chosen(lambda ref: True)
    outputs = {
        "feeds/atom.xml": atom_bytes(_generator(config, "feeds/atom.xml", f"{name} status", everything, fallback)),
        "feeds/rss.xml": _rss(config, everything, fallback),
    }
    for service in config.services:
        outputs[f"feeds/services/{service.id}.xml"] = filtered(
            "services", service.id, f"{name} status: {service.name}", lambda r, s=service.id: s in r.services
        )
    for area in config.areas:
        outputs[f"feeds/areas/{area.id}.xml"] = filtered(
            "areas", area.id, f"{name} status: {area.name}", lambda r, a=area.id: a in r.areas
        )
    return outputs


def atom_bytes(feed: FeedGenerator) -> bytes:
    """The feed as Atom, each entry link with the ``rel`` and ``type`` it was given.

    feedgen 1.0 drops every attribute but ``href`` from entry links (its entry
    renderer rebinds the link's dict to the new element before reading them), so
    each link would read as another ``alternate`` of unknown type: two of them make
    the feed invalid Atom, and readers pick different ones. The attributes are put
    back here, from what each entry holds, in the order feedgen wrote the links.
    """
    document = etree.fromstring(feed.atom_str(pretty=True), etree.XMLParser(resolve_entities=False, no_network=True))
    for element, entry in zip(document.iterfind(f"{_ATOM}entry"), feed.entry(), strict=True):
        for link, given in zip(element.iterfind(f"{_ATOM}link"), entry.link() or [], strict=True):
            for name in ("rel", "type", "hreflang", "title", "length"):
                if given.get(name):
                    link.set(name, str(given[name]))
    return etree.tostring(document, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _rss(config: Config, entries: list[Entry], fallback: datetime) -> bytes:
    """RSS 2.0: its channel description is read as HTML by most readers, so the organisation's name is escaped."""
    feed = _generator(config, "feeds/rss.xml", f"{config.name} status", entries, fallback)
    feed.description(display.escape(f"Every update on outages and planned maintenance at {config.name}."))
    return feed.rss_str(pretty=True)


def feed_links(kind: str, item_id: str, name: str) -> tuple[tuple[str, str], ...]:
    """The (title, url) of a service's or area's feed, for its page's head."""
    return ((f"{name} updates (Atom)", f"feeds/{kind}/{item_id}.xml"),)
