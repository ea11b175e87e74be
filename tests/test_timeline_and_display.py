"""State at "now" and how times and statuses read on the page."""

from __future__ import annotations

import functools
import posixpath
import string
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jinja2 import Environment, pass_context, pass_environment, pass_eval_context
from jinja2.runtime import Context
from markupsafe import Markup

from generator import display
from generator.catalogue import catalogue_for
from generator.incidents.load import load_site
from generator.incidents.times import TimeError, localize, parse_relative, parse_time
from generator.site.pages import (
    DirectCalls,
    _named_fields_only,
    incident_row,
    lasted,
    linked_names,
    outlook,
    relative_url,
    say,
    status_badge,
    time_element,
)
from generator.state.as_of import live_estimate, overdue_next_update, passed_estimate
from generator.state.now import component_status, overdue_reason, recent, snapshot

ROOT = Path(__file__).resolve().parent.parent
EDMONTON = ZoneInfo("America/Edmonton")
SITE = load_site(ROOT)


def at(text: str) -> datetime:
    return parse_time(text, EDMONTON)


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("2026-05-12 14:05", "2:05 p.m. MDT"),
        ("2026-11-22 09:30", "9:30 a.m. MST"),
        ("2026-11-22 12:00", "noon MST"),
        ("2026-11-22 00:00", "midnight MST"),
        ("2026-11-22T19:00:00+00:00", "noon MST"),
    ],
)
def test_clock_times_carry_the_zone_abbreviation(text: str, shown: str) -> None:
    assert display.clock(at(text), EDMONTON) == shown


def test_when_adds_as_much_date_as_needed() -> None:
    now = at("2026-11-22 12:00")
    assert display.when(at("2026-11-22 15:00"), EDMONTON, now) == "today at 3:00 p.m. MST"
    assert display.when(at("2026-12-03 01:00"), EDMONTON, now) == "Thu Dec 3 at 1:00 a.m. MST"
    assert display.when(at("2025-12-03 01:00"), EDMONTON, now) == "Dec 3, 2025 at 1:00 a.m. MST"


def test_daylight_saving_gaps_and_overlaps_are_refused() -> None:
    with pytest.raises(TimeError, match=r"skipped when clocks go forward \(write 2026-03-08 03:30"):
        localize(datetime(2026, 3, 8, 2, 30), EDMONTON)  # noqa: DTZ001 - a wall-clock time on purpose
    with pytest.raises(TimeError, match="happens twice"):
        localize(datetime(2026, 11, 1, 1, 30), EDMONTON)  # noqa: DTZ001
    assert parse_time("2026-11-01 01:30-06:00", EDMONTON).utcoffset().total_seconds() == -6 * 3600


def test_relative_times_typed_at_the_command_line() -> None:
    now = at("2026-11-22 12:00")
    assert parse_relative("2h", now, EDMONTON) == at("2026-11-22 14:00")
    assert parse_relative("1h30m", now, EDMONTON) == at("2026-11-22 13:30")
    assert parse_relative("14:00", now, EDMONTON) == at("2026-11-22 14:00")
    assert parse_relative("09:00", now, EDMONTON) == at("2026-11-23 09:00")  # the next 09:00 to come
    assert parse_relative("2026-12-01 08:00", now, EDMONTON) == at("2026-12-01 08:00")


def test_snapshot_of_the_example_at_noon() -> None:
    state = snapshot(SITE, at("2026-11-22 12:00"))
    assert [i.id for i in state.active] == ["2026-11-22-clareview-castle-downs-internet-outage"]
    assert [i.id for i in state.upcoming] == ["2026-11-19-lauderdale-beverly-core-router-upgrade"]
    statuses = {c.id: c.status for c in state.services + state.areas}
    assert statuses["internet"] == "partial_outage"  # a major incident
    assert statuses["clareview"] == statuses["castle-downs"] == "partial_outage"
    assert statuses["phone"] == statuses["lauderdale"] == "operational"
    assert (state.overall, state.indicator) == ("partial_outage", "major")


def test_snapshot_during_the_rescheduled_maintenance_window() -> None:
    # The Lauderdale work moved from Nov 26 to Dec 3: only the new window counts.
    work = "2026-11-19-lauderdale-beverly-core-router-upgrade"
    assert work not in [i.id for i in snapshot(SITE, at("2026-11-26 02:00")).active]
    state = snapshot(SITE, at("2026-12-03 02:00"))
    assert work in [i.id for i in state.active]
    assert {c.id: c.status for c in state.areas}["lauderdale"] == "under_maintenance"
    assert state.indicator == "major"  # the Clareview incident is still open in the data
    quiet = replace(SITE, incidents=tuple(i for i in SITE.incidents if i.is_maintenance))
    assert snapshot(quiet, at("2026-12-03 02:00")).indicator == "maintenance"


def test_snapshot_in_the_middle_of_the_may_fibre_cut() -> None:
    """At 10:00 the fibre cut was 1 h 55 min old and identified: what came later does not exist yet."""
    state = snapshot(SITE, at("2026-05-12 10:00"))
    [cut] = [i for i in state.active if i.id == "2026-05-12-north-edmonton-fibre-cut"]
    assert cut.status.value == "identified" and len(cut.updates) == 2
    assert cut.cause.startswith("A contractor drilling")  # found at 9:20
    assert state.overall == "major_outage"  # a critical incident
    assert [i.id for i in state.upcoming] == []  # the maintenance of October and November is not announced yet
    assert "2026-11-22-clareview-castle-downs-internet-outage" not in [i.id for i in state.site.incidents]


def test_recent_lists_the_last_14_days_newest_first() -> None:
    ids = [i.id for i in recent(SITE, at("2026-11-22 12:00"))]
    assert ids == ["2026-11-13-voicemail-access"]


@pytest.mark.parametrize(
    ("source", "target", "link"),
    [
        ("", "areas/b/", "areas/b/"),
        ("incidents/a/", "areas/b/", "../../areas/b/"),
        ("history/2026/05/", "history/", "../../"),
        ("lite/", "status.txt", "../status.txt"),
        ("incidents/a/", "", "../../"),
        ("", "", "./"),
    ],
)
def test_relative_links_work_at_any_base_path(source: str, target: str, link: str) -> None:
    assert relative_url(source, target) == link


def test_staff_markdown_is_sanitised() -> None:
    html = display.render_markdown("**Down** <script>alert(1)</script> [x](javascript:alert(1)) ![i](https://x/i.png)")
    assert "<strong>Down</strong>" in html
    assert "<script" not in html and "javascript:" not in html and "<img" not in html


def test_relative_times_count_real_hours_across_a_clock_change() -> None:
    """On the night clocks go back, 23:30 plus three hours is 01:30 MST, not 02:30 (four hours later)."""
    evening = at("2026-10-31 23:30")
    later = parse_relative("3h", evening, EDMONTON)
    assert later.astimezone(UTC) - evening.astimezone(UTC) == timedelta(hours=3)
    assert later.strftime("%H:%M %Z") == "01:30 MST"
    assert parse_relative("07:55", at("2026-11-22 08:10"), EDMONTON, past=True) == at("2026-11-22 07:55")
    assert parse_relative("09:00", at("2026-11-22 08:10"), EDMONTON, past=True) == at("2026-11-21 09:00")
    assert parse_relative("20m", at("2026-11-22 08:10"), EDMONTON, past=True) == at("2026-11-22 07:50")


_PART = st.sampled_from(["", ".", "..", "a", "b", "incidents", "2026", "x.ics", "fr"])


@settings(max_examples=2000)
@given(source=st.lists(_PART, max_size=5).map("/".join), target=st.lists(_PART, max_size=5).map("/".join))
def test_links_are_what_relpath_makes_of_any_two_paths(source: str, target: str) -> None:
    # The pages' links skip relpath's normalising where it does nothing; any pair of paths, with
    # empty, "." and ".." parts among them, must give relpath's own answer.
    base = source if source.endswith("/") or not source else posixpath.dirname(source) + "/"
    expected = posixpath.relpath("/" + target, "/" + base)
    if target.endswith("/") or not target:
        expected = expected.rstrip("/") + "/" if expected != "." else "./"
    assert relative_url(source, target) == expected


_YEARS = st.datetimes(
    min_value=datetime(1990, 1, 1),  # noqa: DTZ001 - hypothesis takes naive bounds, and gives times in UTC
    max_value=datetime(2090, 12, 31),  # noqa: DTZ001
    timezones=st.just(UTC),
)


@settings(max_examples=500)
@given(moment=_YEARS, now=_YEARS)
def test_times_on_pages_read_as_strftime_writes_them(moment: datetime, now: datetime) -> None:
    # Day and month names are looked up rather than formatted (a page shows a dozen times): they
    # must be strftime's own, whatever the date, and the clock the same as clock() gives.
    zone = ZoneInfo("America/Edmonton")
    local, today = moment.astimezone(zone), now.astimezone(zone)
    clock = display.clock(moment, zone)
    if local.date() == today.date():
        expected = f"today at {clock}"
    elif local.year == today.year:
        expected = f"{local:%a} {local:%b} {local.day} at {clock}"
    else:
        expected = f"{local:%b} {local.day}, {local.year} at {clock}"
    assert display.when(moment, zone, now) == expected
    assert display.short_day(moment, zone) == f"{local:%b} {local.day}"


class _OwnHtml:
    def __html__(self) -> str:
        return "<b>kept</b>"


@pytest.mark.parametrize("text", ['today at 8 <a> & "b"', Markup("<em>ok</em>"), _OwnHtml(), None, 5])
def test_a_time_element_escapes_its_words_as_the_template_did(text: object) -> None:
    # <time> used to be a macro printing {{ text }} under autoescape: the function must escape alike.
    moment = datetime(2026, 5, 12, 14, 25, tzinfo=UTC)
    macro = Environment(autoescape=True).from_string('<time datetime="{{ iso }}">{{ text }}</time>')
    assert time_element(moment, text) == macro.render(iso=display.iso(moment), text=text)


class _Words(str):
    """Text of a kind of its own (not markup)."""


_VALUES = st.one_of(
    st.text(alphabet=st.sampled_from(list("ab <>&'\"{}%é"))),
    st.builds(Markup, st.text(alphabet=st.sampled_from(list("ab<>&")))),
    st.just(_OwnHtml()),
    st.just(Markup("<i>&amp;</i>")),
    st.builds(_Words, st.text(alphabet=st.sampled_from(list("a<&")))),
    st.none(),
    st.integers(),
    st.floats(allow_nan=False),
)


@pytest.mark.parametrize("language", ["en", "fr"])
@given(data=st.data())
@settings(max_examples=300, deadline=None)
def test_a_phrase_said_with_values_is_what_markup_format_makes_of_it(language: str, data) -> None:
    # say() puts a phrase's {named} values in with str.format after escaping each; Markup.format escaped them
    # inside its formatter. Every phrase of the catalogue, any values: the same markup.
    words = catalogue_for(language)
    english = data.draw(st.sampled_from(sorted(words.phrases)))
    names = [name for _, name, _, _ in string.Formatter().parse(words.phrase(english)) if name]
    values = {name: data.draw(_VALUES) for name in names}
    assert say(words, english, **values) == Markup(words.phrase(english)).format(**values)
    assert type(say(words, english, **values)) is Markup


def test_a_phrase_with_a_format_spec_or_an_attribute_is_put_in_by_markup_format() -> None:
    for text in ("{count:,} files", "{item.name} is down", "{0} and {1}", "{name!r}", "{name"):
        assert not _named_fields_only(text)
    assert _named_fields_only("{name} in {area}, {{literal}}") and _named_fields_only("no fields")


class _Named:
    def __init__(self, id: str, name: str) -> None:
        self.id, self.name = id, name


@pytest.mark.parametrize(
    "items",
    [[], [_Named("internet", "Internet")], [_Named("a&b", 'Tom & "Jerry" <x>'), _Named("b", "B"), _Named("c", "C")]],
)
def test_linked_names_print_what_the_names_macro_printed(items: list[_Named]) -> None:
    # names() used to be a macro under autoescape: the function must print the same markup.
    macro = Environment(autoescape=True).from_string(
        "{% macro names(items, kind) -%}\n"
        "{% for item in items %}<a href=\"{{ url(kind ~ '/' ~ item.id ~ '/') }}\">{{ item.name }}</a>"
        '{{ ", " if not loop.last else "" }}{% endfor %}\n'
        "{%- endmacro %}{{ names(items, 'areas') }}"
    )
    link = lambda target: "../../" + target + "?x=1&y=<2>"  # noqa: E731
    made = linked_names(items, "areas", link)
    assert made == macro.render(items=items, url=link) and type(made) is Markup


OLD_MACROS = (
    "{% macro status(value, text=None) -%}\n"
    '<span class="outage-status outage-status--{{ value }}">{{ icon(value) | safe }} {{ text or labels[value] }}</span>\n'
    "{%- endmacro %}\n"
    "{% macro incident_status(incident) -%}\n"
    "{{ status(status_of(incident), status_label(incident.status)) }}\n"
    "{%- endmacro %}\n"
    "{% macro outlook(incident) -%}\n"
    "{% set eta, passed, due = estimate(incident), passed_estimate(incident), due_passed(incident) %}\n"
    '{% if eta %}<dt>{{ say("Expected back") }}</dt><dd>{{ time(eta, when(eta)) }}</dd>\n'
    '{% elif passed %}<dt>{{ say("Expected back") }}</dt><dd>{{ say("The estimate of {time} has passed; a new one will '
    'come with the next update.", time=time(passed, when(passed))) }}</dd>\n'
    "{% endif %}\n"
    '{% if due %}<dt>{{ say("Next update") }}</dt><dd>{{ say("Was due {time}", time=time(due, when(due))) }} '
    '<strong>{{ say("(overdue)") }}</strong></dd>\n'
    '{% elif incident.next_update %}<dt>{{ say("Next update") }}</dt><dd>{{ time(incident.next_update, '
    'when(incident.next_update)) }}{% if overdue(incident) %} <strong>{{ say("(overdue)") }}</strong>{% endif %}</dd>\n'
    "{% endif %}\n"
    "{%- endmacro %}\n"
    "{% macro row(incident) -%}\n"
    "{% set took = lasted(incident) %}\n"
    "<li><a href=\"{{ url('incidents/' ~ incident.id ~ '/') }}\">{{ incident.title }}</a> — "
    "{{ status_label(incident.status) }}, {{ time(incident.updates[0].at, short_day(incident.updates[0].at)) }}"
    '{% if incident.is_maintenance %} {{ say("(planned)") }}{% endif %}'
    '{% if took %} · <span class="outage-lasted">{{ took }}</span>{% endif %}</li>\n'
    "{%- endmacro %}\n"
)
"""The status, incident_status, outlook and row macros of ``_macros.html`` as they were, before functions made
the status badges, outlooks and rows."""


@pytest.mark.parametrize("language", ["en", "fr"])
def test_incident_rows_print_what_the_row_macro_printed(language: str) -> None:
    words, zone = catalogue_for(language), SITE.config.timezone
    macro = Environment(autoescape=True, trim_blocks=True, lstrip_blocks=True).from_string(
        OLD_MACROS + "{{ row(incident) }}"
    )
    link = lambda target: "../../" + target + "?x=1&y=<2>"  # noqa: E731
    hostile = replace(SITE.incidents[0], title='Tom & "Jerry" <script>x</script>')
    seen = 0
    for now in ("2026-11-22 12:00", "2026-05-12 09:00"):
        moment = parse_time(now, zone)
        for incident in [hostile, *SITE.incidents]:
            if incident.updates[0].at > moment:
                continue
            made = incident_row(incident, link, words, zone, moment)
            printed = macro.render(
                incident=incident,
                url=link,
                status_label=words.status,
                time=time_element,
                short_day=lambda at: words.short_day(at, zone),
                say=lambda english, **values: say(words, english, **values),
                lasted=lambda i, moment=moment: lasted(i, moment, words),
            )
            assert made == printed and type(made) is Markup, incident.id
            seen += incident.is_maintenance + bool(lasted(incident, moment, words))
    assert seen > 4  # planned work and durations were in the rows compared


@pytest.mark.parametrize("language", ["en", "fr"])
def test_status_and_outlook_print_what_their_macros_printed(language: str) -> None:
    words, zone, gap = catalogue_for(language), SITE.config.timezone, SITE.config.max_update_gap
    template = Environment(autoescape=True, trim_blocks=True, lstrip_blocks=True).from_string(
        OLD_MACROS + "[{{ incident_status(incident) }}]\n[{{ outlook(incident) }}]"
    )
    said: set[str] = set()
    start = parse_time("2026-11-22 07:00", zone)
    for hours in range(0, 40):
        moment = start + timedelta(minutes=45 * hours)
        state = snapshot(SITE, moment)
        when = lambda at, moment=moment: words.when(at, zone, moment)  # noqa: E731
        for incident in state.site.incidents:
            made = f"[{status_badge(component_status(incident) if incident.is_open else 'operational', words.status(incident.status))}]\n[{outlook(incident, words, when, moment, gap)}]"
            printed = template.render(
                incident=incident,
                icon=display.icon,
                labels=words.component_labels,
                status_of=lambda i: component_status(i) if i.is_open else "operational",
                status_label=words.status,
                estimate=lambda i, moment=moment: live_estimate(i, moment),
                passed_estimate=lambda i, moment=moment: passed_estimate(i, moment),
                due_passed=lambda i, moment=moment: overdue_next_update(i, moment),
                overdue=lambda i, moment=moment: overdue_reason(i, moment, gap),
                say=lambda english, **values: say(words, english, **values),
                time=time_element,
                when=when,
            )
            assert made == printed, (incident.id, moment)
            said |= {f"{made.count('<dt>')} terms", "overdue" if "<strong>" in made else "on time"}
    assert said >= {"1 terms", "2 terms", "overdue"}  # estimates and next updates, one overdue, were compared


class _Greeter:
    def __init__(self) -> None:
        self.name = "Ada"

    def hello(self, other: str) -> str:
        return f"{self.name} greets {other}"

    @pass_context
    def __call__(self, context, other: str) -> str:
        return f"{context['who']} called {other}"


def _plain(value: str) -> str:
    return value.upper()


@pass_context
def _with_context(context, value: str) -> str:
    return f"{value} for {context['who']} ({context.get('item', '-')})"


@pass_environment
def _with_environment(environment, value: str) -> str:
    return f"{value} {type(environment).__name__}"


@pass_eval_context
def _with_eval_context(eval_ctx, value: str) -> str:
    return f"{value} autoescape={eval_ctx.autoescape}"


def _wrapped(value: str) -> str:
    return f"<{value}>"


_wrapped_too = functools.wraps(_wrapped)(lambda value: f"[{_wrapped(value)}]")


def _stops(value: str) -> str:
    raise StopIteration


CALLS = (
    "{{ plain('a') }}|{{ lam('b', n=2) }}|{{ greeter.hello('c') }}|{{ greeter('d') }}|{{ ctx('e') }}|"
    "{{ env_('f') }}|{{ ev('g') }}|{{ wrapped('h') }}|{{ stops('i') is undefined }}|"
    "{% for item in ['x', 'y'] %}{% set inner = item ~ '!' %}{{ ctx(inner) }}{{ plain(inner) }};{% endfor %}|"
    "{% set outer = 'z' %}{{ ctx(outer) }}|{{ ('%s-%s' | format)(1, 2) if false else plain('j') }}"
)


@pytest.mark.parametrize("autoescape", [True, False])
def test_direct_calls_call_every_kind_of_callable_as_jinjas_context_does(autoescape: bool) -> None:
    """The pages' context (DirectCalls) calls plain functions and methods itself: every other callable, and
    what each call gives (the context passed, a StopIteration, keywords, calls in loops), as Jinja's does."""
    values = {
        "who": "me",
        "plain": _plain,
        "lam": lambda value, n: value * n,
        "greeter": _Greeter(),
        "ctx": _with_context,
        "env_": _with_environment,
        "ev": _with_eval_context,
        "wrapped": _wrapped_too,
        "stops": _stops,
    }
    printed = {}
    for name, context in (("jinja", Context), ("direct", DirectCalls)):
        env = Environment(autoescape=autoescape)
        env.context_class = context
        printed[name] = env.from_string(CALLS).render(**values)
    assert printed["direct"] == printed["jinja"]
    assert "me called d" in printed["jinja"] and "x! for me" in printed["jinja"]  # the context was passed


@pytest.mark.parametrize("language", ["en", "fr"])
def test_a_status_prints_what_the_status_macro_printed(language: str) -> None:
    """The pages' ``status(value, text=None)`` is a function now: its words by default, any text escaped."""
    words = catalogue_for(language)
    template = Environment(autoescape=True, trim_blocks=True, lstrip_blocks=True).from_string(
        OLD_MACROS + "{{ status(value, text) }}"
    )
    for value in words.component_labels:
        for text in (None, "", "Internet: <b>down</b> & out", Markup("<em>Planned</em> work")):
            printed = template.render(value=value, text=text, icon=display.icon, labels=words.component_labels)
            made = status_badge(value, text or words.component_labels[value])
            assert made == printed and type(made) is Markup, (value, text)
