"""The status site's pages, as HTML bodies: a pure function of the snapshot (the site as of "now").

MkDocs wraps each body in the theme (see ``plugin.py``); the lite page and
``status.txt`` are complete documents of their own, for failing links and old
phones. Nothing here reads files or the clock.
"""

from __future__ import annotations

import functools
import hashlib
import posixpath
import re
import string
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from types import FunctionType, MethodType

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from jinja2.runtime import Context
from markupsafe import Markup, escape

from .. import display
from ..bulletins import KEEP_DAYS, BulletinSet, WithdrawalSet, current_sets
from ..bulletins.editorial.fr.counting import WORDS_PER_MINUTE as FRENCH_WORDS_PER_MINUTE
from ..catalogue import Catalogue, catalogue_for
from ..catalogue.french import MONTHS as french_months
from ..catalogue.french import NBSP
from ..feeds.atom import feed_links
from ..feeds.calendar import CALENDAR_DAYS, calendar_files
from ..incidents.languages import path_prefix
from ..incidents.model import Incident, Site, Status
from ..state.as_of import Change, changes, live_estimate, overdue_next_update, passed_estimate
from ..state.in_language import snapshot_in
from ..state.ledger import Publication
from ..state.now import COMPONENT_STATUSES, ComponentState, Snapshot, component_status, overdue_reason
from ..state.uptime import Uptime, uptime
from .cache import BuildCache
from .cache import key as cache_key
from .compiled import kept_templates
from .languages import NAMES, marked_snapshot
from .parallel import Split

HISTORY_LIMIT = 50
"""Service, area and maintenance pages list this many past items and link to the archive for the rest."""
PLANNED_DAYS = 7
"""The front page's "is it me?" rows include areas with planned work starting within this many days."""
MONTH_PAGE_SIZE = 100
"""A month of the archive lists this many incidents a page; a busier month continues on ``page/2/``…"""
RENDER_APART_FROM = 200
"""Incident pages' bodies to render before a second process takes a share of them (with ``fork``). A body is
half a millisecond; a fork costs this process more than a few dozen of them, as every page of its memory that
it writes afterwards is copied first (at 10,000 incidents, 18,000 more page faults in the rebuild that forked
to render three bodies)."""


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
    body_key: str = field(default="", compare=False)
    """The build cache's key of ``body`` (a hash of everything it is made from), if it was kept there."""


class DirectCalls(Context):
    """Jinja's context, calling a plain function or method straight away.

    A template calls every function through ``Context.call``, which first asks the function (and its
    ``__call__``) whether it wants the context, the evaluation context or the environment passed to it:
    a few attribute lookups that fail, each call. An incident page makes some sixty calls (``say``,
    ``time``, ``when``, ``url``…), and that asking was a tenth of rendering it. A function or method
    with no attributes of its own was not marked by ``pass_context`` or its kin (they set one), so it
    is called here as ``call`` would call it; anything else (a macro, a callable object, a marked or
    wrapped function) goes through ``call``. A test compares the two on every kind of callable.
    """

    def call(__self, __obj, *args, **kwargs):  # Jinja's own names: any keyword of the call passes
        kind = type(__obj)
        if (kind is FunctionType and not __obj.__dict__) or (kind is MethodType and not __obj.__func__.__dict__):
            kwargs.pop("_block_vars", None)  # what Jinja passes along for a function that takes the context
            kwargs.pop("_loop_vars", None)
            try:
                return __obj(*args, **kwargs)
            except StopIteration:
                return __self.environment.undefined(
                    "value was undefined because a callable raised a StopIteration exception"
                )
        return super().call(__obj, *args, **kwargs)


def _environment(words: Catalogue) -> Environment:
    """The pages' templates in one language: its words, numbers and durations from its catalogue."""
    env = Environment(
        loader=PackageLoader("generator.site", "templates"),
        autoescape=select_autoescape(["html"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,  # the package's own templates: asking the disk whether they changed cost a stat a page
    )
    tight = keep_together if words.language == "fr" else str
    env.filters["markdown"] = display.render_markdown
    env.filters["plain"] = display.plain
    env.filters["first_sentence"] = display.first_sentence
    env.filters["percent"] = words.percent
    env.filters["duration"] = lambda length: tight(words.duration(length))
    env.filters["number"] = lambda count: f"{count:,}".replace(",", NBSP if words.language == "fr" else ",")
    env.globals.update(
        labels=words.component_labels,
        overall_labels=words.overall_labels,
        icon=display.icon,
        say=lambda english, **values: say(words, english, **values),
        status_label=words.status,
        plural=(lambda count: count > 1) if words.language == "fr" else (lambda count: count != 1),
        colon=words.colon,
        language=words.language,
    )
    env.context_class = DirectCalls
    env.bytecode_cache = kept_templates(env, f"pages-{words.language}")  # set last: it hashes the filters
    return env


def time_element(moment: datetime, text: object) -> Markup:
    """``<time datetime="2026-05-12T08:25-06:00">today at 8:25 a.m. MDT</time>``: the moment for machines, the
    words for people, both escaped. A function, not a macro: a page shows a dozen times, and calling a macro
    costs Jinja a context of its own each time. Joined, not ``Markup.format``-ted: the formatter was a fifth
    of making an incident page, for the same string."""
    # escape() gives markup as it is and escapes anything else, as {{ text }} did, whatever it is
    return Markup(f'<time datetime="{escape(display.iso(moment))}">{escape(text)}</time>')


def incident_row(incident: Incident, link: Callable[[str], str], words: Catalogue, zone, now: datetime) -> Markup:
    """An incident as a row of a list (a month, a service's history, past maintenance): ``<li>`` with its title
    linked, its status, the day it began, whether it was planned and how long it lasted, each escaped.

    A function, not a macro (it was ``row`` in ``_macros.html``): a cold build at 10,000 incidents lists
    each in its month, and every build lists fifty under each service and area.
    """
    first = incident.updates[0].at
    took = lasted(incident, now, words)
    row = (
        f'<li><a href="{escape(link(f"incidents/{incident.id}/"))}">{escape(incident.title)}</a> — '
        f"{escape(words.status(incident.status))}, {time_element(first, words.short_day(first, zone))}"
    )
    if incident.is_maintenance:
        row += f" {escape(say(words, '(planned)'))}"
    if took:
        row += f' · <span class="outage-lasted">{escape(took)}</span>'
    return Markup(row + "</li>")


def status_badge(value: str, text: object) -> Markup:
    """A status as its icon and words: ``status(value, text=None)`` in the pages' templates (its words by
    default). A function, not a macro: every incident page and every row of the front page shows one."""
    return Markup(
        f'<span class="outage-status outage-status--{escape(value)}">{display.icon(value)} {escape(text)}</span>'
    )


def shown_status(incident: Incident) -> str:
    """The status an incident's badge shows: what it does to its services while open, ``operational`` once over."""
    return component_status(incident) if incident.is_open else "operational"


def outlook(incident: Incident, words: Catalogue, when: Callable[[datetime], str], now: datetime, gap) -> Markup:
    """The ``<dt>``/``<dd>`` pairs of when an incident is expected back and its next update is due (each pair
    on a line of its own; nothing if neither is known): on its page and its card. A function, not a macro,
    as :func:`incident_row` (a macro call costs Jinja a context of its own; each incident page made one)."""
    eta, passed, due = live_estimate(incident, now), passed_estimate(incident, now), overdue_next_update(incident, now)
    out = ""
    if eta:
        out += f"<dt>{say(words, 'Expected back')}</dt><dd>{time_element(eta, when(eta))}</dd>\n"
    elif passed:
        has_passed = "The estimate of {time} has passed; a new one will come with the next update."
        out += f"<dt>{say(words, 'Expected back')}</dt><dd>{say(words, has_passed, time=time_element(passed, when(passed)))}</dd>\n"
    overdue = f" <strong>{say(words, '(overdue)')}</strong>"
    if due:
        was_due = say(words, "Was due {time}", time=time_element(due, when(due)))
        out += f"<dt>{say(words, 'Next update')}</dt><dd>{was_due}{overdue}</dd>\n"
    elif incident.next_update:
        late = overdue if overdue_reason(incident, now, gap) else ""
        out += f"<dt>{say(words, 'Next update')}</dt><dd>{time_element(incident.next_update, when(incident.next_update))}{late}</dd>\n"
    return Markup(out)


def linked_names(items: Iterable[object], kind: str, link: Callable[[str], str]) -> Markup:
    """Services or areas by name, each a link to its page (``kind``: ``services`` or ``areas``), between commas.

    A function, not a macro: an incident's page and each incident in a list name its services and areas.
    """
    return Markup(
        ", ".join(
            f'<a href="{escape(link(f"{kind}/{item.id}/"))}">{escape(item.name)}</a>'  # type: ignore[attr-defined]
            for item in items
        )
    )


def say(words: Catalogue, english: str, **values: object) -> Markup:
    """A phrase of the catalogue in its language, its ``{named}`` values put in (escaped unless markup).

    The phrases are the tool's own text, so they are markup as they are: an English phrase prints
    exactly as the template's literal text did before it came from the catalogue.
    """
    text = words.phrase(english)
    if not values:
        return Markup(text)
    if _named_fields_only(text):
        # Each value escaped as Markup.format's formatter escapes it, then put in by str.format: the
        # same string, without the formatter's steps for every field (a page says a few dozen things).
        return Markup(text.format_map({name: _as_formatted(value) for name, value in values.items()}))
    return Markup(text).format(**values)


def _as_formatted(value: object) -> Markup:
    """``value`` as ``Markup.format`` puts it in a ``{name}`` field (markupsafe's ``EscapeFormatter``).

    Markup as it is, text escaped; and, as that formatter does, what an object's ``__html__`` gives escaped again
    unless it is markup itself.
    """
    kind = type(value)
    if kind is Markup:
        return value  # type: ignore[return-value]
    if kind is str:
        return escape(value)
    if hasattr(value, "__html_format__"):
        return escape(value.__html_format__(""))
    if hasattr(value, "__html__"):
        return escape(value.__html__())
    return escape(format(value, ""))


@functools.cache
def _named_fields_only(text: str) -> bool:
    """Whether every field of ``text`` is a bare ``{name}``: no index, attribute, conversion or format spec."""
    try:
        fields = list(string.Formatter().parse(text))
    except ValueError:
        return False  # not a format string: Markup.format says why
    return all(name is None or (name.isidentifier() and spec == "" and how is None) for _, name, spec, how in fields)


_HELD = re.compile(
    r"\b(\d{1,2}) h(?: (\d{2}))?(?: (min\b|[A-Z]{2,5}\b))?|\b(midi|minuit) ([A-Z]{2,5})\b|\b(\d+) (min|jours?)\b"
)


def keep_together(text: str) -> str:
    """French times and durations held together on a page: ``14 h 30 HNR`` with no-break spaces.

    Only on pages: the catalogue keeps ordinary spaces, so the French feeds and bulletins keep their bytes.
    """
    return _HELD.sub(lambda match: match.group().replace(" ", NBSP), text)


_ENVS: dict[str, Environment] = {}


def environment(language: str) -> Environment:
    if language not in _ENVS:
        _ENVS[language] = _environment(catalogue_for(language))
    return _ENVS[language]


def relative_url(from_url: str, to_url: str) -> str:
    """A link from one page to another that works at any base path (``incidents/a/`` -> ``../../areas/b/``)."""
    base = from_url if from_url.endswith("/") or not from_url else posixpath.dirname(from_url) + "/"
    target = _relative_path(to_url, base)
    if to_url.endswith("/") or not to_url:
        target = target.rstrip("/") + "/" if target != "." else "./"
    return target


def _relative_path(to_url: str, base: str) -> str:
    """``posixpath.relpath("/" + to_url, "/" + base)``, without its normalising for the paths pages link.

    A page has dozens of links (each service, area, bulletin): ``relpath`` was a tenth of making
    one. Paths with ``..`` take ``relpath`` itself; for the others, dropping empty and ``.`` parts
    is all its normalising does (a test compares the two on generated paths).
    """
    if ".." in to_url or ".." in base:
        return posixpath.relpath("/" + to_url, "/" + base)
    to = [part for part in to_url.split("/") if part and part != "."]
    start = [part for part in base.split("/") if part and part != "."]
    common = 0
    for mine, theirs in zip(to, start, strict=False):
        if mine != theirs:
            break
        common += 1
    return "/".join([".."] * (len(start) - common) + to[common:]) or "."


class _Renderer:
    """Renders every page of one site at one moment, in the snapshot's language."""

    def __init__(self, state: Snapshot, files: Collection[str] = ()) -> None:
        self.state = state
        self.site = state.site
        self.now = state.now
        self.zone = state.config.timezone
        self.words = catalogue_for(state.config.language)
        self.prefix = path_prefix(state.config)
        """``""`` for the default language's pages, ``fr/`` for the French ones."""
        self.files = files
        """The site's other files by path: a French page links a file's French twin where there is one."""
        self.env = environment(self.words.language)
        self._rows: dict[tuple[int, str], tuple[Incident, Markup]] = {}
        """Each row made (:meth:`row`), by its incident's identity and link, with the incident (kept alive with it)."""

    def target(self, to_url: str) -> str:
        """Where a link to ``to_url`` (a path in the default language) goes from a page in this language."""
        if not self.prefix or to_url.startswith(self.prefix):
            return to_url
        page = to_url.endswith("/") or not to_url
        return self.prefix + to_url if page or self.prefix + to_url in self.files else to_url

    def render(self, template: str, url: str, **context: object) -> str:
        zone, now, words = self.zone, self.now, self.words
        tight = keep_together if self.prefix else str
        here = self.prefix + url
        link = lambda target: relative_url(here, self.target(target))  # noqa: E731
        when = lambda moment: tight(words.when(moment, zone, now))  # noqa: E731
        return self.env.get_template(template).render(
            site=self.site,
            config=self.site.config,
            state=self.state,
            now=now,
            url=link,
            names=lambda items, kind: linked_names(items, kind, link),
            row=lambda incident: self.row(incident, link),
            status=lambda value, text=None: status_badge(value, text or words.component_labels[value]),
            incident_status=lambda incident: status_badge(shown_status(incident), words.status(incident.status)),
            outlook=lambda incident: outlook(incident, words, when, now, self.site.config.max_update_gap),
            clock=lambda moment: tight(words.clock(moment, zone)),
            day=lambda moment: words.day(moment, zone),
            when=when,
            iso=display.iso,
            time=time_element,
            overdue=lambda incident: overdue_reason(incident, now, self.site.config.max_update_gap),
            estimate=lambda incident: live_estimate(incident, now),
            passed_estimate=lambda incident: passed_estimate(incident, now),
            due_passed=lambda incident: overdue_next_update(incident, now),
            issue=self.state.publication.of,
            changes=lambda incident, update: [change_words(c, zone, words) for c in changes(incident, update)],
            withdrawn=lambda incident: self.state.publication.withdrawn_from(incident.id),
            lasted=lambda incident: lasted(incident, now, words),
            bar=uptime_bar,
            month_name=lambda moment: month_name(moment, zone, words),
            between=lambda start, end: tight(words.duration_between(start, end)),
            seen=self.seen,
            set_label=self.set_label,
            set_title=self.set_title,
            words_per_minute=self.words_per_minute,
            code_end=Markup("<code>###</code>"),
            **context,
        )

    def row(self, incident: Incident, link: Callable[[str], str]) -> Markup:
        """:func:`incident_row`, made once for each incident and link to its page: the fifty rows under each service
        and area are most of a build's listing, and an incident is listed under each service and area it touched,
        from pages at one depth (the same link), with the same words."""
        key = (id(incident), link(f"incidents/{incident.id}/"))
        made = self._rows.get(key)
        if made is None:
            made = self._rows[key] = (incident, incident_row(incident, link, self.words, self.zone, self.now))
        return made[1]

    def seen(self, item: BulletinSet | WithdrawalSet):
        """A bulletin set's (or a withdrawal's) copy in the page's language: its French one on a French page."""
        return item.french if self.prefix and item.french is not None else item

    def set_title(self, item: BulletinSet) -> str:
        """The incident's title as a bulletin set's page names it: in French, marked where the files give it only in
        English (as the French communiqué prints it)."""
        return item.french.printed.title if self.prefix and item.french is not None else item.incident.title

    def set_label(self, item: BulletinSet) -> str:
        """``Correction: Identified`` / ``Correction : Cause trouvée``: how lists of bulletins name a set."""
        if not self.prefix:
            return item.label
        label = self.words.status(item.update.status)
        return self.say("Correction: {label}", label=label) if item.issue.is_correction else label

    @property
    def words_per_minute(self) -> int:
        """The radio copy's speaking rate in the page's language, as its bulletins are timed."""
        settings = self.site.config.bulletins
        if not self.prefix:
            return settings.words_per_minute
        return dict(settings.rates).get(self.words.language) or FRENCH_WORDS_PER_MINUTE

    def say(self, english: str, **values: object) -> str:
        """A phrase in the pages' language, as plain text (a title or a description)."""
        return self.words.phrase(english).format(**values)

    def page(
        self, src_uri: str, url: str, title: str, template: str, description: str = "", feeds=(), **context
    ) -> Page:
        body = self.render(template, url, **context)
        return Page(self.prefix + src_uri, self.prefix + url, title, body, description, tuple(feeds))


def month_name(moment, zone, words: Catalogue) -> str:
    """``May 2026`` / ``mai 2026``."""
    local = moment.astimezone(zone)
    if words.language == "fr":
        return f"{french_months[local.month - 1]} {local.year}"
    return f"{local:%B %Y}"


def change_words(change: Change, zone, words: Catalogue | None = None) -> str:
    """What an update changed, as the incident page says it: "Cause found", "Lauderdale added"…"""
    words = words or catalogue_for("en")
    tight = keep_together if words.language == "fr" else str

    def clock(moment) -> str:
        return tight(words.clock(moment, zone))

    def say(english: str, **values: object) -> str:
        return words.phrase(english).format(**values)

    def number(count: int) -> str:
        return f"{count:,}".replace(",", NBSP if words.language == "fr" else ",")

    match change.fact, change.how:
        case "cause", "found":
            return say("Cause found: {cause}", cause=change.after)
        case "cause", _:
            return say("Cause updated: {cause}", cause=change.after)
        case (("area" | "service"), "added"):
            return say("{name} added", name=change.after.name)
        case (("area" | "service"), _):
            return say("{name} no longer affected", name=change.before.name)
        case "restore_eta", "set":
            return say("Estimate: {time}", time=clock(change.after))
        case "restore_eta", "moved":
            return say(
                "Estimate moved from {before} to {after}", before=clock(change.before), after=clock(change.after)
            )
        case "restore_eta", _:
            return say("Estimate withdrawn")
        case "customers", _:
            if change.before is None:
                return say("Customers affected: {count}", count=number(change.after))
            return say(
                "Customers affected: {before} → {after}", before=number(change.before), after=number(change.after)
            )
        case "impact", how:
            return say(f"Impact {how} to {change.after}")
        case _:
            window = change.after
            return say(
                "Rescheduled: {day}, {start} to {end}",
                day=words.day(window.start, zone),
                start=clock(window.start),
                end=clock(window.end),
            )


def lasted(incident: Incident, now, words: Catalogue | None = None) -> str:
    """How long an incident lasted (or has lasted so far), or a maintenance's planned window, in words."""
    words = words or catalogue_for("en")
    tight = keep_together if words.language == "fr" else str
    if incident.is_maintenance:
        window = incident.window
        if window is None or incident.status is Status.CANCELLED:
            return ""
        return words.phrase("{duration} window").format(
            duration=tight(words.duration_between(window.start, window.end))
        )
    if incident.is_open:
        return words.phrase("{duration} so far").format(duration=tight(words.duration_between(incident.began_at, now)))
    return tight(words.duration_between(incident.began_at, incident.latest.at))


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
        rows.append(AreaRow(area, status_groups(services), area.incidents, planned))
    rank = {status: index for index, status in enumerate(reversed(COMPONENT_STATUSES))}
    return sorted(rows, key=lambda row: rank[row.area.status])


def status_groups(services: Iterable[ComponentState]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(status, service names) from the worst status to operational, for each status any of ``services`` (one
    area's) is in: the "is it me?" answer of the front page and of the area's page."""
    by_status: dict[str, list[str]] = defaultdict(list)
    for service in services:
        by_status[service.status].append(service.name)
    return tuple((status, tuple(by_status[status])) for status in reversed(COMPONENT_STATUSES) if status in by_status)


def incident_url(incident: Incident) -> str:
    return f"incidents/{incident.id}/"


def month_key(incident: Incident, site: Site) -> str:
    """``2026/05``: the archive month of an incident, by its start in the site's zone."""
    start = incident.updates[0].at.astimezone(site.config.timezone)
    # As strftime("%Y/%m") gives it, formatted: strftime was 0.05 s of every build at 10,000 incidents.
    return f"{start.year}/{start.month:02d}"


def incident_page_key(fingerprint: str, state: Snapshot, incident: Incident, bulletins: Sequence[BulletinSet]) -> str:
    """The cache key of an incident page's body: every input it is rendered from (see ``cache.py``). A build makes
    them all at once (:func:`incident_page_keys`, the same keys); this is what they are tested against.

    The incident as of now: its id (its file's name) and its file's bytes (with ``status.yml``,
    in ``fingerprint``, everything it is made from) and how many of its updates exist yet;
    and what "now" changes on the page: today's date and year (``when``), the estimate,
    overdue and duration words of an open incident. Hashing the file is much cheaper than
    writing out the whole incident, which was most of a rebuild's keys; an incident not read
    from a file (no digest) is keyed by its repr, every field and every update.
    """
    now, zone, config = state.now, state.config.timezone, state.config
    said_now = _said_now(incident, now, now.astimezone(zone).date(), config.max_update_gap)
    made_of, ledger, sets = _made_of(incident, state.publication, bulletins)
    return cache_key(
        fingerprint,
        "incident.html",
        config.language,  # the same incident's page in each language is its own entry
        made_of,
        repr(said_now),
        ledger,
        sets,
        str(KEEP_DAYS),
    )


def _made_of(incident: Incident, publication: Publication, bulletins: Sequence[BulletinSet]) -> tuple[str, str, str]:
    """The parts of an incident page's key that are not "now": the incident (its id, its file's name, which is
    not in its bytes: two files alike are two pages; its file's bytes; how many of its updates exist yet), what
    the ledger says of it, and its bulletin sets."""
    made_of = (
        f"{incident.id} {incident.source_digest} {len(incident.updates)}" if incident.source_digest else repr(incident)
    )
    # An update the ledger does not name is a first issue under its own id, which the file's bytes
    # already key: only the ledger's own entries are spelt out (repr of 70,000 defaults cost ~0.2 s).
    issued = publication.issues
    ledger = (
        [issued.get((incident.id, update.id)) for update in incident.updates] if issued else None,
        publication.withdrawn_from(incident.id),
    )
    sets = [(item.path, item.update.at, item.label) for item in bulletins]
    return made_of, repr(ledger), repr(sets)


def _said_now(incident: Incident, now: datetime, today, gap) -> tuple:
    """What "now" changes on an incident's page (``today``: now's date in the site's zone; ``gap``: status.yml's
    longest gap between updates): the date, the estimate, overdue and duration words.

    How long an incident that is over lasted is its file's to say (its start and last update, or its
    window), which the key holds already: only an open one's changes with now."""
    return (
        today,
        live_estimate(incident, now),
        passed_estimate(incident, now),
        overdue_next_update(incident, now),
        overdue_reason(incident, now, gap),
        shown_status(incident),
        lasted(incident, now) if incident.is_open else "",
        display.duration_between(incident.began_at, now) if incident.is_open else "",
    )


def incident_page_keys(
    fingerprint: str, state: Snapshot, published_for: Mapping[str, Sequence[BulletinSet]]
) -> dict[str, str]:
    """:func:`incident_page_key` of every incident of ``state``, by id (``published_for``: each one's bulletin sets).

    The same keys, made 10,000 at a time: what is the same for every incident (today's date, the key's
    first and last parts) is made once, and an incident that is over is not asked what only an open one
    can say (its estimate, whether it is overdue: none; its badge: operational; how long it lasted: its
    file's to say), so what now says of all of them is written out once. A test compares the keys with
    :func:`incident_page_key`'s over histories open and closed, at many moments.
    """
    now, config = state.now, state.config
    today = now.astimezone(config.timezone).date()
    head, tail = f"{fingerprint}\0incident.html\0{config.language}\0", f"\0{KEEP_DAYS}"
    over = repr((today, None, None, None, None, "operational", "", ""))  # what now says of any incident that is over
    keys = {}
    for incident in state.newest_first:
        said_now = repr(_said_now(incident, now, today, config.max_update_gap)) if incident.is_open else over
        made_of, ledger, sets = _made_of(incident, state.publication, published_for[incident.id])
        text = f"{head}{made_of}\0{said_now}\0{ledger}\0{sets}{tail}"  # as cache_key joins the parts
        keys[incident.id] = hashlib.sha256(text.encode("utf-8", errors="surrogatepass")).hexdigest()
    return keys


def month_pages(
    r: _Renderer,
    key: str,
    title: str,
    items: list[Incident],
    kept: Callable[[str, list[Incident], Callable[[], str]], str] | None = None,
) -> list[Page]:
    """One month of the archive, ``MONTH_PAGE_SIZE`` incidents a page, newest first: page 1 at
    ``history/<key>/``, the rest at ``history/<key>/page/<n>/``, linked to each other.

    ``kept(place, incidents, render)`` gives a page's body from the build cache: a month page is made of its
    incidents' rows, so its key is their pages' keys (which hold all they say now) and its place.
    """
    chunks = [items[start : start + MONTH_PAGE_SIZE] for start in range(0, len(items), MONTH_PAGE_SIZE)]
    urls = [f"history/{key}/"] + [f"history/{key}/page/{n}/" for n in range(2, len(chunks) + 1)]
    pages = []
    for number, (chunk, url) in enumerate(zip(chunks, urls, strict=True), start=1):
        src_uri = f"history/{key}.md" if number == 1 else f"history/{key}/page/{number}.md"
        named = (
            title
            if number == 1
            else r.say("{title}, page {number} of {count}", title=title, number=number, count=len(chunks))
        )

        def body(chunk: list[Incident] = chunk, url: str = url, number: int = number) -> str:
            return r.render("month.html", url, incidents=chunk, month=key, number=number, page_urls=urls)

        made = body() if kept is None else kept(f"{src_uri} {number} {len(chunks)}", chunk, body)
        pages.append(Page(r.prefix + src_uri, r.prefix + url, named, made))
    return pages


def site_pages(state: Snapshot, *args, **kwargs) -> list[Page]:
    """Every generated page of the site, in a stable order: :func:`site_page_parts`' parts (same arguments), joined."""
    return [page for part in site_page_parts(state, *args, **kwargs) for page in part]


def site_page_parts(
    state: Snapshot,
    bulletins: Sequence[BulletinSet] = (),
    withdrawals: Sequence[WithdrawalSet] = (),
    cache: BuildCache | None = None,
    fingerprint: str = "",
    files: Iterable[str] = (),
    fork: bool = False,
    newsroom: Callable[[], list[list[Page]]] | None = None,
) -> Iterator[list[Page]]:
    """Every generated page of the site, in a stable order, in parts each made when it is asked for: the default
    language's pages but the newsroom's, the newsroom's, then the same two parts in each other language of
    ``status.yml``, under its folder (``fr/``), each from the snapshot as seen in that language; ``bulletins``
    are the published bulletin sets, ``files`` the site's other files, so a page in French links a file's
    French twin (``fr/feeds/atom.xml``) where there is one.

    The plugin hands a part's pages to MkDocs before asking for the next: the newsroom's pages, made
    apart, are waited for only once the 10,000 before them are handed over.

    With a ``cache``, incident pages whose inputs (keyed with ``fingerprint``: the tool and the
    repository's settings) have not changed are taken from it instead of rendered. With
    ``fork``, the others are rendered in two processes (the same bytes). ``newsroom``, if given,
    gives :func:`newsroom_pages` (made apart, by the plugin's second process) instead of rendering them.
    """
    records = uptime(state)  # once: the front, service and area pages read it, in every language
    newsrooms: list[list[Page]] = []

    def newsroom_in(number: int) -> list[Page]:  # the newsroom's pages in the site's language number ``number``
        if not newsrooms:  # all at once, when the first are wanted (made apart, they are waited for then)
            newsrooms.extend(newsroom() if newsroom else newsroom_pages(state, bulletins, withdrawals, files))
        return newsrooms[number]

    yield _pages(_Renderer(state), records, bulletins, cache, fingerprint, fork)
    yield newsroom_in(0)
    if len(state.config.languages) > 1:
        # Read here, before any page in another language is rendered (and before a fork renders some of
        # them): the plugin makes the files in a second process while the default language's pages render.
        known = frozenset(files)
        for number, language in enumerate(state.config.languages[1:], start=1):
            seen = _Renderer(marked_snapshot(snapshot_in(state, language)), known)
            yield _pages(seen, records, bulletins, cache, fingerprint, fork)
            yield newsroom_in(number)


def newsroom_pages(
    state: Snapshot,
    bulletins: Sequence[BulletinSet] = (),
    withdrawals: Sequence[WithdrawalSet] = (),
    files: Iterable[str] = (),
) -> list[list[Page]]:
    """The newsroom's pages in each language of the site, in :func:`site_pages`' order: the bulletins' index,
    each published set's page and each withdrawal's (``files``: the site's other files, as there).

    Made of the snapshot, the sets and the files alone: the plugin's second process makes them with the files.
    """
    made = [_newsroom_pages(_Renderer(state), bulletins, withdrawals)]
    if len(state.config.languages) > 1:
        known = frozenset(files)
        for language in state.config.languages[1:]:
            seen = _Renderer(marked_snapshot(snapshot_in(state, language)), known)
            made.append(_newsroom_pages(seen, bulletins, withdrawals))
    return made


def _pages(
    r: _Renderer,
    records,
    bulletins: Sequence[BulletinSet],
    cache: BuildCache | None,
    fingerprint: str,
    fork: bool = False,
) -> list[Page]:
    """Every generated page in the renderer's language but the newsroom's (:func:`newsroom_pages`)."""
    state = r.state
    published: dict[str, list[BulletinSet]] = defaultdict(list)
    for item in bulletins:
        published[item.incident.id].append(item)
    published_for = {incident.id: published.get(incident.id, []) for incident in state.newest_first}
    keys = {} if cache is None else incident_page_keys(fingerprint, state, published_for)
    bodies = [  # (incident, its cache key, how to render its body)
        (incident, keys.get(incident.id, ""), _incident_body(r, incident, published_for[incident.id]))
        for incident in state.newest_first
    ]
    # The bodies not in the cache are most of a cold build's pages: with ``fork``, a second process
    # starts on half of them now, while this one makes the pages before them (see ``parallel.py``).
    # A rebuild renders a few (open incidents' pages change with the time): not worth a fork.
    todo = [body for _, key, body in bodies if cache is None or not cache.has(key)]
    rendering = Split(todo, fork and len(todo) >= RENDER_APART_FROM)
    try:
        pages = _listing_pages(r, records, keys, cache, fingerprint)
        made = iter(rendering.results())
    finally:
        rendering.close()
    for incident, key, _ in bodies:
        kept = next(made) if cache is None else cache.get(key, lambda: next(made))
        pages.append(_incident_page(r, incident, kept, key))
    return pages


def _newsroom_pages(r: _Renderer, bulletins: Sequence[BulletinSet], withdrawals: Sequence[WithdrawalSet]) -> list[Page]:
    """The bulletins' index, each set's page and each withdrawal's, in the renderer's language."""
    config = r.state.site.config
    pages = []
    pages.append(
        r.page(
            "bulletins/index.md",
            "bulletins/",
            r.say("Bulletins for newsrooms"),
            "newsroom.html",
            description=r.say("Radio scripts, press releases and CAP alerts about {name} outages.", name=config.name),
            sets=list(bulletins),
            current=current_sets(list(bulletins)),
            keep_days=KEEP_DAYS,
        )
    )
    for item in bulletins:
        title = r.set_title(item)
        clock = r.words.clock(item.update.at, config.timezone)
        pages.append(
            r.page(
                f"{item.path}index.md",
                item.path,
                r.say("Bulletin: {title} ({clock} update)", title=title, clock=clock),
                "bulletin.html",
                set=item,
            )
        )
    for item in withdrawals:
        pages.append(
            r.page(
                f"{item.path}index.md",
                item.path,
                r.say(
                    "Withdrawn: {title}",
                    title=r.seen(item).title if r.seen(item) is not item else item.withdrawal.title,
                ),
                "withdrawal.html",
                set=item,
            )
        )
    return pages


def _listing_pages(
    r: _Renderer, records, keys: dict[str, str], cache: BuildCache | None, fingerprint: str
) -> list[Page]:
    """The pages that list incidents: front, areas, maintenance, history, each month, each service and area."""
    state = r.state
    site = state.site
    config = site.config
    newest_first = state.newest_first
    months: dict[str, list[Incident]] = defaultdict(list)
    for incident in newest_first:
        months[month_key(incident, site)].append(incident)

    pages = [
        r.page(
            "index.md",
            "",
            r.say("{name} status", name=config.name),
            "front.html",
            description=r.say(
                "Current status of {name}'s services, outages and planned maintenance.", name=config.name
            ),
            recent=state.recent,
            rows=area_rows(state),
            records=records.services,
        ),
        r.page(
            "areas/index.md",
            "areas/",
            r.say("Areas"),
            "areas.html",
            description=r.say("Every area {name} serves, A to Z, with its status now.", name=config.name),
            areas=sorted(zip(config.areas, state.areas, strict=True), key=lambda pair: pair[0].name.casefold()),
        ),
        r.page(
            "maintenance/index.md",
            "maintenance/",
            r.say("Planned maintenance"),
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
            r.say("Incident history"),
            "history.html",
            months=[(key, len(items)) for key, items in sorted(months.items(), reverse=True)],
        ),
    ]
    kept = None
    if cache is not None:

        def kept(place: str, chunk: list[Incident], render: Callable[[], str]) -> str:
            rows = [keys[i.id] for i in chunk]
            return cache.get(cache_key(fingerprint, "month.html", config.language, place, *rows), render, kind="month")

    for key, items in sorted(months.items(), reverse=True):
        first = items[-1].updates[0].at
        pages += month_pages(r, key, month_name(first, config.timezone, r.words).capitalize(), items, kept)
    for kind, items, affected, kept in (
        ("services", config.services, lambda i: i.services, records.services),
        ("areas", config.areas, lambda i: i.areas, records.areas),
    ):
        states = {s.id: s for s in (r.state.services if kind == "services" else r.state.areas)}
        where = dict(zip((a.id for a in config.areas), state.area_services, strict=True))
        # Each incident under each id it names, newest first, in one pass: asking every incident
        # of a long history about every service and area (comparing whole objects) took seconds.
        histories: dict[str, list[Incident]] = defaultdict(list)
        for incident in newest_first:
            for named in dict.fromkeys(x.id for x in affected(incident)):
                histories[named].append(incident)
        for item in items:
            history = histories.get(item.id, [])
            pages.append(
                r.page(
                    f"{kind}/{item.id}.md",
                    f"{kind}/{item.id}/",
                    item.name,
                    "component.html",
                    description=(
                        r.say(
                            "{name} in {area}: what works now, planned work, uptime and history.",
                            name=config.name,
                            area=item.name,
                        )
                        if kind == "areas"
                        else r.say(
                            "{name} {service}: status now, planned work, uptime and history.",
                            name=config.name,
                            service=item.name,
                        )
                    ),
                    feeds=_feeds(r, kind, item.id, item.name),
                    kind=kind,
                    item=item,
                    component=states[item.id],
                    groups=status_groups(where.get(item.id, ())) if kind == "areas" else (),
                    planned=[i for i in state.upcoming if item in affected(i)],
                    record=kept[item.id],
                    history=history[:HISTORY_LIMIT],
                    total=len(history),
                )
            )
    return pages


def incident_pages(state: Snapshot, bulletins: Sequence[BulletinSet], incidents: Iterable[Incident]) -> list[Page]:
    """The pages of ``incidents`` alone, in the default language, as :func:`site_pages` makes them.

    An incident's page is made of the incident, its bulletins and "now" only (its cache key says so):
    ``outage serve`` shows the edited incident's page with this while the whole site builds.
    """
    r = _Renderer(state)
    return [
        _incident_page(
            r, incident, _incident_body(r, incident, [b for b in bulletins if b.incident.id == incident.id])()
        )
        for incident in incidents
    ]


def _incident_body(r: _Renderer, incident: Incident, sets: list[BulletinSet]) -> Callable[[], str]:
    """How to render an incident page's body (called only if the build cache does not have it)."""
    url = incident_url(incident)
    return lambda: r.render("incident.html", url, incident=incident, bulletins=sets, keep_days=KEEP_DAYS)


def _incident_page(r: _Renderer, incident: Incident, body: str, key: str = "") -> Page:
    description = display.plain(incident.latest.message)[:200]
    return Page(
        f"{r.prefix}incidents/{incident.id}.md",
        r.prefix + incident_url(incident),
        incident.title,
        body,
        description,
        body_key=key,
    )


def _feeds(r: _Renderer, kind: str, item_id: str, name: str) -> tuple[tuple[str, str], ...]:
    """A service's or area's feed for its page's head: the feed in the page's language where there is one."""
    return tuple(
        (r.say("{name} updates (Atom)", name=name), r.target(url)) for _title, url in feed_links(kind, item_id, name)
    )


def lite_page(state: Snapshot) -> str:
    """``/lite/``: the current status as one small HTML file with no CSS or script files."""
    r = _Renderer(state)
    return r.render("lite.html", "lite/", rows=area_rows(state), versions=lite_versions(r))


def lite_versions(r: _Renderer) -> list[tuple[str, str, str, str]]:
    """(language, absolute address, relative link, name) of the lite page in each language; none on a one-language site."""
    config = r.state.config
    if len(config.languages) < 2:
        return []
    versions = []
    for language in config.languages:
        path = ("" if language == config.default_language else f"{language}/") + "lite/"
        link = relative_url(r.prefix + "lite/", path)
        versions.append((language, f"{config.site_url}{path}" if config.site_url else link, link, NAMES[language]))
    return versions


def status_text(state: Snapshot) -> str:
    """``/status.txt``: the current status as plain text (``fr/status.txt`` in French, its links to French pages)."""
    folder = "" if state.config.language == state.config.languages[0] else f"{state.config.language}/"
    r = _Renderer(state)

    def plain_say(english: str, **values: object) -> str:  # text, not HTML: nothing to escape
        return r.words.phrase(english).format(**values)

    return r.render("status.txt", f"{folder}status.txt", folder=folder, say=plain_say)
