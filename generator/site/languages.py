"""The site's pages in each of its languages: a page's counterpart, and the theme's words around it.

A site with ``languages: [en, fr]`` has every page twice: ``incidents/<id>/`` and
``fr/incidents/<id>/``. For each page the plugin asks :func:`in_language` which
language it is in (its folder), sets the theme's language for it (mkdocs-material's
own words and ``<html lang>``), and gives ``overrides/main.html`` the header's and
footer's words in that language and the page's address in the default language
(:data:`PATH`), from which the template links the same page in each language
(``hreflang`` and the switch). A one-language site gets none of this: its pages
are as before, byte for byte. Nothing here imports MkDocs.
"""

from __future__ import annotations

from collections.abc import Collection

from ..catalogue import catalogue_for
from ..incidents.languages import Rewriter, site_in
from ..incidents.model import Site
from ..incidents.schema import LANGUAGES
from ..state.in_language import with_site
from ..state.now import Snapshot

PATH = "outage_path"
"""The template's variable: the page's address in the default language, when it exists in every language."""
WORDS = "outage_words"
"""The template's variable: the header's and footer's words and links in the page's language."""
OTHER_LANGUAGES = LANGUAGES
"""Folders of ``docs/`` that hold a language's own static pages (``docs/fr/help.md``)."""
NAMES = {"en": "English", "fr": "Français"}
"""Each language by its own name, as the switch says it."""
MENU = ("Status", "Areas", "Maintenance", "History", "For newsrooms", "Help")
"""mkdocs.yml's menu titles the catalogue translates; a title of one's own stays as it is written."""


def address(url: str) -> str:
    """A page's address from the site's root: ``""`` for the home page (MkDocs says ``./``)."""
    return "" if url == "./" else url


def in_default(path: str, languages: tuple[str, ...]) -> str:
    """``fr/history/index.md`` -> ``history/index.md``: a page's path in the default language (a menu page's twin)."""
    for other in languages[1:]:
        if path.startswith(f"{other}/"):
            return path[len(other) + 1 :]
    return path


def folder(language: str, default: str) -> str:
    return "" if language == default else f"{language}/"


def header_words(site: Site) -> dict[str, dict[str, object]]:
    """The header's and footer's words in each of the site's languages, once per build (by language)."""
    languages = tuple(site.config.languages)
    default = languages[0]
    found: dict[str, dict[str, object]] = {}
    for language in languages:
        catalogue = catalogue_for(language)
        name = site_in(site, language).config.name
        found[language] = {
            "language": language,
            "prefix": folder(language, default),
            "home": folder(language, default) or "./",
            "site_name": catalogue.phrase("{name} status").format(name=name),
            "name": name,
            "text_only": catalogue.phrase("Text-only status"),
            "support": catalogue.phrase("{name} support:").format(name=name),
            "atom": catalogue.phrase("Atom feed"),
            "all_atom": catalogue.phrase("All updates (Atom)"),
            "all_rss": catalogue.phrase("All updates (RSS)"),
            "alternates": [(each, folder(each, default)) for each in languages],
            "switch": [(each, folder(each, default), NAMES[each]) for each in languages if each != language],
        }
    return found


def in_language(
    site: Site, page, context: dict, config, nav, urls: Collection[str], said: dict[str, dict[str, object]]
) -> None:
    """Set the theme's language for ``page`` and put its words (``said``: :func:`header_words`) and its
    counterpart's address in ``context``."""
    url = address(page.url)
    language, path = language_and_path(url, tuple(site.config.languages), urls)
    config.theme["language"] = language
    context.pop(PATH, None)
    if path is not None:
        context[PATH] = path
    words = said[language]
    depth = len([part for part in url.split("/") if part])
    context[WORDS] = {**words, "root": "../" * depth or "./", "menu": menu(words, language, url, nav, urls)}


def language_and_path(url: str, languages: tuple[str, ...], urls: Collection[str]) -> tuple[str, str | None]:
    """The language of the page at ``url`` (an :func:`address`), and its address in the default language if the
    page is in every language (``urls``: every page's address), else ``None``."""
    default = languages[0]
    language, path = default, url
    for other in languages[1:]:
        if url.startswith(f"{other}/"):
            language, path = other, url[len(other) + 1 :]
    return language, path if all(folder(each, default) + path in urls for each in languages) else None


def menu(words: dict[str, object], language: str, url: str, nav, urls: Collection[str]) -> list[dict[str, object]]:
    """mkdocs.yml's menu in ``language``: each item's page in that language where it has one, its title translated."""
    catalogue, prefix = catalogue_for(language), str(words["prefix"])
    items = []
    for item in nav:
        own = address(item.url or "")
        target = prefix + own if prefix + own in urls else own
        title = catalogue.phrase(item.title) if item.title in MENU else item.title
        items.append({"url": target, "title": title, "active": target == url})
    return items


# --- text the files give only in the default language -------------------------------------------------

MARKED_FIELDS = {"name", "description", "region", "title", "expected_impact", "postmortem", "cause"}
"""The text fields a page shows, marked where they fall back to the default language (``message`` is marked first)."""


class _Marker(Rewriter):
    """Rebuilds the model with each fallen-back text marked "(en anglais seulement)"."""

    def __init__(self, mark: str) -> None:
        super().__init__()
        self.mark = mark

    def changed(self, value: object) -> dict[str, object]:
        changes: dict[str, object] = {}
        for name in getattr(value, "untranslated", ()):
            text = getattr(value, name, "")
            if isinstance(text, str) and text and (name in MARKED_FIELDS or name == "message"):
                # A message is Markdown read from its first sentence on (the front page's rows): mark it first.
                changes[name] = f"{self.mark} {text}" if name == "message" else f"{text} {self.mark}"
        return changes


def marked_snapshot(state: Snapshot) -> Snapshot:
    """The snapshot in a language other than the default with every text the files give only in the default
    marked, ``Internet outage (en anglais seulement)``: a page never shows another language silently."""
    config = state.config
    mark = f"({catalogue_for(config.language).only_in(config.default_language)})"
    site = _Marker(mark).of(state.site)
    assert isinstance(site, Site)
    return with_site(state, site)
