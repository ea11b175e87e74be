"""The French newsroom's feeds and index: ``fr/feeds/bulletins.xml``, ``fr/feeds/cap.xml``, ``fr/bulletins/index.json``.

Built by the CLI from the bilingual example (and with a withdrawal, through a
ledger), then read as a French desk's systems read them: valid Atom (RFC 4287
grammar) in French, read with feedparser, each entry carrying exactly the
French files it points to, ids of their own that the English feeds do not use.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import replace
from pathlib import Path

import feedparser
import pytest
from click.testing import CliRunner
from example_repo import copy_of_example
from feed_rules import atom_problems
from lxml import etree

from generator.bulletins import bulletin_outputs, published_sets
from generator.bulletins.templates import bulletin_templates
from generator.cli import main
from generator.incidents.load import load_site
from generator.incidents.times import parse_time
from generator.state.now import snapshot

ROOT = Path(__file__).resolve().parent.parent
CLAREVIEW = "2026-11-22-clareview-castle-downs-internet-outage"
SITE_URL = "https://status.northwind.example/"
CAP = "urn:oasis:names:tc:emergency:cap:1.2"


def run(*args: str) -> str:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0 and "Traceback" not in result.output, result.output
    return result.output


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("newsroom-fr") / "site"
    run("build", "--root", str(ROOT), "--now", "2026-11-22 10:45", "--site-dir", str(folder))
    return folder


def local(site: Path, url: str) -> Path:
    assert url.startswith(SITE_URL), url
    return site / url.removeprefix(SITE_URL)


def test_the_french_bulletin_feed_is_valid_atom_in_french_with_the_french_scripts(site: Path) -> None:
    xml = (site / "fr/feeds/bulletins.xml").read_bytes()
    assert atom_problems(xml, f"{SITE_URL}fr/feeds/bulletins.xml") == []
    assert etree.fromstring(xml).get("{http://www.w3.org/XML/1998/namespace}lang") == "fr"
    feed = feedparser.parse(xml)
    assert not feed.bozo
    assert feed.feed.title == "Northwind Broadband\u00a0: bulletins pour les salles de nouvelles"
    english = {entry.id for entry in feedparser.parse((site / "feeds/bulletins.xml").read_bytes()).entries}
    assert len(feed.entries) == len(english) > 3
    for entry in feed.entries:
        assert entry.id not in english and ":fr/bulletins/" in entry.id
        radio = next(link.href for link in entry.links if link.type == "text/plain")
        assert "/fr/bulletins/" in radio
        script = local(site, radio).read_text(encoding="utf-8")
        # The entry carries the French scripts of every length; radio.txt is the same scripts one after another.
        scripts = [html.unescape(part) for part in re.findall(r"<pre>(.*?)</pre>", entry.content[0].value, re.S)]
        assert "\n\n".join(scripts) == script
        assert "SUJET" in script and "DURÉE" in script
        cap = next(link.href for link in entry.links if link.type == "application/cap+xml")
        assert local(site, cap).is_file()
    first = feed.entries[0]
    assert first.title == "Cause trouvée\u00a0: Panne d'Internet à Clareview et à Castle Downs"


def test_the_french_cap_index_gives_each_message_its_french_headline(site: Path) -> None:
    xml = (site / "fr/feeds/cap.xml").read_bytes()
    assert atom_problems(xml, f"{SITE_URL}fr/feeds/cap.xml") == []
    feed = feedparser.parse(xml)
    english = {entry.id for entry in feedparser.parse((site / "feeds/cap.xml").read_bytes()).entries}
    assert len(feed.entries) == len(english) > 3
    for entry in feed.entries:
        assert entry.id not in english
        cap = next(link.href for link in entry.links if link.type == "application/cap+xml")
        message = etree.parse(str(local(site, cap)))
        infos = message.findall(f"{{{CAP}}}info")
        french = next(i for i in infos if i.findtext(f"{{{CAP}}}language", "").startswith("fr"))
        assert entry.title == french.findtext(f"{{{CAP}}}headline")
        assert entry.updated == message.findtext(f"{{{CAP}}}sent").replace(".000", "")
        assert "Message CAP" in entry.summary and " le " in entry.summary


def test_the_french_index_lists_files_that_are_there(site: Path) -> None:
    index = json.loads((site / "fr/bulletins/index.json").read_text(encoding="utf-8"))
    english = json.loads((site / "bulletins/index.json").read_text(encoding="utf-8"))
    assert index["language"] == "fr" and index["site"] == english["site"]
    assert [e["id"] for e in index["bulletins"]] == [e["id"] for e in english["bulletins"]]
    clareview = next(e for e in index["bulletins"] if e["incident"] == CLAREVIEW)
    assert clareview["title"] == "Panne d'Internet à Clareview et à Castle Downs"
    for entry in index["bulletins"]:
        for name, path in entry["files"].items():
            assert (site / path).is_file(), path
            assert path.startswith("bulletins/") if name == "cap.xml" else path.startswith("fr/bulletins/")


def test_a_withdrawn_update_is_a_french_kill_notice_in_the_feeds_and_the_index(tmp_path: Path) -> None:
    root = copy_of_example(tmp_path, with_template=True)
    ledger = tmp_path / "ledger" / "ledger.json"
    run("ledger", "init", "--root", str(root), "--now", "2026-11-22 11:00", "--ledger", str(ledger))
    run(
        "build",
        "--root",
        str(root),
        "--now",
        "2026-11-22 12:00",
        "--ledger",
        str(ledger),
        "--site-dir",
        str(tmp_path / "a"),
    )
    file = root / f"incidents/2026/{CLAREVIEW}.yml"
    text = file.read_text(encoding="utf-8")
    file.write_text(text[: text.index("  - at: 2026-11-22 08:55")] + text[text.index("  - at: 2026-11-22 10:30") :])
    site = tmp_path / "b"
    run("build", "--root", str(root), "--now", "2026-11-22 12:30", "--ledger", str(ledger), "--site-dir", str(site))
    feed = feedparser.parse((site / "fr/feeds/bulletins.xml").read_bytes())
    withdrawn = [e for e in feed.entries if e.title.startswith("Retiré")]
    assert len(withdrawn) == 1 and "À RETIRER" in withdrawn[0].content[0].value
    cap = feedparser.parse((site / "fr/feeds/cap.xml").read_bytes())
    cancel = [e for e in cap.entries if e.id.endswith("/cancel")]
    assert len(cancel) == 1 and cancel[0].title.startswith("Retiré") and "Annulation CAP" in cancel[0].summary
    index = json.loads((site / "fr/bulletins/index.json").read_text(encoding="utf-8"))
    assert [e["kind"] for e in index["bulletins"]].count("withdrawal") == 1
    assert atom_problems((site / "fr/feeds/cap.xml").read_bytes(), f"{SITE_URL}fr/feeds/cap.xml") == []


def test_a_one_language_site_has_no_french_newsroom() -> None:
    site = load_site(ROOT)
    one = replace(site, config=replace(site.config, languages=("en",)))
    state = snapshot(one, parse_time("2026-11-22 10:45", one.config.timezone))
    outputs = bulletin_outputs(published_sets(bulletin_templates(ROOT), state), state)
    assert "feeds/bulletins.xml" in outputs and "feeds/cap.xml" in outputs
    assert not any(path.startswith("fr/") for path in outputs)
