"""Bulletins: radio scripts read on air as they are, press releases, notices, the newsroom."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import feedparser
import pytest
from click.testing import CliRunner
from lxml import etree

from generator.bulletins import BulletinSet, bulletin_outputs, bulletin_set, published_sets, spoken
from generator.bulletins.radio import candidate_sentences, copy_of, facts, word_count
from generator.bulletins.templates import bulletin_templates
from generator.cli import main
from generator.incidents.load import load_site
from generator.incidents.times import parse_time
from generator.site.pages import site_pages
from generator.state.now import snapshot

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).parent / "golden"
SITE = load_site(ROOT)
TEMPLATES = bulletin_templates(ROOT)
EDMONTON = ZoneInfo("America/Edmonton")
NOW = parse_time("2026-11-22 12:00", EDMONTON)
STATE = snapshot(SITE, NOW)
SETS = [bulletin_set(TEMPLATES, STATE, i, u) for i in STATE.site.incidents for u in i.updates if i.broadcasts(u)]
SCRIPTS = [(s, seconds, script) for s in SETS for seconds, script in s.radio.items()]
FIBRE_CUT = SITE.incident("2026-05-12-north-edmonton-fibre-cut")
CLAREVIEW = "2026-11-22-clareview-castle-downs-internet-outage"
CLAREVIEW_10_30 = f"{CLAREVIEW}/20261122-1730"  # the 10:30 a.m. MST update's identity: its time in UTC


def set_of(incident, position: int) -> BulletinSet:
    """The bulletin set of one update (0-based position), as the site publishes it."""
    return bulletin_set(TEMPLATES, STATE, incident, incident.updates[position])


def test_every_broadcasting_update_has_a_set_and_quiet_incidents_have_none() -> None:
    broadcasting = [i for i in SITE.incidents if i.broadcast]
    assert len(SETS) == sum(len(i.updates) for i in broadcasting) == 28
    assert "2026-04-21-slow-webmail" not in {s.incident.id for s in SETS}  # broadcast: false
    assert len(SCRIPTS) == 3 * len(SETS)


@pytest.mark.parametrize(("item", "seconds", "script"), SCRIPTS, ids=lambda v: getattr(v, "id", str(v))[:60])
def test_radio_script_reads_on_air_as_it_is(item: BulletinSet, seconds: int, script: str) -> None:
    copy = copy_of(script)
    budget = seconds * SITE.config.bulletins.words_per_minute // 60
    words = word_count(copy)
    assert 0 < words <= budget, f"{words} words for a {seconds}-second script (budget {budget})"
    header = script.split("\n\n", 1)[0].splitlines()
    assert header[0].startswith("SLUG: NORTHWIND ")
    length = f":{seconds:02d}" if seconds < 60 else f"{seconds // 60}:{seconds % 60:02d}"
    assert header[1] == f"LENGTH: {length} ({words} words at 150 wpm)"
    assert header[2] == "FOR IMMEDIATE USE"
    assert header[3].startswith("KILL AFTER: ")
    assert header[4].startswith("NOT FOR AIR: contact Dana Reyes, Communications lead")
    assert script.rstrip().endswith("###")
    # numbers only in broadcast form
    assert not re.search(r"\d{1,2}:\d{2}", copy), "a clock time"
    assert not re.search(r"\d{4,}", copy), "a run of four or more digits"
    assert not re.search(r"\d\.\d", copy), "a decimal point"
    assert not re.search(r"\d{3}[-. ]\d{3}[-. ]?\d{4}|\d{3}-\d{4}", copy), "a phone number"
    # nothing that cannot be read aloud
    for banned in ("http", "www", "@", "*", "_", "`", "#", "[", "]", "(", ")", "://", ".example/"):
        assert banned not in copy, banned
    assert not re.search(r"\b\w+\.(com|ca|net|org|example)\b", copy), "an address written as text"
    # attribution first: the first sentence names the organisation as the source
    first = spoken.sentences(copy)[0]
    assert first.startswith("Northwind Broadband ") and any(
        v in first for v in (" says ", " plans ", " has cancelled ")
    )
    # one to nine in words
    assert not re.search(r"(?<![\d-])[1-9](?![\d-])(?! (a\.m\.|p\.m\.))", copy), "a single figure outside a time"


@pytest.mark.parametrize("item", SETS[:6], ids=lambda s: s.id)
def test_scripts_keep_whole_sentences_and_the_same_text_for_the_same_input(item: BulletinSet) -> None:
    candidates = [s for _, s in candidate_sentences(TEMPLATES, facts(SITE.config, item.incident, item.update))]
    for script in item.radio.values():
        for sentence in spoken.sentences(copy_of(script)):
            assert sentence in candidates, f"not a whole candidate sentence: {sentence!r}"
    again = BulletinSet(
        bulletin_templates(ROOT), load_site(ROOT).config, item.incident, item.update, item.issue, item.previous
    )
    assert again.radio == item.radio and again.press == item.press and again.cap == item.cap


def test_longer_scripts_say_more_and_the_lead_is_always_there() -> None:
    item = set_of(FIBRE_CUT, 2)
    short, medium, long = (copy_of(item.radio[s]) for s in (15, 30, 60))
    assert word_count(short) < word_count(medium) < word_count(long)
    lead = "Northwind Broadband says internet and home phone service is down in Castle Downs, Lauderdale, Beverly and Clareview."
    assert all(text.startswith(lead) for text in (short, medium, long))
    assert "The company expects service back by about 2 p.m." in short
    assert "About 48-hundred homes and businesses are affected." in long
    assert "Customers do not need to call." in long


def test_the_resolution_gets_a_service_is_back_script() -> None:
    item = set_of(FIBRE_CUT, -1)
    assert copy_of(item.radio[15]).startswith(
        "Northwind Broadband says internet and home phone service is back in Castle Downs, Lauderdale, Beverly and Clareview."
    )
    assert "SLUG: NORTHWIND RESTORED" in item.radio[15]


def test_pronouncers_and_abbreviations_are_as_configured() -> None:
    item = set_of(FIBRE_CUT, 0)
    assert "Pronouncers: Lauderdale (LAW-der-dale)." in item.radio[30]
    assert spoken.abbreviations("Our ISP and NOC", SITE.config.bulletins.spoken) == "Our I-S-P and N-O-C"


@pytest.mark.parametrize(
    ("n", "said"),
    [(3, "three"), (14, "14"), (210, "about two-hundred"), (1200, "about 12-hundred"), (4800, "about 48-hundred"),
     (2000, "about two-thousand"), (40_000, "about 40-thousand")],
)  # fmt: skip
def test_counts_are_rounded_and_spoken(n: int, said: str) -> None:
    assert spoken.count(n) == said


@pytest.mark.parametrize(
    ("moment", "said"),
    [("2026-05-12 14:00", "by about 2 p.m."), ("2026-05-12 14:20", "by about 2-thirty p.m."),
     ("2026-05-12 12:00", "by about noon"), ("2026-05-13 09:00", "tomorrow morning"),
     ("2026-05-13 02:00", "overnight"), ("2026-05-15 10:00", "by Friday"), ("2026-06-01 10:00", "by June 1st")],
)  # fmt: skip
def test_times_are_spoken_relative_to_the_update(moment: str, said: str) -> None:
    assert spoken.when(parse_time(moment, EDMONTON), parse_time("2026-05-12 09:20", EDMONTON), EDMONTON) == said


def test_the_site_address_is_spoken() -> None:
    assert spoken.address("https://status.northwind.example/") == "status dot northwind dot example"
    assert spoken.address("https://www.northwind.example/status/") == "northwind dot example slash status"


def test_notices_and_text_messages_fit() -> None:
    for item in SETS:
        assert len(item.notice) < 1000, item.id
        assert len(item.sms) < 160, item.id
        assert "\n" not in item.sms
    item = set_of(FIBRE_CUT, 2)
    assert "Restore estimate: 2:00 p.m. MDT, May 12" in item.notice
    assert "Next update: 1:00 p.m. MDT, May 12" in item.notice
    assert item.notice.rstrip().endswith(
        "Link: https://status.northwind.example/incidents/2026-05-12-north-edmonton-fibre-cut/"
    )


def test_press_release_has_the_usual_form() -> None:
    text = set_of(FIBRE_CUT, 2).press
    assert text.startswith("FOR IMMEDIATE RELEASE\n\nMedia contact:\nDana Reyes, Communications lead\n")
    assert (
        "\nEDMONTON, Alta. — May 12, 2026 — Internet and home phone service from Northwind Broadband has been disrupted since 8:05 a.m. today"
        in text
    )
    assert "The company says a contractor drilling under 137 Avenue" in text  # the cause, in the third person
    assert "The company expects service back by about 2 p.m. today." in text
    assert "\n###\n\nAbout Northwind Broadband\nNorthwind Broadband provides" in text
    assert text.index("###") > text.index("Updates: https://status.northwind.example/incidents/")


@pytest.mark.parametrize(
    ("golden", "produce"),
    [
        ("radio-2026-05-12-north-edmonton-fibre-cut-20260512-1655.txt", lambda s: s.files()[f"{s.path}radio.txt"]),
        ("press-2026-05-12-north-edmonton-fibre-cut-20260512-1655.txt", lambda s: s.press.encode()),
        ("notice-2026-05-12-north-edmonton-fibre-cut-20260512-1655.txt", lambda s: s.notice.encode()),
        ("sms-2026-05-12-north-edmonton-fibre-cut-20260512-1655.txt", lambda s: s.files()[f"{s.path}sms.txt"]),
    ],
)
def test_golden_bulletins(golden: str, produce) -> None:
    """Read aloud and reviewed by hand; regenerate only deliberately, then read them again."""
    item = set_of(FIBRE_CUT, 2)
    assert produce(item) == (GOLDEN / golden).read_bytes()


def test_published_bulletins_are_bounded_to_90_days_and_open_incidents() -> None:
    published = {s.incident.id for s in published_sets(TEMPLATES, STATE)}
    assert published == {"2026-11-22-clareview-castle-downs-internet-outage", "2026-09-24-st-albert-hub-power-failure"}
    later = published_sets(TEMPLATES, snapshot(SITE, datetime(2027, 6, 1, tzinfo=EDMONTON)))
    assert {s.incident.id for s in later} == {"2026-11-22-clareview-castle-downs-internet-outage"}  # still open


def test_newsroom_outputs_feeds_and_index() -> None:
    sets = published_sets(TEMPLATES, STATE)
    outputs = bulletin_outputs(sets, STATE)
    base = f"bulletins/{CLAREVIEW_10_30}/"
    for name in (
        "radio.txt",
        "radio-15.txt",
        "radio-30.txt",
        "radio-60.txt",
        "press.txt",
        "cap.xml",
        "notice.txt",
        "sms.txt",
    ):
        assert base + name in outputs
    schema = etree.RelaxNG(etree.parse(str(Path(__file__).parent / "schemas/atom_rfc4287.rng")))
    for feed in ("feeds/bulletins.xml", "feeds/cap.xml"):
        assert schema.validate(etree.fromstring(outputs[feed])), schema.error_log
        parsed = feedparser.parse(outputs[feed])
        assert not parsed.bozo and len(parsed.entries) == len(sets)
    first = feedparser.parse(outputs["feeds/bulletins.xml"]).entries[0]
    assert first.id == f"tag:status.northwind.example,2026-11-22:bulletins/{CLAREVIEW_10_30}"
    assert "SLUG: NORTHWIND OUTAGE" in first.content[0].value
    index = outputs["bulletins/index.json"].decode()
    assert f'"id": "{CLAREVIEW_10_30}"' in index


def test_newsroom_page_shows_current_scripts_side_by_side() -> None:
    sets = published_sets(TEMPLATES, STATE)
    pages = {p.url: p for p in site_pages(STATE, sets)}
    newsroom = pages["bulletins/"].body
    current = newsroom[newsroom.index('id="current"') : newsroom.index('id="archive"')]
    assert "Internet outage in Clareview and Castle Downs" in current
    assert current.count('<pre class="outage-script"') == 3  # 15, 30 and 60 seconds
    assert "St. Albert" not in current  # resolved: in the archive, not current
    assert f"bulletins/{CLAREVIEW_10_30}/" in pages
    incident = pages["incidents/2026-11-22-clareview-castle-downs-internet-outage/"].body
    assert f'href="../../bulletins/{CLAREVIEW_10_30}/"' in incident
    old = pages["incidents/2026-05-12-north-edmonton-fibre-cut/"].body
    assert "Bulletin files are kept for 90 days" in old


def test_bulletin_command_prints_each_format() -> None:
    def run(*args: str) -> str:
        result = CliRunner().invoke(main, ["bulletin", "--root", str(ROOT), *args])
        assert result.exit_code == 0, result.output
        return result.output

    incident = "2026-05-12-north-edmonton-fibre-cut"
    radio = run(incident, "--update", "3", "--seconds", "30")
    assert radio.startswith("SLUG: NORTHWIND OUTAGE NORTH EDMONTON\nLENGTH: :30 (")
    assert run(incident, "--update", "3", "--format", "press").startswith("FOR IMMEDIATE RELEASE")
    assert '<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">' in run(incident, "--format", "cap")
    assert run(incident, "--format", "sms").startswith("Northwind: ")
    assert run("2026-04-21-slow-webmail", "--format", "notice").startswith("Northwind Broadband service notice")
    result = CliRunner().invoke(main, ["bulletin", "--root", str(ROOT), incident, "--update", "9"])
    assert result.exit_code == 1 and "--update: expected an update id (20260512-1425, " in result.output
    assert "or 1 to 5; found '9'" in result.output
