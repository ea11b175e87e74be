"""True at the moment it was said: facts per update, the site as of "now", estimates with a shelf life, identities.

Every statement the tool publishes is made at a moment: a radio script read at
8:15, a CAP message relayed, a feed entry stored. These tests prove that
nothing learned later leaks into an earlier statement, that "now" is applied
to the files, and that an update keeps its identity whatever happens to the
updates around it.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner
from example_repo import copy_of_example

from generator.bulletins import bulletin_set
from generator.bulletins.templates import bulletin_templates
from generator.cli import main
from generator.feeds.atom import update_entry
from generator.incidents.load import load_site
from generator.incidents.model import Site
from generator.incidents.times import parse_time
from generator.state.as_of import as_of
from generator.state.now import snapshot

ROOT = Path(__file__).resolve().parent.parent
SITE = load_site(ROOT)
ZONE = SITE.config.timezone
TEMPLATES = bulletin_templates(ROOT)
LATER = parse_time("2026-12-31 12:00", ZONE)
CLAREVIEW = "2026-11-22-clareview-castle-downs-internet-outage"
FIBRE_CUT = "2026-05-12-north-edmonton-fibre-cut"


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    assert "Traceback" not in result.output, result.output
    return result.exit_code, result.output


def published(site: Site, incident_id: str, position: int) -> dict[str, bytes]:
    """Everything published for one update: every bulletin file (CAP included) and its feed entry."""
    state = snapshot(site, LATER)
    incident = next(i for i in state.site.incidents if i.id == incident_id)
    update = incident.updates[position]
    item = bulletin_set(TEMPLATES, state, incident, update)
    entry = update_entry(state.config, as_of(incident, update), update, state.publication.of(incident, update))
    return {**item.files(), "feed entry": repr(entry).encode()}


def cut_after(site: Site, incident_id: str, position: int) -> Site:
    """The site as if the incident's file ended with update ``position``: what had been written by then."""
    incidents = tuple(
        replace(i, updates=i.updates[: position + 1]) if i.id == incident_id else i for i in site.incidents
    )
    return replace(site, incidents=incidents)


# --- nothing later leaks into an earlier statement -----------------------------------


@pytest.mark.parametrize("incident", SITE.incidents, ids=lambda i: i.id)
def test_appending_later_updates_leaves_every_earlier_statement_byte_identical(incident) -> None:
    """For every update: its bulletins, CAP message and feed entry are the same before and after later updates."""
    for position in range(len(incident.updates) - 1):
        before = published(cut_after(SITE, incident.id, position), incident.id, position)
        after = published(SITE, incident.id, position)
        assert before == after, f"{incident.id} update {position + 1} changed when later updates were added"


def test_appending_an_update_through_the_cli_changes_no_earlier_bulletin_file(tmp_path: Path) -> None:
    root = copy_of_example(tmp_path, with_template=True)
    first, second = tmp_path / "first", tmp_path / "second"
    assert run("build", "--root", str(root), "--now", "2026-11-22 12:00", "--site-dir", str(first))[0] == 0
    code, output = run(
        "update", "--root", str(root), CLAREVIEW, "--now", "2026-11-22 12:40", "--status", "monitoring",
        "--message", "The new board is in and service is coming back.", "--customers", "400",
    )  # fmt: skip
    assert code == 0, output
    assert run("build", "--root", str(root), "--now", "2026-11-22 12:45", "--site-dir", str(second))[0] == 0
    folder = Path("bulletins") / CLAREVIEW
    earlier = sorted(p.relative_to(first) for p in (first / folder).rglob("*") if p.is_file())
    assert len(earlier) == 3 * 9  # three updates: radio (all and each length), press, notice, sms, cap, page
    for path in earlier:
        assert (second / path).read_bytes() == (first / path).read_bytes(), path
    assert (second / folder / "20261122-1940" / "cap.xml").is_file()  # the new update's own set


def test_the_8_15_bulletins_say_nothing_found_later() -> None:
    code, radio = run("bulletin", "--root", str(ROOT), CLAREVIEW, "--now", "2026-11-22 08:15")
    assert code == 0, radio
    for later in ("circuit board", "six-thousand", "three this afternoon", "3 p.m.", "Calgary"):
        assert later not in radio, later
    code, cap = run("bulletin", "--root", str(ROOT), CLAREVIEW, "--now", "2026-11-22 08:15", "--format", "cap")
    assert "Cause:" not in cap and "Customers affected" not in cap and "Expected back" not in cap
    code, press = run("bulletin", "--root", str(ROOT), CLAREVIEW, "--now", "2026-11-22 08:15", "--format", "press")
    assert "since 7:55 a.m. Sunday" in press  # began_at, not the first post
    assert "circuit board" not in press


def test_a_bulletin_asked_for_before_its_incident_existed_is_refused() -> None:
    code, output = run("bulletin", "--root", str(ROOT), CLAREVIEW, "--now", "2026-11-22 08:00")
    assert code == 1 and f"{CLAREVIEW} has no update yet at 2026-11-22T08:00:00-07:00 (--now)" in output


# --- the world as of "now" --------------------------------------------------------------


@pytest.fixture(scope="module")
def example_day(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The example site replayed at three moments of November 22."""
    sites = {}
    for moment in ("2026-11-22 08:15", "2026-11-22 10:45", "2026-11-22 15:30"):
        out = tmp_path_factory.mktemp("day") / "site"
        code, output = run("build", "--root", str(ROOT), "--now", moment, "--site-dir", str(out))
        assert code == 0, output
        sites[moment[-5:]] = out
    return sites


def test_at_8_15_the_outage_is_new_and_nothing_later_is_known(example_day: dict[str, Path]) -> None:
    status = (example_day["08:15"] / "status.txt").read_text(encoding="utf-8")
    assert "Internet outage in Clareview and Castle Downs\n  Investigating. Internet is down for many homes" in status
    assert "Next update today at 9:00 a.m. MST." in status
    page = (example_day["08:15"] / f"incidents/{CLAREVIEW}/index.html").read_text(encoding="utf-8")
    assert "circuit board" not in page and "Customers affected" not in page and "Expected back" not in page
    assert page.count('<li id="update-') == 1
    assert "7:55 a.m. MST" in page  # when it began, before the first post at 8:10


def test_at_10_45_the_cause_and_the_estimate_are_known(example_day: dict[str, Path]) -> None:
    page = (example_day["10:45"] / f"incidents/{CLAREVIEW}/index.html").read_text(encoding="utf-8")
    assert "<dt>Cause</dt><dd>A circuit board failed in the router" in page
    assert (
        '<dt>Expected back</dt><dd><time datetime="2026-11-22T15:00-07:00">today at 3:00 p.m. MST</time></dd>' in page
    )
    # the incident page says when facts changed
    assert "Cause found: A circuit board failed in the router at our north Edmonton hub" in page
    assert "Customers affected: 6,000" in page
    assert "Estimate: 3:00 p.m. MST. Next update by" in page  # the 10:30 update gave the first estimate


def test_at_15_30_the_passed_estimate_is_not_a_prediction(example_day: dict[str, Path]) -> None:
    front = (example_day["15:30"] / "index.html").read_text(encoding="utf-8")
    assert "The estimate of " in front and "has passed; a new one will come with the next update." in front
    assert "<dt>Expected back</dt><dd><time" not in front
    assert "Was due " in front and "(overdue)" in front  # the 1 p.m. update never came
    status = (example_day["15:30"] / "status.txt").read_text(encoding="utf-8")
    assert "The estimate of today at 3:00 p.m. MST has passed" in status
    assert "Next update was due today at 1:00 p.m. MST." in status
    lite = (example_day["15:30"] / "lite/index.html").read_text(encoding="utf-8")
    assert "Expected back today" not in lite and "has passed" in lite


def test_the_readme_example_at_9_am_on_may_12_shows_the_critical_outage(tmp_path: Path) -> None:
    code, output = run("build", "--root", str(ROOT), "--now", "2026-05-12 09:00", "--site-dir", str(tmp_path / "s"))
    assert code == 0, output
    front = (tmp_path / "s/index.html").read_text(encoding="utf-8")
    assert "<strong>Major outage</strong>" in front
    assert "Internet and phone outage in Castle Downs, Lauderdale, Beverly and Clareview" in front
    assert "No incidents right now" not in front
    for later in ("Core router upgrade", "Clareview and Castle Downs</a>", "Home phone switch software upgrade"):
        assert later not in front, later  # announced months later
    assert not (tmp_path / f"s/incidents/{CLAREVIEW}").exists()


# --- "now" against the real clock -----------------------------------------------------------


def test_an_update_dated_in_the_future_is_an_error_against_the_real_clock(tmp_path: Path) -> None:
    root = copy_of_example(tmp_path)
    path = root / f"incidents/2026/{CLAREVIEW}.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text + "  - at: 2027-11-22 09:40\n    status: identified\n    message: The board is fitted.\n", encoding="utf-8"
    )
    line = text.count("\n") + 1
    code, output = run("check", "--root", str(root))
    assert code == 1
    assert (
        f"incidents/2026/{CLAREVIEW}.yml:{line}:9: updates[3].at: expected a time no later than 10 minutes from "
        "now; found 2027-11-22 09:40, in the future — a typo in the date?"
    ) in output
    code, output = run("build", "--root", str(root), "--site-dir", str(tmp_path / "site"))
    assert code == 1 and "in the future" in output and not (tmp_path / "site").exists()
    # Replaying a moment with --now: what is dated later does not exist yet, and is no error.
    assert run("check", "--root", str(root), "--now", "2026-11-22 12:00")[0] == 0


def test_planned_work_still_scheduled_after_its_window_began_is_a_warning_and_strict_fails() -> None:
    code, output = run("check", "--root", str(ROOT), "--now", "2026-12-03 01:30")
    assert code == 0
    assert (
        "2026-11-19-lauderdale-beverly-core-router-upgrade.yml:29:3: warning: updates[1]: expected an update "
        "(in_progress, or cancelled) once the window began, 2026-12-03 01:00; found still 'scheduled', 30m into the window"
    ) in output
    assert run("check", "--root", str(ROOT), "--now", "2026-12-03 01:30", "--strict")[0] == 1


# --- estimates with a shelf life ---------------------------------------------------------------


def test_bulletins_of_an_update_past_its_estimate_say_a_new_one_is_coming(tmp_path: Path) -> None:
    root = copy_of_example(tmp_path, with_template=True)
    code, output = run(
        "update", "--root", str(root), CLAREVIEW, "--now", "2026-11-22 15:20",
        "--message", "The new board is being fitted; it is taking longer than planned.", "--next-update", "16:30",
    )  # fmt: skip
    assert code == 0, output
    code, radio = run("bulletin", "--root", str(root), CLAREVIEW, "--now", "2026-11-22 15:25", "--seconds", "60")
    assert "The company's estimate of three this afternoon has passed, and it says a new estimate is coming." in radio
    assert "expects service back" not in radio
    code, cap = run("bulletin", "--root", str(root), CLAREVIEW, "--now", "2026-11-22 15:25", "--format", "cap")
    assert "Expected back: no current estimate; a new one will follow." in cap
    code, notice = run("bulletin", "--root", str(root), CLAREVIEW, "--now", "2026-11-22 15:25", "--format", "notice")
    assert "Restore estimate: the estimate of 3:00 p.m. MST, Nov 22 has passed; a new one is coming" in notice


def test_monitoring_states_no_estimate_and_unknown_withdraws_one(tmp_path: Path) -> None:
    root = copy_of_example(tmp_path, with_template=True)
    code, output = run(
        "update", "--root", str(root), CLAREVIEW, "--now", "2026-11-22 11:30",
        "--message", "The courier is delayed; we no longer expect service by 3 p.m.", "--eta", "unknown",
    )  # fmt: skip
    assert code == 0, output
    assert "restore_eta: unknown" in (root / f"incidents/2026/{CLAREVIEW}.yml").read_text(encoding="utf-8")
    code, radio = run("bulletin", "--root", str(root), CLAREVIEW, "--now", "2026-11-22 11:35")
    assert "expects service back" not in radio and "estimate has passed" not in radio
    code, output = run(
        "update", "--root", str(root), CLAREVIEW, "--now", "2026-11-22 13:30", "--status", "monitoring",
        "--message", "Service is coming back.", "--eta", "16:00",
    )  # fmt: skip
    assert code == 0, output
    code, radio = run("bulletin", "--root", str(root), CLAREVIEW, "--now", "2026-11-22 13:35")
    assert "expects service back" not in radio  # coming back: no estimate is stated
    out = tmp_path / "site"
    assert run("build", "--root", str(root), "--now", "2026-11-22 11:40", "--site-dir", str(out))[0] == 0
    page = (out / f"incidents/{CLAREVIEW}/index.html").read_text(encoding="utf-8")
    assert "Estimate withdrawn" in page and "<dt>Expected back</dt>" not in page


# --- identities ------------------------------------------------------------------------------


def feed_ids(root: Path, now: str = "2026-11-22 12:00") -> dict[str, str]:
    """``{entry title and time: entry id}`` of the main feed built from ``root``."""
    from generator.feeds.atom import feed_outputs

    site = load_site(root)
    xml = feed_outputs(snapshot(site, parse_time(now, site.config.timezone)))["feeds/atom.xml"].decode()
    entries = re.findall(r"<entry>.*?</entry>", xml, flags=re.DOTALL)
    return {re.search(r"<published>([^<]+)", e).group(1): re.search(r"<id>([^<]+)", e).group(1) for e in entries}


def test_identities_survive_deleting_and_inserting_other_updates(tmp_path: Path) -> None:
    root = copy_of_example(tmp_path)
    before = feed_ids(root)
    path = root / f"incidents/2026/{FIBRE_CUT}.yml"
    text = path.read_text(encoding="utf-8")
    second = text[text.index("  - at: 2026-05-12 09:20") : text.index("  - at: 2026-05-12 10:55")]
    path.write_text(text.replace(second, ""), encoding="utf-8")  # delete the 9:20 update
    inserted = "  - at: 2026-05-12 08:40\n    status: investigating\n    message: Crews are on the way.\n"
    path.write_text(
        path.read_text(encoding="utf-8").replace("  - at: 2026-05-12 10:55", inserted + "  - at: 2026-05-12 10:55"),
        encoding="utf-8",
    )
    after = feed_ids(root)
    gone, new = before.keys() - after.keys(), after.keys() - before.keys()
    assert gone == {"2026-05-12T09:20:00-06:00"} and new == {"2026-05-12T08:40:00-06:00"}
    for published_at in before.keys() & after.keys():
        assert after[published_at] == before[published_at], published_at
    assert after["2026-05-12T08:40:00-06:00"].endswith(f"{FIBRE_CUT}/20260512-1440")


def test_an_explicit_id_keeps_an_identity_when_its_time_is_corrected(tmp_path: Path) -> None:
    root = copy_of_example(tmp_path)
    path = root / f"incidents/2026/{FIBRE_CUT}.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("  - at: 2026-05-12 10:55", "  - id: 20260512-1655\n    at: 2026-05-12 10:50"), encoding="utf-8"
    )
    ids = feed_ids(root)
    assert ids["2026-05-12T10:50:00-06:00"].endswith(f"{FIBRE_CUT}/20260512-1655")


def test_update_and_new_write_facts_on_the_update_that_states_them(tmp_path: Path) -> None:
    root = copy_of_example(tmp_path, with_template=True)
    code, output = run(
        "update", "--root", str(root), CLAREVIEW, "--now", "2026-11-22 11:05",
        "--message", "Beverly is affected too; about 6,900 homes in all.",
        "--area", "clareview,castle-downs,beverly", "--customers", "6900", "--impact", "critical",
    )  # fmt: skip
    assert code == 0, output
    text = (root / f"incidents/2026/{CLAREVIEW}.yml").read_text(encoding="utf-8")
    assert text.endswith(
        "  - at: 2026-11-22 11:05\n    status: identified\n"
        "    message: Beverly is affected too; about 6,900 homes in all.\n"
        "    impact: critical\n    areas: [clareview, castle-downs, beverly]\n    customers_affected: 6900\n"
    )
    out = tmp_path / "site"
    assert run("build", "--root", str(root), "--now", "2026-11-22 11:10", "--site-dir", str(out))[0] == 0
    page = (out / f"incidents/{CLAREVIEW}/index.html").read_text(encoding="utf-8")
    assert (
        "Beverly added" in page and "Customers affected: 6,000 → 6,900" in page and "Impact raised to critical" in page
    )
    area = (out / "areas/beverly/index.html").read_text(encoding="utf-8")
    assert "Internet outage in Clareview and Castle Downs" in area
    # Earlier updates still say what was known then.
    code, radio = run("bulletin", "--root", str(root), CLAREVIEW, "--update", "3", "--now", "2026-11-22 11:10")
    assert "Beverly" not in radio and "About six-thousand customers" in radio and "69-hundred" not in radio
    code, output = run(
        "new", "--root", str(root), "--now", "2026-11-23 09:00", "--title", "Email outage", "--impact", "minor",
        "--service", "email", "--area", "st-albert", "--message", "Email is down.", "--began-at", "08:40",
    )  # fmt: skip
    assert code == 0, output
    assert "began_at: 2026-11-23 08:40\n" in (root / output.strip()).read_text(encoding="utf-8")


def test_overdue_counts_real_time_in_the_hour_the_clocks_go_back(tmp_path: Path) -> None:
    """01:30 MST comes 45 minutes after 01:45 MDT, though its clock face reads earlier."""
    root = copy_of_example(tmp_path)
    (root / "incidents/2026/2026-11-01-webmail-slow.yml").write_text(
        "title: Webmail is slow\nimpact: minor\nservices: [email]\nareas: [st-albert]\nupdates:\n"
        "  - at: 2026-11-01 01:15-06:00\n    status: investigating\n    message: Webmail is slow.\n"
        "    next_update: 2026-11-01 01:45-06:00\n",
        encoding="utf-8",
    )
    code, output = run("check", "--root", str(root), "--now", "2026-11-01 01:30-07:00")
    assert code == 0, output
    assert (
        "2026-11-01-webmail-slow.yml:6:3: warning: updates[0]: expected a new update by its next_update, "
        "2026-11-01 01:45-06:00; found none; 45m overdue" in output
    )
    code, output = run("check", "--root", str(root), "--now", "2026-11-01 01:40-06:00")
    assert "webmail-slow.yml:6:3" not in output  # five minutes before the promise, in the same hour


def test_the_incident_page_notes_an_area_added_and_dropped_and_an_estimate_moved(tmp_path: Path) -> None:
    root = copy_of_example(tmp_path, with_template=True)
    code, output = run(
        "update", CLAREVIEW, "--root", str(root), "--now", "2026-11-22 11:15",
        "--message", "The outage has spread to Lauderdale. We now expect service back by about 4 p.m.",
        "--eta", "16:00", "--area", "clareview,castle-downs,lauderdale",
    )  # fmt: skip
    assert code == 0, output
    out = tmp_path / "site"
    assert run("build", "--root", str(root), "--now", "2026-11-22 11:20", "--site-dir", str(out))[0] == 0
    page = (out / f"incidents/{CLAREVIEW}/index.html").read_text(encoding="utf-8")
    assert "Lauderdale added" in page
    assert "Estimate moved from 3:00 p.m. MST to 4:00 p.m. MST" in page
    assert "no longer affected" not in page
    code, output = run(
        "update", CLAREVIEW, "--root", str(root), "--now", "2026-11-22 11:45",
        "--message", "Service is back in Lauderdale.", "--area", "clareview,castle-downs",
    )  # fmt: skip
    assert code == 0, output
    assert run("build", "--root", str(root), "--now", "2026-11-22 11:50", "--site-dir", str(out))[0] == 0
    page = (out / f"incidents/{CLAREVIEW}/index.html").read_text(encoding="utf-8")
    assert "Lauderdale no longer affected" in page
