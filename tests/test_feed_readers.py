"""Every feed of the built site, as the W3C validator and real feed readers read it.

Readers must agree on what an entry links to: one ``alternate`` per entry (the
page), every other format beside it with its relation and type. A service's or
area's feed follows that service's or area's page. Entry ids differ between the
feeds a reader may follow together (newsboat keeps one copy of an id across
every feed, so with shared ids an update would vanish from all but one).
"""

from __future__ import annotations

import json
import subprocess
from itertools import combinations
from pathlib import Path

import feedparser
import pytest
import tools
from click.testing import CliRunner
from feed_rules import atom_problems

from generator.cli import main

ROOT = Path(__file__).resolve().parent.parent
SITE_URL = "https://status.northwind.example/"
OPEN_ID = "2026-11-22-clareview-castle-downs-internet-outage"
LATEST = "20261122-1730"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("feeds") / "site"
    result = CliRunner().invoke(
        main, ["build", "--root", str(ROOT), "--now", "2026-11-22 12:00", "--site-dir", str(out)]
    )
    assert result.exit_code == 0, result.output
    return out


def atom_feeds(site: Path) -> dict[str, bytes]:
    """Every Atom feed of the site by its path (RSS is read by the feed tests)."""
    return {
        p.relative_to(site).as_posix(): p.read_bytes()
        for p in sorted((site / "feeds").rglob("*.xml"))
        if p.name != "rss.xml"
    }


def page_of(path: str) -> str:
    """The page a feed follows: its service's or area's page, the newsroom page, or the front page."""
    parts = path.removesuffix(".xml").split("/")
    if parts[1] in ("services", "areas"):
        return f"{SITE_URL}{parts[1]}/{parts[2]}/"
    return f"{SITE_URL}bulletins/" if parts[1] in ("bulletins", "cap") else SITE_URL


def test_every_feed_passes_what_the_w3c_validator_checks(site: Path) -> None:
    feeds = atom_feeds(site)
    assert {"feeds/atom.xml", "feeds/bulletins.xml", "feeds/cap.xml", "feeds/areas/clareview.xml"} <= feeds.keys()
    problems = {path: atom_problems(xml, f"{SITE_URL}{path}") for path, xml in feeds.items()}
    assert {path: found for path, found in problems.items() if found} == {}


GOOD = b"""<?xml version='1.0' encoding='UTF-8'?>
<feed xmlns="http://www.w3.org/2005/Atom"><id>https://x.example/feeds/a.xml</id><title>x</title>
<updated>2026-05-12T08:25:00-06:00</updated><author><name>x</name></author>
<link href="https://x.example/feeds/a.xml" rel="self"/>
<entry><id>tag:x.example,2026-05-12:a/1</id><title>a</title><updated>2026-05-12T08:25:00-06:00</updated>
<link href="https://x.example/a/" rel="alternate" type="text/html"/>
<link href="https://x.example/a/radio.txt" rel="related" type="text/plain"/><summary>a</summary></entry>
</feed>"""


@pytest.mark.parametrize(
    ("old", "new", "problem"),
    [
        # What feedgen 1.0 wrote: both links without rel or type, so both are alternates.
        (b'/a/" rel="alternate" type="text/html"/>\n<link href="https://x.example/a/radio.txt" rel="related" type="text/plain"/>',
         b'/a/"/>\n<link href="https://x.example/a/radio.txt"/>', "2 links with rel='alternate', type=None"),
        (b'rel="related" type="text/plain"', b'rel="alternate" type="text/html"', "2 links with rel='alternate'"),
        (b'<link href="https://x.example/a/" rel="alternate" type="text/html"/>', b"", "no content and no alternate"),
        (b"<author><name>x</name></author>", b"", "no author, and the feed has none"),
        (b"<entry>", b"<entry><id>tag:x.example,2026-05-12:a/1</id><title>b</title><updated>2026-05-12T08:25:00-06:00</updated><content>b</content></entry><entry>", "used 2 times"),
        (b"a.xml\" rel", b"b.xml\" rel", "self link"),
        (b"<title>x</title>", b"", "RELAX NG"),
    ],
)  # fmt: skip
def test_each_rule_catches_its_violation(old: bytes, new: bytes, problem: str) -> None:
    assert atom_problems(GOOD, "https://x.example/feeds/a.xml") == []
    assert old in GOOD
    found = atom_problems(GOOD.replace(old, new, 1), "https://x.example/feeds/a.xml")
    assert any(problem in p for p in found), found


def test_feedparser_takes_each_entry_to_its_page_and_each_feed_to_its_page(site: Path) -> None:
    for path, xml in atom_feeds(site).items():
        parsed = feedparser.parse(xml)
        assert parsed.feed.link == page_of(path), path
        assert parsed.entries, path
        for entry in parsed.entries:
            assert entry.link.startswith(f"{SITE_URL}incidents/") or entry.link.startswith(f"{SITE_URL}bulletins/")
            alternates = [link for link in entry.links if link.rel == "alternate" and link.type == "text/html"]
            assert [link.href for link in alternates] == [entry.link], (path, entry.id)
    cap = feedparser.parse((site / "feeds/cap.xml").read_bytes()).entries[0]
    page = f"{SITE_URL}bulletins/{OPEN_ID}/{LATEST}/"
    assert cap.link == page  # the page, not the tag URI
    assert [(link.rel, link.href) for link in cap.links if link.type == "application/cap+xml"] == [
        ("alternate", f"{page}cap.xml")
    ]
    scripts = feedparser.parse((site / "feeds/bulletins.xml").read_bytes()).entries[0]
    assert scripts.link == page
    assert sorted((link.rel, link.type, link.href) for link in scripts.links) == [
        ("alternate", "text/html", page),
        ("related", "application/cap+xml", f"{page}cap.xml"),
        ("related", "text/plain", f"{page}radio.txt"),
    ]


def test_entry_ids_differ_between_feeds_and_keep_their_published_form(site: Path) -> None:
    ids = {path: {e.id for e in feedparser.parse(xml).entries} for path, xml in atom_feeds(site).items()}
    for (first, a), (second, b) in combinations(ids.items(), 2):
        assert not a & b, f"{first} and {second} share {sorted(a & b)[:2]}"
    tag = f"tag:status.northwind.example,2026-11-22:{{}}{OPEN_ID}/{LATEST}"
    assert tag.format("") in ids["feeds/atom.xml"]  # the site-wide feed's ids never moved
    assert tag.format("services/internet/") in ids["feeds/services/internet.xml"]
    assert tag.format("areas/clareview/") in ids["feeds/areas/clareview.xml"]
    assert tag.format("bulletins/") in ids["feeds/bulletins.xml"]
    assert tag.format("cap/") in ids["feeds/cap.xml"]
    rss = feedparser.parse((site / "feeds/rss.xml").read_bytes())
    assert {e.id for e in rss.entries} == ids["feeds/atom.xml"]  # RSS guids are the site-wide feed's ids


def test_rss_parser_reads_the_same_pages_and_ids(site: Path, tmp_path: Path) -> None:
    feeds = atom_feeds(site)
    node = tools.node("rss-parser")
    files = [str(site / path) for path in feeds]
    result = subprocess.run(
        [node, str(ROOT / "tests/browser/read_feeds.mjs"), *files], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    read = json.loads(result.stdout)
    for path, xml in feeds.items():
        parsed, theirs = feedparser.parse(xml), read[str(site / path)]
        assert theirs["link"] == page_of(path), path
        assert theirs["feedUrl"] == f"{SITE_URL}{path}", path
        assert [(i["id"], i["link"]) for i in theirs["items"]] == [(e.id, e.link) for e in parsed.entries], path
