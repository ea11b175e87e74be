"""The MkDocs plugin (entry point ``outage``): the only module that imports MkDocs.

It stays thin: load and check the data once, compute the snapshot of "now"
once, add the generated pages and files, and watch the data while serving.
What the pages say comes from ``pages.py``; this module only hands it to MkDocs.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import logging
import os
from datetime import UTC, datetime
from pathlib import Path, PurePath
from typing import NamedTuple

import mkdocs
from jinja2 import ChoiceLoader, DictLoader, FileSystemLoader, TemplateError
from markupsafe import Markup
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import Abort, PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page as MkDocsPage
from mkdocs.structure.toc import get_toc
from mkdocs.utils import get_build_date, get_build_timestamp, is_markdown_file, normalize_url

from ..bulletins import published_sets, withdrawal_sets
from ..bulletins.templates import TEMPLATE_DIR, bulletin_templates
from ..incidents.load import CONFIG_FILE, INCIDENTS_DIR, load_site
from ..incidents.model import Site
from ..incidents.problems import InvalidSite
from ..incidents.times import TimeError, parse_time
from ..state.ledger import NO_LEDGER, Publication
from ..state.now import snapshot
from . import brand, languages
from .cache import BuildCache, KeptApart, repository_fingerprint
from .compiled import kept_templates
from .direct import Placed, place
from .kept_bulletins import keep_bulletin_texts
from .outputs import static_outputs
from .pages import Page, newsroom_pages, site_page_parts
from .parallel import Forked, can_fork
from .records import PlacedRecords
from .shells import (
    CANONICAL,
    DESCRIPTION,
    FEED_TITLE,
    FEED_URL,
    PATH,
    TITLE,
    ProvenShells,
    Shell,
    ShellKey,
    marker_content,
    shell_key,
)
from .theme_files import ThemeLoader
from .writer import OutputError, Publisher, check_relative_path, clear_folders, unpack_spare

log = logging.getLogger("mkdocs.plugins.outage")

WRITE_APART_FROM = 200
"""With this many placed pages or more, a child process writes part of them (when it is safe to fork)."""
WRITTEN_HERE = 0.65
"""The share of the placed pages the build's own process writes when a child writes the others and the sitemap
(rendering and packing the sitemap of 10,000 pages takes as long as linking some 3,000 of them: timed so)."""

FILLED_TEMPLATE = "outage-filled.html"
"""The template of pages that fill a prepared shell: it prints the page the plugin filled."""


class OutageConfig(base.Config):
    root = c.Type(str, default="..")
    """The status repository (status.yml and incidents/), relative to mkdocs.yml's folder."""
    now = c.Optional(c.Type(str))
    """Build as of this time instead of the clock, e.g. "2026-05-12 09:00" (also: OUTAGE_NOW)."""


class OutagePlugin(BasePlugin[OutageConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.site: Site | None = None
        """Set by ``outage build``, which has loaded and checked the data already."""
        self.now: datetime | None = None
        self.publication: Publication = NO_LEDGER
        """Set by ``outage build --ledger``: identities, corrections and withdrawals; a preview has none."""
        self.root = Path()
        self.bodies: dict[str, str] = {}
        """Generated pages' HTML by source path: they skip MkDocs' Markdown step."""
        self.images: dict[str, tuple[str, bytes]] = {}
        """status.yml's logo and favicon: (path in the site, content), by setting."""
        self.shells = True
        """Fill prepared theme shells for generated pages (see ``shells.py``); False: every page through the theme."""
        self._shells: dict[ShellKey, Shell | None] = {}
        self._publisher: Publisher | None = None
        """Writes the generated files (made in ``on_files``, for the build's site folder)."""
        self._placed: dict[str, tuple[str | None, str | None, str]] = {}
        """Each page given to :meth:`_filled`: its canonical address, address in every language, and language."""
        self._env = None
        self._menu: set[str] = set()
        self._words: dict[str, dict[str, object]] = {}
        """The header's and footer's words by language, on a site in several (see ``languages.py``)."""
        self._urls: set[str] = set()
        """Every page's address (``incidents/<id>/``, ``fr/incidents/<id>/``): which pages have a counterpart."""
        self._quiet = _FilledPagesNotSkipped()
        self.previous: Path | None = None
        """The live site, made by a build: generated files with the same bytes are hard-linked from it."""
        self.cache: BuildCache | None = None
        """Incident pages' bodies by the hash of their inputs (see ``cache.py``); ``None``: render every one."""
        self.records: PlacedRecords | None = None
        """What the previous site's placed pages were made of (see ``records.py``), given this build's."""
        self.fork = False
        """Use a second process for part of the work where that is safe (``outage build``; see ``parallel.py``)."""
        self.direct = True
        """Write filled pages after the first of their kind without MkDocs' steps for each (see ``direct.py``)."""
        self._placed_pages: list[Placed] = []
        """The pages to write when the build's pages are done, filled from the shells MkDocs proved."""
        self._documents: list[File | Placed] = []
        """The generated pages in the order MkDocs' sitemap lists them, placed ones among them."""
        self._files: Files | None = None

    def on_config(self, config):
        self.root = (Path(config.config_file_path).parent / self.config.root).resolve()
        if self.site is None:
            try:
                self.site = load_site(self.root)
            except InvalidSite as exc:
                raise PluginError("the incident files have problems:\n" + str(exc)) from None
        if self.now is None:
            self.now = self._configured_now()
        # MkDocs dates its sitemap from SOURCE_DATE_EPOCH: the build's one "now" makes it reproducible.
        os.environ["SOURCE_DATE_EPOCH"] = str(int(self.now.timestamp()))
        settings = self.site.config
        config.site_name = f"{settings.name} status"
        config.site_url = settings.site_url
        config.theme["language"] = settings.language
        self.images = {}
        for setting in ("logo", "favicon"):
            source = getattr(settings, setting)
            if source:  # checked by the loader: inside the repository, an image, small, an SVG that runs nothing
                self.images[setting] = (brand.site_path(setting, source), (self.root / source).read_bytes())
        if "favicon" in self.images:
            config.theme["favicon"] = self.images["favicon"][0]
        _listed_without_hidden(config.theme)
        logo = brand.logo(settings.logo, self.images["logo"][1]) if "logo" in self.images else None
        config.extra["outage"] = {
            "name": settings.name,
            "phone": settings.contact.phone,
            "email": settings.contact.email,
            "logo": logo and {"src": logo.src, "width": logo.width, "height": logo.height},
        }
        return config

    @property
    def _languages(self) -> tuple[str, ...]:
        assert self.site is not None
        return tuple(self.site.config.languages)

    def _configured_now(self) -> datetime:
        assert self.site is not None
        text = self.config.now or os.environ.get("OUTAGE_NOW")
        if not text:
            return datetime.now(UTC).astimezone(self.site.config.timezone)
        try:
            return parse_time(text, self.site.config.timezone)
        except TimeError as exc:
            raise PluginError(f"now: expected {exc}; found {text!r}") from None

    def on_files(self, files: Files, config) -> Files:
        assert self.site is not None and self.now is not None
        unpack_spare(config.site_dir)  # the last site's folders, now that MkDocs has cleaned the new one
        taken = {f.dest_uri: f"{config.docs_dir}/{f.src_uri}" for f in files}
        # Pages named in mkdocs.yml's nav are marked in the menu, have its titles and previous/next
        # links: they go through the theme whole, whatever their kind.
        self._menu = set(_nav_paths(config.nav))
        for file in [f for f in files if f.src_uri.split("/", 1)[0] in languages.OTHER_LANGUAGES]:
            if file.src_uri.split("/", 1)[0] not in self._languages:
                files.remove(file)  # docs/fr/help.md is the French site's: a site without French has none
        self._shells, self._placed = {}, {}
        self._placed_pages, self._documents = [], []
        placed_files: dict[str, Placed] = {}
        mkdocs_files = files
        files = self._files = _SiteFiles(files, placed_files, config)
        add = self._adding(files, placed_files, taken, config)
        try:
            state = snapshot(self.site, self.now, self.publication)  # once: every page and file reads it
            bulletins = published_sets(bulletin_templates(self.root), state)
            withdrawals = withdrawal_sets(state)
            fingerprint = repository_fingerprint(self.root) if self.cache is not None else ""
            fork = self.fork and can_fork()
            if self.cache is not None:
                keep_bulletin_texts(self.cache, fingerprint, bulletins, fork)
            # The files that are not pages (feeds, API, calendar, bulletins) are made, and written, in a
            # second process while this one makes the pages: their bytes are the same either way.
            self._publisher = Publisher(Path(config.site_dir), self.previous, self.records)
            parent = os.getpid()
            # The service and area feeds and the calendars' events, kept in the build cache (made in the child).
            cache = self.cache
            kept_apart = [] if cache is None else [KeptApart(cache, fingerprint, kind) for kind in ("feeds", "events")]
            feeds, events = kept_apart or (None, None)

            def apart() -> tuple[dict[str, bytes | None], list[dict[str, str]], list[list[Page]]]:
                outputs = static_outputs(state, bulletins, withdrawals, feeds, events)
                written = self._written(config, outputs, again=fork and os.getpid() == parent)
                # The newsroom's pages too: made of the sets and the files alone, they even the two processes' work.
                newsroom = newsroom_pages(state, bulletins, withdrawals, outputs)
                return written, [kept.taken for kept in kept_apart], newsroom

            files_later = Forked(apart, fork)
            try:
                done_apart = _Once(files_later.result)
                # The pages in another language link the files in it: they read the files' paths once made.
                made = _Once(lambda: _kept(done_apart(), kept_apart))
                parts = site_page_parts(
                    state, bulletins, withdrawals, self.cache, fingerprint, made, fork, lambda: done_apart()[2]
                )
                if len(self._languages) > 1:
                    # Every page's address, before any is placed: whether a page is in every language is known
                    # up front. (In one language, that is never asked.)
                    parts = iter([[page for part in parts for page in part]])
                self.bodies, self._quiet.pages = {}, set()
                logging.getLogger("mkdocs.commands.build").addFilter(self._quiet)
                self._urls = {languages.address(f.url) for f in mkdocs_files if f.is_documentation_page()}
                # Each part's pages are handed to MkDocs (or placed) while the second process may still make the
                # files and the newsroom's pages: placing 10,000 pages is a fifth of a second, which the newsroom's
                # pages, and the files before them, were waited for before.
                for pages in parts:
                    self.bodies |= {p.src_uri: p.body for p in pages}
                    filling = [self._fills(p) for p in pages]
                    self._quiet.pages |= {p.src_uri for p, fills in zip(pages, filling, strict=True) if fills}
                    self._urls |= {languages.address(p.url) for p in pages}
                    for page, fills in zip(pages, filling, strict=True):
                        if fills:
                            add(page.src_uri, "", page)
                        else:
                            add(page.src_uri, _front_matter(page), None)
                outputs = made()
            finally:
                files_later.close()
        except TemplateError as exc:
            where = f"{TEMPLATE_DIR}/{exc.name}:{exc.lineno}" if getattr(exc, "lineno", None) else str(TEMPLATE_DIR)
            raise PluginError(f"bulletin template {where}: {exc.message}") from None
        for path, data in [*sorted(outputs.items()), *sorted(self.images.values())]:
            add(path, data, None)
        # As MkDocs has them (a page it names its own way too): the pages through MkDocs link the placed ones.
        self._urls = {languages.address(f.url) for f in files if f.is_documentation_page()}
        self._urls |= {languages.address(placed.url) for placed in self._placed_pages}
        self._words = languages.header_words(self.site) if len(self._languages) > 1 else {}
        clear_folders(config.site_dir, [f.dest_uri for f in files if f.inclusion.is_included()])  # MkDocs' own
        return files

    def _adding(self, files: _SiteFiles, placed_files: dict[str, Placed], taken: dict[str, str], config):
        """How each generated page or file is given to MkDocs: ``add(src_uri, content, source)``, in the order
        the sitemap lists them; ``source``, a page that fills its kind's shell (``None``: a page MkDocs reads
        from ``content``, or a file, written into the site here, or already where it was made if ``content``
        is ``None``, and found when asked for). The first page of each shell key goes through MkDocs to prove
        its shell; the others of that key are placed (``direct.py``). ``taken``: who claimed each place in
        the site, so that no two outputs claim one.
        """
        proving: set[ShellKey] = set()  # the keys whose first page goes through MkDocs
        build_date = get_build_date()
        # Read once, not for each of 10,000 pages: a setting of MkDocs' config is a call each time it is read.
        placing = self.direct and config.use_directory_urls  # (placement gives those)
        site_url, site_languages = config.site_url, self._languages

        def claim(dest_uri: str, src_uri: str) -> None:
            if dest_uri in taken:
                raise PluginError(f"{dest_uri} is claimed twice: by {taken[dest_uri]} and the generated {src_uri}")
            taken[dest_uri] = f"the generated {src_uri}"

        def add(src_uri: str, content: str | bytes | None, source: Page | None) -> None:
            try:
                check_relative_path(src_uri)
            except OutputError as exc:
                raise PluginError(str(exc)) from None
            placed = (
                place(source, site_url, site_languages, self._urls, build_date)
                if source is not None and placing
                else None
            )
            if placed is not None and placed.key in proving:
                placed_files[src_uri] = placed  # known to MkDocs when asked for (see _SiteFiles), not built by it
                claim(placed.dest_uri, src_uri)
                self._placed_pages.append(placed)
                self._documents.append(placed)
                return
            if placed is not None:
                proving.add(placed.key)
            if source is None and self.shells and not is_markdown_file(src_uri):
                # A file (not a page) written into the site, here or where it was made (``content`` None: see
                # _written). MkDocs is not handed it to copy onto itself (1,700 files at 10,000 incidents, a tenth
                # of a second of each build): a page of yours that links it finds it when asked for (_SiteFiles).
                dest_uri = _file_dest(src_uri)
                claim(dest_uri, src_uri)
                if content is not None:
                    assert self._publisher is not None
                    self._publisher.publish(dest_uri, content.encode("utf-8") if isinstance(content, str) else content)
                files.written.add(dest_uri)
                return
            file = File.generated(config, src_uri, content=b"" if content is None else content)
            claim(file.dest_uri, src_uri)
            if source is not None:
                _FilledPage(source, file, config)
            if file.is_documentation_page():
                self._documents.append(file)
            files.append(file)

        return add

    def _written(self, config, outputs: dict[str, bytes], again: bool) -> dict[str, bytes | None]:
        """``outputs`` by path, each written into the site that is not a page for MkDocs (then None instead of its bytes).

        ``again``: a child process that was writing them failed, so some may be there already.
        """
        assert self._publisher is not None
        kept: dict[str, bytes | None] = {}
        for src_uri, data in outputs.items():
            try:
                check_relative_path(src_uri)
            except OutputError as exc:
                raise PluginError(str(exc)) from None
            if not self.shells or is_markdown_file(src_uri):
                kept[src_uri] = data  # MkDocs makes it
                continue
            dest_uri = _file_dest(src_uri)
            if again:
                self._publisher.unpublish(dest_uri)
            self._publisher.publish(dest_uri, data.encode("utf-8") if isinstance(data, str) else data)
            kept[src_uri] = None
        return kept

    def _fills(self, page: Page) -> bool:
        """Whether ``page`` fills a shell: not in the menu (the theme marks the current item there)."""
        return self.shells and languages.in_default(page.src_uri, self._languages) not in self._menu

    def on_page_markdown(self, markdown: str, page, config, files) -> str:
        # Generated pages are finished HTML: running Markdown over 10,000 of
        # them costs seconds for nothing. Their links are relative by
        # construction (pages.relative_url) and checked by the tests.
        return "" if page.file.src_uri in self.bodies else markdown

    def on_page_content(self, html: str, page, config, files) -> str:
        return self.bodies.get(page.file.src_uri, html)

    def on_env(self, env, config, files):
        # The theme's templates print titles, names and descriptions as they are given: escape
        # every value by default, and mark only the HTML the build itself made as safe.
        env.autoescape = True
        env.loader = ChoiceLoader([DictLoader({FILLED_TEMPLATE: "{{ outage_filled }}"}), env.loader])
        env.bytecode_cache = kept_templates(env, "theme")  # compiled once, not in every build (see compiled.py)
        self._env = env
        return env

    def on_page_context(self, context, page, config, nav):
        page.content = Markup(page.content or "")
        if len(self._languages) > 1:
            languages.in_language(self.site, page, context, config, nav, self._urls, self._words)
        if isinstance(page, _FilledPage):
            # Written (or linked from the previous site) here: MkDocs writes no page for an empty output.
            data = self._filled(page, context).encode("utf-8", errors="xmlcharrefreplace")
            assert self._publisher is not None
            self._publisher.publish(page.file.dest_uri, data)
            context["outage_filled"] = ""
        return context

    def _filled(self, page: _FilledPage, context) -> str:
        """The page in the theme: its kind's shell filled, or (first of its kind, or a shell that failed) rendered."""
        source = page.source
        language, path = context["config"].theme["language"], context.get(languages.PATH)
        linked, feeds = path is not None, len(source.feeds)
        key = shell_key(source.url, source.description, page.canonical_url, source.body, language, linked, feeds)
        self._placed[page.file.src_uri] = (page.canonical_url, path, language)
        shell = self._shells.get(key, False)
        if shell is not False:
            if shell is None:
                return self._theme(context)
            return shell.fill(source.title, source.description, page.canonical_url, source.body, path, _feeds(page))
        whole = self._theme(context)
        meta, content, canonical = page.meta, page.content, page.canonical_url
        try:
            page.meta = {**meta, "title": TITLE}
            if source.description:
                page.meta["description"] = DESCRIPTION
            if feeds:
                page.meta["feeds"] = [{"title": FEED_TITLE.format(n), "url": FEED_URL.format(n)} for n in range(feeds)]
            page.content = Markup(marker_content(key))
            page.canonical_url = CANONICAL if canonical else canonical
            if path is not None:
                context[languages.PATH] = PATH
            prepared = Shell(self._theme(context), feeds)
        finally:
            page.meta, page.content, page.canonical_url = meta, content, canonical
            if path is not None:
                context[languages.PATH] = path
        same = (
            prepared.complete
            and prepared.fill(source.title, source.description, canonical, source.body, path, _feeds(page)) == whole
        )
        if not same:
            log.debug("the theme's shell for %s pages did not fill to the same page: each goes through it", key)
        self._shells[key] = prepared if same else None
        return whole

    def _theme(self, context) -> str:
        assert self._env is not None
        return self._env.get_template("main.html").render(context)

    def on_post_page(self, output, page, config):
        config.theme["language"] = self._languages[0]  # the next page, the 404 page and the sitemap in the default
        return output

    def on_post_build(self, config) -> None:
        logging.getLogger("mkdocs.commands.build").removeFilter(self._quiet)
        if self._placed_pages:
            self._write_placed(config)

    def _write_placed(self, config) -> None:
        """The placed pages, filled from the shells their kinds' first pages proved; then the sitemap with them."""
        assert self._publisher is not None and self._files is not None and self._env is not None
        if any(self._shells.get(placed.key) is None for placed in self._placed_pages):
            raise _NotProven()
        sitemap = self._sitemap()
        linked = self._sitemap_linked(sitemap)  # the same pages as the live site's: its sitemap, linked
        # Filling and writing (or linking) 10,000 pages is seconds of work, mostly the kernel's: a child
        # process writes part of the pages (and the sitemap, if it is made) while this one writes the others.
        fork = self.fork and can_fork() and len(self._placed_pages) >= WRITE_APART_FROM
        count = len(self._placed_pages)
        here = round(count * (0.5 if linked else WRITTEN_HERE)) if fork else count
        mine, theirs = self._placed_pages[:here], self._placed_pages[here:]
        parent = os.getpid()

        def theirs_and_the_sitemap() -> dict[str, str]:
            made = self._publish_placed(theirs, again=fork and os.getpid() == parent)
            # (written again, whole, if a child that was writing it failed)
            return made if linked else made | self._write_sitemap(config, sitemap)

        written_apart = Forked(theirs_and_the_sitemap, fork)
        try:
            made = self._publish_placed(mine, again=False)
            made |= written_apart.result()
        finally:
            written_apart.close()
        if linked:
            made |= dict.fromkeys(SITEMAP_FILES, sitemap.made_of)
        if self.records is not None:
            self.records.made = made
        for placed in self._placed_pages:
            self._placed[placed.source.src_uri] = (placed.canonical_url, placed.path, placed.language)

    def _publish_placed(self, placed_pages: list[Placed], again: bool) -> dict[str, str]:
        """Fill each page's shell and write it, or link it from the previous site if the records say it is the
        same (see ``records.py``); ``again``: a child that was writing them failed, so some may be there.

        Returns what each page's file was made of (by its path in the site), for the next build's records.
        """
        assert self._publisher is not None
        made: dict[str, str] = {}
        for placed in placed_pages:
            source, shell = placed.source, self._shells[placed.key]
            assert shell is not None
            feeds = _feeds(placed) if source.feeds else ()
            made_of = made[placed.dest_uri] = shell.made_of(
                source.title, source.description, placed.canonical_url, source.body, placed.path, source.body_key, feeds
            )
            if again:
                self._publisher.unpublish(placed.dest_uri)
            if self._publisher.link_unchanged(placed.dest_uri, made_of):
                continue
            html = shell.fill(source.title, source.description, placed.canonical_url, source.body, placed.path, feeds)
            self._publisher.publish(placed.dest_uri, html.encode("utf-8", errors="xmlcharrefreplace"))
        return made

    def _sitemap(self) -> _Sitemap:
        """What the sitemap lists (every page, in MkDocs' order, as mkdocs.commands.build lists them) and is made of."""
        assert self._files is not None and self._env is not None
        documents = self._files.documentation_pages()
        listed = {f.src_uri for f in documents}
        made = {f.src_uri for f in self._documents if isinstance(f, File)}
        pages = [f for f in documents if f.src_uri not in made]
        pages += [f for f in self._documents if isinstance(f, Placed) or f.src_uri in listed]
        timestamp = get_build_timestamp(pages=[f.page for f in pages if f.page is not None])
        source, filename, _ = self._env.loader.get_source(self._env, SITEMAP)
        return _Sitemap(pages, timestamp, _sitemap_made_of(source, filename, pages, timestamp))

    def _sitemap_linked(self, sitemap: _Sitemap) -> bool:
        """Whether the sitemap's two files were linked from the live site, whose records say they were made of the
        very same (``records.py``): rendering and packing 10,000 pages' entries is a tenth of a second."""
        assert self._publisher is not None
        for name in SITEMAP_FILES:
            self._publisher.unpublish(name)  # MkDocs' sitemap of its own pages, which this one replaces
        # (One linked and not the other: :meth:`_write_sitemap` removes it before writing, never into it.)
        return sitemap.made_of is not None and all(
            self._publisher.link_unchanged(n, sitemap.made_of) for n in SITEMAP_FILES
        )

    def _write_sitemap(self, config, sitemap: _Sitemap) -> dict[str, str]:
        """The sitemap as MkDocs writes it (mkdocs.commands.build), with every page in MkDocs' order.

        Returns what its two files were made of, for the next build's records (none for a sitemap template of
        the theme's own: what it reads of each page is not known here).
        """
        assert self._env is not None and self._publisher is not None
        output = self._env.get_template(SITEMAP).render(pages=sitemap.pages).encode("utf-8")
        packed = io.BytesIO()
        target = os.path.join(config.site_dir, SITEMAP)  # named in the packed copy's header, as MkDocs names it
        with gzip.GzipFile(fileobj=packed, filename=f"{target}.gz", mode="wb", mtime=sitemap.timestamp) as packing:
            packing.write(output)
        # Published, not just written: the same bytes as the live site's are linked from it, so that its files
        # keep the time they were made, and are recorded once settled (a file made just now is not).
        for name, data in zip(SITEMAP_FILES, (output, packed.getvalue()), strict=True):
            self._publisher.unpublish(name)  # linked without its twin, or written by a child that then failed
            self._publisher.publish(name, data)
        return {} if sitemap.made_of is None else dict.fromkeys(SITEMAP_FILES, sitemap.made_of)

    def on_build_error(self, error) -> None:
        logging.getLogger("mkdocs.commands.build").removeFilter(self._quiet)

    def on_serve(self, server, config, builder):
        server.watch(str(self.root / INCIDENTS_DIR))
        server.watch(str(self.root / CONFIG_FILE))
        return server


class _SiteFiles(Files):
    """MkDocs' files, and the placed pages (``direct.py``) and the files written into the site (feeds, API,
    calendars, bulletins) as MkDocs would know them, made when asked for.

    A link from a hand-written page to a placed page must resolve, as to a page MkDocs built: MkDocs
    looks the target up by its path, and gets a file of the generated page, excluded from MkDocs' own
    build (it is written from its shell). Nothing else of MkDocs' needs them: 10,000 file objects made
    up front were a fifth of a second of a rebuild, and every pass MkDocs makes over its files (the
    menu, the pages to build, the static files to copy) walked them too. ``placement`` puts each page
    where MkDocs would (a test compares them on many names). A file written into the site is found the
    same way, at its own path, as MkDocs has a file it copies (never copied: it is there already).
    """

    def __init__(self, files: Files, placed: dict[str, Placed], config) -> None:
        super().__init__(files)
        self._placed = placed
        self.written: set[str] = set()
        """The paths of the files (not pages) written into the site by the plugin."""
        self._made: dict[str, File] = {}
        self._config = config

    def get_file_from_path(self, path: str) -> File | None:
        found = super().get_file_from_path(path)
        if found is not None:
            return found
        src_uri = PurePath(path).as_posix()
        if src_uri not in self._placed and src_uri not in self.written:
            return None
        if src_uri not in self._made:
            placed = self._placed.get(src_uri)
            # A placed page is excluded from MkDocs' own build (it is written from its shell); a file written
            # into the site is in it, as one MkDocs copied would be.
            dest_uri, inclusion = (
                (placed.dest_uri, InclusionLevel.EXCLUDED) if placed is not None else (src_uri, InclusionLevel.INCLUDED)
            )
            made = File(src_uri, None, self._config.site_dir, self._config.use_directory_urls,
                        dest_uri=dest_uri, inclusion=inclusion)  # fmt: skip
            made.generated_by = "outage"
            self._made[src_uri] = made
        return self._made[src_uri]

    def __contains__(self, path: str) -> bool:
        return self.get_file_from_path(path) is not None


def _kept(
    result: tuple[dict[str, bytes | None], list[dict[str, str]], object], kept: list[KeptApart]
) -> dict[str, bytes | None]:
    """The files made apart, their cache entries of each kind kept in the build's cache (see ``KeptApart``)."""
    files, taken, _ = result
    for each, entries in zip(kept, taken, strict=True):
        each.keep(entries)
    return files


class _Once:
    """A value computed on first use and kept: iterating it gives its keys (the paths of the files made apart)."""

    def __init__(self, compute) -> None:
        self._compute = compute
        self._value = None

    def __call__(self):
        if self._value is None:
            self._value = self._compute()
        return self._value

    def __iter__(self):
        return iter(self())


class _NotProven(Exception):
    """A kind's first page did not prove its shell: its placed pages must go through MkDocs after all."""


class _FilledPagesNotSkipped(logging.Filter):
    """MkDocs says "Page skipped" of a page whose output is empty; a filled page was written by the plugin."""

    def __init__(self) -> None:
        super().__init__()
        self.pages: set[str] = set()

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if message.startswith("Page skipped: '") and message.endswith("'. Generated empty output."):
            return message[len("Page skipped: '") : -len("'. Generated empty output.")] not in self.pages
        return True


def _listed_without_hidden(theme) -> None:
    """The environment ``theme`` makes lists its templates without hidden folders (see ``theme_files.py``)."""
    make = theme.get_env
    if getattr(make, "without_hidden", False):
        return

    def get_env():
        env = make()
        if type(env.loader) is FileSystemLoader:  # as MkDocs 1.6 makes it; another is left as it is
            env.loader = ThemeLoader.like(env.loader)
        return env

    get_env.without_hidden = True  # type: ignore[attr-defined]
    theme.get_env = get_env


def _nav_paths(nav) -> list[str]:
    """Every page path named in mkdocs.yml's ``nav`` (strings, ``{title: path}``, nested sections)."""
    if isinstance(nav, str):
        return [nav.lstrip("/")]
    if isinstance(nav, dict):
        return [path for value in nav.values() for path in _nav_paths(value)]
    if isinstance(nav, list):
        return [path for item in nav for path in _nav_paths(item)]
    return []


class _FilledPage(MkDocsPage):
    """A generated page MkDocs need not read nor convert: its metadata and HTML are known."""

    def __init__(self, source: Page, file: File, config) -> None:
        super().__init__(None, file, config)
        self.source = source

    def read_source(self, config) -> None:
        self.markdown = ""
        self.meta = _meta(self.source)
        self.meta["template"] = FILLED_TEMPLATE

    def render(self, config, files) -> None:
        self.content = self.source.body
        self.toc = get_toc([])
        self.present_anchor_ids = set()


SITEMAP = "sitemap.xml"
SITEMAP_FILES = (SITEMAP, f"{SITEMAP}.gz")


class _Sitemap(NamedTuple):
    pages: list
    """Every page's file, in the order the sitemap lists them (MkDocs' files and placed pages)."""
    timestamp: int
    """The time its packed copy says it was made: the newest page's date, as MkDocs has it."""
    made_of: str | None
    """All it is made of, hashed (:func:`_sitemap_made_of`); ``None``: not known."""


MKDOCS_TEMPLATES = os.path.join(os.path.dirname(mkdocs.__file__), "templates")
"""MkDocs' own templates: its ``sitemap.xml`` reads four attributes of each page, which a sitemap's records hash."""


def _sitemap_made_of(source: str, filename: str | None, pages: list, timestamp: int) -> str | None:
    """A hash of all MkDocs' sitemap template (``source``) makes the sitemap of: its text, the time the packed
    copy says it was made, and what it reads of each page, in order; ``None`` for a template from elsewhere (a
    theme's own may read more of each page)."""
    if filename is None or os.path.dirname(os.path.abspath(filename)) != MKDOCS_TEMPLATES:
        return None
    read = [(p.is_link, p.abs_url, p.canonical_url, p.update_date) for p in (file.page for file in pages)]
    return hashlib.sha256(f"{source}\0{timestamp}\0{read!r}".encode("utf-8", "surrogatepass")).hexdigest()


def _file_dest(src_uri: str) -> str:
    """Where MkDocs puts a generated file that is not a page (``File.dest_uri``): at its own path, normalised.
    Without making MkDocs' file object for it (1,700 of them at 10,000 incidents)."""
    return PurePath(src_uri).as_posix()


def _feeds(page: _FilledPage | Placed) -> list[tuple[str, str]]:
    """(title, address from the page) of each of the page's own feeds, as the theme's head prints them (its
    ``url`` filter: MkDocs' own function, with the page's address)."""
    return [(title, normalize_url(url, page)) for title, url in page.source.feeds]  # type: ignore[arg-type]


def _meta(page: Page) -> dict[str, object]:
    meta: dict[str, object] = {"title": page.title, "hide": ["toc"]}
    if page.description:
        meta["description"] = page.description
    if page.feeds:
        meta["feeds"] = [{"title": title, "url": url} for title, url in page.feeds]
    return meta


def _front_matter(page: Page) -> str:
    """The generated page as MkDocs reads it: only its front matter (the body comes in on_page_content).

    JSON is valid YAML and much faster to write than a YAML dump.
    """
    return "---\n" + json.dumps(_meta(page), ensure_ascii=False, sort_keys=True) + "\n---\n"


class BuildFailed(Exception):
    """MkDocs refused to build (e.g. a warning in strict mode); the message says why."""


def build_site(
    root: Path,
    site_dir: Path,
    site: Site,
    now: datetime,
    publication: Publication = NO_LEDGER,
    *,
    shells: bool = True,
    previous: Path | None = None,
    cache: BuildCache | None = None,
    fork: bool = False,
    proven: ProvenShells | None = None,
    save_cache: bool = True,
    records: PlacedRecords | None = None,
) -> None:
    """Build the site of ``root`` into ``site_dir`` with MkDocs, strictly.

    ``shells=False`` sends every page through the theme (the reference the tests compare with);
    ``previous`` is the live site, made by a build, to hard-link unchanged files from;
    ``cache`` keeps incident pages' bodies for the next build (saved only if this one succeeds);
    ``fork`` lets part of the work run in a second process, where ``parallel.can_fork`` says that is safe;
    ``proven`` is given the shells this build proved and where its pages sat in them, if it succeeds;
    ``save_cache=False`` leaves saving the cache to the caller (``outage build`` saves it once the site is live);
    ``records`` says what ``previous``'s placed pages were made of, and is given this build's (saved by the caller).
    """
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    config = load_config(str(root / "site_template" / "mkdocs.yml"), site_dir=str(site_dir), strict=True)
    plugin = config.plugins["outage"]
    assert isinstance(plugin, OutagePlugin)
    plugin.site, plugin.now, plugin.publication, plugin.shells = site, now, publication, shells
    plugin.previous = previous if shells else None
    plugin.cache = cache
    plugin.records = records
    plugin.fork = fork
    messages = _Collector()
    logging.getLogger("mkdocs").addHandler(messages)
    try:
        try:
            build(config)
        except _NotProven:
            log.debug("a shell was not proven: every page goes through MkDocs")
            plugin.direct = False
            build(config)
        if cache is not None and save_cache:
            cache.save()
        if proven is not None:
            proven.shells, proven.placed = plugin._shells, plugin._placed
    except (Abort, PluginError) as exc:
        raise BuildFailed("\n".join([*messages.lines, str(exc)])) from None
    finally:
        logging.getLogger("mkdocs").removeHandler(messages)


class _Collector(logging.Handler):
    """MkDocs reports why it aborts in its log; keep those lines for the error message."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())
