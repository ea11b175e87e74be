"""The interface's catalogue: French times, dates, durations and words as written in Canada.

Every expected form is written by hand from the OQLF's and the Translation
Bureau's rules (24-hour clock with "h", no leading zero, ``1er``, months in lower
case, ``HNR``/``HAR``, decimal comma), the weekdays checked on a calendar.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from generator import display
from generator.catalogue import CATALOGUES, ENGLISH, FRENCH, catalogue_for
from generator.catalogue import french as fr
from generator.incidents.model import Status
from generator.incidents.schema import LANGUAGES

EDMONTON = ZoneInfo("America/Edmonton")
NBSP = "\u00a0"


def at(text: str, zone: ZoneInfo = EDMONTON) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=zone)


@pytest.mark.parametrize(
    ("moment", "zone", "expected"),
    [
        ("2026-11-22 14:30", "America/Edmonton", "14 h 30 HNR"),
        ("2026-05-12 08:05", "America/Edmonton", "8 h 05 HAR"),
        ("2026-11-22 13:00", "America/Edmonton", "13 h HNR"),
        ("2026-12-03 00:30", "America/Edmonton", "0 h 30 HNR"),
        ("2026-07-01 12:00", "America/Edmonton", "midi HAR"),
        ("2026-11-01 00:00", "America/Edmonton", "minuit HAR"),  # daylight time ends at 2:00 that night
        ("2026-11-01 03:00", "America/Edmonton", "3 h HNR"),
        ("2026-11-22 14:30", "America/Halifax", "14 h 30 HNA"),
        ("2026-07-22 14:30", "America/Halifax", "14 h 30 HAA"),
        ("2026-11-22 09:15", "America/St_Johns", "9 h 15 HNT"),
        ("2026-07-22 09:15", "America/St_Johns", "9 h 15 HAT"),
        ("2026-07-22 23:59", "America/Toronto", "23 h 59 HAE"),
        ("2026-11-22 23:59", "America/Toronto", "23 h 59 HNE"),
        ("2026-07-22 10:00", "America/Winnipeg", "10 h HAC"),
        ("2026-07-22 10:00", "America/Regina", "10 h HNC"),  # Saskatchewan keeps standard time all year
        ("2026-11-22 18:45", "America/Vancouver", "18 h 45 HNP"),
        ("2026-07-22 18:45", "America/Vancouver", "18 h 45 HAP"),
        ("2026-07-22 18:45", "Europe/Paris", "18 h 45 CEST"),  # no French abbreviation in Canadian usage
        ("2026-07-22 18:45", "UTC", "18 h 45 UTC"),
    ],
)
def test_french_clock(moment: str, zone: str, expected: str) -> None:
    assert fr.clock(at(moment, ZoneInfo(zone)), ZoneInfo(zone)) == expected
    assert FRENCH.clock(at(moment, ZoneInfo(zone)), ZoneInfo(zone)) == expected


def test_the_clock_shows_the_time_in_the_zone_it_is_given() -> None:
    utc = datetime.fromisoformat("2026-11-22T21:30:00+00:00")
    assert fr.clock(utc, EDMONTON) == "14 h 30 HNR"


@pytest.mark.parametrize(
    ("moment", "day", "date", "short"),
    [
        ("2026-11-22 14:30", "dimanche 22 novembre 2026", "22 novembre 2026", "22 nov."),
        ("2026-11-01 09:00", "dimanche 1er novembre 2026", "1er novembre 2026", "1er nov."),
        ("2026-05-12 08:05", "mardi 12 mai 2026", "12 mai 2026", "12 mai"),
        ("2026-07-01 12:00", "mercredi 1er juillet 2026", "1er juillet 2026", "1er juill."),
        ("2026-02-10 10:00", "mardi 10 février 2026", "10 février 2026", "10 févr."),
        ("2026-08-15 10:00", "samedi 15 août 2026", "15 août 2026", "15 août"),
        ("2026-12-03 01:00", "jeudi 3 décembre 2026", "3 décembre 2026", "3 déc."),
        ("2026-01-05 10:00", "lundi 5 janvier 2026", "5 janvier 2026", "5 janv."),
        ("2026-09-11 10:00", "vendredi 11 septembre 2026", "11 septembre 2026", "11 sept."),
        ("2026-06-01 10:00", "lundi 1er juin 2026", "1er juin 2026", "1er juin"),
    ],
)
def test_french_dates(moment: str, day: str, date: str, short: str) -> None:
    assert fr.day(at(moment), EDMONTON) == day
    assert fr.date(at(moment), EDMONTON) == date
    assert FRENCH.on_date(at(moment), EDMONTON) == f"le {date}"
    assert fr.short_day(at(moment), EDMONTON) == short


def test_a_late_evening_in_edmonton_is_the_next_day_in_utc_but_not_on_the_page() -> None:
    assert fr.day(datetime.fromisoformat("2026-11-23T05:30:00+00:00"), EDMONTON) == "dimanche 22 novembre 2026"


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        ("2026-11-22 14:30", "aujourd'hui à 14 h 30 HNR"),
        ("2026-11-22 00:00", "aujourd'hui à minuit HNR"),
        ("2026-11-19 09:00", "jeu. 19 nov. à 9 h HNR"),
        ("2026-11-23 01:00", "lun. 23 nov. à 1 h HNR"),
        ("2026-07-01 12:00", "mer. 1er juill. à midi HAR"),
        ("2025-12-31 23:15", "31 déc. 2025 à 23 h 15 HNR"),
    ],
)
def test_french_when(moment: str, expected: str) -> None:
    assert fr.when(at(moment), EDMONTON, at("2026-11-22 12:00")) == expected


@pytest.mark.parametrize(
    ("length", "expected"),
    [
        (timedelta(0), "moins d'une minute"),
        (timedelta(seconds=59), "moins d'une minute"),
        (timedelta(minutes=1), "1 min"),
        (timedelta(minutes=45), "45 min"),
        (timedelta(hours=3), "3 h"),
        (timedelta(hours=2, minutes=30), "2 h 30 min"),
        (timedelta(days=1), "1 jour"),
        (timedelta(days=1, hours=4), "1 jour 4 h"),
        (timedelta(days=3, hours=4, minutes=10), "3 jours 4 h"),
    ],
)
def test_french_durations(length: timedelta, expected: str) -> None:
    assert fr.duration(length) == expected


def test_a_duration_across_the_clock_change_is_counted_in_real_time() -> None:
    # 0:30 MDT to 3:30 MST on November 1, 2026: four hours went by, not three.
    assert fr.duration_between(at("2026-11-01 00:30"), at("2026-11-01 03:30")) == "4 h"


@pytest.mark.parametrize(
    ("share", "expected"),
    [
        (1.0, f"100{NBSP}%"),
        (0.99934, f"99,93{NBSP}%"),
        (0.997, f"99,70{NBSP}%"),
        (0.9999999, f"99,99{NBSP}%"),  # any downtime shows: never rounded up to 100
        (0.0, f"0,00{NBSP}%"),
    ],
)
def test_french_percentages(share: float, expected: str) -> None:
    assert fr.percent(share) == expected


def test_every_status_and_state_has_its_french_words() -> None:
    assert set(FRENCH.statuses) == set(Status)
    assert FRENCH.status(Status.INVESTIGATING) == "Enquête en cours"
    assert FRENCH.status(Status.CANCELLED) == "Annulé"
    assert set(FRENCH.component_labels) == set(display.COMPONENT_LABELS)
    assert set(FRENCH.overall_labels) == set(display.OVERALL_LABELS)
    assert FRENCH.component_labels["partial_outage"] == "Panne partielle"
    assert FRENCH.overall_labels["operational"] == "Tous les services fonctionnent normalement"
    assert FRENCH.colon == f"{NBSP}:"


def test_english_is_displays_own_forms_unchanged() -> None:
    moment = at("2026-05-12 14:05")
    assert ENGLISH.clock(moment, EDMONTON) == display.clock(moment, EDMONTON) == "2:05 p.m. MDT"
    assert ENGLISH.day(moment, EDMONTON) == "Tuesday, May 12, 2026"
    assert ENGLISH.date(moment, EDMONTON) == "May 12, 2026"
    assert ENGLISH.on_date(moment, EDMONTON) == "on May 12, 2026"
    assert FRENCH.on_date(at("2026-12-01 10:00"), EDMONTON) == "le 1er décembre 2026"
    assert ENGLISH.percent(0.997) == display.percent(0.997)
    assert ENGLISH.status(Status.IN_PROGRESS) == "In progress"
    assert ENGLISH.component_labels is display.COMPONENT_LABELS
    assert ENGLISH.colon == ":"


def test_text_in_another_language_is_marked() -> None:
    assert FRENCH.only_in("en") == "en anglais seulement"
    assert FRENCH.marked("Business fibre", "en") == "Business fibre (en anglais seulement)"
    assert FRENCH.marked("Fibre d'affaires", "fr") == "Fibre d'affaires"
    assert ENGLISH.marked("Fibre d'affaires", "fr") == "Fibre d'affaires (French only)"


def test_there_is_a_catalogue_for_every_language_a_file_may_use() -> None:
    assert set(CATALOGUES) == set(LANGUAGES)
    assert catalogue_for("fr") is FRENCH


@pytest.mark.parametrize(
    ("english", "french"),
    [
        ("Areas", "Secteurs"),
        ("Current incidents", "Incidents en cours"),
        ("No incidents right now.", "Aucun incident en ce moment."),
        ("Planned maintenance", "Entretien planifié"),
        ("Expected back", "Retour prévu"),
        ("Next update", "Prochaine mise à jour"),
        ("(overdue)", "(en retard)"),
        ("Add to your calendar", "Ajouter à votre calendrier"),
        ("Customers affected", "Clients touchés"),
        ("Last 14 days", "14 derniers jours"),
        ("Major impact", "Impact majeur"),
    ],
)
def test_phrases_in_each_language(english: str, french: str) -> None:
    assert ENGLISH.phrase(english) == english
    assert FRENCH.phrase(english) == french


def test_every_phrase_is_in_every_language_and_an_unknown_one_is_an_error() -> None:
    assert set(ENGLISH.phrases) == set(FRENCH.phrases)
    assert all(text.strip() == text and text for text in FRENCH.phrases.values())
    with pytest.raises(KeyError):
        FRENCH.phrase("Current incident")  # a typo never falls back to English silently
    with pytest.raises(KeyError):
        ENGLISH.phrase("Current incident")


def test_the_feeds_take_their_labels_from_the_catalogue() -> None:
    from generator.feeds.wording import wording_for

    for language, catalogue in CATALOGUES.items():
        words = wording_for(language)
        assert (words.services, words.areas, words.window, words.expected_back, words.next_update) == tuple(
            catalogue.phrase(text) for text in ("Services", "Areas", "Window", "Expected back", "Next update")
        )
        assert words.colon == catalogue.colon
        assert words.status(Status.RESOLVED) == catalogue.status(Status.RESOLVED)
