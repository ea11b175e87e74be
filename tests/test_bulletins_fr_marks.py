"""What a French bulletin prints around the staff's words: English marked, "no need to call" said once.

- A media contact's title the files give only in English is printed in English
  and marked "(en anglais seulement)" where the contact is named (the radio
  script's HORS ONDES line, the communiqué's media contact, a kill notice), and
  left out of the quote's French sentence ("a déclaré Dana Reyes, de …").
- The communiqué closes with "Il est inutile d'appeler" unless the contact is
  quoted saying it already (Mill Woods: "inutile de nous appeler").

Expected lines read by hand from the example.
"""

from __future__ import annotations

from pathlib import Path

from example_repo import copy_of_example

from generator.bulletins import bulletin_set
from generator.bulletins.templates import bulletin_templates
from generator.incidents.load import load_site
from generator.incidents.times import parse_time
from generator.state.now import snapshot

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = bulletin_templates(ROOT)
CLAREVIEW = "2026-11-22-clareview-castle-downs-internet-outage"
MILL_WOODS = "2026-06-16-mill-woods-outage"
NBSP = "\u00a0"
CONTACT = "Dana Reyes, responsable des communications, Northwind Broadband, 780-555-0199, media@northwind.example"
MARKED = (
    "Dana Reyes, communications lead (en anglais seulement), Northwind Broadband, 780-555-0199, media@northwind.example"
)


def french_set(root: Path, incident_id: str, number: int, now: str):
    site = load_site(root)
    state = snapshot(site, parse_time(now, site.config.timezone))
    incident = state.site.incident(incident_id)
    item = bulletin_set(TEMPLATES, state, incident, incident.updates[number - 1])
    assert item.french is not None
    return item.french


def test_a_media_title_in_french_is_printed_as_given() -> None:
    french = french_set(ROOT, CLAREVIEW, 2, "2026-11-22 12:00")
    assert f"HORS ONDES : renseignements auprès de {CONTACT}." in french.radio[30]
    assert "Dana Reyes, responsable des communications\nNorthwind Broadband\n" in french.press
    assert "anglais" not in french.radio[30] + french.press


def test_a_media_title_only_in_english_is_marked_and_left_out_of_the_quote(tmp_path: Path) -> None:
    root = copy_of_example(tmp_path)
    status = root / "status.yml"
    text = status.read_text(encoding="utf-8")
    given = "title: {en: Communications lead, fr: Responsable des communications}"
    assert given in text
    status.write_text(text.replace(given, "title: Communications lead"), encoding="utf-8")
    french = french_set(root, CLAREVIEW, 2, "2026-11-22 12:00")
    for seconds, script in french.radio.items():
        assert f"HORS ONDES : renseignements auprès de {MARKED}." in script, seconds
    press = french.press
    assert "Dana Reyes, communications lead (en anglais seulement)\nNorthwind Broadband\n" in press
    assert "a déclaré Dana Reyes, de Northwind Broadband." in press
    assert "lead chez" not in press


def test_the_release_does_not_say_no_need_to_call_after_quoting_it() -> None:
    # 7:20: "… inutile de nous appeler : notre ligne de soutien est surchargée …", quoted in the release.
    first = french_set(ROOT, MILL_WOODS, 1, "2026-06-16 12:00").press
    body = first[: first.index("Chronologie")]
    assert "inutile de nous appeler" in body
    assert "Il est inutile d'appeler" not in body
    # 9:00: "Il est toujours inutile de nous appeler", quoted too.
    later = french_set(ROOT, MILL_WOODS, 3, "2026-06-16 12:00").press
    body = later[: later.index("Chronologie")]
    assert "Il est toujours inutile de nous appeler" in body and "Il est inutile d'appeler" not in body


def test_the_release_still_says_it_when_the_quote_does_not() -> None:
    # 8:55 at Clareview: the sentence saying it is not quoted (it speaks of updates "ici"), so the release says it.
    press = french_set(ROOT, CLAREVIEW, 2, "2026-11-22 12:00").press
    body = press[: press.index("Chronologie")]
    assert body.count("inutile") == 1
    assert f"Il est inutile d'appeler{NBSP}: les mises à jour sont publiées sur la page d'état" in body
