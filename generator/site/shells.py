"""Generated pages in the theme's shell: mkdocs-material renders it once per kind of page, and pages fill it.

Around every page mkdocs-material puts the same chrome: the head with its
stylesheets and icons, the site's header and menu, the footer. Rendering it
through Jinja for each of 10,000 incident pages took most of a build, for
12 of each page's 17 KB that are the same on every page of one kind. What
differs between two pages of one kind is only their title, description,
canonical address and body: ``overrides/main.html`` keeps it so.

So the plugin renders the theme once per *shell key* (the page's first folder,
its depth, and which optional parts it has) with markers in place of those
values, and every other page of that key is the shell with its own values put
in, escaped as the theme's template escapes them. The first page of each key is
also rendered the slow way and must come out the same, byte for byte, or that
key falls back to the theme for every page (a theme release that prints the
title some new way costs speed, never a wrong page). A page's own feeds in its
head (a service's or area's) are values too: a marker for each feed's title and
address, and the feeds' number in the key. The pages in the menu always go
through the theme (it marks the current item). Nothing here imports MkDocs.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import NamedTuple

from jinja2.filters import do_striptags
from markupsafe import escape

TITLE = "OUTAGESHELLTITLE<i></i>END"
"""A title whose stripped form (``page.title | striptags`` in <title>) differs from its escaped form."""
DESCRIPTION = "OUTAGESHELLDESCRIPTION"
CANONICAL = "OUTAGESHELLCANONICAL"
CONTENT = "OUTAGESHELLCONTENT"
PATH = "OUTAGESHELLPATH"
"""The page's address in the default language (``incidents/<id>/``), where the header links its other languages."""
CONTENT_WITH_H1 = "<h1>OUTAGESHELLCONTENT</h1>"
"""The body of a page that has its own <h1>: the theme then prints no title above it."""

_SLOTS = {
    str(escape(TITLE)): "title",
    str(escape(do_striptags(TITLE))): "title_stripped",
    DESCRIPTION: "description",
    CANONICAL: "canonical",
    PATH: "path",
    CONTENT_WITH_H1: "content",
    CONTENT: "content",
}
FEED_TITLE = "OUTAGESHELLFEEDTITLE{}<i></i>END"
"""The title of the page's feed number {} (from 0), escaped as the head prints it: like :data:`TITLE`, a marker
that printing it any other way (unescaped, shortened, stripped) changes, so the shell is not used."""
FEED_URL = "OUTAGESHELLFEED{}END:"
"""The address of the page's feed number {}: a URL with a scheme, which MkDocs' ``url`` filter leaves as it is."""
_FEED_SLOT = re.compile(r"OUTAGESHELLFEEDTITLE(\d+)&lt;i&gt;&lt;/i&gt;END|OUTAGESHELLFEED(\d+)END:")
_SLOT = re.compile("|".join([_FEED_SLOT.pattern, *(re.escape(form) for form in sorted(_SLOTS, key=len, reverse=True))]))
LEFTOVER = "OUTAGESHELL"
"""Any marker text left in a filled page means the theme printed a value some way this module does not know."""


class ShellKey(NamedTuple):
    """Pages with equal keys share a shell: the same relative links to the menu, assets and each other.

    A named tuple, not a dataclass: each of 10,000 placed pages looks its shell up by its key, two or
    three times a build, and a tuple hashes and compares without calling Python code.
    """

    folder: str
    depth: int
    described: bool
    canonical: bool
    own_h1: bool
    language: str = ""
    """The theme's language for the page (its words, ``<html lang>``, the menu): a page in French is in ``fr/``."""
    linked: bool = False
    """Whether the page exists in every language of the site, so its head and menu link the others."""
    feeds: int = 0
    """How many feeds of its own the page's head links (a service's or an area's)."""


def shell_key(
    url: str,
    description: str,
    canonical_url: str | None,
    body: str,
    language: str = "",
    linked: bool = False,
    feeds: int = 0,
) -> ShellKey:
    """The key of a page at ``url`` (e.g. ``incidents/<id>/``) with this description, address, body, language
    and number of feeds of its own."""
    parts = [part for part in url.split("/") if part]
    folder = parts[1] if parts and parts[0] == language and len(parts) > 1 else parts[0] if parts else ""
    own_h1 = "<h1" in body
    return ShellKey(folder, len(parts), bool(description), bool(canonical_url), own_h1, language, linked, feeds)


def marker_content(key: ShellKey) -> str:
    return CONTENT_WITH_H1 if key.own_h1 else CONTENT


class Shell:
    """A rendered theme page cut at its markers; :meth:`fill` puts one page's values in.

    ``feeds``: how many feeds of its own the page was rendered with (its key's). A feed's marker of a number it
    does not have (in text the theme prints on every page, a site's name say) is left as text, which makes the
    shell not :attr:`complete`.
    """

    def __init__(self, rendered: str, feeds: int = 0) -> None:
        self.pieces: list[str] = []
        self.slots: list[str] = []
        start = 0
        for match in _SLOT.finditer(rendered):
            title, url = match.group(1, 2)
            number = title or url
            if number is not None and (number != str(int(number)) or int(number) >= feeds):
                continue  # not a feed of this page's: left in the piece it stands in
            self.pieces.append(rendered[start : match.start()])
            self.slots.append(f"feed_title:{title}" if title else f"feed_url:{url}" if url else _SLOTS[match.group()])
            start = match.end()
        self.pieces.append(rendered[start:])

    def fill(
        self,
        title: str,
        description: str,
        canonical_url: str | None,
        body: str,
        path: str | None = None,
        feeds: Sequence[tuple[str, str]] = (),
    ) -> str:
        """The page with these values; ``feeds``: (title, address from the page, as the theme prints it) of each
        feed of its own."""
        values = {
            "path": str(escape(path or "")),
            "title": str(escape(title)),
            "title_stripped": str(escape(do_striptags(title))),
            "description": str(escape(description)),
            "canonical": str(escape(canonical_url or "")),
            "content": body,
        }
        for number, (feed_title, feed_url) in enumerate(feeds):
            values[f"feed_title:{number}"] = str(escape(feed_title))
            values[f"feed_url:{number}"] = str(escape(feed_url))
        out = [self.pieces[0]]
        for slot, piece in zip(self.slots, self.pieces[1:], strict=True):
            out.append(values[slot])
            out.append(piece)
        return "".join(out)

    def made_of(
        self,
        title: str,
        description: str,
        canonical_url: str | None,
        body: str,
        path: str | None = None,
        body_key: str = "",
        feeds: Sequence[tuple[str, str]] = (),
    ) -> str:
        """A hash of everything :meth:`fill` makes a page of: this shell and the page's values (the same
        for values that fill the same way: ``None`` and ``""``). Equal hashes, equal pages.

        ``body_key``, if given, is a hash of everything ``body`` is made from (the build cache's key it
        is kept under), and stands for it: hashing 10,000 bodies cost as much as filling the pages.
        """
        made = ("key", body_key) if body_key else ("body", body)
        own = ("feeds", *(value for feed in feeds for value in feed)) if feeds else ()
        values = _spelt((self._digest, title, description, canonical_url or "", path or "", *made, *own))
        return hashlib.sha256(values.encode("utf-8", "surrogatepass")).hexdigest()

    @cached_property
    def _digest(self) -> str:
        """This shell's pieces and slots, hashed once."""
        return hashlib.sha256(_spelt([*self.pieces, *self.slots]).encode("utf-8", "surrogatepass")).hexdigest()

    @property
    def complete(self) -> bool:
        """True if every marker was found where it is expected: no marker text is left between the pieces."""
        return not any(LEFTOVER in piece for piece in self.pieces)


def _spelt(parts) -> str:
    """``parts`` as one text from which each could be read back (each after its length): no two lists give one."""
    return "".join(f"{len(part)}:{part}" for part in parts)


@dataclass
class ProvenShells:
    """The shells one build proved, and where each page it filled sat: enough to fill a page again without MkDocs.

    ``outage serve`` keeps the last good build's: after a save, the edited incident's page is filled from
    them and served at once, while the whole site builds (see ``first_look.py``). Valid for the tool,
    ``status.yml`` and ``site_template/`` of that build only: a change to either is not filled from them.
    """

    shells: dict[ShellKey, Shell | None] = field(default_factory=dict)
    placed: dict[str, tuple[str | None, str | None, str]] = field(default_factory=dict)
    """By page source (``incidents/<id>.md``): its canonical address, its address in every language
    (``None``: it is not in every language) and its language."""

    def fill(self, src_uri: str, url: str, title: str, description: str, body: str) -> str | None:
        """The page as the last build would have written it, or ``None`` if that build did not fill one like it."""
        if src_uri not in self.placed:
            return None
        canonical, path, language = self.placed[src_uri]
        shell = self.shells.get(shell_key(url, description, canonical, body, language, path is not None))
        return None if shell is None else shell.fill(title, description, canonical, body, path)
