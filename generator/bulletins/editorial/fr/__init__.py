"""Le guide de rédaction: the French editorial rulebook, rule by rule, beside the English one.

What a Radio-Canada news editor and a Canadian French communiqué expect; the
same shape as ``editorial`` so the formats use the two alike. Each rule has
table tests of before/after pairs in ``tests/test_editorial_fr.py``.

- ``numbers``: counts in words and rounded ("environ quatre mille huit
  cents"), zero to nine in words, "pour cent", the 24-hour clock in words
  ("quatorze heures trente", "midi", "minuit"), no figure first.
- ``clock``: times, days and durations said ("quinze heures cet
  après-midi", "demain matin", "le 3 décembre", "environ cinq heures et
  demie"); the English arithmetic (real elapsed time, quarter hours).
- ``places``: addresses and web addresses in words; compass regions ("le
  nord et le nord-est d'Edmonton").
- ``wording``: lists with "et", elision, "nous" as "elle" with agreeing
  verbs, "notre" as "son" or "sa", parentheticals, sentences.
- ``staff``: staff's sentences on air: page talk and apologies out,
  everything said aloud, the first person attributed ("L'entreprise indique
  que …"), what cannot be said for certain left out.
- ``counting``: French words counted as spoken, and the French speaking rate
  (``WORDS_PER_MINUTE``, 175, with its sources).
- ``printed``: French typography for the release, notice and CAP ("14 h 30",
  "22 novembre 2026", "4 800", spaces before ``:`` ``;`` ``!`` ``?``, « »).
- ``sms``: GSM-7 where French allows, UCS-2 split right where it does not.
"""

from ..wording import initialism, name_in_sentence, spoken_911, spoken_abbreviations
from .clock import (
    began_phrase,
    began_time,
    date_words,
    promised_time,
    spoken_clock,
    spoken_clock_times,
    spoken_dates,
    spoken_day,
    spoken_duration,
    spoken_time,
    spoken_window,
    stated_clock,
)
from .counting import WORDS_PER_MINUTE, spoken_word_count
from .numbers import (
    clock_words,
    count,
    no_leading_figure,
    number_words,
    ordinal_words,
    per_cent,
    rounded,
    spoken_figures,
    spoken_number,
)
from .places import compass_region, regions_phrase, spoken_address, spoken_web_address
from .printed import (
    NBSP,
    NNBSP,
    fr_date,
    fr_day,
    fr_full_date,
    fr_time,
    fr_when,
    fr_window,
    moment,
    stamp,
    status_label,
    thousands,
    title,
    typographie,
    zone_name,
)
from .sms import GSM7_PART, UCS2_BUDGET, in_gsm7, sms_budget, sms_parts, sms_time, sms_units, sms_window
from .staff import (
    apologises,
    attributed,
    in_first_person,
    leans_on_the_sentence_before,
    new_clauses,
    readable_on_air,
    refers_to_the_page,
    restates,
    said_aloud,
    standing_alone,
    tells_people_what_to_do,
    to_customers,
    to_the_company,
    without_page_talk,
    without_phone_numbers,
)
from .wording import (
    company_voice,
    de,
    elided,
    elides,
    gender,
    list_words,
    mentions_emergency_calling,
    que,
    rewrite_parentheticals,
    split_sentences,
    third_person,
)

__all__ = [
    "GSM7_PART",
    "NBSP",
    "NNBSP",
    "UCS2_BUDGET",
    "WORDS_PER_MINUTE",
    "apologises",
    "attributed",
    "began_phrase",
    "began_time",
    "clock_words",
    "company_voice",
    "compass_region",
    "count",
    "date_words",
    "de",
    "elided",
    "elides",
    "fr_date",
    "fr_day",
    "fr_full_date",
    "fr_time",
    "fr_when",
    "fr_window",
    "gender",
    "in_first_person",
    "in_gsm7",
    "initialism",
    "leans_on_the_sentence_before",
    "list_words",
    "mentions_emergency_calling",
    "moment",
    "name_in_sentence",
    "new_clauses",
    "no_leading_figure",
    "number_words",
    "ordinal_words",
    "per_cent",
    "promised_time",
    "que",
    "readable_on_air",
    "refers_to_the_page",
    "regions_phrase",
    "restates",
    "rewrite_parentheticals",
    "rounded",
    "said_aloud",
    "sms_budget",
    "sms_parts",
    "sms_time",
    "sms_units",
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
    "spoken_time",
    "spoken_web_address",
    "spoken_window",
    "spoken_word_count",
    "stamp",
    "standing_alone",
    "stated_clock",
    "status_label",
    "tells_people_what_to_do",
    "third_person",
    "thousands",
    "title",
    "to_customers",
    "to_the_company",
    "typographie",
    "without_page_talk",
    "without_phone_numbers",
    "zone_name",
]
