"""Filled pages after the first of their kind are written without MkDocs' steps for each (``direct.py``).

The bytes are checked against the reference build in ``test_build_identity.py``
(and the goldens); here: that the pages really are placed (a build where every
page fell back to MkDocs would pass those tests too), that a shell MkDocs does
not prove sends every page through MkDocs with the same bytes, and how pages
are placed.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import example, given
from hypothesis import strategies as st

from generator.cli import main
from generator.site import plugin, shells
from generator.site.direct import PLAIN, placement, site_address

ROOT = Path(__file__).resolve().parent.parent
NOW = "2026-11-22 12:00"


def build(root: Path, site: Path) -> dict[str, bytes]:
    result = CliRunner().invoke(main, ["build", "--root", str(root), "--now", NOW, "--site-dir", str(site)])
    assert result.exit_code == 0 and "Traceback" not in result.output, result.output
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def watch(monkeypatch: pytest.MonkeyPatch) -> tuple[list[int], list[int]]:
    """(pages placed in each build, on_files calls: one per try of MkDocs' build)."""
    placed: list[int] = []
    tries: list[int] = []
    write_placed, on_files = plugin.OutagePlugin._write_placed, plugin.OutagePlugin.on_files

    def counting_placed(self, config) -> None:
        placed.append(len(self._placed_pages))
        write_placed(self, config)

    def counting_tries(self, files, config):
        tries.append(1)
        return on_files(self, files, config)

    monkeypatch.setattr(plugin.OutagePlugin, "_write_placed", counting_placed)
    monkeypatch.setattr(plugin.OutagePlugin, "on_files", counting_tries)
    return placed, tries


def test_most_filled_pages_are_placed_and_listed_in_the_sitemap(monkeypatch, tmp_path: Path) -> None:
    placed, tries = watch(monkeypatch)
    site = build(ROOT, tmp_path / "site")
    assert tries == [1]
    incident_pages = [p for p in site if p.startswith(("incidents/", "fr/incidents/")) and p.endswith("/index.html")]
    # One incident page a language (and kind of page) goes through MkDocs to prove the shell; the rest are placed.
    assert len(placed) == 1 and placed[0] >= len(incident_pages) - 4
    sitemap = site["sitemap.xml"].decode()
    for page in incident_pages:
        assert f"<loc>https://status.northwind.example/{page.removesuffix('index.html')}</loc>" in sitemap


def test_a_shell_that_is_not_proven_sends_every_page_through_mkdocs_with_the_same_bytes(
    monkeypatch, tmp_path: Path
) -> None:
    expected = build(ROOT, tmp_path / "expected")
    placed, tries = watch(monkeypatch)
    # A theme that printed a value some new way: no shell is complete, so none is proven.
    monkeypatch.setattr(shells.Shell, "complete", property(lambda self: False))
    got = build(ROOT, tmp_path / "fallback")
    assert tries == [1, 1]  # placed at first, then built again with every page through MkDocs
    assert len(placed) == 1 and placed[0] > 0  # the first try placed pages, the second none
    assert sorted(got) == sorted(expected)
    assert [path for path in expected if got[path] != expected[path]] == []


@pytest.mark.parametrize(
    ("src_uri", "where"),
    [
        (
            "incidents/2026-11-22-fibre-cut.md",
            ("incidents/2026-11-22-fibre-cut/index.html", "incidents/2026-11-22-fibre-cut/"),
        ),
        ("fr/incidents/a.md", ("fr/incidents/a/index.html", "fr/incidents/a/")),
        ("history/2026/11/page/2.md", ("history/2026/11/page/2/index.html", "history/2026/11/page/2/")),
        ("bulletins/a/b/index.md", ("bulletins/a/b/index.html", "bulletins/a/b/")),
        ("index.md", None),  # the home page: MkDocs' own address (./)
        ("help.md", None),  # at the top: no kind of generated page is
        ("incidents/README.md", None),  # MkDocs makes README an index
        ("incidents/readme.md", None),
        ("incidents/a b.md", None),  # MkDocs would quote the address
        ("incidents/é.md", None),
        ("incidents/a.html", None),
        ("incidents/../a.md", None),
        ("incidents/...md", None),  # MkDocs reads "...md" as a name without extension: not a page
    ],
)
def test_placement_is_where_mkdocs_writes_a_page_or_none(src_uri: str, where) -> None:
    assert placement(src_uri) == where


def test_a_hand_written_page_links_to_a_placed_page_as_it_did(monkeypatch, tmp_path: Path) -> None:
    """MkDocs still knows placed pages: a link to one resolves in a strict build, as to a page it built."""
    from example_repo import copy_of_example

    root = copy_of_example(tmp_path, with_template=True)
    target = "2026-11-13-voicemail-access"  # not the first incident page: it is placed
    (root / "site_template" / "docs" / "notes.md").write_text(
        f"# Notes\n\nSee [the voicemail outage](incidents/{target}.md).\n", encoding="utf-8"
    )
    placed, _ = watch(monkeypatch)
    site = build(root, tmp_path / "site")
    assert placed and placed[0] > 0
    assert f'href="../incidents/{target}/"' in site["notes/index.html"].decode()
    assert f"incidents/{target}/index.html" in site


SITE_URLS = [
    "https://status.northwind.example/",
    "https://status.northwind.example",
    "https://example.com/status",
    "https://example.com/a/b/status/",
    "https://example.com/a/./b/../status/",
    "http://example.com:8080/s/?q=1#top",
    "https://example.com/%C3%A9tat/",
]
PART = st.from_regex(r"[A-Za-z0-9_~-][A-Za-z0-9_.~-]{0,12}", fullmatch=True)


@given(st.sampled_from(SITE_URLS), st.lists(PART, min_size=1, max_size=4))
def test_a_placed_pages_address_is_what_urljoin_gives(site_url: str, parts: list[str]) -> None:
    from urllib.parse import urljoin, urlsplit

    url = "/".join(parts) + "/"
    assert PLAIN.fullmatch(url[:-1] + ".md")
    address, path = site_address(site_url)
    canonical = urljoin(site_url if site_url.endswith("/") else site_url + "/", url)
    assert (address + url, path + url) == (canonical, urlsplit(canonical).path)


NAME = st.one_of(PART, st.sampled_from(["index", "README", "readme", "Index", "a b", "é", "..", ".", "x.y"]))


@given(st.lists(NAME, min_size=1, max_size=4))
def test_a_placed_page_is_where_mkdocs_puts_a_file_of_that_name(parts: list[str]) -> None:
    """MkDocs is not asked where a placed page goes (its file is made only if a link asks for it):
    ``placement`` must put it, on any name it places, where MkDocs' own file of that name goes."""
    from mkdocs.structure.files import File

    src_uri = "/".join(parts) + ".md"
    where = placement(src_uri)
    if where is not None:
        file = File(src_uri, None, "site", use_directory_urls=True)
        assert where == (file.dest_uri, file.url)


@given(st.lists(NAME, min_size=1, max_size=4), st.sampled_from([".xml", ".json", ".ics", ".txt", ".html", ""]))
@example([".", "feeds", "atom"], ".xml").via("a part MkDocs' path drops")
@example(["a", ".", "b"], ".txt").via("a part MkDocs' path drops")
def test_a_file_written_into_the_site_is_where_mkdocs_puts_a_file_of_that_name(parts: list[str], suffix: str) -> None:
    """MkDocs is not given the files the build writes (feeds, API, calendars): they are written where it would put
    its own file of that name, at any path ``check_relative_path`` lets through."""
    from mkdocs.structure.files import File

    src_uri = "/".join(parts) + suffix
    if not src_uri.endswith(".md"):
        assert plugin._file_dest(src_uri) == File(src_uri, None, "site", use_directory_urls=True).dest_uri


def site_files(monkeypatch: pytest.MonkeyPatch) -> list[plugin._SiteFiles]:
    """The files each build hands MkDocs (with the placed pages and the files written, found when asked for)."""
    seen: list[plugin._SiteFiles] = []
    on_files = plugin.OutagePlugin.on_files

    def keeping(self, files, config):
        seen.append(on_files(self, files, config))
        return seen[-1]

    monkeypatch.setattr(plugin.OutagePlugin, "on_files", keeping)
    return seen


def test_a_link_to_a_placed_page_makes_one_file_and_mkdocs_walks_no_other(monkeypatch, tmp_path: Path) -> None:
    """Placed pages are not in MkDocs' list of files: only the one a hand-written page links is made."""
    from example_repo import copy_of_example

    root = copy_of_example(tmp_path, with_template=True)
    target = "2026-11-13-voicemail-access"
    (root / "site_template" / "docs" / "notes.md").write_text(
        f"# Notes\n\nSee [the voicemail outage](incidents/{target}.md) and [it again](incidents/{target}.md).\n",
        encoding="utf-8",
    )
    seen = site_files(monkeypatch)
    placed, _ = watch(monkeypatch)
    build(root, tmp_path / "site")
    [files] = seen
    listed = {f.src_uri for f in files}
    assert placed[0] > 10 and not listed & {p for p in files._placed}
    assert [path for path in files._made if path in files._placed] == [f"incidents/{target}.md"]
    assert files.get_file_from_path(f"incidents/{target}.md").inclusion.is_excluded()
    assert f"incidents/{target}.md" in files and "incidents/no-such-page.md" not in files


def test_the_files_written_into_the_site_are_not_handed_to_mkdocs_but_found_when_linked(
    monkeypatch, tmp_path: Path
) -> None:
    """Feeds, API, calendars, bulletins: MkDocs does not copy them onto themselves; help.md's links still resolve."""
    seen = site_files(monkeypatch)
    site = build(ROOT, tmp_path / "site")
    [files] = seen
    listed = {f.src_uri for f in files}
    assert {"feeds/atom.xml", "api/v2/summary.json", "calendar.ics", "lite/index.html"} <= files.written
    assert not listed & files.written  # none is in MkDocs' list of files, which it copies
    assert set(files.written) <= set(site)  # every one is in the site
    # help.md links three of them (so does its French twin): made when MkDocs asked, as files in the site.
    linked = {"lite/index.html", "status.txt", "badge.svg", "fr/lite/index.html", "fr/status.txt"}
    assert linked & set(files._made) == {path for path in linked if path in files.written}
    assert all(files.get_file_from_path(path).inclusion.is_included() for path in ("status.txt", "badge.svg"))
    help_page = site["help/index.html"].decode()
    assert 'href="../lite/"' in help_page  # as MkDocs writes a link to a file named index.html
    assert 'href="../status.txt"' in help_page and 'href="../badge.svg"' in help_page


def test_pages_are_not_placed_without_directory_urls(monkeypatch, tmp_path: Path) -> None:
    """Placement gives directory addresses (incidents/<id>/): with use_directory_urls off, every page goes through
    MkDocs and is named its way (incidents/<id>.html), as before pages were placed (from a review)."""
    from example_repo import copy_of_example

    root = copy_of_example(tmp_path, with_template=True)
    settings = root / "site_template" / "mkdocs.yml"
    settings.write_text(
        settings.read_text(encoding="utf-8").replace("use_directory_urls: true", "use_directory_urls: false"),
        encoding="utf-8",
    )
    placed, _ = watch(monkeypatch)
    site = build(root, tmp_path / "site")
    assert not any(placed)
    incidents = [p.stem for p in (root / "incidents").rglob("*.yml")]
    assert incidents and all(f"incidents/{name}.html" in site for name in incidents)
    assert not any(f"incidents/{name}/index.html" in site for name in incidents)
