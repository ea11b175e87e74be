"""The status site in French at /fr/: every page, built for real (``outage build`` runs ``mkdocs build --strict``).

Checked on the built example (English and French): every French page exists and
says ``<html lang="fr">``; its links and anchors resolve (the same check as
``test_site``'s, which walks ``fr/`` too); hreflang links come in pairs that point
at each other; no English interface phrase of the catalogue shows in a French
page's content; the French feeds link French pages with ids unchanged. A site in
one language has no ``fr/`` and no hreflang.
"""

from __future__ import annotations

import re
import sys
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from click.testing import CliRunner
from lxml import etree, html

from generator.catalogue import catalogue_for
from generator.catalogue.phrases import FRENCH
from generator.cli import main
from generator.site.pages import change_words, keep_together
from generator.state.as_of import Change

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(Path(__file__).parent))

from example_repo import copy_of_example  # noqa: E402
from history import make_repository  # noqa: E402
from test_site import broken_links  # noqa: E402

NOW = "2026-11-22 12:00"
SITE_URL = "https://status.northwind.example/"
OPEN_ID = "2026-11-22-clareview-castle-downs-internet-outage"
FRENCH_PAGES = [
    "fr/index.html",
    "fr/areas/index.html",
    "fr/maintenance/index.html",
    "fr/history/index.html",
    "fr/history/2026/11/index.html",
    "fr/services/internet/index.html",
    "fr/areas/castle-downs/index.html",
    f"fr/incidents/{OPEN_ID}/index.html",
    "fr/bulletins/index.html",
    f"fr/bulletins/{OPEN_ID}/20261122-1730/index.html",
    "fr/help/index.html",
    "fr/lite/index.html",
]


def build(root: Path, site: Path) -> Path:
    result = CliRunner().invoke(main, ["build", "--root", str(root), "--now", NOW, "--site-dir", str(site)])
    assert result.exit_code == 0, result.output
    return site


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(ROOT, tmp_path_factory.mktemp("languages") / "site")


def test_every_page_is_also_in_french(site: Path) -> None:
    for path in FRENCH_PAGES:
        page = html.parse(str(site / path)).getroot()
        assert page.get("lang") == "fr", path
    english = {p.relative_to(site).as_posix() for p in site.rglob("index.html") if not p.is_relative_to(site / "fr")}
    french = {p.relative_to(site / "fr").as_posix() for p in (site / "fr").rglob("index.html")}
    assert english - {"index.html"} <= french | {"index.html"}, sorted(english - french)[:5]
    assert html.parse(str(site / "index.html")).getroot().get("lang") == "en"
    assert html.parse(str(site / "404.html")).getroot().get("lang") == "en"


def test_every_french_link_and_anchor_resolves(site: Path) -> None:
    _pages, broken = broken_links(site)
    assert len(list((site / "fr").rglob("*.html"))) > 40  # the check walked the French pages too
    assert not broken, "\n".join(broken[:20])


def alternates(path: Path) -> dict[str, str]:
    page = html.parse(str(path)).getroot()
    return {link.get("hreflang"): link.get("href") for link in page.xpath("//head/link[@rel='alternate'][@hreflang]")}


def test_hreflang_links_pair_each_page_with_its_counterpart(site: Path) -> None:
    checked = 0
    for path in sorted(site.rglob("index.html")):
        found = alternates(path)
        folder = path.parent.relative_to(site).as_posix()
        here = SITE_URL if folder == "." else f"{SITE_URL}{folder}/"
        assert set(found) == {"en", "fr", "x-default"}, path
        assert found["x-default"] == found["en"]
        assert here in (found["en"], found["fr"]), (path, found)
        assert found["fr"] == found["en"].replace(SITE_URL, SITE_URL + "fr/", 1)
        other = found["fr"] if here == found["en"] else found["en"]
        counterpart = site / other.removeprefix(SITE_URL) / "index.html"
        assert alternates(counterpart) == found, (path, counterpart)
        checked += 1
    assert checked > 100


def test_the_switch_links_the_same_page_in_the_other_language(site: Path) -> None:
    english = html.parse(str(site / f"incidents/{OPEN_ID}/index.html")).getroot()
    (switch,) = english.xpath("//a[@class='outage-language']")
    assert (switch.text, switch.get("lang"), switch.get("hreflang")) == ("Français", "fr", "fr")
    assert switch.get("href") == f"../../fr/incidents/{OPEN_ID}/"
    french = html.parse(str(site / f"fr/incidents/{OPEN_ID}/index.html")).getroot()
    (switch,) = french.xpath("//a[@class='outage-language']")
    assert (switch.text, switch.get("lang"), switch.get("hreflang")) == ("English", "en", "en")
    assert switch.get("href") == f"../../../incidents/{OPEN_ID}/"
    menu = [a.text for a in french.xpath("//nav[@class='outage-menu']//a")]
    assert menu == [
        "État",
        "Secteurs",
        "Entretien",
        "Historique",
        "Pour les médias",
        "Aide",
        "État en texte seulement",
        "English",
    ]


def english_probes() -> set[str]:
    """Every English piece of the catalogue's phrases of two words or more that its French does not share."""
    probes = {"Skip to content", "Resolved", "Investigating", "Identified", "Operational", "Partial outage"}
    for english, french in FRENCH.items():
        for part in re.split(r"\{[a-z_]+\}", english):
            part = part.strip(" .,:;()·")
            if len(part.split()) >= 2 and part not in french:
                probes.add(part)
    return probes


def test_no_english_interface_phrase_on_a_french_page(site: Path) -> None:
    probes = english_probes()
    assert {"Current incidents", "Next update by", "Skip to content"} <= probes
    leaks = []
    for path in sorted((site / "fr").rglob("*.html")):
        page = html.parse(str(path)).getroot()
        content = page.xpath("//article[@id='main']") or page.xpath("//main")
        text = " ".join(content[0].itertext())
        leaks += [f"{path.relative_to(site)}: {p}" for p in probes if re.search(rf"\b{re.escape(p)}\b", text)]
    assert leaks == []
    front = " ".join(html.parse(str(site / "fr/index.html")).getroot().itertext())
    assert "Incidents en cours" in front and "Aller au contenu" in front
    assert "14\u00a0h\u00a0HNR" in front or "15\u00a0h\u00a0HNR" in front  # times held together on a page


def test_french_feeds_link_french_pages_and_keep_their_ids(site: Path) -> None:
    atom = "{http://www.w3.org/2005/Atom}"
    feed = etree.parse(str(site / "fr/feeds/atom.xml")).getroot()
    entries = feed.findall(f"{atom}entry")
    assert entries
    for entry in entries:
        assert ":fr/" in entry.findtext(f"{atom}id")
        link = entry.find(f"{atom}link").get("href")
        assert link.startswith(SITE_URL + "fr/incidents/"), link
        page = link.removeprefix(SITE_URL).split("#")[0]
        assert (site / page / "index.html").is_file()
    english = etree.parse(str(site / "feeds/atom.xml")).getroot()
    assert all(
        e.find(f"{atom}link").get("href").startswith(SITE_URL + "incidents/") for e in english.findall(f"{atom}entry")
    )


def test_a_one_language_site_has_no_french_pages_and_no_hreflang(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    make_repository(root, 3)
    assert "languages" not in (root / "status.yml").read_text(encoding="utf-8")
    site = build(root, tmp_path / "site")
    assert not (site / "fr").exists()
    for path in site.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert "hreflang" not in text and "outage-language" not in text, path


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("aujourd'hui à 14 h 30 HNR", "aujourd'hui à 14\u00a0h\u00a030\u00a0HNR"),
        ("jeu. 3 déc. à 1 h HNR", "jeu. 3 déc. à 1\u00a0h\u00a0HNR"),
        ("midi HAR", "midi\u00a0HAR"),
        ("2 h 30 min", "2\u00a0h\u00a030\u00a0min"),
        ("3 jours 4 h", "3\u00a0jours 4\u00a0h"),
        ("45 min", "45\u00a0min"),
        ("le 3 décembre 2026", "le 3 décembre 2026"),
    ],
)
def test_french_times_on_a_page_keep_together(text: str, expected: str) -> None:
    assert keep_together(text) == expected


def test_french_feeds_keep_ordinary_spaces_in_times(site: Path) -> None:
    feed = (site / "fr/feeds/atom.xml").read_text(encoding="utf-8")
    assert " h HNR" in feed or " h 30 HNR" in feed
    assert not re.search("\\d\u00a0h", feed)


def test_text_given_only_in_english_is_marked_on_the_french_pages(tmp_path: Path) -> None:
    root = copy_of_example(tmp_path, with_template=True)
    result = CliRunner().invoke(
        main, ["update", "--root", str(root), OPEN_ID, "--now", "2026-11-22 11:00", "--message", "The board is here."]
    )
    assert result.exit_code == 0, result.output
    (root / "incidents/2026/2026-11-22-webmail.yml").write_text(
        "title: Webmail is slow\nimpact: minor\nservices: [email]\nareas: [st-albert]\nupdates:\n"
        "  - at: 2026-11-22 11:30\n    status: investigating\n"
        "    message: {en: Webmail is slow., fr: La messagerie Web est lente.}\n",
        encoding="utf-8",
    )
    site = build(root, tmp_path / "site")
    marked = "(en anglais seulement)"
    page = " ".join(html.parse(str(site / f"fr/incidents/{OPEN_ID}/index.html")).getroot().itertext())
    assert f"{marked} The board is here." in page
    page = " ".join(html.parse(str(site / "fr/incidents/2026-11-22-webmail/index.html")).getroot().itertext())
    assert f"Webmail is slow {marked}" in page and "La messagerie Web est lente." in page
    front = " ".join(html.parse(str(site / "fr/index.html")).getroot().itertext())
    assert f"Webmail is slow {marked}" in front and f"{marked} The board is here." in front
    english = " ".join(html.parse(str(site / f"incidents/{OPEN_ID}/index.html")).getroot().itertext())
    assert "The board is here." in english and "anglais" not in english


EDMONTON = ZoneInfo("America/Edmonton")
AT_1430 = datetime(2026, 11, 22, 14, 30, tzinfo=EDMONTON)
AT_1600 = datetime(2026, 11, 22, 16, 0, tzinfo=EDMONTON)


@pytest.mark.parametrize(
    ("change", "english", "french"),
    [
        (
            Change("cause", "found", None, "A failed card"),
            "Cause found: A failed card",
            "Cause trouvée\u00a0: A failed card",
        ),
        (
            Change("restore_eta", "set", None, AT_1430),
            "Estimate: 2:30 p.m. MST",
            "Heure prévue\u00a0: 14\u00a0h\u00a030\u00a0HNR",
        ),
        (
            Change("restore_eta", "moved", AT_1430, AT_1600),
            "Estimate moved from 2:30 p.m. MST to 4:00 p.m. MST",
            "Heure prévue modifiée\u00a0: 14\u00a0h\u00a030\u00a0HNR → 16\u00a0h\u00a0HNR",
        ),
        (Change("restore_eta", "withdrawn", AT_1430, None), "Estimate withdrawn", "Heure prévue retirée"),
        (
            Change("customers", "changed", 4800, 12000),
            "Customers affected: 4,800 → 12,000",
            "Clients touchés\u00a0: 4\u00a0800 → 12\u00a0000",
        ),
        (Change("impact", "raised", "minor", "major"), "Impact raised to major", "Impact relevé\u00a0: majeur"),
    ],
)
def test_what_an_update_changed_in_each_language(change: Change, english: str, french: str) -> None:
    assert change_words(change, EDMONTON) == english
    assert change_words(change, EDMONTON, catalogue_for("en")) == english
    assert change_words(change, EDMONTON, catalogue_for("fr")) == french


def test_a_withdrawn_update_has_its_french_kill_notice_page(tmp_path: Path) -> None:
    from test_ledger import CLAREVIEW, Repository

    repo = Repository(tmp_path)
    repo.build("2026-11-22 12:00")
    text = repo.file.read_text(encoding="utf-8")
    second = text.index("  - at: 2026-11-22 08:55")
    third = text.index("  - at: ", second + 1)
    repo.file.write_text(text[:second] + text[third:], encoding="utf-8")  # the 08:55 update withdrawn
    site, _ = repo.build("2026-11-22 12:30")
    page = html.parse(str(site / f"fr/bulletins/{CLAREVIEW}/20261122-1555/index.html")).getroot()
    assert page.get("lang") == "fr"
    # the theme's <title> is the title with its tags stripped, which makes the no-break space a space
    assert page.findtext(".//title").startswith("Retiré : Panne d'Internet à Clareview et à Castle Downs")
    assert page.xpath("//h1")[0].text_content() == "Retiré\u00a0: Panne d'Internet à Clareview et à Castle Downs"
    content = " ".join(page.xpath("//article[@id='main']")[0].itertext())
    assert "a retiré" in content and "À RETIRER" in content and "withdrew" not in content
    english = html.parse(str(site / f"bulletins/{CLAREVIEW}/20261122-1555/index.html")).getroot()
    assert english.findtext(".//title").startswith("Withdrawn: Internet outage in Clareview and Castle Downs")


def test_status_txt_in_french_beside_the_english(site: Path) -> None:
    """``fr/status.txt``: the plain-text status in French, its links to French pages; the French pages link it."""
    french = (site / "fr/status.txt").read_text(encoding="utf-8")
    english = (site / "status.txt").read_text(encoding="utf-8")
    assert french.splitlines()[0] == "État des services de Northwind Broadband"
    assert english.splitlines()[0] == "Northwind Broadband status"
    assert "Services\u00a0: Internet. Secteurs\u00a0: Clareview, Castle Downs." in french
    assert "Retour prévu aujourd'hui à 15\u00a0h\u00a0HNR." in french  # text: no HTML escapes
    assert "https://status.northwind.example/fr/incidents/2026-11-22-clareview-castle-downs-internet-outage/" in french
    assert "/fr/incidents/" not in english and "Services: Internet. Areas: Clareview, Castle Downs." in english
    assert 'href="status.txt"' in (site / "fr/index.html").read_text(encoding="utf-8")
