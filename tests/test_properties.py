"""Whatever a file holds, the loader returns a model or located problems, never a crash."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.incidents.load import load_config, load_site, read_incident
from generator.incidents.problems import InvalidSite, Problem

ROOT = Path(__file__).resolve().parent.parent
CONFIG = load_config(ROOT)
SOURCE = "incidents/2026/2026-05-12-fuzz.yml"

INCIDENT_KEYS = [
    "kind", "title", "impact", "services", "areas", "customers_affected", "cause", "broadcast", "reopened",
    "updates", "postmortem", "window", "expected_impact", "at", "status", "message", "restore_eta",
    "next_update", "start", "end",
]  # fmt: skip
VALUES = [
    "incident", "maintenance", "major", "minor", "internet", "castle-downs", "investigating", "resolved",
    "scheduled", "cancelled", "2026-05-12 08:25", "2026-05-12T08:25:00-06:00", "2026-03-08 02:30",
    "2026-11-01 01:30", "14:00", "", "\x07",
]  # fmt: skip

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True),
    st.sampled_from(VALUES),
    st.text(max_size=20),
)
documents = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(st.one_of(st.sampled_from(INCIDENT_KEYS), st.text(max_size=8)), children, max_size=6),
    ),
    max_leaves=30,
)


def _assert_located(problems: list[Problem]) -> None:
    for problem in problems:
        assert problem.file == SOURCE
        assert problem.line >= 1 and problem.column >= 1
        assert problem.expected and problem.found
        assert str(problem).startswith(f"{SOURCE}:{problem.line}:{problem.column}:")


@settings(max_examples=400, deadline=None)
@given(st.binary(max_size=400))
def test_any_bytes_give_a_model_or_located_problems(raw: bytes) -> None:
    incident, problems = read_incident(raw, SOURCE, CONFIG)
    assert (incident is None) == bool(problems)
    _assert_located(problems)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab:- \n\t[]{},&*!|>'\"#%@`?\\0123456789")), max_size=200))
def test_yaml_punctuation_soup_gives_located_problems(text: str) -> None:
    incident, problems = read_incident(text.encode("utf-8"), SOURCE, CONFIG)
    assert (incident is None) == bool(problems)
    _assert_located(problems)


@settings(max_examples=400, deadline=None)
@given(documents)
def test_any_yaml_shaped_document_gives_a_model_or_located_problems(document: object) -> None:
    text = yaml.safe_dump(document, allow_unicode=True)
    incident, problems = read_incident(text.encode("utf-8"), SOURCE, CONFIG)
    assert (incident is None) == bool(problems)
    _assert_located(problems)


@st.composite
def nearly_valid_incidents(draw: st.DrawFn) -> dict:
    """Mostly valid incidents with a few things changed, so both outcomes are exercised."""
    statuses = ["investigating", "identified", "monitoring", "resolved"]
    count = draw(st.integers(min_value=1, max_value=5))
    hours = sorted(draw(st.lists(st.integers(min_value=0, max_value=23), min_size=count, max_size=count)))
    chosen = sorted(draw(st.lists(st.sampled_from(statuses), min_size=count, max_size=count)), key=statuses.index)
    updates = []
    for hour, status in zip(hours, chosen, strict=True):
        update = {
            "at": f"2026-05-12 {hour:02d}:15",
            "status": status,
            "message": draw(st.sampled_from(["We know.", "Fixed."])),
        }
        if draw(st.booleans()):
            update["next_update"] = f"2026-05-12 {min(hour + draw(st.integers(-1, 3)), 23):02d}:45"
        updates.append(update)
    document = {
        "title": "Internet outage",
        "impact": draw(st.sampled_from(["minor", "major", "critical"])),
        "services": draw(st.lists(st.sampled_from(["internet", "phone"]), min_size=1, max_size=2, unique=True)),
        "areas": ["castle-downs"],
        "updates": updates,
    }
    mutation = draw(st.sampled_from(["none", "none", "drop", "replace", "add"]))
    key = draw(st.sampled_from(sorted(document)))
    if mutation == "drop":
        del document[key]
    elif mutation == "replace":
        document[key] = draw(scalars)
    elif mutation == "add":
        document[draw(st.sampled_from(INCIDENT_KEYS))] = draw(documents)
    return document


@settings(max_examples=300, deadline=None)
@given(nearly_valid_incidents())
def test_nearly_valid_incidents_give_a_model_or_located_problems(document: dict) -> None:
    text = yaml.safe_dump(document, allow_unicode=True)
    incident, problems = read_incident(text.encode("utf-8"), SOURCE, CONFIG)
    assert (incident is None) == bool(problems)
    _assert_located(problems)
    if incident is not None:
        assert all(u.at.tzinfo is not None for u in incident.updates)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(documents)
def test_any_status_yml_gives_a_site_or_located_problems(tmp_path: Path, document: object) -> None:
    root = tmp_path / "site"
    shutil.rmtree(root, ignore_errors=True)
    root.mkdir()
    (root / "status.yml").write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    try:
        load_site(root)
    except InvalidSite as exc:
        assert exc.problems
        assert all(p.file == "status.yml" and p.line >= 1 for p in exc.problems)


def _outcome(text: str, loader) -> object:
    """What the loader would get from one parser: the mapping's data, or a refusal."""
    from generator.incidents import yamltext

    try:
        yamltext._check_characters(text, SOURCE)  # as parse() does first: no parser sees what this refuses
        events = yamltext._check_events(text, SOURCE, loader)
        root = yamltext._root(events)
        if root is None or not isinstance(events[root], yaml.MappingStartEvent):
            return "refused"  # empty, or not a mapping: refused either way
        document = yamltext.YamlDocument(data=None)
        return yamltext._Builder(events, document, SOURCE, text.splitlines()).value(root, (), 0)[0]
    except (yamltext.YamlProblem, yaml.YAMLError):
        return "refused"


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab:- \n[]{},&*!|>'\"#%@`?\\0\x07\x85\u2028\ufeff\x00é")), max_size=80))
def test_the_fast_and_the_pure_python_parser_agree(text: str) -> None:
    """libyaml is used for speed; it must accept exactly what PyYAML accepts (tabs aside, which skip it)."""
    from generator.incidents.yamltext import _FAST_LOADER

    assert _outcome(text, _FAST_LOADER) == _outcome(text, yaml.SafeLoader)


@settings(max_examples=1000, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                *"ab: \n\t-é\r\x00\x07\x0b\x1f\x7f\x85\x9f\xa0\u061c\u200b\u2028\u202e\u2066\ufeff\ud800\ufdd0\uffff",
                *["\U0001fffe", "\U0010ffff", "\U0001f600", "\r\n"],
            ]
        ),
        max_size=40,
    ).map("".join)
)
def test_a_file_s_characters_are_refused_as_the_three_patterns_refuse_them(text: str) -> None:
    """The check skips patterns that cannot match (no control character or CR, or ASCII text): the same verdict,
    at the same place, as searching all three, in order."""
    from generator.incidents import yamltext

    def verdict(check) -> object:
        try:
            check(text, SOURCE)
        except yamltext.YamlProblem as exc:
            return exc.problem
        return None

    def all_three(text: str, file: str) -> None:
        for pattern in (yamltext._CONTROL, yamltext._INVISIBLE, yamltext._NOT_XML):
            if (bad := pattern.search(text)) is not None:
                line = text.count("\n", 0, bad.start()) + 1
                column = bad.start() - (text.rfind("\n", 0, bad.start()) + 1) + 1
                expected, found = yamltext.character_problem(text[bad.start() : bad.end() + 1]) or ("", "")
                raise yamltext.YamlProblem(Problem(file, line, column, "", expected, found))

    assert verdict(yamltext._check_characters) == verdict(all_three)


@settings(max_examples=500, deadline=None)
@given(st.datetimes(min_value=datetime(1000, 1, 2), timezones=st.sampled_from([UTC, ZoneInfo("America/Edmonton")])))  # noqa: DTZ001 (bounds are naive)
def test_an_update_s_identity_is_its_time_in_utc_as_strftime_writes_it(at: datetime) -> None:
    from generator.incidents.model import update_id

    moment = at.astimezone(UTC)
    assert update_id(at) == moment.strftime("%Y%m%d-%H%M%S" if moment.second else "%Y%m%d-%H%M")


@settings(max_examples=300, deadline=None)
@given(st.datetimes(min_value=datetime(1000, 1, 2), timezones=st.sampled_from([UTC, ZoneInfo("America/Edmonton")])))  # noqa: DTZ001 (bounds are naive)
def test_an_incident_s_archive_month_is_its_start_as_strftime_writes_it(at: datetime) -> None:
    # From the year 1000: before it, strftime's %Y is padded on some platforms and not on others.
    from types import SimpleNamespace

    from generator.site.pages import month_key

    zone = ZoneInfo("America/St_Johns")  # a half-hour zone: the month can differ from the UTC one
    incident = SimpleNamespace(updates=[SimpleNamespace(at=at)])
    site = SimpleNamespace(config=SimpleNamespace(timezone=zone))
    assert month_key(incident, site) == at.astimezone(zone).strftime("%Y/%m")  # type: ignore[arg-type]
