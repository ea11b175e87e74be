"""The status site's pages, as HTML bodies: a pure function of the snapshot (the site as of "now").

MkDocs wraps each body in the theme (see ``plugin.py``); the lite page and
``status.txt`` are complete documents of their own, for failing links and old
phones. Nothing here reads files or the clock.
"""

from __future__ import annotations

import posixpath
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import timedelta

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from .. import display
from ..bulletins import KEEP_DAYS, BulletinSet, WithdrawalSet, current_sets
from ..feeds.atom import feed_links
from ..feeds.calendar import CALENDAR_DAYS, calendar_files
from ..incidents.model import Incident, Site, Status
from ..state.as_of import Change, changes, live_estimate, overdue_next_update, passed_estimate
from ..state.now import COMPONENT_STATUSES, ComponentState, Snapshot, component_status, overdue_reason
from ..state.uptime import Uptime, uptime
from .cache import BuildCache
from .cache import key as cache_key
from .parallel import split

HISTORY_LIMIT = 50
"""Service, area and maintenance pages list this many past items and link to the archive for the rest."""
PLANNED_DAYS = 7
"""The front page's "is it me?" rows include areas with planned work starting within this many days."""
MONTH_PAGE_SIZE = 100
"""A month of the archive lists this many incidents a page; a busier month continues on ``page/2/``…"""


@dataclass(frozen=True)
class Page:
    """One generated page: where it goes, its title and its HTML body."""

    src_uri: str
    """Path of the page's (virtual) Markdown source, e.g. ``incidents/<id>.md``."""
    url: str
    """Its address relative to the site root, e.g. ``incidents/<id>/``."""
    title: str
    body: str
    description: str = ""
    feeds: tuple[tuple[str, str], ...] = field(default_factory=tuple)
    """(title, url) of Atom feeds to advertise in the page's head."""


def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("generator.site", "templates"),
        autoescape=select_autoescape(["html"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["markdown"] = display.render_markdown
    env.filters["plain"] = display.plain
    env.filters["first_sentence"] = display.first_sentence
    env.filters["percent"] = display.percent
    env.filters["duration"] = display.duration
    env.globals.update(labels=display.COMPONENT_LABELS, overall_labels=display.OVERALL_LABELS, icon=display.icon)
    return env


_ENV = _environment()


def relative_url(from_url: str, to_url: str) -> str:
    """A link from one page to another that works at any base path (``incidents/a/`` -> ``../../areas/b/``)."""
    base = from_url if from_url.endswith("/") or not from_url else posixpath.dirname(from_url) + "/"
    target = posixpath.relpath("/" + to_url, "/" + base)
    if to_url.endswith("/") or not to_url:
        target = target.rstrip("/") + "/" if target != "." else "./"
    return target


class _Renderer:
    """Renders every page of one site at one moment."""

    def __init__(self, state: Snapshot) -> None:
        self.state = state
        self.site = state.site
        self.now = state.now
        self.zone = state.config.timezone

    def render(self, template: str, url: str, **context: object) -> str:
        zone, now = self.zone, self.now
        return _ENV.get_template(template).render(
            site=self.site,
            config=self.site.config,
            state=self.state,
            now=now,
            url=lambda target: relative_url(url, target),
            clock=lambda moment: display.clock(moment, zone),
            day=lambda moment: display.day(moment, zone),
            short_day=lambda moment: display.short_day(moment, zone),
            when=lambda moment: display.when(moment, zone, now),
            iso=display.iso,
            overdue=lambda incident: overdue_reason(incident, now, self.site.config.max_update_gap),
            status_of=lambda incident: component_status(incident) if incident.is_open else "operational",
            estimate=lambda incident: live_estimate(incident, now),
            passed_estimate=lambda incident: passed_estimate(incident, now),
            due_passed=lambda incident: overdue_next_update(incident, now),
            issue=self.state.publication.of,
            changes=lambda incident, update: [change_words(c, zone) for c in changes(incident, update)],
            withdrawn=lambda incident: self.state.publication.withdrawn_from(incident.id),
            lasted=lambda incident: lasted(incident, now),
            bar=uptime_bar,
            month_name=lambda moment: f"{moment.astimezone(zone):%B %Y}",
            between=display.duration_between,
            **context,
        )

    def page(
        self, src_uri: str, url: str, title: str, template: str, description: str = "", feeds=(), **context
    ) -> Page:
        return Page(src_uri, url, title, self.render(template, url, **context), description, tuple(feeds))


def change_words(change: Change, zone) -> str:
    """What an update changed, as the incident page says it: "Cause found", "Lauderdale added"…"""

    def clock(moment) -> str:
        return display.clock(moment, zone)

    match change.fact, change.how:
        case "cause", "found":
            return f"Cause found: {change.after}"
        case "cause", _:
            return f"Cause updated: {change.after}"
        case (("area" | "service"), "added"):
            return f"{change.after.name} added"
        case (("area" | "service"), _):
            return f"{change.before.name} no longer affected"
        case "restore_eta", "set":
            return f"Estimate: {clock(change.after)}"
        case "restore_eta", "moved":
            return f"Estimate moved from {clock(change.before)} to {clock(change.after)}"
        case "restore_eta", _:
            return "Estimate withdrawn"
        case "customers", _:
            if change.before is None:
                return f"Customers affected: {change.after:,}"
            return f"Customers affected: {change.before:,} → {change.after:,}"
        case "impact", how:
            return f"Impact {how} to {change.after}"
        case _:
            window = change.after
            return f"Rescheduled: {display.day(window.start, zone)}, {clock(window.start)} to {clock(window.end)}"


def lasted(incident: Incident, now) -> str:
    """How long an incident lasted (or has lasted so far), or a maintenance's planned window, in words."""
    if incident.is_maintenance:
        window = incident.window
        if window is None or incident.status is Status.CANCELLED:
            return ""
        return f"{display.duration_between(window.start, window.end)} window"
    if incident.is_open:
        return f"{display.duration_between(incident.began_at, now)} so far"
    return display.duration_between(incident.began_at, incident.latest.at)


_BAR_HEIGHTS = {"none": 4, "up": 6, "maintenance": 8, "degraded": 8, "down": 10}
"""Each day's bar is as tall as its state is bad, so the bars read without colour too."""


def uptime_bar(record: Uptime) -> str:
    """The days as an inline SVG, one path per state; decorative: the text beside it says what it shows."""
    paths: dict[str, list[str]] = defaultdict(list)
    for index, day in enumerate(record.days):
        height = _BAR_HEIGHTS[day.state]
        paths[day.state].append(f"M{index * 3} {10 - height}h2v{height}h-2z")
    width = len(record.days) * 3 - 1
    drawn = "".join(f'<path class="outage-bar--{state}" d="{"".join(parts)}"/>' for state, parts in paths.items())
    return (
        f'<svg class="outage-bar" viewBox="0 0 {width} 10" preserveAspectRatio="none" aria-hidden="true" '
        f'focusable="false">{drawn}</svg>'
    )


@dataclass(frozen=True)
class AreaRow:
    """One row of the front page's "is it me?" answer: an area, each service's state there, and why."""

    area: ComponentState
    services: tuple[tuple[str, tuple[str, ...]], ...]
    """(status, service names) from the worst status to operational: each service's state in words."""
    incidents: tuple[Incident, ...]
    """The active incidents behind it, newest first."""
    planned: tuple[Incident, ...]
    """Planned work touching it that starts within ``PLANNED_DAYS``, soonest first."""


def area_rows(state: Snapshot) -> list[AreaRow]:
    """Every area with anything wrong now or planned soon, the worst first (then in status.yml's order)."""
    horizon = state.now + timedelta(days=PLANNED_DAYS)
    soon = [i for i in state.upcoming if i.window is not None and i.window.start <= horizon]
    rows = []
    for area, services in zip(state.areas, state.area_services, strict=True):
        planned = tuple(i for i in soon if any(a.id == area.id for a in i.areas))
        if area.status == "operational" and not planned:
            continue
        by_status: dict[str, list[str]] = defaultdict(list)
        for service in services:
            by_status[service.status].append(service.name)
        grouped = tuple(
            (status, tuple(by_status[status])) for status in reversed(COMPONENT_STATUSES) if status in by_status
        )
        rows.append(AreaRow(area, grouped, area.incidents, planned))
    rank = {status: index for index, status in enumerate(reversed(COMPONENT_STATUSES))}
    return sorted(rows, key=lambda row: rank[row.area.status])


def incident_url(incident: Incident) -> str:
    return f"incidents/{incident.id}/"


def month_key(incident: Incident, site: Site) -> str:
    """``2026/05``: the archive month of an incident, by its start in the site's zone."""
    return incident.updates[0].at.astimezone(site.config.timezone).strftime("%Y/%m")


def incident_page_key(fingerprint: str, state: Snapshot, incident: Incident, bulletins: Sequence[BulletinSet]) -> str:
    """The cache key of an incident page's body: every input it is rendered from (see ``cache.py``).

    The incident as of now: its file's bytes (with ``status.yml``, in ``fingerprint``,
    everything it is made from) and how many of its updates exist yet; and what "now"
    changes on the page: today's date and year (``when``), the estimate, overdue and
    duration words. Hashing the file is much cheaper than writing out the whole incident,
    which was most of a rebuild's keys; an incident not read from a file (no digest) is
    keyed by its repr, every field and every update.
    """
    now, zone, config = state.now, state.config.timezone, state.config
    said_now = (
        now.astimezone(zone).date(),
        live_estimate(incident, now),
        passed_estimate(incident, now),
        overdue_next_update(incident, now),
        overdue_reason(incident, now, config.max_update_gap),
        component_status(incident) if incident.is_open else "operational",
        lasted(incident, now),
        display.duration_between(incident.began_at, now) if incident.is_open else "",
    )
    ledger = (
        [state.publication.of(incident, update) for update in incident.updates],
        state.publication.withdrawn_from(incident.id),
    )
    sets = [(item.path, item.update.at, item.label) for item in bulletins]
    made_of = f"{incident.source_digest} {len(incident.updates)}" if incident.source_digest else repr(incident)
    return cache_key(fingerprint, "incident.html", made_of, repr(said_now), repr(ledger), repr(sets), str(KEEP_DAYS))


def month_pages(r: _Renderer, key: str, title: str, items: list[Incident]) -> list[Page]:
    """One month of the archive, ``MONTH_PAGE_SIZE`` incidents a page, newest first: page 1 at
    ``history/<key>/``, the rest at ``history/<key>/page/<n>/``, linked to each other."""
    chunks = [items[start : start + MONTH_PAGE_SIZE] for start in range(0, len(items), MONTH_PAGE_SIZE)]
    urls = [f"history/{key}/"] + [f"history/{key}/page/{n}/" for n in range(2, len(chunks) + 1)]
    return [
        r.page(
            f"history/{key}.md" if number == 1 else f"history/{key}/page/{number}.md",
            url,
            title if number == 1 else f"{title}, page {number} of {len(chunks)}",
            "month.html",
            incidents=chunk,
            month=key,
            number=number,
            page_urls=urls,
        )
        for number, (chunk, url) in enumerate(zip(chunks, urls, strict=True), start=1)
    ]


def site_pages(
    state: Snapshot,
    bulletins: Sequence[BulletinSet] = (),
    withdrawals: Sequence[WithdrawalSet] = (),
    cache: BuildCache | None = None,
    fingerprint: str = "",
    fork: bool = False,
) -> list[Page]:
    """Every generated page of the site, in a stable order; ``bulletins`` are the published bulletin sets.

    With a ``cache``, incident pages whose inputs (keyed with ``fingerprint``: the tool and the
    repository's settings) have not changed are taken from it instead of rendered. With
    ``fork``, the others are rendered in two processes (the same bytes).
    """
    r = _Renderer(state)
    site = state.site
    records = uptime(state)  # once: the front, service and area pages read it
    published: dict[str, list[BulletinSet]] = defaultdict(list)
    for item in bulletins:
        published[item.incident.id].append(item)
    config = site.config
    newest_first = state.newest_first
    months: dict[str, list[Incident]] = defaultdict(list)
    for incident in newest_first:
        months[month_key(incident, site)].append(incident)

    pages = [
        r.page(
            "index.md",
            "",
            f"{config.name} status",
            "front.html",
            description=f"Current status of {config.name}'s services, outages and planned maintenance.",
            recent=state.recent,
            rows=area_rows(state),
            records=records.services,
        ),
        r.page(
            "areas/index.md",
            "areas/",
            "Areas",
            "areas.html",
            description=f"Every area {config.name} serves, A to Z, with its status now.",
            areas=sorted(zip(config.areas, state.areas, strict=True), key=lambda pair: pair[0].name.casefold()),
        ),
        r.page(
            "maintenance/index.md",
            "maintenance/",
            "Planned maintenance",
            "maintenance.html",
            past=[
                i for i in newest_first if i.is_maintenance and i not in r.state.upcoming and i not in r.state.active
            ][:HISTORY_LIMIT],
            archives=[  # (year, path) of each year's calendar of older work, newest first
                (path.removeprefix("calendar/").removesuffix(".ics"), path)
                for path in calendar_files(site, state.now)
                if path != "calendar.ics"
            ],
            calendar_days=CALENDAR_DAYS,
        ),
        r.page(
            "history/index.md",
            "history/",
            "Incident history",
            "history.html",
            months=[(key, len(items)) for key, items in sorted(months.items(), reverse=True)],
        ),
    ]
    for key, items in sorted(months.items(), reverse=True):
        first = items[-1].updates[0].at.astimezone(config.timezone)
        pages += month_pages(r, key, f"{first:%B %Y}", items)
    for kind, items, affected, kept in (
        ("services", config.services, lambda i: i.services, records.services),
        ("areas", config.areas, lambda i: i.areas, records.areas),
    ):
        states = {s.id: s for s in (r.state.services if kind == "services" else r.state.areas)}
        where = dict(zip((a.id for a in config.areas), state.area_services, strict=True))
        for item in items:
            history = [i for i in newest_first if item in affected(i)]
            pages.append(
                r.page(
                    f"{kind}/{item.id}.md",
                    f"{kind}/{item.id}/",
                    item.name,
                    "component.html",
                    description=(
                        f"{config.name} in {item.name}: what works now, planned work, uptime and history."
                        if kind == "areas"
                        else f"{config.name} {item.name}: status now, planned work, uptime and history."
                    ),
                    feeds=feed_links(kind, item.id, item.name),
                    kind=kind,
                    item=item,
                    component=states[item.id],
                    services=where.get(item.id, ()) if kind == "areas" else (),
                    planned=[i for i in state.upcoming if item in affected(i)],
                    record=kept[item.id],
                    history=history[:HISTORY_LIMIT],
                    total=len(history),
                )
            )
    bodies = []  # (incident, its url, its cache key, how to render it)
    for incident in newest_first:
        url, sets = incident_url(incident), published.get(incident.id, [])

        def body(incident: Incident = incident, url: str = url, sets: list[BulletinSet] = sets) -> str:
            return r.render("incident.html", url, incident=incident, bulletins=sets, keep_days=KEEP_DAYS)

        bodies.append(
            (incident, url, "" if cache is None else incident_page_key(fingerprint, state, incident, sets), body)
        )
    # The bodies not in the cache are most of a cold build's pages: with ``fork``, half are rendered
    # in a second process while this one renders the rest (see ``parallel.py``).
    made = iter(split([body for _, _, key, body in bodies if cache is None or not cache.has(key)], fork))
    for incident, url, key, _ in bodies:
        kept = next(made) if cache is None else cache.get(key, lambda: next(made))
        description = display.plain(incident.latest.message)[:200]
        pages.append(Page(f"incidents/{incident.id}.md", url, incident.title, kept, description))
    pages.append(
        r.page(
            "bulletins/index.md",
            "bulletins/",
            "Bulletins for newsrooms",
            "newsroom.html",
            description=f"Radio scripts, press releases and CAP alerts about {config.name} outages.",
            sets=list(bulletins),
            current=current_sets(list(bulletins)),
            keep_days=KEEP_DAYS,
        )
    )
    for item in bulletins:
        pages.append(
            r.page(
                f"{item.path}index.md",
                item.path,
                f"Bulletin: {item.incident.title} ({display.clock(item.update.at, config.timezone)} update)",
                "bulletin.html",
                set=item,
            )
        )
    for item in withdrawals:
        pages.append(
            r.page(
                f"{item.path}index.md", item.path, f"Withdrawn: {item.withdrawal.title}", "withdrawal.html", set=item
            )
        )
    return pages


def lite_page(state: Snapshot) -> str:
    """``/lite/``: the current status as one small HTML file with no CSS or script files."""
    return _Renderer(state).render("lite.html", "lite/", rows=area_rows(state))


def status_text(state: Snapshot) -> str:
    """``/status.txt``: the current status as plain text."""
    return _Renderer(state).render("status.txt", "status.txt")
