"""The editorial rulebook: small, named, pure rules every bulletin passes through.

Canadian Press and AP broadcast style, as ``BROADCAST-STYLE.md`` in the
project's shared notes sets it out; each rule has a table test of
before/after pairs in ``tests/test_editorial.py``.

- ``numbers``: one to nine in words, rounded counts ("about 12-hundred"),
  "per cent", no figure opening a sentence.
- ``clock``: spoken clock times and days relative to the copy, promises
  rounded up and beginnings rounded down to the quarter hour, durations from
  real elapsed time.
  Staff's clock times and dates said ("ten-ten in the morning", "July
  4th"); planned windows ("between twelve-thirty and four Wednesday morning").
- ``places``: addresses in full words; web addresses and regions as said.
- ``wording``: abbreviations as configured, "we" -> "it" with agreeing verbs,
  parentheticals rewritten (911 brings its safety advice); lists, names in a
  sentence, sentences.
- ``staff``: staff's own sentences on air: page talk and apologies out,
  everything said aloud, "we" as "the company", unreadable sentences left out.
- ``counting``: words counted as spoken, for the 85-100 % fill of a slot.
- ``fitting``: whole sentences chosen by importance to fill a budget.
- ``printed``: Canadian Press dates and times for the release and the notice.
- ``sms``: GSM-7 text, its parts, day and time ("3pm Sun"), windows with their date.
"""

from .clock import (
    QUARTER,
    after,
    began_phrase,
    began_time,
    elapsed,
    promised_time,
    round_down_to_quarter,
    round_up_to_quarter,
    same_instant,
    spoken_clock,
    spoken_clock_times,
    spoken_dates,
    spoken_day,
    spoken_duration,
    spoken_time,
    spoken_window,
    stated_clock,
)
from .counting import fill_ratio, fills_slot, spoken_seconds, spoken_word_count, word_budget
from .fitting import Candidate, Fitted, candidates_from_lines, fit
from .numbers import (
    clock_words,
    count,
    day_of_month,
    no_leading_figure,
    number_words,
    ordinal,
    per_cent,
    rounded,
    spoken_figures,
    spoken_number,
)
from .places import regions_phrase, spoken_address, spoken_web_address
from .printed import cp_date, cp_day, cp_month_day, cp_time, cp_title, cp_when, cp_window
from .sms import SmsEncoding, fit_sms, fits_one_sms, is_gsm7, sms_encoding, sms_time, sms_window, to_gsm7
from .staff import (
    apologises,
    attributed,
    in_company_voice,
    leans_on_the_sentence_before,
    new_clauses,
    readable_on_air,
    refers_to_the_page,
    restates,
    said_aloud,
    standing_alone,
    tells_people_what_to_do,
    to_customers,
    without_page_talk,
    without_phone_numbers,
)
from .wording import (
    company_voice,
    initialism,
    list_words,
    mentions_emergency_calling,
    name_in_sentence,
    rewrite_parentheticals,
    split_sentences,
    spoken_911,
    spoken_abbreviations,
    third_person_verb,
    unstacked,
    without_asides,
)

__all__ = [
    "QUARTER",
    "Candidate",
    "Fitted",
    "SmsEncoding",
    "after",
    "apologises",
    "attributed",
    "began_phrase",
    "began_time",
    "candidates_from_lines",
    "clock_words",
    "company_voice",
    "count",
    "cp_date",
    "cp_day",
    "cp_month_day",
    "cp_time",
    "cp_title",
    "cp_when",
    "cp_window",
    "day_of_month",
    "elapsed",
    "fill_ratio",
    "fills_slot",
    "fit",
    "fit_sms",
    "fits_one_sms",
    "in_company_voice",
    "initialism",
    "is_gsm7",
    "leans_on_the_sentence_before",
    "list_words",
    "mentions_emergency_calling",
    "name_in_sentence",
    "new_clauses",
    "no_leading_figure",
    "number_words",
    "ordinal",
    "per_cent",
    "promised_time",
    "readable_on_air",
    "refers_to_the_page",
    "regions_phrase",
    "restates",
    "rewrite_parentheticals",
    "round_down_to_quarter",
    "round_up_to_quarter",
    "rounded",
    "said_aloud",
    "same_instant",
    "sms_encoding",
    "sms_time",
    "sms_window",
    "split_sentences",
    "spoken_911",
    "spoken_abbreviations",
    "spoken_address",
    "spoken_clock",
    "spoken_clock_times",
    "spoken_dates",
    "spoken_day",
    "spoken_duration",
    "spoken_figures",
    "spoken_number",
    "spoken_seconds",
    "spoken_time",
    "spoken_web_address",
    "spoken_window",
    "spoken_word_count",
    "standing_alone",
    "stated_clock",
    "tells_people_what_to_do",
    "third_person_verb",
    "to_customers",
    "to_gsm7",
    "unstacked",
    "without_asides",
    "without_page_talk",
    "without_phone_numbers",
    "word_budget",
]
