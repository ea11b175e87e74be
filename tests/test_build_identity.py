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

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).parent / "golden" / "site"
THEME_FILES = ("assets/javascripts/", "assets/stylesheets/", "assets/images/")
"""mkdocs-material's own files: they change with its releases, not with this project."""


def digests(site: Path) -> dict[str, str]:
    """sha256 of every file of a site (of a page: its article), the theme's own files and the gzip left out.

    ``sitemap.xml.gz`` is left out because MkDocs dates it in the machine's time zone.
    """
    found = {}
    for path in sorted(site.rglob("*")):
        if not path.is_file():
            continue
        name = path.relative_to(site).as_posix()
        if name.startswith(THEME_FILES) or name == "sitemap.xml.gz":
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
