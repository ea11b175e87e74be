"""The editorial rulebook: small, named, pure rules every bulletin passes through.

Canadian Press and AP broadcast style, as ``BROADCAST-STYLE.md`` in the
project's shared notes sets it out; each rule has a table test of
before/after pairs in ``tests/test_editorial.py``.

- ``numbers``: one to nine in words, rounded counts ("about 12-hundred"),
  "per cent", no figure opening a sentence.
- ``clock``: spoken clock times and days relative to the copy, promises
  rounded up and beginnings rounded down to the quarter hour, durations from
  real elapsed time.
- ``places``: addresses in full words.
- ``wording``: abbreviations as configured, "we" -> "it" with agreeing verbs,
  parentheticals rewritten (911 brings its safety advice).
- ``counting``: words counted as spoken, for the 85-100 % fill of a slot.
- ``sms``: GSM-7 text, its parts, day and time ("3pm Sun").
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
    spoken_day,
    spoken_duration,
    spoken_time,
)
from .counting import fill_ratio, fills_slot, spoken_seconds, spoken_word_count, word_budget
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
from .places import spoken_address
from .sms import SmsEncoding, fit_sms, fits_one_sms, is_gsm7, sms_encoding, sms_time, to_gsm7
from .wording import (
    company_voice,
    initialism,
    mentions_emergency_calling,
    rewrite_parentheticals,
    spoken_911,
    spoken_abbreviations,
    third_person_verb,
)

__all__ = [
    "QUARTER",
    "SmsEncoding",
    "after",
    "began_phrase",
    "began_time",
    "clock_words",
    "company_voice",
    "count",
    "day_of_month",
    "elapsed",
    "fill_ratio",
    "fills_slot",
    "fit_sms",
    "fits_one_sms",
    "initialism",
    "is_gsm7",
    "mentions_emergency_calling",
    "no_leading_figure",
    "number_words",
    "ordinal",
    "per_cent",
    "promised_time",
    "rewrite_parentheticals",
    "round_down_to_quarter",
    "round_up_to_quarter",
    "rounded",
    "same_instant",
    "sms_encoding",
    "sms_time",
    "spoken_911",
    "spoken_abbreviations",
    "spoken_address",
    "spoken_clock",
    "spoken_day",
    "spoken_duration",
    "spoken_figures",
    "spoken_number",
    "spoken_seconds",
    "spoken_time",
    "spoken_word_count",
    "third_person_verb",
    "to_gsm7",
    "word_budget",
]
