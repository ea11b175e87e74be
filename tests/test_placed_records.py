"""Placed pages linked from the live site on what they were made of (``records.py``), never a wrong page.

Every test drives ``outage build`` and then checks the files: the site is always the
one a cold build makes, and pages are linked without being filled only where the
records say the very file in the live site was made of the same.
"""

from __future__ import annotations

import os
from pathlib import Path

import mkdocs
import pytest
from example_repo import copy_of_example
from test_build_cache import add_monitoring_update, cold, fingerprint
from test_build_cache import build as build_at

from generator.incidents.stored import read_entries
from generator.site import plugin, records
from generator.site.cache import CACHE_DIR
from generator.site.records import RECORDS_FILE, PlacedRecords
from generator.site.shells import Shell
from generator.site.writer import Publisher

NOW = "2026-11-22 12:00"
PAGE = "incidents/2026-05-12-north-edmonton-fibre-cut/index.html"
"""A placed page (the first incident page of its kind, the open one, goes through MkDocs to prove the shell)."""
OTHER = "incidents/2026-04-21-slow-webmail/index.html"


def build(root: Path, site: Path, now: str = NOW) -> str:
    return build_at(root, site, now).output


def kept(root: Path, site: Path) -> dict[str, bytes]:
    return read_entries(root / CACHE_DIR / RECORDS_FILE, PlacedRecords(root / CACHE_DIR, site).header, kind="outage")


@pytest.fixture
def fills(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The placed pages made (filled and written or compared), not linked on their records, in this process."""
    made: list[str] = []
    real = Publisher.link_unchanged

    def link_unchanged(self, relative: str, made_of: str) -> bool:
        linked = real(self, relative, made_of)
        if not linked:
            made.append(relative)
        return linked

    monkeypatch.setattr(Publisher, "link_unchanged", link_unchanged)
    return made


@pytest.fixture
def settled_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Files are recorded however recently they changed (a test cannot wait for the clock's tick to pass)."""
    monkeypatch.setattr(records, "SETTLED_NS", 0)


def test_a_page_made_of_the_same_is_linked_without_being_filled(
    tmp_path: Path, fills: list[str], settled_at_once: None
) -> None:
    root = copy_of_example(tmp_path, with_template=True)
    site = tmp_path / "site"
    build(root, site)
    assert PAGE in kept(root, site) and fills  # the first build filled its pages and recorded them
    inode = (site / PAGE).stat().st_ino
    fills.clear()
    build(root, site)
    assert fills == []  # nothing changed: every placed page linked on its record
    assert (site / PAGE).stat().st_ino == inode
    add_monitoring_update(root, "2026-11-22 12:20")
    build(root, site, "2026-11-22 12:30")  # the open incident's new update: its new bulletins' pages are made
    assert 0 < len(fills) < len(kept(root, site)) / 2 and PAGE not in fills
    assert fingerprint(site) == cold(tmp_path, root, "2026-11-22 12:30")


@pytest.mark.parametrize("apart", [False, True])
def test_the_sitemap_of_the_same_pages_is_linked_without_being_made(
    tmp_path: Path, fills: list[str], settled_at_once: None, monkeypatch: pytest.MonkeyPatch, apart: bool
) -> None:
    # ``apart``: the sitemap is written by the child that writes part of the pages (its calls are not in ``fills``).
    monkeypatch.setattr(plugin, "WRITE_APART_FROM", 1 if apart else 10**9)
    root = copy_of_example(tmp_path, with_template=True)
    site = tmp_path / "site"
    build(root, site)
    assert {"sitemap.xml", "sitemap.xml.gz"} <= kept(root, site).keys()
    inodes = {name: (site / name).stat().st_ino for name in ("sitemap.xml", "sitemap.xml.gz")}
    fills.clear()
    build(root, site)
    assert fills == []  # the same pages: the sitemap and its packed copy linked on their records
    assert {name: (site / name).stat().st_ino for name in inodes} == inodes
    before = (site / "sitemap.xml").read_bytes()
    add_monitoring_update(root, "2026-11-22 12:20")
    build(root, site, "2026-11-22 12:30")  # the new update's bulletin pages are new entries of the sitemap
    assert apart or "sitemap.xml" in fills  # (its packed copy, then, is not even asked for)
    assert (site / "sitemap.xml").read_bytes() != before
    assert all((site / name).stat().st_ino != inode for name, inode in inodes.items())
    assert fingerprint(site) == cold(tmp_path, root, "2026-11-22 12:30")


def test_a_sitemap_template_of_the_theme_s_own_is_made_every_time(
    tmp_path: Path, fills: list[str], settled_at_once: None
) -> None:
    """What a theme's own sitemap.xml reads of each page is not known: its sitemap has no record, and is made."""
    root = copy_of_example(tmp_path, with_template=True)
    own = (Path(mkdocs.__file__).parent / "templates" / "sitemap.xml").read_text(encoding="utf-8")
    (root / "site_template" / "overrides" / "sitemap.xml").write_text(
        own.replace("<url>", "<url><!-- {{ file.page.title }} -->"), encoding="utf-8"
    )
    site = tmp_path / "site"
    build(root, site)
    assert "sitemap.xml" not in kept(root, site)
    build(root, site)
    assert "sitemap.xml" not in fills  # not even asked for: nothing says what it was made of
    assert "<!-- " in (site / "sitemap.xml").read_text(encoding="utf-8")
    assert fingerprint(site) == cold(tmp_path, root, NOW)


@pytest.mark.parametrize("how", ["changed in place", "replaced, with the size and time it had"])
def test_a_page_file_changed_since_it_was_recorded_is_made_again(
    tmp_path: Path, how: str, settled_at_once: None
) -> None:
    root = copy_of_example(tmp_path, with_template=True)
    site = tmp_path / "site"
    build(root, site)
    page = site / PAGE
    before, found = page.read_bytes(), page.stat()
    wrong = before.replace(b"fibre", b"fiber", 1)
    assert len(wrong) == len(before) and wrong != before
    if how == "changed in place":
        with page.open("r+b") as file:
            file.write(wrong)
        os.utime(page, ns=(found.st_atime_ns, found.st_mtime_ns + 1_000_000_000))
    else:
        replacement = page.with_name("new.html")  # made while the page is there: another inode
        replacement.write_bytes(wrong)
        os.chmod(replacement, 0o644)
        os.utime(replacement, ns=(found.st_atime_ns, found.st_mtime_ns))
        os.replace(replacement, page)
        assert page.stat().st_ino != found.st_ino and page.stat().st_size == found.st_size
    build(root, site)
    assert page.read_bytes() == before


def test_a_page_that_cannot_be_linked_is_made_and_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fills: list[str], settled_at_once: None
) -> None:
    # Hard links refused (another file system, a site made by another user under protected_hardlinks): the
    # records say the pages are the same, and each is written instead, as when linking is refused otherwise.
    root = copy_of_example(tmp_path, with_template=True)
    site = tmp_path / "site"
    build(root, site)

    def refused(source, target, **kwargs):
        raise PermissionError(1, "Operation not permitted", source)

    monkeypatch.setattr(os, "link", refused)
    fills.clear()
    build(root, site)
    assert PAGE in fills and (site / PAGE).stat().st_nlink == 1
    assert fingerprint(site) == cold(tmp_path, root, NOW)


def test_files_written_moments_before_the_records_are_not_recorded(tmp_path: Path) -> None:
    # Changed again within the same tick of the file system's clock, a file could keep its time of change.
    root = copy_of_example(tmp_path, with_template=True)
    site = tmp_path / "site"
    build(root, site)
    assert kept(root, site) == {}  # every page was written just now
    for path in site.rglob("*.html"):
        stat = path.stat()
        os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns - 10_000_000_000))
    build(root, site)  # the pages linked from the site before: written ten seconds before
    assert PAGE in kept(root, site)


def test_the_records_of_another_site_folder_are_not_used(
    tmp_path: Path, fills: list[str], settled_at_once: None
) -> None:
    root = copy_of_example(tmp_path, with_template=True)
    build(root, tmp_path / "one")
    assert kept(root, tmp_path / "one")
    assert PlacedRecords(root / CACHE_DIR, tmp_path / "two").known == {}
    assert PlacedRecords(root / CACHE_DIR, tmp_path / "one").known


def test_damaged_records_are_ignored_with_a_warning(tmp_path: Path, fills: list[str], settled_at_once: None) -> None:
    root = copy_of_example(tmp_path, with_template=True)
    site = tmp_path / "site"
    build(root, site)
    path = root / CACHE_DIR / RECORDS_FILE
    path.write_bytes(path.read_bytes().replace(b"index.html", b"index.htm", 1))
    fills.clear()
    output = build(root, site)
    assert f"outage: warning: ignored the records of the placed pages {path}: corrupt; every page is compared" in output
    assert fills  # filled and compared, as without records
    assert fingerprint(site) == cold(tmp_path, root, NOW)


def test_pages_written_by_the_second_process_are_recorded_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, settled_at_once: None
) -> None:
    root = copy_of_example(tmp_path, with_template=True)
    monkeypatch.setattr(plugin, "WRITE_APART_FROM", 1)
    monkeypatch.setattr(plugin, "can_fork", lambda: False)
    build(root, tmp_path / "alone")
    alone = kept(root, tmp_path / "alone")
    monkeypatch.setattr(plugin, "can_fork", lambda: True)
    build(root, tmp_path / "apart")
    apart = kept(root, tmp_path / "apart")
    assert PAGE in apart and OTHER in apart
    assert {path: line.split()[0] for path, line in apart.items()} == {
        path: line.split()[0] for path, line in alone.items()
    }


SHELL = Shell(
    "<title>OUTAGESHELLTITLE&lt;i&gt;&lt;/i&gt;END</title>OUTAGESHELLCANONICAL<main>OUTAGESHELLCONTENT</main>"
)


@pytest.mark.parametrize(
    "other",
    [
        {"title": "Another"},
        {"description": "Another"},
        {"canonical_url": "https://example.com/other/"},
        {"path": "incidents/other/"},
        {"body": "<p>Another</p>"},
        {"body_key": "k"},
        {"feeds": [("Internet updates (Atom)", "../../feeds/services/internet.xml")]},
    ],
)
def test_what_a_page_is_made_of_changes_with_each_thing_it_is_filled_with(other: dict[str, str]) -> None:
    values = {"title": "T", "description": "D", "canonical_url": None, "body": "<p>B</p>", "path": None}
    made = SHELL.made_of(**values)
    assert SHELL.made_of(**values) == made
    assert SHELL.made_of(**{**values, "canonical_url": "", "path": ""}) == made  # fill makes the same of both
    assert SHELL.made_of(**{**values, **other}) != made
    assert Shell(SHELL.pieces[0] + "<p>" + "OUTAGESHELLCONTENT").made_of(**values) != made  # another shell
    # A body's key stands for it: a key is never taken for a body with that text, nor the other way.
    assert SHELL.made_of(**{**values, "body": "k"}) != SHELL.made_of(**{**values, "body_key": "k"})
    # A feed's title is never taken for its address, nor one feed's values for another's.
    feed = {**values, "feeds": [("a", "b")]}
    assert SHELL.made_of(**feed) != SHELL.made_of(**{**values, "feeds": [("b", "a")]})
    assert SHELL.made_of(**feed) != SHELL.made_of(**{**values, "feeds": [("ab", "")]})
