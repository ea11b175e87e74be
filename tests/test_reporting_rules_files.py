"""Rules as data: the shipped regimes load, broken rules files give located errors, internal rules load."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from reporting_helpers import EDMONTON, at, outage

from generator.incidents.yamltext import parse
from generator.reporting.duties import duties, regimes_not_in_force
from generator.reporting.regimes import SHIPPED, InvalidRules, internal_regime, read_regime, shipped_regime


@pytest.mark.parametrize("regime_id", SHIPPED)
def test_every_shipped_regime_loads_and_names_its_sources(regime_id: str) -> None:
    regime = shipped_regime(regime_id)
    assert regime.id == regime_id
    assert regime.sources and all(s.url.startswith("http") and s.date.year >= 2012 for s in regime.sources)
    assert all(rule.cite for rule in regime.rules), "every rule says where it is written"


def test_what_the_files_say_about_dates_and_clocks() -> None:
    interim, final, fcc = (shipped_regime(r) for r in SHIPPED)
    assert (interim.in_force, interim.effective_from) == (True, date(2023, 3, 8))
    assert (final.in_force, final.effective_from) == (False, None)  # the start date is suspended
    assert final.sources[0].date == date(2025, 9, 4)
    primary = final.rule("primary-notification")
    assert (primary.clock, primary.within.total_seconds()) == ("major", 7200)
    assert "so that it can change when the CRTC clarifies it" in " ".join(primary.notes.split())
    assert fcc.rule("911-special-facility").effective_from == date(2025, 4, 15)
    assert fcc.rule("nors-final-report").clock == "discovered"  # 30 days from discovery, not restoration


def test_a_regime_not_yet_in_force_gives_no_duties_and_says_so() -> None:
    facts = outage("2026-11-22 07:57", [("2026-11-22 07:57", 6000)])
    final = shipped_regime("crtc-2025-225")
    assert duties(facts, [final], at("2026-11-22 09:39"), zone=EDMONTON) == []
    assert regimes_not_in_force(facts, [final], EDMONTON) == [final]
    # The interim rules cover outages from 8 March 2023 (local date of the start), not the day before.
    interim = shipped_regime("crtc-interim-2023")
    before = outage("2023-03-07 23:00", [("2023-03-07 23:00", 1)], isolated=True)
    on = outage("2023-03-08 00:00", [("2023-03-08 00:00", 1)], isolated=True)
    assert duties(before, [interim], at("2023-03-08 01:00"), zone=EDMONTON) == []
    assert [d.rule.id for d in duties(on, [interim], at("2023-03-08 01:00"), zone=EDMONTON)] == [
        "community-isolation-notification",
        "comprehensive-report",
    ]


HEADER = """\
id: test
name: Test regime
short: TR
version: 1
jurisdiction: Testland
sources:
  - {title: A text, url: https://example.org/, date: 2025-02-30}
effective_from: 2025-06-01
effective_until: 2025-05-01
categories:
  primary: Everything.
recipients:
  crtc: CRTC
  ised: ISED
"""

BROKEN_RULES = """\
rules:
  - id: one
    title: a threshold
    categories: [primry]
    thresholds:
      user_minutes: {at_least: 10, more_than: 5}
      duration: {at_least: 2 hrs}
      customers: {}
    clock: major
    within: 2h
    action: notify
    recipients: [crtc, cbc]
  - id: two
    title: a report
    follows: [one, three]
    clock: reported
    within: 0m
    action: file
    recipients: [crtc]
  - id: one
    title: loop a
    follows: [four]
    clock: restored
    after: one
    within: 1d
    action: file
    recipients: [ised]
  - id: four
    title: loop b
    follows: [one]
    clock: restored
    within: 1d
    action: file
    recipients: [ised]
"""


def test_every_problem_of_a_rules_file_is_located_in_one_run() -> None:
    with pytest.raises(InvalidRules) as caught:
        read_regime((HEADER + BROKEN_RULES).encode(), "rules.yml")
    assert [str(p) for p in caught.value.problems] == [
        "rules.yml:7:54: sources[0].date: expected a real date like 2026-07-01; found '2025-02-30'",
        "rules.yml:9:18: effective_until: expected a date on or after effective_from (2025-06-01); found '2025-05-01'",
        "rules.yml:18:18: rules[0].categories[0]: expected one of the categories primary; found 'primry'",
        "rules.yml:20:21: rules[0].thresholds.user_minutes: expected exactly one of at_least and more_than; found both",
        "rules.yml:21:28: rules[0].thresholds.duration.at_least: expected a duration like 3h, 90m, 1h30m or 2d;"
        " found '2 hrs'",
        "rules.yml:22:18: rules[0].thresholds.customers: expected exactly one of at_least and more_than; found neither",
        "rules.yml:26:24: rules[0].recipients[1]: expected one of the recipients crtc, ised; found 'cbc'",
        "rules.yml:27:5: rules[1].after: expected the id of another rule whose report starts this clock;"
        " found nothing (an empty value)",
        "rules.yml:29:20: rules[1].follows[1]: expected the id of another rule in this file; found 'three'",
        "rules.yml:31:13: rules[1].within: expected a duration longer than zero; found '0m'",
        "rules.yml:34:9: rules[2].id: expected each rule id once; found 'one' again",
        "rules.yml:36:14: rules[2].follows: expected rules that do not lead back to this one; found a loop of follows",
        "rules.yml:38:12: rules[2].after: expected no 'after' unless clock is reported; found 'one'",
        "rules.yml:44:14: rules[3].follows: expected rules that do not lead back to this one; found a loop of follows",
    ]


@pytest.mark.parametrize(
    ("rules", "expected"),
    [
        (
            "rules:\n  - id: one\n    title: t\n    clock: major\n    withn: 2h\n    action: notify\n    recipients: [crtc]\n",
            [
                "rules.yml:16:5: rules[0].within: expected this required field; found no such key",
                "rules.yml:19:5: rules[0].withn: expected one of the keys id, title, categories, community_isolated,"
                " thresholds, follows, clock, after, within, action, recipients, cite, effective_from, notes;"
                " found the unknown key 'withn' (did you mean 'within'?)",
            ],
        ),
        (
            "rules:\n  - id: one\n    title: t\n    clock: when-we-like\n    within: 2h\n    action: x\n    recipients: [crtc]\n",
            [
                "rules.yml:18:12: rules[0].clock: expected one of discovered, major, restored, reported;"
                " found 'when-we-like'"
            ],
        ),
        (
            "rules: &all\n  - id: one\n",
            ["rules.yml:15:8: expected plain values; found the anchor &all (anchors are not allowed)"],
        ),
        (
            "rules:\n  - id: One Rule\n    title: t\n    clock: major\n    within: 2h\n    action: x\n    recipients: [crtc]\n",
            [
                "rules.yml:16:9: rules[0].id: expected a lowercase id of letters, digits and hyphens, like"
                " castle-downs; found 'One Rule'"
            ],
        ),
    ],
)
def test_shape_and_yaml_problems_are_located(rules: str, expected: list[str]) -> None:
    header = HEADER.replace("2025-02-30", "2025-02-28").replace("2025-05-01", "2025-07-01")
    with pytest.raises(InvalidRules) as caught:
        read_regime((header + rules).encode(), "rules.yml")
    assert [str(p) for p in caught.value.problems] == expected


STATUS = """\
name: Northwind Broadband
reporting:
  regimes: [crtc-2025-225]
  internal:
    - id: executive
      title: executive escalation threshold
      categories: [primary]
      thresholds:
        user_minutes: {at_least: 100000}
      clock: major
      within: 15m
      action: tell
      recipients: [the executive on call]
"""


def test_an_organisations_own_rules_in_the_same_format() -> None:
    document = parse(STATUS.encode(), "status.yml")
    internal = internal_regime(
        document.data["reporting"]["internal"], file="status.yml", document=document, at=("reporting", "internal")
    )
    # 1,000 customers from 08:00: 100,000 user-minutes at 09:40; 15 minutes to tell the executive.
    facts = outage("2026-11-22 08:00", [("2026-11-22 08:00", 1000)])
    [duty] = duties(facts, [internal], at("2026-11-22 09:41"), zone=EDMONTON)
    assert duty.message == (
        "Internal executive escalation threshold crossed at 09:40 (100,000 user-minutes);"
        " tell the executive on call by 09:55"
    )


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            ("{at_least: 100000}", "{at_least: lots}"),
            "status.yml:9:34: reporting.internal[0].thresholds.user_minutes.at_least: expected a whole number;"
            " found 'lots'",
        ),
        (
            ("[primary]", "[vip]"),
            "status.yml:7:20: reporting.internal[0].categories[0]: expected one of the categories primary,"
            " emergency-calls, public-alerting, specialised; found 'vip'",
        ),
        (
            ("within: 15m", "within: soon"),
            "status.yml:11:15: reporting.internal[0].within: expected a duration like 3h, 90m, 1h30m or 2d;"
            " found 'soon'",
        ),
    ],
)
def test_internal_rules_problems_are_located_in_the_file_that_holds_them(
    change: tuple[str, str], expected: str
) -> None:
    document = parse(STATUS.replace(*change).encode(), "status.yml")
    with pytest.raises(InvalidRules) as caught:
        internal_regime(
            document.data["reporting"]["internal"], file="status.yml", document=document, at=("reporting", "internal")
        )
    assert [str(p) for p in caught.value.problems] == [expected]


def test_the_readme_example_prints_what_the_readme_says(capsys: pytest.CaptureFixture[str]) -> None:
    """The README's Python example runs, and its output is the one the README shows."""
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Regulatory reporting", 1)[1].split("\n## ", 1)[0]
    code = section.split("```python\n", 1)[1].split("```", 1)[0]
    shown = section.split("prints\n\n```text\n", 1)[1].split("```", 1)[0]
    exec(compile(code, "README.md", "exec"), {})
    assert capsys.readouterr().out == shown
