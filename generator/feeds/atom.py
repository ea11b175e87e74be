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

A site in several languages has the same feeds in each (:func:`feed_outputs_in`):
``fr/feeds/atom.xml`` in French, with ``xml:lang="fr"``, its own entry ids (``fr/``
in the tag), and "en anglais seulement" beside each text the files do not give
in French. Its entries and its own alternate link go to the French pages
(``fr/incidents/<id>/``); only the links move, never an entry's id.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from operator import itemgetter
from typing import TYPE_CHECKING, NamedTuple

from lxml import etree

from .. import display
from ..incidents.languages import path_prefix, site_in
from ..incidents.model import Area, Config, Incident, Service, Update
from ..state.as_of import as_of, live_estimate
from ..state.ledger import Issue, Withdrawal
from ..state.now import Snapshot
from .wording import wording_for

if TYPE_CHECKING:
    from feedgen.feed import FeedGenerator

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
    (``services/internet/``) makes the id of the same update in a filtered feed,
    and ``fr/`` in a feed in French.
    """
    return f"tag:{config.host},{incident_id[:10]}:{scope}{incident_id}/{published_id}"


def entry_link(config: Config, incident_id: str, published_id: str) -> str:
    """The update on the incident's page in the feed's language (``fr/incidents/…`` in French); ids never move."""
    return f"{config.site_url}{path_prefix(config)}incidents/{incident_id}/#update-{published_id}"


def entry_html(config: Config, incident: Incident, update: Update) -> str:
    """The update's message, then the facts a reader needs as of that update, in the site's zone and language."""
    zone, words = config.timezone, wording_for(config.language)
    facts = [
        (words.services, ", ".join(_name(config, s) for s in incident.services)),
        (words.areas, ", ".join(_name(config, a) for a in incident.areas)),
    ]
    window = incident.window
    if window is not None and (update.number == 1 or window != incident.updates[update.number - 2].window):
        # A maintenance's first update announces its window; a later one may move it.
        facts.append((words.window, words.span(words.moment(window.start, zone), words.moment(window.end, zone))))
    for label, moment in (
        (words.expected_back, live_estimate(incident, update.at)),
        (words.next_update, update.next_update),
    ):
        if moment is not None:
            facts.append((label, words.moment(moment, zone)))
    rows = "".join(f"<li><strong>{label}{words.colon}</strong> {display.escape(value)}</li>" for label, value in facts)
    message = display.render_markdown(update.message)
    if "message" in update.untranslated:
        message = _fallen_back(config, message)
    return f"{message}<ul>{rows}</ul>"


def _fallen_back(config: Config, html: str) -> str:
    """Text shown in the default language in another language's feed: marked so, and tagged with its language."""
    default = config.default_language
    mark = wording_for(config.language).only_in(default)
    return f'<p><em>{display.escape(mark[:1].upper() + mark[1:])}</em></p><div lang="{default}">{html}</div>'


def _name(config: Config, item: Service | Area) -> str:
    """A service's or area's name; marked when it is in the default language in another language's feed."""
    if "name" not in item.untranslated:
        return item.name
    return f"{item.name} ({wording_for(config.language).only_in(config.default_language)})"


def _title(config: Config, incident: Incident) -> str:
    """The incident's title; marked when it is in the default language in another language's feed."""
    if "title" not in incident.untranslated:
        return incident.title
    return f"{incident.title} ({wording_for(config.language).only_in(config.default_language)})"


def update_entry(config: Config, incident: Incident, update: Update, issue: Issue) -> Entry:
    """The entry of one update; ``incident`` is the incident as of that update."""
    words = wording_for(config.language)
    html = entry_html(config, incident, update)
    title = f"{words.status(update.status)}{words.colon} {_title(config, incident)}"
    if issue.is_correction:
        html = words.corrected(issue.issued_at or update.at, config.timezone) + html
        title = f"{words.corrected_title}{words.colon} {title}"
    return Entry(
        id=entry_id(config, incident.id, issue.published_id, path_prefix(config)),
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
    """The entry of a withdrawn update keeps its id and says it was withdrawn.

    The ledger keeps the title in the default language only: another language's feed marks it so.
    """
    words = wording_for(config.language)
    title = withdrawal.title
    if config.language != config.default_language:
        title = f"{title} ({words.only_in(config.default_language)})"
    return Entry(
        id=entry_id(config, withdrawal.incident_id, withdrawal.published_id, path_prefix(config)),
        incident_id=withdrawal.incident_id,
        published_id=withdrawal.published_id,
        title=f"{words.withdrawn_title}{words.colon} {title}",
        link=f"{config.site_url}{path_prefix(config)}incidents/{withdrawal.incident_id}/",
        html=words.withdrawn(withdrawal.at, withdrawal.withdrawn_at, config.timezone),
        published=withdrawal.at,
        updated=withdrawal.withdrawn_at,
        services=withdrawal.services,
        areas=withdrawal.areas,
    )


class _Ref(NamedTuple):
    """An entry before it is rendered: enough to sort and filter it (a tuple: there is one per update ever made)."""

    published: datetime
    key: str
    services: tuple[str, ...]
    areas: tuple[str, ...]
    source: tuple
    """What the entry is made of besides the config: (incident, update, its issue in the ledger or ``None``), or
    (withdrawal,): :func:`_entry` renders it, :func:`_made_of` names it."""


def _refs_newest_first(state: Snapshot) -> list[_Ref]:
    """Every update of the site as of now, and every withdrawal, newest first, not yet rendered.

    A history of 10,000 incidents has some 34,000 updates, and only the few hundred its feeds keep are
    rendered: each ref is made with as little as it needs. Updates share their facts while nothing
    changes, so the ids each facts names are listed once; an update's identity is the ledger's, or its own.
    """
    published = state.publication
    issues = published.issues
    named: dict[int, tuple[tuple[str, ...], tuple[str, ...]]] = {}  # by the facts' identity (alive throughout)
    same: dict[tuple[tuple[str, ...], tuple[str, ...]], tuple[tuple[str, ...], tuple[str, ...]]] = {}
    refs = []
    for incident in state.site.incidents:
        for update in incident.updates:
            facts = update.facts
            ids = named.get(id(facts))
            if ids is None:
                ids = (tuple([s.id for s in facts.services]), tuple([a.id for a in facts.areas]))
                ids = named[id(facts)] = same.setdefault(ids, ids)  # one tuple for equal ones: see _newest_by_item
            issue = issues.get((incident.id, update.id)) if issues else None
            refs.append(
                _Ref(
                    update.at,
                    f"{incident.id}/{update.id if issue is None else issue.published_id}",
                    *ids,
                    (incident, update, issue),
                )
            )
    for withdrawal in published.withdrawals:
        refs.append(
            _Ref(
                withdrawal.at,
                f"{withdrawal.incident_id}/{withdrawal.published_id}",
                withdrawal.services,
                withdrawal.areas,
                (withdrawal,),
            )
        )
    return sorted(refs, key=itemgetter(0, 1), reverse=True)  # by (published, key), newest first


def _made_of(ref: _Ref) -> str:
    """All a ref's entry is made of besides the config: its incident's file (by its sha256, or the whole incident
    where it was read from none), which update, and the ledger's identity for it; or the withdrawal."""
    if len(ref.source) == 1:
        return repr(ref.source[0])
    incident, update, issue = ref.source
    return f"{incident.source_digest or repr(incident)}\0{update.id}\0{issue!r}"


def _entry(config: Config, ref: _Ref) -> Entry:
    """The entry of ``ref``: its update as of then, under the identity the ledger gives it (its own by default)."""
    if len(ref.source) == 1:
        return withdrawal_entry(config, ref.source[0])
    incident, update, issue = ref.source
    return update_entry(config, as_of(incident, update), update, issue or Issue(update.id))


def _generator(
    config: Config, path: str, title: str, entries: list[Entry], fallback: datetime, page: str = "", scope: str = ""
) -> FeedGenerator:
    """A feed of ``entries``; ``page`` is the site page it follows, ``scope`` what makes its entry ids its own."""
    feed = new_feed()
    feed.id(config.site_url + path)
    feed.title(title)
    feed.subtitle(wording_for(config.language).subtitle(config.name))
    feed.author({"name": config.name, "email": config.contact.email})
    feed.link(href=config.site_url + path, rel="self", type="application/atom+xml")
    feed.link(href=config.site_url + path_prefix(config) + page, rel="alternate", type="text/html")
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


Keep = Callable[[tuple[str, ...], Callable[[], bytes]], bytes]
"""A cache's get: the bytes kept under a key made of the parts given (with the tool and settings), or those made."""


def feed_outputs_in(state: Snapshot, language: str, keep: Keep | None = None) -> dict[str, bytes]:
    """Every feed file of the site in ``language``, by its path: ``fr/feeds/atom.xml`` for French.

    The default language's are :func:`feed_outputs`' own, byte for byte.
    """
    if language == state.config.default_language:
        return feed_outputs(state, keep)
    return feed_outputs(replace(state, site=site_in(state.site, language)), keep)


def feed_outputs(state: Snapshot, keep: Keep | None = None) -> dict[str, bytes]:
    """Every feed file of the site in its language, by its path; only the entries a feed keeps are rendered, once each.

    With ``keep`` (the build cache), a service's or area's feed is kept under everything it is made of (its
    path, title and the entries it lists, each by all it is made of): after one update, only the feeds that
    list it are made again (making the fifty others was what a rebuild at 10,000 incidents waited for).
    """
    config = state.config
    name, limit, words, prefix = config.name, config.feed_entries, wording_for(config.language), path_prefix(config)
    refs = _refs_newest_first(state)
    fallback = state.last_update_at if state.site.incidents else _EPOCH
    rendered: dict[str, Entry] = {}

    def entries(kept: list[_Ref]) -> list[Entry]:
        for ref in kept:
            if ref.key not in rendered:
                rendered[ref.key] = _entry(config, ref)
        return [rendered[ref.key] for ref in kept]

    newest = _newest_by_item(refs, limit)

    def filtered(kind: str, item_id: str, title: str) -> bytes:
        page, path = f"{kind}/{item_id}/", f"{prefix}feeds/{kind}/{item_id}.xml"
        kept = newest.get((kind, item_id), [])

        def make() -> bytes:
            return atom_bytes(_generator(config, path, title, entries(kept), fallback, page=page, scope=prefix + page))

        if keep is None:
            return make()
        # The time a feed with no entry says it was updated is the history's last update's: in its key only then.
        made_of = [f"{ref.key}\0{_made_of(ref)}" for ref in kept] or [fallback.isoformat()]
        return keep(("feed", config.language, path, title, page, prefix, *made_of), make)

    everything = entries(refs[:limit])
    atom = f"{prefix}feeds/atom.xml"
    outputs = {
        atom: atom_bytes(_generator(config, atom, words.feed_title(name), everything, fallback)),
        f"{prefix}feeds/rss.xml": _rss(config, everything, fallback),
    }
    for service in config.services:
        outputs[f"{prefix}feeds/services/{service.id}.xml"] = filtered(
            "services", service.id, words.filtered_title(name, _name(config, service))
        )
    for area in config.areas:
        outputs[f"{prefix}feeds/areas/{area.id}.xml"] = filtered(
            "areas", area.id, words.filtered_title(name, _name(config, area))
        )
    return outputs


def _newest_by_item(refs: list[_Ref], limit: int) -> dict[tuple[str, str], list[_Ref]]:
    """``{("services" or "areas", id): the newest `limit` refs that name it}``, newest first as in ``refs``.

    One pass over every entry for all the filtered feeds, not one pass per feed (a service or area
    with little history would otherwise scan the whole of it, for each of its feeds).
    """
    newest: dict[tuple[str, str], list[_Ref]] = {}
    named: dict[tuple[int, int], list[list[_Ref]]] = {}  # each (services, areas) pair's lists, found once
    for ref in refs:
        lists = named.get((id(ref.services), id(ref.areas)))
        if lists is None:
            keys = [
                *(("services", s) for s in dict.fromkeys(ref.services)),
                *(("areas", a) for a in dict.fromkeys(ref.areas)),
            ]
            lists = named[(id(ref.services), id(ref.areas))] = [newest.setdefault(key, []) for key in keys]
        for kept in lists:
            if len(kept) < limit:
                kept.append(ref)
    return newest


def new_feed() -> FeedGenerator:
    """An empty feedgen feed, for every feed the tool writes (the site's, the newsrooms', CAP's).

    feedgen (and with it dateutil) is imported here, where feeds are made: a thirtieth of a second, paid by
    the process that writes the feeds (the build's second one), not before every command.
    """
    from feedgen.feed import FeedGenerator

    return FeedGenerator()


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
    words = wording_for(config.language)
    feed = _generator(config, f"{path_prefix(config)}feeds/rss.xml", words.feed_title(config.name), entries, fallback)
    feed.description(display.escape(words.subtitle(config.name)))
    return feed.rss_str(pretty=True)


def feed_links(kind: str, item_id: str, name: str) -> tuple[tuple[str, str], ...]:
    """The (title, url) of a service's or area's feed, for its page's head."""
    return ((f"{name} updates (Atom)", f"feeds/{kind}/{item_id}.xml"),)
