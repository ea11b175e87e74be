"""Generated pages written straight into their kind's shell, without MkDocs' steps for each page.

A filled page (``shells.py``) still cost MkDocs about a millisecond: a file
and a page object, its context, its template, its events, its sitemap entry.
On a history of 10,000 incidents that was seconds of a rebuild for pages
whose bytes are the shell and four values. So only the first page of each
shell key goes through MkDocs, which proves the shell (``plugin._filled``);
every other page of that key is *placed* here (where MkDocs would write it,
its address, its canonical address, its language and its address in every
language, computed as MkDocs and ``languages.in_language`` do) and written
when the build's pages are done, filled from the proven shell. The sitemap
is then written again with every page in MkDocs' order.

A page whose name MkDocs would treat some other way (``README``, characters
it would quote) is not placed: it goes through MkDocs. If a key's shell is
not proven, the build is done again with every page through MkDocs (the
bytes of the slow way, always). Nothing here imports MkDocs.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass
from functools import cache
from urllib.parse import urljoin, urlsplit

from . import languages
from .pages import Page
from .shells import ShellKey, shell_key

PLAIN = re.compile(r"[A-Za-z0-9_.~-]+(?:/[A-Za-z0-9_.~-]+)*\.md")
"""A page source MkDocs neither renames nor quotes: letters, digits and ``_.~-`` in each part."""


@dataclass(slots=True)
class Placed:
    """Where a generated page goes and what its shell is filled with, as MkDocs would have it.

    Not frozen: a frozen dataclass sets each field through ``object.__setattr__``, and 10,000 pages are
    placed in every build (nothing changes one once placed).
    """

    source: Page
    dest_uri: str
    url: str
    canonical_url: str | None
    abs_url: str | None
    language: str
    path: str | None
    """Its address in the default language, if the page is in every language (the header links them)."""
    key: ShellKey
    update_date: str
    is_link: bool = False

    @property
    def page(self) -> Placed:
        """The sitemap template asks each file for its page: a placed page is both."""
        return self


def placement(src_uri: str) -> tuple[str, str] | None:
    """(where MkDocs writes the page, its address) with directory URLs; ``None`` for a name it treats its own way."""
    if not PLAIN.fullmatch(src_uri) or any(part.strip(".") == "" for part in src_uri.split("/")):
        return None
    stem = src_uri[: -len(".md")]
    folder, _, name = stem.rpartition("/")
    if name.lower() == "readme" or not folder or name.startswith("."):
        return None  # MkDocs names "...md" after all of it ("...md/"), not after its stem: not placed
    if name == "index":
        return f"{folder}/index.html", f"{folder}/"
    return f"{stem}/index.html", f"{stem}/"


@cache
def site_address(site_url: str) -> tuple[str, str]:
    """What MkDocs' ``urljoin(site_url + "/", url)`` and its path put before a placed page's ``url``.

    A placed page's address is a plain relative path (:data:`PLAIN`, no ``.`` or ``..``
    part, no ``?``, ``#`` or ``;``), so joining it changes nothing of the base but its
    last part: joined once, the base serves every page (10,000 ``urljoin`` calls cost
    half a second). A test compares it with ``urljoin`` over many addresses.
    """
    joined = urljoin(site_url if site_url.endswith("/") else site_url + "/", "x")[: -len("x")]
    return joined, urlsplit(joined + "x").path[: -len("x")]


def place(
    source: Page,
    site_url: str | None,
    site_languages: tuple[str, ...],
    urls: Collection[str],
    update_date: str,
) -> Placed | None:
    """``source`` placed as MkDocs and the plugin would place it, or ``None`` if it must go through MkDocs.

    ``urls``: every page's address (``languages.address``), to know whether it is in every language.
    """
    where = placement(source.src_uri)
    if where is None or where[1] != source.url:
        return None
    dest_uri, url = where
    canonical = abs_url = None
    if site_url:
        address, path_prefix = site_address(site_url)
        canonical, abs_url = address + url, path_prefix + url
    language, path = site_languages[0], None
    if len(site_languages) > 1:
        language, path = languages.language_and_path(url, site_languages, urls)
    key = shell_key(
        source.url, source.description, canonical, source.body, language, path is not None, len(source.feeds)
    )
    return Placed(source, dest_uri, url, canonical, abs_url, language, path, key, update_date)
