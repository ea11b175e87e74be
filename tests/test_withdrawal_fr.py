"""A withdrawn update in French: the kill notice under ``fr/bulletins/`` and the CAP Cancel's ``fr-CA`` block.

Staff remove the 8:55 update of the Clareview outage after it was published (a
ledger records it): the English newsroom gets its kill notice and alert hubs a
Cancel, as ``test_ledger.py`` checks; on this bilingual site the French newsroom
gets the same notice in French beside the French bulletins, and the Cancel
carries a French block after the English one, with the same values. Expected
French written by hand from the example's own French title and places.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pytest
from cap_cp_rules import check_cap_cp_recommendations, check_cap_cp_rules
from cap_rules import check_cap_rules
from cap_tools import AlertState
from cap_tools.models import Alert
from capparselib.parsers import CAPParser
from click.testing import CliRunner
from example_repo import copy_of_example
from lxml import etree
from xsdata.formats.dataclass.parsers import XmlParser

from generator.bulletins import WithdrawalSet, withdrawal_sets
from generator.bulletins.cap import cap_cancel
from generator.bulletins.editorial.sms import SMS_LIMIT, is_gsm7
from generator.bulletins.fr.withdrawal import FrenchWithdrawal, french_title
from generator.cli import main
from generator.incidents.languages import site_in
from generator.incidents.load import load_site
from generator.state.ledger import Publication, Withdrawal
from generator.state.now import snapshot

ROOT = Path(__file__).resolve().parent.parent
CLAREVIEW = "2026-11-22-clareview-castle-downs-internet-outage"
FIRST, SECOND = "20261122-1510", "20261122-1555"  # 8:10 and 8:55 a.m. MST; 8:55 is removed
HOST = "status.northwind.example"
CAP = "{urn:oasis:names:tc:emergency:cap:1.2}"
SCHEMA = etree.XMLSchema(etree.parse(str(Path(__file__).parent / "schemas/cap12.xsd")))
NBSP, NNBSP = "\u00a0", "\u202f"

KILL = (
    f"À RETIRER{NBSP}: BULLETIN DE NORTHWIND BROADBAND DE 8{NBSP}H{NBSP}55 HNR\n"
    f"N'utilisez plus le bulletin «{NBSP}Panne d'Internet à Clareview et à Castle Downs{NBSP}» publié pour la mise "
    f"à jour de 8{NBSP}h{NBSP}55 HNR, le dimanche 22 novembre 2026. Northwind Broadband l'a retiré à "
    f"12{NBSP}h{NBSP}30 HNR, le dimanche 22 novembre 2026.\n"
    f"HORS ONDES{NBSP}: renseignements auprès de Dana Reyes, responsable des communications, Northwind Broadband, "
    "780-555-0199, media@northwind.example.\n\n###\n"
)
"""Read by hand: the radio header's words (À RETIRER, HORS ONDES), French typography, the title as the files say it."""


def run(*args: str) -> str:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0 and "Traceback" not in result.output, result.output
    return result.output


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The example published at noon, then built at 12:30 without its 8:55 update: (before, after)."""
    tmp = tmp_path_factory.mktemp("withdrawal")
    root = copy_of_example(tmp, with_template=True)
    ledger = tmp / "ledger" / "ledger.json"
    run("ledger", "init", "--root", str(root), "--now", "2026-11-22 11:00", "--ledger", str(ledger))
    before, after = tmp / "before", tmp / "after"
    run("build", "--root", str(root), "--now", "2026-11-22 12:00", "--ledger", str(ledger), "--site-dir", str(before))
    file = root / f"incidents/2026/{CLAREVIEW}.yml"
    text = file.read_text(encoding="utf-8")
    file.write_text(
        text[: text.index("  - at: 2026-11-22 08:55")] + text[text.index("  - at: 2026-11-22 10:30") :],
        encoding="utf-8",
    )
    output = run(
        "build", "--root", str(root), "--now", "2026-11-22 12:30", "--ledger", str(ledger), "--site-dir", str(after)
    )
    assert "1 withdrawal(s)" in output
    return before, after


def test_the_french_kill_notice_replaces_the_french_bulletins(built: tuple[Path, Path]) -> None:
    before, after = built
    french = after / f"fr/bulletins/{CLAREVIEW}/{SECOND}"
    english = after / f"bulletins/{CLAREVIEW}/{SECOND}"
    # The French files the update had, and what replaces them: the English kill's text files, at the French path.
    assert (before / f"fr/bulletins/{CLAREVIEW}/{SECOND}/radio.txt").read_text(encoding="utf-8").startswith("SUJET")
    texts = sorted(p.name for p in english.iterdir() if p.suffix == ".txt")
    assert texts == ["notice.txt", "press.txt", "radio.txt", "sms.txt"]
    assert sorted(p.name for p in french.iterdir()) == sorted([*texts, "index.html"])  # the CAP message is the English
    # one; index.html is the French site's page of the withdrawal (tests/test_site_languages.py)
    for name in ("radio.txt", "press.txt", "notice.txt"):
        assert (french / name).read_text(encoding="utf-8") == KILL, name
        assert (english / name).read_text(encoding="utf-8").startswith("KILL: NORTHWIND BROADBAND BULLETIN OF 8:55")
    sms = (french / "sms.txt").read_text(encoding="utf-8")
    assert sms == "A RETIRER : BULLETIN DE NORTHWIND BROADBAND DE 8 H 55 HNR\n"
    assert is_gsm7(sms.strip()) and len(sms.strip()) <= SMS_LIMIT


def test_the_cancel_has_an_english_then_a_french_block_and_is_valid(built: tuple[Path, Path]) -> None:
    _, after = built
    xml = (after / f"bulletins/{CLAREVIEW}/{SECOND}/cap.xml").read_bytes()
    SCHEMA.assertValid(etree.fromstring(xml))
    assert check_cap_rules(xml) == []
    assert check_cap_cp_rules(xml) == []  # the same facts in both blocks, known codes
    assert check_cap_cp_recommendations(xml) == []
    alert = etree.fromstring(xml)
    assert alert.findtext(f"{CAP}msgType") == "Cancel"
    assert alert.findtext(f"{CAP}identifier") == f"{HOST}.{CLAREVIEW}.{SECOND}.cancel"
    english, french = alert.findall(f"{CAP}info")
    assert [english.findtext(f"{CAP}language"), french.findtext(f"{CAP}language")] == ["en-CA", "fr-CA"]
    assert english.findtext(f"{CAP}headline") == "Withdrawn: Internet outage in Clareview and Castle Downs"
    assert french.findtext(f"{CAP}event") == "Mise à jour retirée"
    assert french.findtext(f"{CAP}headline") == f"Retrait{NBSP}: Panne d'Internet à Clareview et à Castle Downs"
    assert french.findtext(f"{CAP}description") == (
        "Northwind Broadband a retiré sa mise à jour du dimanche 22 novembre 2026 à "
        f"8{NBSP}h{NBSP}55 HNR concernant Castle Downs (nord d'Edmonton) et Clareview (nord-est d'Edmonton). "
        "Ne tenez pas compte de ce message."
    )
    assert french.findtext(f"{CAP}instruction") == (
        f"Suivez les mises à jour à l'adresse https://{HOST}/fr/incidents/{CLAREVIEW}/"
    )
    assert [a.findtext(f"{CAP}areaDesc") for a in french.findall(f"{CAP}area")] == [
        "Castle Downs, nord d'Edmonton",
        "Clareview, nord-est d'Edmonton",
    ]
    for name in ("urgency", "severity", "certainty", "responseType", "effective", "expires"):
        assert english.findtext(f"{CAP}{name}") == french.findtext(f"{CAP}{name}"), name


def test_cap_parsers_read_both_blocks_of_the_cancel(built: tuple[Path, Path]) -> None:
    before, after = built
    xml = (after / f"bulletins/{CLAREVIEW}/{SECOND}/cap.xml").read_bytes()
    (read,) = CAPParser(xml.decode("utf-8")).as_dict()
    english, french = read["cap_info"]
    assert [str(a["area_description"]) for a in french["cap_area"]] == [
        "Castle Downs, nord d'Edmonton",
        "Clareview, nord-est d'Edmonton",
    ]
    assert [str(a["area_description"]) for a in english["cap_area"]] == [
        "Castle Downs, North Edmonton",
        "Clareview, Northeast Edmonton",
    ]
    parser = XmlParser()
    cancel = parser.from_bytes(xml, Alert)
    assert [i.language for i in cancel.infos] == ["en-CA", "fr-CA"]
    # A hub that holds the 8:55 message (which superseded 8:10's) drops it on the Cancel.
    state = AlertState()
    for update in (FIRST, SECOND):
        state.ingest(parser.from_bytes((before / f"bulletins/{CLAREVIEW}/{update}/cap.xml").read_bytes(), Alert))
    assert f"{HOST}.{CLAREVIEW}.{SECOND}" in {a.identifier for a in state}
    state.ingest(cancel)
    assert f"{HOST}.{CLAREVIEW}.{SECOND}" not in {a.identifier for a in state}


GONE = Withdrawal(
    incident_id="2026-11-23-gone",
    published_id="20261123-1500",
    at=datetime.fromisoformat("2026-11-23T08:00:00-07:00"),
    title="Email outage",
    status="investigating",
    broadcast=True,
    services=("email",),
    areas=("st-albert",),
    revision=1,
    last_issued_at=datetime.fromisoformat("2026-11-23T08:00:00-07:00"),
    withdrawn_at=datetime.fromisoformat("2026-11-23T09:15:00-07:00"),
)
"""An update whose whole incident file was removed: only the ledger knows its title, in English."""


def test_a_title_only_the_ledger_knows_is_in_english_and_marked() -> None:
    site = load_site(ROOT)
    french = site_in(site, "fr")
    assert french_title(french, GONE) == "Email outage (en anglais seulement)"
    notice = FrenchWithdrawal(french.config, GONE, french_title(french, GONE))
    assert f"le bulletin «{NBSP}Email outage{NBSP}» (en anglais seulement) publié pour" in notice.kill
    assert notice.info.headline == f"Retrait{NBSP}: Email outage (en anglais seulement)"
    assert notice.info.description.endswith("concernant St. Albert. Ne tenez pas compte de ce message.")
    xml = cap_cancel(site.config, GONE, (notice.info,))
    SCHEMA.assertValid(etree.fromstring(xml))
    assert check_cap_rules(xml) == [] and check_cap_cp_rules(xml) == []


def test_a_one_language_site_gets_the_english_withdrawal_only_as_before() -> None:
    site = load_site(ROOT)
    one = replace(site, config=replace(site.config, languages=("en",)))
    state = replace(snapshot(one, GONE.withdrawn_at), publication=Publication(withdrawals=(GONE,)))
    (gone,) = withdrawal_sets(state)
    assert gone.french is None
    assert sorted(gone.files()) == sorted(
        f"bulletins/2026-11-23-gone/20261123-1500/{name}"
        for name in ("radio.txt", "press.txt", "notice.txt", "sms.txt", "cap.xml")
    )
    assert gone.cap == cap_cancel(one.config, GONE)
    assert len(etree.fromstring(gone.cap).findall(f"{CAP}info")) == 1
    assert gone.files() == WithdrawalSet(one.config, GONE).files()
    # The same withdrawal on the bilingual site: the English files are the same bytes, the CAP aside.
    (both,) = withdrawal_sets(replace(snapshot(site, GONE.withdrawn_at), publication=Publication(withdrawals=(GONE,))))
    bilingual = both.files()
    assert sorted(p for p in bilingual if p.startswith("fr/")) == sorted(
        f"fr/{p}" for p in gone.files() if not p.endswith("cap.xml")
    )
    for path, body in gone.files().items():
        if not path.endswith("cap.xml"):
            assert bilingual[path] == body, path
