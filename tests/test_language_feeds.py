"""The feeds in each language: ``fr/feeds/atom.xml`` and the rest, in French, beside the English ones.

Expected text is written by hand from the example's French (``incidents/``) and
checked against Canadian usage: ``13 h HNR``, ``dimanche 22 novembre 2026``, a
non-breaking space before a colon. Text the files do not give in French is
shown in English and marked "en anglais seulement", never silently.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from click.testing import CliRunner
from example_repo import copy_of_example
from feed_rules import atom_problems
from lxml import etree

from generator.cli import main
from generator.feeds.atom import feed_outputs, feed_outputs_in, update_entry, withdrawal_entry
from generator.feeds.wording import clock_fr, day_fr
from generator.incidents.languages import site_in
from generator.incidents.load import load_site
from generator.incidents.times import parse_time
from generator.state.ledger import Issue, Withdrawal
from generator.state.now import snapshot

ROOT = Path(__file__).resolve().parent.parent
EDMONTON = ZoneInfo("America/Edmonton")
NOW = "2026-11-22 12:00"
CLAREVIEW = "2026-11-22-clareview-castle-downs-internet-outage"
ATOM = "{http://www.w3.org/2005/Atom}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
NBSP = "\u00a0"


def state_of(root: Path, now: str = NOW):
    site = load_site(root)
    return snapshot(site, parse_time(now, site.config.timezone))


def entries(xml: bytes) -> list[etree._Element]:
    return etree.fromstring(xml).findall(f"{ATOM}entry")


@pytest.mark.parametrize(
    ("local", "clock", "day"),
    [
        ("2026-11-22 13:00", "13 h HNR", "dimanche 22 novembre 2026"),
        ("2026-05-12 08:05", "8 h 05 HAR", "mardi 12 mai 2026"),
        ("2026-11-01 00:00", "minuit HAR", "dimanche 1er novembre 2026"),
        ("2026-07-01 12:00", "midi HAR", "mercredi 1er juillet 2026"),
        ("2026-12-03 00:30", "0 h 30 HNR", "jeudi 3 décembre 2026"),
    ],
)
def test_french_times_and_days_as_written_in_canada(local: str, clock: str, day: str) -> None:
    moment = parse_time(local, EDMONTON)
    assert (clock_fr(moment, EDMONTON), day_fr(moment, EDMONTON)) == (clock, day)


def test_the_french_feeds_are_the_english_ones_under_fr_each_with_xml_lang() -> None:
    state = state_of(ROOT)
    english, french = feed_outputs(state), feed_outputs_in(state, "fr")
    assert sorted(french) == sorted(f"fr/{path}" for path in english)
    assert feed_outputs_in(state, "en") == english
    for path, xml in french.items():
        document = etree.fromstring(xml)
        if path.endswith("rss.xml"):
            assert document.findtext("channel/language") == "fr"
            continue
        assert document.get(XML_LANG) == "fr", path
        assert atom_problems(xml, f"https://status.northwind.example/{path}") == [], path
    assert etree.fromstring(english["feeds/atom.xml"]).get(XML_LANG) == "en"


def test_a_french_entry_says_it_all_in_french() -> None:
    french = feed_outputs_in(state_of(ROOT), "fr")
    feed = etree.fromstring(french["fr/feeds/atom.xml"])
    assert feed.findtext(f"{ATOM}title") == "État des services de Northwind Broadband"
    latest = feed.find(f"{ATOM}entry")
    assert latest.findtext(f"{ATOM}id") == (
        f"tag:status.northwind.example,2026-11-22:fr/{CLAREVIEW}/20261122-1730"
    )  # its own id: not the English entry's
    assert latest.findtext(f"{ATOM}title") == f"Cause trouvée{NBSP}: Panne d'Internet à Clareview et à Castle Downs"
    assert latest.findtext(f"{ATOM}content") == (
        "<p>Une carte de circuits du routeur principal du central est tombée en panne. Une carte de remplacement "
        "arrive par la route de notre dépôt de Calgary et devrait être livrée en début d'après-midi; une fois "
        "qu'elle sera installée, nous prévoyons un retour du service vers 15 h.</p>"
        f"<ul><li><strong>Services{NBSP}:</strong> Internet</li>"
        f"<li><strong>Secteurs{NBSP}:</strong> Clareview, Castle Downs</li>"
        f"<li><strong>Retour prévu{NBSP}:</strong> dimanche 22 novembre 2026, 15 h HNR</li>"
        f"<li><strong>Prochaine mise à jour{NBSP}:</strong> dimanche 22 novembre 2026, 13 h HNR</li></ul>"
    )
    phone = etree.fromstring(french["fr/feeds/services/phone.xml"])
    assert phone.findtext(f"{ATOM}title") == f"État des services de Northwind Broadband{NBSP}: Téléphone résidentiel"


def test_a_maintenance_window_in_french() -> None:
    french = feed_outputs_in(state_of(ROOT, "2026-11-21 12:00"), "fr")
    (announced,) = [
        e for e in entries(french["fr/feeds/atom.xml"]) if e.findtext(f"{ATOM}id").endswith("/20261120-2230")
    ]
    assert (
        announced.findtext(f"{ATOM}title")
        == f"Planifié{NBSP}: Mise à niveau du routeur principal de Lauderdale et de Beverly"
    )
    assert (
        f"<strong>Période des travaux{NBSP}:</strong> du jeudi 3 décembre 2026, 1 h HNR au jeudi 3 décembre 2026, "
        "5 h HNR</li>"
    ) in announced.findtext(f"{ATOM}content")


def test_text_missing_in_french_is_shown_in_english_and_marked(tmp_path: Path) -> None:
    root = copy_of_example(tmp_path)
    status = (root / "status.yml").read_text(encoding="utf-8")
    (root / "status.yml").write_text(status.replace("name: {en: Email, fr: Courriel}", "name: Email"), encoding="utf-8")
    code = (
        CliRunner()
        .invoke(
            main,
            ["update", "--root", str(root), CLAREVIEW, "--now", "2026-11-22 11:00", "--message", "The board is here."],
        )
        .exit_code
    )
    assert code == 0
    (root / "incidents/2026/2026-11-23-webmail.yml").write_text(
        "title: Webmail is slow\nimpact: minor\nservices: [email]\nareas: [st-albert]\nupdates:\n"
        "  - at: 2026-11-22 11:30\n    status: investigating\n"
        "    message: {en: Webmail is slow., fr: La messagerie Web est lente.}\n",
        encoding="utf-8",
    )
    french = feed_outputs_in(state_of(root), "fr")
    by_id = {e.findtext(f"{ATOM}id").rsplit(":", 1)[1]: e for e in entries(french["fr/feeds/atom.xml"])}
    webmail = by_id["fr/2026-11-23-webmail/20261122-1830"]
    assert webmail.findtext(f"{ATOM}title") == f"Enquête en cours{NBSP}: Webmail is slow (en anglais seulement)"
    assert webmail.findtext(f"{ATOM}content").startswith(
        f"<p>La messagerie Web est lente.</p><ul><li><strong>Services{NBSP}:</strong> Email (en anglais seulement)</li>"
    )
    update = by_id[f"fr/{CLAREVIEW}/20261122-1800"]
    assert update.findtext(f"{ATOM}title") == f"Cause trouvée{NBSP}: Panne d'Internet à Clareview et à Castle Downs"
    assert update.findtext(f"{ATOM}content").startswith(
        '<p><em>En anglais seulement</em></p><div lang="en"><p>The board is here.</p></div><ul>'
    )
    email = etree.fromstring(french["fr/feeds/services/email.xml"])
    assert email.findtext(f"{ATOM}title") == (
        f"État des services de Northwind Broadband{NBSP}: Email (en anglais seulement)"
    )
    english = feed_outputs(state_of(root))["feeds/atom.xml"].decode()
    assert "anglais" not in english and "English only" not in english


def test_corrections_and_withdrawals_in_french() -> None:
    site = site_in(load_site(ROOT), "fr")
    incident = site.incident(CLAREVIEW)
    update = incident.updates[-1]
    corrected = update_entry(
        site.config, incident, update, Issue(update.id, revision=2, issued_at=parse_time("2026-11-22 10:42", EDMONTON))
    )
    assert corrected.title == (f"Correction{NBSP}: Cause trouvée{NBSP}: Panne d'Internet à Clareview et à Castle Downs")
    assert corrected.html.startswith(
        "<p><strong>Mise à jour corrigée</strong> le dimanche 22 novembre 2026 à 10 h 42 HNR.</p><p>Une carte"
    )
    gone = withdrawal_entry(
        site.config,
        Withdrawal(
            incident_id=CLAREVIEW, published_id="20261122-1555", at=parse_time("2026-11-22 08:55", EDMONTON),
            title="Internet outage in Clareview and Castle Downs", status="investigating", broadcast=False,
            services=("internet",), areas=("clareview",), revision=1,
            last_issued_at=parse_time("2026-11-22 08:55", EDMONTON),
            withdrawn_at=datetime(2026, 11, 22, 12, 0, tzinfo=EDMONTON),
        ),
    )  # fmt: skip
    assert gone.id == f"tag:status.northwind.example,2026-11-22:fr/{CLAREVIEW}/20261122-1555"
    assert gone.title == f"Retrait{NBSP}: Internet outage in Clareview and Castle Downs (en anglais seulement)"
    assert gone.html == (
        "<p>La mise à jour publiée le dimanche 22 novembre 2026 à 8 h 55 HNR a été retirée le "
        "dimanche 22 novembre 2026 à midi HNR.</p>"
    )


def test_the_build_writes_the_french_feeds_beside_the_english(tmp_path: Path) -> None:
    site = tmp_path / "site"
    result = CliRunner().invoke(main, ["build", "--root", str(ROOT), "--now", NOW, "--site-dir", str(site)])
    assert result.exit_code == 0, result.output
    french = (site / "fr/feeds/atom.xml").read_bytes()
    assert etree.fromstring(french).get(XML_LANG) == "fr"
    assert french == feed_outputs_in(state_of(ROOT), "fr")["fr/feeds/atom.xml"]
    assert (site / "fr/index.html").exists()  # the French pages its entries link to
    for link in etree.fromstring(french).iter("{http://www.w3.org/2005/Atom}link"):
        if link.get("rel") == "alternate":
            page = link.get("href").removeprefix("https://status.northwind.example/").split("#")[0]
            assert page.startswith("fr/") and (site / page / "index.html").is_file(), page
