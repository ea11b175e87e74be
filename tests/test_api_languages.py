"""The JSON API in each language: ``fr/api/v2/`` is ``api/v2/`` with its text in French.

Same files, same shape (the vendored Statuspage schema the English API is held
to), same ids, statuses and times; only names, descriptions and update bodies
change. Expected French is the example's own (``status.yml``, ``incidents/``),
read by hand; a text the files give only in English is in English, marked
"en anglais seulement", never silently.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from example_repo import copy_of_example
from jsonschema import Draft202012Validator
from referencing import Registry, Resource

from generator.cli import main
from generator.feeds.statuspage import api_outputs, api_outputs_in
from generator.incidents.load import load_site
from generator.incidents.times import parse_time
from generator.state.in_language import snapshot_in
from generator.state.now import snapshot

ROOT = Path(__file__).resolve().parent.parent
NOW = "2026-11-22 12:00"
CLAREVIEW = "2026-11-22-clareview-castle-downs-internet-outage"
CANCELLED = "2026-10-28-st-albert-business-fibre-equipment"
NBSP = "\u00a0"

SCHEMA = json.loads((Path(__file__).parent / "statuspage_v2.schema.json").read_text(encoding="utf-8"))
REGISTRY = Registry().with_resource(SCHEMA["$id"], Resource.from_contents(SCHEMA))
DEFINITIONS = {
    "summary.json": "summary",
    "status.json": "status_response",
    "components.json": "components_response",
    "incidents.json": "incidents_response",
    "incidents/unresolved.json": "incidents_response",
    "scheduled-maintenances.json": "scheduled_maintenances_response",
    "scheduled-maintenances/upcoming.json": "scheduled_maintenances_response",
    "scheduled-maintenances/active.json": "scheduled_maintenances_response",
}
TEXT = {"name", "description", "body"}
"""The fields whose values are words for people; every other value is the same in each language."""


def state_of(root: Path = ROOT, now: str = NOW):
    site = load_site(root)
    return snapshot(site, parse_time(now, site.config.timezone))


SITE = "https://status.northwind.example/"


def french(root: Path = ROOT, now: str = NOW) -> dict[str, dict]:
    return {path: json.loads(body) for path, body in api_outputs_in(state_of(root, now), "fr").items()}


def without_text(value: object) -> object:
    """The document with every text value blanked, except Statuspage's fixed status descriptions."""
    if isinstance(value, dict):
        return {
            key: ("…" if key in TEXT and "indicator" not in value and isinstance(item, str) else without_text(item))
            for key, item in value.items()
        }
    if isinstance(value, list):
        return [without_text(item) for item in value]
    return value


def test_the_same_eight_files_under_fr_and_the_default_language_unchanged() -> None:
    state = state_of()
    english = api_outputs(state)
    assert sorted(api_outputs_in(state, "fr")) == sorted(f"fr/{path}" for path in english)
    assert sorted(english) == sorted(f"api/v2/{path}" for path in DEFINITIONS)
    assert api_outputs_in(state, "en") == english
    assert snapshot_in(state, "en") is state


@pytest.mark.parametrize("now", ["2026-11-22 12:00", "2026-12-03 02:00", "2026-05-12 10:00", "2026-11-04 12:00"])
def test_every_french_file_matches_statuspages_shape_and_differs_from_english_only_in_words(now: str) -> None:
    state = state_of(now=now)
    english = {path: json.loads(body) for path, body in api_outputs(state).items()}
    for path, document in french(now=now).items():
        definition = DEFINITIONS[path.removeprefix("fr/api/v2/")]
        validator = Draft202012Validator({"$ref": f"{SCHEMA['$id']}#/$defs/{definition}"}, registry=REGISTRY)
        errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(document)]
        assert not errors, path
        assert without_text(in_english_links(document)) == without_text(english[path.removeprefix("fr/")]), path


def in_english_links(document: dict) -> dict:
    """The French document with its links to the French pages (``/fr/…``) put back to the English ones."""
    text = json.dumps(document, ensure_ascii=False)
    text = text.replace(f"{SITE}fr/", SITE).replace(f'"{SITE}fr"', f'"{SITE.rstrip("/")}"')
    return json.loads(text)


def test_a_french_summary_says_it_in_french() -> None:
    summary = french()["fr/api/v2/summary.json"]
    assert summary["page"]["name"] == "Northwind Broadband"  # a name, the same in every language
    assert summary["status"] == {"indicator": "major", "description": "Partial System Outage"}  # Statuspage's value
    components = {c["id"]: c for c in summary["components"]}
    assert components["svc-phone"]["name"] == "Téléphone résidentiel"
    assert components["svc-email"]["name"] == "Courriel"
    assert components["svc-business"]["description"] == (
        "Internet par fibre optique pour les entreprises, avec adresses IP fixes et réparation en quatre heures."
    )
    assert components["area-clareview"]["description"] == "nord-est d'Edmonton"
    assert components["area-st-albert"]["description"] == "St. Albert"
    assert components["area-castle-downs--phone"]["name"] == "Téléphone résidentiel (Castle Downs)"
    assert components["area-clareview--internet"]["status"] == "partial_outage"
    (incident,) = summary["incidents"]
    assert incident["id"] == CLAREVIEW
    assert incident["name"] == "Panne d'Internet à Clareview et à Castle Downs"
    assert incident["shortlink"] == f"https://status.northwind.example/fr/incidents/{CLAREVIEW}/"  # the French page
    assert summary["page"]["url"] == "https://status.northwind.example/fr"
    latest = incident["incident_updates"][0]
    assert latest["status"] == "identified"
    assert latest["body"].startswith("Une carte de circuits du routeur principal du central est tombée en panne.")
    assert latest["body"].endswith("nous prévoyons un retour du service vers 15 h.")
    assert incident["incident_updates"][-1]["body"] == (
        "Internet est en panne dans de nombreux foyers de Clareview et de Castle Downs depuis environ 7 h 55 ce "
        "matin. Le téléphone résidentiel fonctionne. Nous examinons la situation. Notre central du nord d'Edmonton, "
        "qui dessert les deux secteurs, a déclenché une alarme à 8 h 02, et des ingénieurs sont en route pour trouver "
        "la panne. Redémarrer votre modem ne réglera pas le problème. Nous comptons encore les foyers touchés."
    )
    assert [c["name"] for c in incident["components"]] == [
        "Internet",
        "Internet (Castle Downs)",
        "Internet (Clareview)",
    ]


def test_a_cancelled_maintenance_says_annule_in_french() -> None:
    works = {w["id"]: w for w in french()["fr/api/v2/scheduled-maintenances.json"]["scheduled_maintenances"]}
    latest = works[CANCELLED]["incident_updates"][0]
    assert latest["status"] == "completed"
    assert latest["body"].startswith(f"Annulé{NBSP}: Ces travaux sont annulés, car le fabricant a retardé")
    assert works[CANCELLED]["name"] == "Remplacement de l'équipement de fibre d'affaires à St. Albert"


def test_text_missing_in_french_is_in_english_and_marked(tmp_path: Path) -> None:
    root = copy_of_example(tmp_path)
    status = (root / "status.yml").read_text(encoding="utf-8")
    status = status.replace("name: {en: Email, fr: Courriel}", "name: Email")
    (root / "status.yml").write_text(status, encoding="utf-8")
    result = CliRunner().invoke(
        main, ["update", "--root", str(root), CLAREVIEW, "--now", "2026-11-22 11:00", "--message", "The board is here."]
    )
    assert result.exit_code == 0, result.output
    (root / "incidents/2026/2026-11-23-webmail.yml").write_text(
        "title: Webmail is slow\nimpact: minor\nservices: [email]\nareas: [st-albert]\nupdates:\n"
        "  - at: 2026-11-22 11:30\n    status: investigating\n"
        "    message: {en: Webmail is slow., fr: La messagerie Web est lente.}\n",
        encoding="utf-8",
    )
    summary = french(root)["fr/api/v2/summary.json"]
    components = {c["id"]: c for c in summary["components"]}
    assert components["svc-email"]["name"] == "Email (en anglais seulement)"
    assert components["area-st-albert--email"]["name"] == "Email (en anglais seulement) (St. Albert)"
    assert components["svc-email"]["description"] == (
        "Adresses de courriel Northwind, messagerie Web et applications de courriel."
    )
    incidents = {i["id"]: i for i in summary["incidents"]}
    webmail = incidents["2026-11-23-webmail"]
    assert webmail["name"] == "Webmail is slow (en anglais seulement)"
    assert webmail["incident_updates"][0]["body"] == "La messagerie Web est lente."
    clareview = incidents[CLAREVIEW]
    assert clareview["name"] == "Panne d'Internet à Clareview et à Castle Downs"
    assert clareview["incident_updates"][0]["body"] == "(en anglais seulement) The board is here."
    assert clareview["incident_updates"][1]["body"].startswith("Une carte de circuits")
    english = b"".join(api_outputs(state_of(root)).values()).decode()
    assert "anglais" not in english and "English only" not in english


def test_the_build_writes_the_french_api_beside_the_english(tmp_path: Path) -> None:
    site = tmp_path / "site"
    result = CliRunner().invoke(main, ["build", "--root", str(ROOT), "--now", NOW, "--site-dir", str(site)])
    assert result.exit_code == 0, result.output
    for path, body in api_outputs_in(state_of(), "fr").items():
        assert (site / path).read_bytes() == body, path
    for path, body in api_outputs(state_of()).items():
        assert (site / path).read_bytes() == body, path
    assert (site / f"fr/incidents/{CLAREVIEW}/index.html").exists()  # the French page its shortlink names


def test_the_snapshot_in_french_is_the_same_state_with_french_words() -> None:
    state = state_of()
    seen = snapshot_in(state, "fr")
    assert seen.config.language == "fr" and seen.now == state.now and seen.overall == state.overall
    assert [i.id for i in seen.active] == [i.id for i in state.active] == [CLAREVIEW]
    assert seen.active[0].title == "Panne d'Internet à Clareview et à Castle Downs"
    assert seen.active[0] is seen.site.incident(CLAREVIEW)  # the French site's own incident, not a copy
    assert [i.id for i in seen.upcoming] == [i.id for i in state.upcoming]
    for english, french_ in [
        *zip(state.services, seen.services, strict=True),
        *zip(state.areas, seen.areas, strict=True),
        *(
            pair
            for rows in zip(state.area_services, seen.area_services, strict=True)
            for pair in zip(*rows, strict=True)
        ),
    ]:
        assert (french_.id, french_.status, french_.updated_at) == (english.id, english.status, english.updated_at)
        assert [i.id for i in french_.incidents] == [i.id for i in english.incidents]
    assert [s.name for s in seen.services] == ["Internet", "Téléphone résidentiel", "Courriel", "Fibre d'affaires"]
    assert [s.name for s in state.services] == ["Internet", "Home phone", "Email", "Business fibre"]
