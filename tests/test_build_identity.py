"""The fast build makes the same bytes as the build it replaced.

Generated pages no longer pass one by one through MkDocs and the theme (see
``generator/site/shells.py``), plain messages skip Markdown, and a rebuild takes
what it can from the cache. None of that may change a byte the reader gets:

- the golden digests in ``tests/golden/site/`` were made from the example by
  the build before any of this (commit 8ba0fc8, every page through MkDocs), at
  two moments; the site built now must match them file by file. Pages are
  compared by their ``<article>`` (what this project writes), so that a new
  mkdocs-material release, which changes its asset names in every page's head,
  does not fail the test; the whole pages are compared next;
- the reference path (every page through MkDocs, what ``mkdocs build`` does with
  the plugin) and the fast path build the same repository to the same bytes,
  head and all, for the example, a history with corrections and withdrawals, and
  a synthetic history.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.incidents.load import load_config

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).parent / "golden" / "site"
THEME_FILES = ("assets/javascripts/", "assets/stylesheets/", "assets/images/")
"""mkdocs-material's own files: they change with its releases, not with this project."""
LATER = ("fr/",)
"""Outputs added after the digests were made (the site in French): the rest must be as it was."""


def digests(site: Path) -> dict[str, str]:
    """sha256 of every file of a site (of a page: its article), the theme's own files and the gzip left out.

    ``sitemap.xml.gz`` is left out because MkDocs dates it in the machine's time zone.
    """
    found = {}
    for path in sorted(site.rglob("*")):
        if not path.is_file():
            continue
        name = path.relative_to(site).as_posix()
        if name.startswith(THEME_FILES) or name == "sitemap.xml.gz" or name.startswith(LATER):
            continue
        data = path.read_bytes()
        if name.endswith(".html") and b'<article class="md-content__inner' in data:
            start = data.index(b'<article class="md-content__inner')
            data = data[start : data.rindex(b"</article>") + len(b"</article>")]
        found[name] = hashlib.sha256(data).hexdigest()
    return found


def golden(name: str) -> dict[str, str]:
    lines = (GOLDEN / f"{name}.sha256").read_text(encoding="utf-8").splitlines()
    return {path: digest for digest, path in (line.split("  ", 1) for line in lines)}


def build(root: Path, site_dir: Path, now: str, *extra: str) -> None:
    result = CliRunner().invoke(main, ["build", "--root", str(root), "--now", now, "--site-dir", str(site_dir), *extra])
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize(
    ("now", "name"),
    [("2026-11-22 10:45", "example-2026-11-22_10_45"), ("2026-06-01 12:00", "example-2026-06-01_12_00")],
)
def test_the_example_is_byte_for_byte_what_the_build_before_made(tmp_path: Path, now: str, name: str) -> None:
    build(ROOT, tmp_path / "site", now)
    made, expected = digests(tmp_path / "site"), golden(name)
    assert sorted(made) == sorted(expected)
    differ = [path for path in expected if made[path] != expected[path]]
    assert differ == []


def test_the_digests_see_a_changed_byte(tmp_path: Path) -> None:
    """The comparison above can fail: one changed character in one page's article is seen."""
    build(ROOT, tmp_path / "site", "2026-06-01 12:00")
    page = tmp_path / "site" / "history" / "index.html"
    before = digests(tmp_path / "site")
    data = page.read_bytes()
    inside = data.index(b"<li>", data.index(b'<article class="md-content__inner'))
    page.write_bytes(data[:inside] + b"<li> " + data[inside + 4 :])
    after = digests(tmp_path / "site")
    assert [p for p in before if before[p] != after[p]] == ["history/index.html"]


# --- the fast path and the reference path make the same bytes, head and all ---------------------------

HOSTILE_TITLES = {
    "2026-04-21-slow-webmail.yml": 'Webmail <b>slow</b> &amp; "stuck"   for  R&D\'s <script>x</script> team',
    "2026-09-09-sturgeon-county-slow-dsl.yml": "DSL < 1 Mbit/s > nowhere </title><h1>not a heading",
    "2026-11-13-voicemail-access.yml": "Voicemail: OUTAGESHELL markers & {{ braces }} {% raw %} ü — ‘quotes’",
}
"""Titles that striptags, escaping and whitespace treat differently; none is the first page of its kind."""


def site_bytes(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def build_both_ways(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, root: Path, now: str, *extra: str, before=None):
    """(reference site, fast site, titles of the pages the fast build filled).

    The reference sends every page through the theme; ``before`` runs before each build.
    """
    from functools import partial

    from generator.site import plugin, shells

    filled = []
    fill = shells.Shell.fill

    def counted(self, *args):
        filled.append(args[0])
        return fill(self, *args)

    with monkeypatch.context() as patched:
        patched.setattr(plugin, "build_site", partial(plugin.build_site, shells=False))
        if before:
            before()
        build(root, tmp_path / "reference", now, *extra)
    with monkeypatch.context() as patched:
        patched.setattr(shells.Shell, "fill", counted)
        if before:
            before()
        build(root, tmp_path / "fast", now, *extra)
    return site_bytes(tmp_path / "reference"), site_bytes(tmp_path / "fast"), filled


def assert_same(reference: dict[str, bytes], fast: dict[str, bytes]) -> None:
    assert sorted(fast) == sorted(reference)
    assert [path for path in reference if fast[path] != reference[path]] == []


@pytest.mark.parametrize("now", ["2026-11-22 10:45", "2026-06-01 12:00"])
def test_filled_shells_make_the_pages_the_theme_makes(monkeypatch, tmp_path: Path, now: str) -> None:
    reference, fast, filled = build_both_ways(monkeypatch, tmp_path, ROOT, now)
    assert_same(reference, fast)
    incidents = [path for path in fast if path.startswith("incidents/") and path.endswith("/index.html")]
    assert len(filled) >= len(incidents) - 1  # the first incident page is rendered by the theme, to check the shell


def test_hostile_titles_fill_the_shell_as_the_theme_prints_them(monkeypatch, tmp_path: Path) -> None:
    from example_repo import copy_of_example

    root = copy_of_example(tmp_path, with_template=True)
    for name, title in HOSTILE_TITLES.items():
        path = root / "incidents" / "2026" / name
        text = path.read_text(encoding="utf-8")
        start = text.index("\ntitle:") + len("\ntitle:")
        end = text.index("\n", start)
        while text.startswith("\n  ", end):  # the title by language: en:, fr: on lines of their own
            end = text.index("\n", end + 1)
        quoted = '"' + title.replace("\\", "\\\\").replace('"', '\\"') + '"'
        path.write_text(text[:start] + " " + quoted + text[end:], encoding="utf-8")
    reference, fast, filled = build_both_ways(monkeypatch, tmp_path, root, "2026-11-22 10:45")
    assert_same(reference, fast)
    assert set(HOSTILE_TITLES.values()) <= set(filled)
    page = fast["incidents/2026-04-21-slow-webmail/index.html"].decode()
    assert "<title>Webmail slow &amp; &#34;stuck&#34; for R&amp;D&#39;s x team - " in page


def test_service_and_area_pages_fill_the_shell_with_their_own_feed_as_the_theme_prints_it(
    monkeypatch, tmp_path: Path
) -> None:
    """A service's or area's page links its feed in its head: a value of the shell, escaped as the theme does."""
    from example_repo import copy_of_example

    root = copy_of_example(tmp_path, with_template=True)
    config = root / "status.yml"
    text = config.read_text(encoding="utf-8")
    assert "    name: Mill Woods\n" in text
    config.write_text(
        text.replace("    name: Mill Woods\n", '    name: "Mill <Woods> & \\"Sons\\""\n'), encoding="utf-8"
    )
    reference, fast, filled = build_both_ways(monkeypatch, tmp_path, root, "2026-11-22 10:45")
    assert_same(reference, fast)
    page = fast["areas/mill-woods/index.html"].decode()
    feed = 'title="Mill &lt;Woods&gt; &amp; &#34;Sons&#34; updates (Atom)" href="../../feeds/areas/mill-woods.xml">'
    assert feed in page
    # Every service and area page is filled from its kind's shell (the first of each kind to prove it).
    settings = load_config(root)
    assert {item.name for item in (*settings.services, *settings.areas)} <= set(filled)


@pytest.mark.parametrize(
    "name",
    [
        "Northwind OUTAGESHELLFEEDTITLE7 Broadband",  # (the marker of an earlier release: a KeyError then)
        "Northwind OUTAGESHELLFEEDTITLE0<i></i>END OUTAGESHELLFEED0END: Broadband",
    ],
)
def test_feed_markers_in_text_every_page_prints_send_the_pages_through_the_theme(
    monkeypatch, tmp_path: Path, name: str
) -> None:
    """status.yml's name is printed on every page: markers in it are no feed of a page's, never filled as one."""
    from example_repo import copy_of_example

    root = copy_of_example(tmp_path, with_template=True)
    config = root / "status.yml"
    text = config.read_text(encoding="utf-8")
    assert text.count("\nname: ") == 1
    start = text.index("\nname: ") + len("\nname: ")
    config.write_text(text[:start] + f'"{name}"' + text[text.index("\n", start) :], encoding="utf-8")
    reference, fast, _ = build_both_ways(monkeypatch, tmp_path, root, "2026-11-22 10:45")
    assert_same(reference, fast)
    assert name.replace("<", "&lt;").replace(">", "&gt;") in fast["services/internet/index.html"].decode()


def test_a_theme_that_shortens_feed_titles_gets_the_pages_it_prints(monkeypatch, tmp_path: Path) -> None:
    """A shell is proved on the first page of its kind: a theme that prints a feed's title shortened must not
    pass the proof with a short title and have the longer ones filled whole (a review's finding)."""
    from example_repo import copy_of_example

    root = copy_of_example(tmp_path, with_template=True)
    theme = root / "site_template" / "overrides" / "main.html"
    text = theme.read_text(encoding="utf-8")
    assert text.count('title="{{ feed.title }}"') == 1
    theme.write_text(text.replace('title="{{ feed.title }}"', 'title="{{ feed.title | truncate(22) }}"'), "utf-8")
    reference, fast, _ = build_both_ways(monkeypatch, tmp_path, root, "2026-11-22 10:45")
    assert_same(reference, fast)
    assert 'title="Business fibre..."' in fast["services/business/index.html"].decode()


def test_corrections_and_withdrawals_fill_the_shell_as_the_theme_prints_them(monkeypatch, tmp_path: Path) -> None:
    from test_ledger import CLAREVIEW, Repository

    repo = Repository(tmp_path)
    repo.build("2026-11-22 12:00")
    text = repo.file.read_text(encoding="utf-8")
    second = text.index("  - at: 2026-11-22 08:55")
    third = text.index("  - at: ", second + 1)
    repo.file.write_text(text[:second] + text[third:].replace("Crews", "Our crews", 1), encoding="utf-8")
    ledger = repo.ledger.read_bytes()
    reference, fast, _ = build_both_ways(
        monkeypatch, tmp_path, repo.root, "2026-11-22 12:30", "--ledger", str(repo.ledger),
        before=lambda: repo.ledger.write_bytes(ledger),  # each build starts from the same ledger
    )  # fmt: skip
    assert_same(reference, fast)
    withdrawn = fast[f"bulletins/{CLAREVIEW}/20261122-1555/index.html"].decode()
    assert "Withdrawn: " in withdrawn
    assert "corrected <time" in fast[f"incidents/{CLAREVIEW}/index.html"].decode()


def test_a_generated_page_put_in_the_menu_goes_through_the_theme(monkeypatch, tmp_path: Path) -> None:
    """mkdocs.yml's nav may list a month page: it is then marked in the menu, which no shell of its kind is."""
    from example_repo import copy_of_example

    root = copy_of_example(tmp_path, with_template=True)
    config = root / "site_template" / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "  - History: history/index.md\n" in text
    config.write_text(
        text.replace("  - History: history/index.md\n", "  - History: history/index.md\n  - May: history/2026/05.md\n"),
        encoding="utf-8",
    )
    reference, fast, _ = build_both_ways(monkeypatch, tmp_path, root, "2026-11-22 10:45")
    assert_same(reference, fast)
    assert b'aria-current="page">May</a>' in fast["history/2026/05/index.html"]
