"""Sites in more than one language: ``languages:``, text by language, check's warnings, the site in one language.

The broken cases (``tests/broken/status-language*``, ``tests/broken/text-*``) hold
the errors; these tests hold what loads: which text each language sees, what
falls back to the default language and is marked so, and what ``outage check``
warns of.
"""

from __future__ import annotations

import json
from dataclasses import fields, is_dataclass
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.incidents import model as m
from generator.incidents.languages import TEXT_FIELDS, only_in, path_prefix, site_in
from generator.incidents.load import load_site

ROOT = Path(__file__).resolve().parent.parent
BASE = ROOT / "tests/broken/_base"
INCIDENT_PATH = "incidents/2026/2026-05-12-fibre-cut.yml"
NOW = "2026-11-22 12:00"

BILINGUAL_INCIDENT = """\
title:
  en: Internet and phone outage in Castle Downs
  fr: Panne d'Internet et de téléphone à Castle Downs
impact: major
services: [internet, phone]
areas: [castle-downs, lauderdale]
cause: {en: A fibre cable was cut during road work., fr: Un câble de fibre a été coupé pendant des travaux.}
updates:
  - at: 2026-05-12 08:25
    status: investigating
    message:
      en: We are investigating a loss of internet and phone service in Castle Downs.
      fr: Nous vérifions une perte des services Internet et téléphone à Castle Downs.
    next_update: 2026-05-12 10:00
  - at: 2026-05-12 09:40
    status: identified
    message: Crews have found a cut fibre cable and are splicing it.
    cause: A backhoe cut the cable.
  - at: 2026-05-12 13:05
    status: resolved
    message: {en: Service is restored., fr: Le service est rétabli.}
"""


def repository(tmp_path: Path, incident: str = BILINGUAL_INCIDENT, languages: str | None = "[en, fr]") -> Path:
    """The broken cases' base project with ``languages`` in status.yml and ``incident`` as its one file."""
    root = tmp_path / "status"
    (root / "incidents/2026").mkdir(parents=True)
    status = (BASE / "status.yml").read_text(encoding="utf-8")
    if languages is not None:
        status = status.replace("timezone: America/Edmonton\n", f"timezone: America/Edmonton\nlanguages: {languages}\n")
    (root / "status.yml").write_text(status, encoding="utf-8")
    (root / INCIDENT_PATH).write_text(incident, encoding="utf-8")
    return root


def check(root: Path, *options: str):
    return CliRunner().invoke(main, ["check", "--root", str(root), "--now", NOW, *options])


# --- what each language sees ----------------------------------------------------------------------


def test_the_loaded_site_is_in_the_default_language_with_the_others_beside_it(tmp_path: Path) -> None:
    site = load_site(repository(tmp_path))
    (incident,) = site.incidents
    assert site.config.language == "en" and site.config.languages == ("en", "fr")
    assert incident.title == "Internet and phone outage in Castle Downs"
    assert incident.updates[0].message == "We are investigating a loss of internet and phone service in Castle Downs."
    assert incident.updates[0].facts.cause == "A fibre cable was cut during road work."
    assert incident.translations.text("title", "fr") == "Panne d'Internet et de téléphone à Castle Downs"
    assert site_in(site, "en") is site


def test_the_site_in_french_has_every_text_in_french_or_marked_as_the_default_languages(tmp_path: Path) -> None:
    french = site_in(load_site(repository(tmp_path)), "fr")
    (incident,) = french.incidents
    first, second, last = incident.updates
    assert french.config.language == "fr" and french.config.default_language == "en"
    assert incident.title == "Panne d'Internet et de téléphone à Castle Downs"
    assert incident.untranslated == frozenset()
    assert first.message == "Nous vérifions une perte des services Internet et téléphone à Castle Downs."
    assert first.facts.cause == "Un câble de fibre a été coupé pendant des travaux."
    assert (first.untranslated, first.facts.untranslated) == (frozenset(), frozenset())
    # The second update was written in English only: its message and the cause it found fall back, marked.
    assert second.message == "Crews have found a cut fibre cable and are splicing it."
    assert second.untranslated == {"message"}
    assert second.facts.cause == "A backhoe cut the cable."
    assert second.facts.untranslated == {"cause"}
    # The last update states no cause: the one found at 9:40 holds, still marked.
    assert last.message == "Le service est rétabli." and last.untranslated == frozenset()
    assert last.facts.cause == "A backhoe cut the cable." and last.facts.untranslated == {"cause"}


def test_names_in_plain_text_are_the_same_in_every_language_other_text_is_the_defaults(tmp_path: Path) -> None:
    french = site_in(load_site(repository(tmp_path)), "fr")
    castle_downs = french.config.area("castle-downs")
    internet = french.config.service("internet")
    assert (castle_downs.name, castle_downs.untranslated) == ("Castle Downs", frozenset())
    assert (french.config.name, french.config.untranslated) == ("Northwind Broadband", frozenset())
    assert (internet.name, internet.untranslated) == ("Internet", {"name"})


def test_the_site_in_a_language_shares_what_the_loaded_site_shares(tmp_path: Path) -> None:
    site = load_site(repository(tmp_path))
    french = site_in(site, "fr")
    first, second, _ = french.incidents[0].updates
    assert first.facts.services[0] is french.config.services[0]
    assert second.facts.areas[1] is french.config.areas[1]


def test_a_language_the_site_does_not_have_is_refused(tmp_path: Path) -> None:
    site = load_site(repository(tmp_path, languages=None, incident=(BASE / "incident.yml").read_text()))
    with pytest.raises(ValueError, match="'fr' is not one of the site's languages"):
        site_in(site, "fr")


def test_every_text_field_may_be_given_by_language(tmp_path: Path) -> None:
    """Every field TEXT_FIELDS names reads its French text: a field the loader forgot would stay English."""
    root = tmp_path / "status"
    (root / "incidents/2026").mkdir(parents=True)
    (root / "status.yml").write_text(EVERY_FIELD_STATUS, encoding="utf-8")
    (root / INCIDENT_PATH).write_text(EVERY_FIELD_INCIDENT, encoding="utf-8")
    (root / "incidents/2026/2026-05-26-upgrade.yml").write_text(EVERY_FIELD_MAINTENANCE, encoding="utf-8")
    site = load_site(root)
    assert site.missing_translations == ()
    french = site_in(site, "fr")
    seen: set[tuple[str, str]] = set()

    def visit(value: object) -> None:
        if isinstance(value, tuple):
            for item in value:
                visit(item)
        if not is_dataclass(value) or isinstance(value, type):
            return
        for name in TEXT_FIELDS.get(type(value), ()):
            text = getattr(value, name)
            if text:
                assert text.startswith("FR "), (type(value).__name__, name, text)
                seen.add((type(value).__name__, name))
        for item in fields(value):
            visit(getattr(value, item.name))

    visit(french)
    expected = {(cls.__name__, name) for cls, names in TEXT_FIELDS.items() for name in names}
    assert seen == expected


EVERY_FIELD_STATUS = """\
name: {en: Northwind, fr: FR Northwind}
site_url: https://status.northwind.example/
timezone: America/Edmonton
languages: [en, fr]
contact: {phone: "780-555-0100", email: support@northwind.example}
media_contact: {name: Dana Reyes, title: {en: Lead, fr: FR Responsable}, phone: "780-555-0199", email: m@n.example}
about: {en: About us., fr: FR À propos.}
dateline: {en: EDMONTON, fr: FR EDMONTON}
services:
  - {id: internet, name: {en: Internet, fr: FR Internet}, description: {en: Fibre., fr: FR Fibre.}}
areas:
  - id: castle-downs
    name: {en: Castle Downs, fr: FR Castle Downs}
    region: {en: North Edmonton, fr: FR nord d'Edmonton}
    pronounce: {en: CASS-el, fr: FR CASS-el}
bulletins:
  emergency_advice: {en: Use a cell phone., fr: FR Utilisez un cellulaire.}
"""
EVERY_FIELD_INCIDENT = """\
title: {en: Outage, fr: FR Panne}
impact: major
services: [internet]
affects: {en: outgoing email, fr: FR courriel sortant}
areas: [castle-downs]
cause: {en: A cut cable., fr: FR Un câble coupé.}
updates:
  - at: 2026-05-12 08:25
    status: investigating
    message: {en: We are on it., fr: FR Nous y voyons.}
  - at: 2026-05-12 09:25
    status: resolved
    message: {en: Back., fr: FR Rétabli.}
    cause: {en: A backhoe., fr: FR Une pelle.}
postmortem: {en: What happened., fr: FR Ce qui s'est passé.}
"""
EVERY_FIELD_MAINTENANCE = """\
kind: maintenance
title: {en: Upgrade, fr: FR Mise à niveau}
services: [internet]
areas: [castle-downs]
window: {start: 2026-06-02 00:00, end: 2026-06-02 04:00}
expected_impact: {en: Short drops., fr: FR De courtes coupures.}
updates:
  - at: 2026-05-26 10:00
    status: scheduled
    message: {en: Planned., fr: FR Prévu.}
"""


# --- one language ----------------------------------------------------------------------------------


def test_a_one_language_site_takes_a_mapping_of_its_own_language_and_never_warns(tmp_path: Path) -> None:
    incident = (BASE / "incident.yml").read_text(encoding="utf-8")
    incident = incident.replace(
        "title: Internet and phone outage in Castle Downs", "title: {en: Outage in Castle Downs}"
    )
    root = repository(tmp_path, incident, languages=None)
    site = load_site(root)
    assert site.config.languages == ("en",)
    assert site.incidents[0].title == "Outage in Castle Downs"
    assert site.missing_translations == ()
    result = check(root, "--strict")
    assert result.exit_code == 0, result.output
    assert "missing a language" not in result.output


def test_language_alone_still_means_a_one_language_site(tmp_path: Path) -> None:
    incident = (BASE / "incident.yml").read_text(encoding="utf-8")
    site = load_site(repository(tmp_path, incident, languages="[en]"))
    assert site.config.languages == ("en",) and site.config.language == "en"


# --- what outage check says ------------------------------------------------------------------------


MISSING = [
    "incidents/2026/2026-05-12-fibre-cut.yml:17:14: warning: updates[1].message: expected the text in fr too, "
    "as {en: …, fr: …}; found plain text, which is en only; fr readers see the en text, marked as such",
    "incidents/2026/2026-05-12-fibre-cut.yml:18:12: warning: updates[1].cause: expected the text in fr too, "
    "as {en: …, fr: …}; found plain text, which is en only; fr readers see the en text, marked as such",
    "status.yml:7:26: warning: services[0].name: expected the text in fr too, as {en: …, fr: …}; "
    "found plain text, which is en only; fr readers see the en text, marked as such",
    "status.yml:8:23: warning: services[1].name: expected the text in fr too, as {en: …, fr: …}; "
    "found plain text, which is en only; fr readers see the en text, marked as such",
]
"""Checked by hand against BILINGUAL_INCIDENT and tests/broken/_base/status.yml (with languages: on line 4)."""


def test_check_warns_of_every_text_missing_a_language_where_it_is(tmp_path: Path) -> None:
    result = check(repository(tmp_path))
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == MISSING
    assert result.stdout.strip() == "ok: 1 files valid, 0 open, 0 overdue, 4 text(s) missing a language"


def test_check_strict_refuses_a_missing_translation(tmp_path: Path) -> None:
    result = check(repository(tmp_path), "--strict")
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[:-1] == [line.replace(" warning:", "") for line in MISSING]
    assert lines[-1] == "4 text(s) missing a language; failing because of --strict"


def test_a_mapping_missing_a_language_is_named_by_the_language(tmp_path: Path) -> None:
    incident = BILINGUAL_INCIDENT.replace(
        "      fr: Nous vérifions une perte des services Internet et téléphone à Castle Downs.\n", ""
    )
    result = check(repository(tmp_path, incident))
    assert (
        "incidents/2026/2026-05-12-fibre-cut.yml:12:7: warning: updates[0].message: expected the text in fr too, "
        "as {en: …, fr: …}; found no fr; fr readers see the en text, marked as such"
    ) in result.stderr.splitlines()
    french = site_in(load_site(repository(tmp_path / "again", incident)), "fr")
    assert french.incidents[0].updates[0].untranslated == {"message"}


def test_a_comment_that_cuts_one_languages_text_is_a_warning(tmp_path: Path) -> None:
    incident = BILINGUAL_INCIDENT.replace("fr: Le service est rétabli.}", "fr: Le service est rétabli.}  # oui")
    incident = incident.replace(
        "      fr: Nous vérifions une perte", "      fr: Appelez le 780-555-0100 #2 ou nous vérifions une perte"
    )
    result = check(repository(tmp_path, incident))
    assert "updates[0].message.fr: expected the whole text" in result.stderr


def test_emergency_advice_has_a_default_in_each_language(tmp_path: Path) -> None:
    french = site_in(load_site(repository(tmp_path)), "fr")
    assert french.config.bulletins.emergency_advice == (
        "Si vous devez composer le 9-1-1, utilisez un téléphone cellulaire."
    )
    assert french.config.bulletins.untranslated == frozenset()


# --- editors ---------------------------------------------------------------------------------------


def test_the_json_schema_describes_plain_text_and_text_by_language() -> None:
    schema = json.loads((ROOT / "schemas/incident.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    base = {
        "title": "Outage",
        "impact": "major",
        "services": ["internet"],
        "areas": ["castle-downs"],
        "updates": [{"at": "2026-05-12 08:25", "status": "investigating", "message": "On it."}],
    }
    assert validator.is_valid(base)
    assert validator.is_valid({**base, "title": {"en": "Outage", "fr": "Panne"}})
    assert not validator.is_valid({**base, "title": {"de": "Ausfall"}})
    assert not validator.is_valid({**base, "title": {}})
    assert not validator.is_valid({**base, "title": {"en": ""}})
    status = json.loads((ROOT / "schemas/status.schema.json").read_text(encoding="utf-8"))
    minimal = {
        "name": "Northwind",
        "site_url": "https://status.northwind.example/",
        "timezone": "America/Edmonton",
        "contact": {"phone": "780-555-0100", "email": "support@northwind.example"},
        "services": [{"id": "internet", "name": {"en": "Internet", "fr": "Internet"}}],
        "areas": [{"id": "castle-downs", "name": "Castle Downs"}],
    }
    status_validator = jsonschema.Draft202012Validator(status)
    assert status_validator.is_valid({**minimal, "languages": ["en", "fr"]})
    assert not status_validator.is_valid({**minimal, "languages": ["en", "de"]})
    assert not status_validator.is_valid({**minimal, "languages": []})


# --- for the pages --------------------------------------------------------------------------------


def test_the_mark_beside_text_in_another_language() -> None:
    assert only_in("en", "fr") == "en anglais seulement"
    assert only_in("en", "en") == "English only"


def test_each_language_but_the_default_lives_under_its_own_folder(tmp_path: Path) -> None:
    site = load_site(repository(tmp_path))
    assert path_prefix(site.config) == ""
    assert path_prefix(site_in(site, "fr").config) == "fr/"


def test_the_default_languages_text_is_the_same_as_in_a_one_language_file(tmp_path: Path) -> None:
    """Giving a file French text changes nothing of what the English site reads."""
    english_only = (
        BILINGUAL_INCIDENT.replace("\n  fr: Panne d'Internet et de téléphone à Castle Downs", "")
        .replace(", fr: Un câble de fibre a été coupé pendant des travaux.", "")
        .replace("\n      fr: Nous vérifions une perte des services Internet et téléphone à Castle Downs.", "")
        .replace(", fr: Le service est rétabli.", "")
    )
    both = load_site(repository(tmp_path / "both")).incidents[0]
    alone = load_site(repository(tmp_path / "alone", english_only, languages=None)).incidents[0]
    assert alone.translations == m.NO_TRANSLATIONS and both.translations != m.NO_TRANSLATIONS
    assert both.title == alone.title
    for one, other in zip(both.updates, alone.updates, strict=True):
        assert (one.message, one.facts.cause) == (other.message, other.facts.cause)


# --- the example -------------------------------------------------------------------------------------


def untranslated_anywhere(value: object, where: str = "site") -> list[str]:
    """Where, in a site seen in one language, a text field fell back to the default language."""
    if isinstance(value, tuple):
        return [found for i, item in enumerate(value) for found in untranslated_anywhere(item, f"{where}[{i}]")]
    if not is_dataclass(value) or isinstance(value, type):
        return []
    found = [f"{where}.{name}" for name in sorted(getattr(value, "untranslated", ()))]
    for item in fields(value):
        found += untranslated_anywhere(getattr(value, item.name), f"{where}.{item.name}")
    return found


def test_the_example_is_in_english_and_french_with_no_text_missing() -> None:
    result = CliRunner().invoke(main, ["check", "--root", str(ROOT), "--now", NOW, "--strict"])
    assert result.exit_code == 0, result.output
    assert result.stdout == "ok: 12 files valid, 2 open, 0 overdue; reporting: 0 due, 0 overdue\n"
    site = load_site(ROOT)
    assert site.config.languages == ("en", "fr")
    french = site_in(site, "fr")
    assert untranslated_anywhere(french) == []
    incident = french.incident("2026-11-22-clareview-castle-downs-internet-outage")
    assert incident.title == "Panne d'Internet à Clareview et à Castle Downs"
    assert incident.updates[2].facts.cause == (
        "Une carte de circuits est tombée en panne dans le routeur de notre central du nord d'Edmonton, "
        "qui relie Clareview et Castle Downs au reste de notre réseau."
    )
    assert french.config.service("phone").name == "Téléphone résidentiel"
    assert french.config.area("castle-downs").region == "nord d'Edmonton"
