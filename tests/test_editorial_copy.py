"""The rulebook's second half, rule by rule: staff's sentences on air, print style, windows, fitting, the story.

Before/after pairs written by hand, as in ``test_editorial.py``. The reference
moment is Sunday, November 22, 2026, 9:40 a.m. in Edmonton (MST).
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from example_repo import ROOT
from hypothesis import given
from hypothesis import strategies as st

from generator.bulletins import editorial as e
from generator.bulletins.fr.story import still_out_advice as french_still_out_advice
from generator.bulletins.story import regions_sentence, safety_advice, slug_place, still_out_advice, where_words
from generator.incidents.load import load_site
from generator.incidents.model import Status

EDMONTON = ZoneInfo("America/Edmonton")
SUNDAY = datetime(2026, 11, 22, 9, 40, tzinfo=EDMONTON)
SPOKEN = {"ISP": "I-S-P", "DSL": "D-S-L", "NOC": "network operations centre"}
SITE = load_site(ROOT)


def local(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=EDMONTON)


# --- staff's clock times, dates and windows ------------------------------------------------


@pytest.mark.parametrize(
    ("written", "said"),
    [
        ("Service came back at 10:10 a.m. for most.", "Service came back at ten-ten in the morning for most."),
        ("Down since about 7:55 this morning.", "Down since about seven-fifty-five this morning."),
        ("If you are not back by 11 a.m., restart.", "If you are not back by eleven in the morning, restart."),
        ("The new estimate is 12:30 p.m. It may change.", "The new estimate is twelve-thirty in the afternoon. It may change."),
        ("Work runs between 12:30 a.m. and 4 a.m. Wednesday.", "Work runs between twelve-thirty and four in the morning Wednesday."),
        ("It dropped again at 4:30 p.m., after the fix.", "It dropped again at four-thirty in the afternoon, after the fix."),
        ("Courier due at 13:30.", "Courier due at one-thirty in the afternoon."),
        ("Back at 12 p.m., not 12 a.m.", "Back at noon, not midnight."),
        ("Back by 9 p.m.", "Back by nine in the evening."),
        ("Down from 10 p.m. to 11 p.m.", "Down from ten to eleven at night."),
        ("Restart at 8:05 tonight.", "Restart at eight-oh-five tonight."),
        ("No time here: 14 p.m. is not one.", "No time here: 14 p.m. is not one."),
    ],
)  # fmt: skip
def test_staff_clock_times_are_said_without_guessing_the_day(written: str, said: str) -> None:
    assert e.spoken_clock_times(written) == said


@pytest.mark.parametrize(
    ("written_at", "written", "said"),
    [
        ("2026-06-16 10:20", "If you are not back by 11 a.m., restart.", "If you are not back by eleven this morning, restart."),
        ("2026-06-16 10:20", "Service came back at 10:10 a.m. for most.", "Service came back at ten-ten this morning for most."),
        ("2026-06-16 10:20", "A crew arrives at 2 p.m.", "A crew arrives at two this afternoon."),
        ("2026-10-21 02:15", "The switch restarted at 1:52 a.m.", "The switch restarted at one-fifty-two this morning."),
        ("2026-06-16 10:20", "Work runs from 11 p.m.", "Work runs from eleven at night."),  # 13 h away: any night
        ("2026-06-16 13:30", "Restart at 1 a.m.", "Restart at one in the morning."),  # today's 1 a.m. is past: unsaid day
        ("2026-06-16 10:20", "Back at 12 p.m.", "Back at noon."),
        ("2026-06-16 10:20", "Restart at 11 a.m. tomorrow.", "Restart at eleven tomorrow."),  # staff's day kept
        (
            "2026-10-07 10:00",
            "Early on Wednesday, October 21, between 12:30 a.m. and 4 a.m.",
            "Early on Wednesday, October 21, between twelve-thirty and four in the morning.",
        ),  # a day named: the times are that day's, never "four this morning"
        # "in 15 minutes" is false once the copy is read later: the time it means (St. Albert, 3:25 p.m.)
        ("2026-09-24 15:25", "If you are not online in 15 minutes, unplug your modem.", "If you are not online by three-forty this afternoon, unplug your modem."),
        ("2026-09-24 23:50", "Back in 30 minutes.", "Back by twelve-twenty tomorrow morning."),
        ("2026-09-24 15:25", "It may take up to 180 minutes.", "It may take up to 180 minutes."),  # further off: as said
        ("2026-04-21 13:45", "We expect normal speed within half an hour.", "We expect normal speed by two-fifteen this afternoon."),
        ("2026-04-21 13:45", "It should be back in an hour.", "It should be back by two-forty-five this afternoon."),
    ],
)  # fmt: skip
def test_staff_clock_times_near_their_update_are_said_as_that_days(written_at: str, written: str, said: str) -> None:
    """Before: "If you are not back by eleven in the morning" read at 10:20 a.m. (which sounds like tomorrow)."""
    assert e.spoken_clock_times(written, local(written_at), EDMONTON) == said


@pytest.mark.parametrize(
    ("written", "said"),
    [
        ("Mail sent between July 4 and July 8 bounced.", "Mail sent between July 4th and July 8th bounced."),
        ("The work is on Nov. 5, 2026.", "The work is on November 5th."),
        ("Rebuilt on September 8, the cabinet", "Rebuilt on September 8th, the cabinet"),
        ("July 4th stays as it is.", "July 4th stays as it is."),
        ("May 2026 is a month, not a date.", "May 2026 is a month, not a date."),
        ("Sept. 24 and Dec 3", "September 24th and December 3rd"),
    ],
)
def test_staff_dates_are_said_as_ordinals_without_the_year(written: str, said: str) -> None:
    assert e.spoken_dates(written) == said


@pytest.mark.parametrize(
    ("start", "end", "reference", "said"),
    [
        ("2026-10-21 00:30", "2026-10-21 04:00", "2026-10-07 10:00", "between twelve-thirty and four early Wednesday morning, October 21st"),
        ("2026-10-21 00:30", "2026-10-21 04:00", "2026-10-21 00:30", "between twelve-thirty and four this morning"),
        ("2026-11-24 01:00", "2026-11-24 05:00", "2026-11-22 09:40", "between one and five early Tuesday morning"),  # the night of Monday to Tuesday
        ("2026-11-22 22:00", "2026-11-23 02:00", "2026-11-22 09:40", "from ten tonight to two tomorrow morning"),
        ("2026-11-22 10:00", "2026-11-22 12:00", "2026-11-22 09:40", "from ten this morning to noon"),
        ("2026-11-22 13:00", "2026-11-22 17:00", "2026-11-22 09:40", "between one and five this afternoon"),
    ],
)  # fmt: skip
def test_planned_windows_are_said_with_their_day_once(start: str, end: str, reference: str, said: str) -> None:
    assert e.spoken_window(local(start), local(end), local(reference), EDMONTON) == said


# --- places ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("regions", "said"),
    [
        (["North Edmonton", "North Edmonton"], "north Edmonton"),
        (["Northeast Edmonton", "North Edmonton"], "north and northeast Edmonton"),
        (["South Edmonton", "St. Albert", "Sturgeon County"], "south Edmonton, St. Albert and Sturgeon County"),
        (["West End", "Downtown"], "West End and Downtown"),
    ],
)
def test_regions_are_said_with_compass_words_in_lower_case(regions: list[str], said: str) -> None:
    assert e.regions_phrase(regions) == said


@pytest.mark.parametrize(
    ("url", "said"),
    [
        ("https://status.northwind.example/", "status dot northwind dot example"),
        ("https://www.northwind.example/status/", "northwind dot example slash status"),
        ("https://northwind.example/service-status/", "northwind dot example slash service dash status"),
    ],
)
def test_web_addresses_are_spelled_for_speech(url: str, said: str) -> None:
    assert e.spoken_web_address(url) == said


# --- words, names, sentences ------------------------------------------------------------------


@pytest.mark.parametrize(("words", "said"), [(["a"], "a"), (["a", "b"], "a and b"), (["a", "b", "c"], "a, b and c")])
def test_lists_have_no_serial_comma(words: list[str], said: str) -> None:
    assert e.list_words(words) == said


@pytest.mark.parametrize(
    ("name", "said"),
    [("Home phone", "home phone"), ("Internet", "internet"), ("IPTV", "IPTV"), ("VoIP", "VoIP"),
     ("Business fibre", "business fibre")],
)  # fmt: skip
def test_service_names_in_a_sentence(name: str, said: str) -> None:
    assert e.name_in_sentence(name) == said


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        ("Crews are at 137 Ave. NW. They dig.", ["Crews are at 137 Ave. NW.", "They dig."]),
        ("It broke at 2 p.m. Tuesday. Crews came.", ["It broke at 2 p.m. Tuesday.", "Crews came."]),
        ("Back at 3 p.m. Crews left.", ["Back at 3 p.m.", "Crews left."]),
        ("St. Albert is out. (DSL is internet over a phone line.) We test.",
         ["St. Albert is out.", "(DSL is internet over a phone line.)", "We test."]),
        ("Really? Yes.", ["Really?", "Yes."]),
    ],
)  # fmt: skip
def test_staff_text_is_split_into_sentences(text: str, sentences: list[str]) -> None:
    assert e.split_sentences(text) == sentences


@pytest.mark.parametrize(
    ("written", "said"),
    [
        ("We know about it and are working on it.", "It knows about it and is working on it."),
        ("We fixed the router and have tested it.", "It fixed the router and has tested it."),
        ("We and our partners are working.", "It and its partners are working."),
    ],
)
def test_a_second_verb_agrees_with_the_company(written: str, said: str) -> None:
    assert e.company_voice(written) == said


# --- staff's sentences on air --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "said"),
    [
        ("Restarting will not help; updates will be posted here.", "Restarting will not help."),
        ("We are sorry; we are investigating now.", "We are investigating now."),
        ("Click the link below for details.", ""),
        ("Thank you for your patience.", ""),
        ("Crews are on site -- digging now.", "Crews are on site; digging now."),
        ("Nothing to take out.", "Nothing to take out."),
    ],
)
def test_page_talk_and_apologies_are_left_out(written: str, said: str) -> None:
    assert e.without_page_talk(written) == said


@pytest.mark.parametrize(
    ("written", "said"),
    [
        ("If that does not help, call us at 780-555-0100.", "If that does not help, call us."),
        ("Call 780-555-0100 any time.", "Call 780-555-0100 any time."),
        ("Support (780-555-0100) is open.", "Support is open."),
    ],
)
def test_phone_numbers_go_with_the_words_that_lead_to_them(written: str, said: str) -> None:
    assert e.without_phone_numbers(written) == said


@pytest.mark.parametrize(
    ("written", "said"),
    [
        ("Our cable under 137 Ave. NW was cut at 8:05 a.m.", "Our cable under 137 Avenue Northwest was cut at eight-oh-five in the morning."),
        ("Some DSL lines near the NOC are slow.", "Some D-S-L lines near the network operations centre are slow."),
        ("Home phones cannot call 911 (use a mobile).", "Home phones cannot call 9-1-1, use a mobile."),
        ("2 crews are on site.", "Two crews are on site."),
        ("About 1,250 customers are out.", "About 13-hundred customers are out."),
        ("Over 4,800 homes and businesses.", "Over 48-hundred homes and businesses."),
        ("It affects 1,234 customers.", "It affects about 12-hundred customers."),
        ("If that fails, call us at 780-555-0100.", "If that fails, call us."),
        # a code to dial, said as keyed (the voicemail's first report had no word on what was broken)
        ("Dialling *98 to check voicemail gives a busy signal.", "Dialling star 98 to check voicemail gives a busy signal."),
    ],
)  # fmt: skip
def test_staff_sentences_are_said_aloud(written: str, said: str) -> None:
    assert e.said_aloud(written, SPOKEN.items()) == said


@pytest.mark.parametrize(
    ("sentence", "readable"),
    [
        ("Use webmail at webmail.northwind.example for now.", False),
        ("Call 780-555-0100.", False),
        ("Dial *98 for voicemail.", False),
        ("We installed version 17.4.2.", False),
        ("It was out for 11 minutes.", True),
        ("Keep using port 587.", True),
        ("Down since 2026.", False),
        ("Half & half.", False),
    ],
)
def test_sentences_that_cannot_be_read_cold_are_found(sentence: str, readable: bool) -> None:
    assert e.readable_on_air(sentence) is readable


@pytest.mark.parametrize(
    ("written", "voiced"),
    [
        ("We have locked the account and removed our spam.", "The company has locked the account and removed its spam."),
        ("Our main fibre cable was cut.", "The company's main fibre cable was cut."),
        ("The damage is smaller, so we now expect service back by two.", "The damage is smaller, so the company now expects service back by two."),
        ("Call us and we will test your line.", "Call the company and it will test your line."),
        ("A splicing crew is on site.", "A splicing crew is on site."),
    ],
)  # fmt: skip
def test_the_company_is_named_first_then_it(written: str, voiced: str) -> None:
    assert e.in_company_voice(written) == voiced


def test_the_company_may_be_named_by_its_name() -> None:
    assert e.in_company_voice(
        "A contractor cut our cable, which carries our internet.", name="Northwind Broadband"
    ) == ("A contractor cut Northwind Broadband's cable, which carries its internet.")


@pytest.mark.parametrize(
    ("sentence", "said", "always"),
    [
        ("Our cable was cut.", "The company says its cable was cut.", False),
        ("A splicing crew is on site.", "The company says a splicing crew is on site.", False),
        ("Utility power failed. When utility power returned, it held.", "The company says utility power failed. When utility power returned, it held.", False),
        ("Unplug your modem for 30 seconds.", "", False),
        ("Microsoft has not acted.", "", False),
        ("Microsoft has not acted.", "The company says Microsoft has not acted.", True),
        ("DSL speeds are low.", "", False),
        # attributed already: never "The company says the carrier's technicians say" (Mill Woods, 9 a.m.)
        ("The carrier's technicians say undoing the upgrade is taking longer.", "", False),
        ("The crew says the cable is spliced.", "", False),
        ("The technicians reported the fault at noon.", "The company says the technicians reported the fault at noon.", False),
        # staff's own "its" is the carrier's: "our" is "the company's", never two "its" (Mill Woods, 8:05 a.m.)
        ("An upgrade by our carrier failed and left its equipment down.", "The company says an upgrade by the company's carrier failed and left its equipment down.", False),
        # "it has escalated it": the second "it" is not the company (the email's July 7th 3:30 p.m. update)
        ("We have escalated it through their support.", "The company says it has escalated the matter through their support.", False),
        ("We fixed it at noon.", "The company says it fixed the matter at noon.", False),
        # "it knows about it": the second "it" is the problem (Mill Woods, 7:20 a.m.)
        ("We know about it and are working on it.", "The company says it knows about the problem and is working on it.", False),
    ],
)  # fmt: skip
def test_attribution_only_where_it_reads_well(sentence: str, said: str, always: bool) -> None:
    assert e.attributed(sentence, always=always) == said


@pytest.mark.parametrize(
    ("sentence", "leans"),
    [("Their technicians are undoing it.", True), ("It will take days.", True), ("This is rare.", True),
     ("The carrier's technicians are on it.", False), ("Items are shipped.", False)],
)  # fmt: skip
def test_a_sentence_that_leans_on_the_one_before(sentence: str, leans: bool) -> None:
    assert e.leans_on_the_sentence_before(sentence) is leans


@pytest.mark.parametrize(
    ("sentence", "advice"),
    [("If you are still offline, unplug your modem.", True), ("Restarting your modem will not help.", True),
     ("There is no need to call the company.", True), ("Please keep using webmail.", True),
     ("A splicing crew is on site.", False), ("Most customers are back online.", False)],
)  # fmt: skip
def test_advice_to_customers_is_told_from_news_of_the_work(sentence: str, advice: bool) -> None:
    assert e.tells_people_what_to_do(sentence) is advice


LEAD = "Northwind Broadband says internet and home phone service is back in Castle Downs and Lauderdale."
ESTIMATE = "The company expects service back by about two this afternoon."


@pytest.mark.parametrize(
    ("sentence", "said", "restated"),
    [
        ("Internet and home phone are fully restored.", [LEAD], True),
        ("A splicing crew is on site and is digging.", [LEAD], False),
        ("Service is back; the crew is packing up.", [LEAD], False),
        ("We expect service back by about two in the afternoon.", [ESTIMATE], True),
        ("", [LEAD], True),
    ],
)
def test_a_sentence_that_says_again_what_the_copy_says(sentence: str, said: list[str], restated: bool) -> None:
    assert e.restates(sentence, said) is restated


# Copy of the St. Albert outage, as the radio facts give it: the lead with when it began, and the cause.
ALL_CLEAR = "Northwind Broadband says internet and business fibre service is back restored in St. Albert"
STORY = "Northwind Broadband says internet and business fibre service is down out in St. Albert shortly after one-forty-five this afternoon"
HUB_CAUSE = "The company says utility power to its St. Albert hub failed and the backup generator did not start."
SWITCH_CAUSE = (
    "The company says when utility power returned, a faulty transfer switch, the device that moves the hub "
    "between utility and generator power, cut the power a second time."
)
IMPACT = "Home phone calls may not connect for up to 20 minutes while the switch restarts."
CANCELLED = "Northwind Broadband says planned work on business fibre service in St. Albert is cancelled, and service will not be interrupted."


# News that reuses the copy's words is news: each thing the copy says is weighed on its own, not words
# gathered from several of its sentences; a time or a date counts as one word, "a time", not as four.
@pytest.mark.parametrize(
    ("sentence", "said", "restated"),
    [
        # "utility", "power", "hub" from the cause and "back" from the lead: news all the same.
        ("Utility power is back and the hub has been switched over to it.", [ALL_CLEAR, HUB_CAUSE], False),
        ("The portable generator is running the hub and service is coming back now.",
         [ALL_CLEAR.replace("back restored", "coming back"), HUB_CAUSE], False),
        ("The new switch is installed and being tested before we move the hub back to utility power.",
         [ALL_CLEAR, SWITCH_CAUSE], False),
        ("Service is back on generator power, and most customers are online again.", [ALL_CLEAR, SWITCH_CAUSE],
         False),
        ("All but three lines are back to their normal speed.",
         ["Northwind Broadband says internet service is back restored in Sturgeon County",
          "The company says a truck struck its roadside equipment cabinet; the lines it serves re-learn their speed."],
         False),
        # The forecast said the switch would restart; when it did and for how long is news.
        ("The switch restarted at 1:52 a.m. and was out for 11 minutes.", [IMPACT], False),
        # The lead and when it began, told again in staff's words and times: a repeat.
        ("Internet and business fibre are down across St. Albert since about 1:50 p.m.", [STORY, HUB_CAUSE], True),
        ("Internet and business fibre are down across St. Albert since about one-fifty in the afternoon.",
         [STORY, HUB_CAUSE], True),
        ("Internet and business fibre are restored across St. Albert.", [ALL_CLEAR, HUB_CAUSE], True),
        ("Their new estimate is twelve-thirty in the afternoon.",
         ["The company expects service back by about twelve-thirty this afternoon."], True),
        ("Your service will not be interrupted on November 5.", [CANCELLED], True),
    ],
)  # fmt: skip
def test_news_that_reuses_the_copys_words_is_not_a_repeat(sentence: str, said: list[str], restated: bool) -> None:
    assert e.restates(sentence, said) is restated


@pytest.mark.parametrize(
    ("sentence", "kept"),
    [
        ("The damage is smaller than feared, so we now expect service back by about two in the afternoon.",
         "The damage is smaller than feared."),
        ("A board arrives at noon; once fitted we expect service back by about two in the afternoon.",
         "A board arrives at noon."),
        ("We expect service back by about two in the afternoon.", ""),
        ("A crew is on site, and it is digging.", "A crew is on site, and it is digging."),
    ],
)  # fmt: skip
def test_only_the_new_clauses_of_a_sentence_are_kept(sentence: str, kept: str) -> None:
    assert e.new_clauses(sentence, [ESTIMATE]) == kept


# --- fitting -----------------------------------------------------------------------------------

CANDIDATES = [
    e.Candidate(1, ("Lead with all the area names in it here.", "Lead short.")),  # 9 / 2 words
    e.Candidate(2, ("Safety advice now.",)),  # 3
    e.Candidate(3, ("When it is back.", "When.")),  # 4 / 1
    e.Candidate(4, ("Since when it began.",)),  # 4
    e.Candidate(5, ("Why it happened in many words here.",)),  # 7
    e.Candidate(9, ("Where to look.",)),  # 3
]


def words(text: str) -> int:
    return len(text.split())


@pytest.mark.parametrize(
    ("budget", "copy"),
    [
        (3, "Lead short. Safety advice now. When."),  # over budget: the points always kept are kept anyway
        (6, "Lead short. Safety advice now. When."),
        (10, "Lead short. Safety advice now. When it is back."),
        (13, "Lead with all the area names in it here. Safety advice now. When."),
        (16, "Lead with all the area names in it here. Safety advice now. When it is back."),
        (21, "Lead with all the area names in it here. Safety advice now. When it is back. Since when it began."),
        (27, "Lead with all the area names in it here. Safety advice now. When it is back. Since when it began. "
             "Why it happened in many words here."),
        (40, "Lead with all the area names in it here. Safety advice now. When it is back. Since when it began. "
             "Why it happened in many words here. Where to look."),
    ],
)  # fmt: skip
def test_fitting_keeps_whole_points_by_importance_then_fills_with_fuller_wordings(budget: int, copy: str) -> None:
    fitted = e.fit(CANDIDATES, budget, words)
    assert " ".join(fitted.sentences) == copy
    assert fitted.size == words(copy)


OPTIONAL = [
    e.Candidate(1, ("Lead.",)),
    e.Candidate(4, ("Since a long long long time ago.", "Since.")),
    e.Candidate(5, ("Why now.",)),
]


@pytest.mark.parametrize(
    ("budget", "copy"),
    [(3, "Lead. Since."), (5, "Lead. Since. Why now."), (10, "Lead. Since a long long long time ago. Why now.")],
)
def test_other_points_go_in_short_first_so_a_short_slot_says_more(budget: int, copy: str) -> None:
    assert " ".join(e.fit(OPTIONAL, budget, words).sentences) == copy


def test_fitting_never_says_a_point_twice_and_keeps_the_order() -> None:
    twice = [e.Candidate(1, ("A.",)), e.Candidate(9, ("B.",)), e.Candidate(4, ("A.",)), e.Candidate(5, ("C.",))]
    fitted = e.fit(twice, 10, words)
    assert fitted.sentences == ("A.", "B.", "C.") and fitted.kept == (1, 9, 5)


@pytest.mark.parametrize(
    ("lines", "candidates"),
    [
        ("1 Lead.\nor Short lead.\n2 Safety.|yes\n3 Never.|\n", [(1, ("Lead.", "Short lead.")), (2, ("Safety.",))]),
        ("3 Kept.|x\nor Shorter.|\n", [(3, ("Kept.",))]),
        ("3 Gone.|\nor Shorter.|x\n", [(3, ("Shorter.",))]),
        ("\n  7 Indented.  \n", [(7, ("Indented.",))]),
    ],
)
def test_template_lines_become_candidates(lines: str, candidates: list) -> None:
    assert [(c.importance, c.wordings) for c in e.candidates_from_lines(lines)] == candidates


def test_a_template_line_without_its_importance_is_refused() -> None:
    with pytest.raises(ValueError, match="expected a line starting with its importance"):
        e.candidates_from_lines("Lead without a number.")


@given(st.lists(st.tuples(st.integers(1, 9), st.lists(st.text(" ab", min_size=1, max_size=30), min_size=1, max_size=3)),
                max_size=8), st.integers(0, 60))  # fmt: skip
def test_fitting_stays_within_budget_unless_the_kept_points_alone_do_not_fit(points, budget: int) -> None:
    candidates = [e.Candidate(i, tuple(w)) for i, w in points]
    fitted = e.fit(candidates, budget, words)
    kept_alone = sum(min(words(w) for w in c.wordings) for c in candidates if c.importance <= 3)
    assert fitted.size <= max(budget, kept_alone) or len({w for c in candidates for w in c.wordings}) < len(candidates)
    # the points always kept are there (or said already, word for word, by another point)
    assert all(set(c.wordings) & set(fitted.sentences) for c in candidates if c.importance <= 3)


# --- print style ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("moment", "date"),
    [("2026-11-22 09:40", "Nov. 22, 2026"), ("2026-05-12 08:05", "May 12, 2026"), ("2026-09-24 13:50", "Sept. 24, 2026"),
     ("2026-03-01 00:00", "March 1, 2026"), ("2026-07-06 07:40", "July 6, 2026"), ("2026-02-03 12:00", "Feb. 3, 2026")],
)  # fmt: skip
def test_dates_in_canadian_press_style(moment: str, date: str) -> None:
    assert e.cp_date(local(moment), EDMONTON) == date


@pytest.mark.parametrize(
    ("moment", "time"),
    [("2026-11-22 15:00", "3 p.m."), ("2026-11-22 10:30", "10:30 a.m."), ("2026-11-22 12:00", "noon"),
     ("2026-11-22 00:00", "midnight"), ("2026-11-22 00:30", "12:30 a.m."), ("2026-11-22 07:55", "7:55 a.m.")],
)  # fmt: skip
def test_times_in_canadian_press_style(moment: str, time: str) -> None:
    assert e.cp_time(local(moment), EDMONTON) == time


@pytest.mark.parametrize(
    ("moment", "said"),
    [("2026-11-22 07:55", "7:55 a.m. Sunday"), ("2026-11-21 22:00", "10 p.m. Saturday"),
     ("2026-11-28 09:00", "9 a.m. Saturday"), ("2026-11-29 09:00", "9 a.m. Nov. 29"), ("2026-12-03 01:00", "1 a.m. Dec. 3")],
)  # fmt: skip
def test_days_in_print_are_weekdays_within_a_week_never_today(moment: str, said: str) -> None:
    assert e.cp_when(local(moment), SUNDAY, EDMONTON) == said


@pytest.mark.parametrize(
    ("start", "end", "said"),
    [("2026-11-24 01:00", "2026-11-24 05:00", "between 1 a.m. and 5 a.m. Tuesday"),
     ("2026-12-03 01:00", "2026-12-03 05:00", "between 1 a.m. and 5 a.m. Dec. 3"),
     ("2026-11-22 22:00", "2026-11-23 02:00", "from 10 p.m. Sunday to 2 a.m. Monday")],
)  # fmt: skip
def test_windows_in_print(start: str, end: str, said: str) -> None:
    assert e.cp_window(local(start), local(end), SUNDAY, EDMONTON) == said


@pytest.mark.parametrize(
    ("title", "said"),
    [("Communications lead", "communications lead"), ("CEO", "CEO"), ("Director of Northwind Labs", "director of Northwind Labs")],
)  # fmt: skip
def test_a_title_after_a_name_is_lower_case(title: str, said: str) -> None:
    assert e.cp_title(title) == said


# --- SMS windows -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "end", "said"),
    [("2026-10-21 00:30", "2026-10-21 04:00", "Wed Oct 21 12:30-4am"),
     ("2026-12-01 22:00", "2026-12-02 02:00", "Tue Dec 1 10pm-Wed 2am"),
     ("2026-12-01 10:00", "2026-12-01 14:00", "Tue Dec 1 10am-2pm"),
     ("2026-12-01 10:00", "2026-12-01 12:00", "Tue Dec 1 10am-noon")],
)  # fmt: skip
def test_planned_work_in_a_text_always_has_its_date(start: str, end: str, said: str) -> None:
    assert e.sms_window(local(start), local(end), EDMONTON) == said
    assert e.is_gsm7(said)


# --- the story every format shares ---------------------------------------------------------------


def areas(*ids: str):
    return tuple(SITE.config.area(i) for i in ids)


@pytest.mark.parametrize(
    ("ids", "said"),
    [
        (("castle-downs",), ("in Castle Downs", "in parts of north Edmonton")),
        (("clareview", "castle-downs"), ("in Clareview and Castle Downs", "in parts of north and northeast Edmonton")),
        (("st-albert",), ("in St. Albert",)),
        (("mill-woods", "st-albert"), ("in Mill Woods and St. Albert", "in parts of south Edmonton and St. Albert")),
        (("castle-downs", "lauderdale", "beverly", "clareview", "mill-woods"),
         ("in parts of north, northeast and south Edmonton",)),
        (tuple(a.id for a in SITE.config.areas), ("across its service area",)),
    ],
)  # fmt: skip
def test_where_is_said_by_name_then_by_region(ids: tuple[str, ...], said: tuple[str, ...]) -> None:
    assert where_words(SITE.config, areas(*ids)) == said


@pytest.mark.parametrize(
    ("ids", "said"),
    [(("mill-woods",), "Mill Woods is in south Edmonton."),
     (("clareview", "castle-downs"), "The areas are in north and northeast Edmonton."),
     (("mill-woods", "st-albert"), ""), (("st-albert",), ""), (tuple(a.id for a in SITE.config.areas), "")],
)  # fmt: skip
def test_where_named_areas_are(ids: tuple[str, ...], said: str) -> None:
    assert regions_sentence(SITE.config, areas(*ids)) == said


@pytest.mark.parametrize(
    ("ids", "slug"),
    [(("castle-downs",), "CASTLE DOWNS"), (("clareview", "castle-downs"), "CLAREVIEW AND CASTLE DOWNS"),
     (("castle-downs", "lauderdale", "beverly"), "EDMONTON"), (("castle-downs", "lauderdale", "st-albert"), "SEVERAL AREAS"),
     (("beverly", "clareview", "lauderdale"), "EDMONTON"), (tuple(a.id for a in SITE.config.areas), "ALL AREAS")],
)  # fmt: skip
def test_the_slug_names_what_is_affected(ids: tuple[str, ...], slug: str) -> None:
    assert slug_place(SITE.config, areas(*ids)) == slug


def test_safety_advice_while_a_911_service_is_affected_and_not_after() -> None:
    cut = SITE.incident("2026-05-12-north-edmonton-fibre-cut")
    advice = [safety_advice(SITE.config, cut, u) for u in cut.updates]
    still_out = "If your home phone still has no dial tone, use a cell phone for 9-1-1."
    assert advice == ["If you need 9-1-1, use a cell phone."] * 3 + [still_out, ""]  # the 4th is monitoring


@pytest.mark.parametrize(
    ("advice", "still_out"),
    [("If you need 9-1-1, use a cell phone.", "If your home phone still has no dial tone, use a cell phone for 9-1-1."),
     ("If you need 911, call from a mobile.", "If your home phone still has no dial tone, call from a mobile for 911."),
     ("Call 911 from a cell phone.", "If your home phone still has no dial tone, call 911 from a cell phone.")],
)  # fmt: skip
def test_the_advice_once_service_is_coming_back(advice: str, still_out: str) -> None:
    assert still_out_advice(advice, "home phone") == still_out


@pytest.mark.parametrize(
    ("advice", "still_out"),
    [("Pour joindre le 9-1-1, utilisez un cellulaire.",
      "Si votre téléphone résidentiel n'a toujours pas de tonalité, utilisez un cellulaire pour joindre le 9-1-1."),
     ("Si vous devez composer le 9-1-1, utilisez un téléphone cellulaire.",
      "Si votre téléphone résidentiel n'a toujours pas de tonalité, utilisez un téléphone cellulaire pour composer le 9-1-1."),
     ("Appelez le 9-1-1 d'un cellulaire.",
      "Si votre téléphone résidentiel n'a toujours pas de tonalité, appelez le 9-1-1 d'un cellulaire.")],
)  # fmt: skip
def test_the_french_advice_once_service_is_coming_back(advice: str, still_out: str) -> None:
    assert french_still_out_advice(advice, "téléphone résidentiel") == still_out
    clareview = SITE.incident("2026-11-22-clareview-castle-downs-internet-outage")
    assert safety_advice(SITE.config, clareview, clareview.latest) == ""  # internet only
    assert Status.RESOLVED.is_final
