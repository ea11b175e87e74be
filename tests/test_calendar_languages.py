"""The maintenance calendar in each language: ``fr/calendar.ics`` is ``calendar.ics`` with its words in French.

Same events, same times, zone, SEQUENCE, STATUS and DTSTAMP; the texts in French
with ``LANGUAGE=fr-CA`` (RFC 5545 3.2.10); UIDs of their own, so a calendar app
subscribed to both keeps both. Expected French is the example's own
(``incidents/``), read by hand; a text the files give only in English is in
English, marked "en anglais seulement", and carries no LANGUAGE.
"""

from __future__ import annotations

import json
import subprocess
from dataclasses import replace
from pathlib import Path

import icalendar
import tools
from example_repo import copy_of_example

from generator.feeds.calendar import calendar_outputs, calendar_outputs_in
from generator.incidents.load import load_site
from generator.incidents.times import parse_time
from generator.site.outputs import static_outputs
from generator.state.now import snapshot

ROOT = Path(__file__).resolve().parent.parent
SITE = load_site(ROOT)
NOON = parse_time("2026-11-22 12:00", SITE.config.timezone)
HOST = "status.northwind.example"
UPGRADE = "2026-11-19-lauderdale-beverly-core-router-upgrade"
CANCELLED = "2026-10-28-st-albert-business-fibre-equipment"
NBSP = "\u00a0"
SAME = ("dtstart", "dtend", "dtstamp", "sequence", "status", "transp")
"""What an event says that is not words: the same in each language (its URL is the page in its language)."""

NIGHT_WORK = """\
kind: maintenance
title: {en: Night work in Mill Woods, fr: Travaux de nuit à Mill Woods}
services: [internet]
areas: [mill-woods]
window: {start: 2025-03-09 01:30, end: 2025-03-09 04:00}
expected_impact: Internet drops for up to 10 minutes.
updates:
  - at: 2025-03-01 09:00
    status: scheduled
    message: {en: We will replace a switch., fr: Nous remplacerons un commutateur.}
"""
"""Old work, in last year's file; its expected impact is given in English only."""


def events(ics: bytes) -> dict[str, icalendar.Event]:
    return {str(e["uid"]): e for e in icalendar.Calendar.from_ical(ics).walk("VEVENT")}


def test_the_french_calendar_has_the_english_events_under_uids_of_their_own() -> None:
    english = calendar_outputs(SITE, NOON)
    french = calendar_outputs_in(SITE, NOON, "fr")
    assert sorted(french) == sorted(f"fr/{path}" for path in english)
    assert calendar_outputs_in(SITE, NOON, "en") == english
    in_english, in_french = events(english["calendar.ics"]), events(french["fr/calendar.ics"])
    assert len(in_french) == len(in_english) == 3
    assert sorted(in_french) == sorted(uid.replace(f"@{HOST}", f".fr@{HOST}") for uid in in_english)
    assert not set(in_french) & set(in_english)  # an app subscribed to both keeps both
    for uid, event in in_english.items():
        other = in_french[uid.replace("@", ".fr@")]
        for name in SAME:
            assert other[name].to_ical() == event[name].to_ical(), (uid, name)
        assert str(other["url"]) == str(event["url"]).replace(f"https://{HOST}/", f"https://{HOST}/fr/")
        assert other["dtstart"].params["TZID"] == "America/Edmonton"


def test_the_french_calendar_says_it_in_french_marked_fr_ca() -> None:
    parsed = icalendar.Calendar.from_ical(calendar_outputs_in(SITE, NOON, "fr")["fr/calendar.ics"])
    assert str(parsed["x-wr-calname"]) == "Northwind Broadband — entretien planifié"
    assert str(parsed["prodid"]) == "-//outage-bulletin//Northwind Broadband//FR"
    found = {str(e["uid"]): e for e in parsed.walk("VEVENT")}
    upgrade = found[f"{UPGRADE}.fr@{HOST}"]
    assert str(upgrade["summary"]) == "Mise à niveau du routeur principal de Lauderdale et de Beverly"
    assert str(upgrade["location"]) == "Lauderdale, Beverly"
    assert str(upgrade["description"]).split("\n") == [
        "Le service Internet sera coupé deux fois, pendant au plus 15 minutes chaque fois, durant la période des "
        "travaux.",
        f"Services{NBSP}: Internet",
        f"Secteurs{NBSP}: Lauderdale, Beverly",
        f"Dernière mise à jour (Planifié){NBSP}: Nous avons reporté ces travaux d'une semaine, soit tôt le jeudi 3 "
        "décembre, entre 1 h et 5 h. Le fabricant du routeur a publié le 19 novembre une version corrigée de son "
        "logiciel, et nous voulons installer celle-ci. Les interruptions prévues restent les mêmes.",
        f"https://{HOST}/fr/incidents/{UPGRADE}/",  # the French page
    ]
    for name in ("summary", "location", "description"):
        assert upgrade[name].params["LANGUAGE"] == "fr-CA", name
    cancelled = found[f"{CANCELLED}.fr@{HOST}"]
    assert str(cancelled["summary"]) == (
        "Remplacement de l'équipement de fibre d'affaires à St. Albert (travaux annulés)"
    )
    assert str(cancelled["status"]) == "CANCELLED"
    own = icalendar.Calendar.from_ical(calendar_outputs_in(SITE, NOON, "fr")[f"fr/incidents/{UPGRADE}/calendar.ics"])
    assert str(own["x-wr-calname"]) == "Mise à niveau du routeur principal de Lauderdale et de Beverly"
    assert [str(e["uid"]) for e in own.walk("VEVENT")] == [f"{UPGRADE}.fr@{HOST}"]


def test_the_english_calendar_has_no_language_parameters_and_no_french() -> None:
    english = b"".join(calendar_outputs(SITE, NOON).values()).decode()
    assert "LANGUAGE=" not in english and "anglais" not in english and ".fr@" not in english


def test_old_work_is_in_its_years_french_file_and_english_only_text_is_marked(tmp_path: Path) -> None:
    root = copy_of_example(tmp_path)
    (root / "incidents/2025").mkdir(exist_ok=True)
    (root / "incidents/2025/2025-03-01-night-work.yml").write_text(NIGHT_WORK, encoding="utf-8")
    site = load_site(root)
    english, french = calendar_outputs(site, NOON), calendar_outputs_in(site, NOON, "fr")
    assert "calendar/2025.ics" in english
    assert sorted(french) == sorted(f"fr/{path}" for path in english)
    archive = icalendar.Calendar.from_ical(french["fr/calendar/2025.ics"])
    assert str(archive["x-wr-calname"]) == "Northwind Broadband — entretien planifié, 2025"
    (night,) = archive.walk("VEVENT")
    assert str(night["uid"]) == f"2025-03-01-night-work.fr@{HOST}"
    assert str(night["summary"]) == "Travaux de nuit à Mill Woods"
    assert night["summary"].params["LANGUAGE"] == "fr-CA"
    # The expected impact is in English only: said so, and the description is not labelled French.
    assert str(night["description"]).startswith("(en anglais seulement) Internet drops for up to 10 minutes.\n")
    assert f"Dernière mise à jour (Planifié){NBSP}: Nous remplacerons un commutateur." in str(night["description"])
    assert "LANGUAGE" not in night["description"].params
    assert "night-work" not in french["fr/calendar.ics"].decode()  # each event in exactly one French file


def test_an_english_only_title_is_marked_and_not_labelled_french(tmp_path: Path) -> None:
    root = copy_of_example(tmp_path)
    path = root / f"incidents/2026/{UPGRADE}.yml"
    text = path.read_text(encoding="utf-8")
    start = text.index("title:")
    end = text.index("\n", text.index("fr:", start))
    path.write_text(text[:start] + "title: Core router upgrade" + text[end:], encoding="utf-8")
    french = events(calendar_outputs_in(load_site(root), NOON, "fr")["fr/calendar.ics"])
    upgrade = french[f"{UPGRADE}.fr@{HOST}"]
    assert str(upgrade["summary"]) == "Core router upgrade (en anglais seulement)"
    assert "LANGUAGE" not in upgrade["summary"].params
    assert upgrade["location"].params["LANGUAGE"] == "fr-CA"


def test_the_build_publishes_the_french_calendar_only_on_a_site_that_lists_fr() -> None:
    outputs = static_outputs(snapshot(SITE, NOON))
    for path, body in calendar_outputs_in(SITE, NOON, "fr").items():
        assert outputs[path] == body, path
    one = replace(SITE, config=replace(SITE.config, languages=("en",)))
    assert not [p for p in static_outputs(snapshot(one, NOON)) if p.startswith("fr/")]


def test_ical_js_reads_the_french_calendars_as_the_english_ones(tmp_path: Path) -> None:
    """Mozilla's ical.js (npm, tests/browser) reads both languages' events at the same times, distinct UIDs."""
    node = tools.node("ical.js")
    reader = ROOT / "tests/browser/read_calendar.mjs"
    root = copy_of_example(tmp_path)
    (root / "incidents/2025").mkdir(exist_ok=True)
    (root / "incidents/2025/2025-03-01-night-work.yml").write_text(NIGHT_WORK, encoding="utf-8")
    site = load_site(root)
    written = {}
    for path, content in {**calendar_outputs(site, NOON), **calendar_outputs_in(site, NOON, "fr")}.items():
        target = tmp_path / "out" / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
        written[str(target)] = path
    result = subprocess.run([node, str(reader), *written], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    read = {written[file]: found for file, found in json.loads(result.stdout).items()}
    english = [path for path in read if not path.startswith("fr/")]
    assert "calendar/2025.ics" in english
    for path in english:
        theirs = read[f"fr/{path}"]
        assert [e["uid"] for e in theirs] == [e["uid"].replace("@", ".fr@") for e in read[path]], path
        for mine, other in zip(read[path], theirs, strict=True):
            for key in ("status", "sequence", "tzid", "zone", "start", "end"):
                assert other[key] == mine[key], (path, key)
    (night,) = read["fr/calendar/2025.ics"]
    # 01:30 MST to 04:00 MDT on March 9, 2025, across the change of clocks at 2:00: worked out by hand.
    assert (night["start"], night["end"]) == ("2025-03-09T08:30:00.000Z", "2025-03-09T10:00:00.000Z")
    assert night["summary"] == "Travaux de nuit à Mill Woods"
