"""The built status site: every page at its URL, strict MkDocs, atomic and reproducible builds."""

from __future__ import annotations

import hashlib
import html
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.site.writer import OutputError, check_relative_path

ROOT = Path(__file__).resolve().parent.parent
NOW = "2026-11-22 12:00"
OPEN_ID = "2026-11-22-clareview-castle-downs-internet-outage"


def build(root: Path, site_dir: Path, now: str = NOW) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["build", "--root", str(root), "--now", now, "--site-dir", str(site_dir)])
    assert "Traceback" not in result.output
    return result.exit_code, result.output


def fingerprint(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site") / "site"
    code, output = build(ROOT, out)
    assert code == 0, output
    return out


def test_every_page_is_at_its_url(site: Path) -> None:
    expected = [
        "index.html",
        f"incidents/{OPEN_ID}/index.html",
        "incidents/2026-05-12-north-edmonton-fibre-cut/index.html",
        "history/index.html",
        "history/2026/05/index.html",
        "history/2026/11/index.html",
        "services/internet/index.html",
        "areas/castle-downs/index.html",
        "maintenance/index.html",
        "help/index.html",
        "lite/index.html",
        "status.txt",
    ]
    missing = [path for path in expected if not (site / path).is_file()]
    assert not missing
    assert len(list((site / "incidents").iterdir())) == 12


def test_front_page_shows_status_incident_eta_next_update_and_maintenance(site: Path) -> None:
    html = (site / "index.html").read_text(encoding="utf-8")
    assert "<strong>Partial outage</strong>" in html
    assert f'href="incidents/{OPEN_ID}/">Internet outage in Clareview and Castle Downs</a>' in html
    assert (
        '<dt>Expected back</dt><dd><time datetime="2026-11-22T15:00-07:00">today at 3:00 p.m. MST</time></dd>' in html
    )
    assert '<dt>Next update</dt><dd><time datetime="2026-11-22T13:00-07:00">today at 1:00 p.m. MST</time>' in html
    assert "Core router upgrade for Lauderdale and Beverly" in html  # upcoming maintenance
    assert "Trouble reaching voicemail" in html or "voicemail" in html.lower()  # the last 14 days
    # every service with its status in words and an icon; every area in the index the front page links
    for name in ("Internet", "Home phone", "Email", "Business fibre"):
        assert f'>{name}</a> <span class="outage-status' in html, name
    assert html.count('class="outage-icon"') >= 5
    assert '<a href="areas/">Find your area</a>' in html
    index = (site / "areas/index.html").read_text(encoding="utf-8")
    for name in ("Beverly", "Castle Downs", "Clareview", "Lauderdale", "Mill Woods", "St. Albert", "Sturgeon County"):
        assert f'>{name}</a> <span class="outage-region">' in index, name


def test_incident_page_has_the_whole_timeline_with_anchors(site: Path) -> None:
    html = (site / "incidents/2026-05-12-north-edmonton-fibre-cut/index.html").read_text(encoding="utf-8")
    ids = re.findall(r'<li id="update-([0-9-]+)">', html)
    # newest first, every update, each by its identity: its time in UTC
    assert ids == ["20260512-1940", "20260512-1850", "20260512-1655", "20260512-1520", "20260512-1425"]
    assert "What happened" in html  # the postmortem
    assert "<dt>Customers affected</dt><dd>4,800</dd>" in html
    assert re.search(r'<time datetime="2026-05-12T\d\d:\d\d-06:00">', html), "May times carry MDT's offset"
    assert "MDT" in html


def test_times_use_the_zone_abbreviation_of_their_date(site: Path) -> None:
    may = (site / "incidents/2026-05-12-north-edmonton-fibre-cut/index.html").read_text(encoding="utf-8")
    november = (site / f"incidents/{OPEN_ID}/index.html").read_text(encoding="utf-8")
    assert " a.m. MDT" in may or " p.m. MDT" in may
    assert "10:30 a.m. MST" in november


def test_every_page_links_the_lite_page_and_loads_nothing_from_other_hosts(site: Path) -> None:
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 30
    loads = re.compile(r'<(?:script|img|iframe|source)[^>]+src="([^"]+)"|<link[^>]+href="([^"]+)"[^>]*>')
    for page in pages:
        html = page.read_text(encoding="utf-8")
        if page.name != "404.html" and page.parent.name != "lite":
            assert re.search(r'href="[./]*lite/"', html), f"{page} has no link to the lite page"
        for match in loads.finditer(html):
            target = match.group(1) or match.group(2)
            tag = match.group(0)
            if 'rel="alternate"' in tag or 'rel="canonical"' in tag:
                continue  # links to follow, not resources to load
            assert not re.match(r"^(https?:)?//", target), f"{page} loads {target} from another host"


def test_no_web_fonts_and_no_search_index(site: Path) -> None:
    html = (site / "index.html").read_text(encoding="utf-8")
    assert "fonts.googleapis" not in html and "fonts.gstatic" not in html
    assert not (site / "search" / "search_index.json").exists()


def test_lite_page_and_status_txt_are_plain(site: Path) -> None:
    lite = (site / "lite/index.html").read_text(encoding="utf-8")
    assert "<script" not in lite and 'rel="stylesheet"' not in lite
    assert "Internet outage in Clareview and Castle Downs" in lite
    assert "Expected back today at 3:00 p.m. MST." in lite
    text = (site / "status.txt").read_text(encoding="utf-8")
    assert text.startswith("Northwind Broadband status\nPartial outage.\nAs of Sunday, November 22, 2026, noon MST.\n")
    assert "Next update today at 1:00 p.m. MST." in text


def test_two_builds_of_the_same_input_are_byte_identical(site: Path, tmp_path: Path) -> None:
    code, output = build(ROOT, tmp_path / "again")
    assert code == 0, output
    assert fingerprint(tmp_path / "again") == fingerprint(site)
    code, output = build(ROOT, tmp_path / "later", now="2026-11-22 16:00")
    assert code == 0, output
    assert fingerprint(tmp_path / "later")["index.html"] != fingerprint(site)["index.html"]


def test_a_failed_build_leaves_the_previous_site_byte_for_byte(project: Path) -> None:
    out = project / "site"
    code, output = build(project, out)
    assert code == 0, output
    before = fingerprint(out)
    broken = project / "incidents/2026" / f"{OPEN_ID}.yml"
    broken.write_text(broken.read_text(encoding="utf-8").replace("status: identified", "status: fixed"), "utf-8")
    code, output = build(project, out)
    assert code == 1
    assert f"incidents/2026/{OPEN_ID}.yml:" in output and "found 'fixed'" in output
    assert fingerprint(out) == before
    kept = ".outage-cache"  # the build cache the first build left, by design (git-ignored)
    assert [p.name for p in project.iterdir() if p.name.startswith(".") and p.name != kept] == []


def test_a_build_mkdocs_refuses_leaves_the_previous_site_too(project: Path) -> None:
    out = project / "site"
    assert build(project, out)[0] == 0
    before = fingerprint(out)
    (project / "site_template/docs/broken.md").write_text("[missing](nowhere.md)\n", encoding="utf-8")
    code, output = build(project, out)
    assert code == 1
    assert "the site was not built" in output and "unchanged" in output
    assert "'nowhere.md'" in output  # MkDocs' own reason is passed on
    assert fingerprint(out) == before


def test_a_static_page_may_not_replace_a_generated_one(project: Path, tmp_path: Path) -> None:
    (project / "site_template/docs/index.md").write_text("# Hello\n", encoding="utf-8")
    code, output = build(project, tmp_path / "out")
    assert code == 1
    assert "index.html is claimed twice: by" in output and "docs/index.md and the generated index.md" in output


@pytest.mark.parametrize("path", ["../escape.txt", "/etc/passwd", "a/../../b", "", ".", "./", "a/./../b", "a\\..\\b"])
def test_outputs_cannot_leave_the_site_folder(path: str) -> None:
    with pytest.raises(OutputError):
        check_relative_path(path)


@pytest.mark.parametrize("path", ["index.html", "incidents/x/index.html", "a//b.txt", "./a.txt", "a..b/c.txt"])
def test_outputs_inside_the_site_folder_are_allowed(path: str) -> None:
    assert check_relative_path(path) == path


def test_plain_mkdocs_build_strict_of_the_template(tmp_path: Path) -> None:
    env = {**os.environ, "OUTAGE_NOW": NOW, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(ROOT / "site_template/mkdocs.yml")]
    result = subprocess.run([*command, "-d", str(tmp_path / "out")], env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out/index.html").is_file()
    assert "WARNING" not in result.stderr


def test_serve_watches_the_incident_files(project: Path) -> None:
    from mkdocs.config import load_config

    config = load_config(str(project / "site_template/mkdocs.yml"))
    plugin = config.plugins["outage"]
    os.environ["OUTAGE_NOW"] = NOW
    try:
        plugin.on_config(config)
    finally:
        del os.environ["OUTAGE_NOW"]

    class Server:
        def __init__(self) -> None:
            self.watched: list[str] = []

        def watch(self, path: str) -> None:
            self.watched.append(path)

    server = plugin.on_serve(Server(), config=config, builder=None)
    assert str(project / "incidents") in server.watched
    assert str(project / "status.yml") in server.watched


def broken_links(site: Path) -> tuple[int, list[str]]:
    """(pages read, "page -> target" of every relative link, asset or #anchor that leads nowhere in ``site``)."""
    from urllib.parse import unquote, urlsplit

    reference = re.compile(r'(?:href|src)="([^"]+)"')
    anchor = re.compile(r'\s(?:id|name)="([^"]+)"')
    ids: dict[Path, set[str]] = {}

    def ids_of(path: Path) -> set[str]:
        if path not in ids:
            ids[path] = set(anchor.findall(path.read_text(encoding="utf-8", errors="replace")))
        return ids[path]

    broken = []
    pages = sorted(site.rglob("*.html"))
    for page in pages:
        if page.name == "404.html":
            continue  # served at any depth: its links are absolute or relative to the site root by design
        for target in reference.findall(page.read_text(encoding="utf-8")):
            target = html.unescape(target)
            parts = urlsplit(target)
            if parts.scheme or target.startswith("//"):
                continue
            resolved = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            if parts.path.endswith("/") or resolved.is_dir():
                resolved = resolved / "index.html"
            if not resolved.is_file():
                broken.append(f"{page.relative_to(site)} -> {target}")
            elif parts.fragment and resolved.suffix == ".html" and unquote(parts.fragment) not in ids_of(resolved):
                broken.append(f"{page.relative_to(site)} -> {target} (no such anchor)")
    return len(pages), broken


def test_every_relative_link_asset_and_anchor_in_every_page_exists(site: Path) -> None:
    """Generated pages skip MkDocs (its Markdown step and its link checks), so every link and anchor is checked here."""
    pages, broken = broken_links(site)
    assert pages > 40
    assert not broken, "\n".join(broken[:20])


def test_the_link_check_sees_a_broken_link_and_a_missing_anchor(site: Path, tmp_path: Path) -> None:
    import shutil

    copy = tmp_path / "site"
    shutil.copytree(site, copy)
    page = copy / "incidents" / OPEN_ID / "index.html"
    text = page.read_text(encoding="utf-8")
    assert 'href="#main"' in text and text.count('id="main"') == 1  # the skip link, on every page
    page.write_text(text.replace('id="main"', 'id="elsewhere"'), encoding="utf-8")
    (copy / "areas" / "index.html").unlink()
    _, broken = broken_links(copy)
    assert f"incidents/{OPEN_ID}/index.html -> #main (no such anchor)" in broken
    assert any(line.endswith("areas/") for line in broken), broken[:5]
