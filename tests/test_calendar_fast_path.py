"""The calendar's events and heads written without icalendar's objects are icalendar's very bytes.

``content_lines.py`` writes what ``Event.to_ical()`` and ``Calendar.to_ical()``
would, line by line; ``calendar_outputs`` checks it against icalendar on the
first maintenance (and on a probe full of escapes) and falls back to icalendar
when they differ. These tests compare the two over any text, in both
languages and several zones, and show the fallback is taken when the quick
writer is wrong.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from icalendar.parser import Contentline

from generator.feeds import calendar, content_lines
from generator.feeds.calendar import calendar_outputs, calendar_outputs_in, event, event_bytes
from generator.incidents.languages import site_in
from generator.incidents.load import load_site
from generator.incidents.times import parse_time

ROOT = Path(__file__).resolve().parent.parent
SITE = load_site(ROOT)
NOON = parse_time("2026-11-22 12:00", SITE.config.timezone)
WORKS = [i for i in SITE.incidents if i.is_maintenance and i.window is not None]
ZONES = ["America/Edmonton", "UTC", "Europe/Paris", "Asia/Kolkata", "America/St_Johns"]

# Characters that escape (\ ; , and line ends), start escapes near a fold (\ ^), quote, or take 2–4 octets.
TRICKY = st.sampled_from([*'\\;,:^"\r\n Na', "é", "ß", "—", "€", "🙂", "\u00a0", "\U0001f1e8", "\ufeff"])
TEXTS = st.text(st.one_of(TRICKY, st.characters(blacklist_categories=("Cs",))), max_size=300)
"""Any text (no lone surrogates: YAML cannot hold them), weighted to what escaping and folding must get right."""


def test_every_maintenance_of_the_example_is_written_as_icalendar_writes_it() -> None:
    assert WORKS
    for site in (SITE, site_in(SITE, "fr")):
        for incident in WORKS:
            assert event_bytes(site, incident) == event(site, incident).to_ical(), incident.id


@settings(max_examples=400)
@given(TEXTS.map(lambda text: text.replace("\n", "")))  # a content line holds no line break
def test_a_line_folds_as_icalendar_folds_it(line: str) -> None:
    assert content_lines.folded(line) == Contentline(line).to_ical()


@pytest.mark.parametrize("character", ["\\", "^", ";", "é", "€", "🙂", "\\\\", "^^", "\\^"])
def test_a_fold_falls_where_icalendars_does_around_every_character_near_it(character: str) -> None:
    # The character (or pair) at every octet from before the first fold to past the second, after
    # one-octet and two-octet text: where it is cut, moved to the next part, or kept whole.
    for lead in ("a", "é"):
        for count in range(50, 160):
            line = lead * count + character + "b" * 120
            assert content_lines.folded(line) == Contentline(line).to_ical(), (lead, count)


@settings(max_examples=300)
@given(
    title=TEXTS,
    impact=TEXTS,
    index=st.integers(min_value=0, max_value=len(WORKS) - 1),
    language=st.sampled_from(["en", "fr"]),
    zone=st.sampled_from(ZONES),
    untranslated=st.sets(st.sampled_from(["title", "expected_impact"])),
)
# A byte-order mark first: icalendar drops it, reading each value's bytes back as UTF-8 "with signature".
@example(title="\ufeffTitle", impact="\ufeff\ufeff", index=0, language="fr", zone="UTC", untranslated=set())
def test_an_event_is_icalendars_whatever_its_texts_zone_and_language(
    title: str, impact: str, index: int, language: str, zone: str, untranslated: set[str]
) -> None:
    site = site_in(SITE, language)
    site = replace(site, config=replace(site.config, timezone=ZoneInfo(zone)))
    incident = replace(WORKS[index], title=title, expected_impact=impact, untranslated=frozenset(untranslated))
    assert event_bytes(site, incident) == event(site, incident).to_ical()


@settings(max_examples=300)
@given(
    name=st.text(st.one_of(TRICKY, st.characters(blacklist_categories=("Cs",))), max_size=200),
    language=st.sampled_from(["en", "fr"]),
)
@example(name="\ufeff", language="en")  # found by this test: icalendar drops a byte-order mark that starts a value
@example(name="\ufeff\ufeffName", language="fr")
def test_a_calendars_head_is_icalendars_whatever_its_name(name: str, language: str) -> None:
    site = site_in(SITE, language)
    if "\n" in name:  # icalendar refuses a name with a line break; so does the quick head, through it
        with pytest.raises(AssertionError):
            calendar._quick_head(site, name)
        return
    assert calendar._quick_head(site, name) == calendar._head(site, name)


def _slow(monkeypatch: pytest.MonkeyPatch) -> None:
    def slow(site, works):
        return (lambda incident: event(site, incident).to_ical()), (lambda name: calendar._head(site, name))

    monkeypatch.setattr(calendar, "_writers", slow)


def test_every_calendar_file_is_the_one_icalendar_writes(monkeypatch: pytest.MonkeyPatch) -> None:
    quick = {**calendar_outputs(SITE, NOON), **calendar_outputs_in(SITE, NOON, "fr")}
    _slow(monkeypatch)
    assert {**calendar_outputs(SITE, NOON), **calendar_outputs_in(SITE, NOON, "fr")} == quick
    assert len(quick) > 2 * len(WORKS)  # calendar.ics, a year's file and one per maintenance, in each language


@pytest.mark.parametrize("wrong", ["text", "folded"])
def test_a_quick_writer_that_differs_from_icalendar_is_not_used(monkeypatch: pytest.MonkeyPatch, wrong: str) -> None:
    expected = calendar_outputs(SITE, NOON)
    right = getattr(content_lines, wrong)
    # As another icalendar might: commas no longer escaped, or folds made with a tab (RFC 5545 allows either).
    mistakes = {
        "text": lambda value: right(value).replace(r"\,", ","),
        "folded": lambda line: right(line).replace(b"\r\n ", b"\r\n\t"),
    }
    monkeypatch.setattr(content_lines, wrong, mistakes[wrong])
    probe = replace(WORKS[0], title=calendar._PROBE)
    assert event_bytes(SITE, probe) != event(SITE, probe).to_ical()  # the quick writer is wrong now
    assert calendar_outputs(SITE, NOON) == expected
