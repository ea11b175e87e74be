"""The build cache (.outage-cache/): a rebuild takes unchanged incident pages from it, with the bytes of a cold build.

Every test drives ``outage build`` and checks the files. Cache hits are counted
by watching the cache's ``save``, so a test that would pass with the cache
never used (a key that is never found) fails.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from example_repo import copy_of_example

from generator.cli import main
from generator.site import cache as cache_module
from generator.site import plugin
from generator.site.cache import CACHE_DIR, PAGES_FILE, BuildCache, repository_fingerprint

ROOT = Path(__file__).resolve().parent.parent
OPEN_ID = "2026-11-22-clareview-castle-downs-internet-outage"


def run(*args: str):
    result = CliRunner().invoke(main, list(args))
    assert "Traceback" not in result.output, result.output
    return result


def build(root: Path, site: Path, now: str):
    result = run("build", "--root", str(root), "--now", now, "--site-dir", str(site))
    assert result.exit_code == 0, result.output
    return result


def add_monitoring_update(root: Path, now: str) -> None:
    """``outage update`` of the open Clareview incident, as staff would add one: service coming back."""
    update = run(
        "update", "--root", str(root), OPEN_ID, "--now", now, "--status", "monitoring",
        "--message", "Service is back for most customers in Clareview; we are watching it.",
    )  # fmt: skip
    assert update.exit_code == 0, update.output


def fingerprint(site: Path) -> dict[str, str]:
    return {
        p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> list[tuple[int, int]]:
    """(hits, misses) of each build's cache, in order."""
    seen: list[tuple[int, int]] = []
    save = BuildCache.save

    def counting(self: BuildCache) -> None:
        seen.append((self.hits, self.misses))
        save(self)

    monkeypatch.setattr(BuildCache, "save", counting)
    return seen


def counted_kind(monkeypatch: pytest.MonkeyPatch, kind: str) -> list[tuple[int, int]]:
    """(hits, misses) of each build's cache entries of ``kind`` (``"month"``, ``"bulletins"``), in order."""
    seen: list[tuple[int, int]] = []
    save = BuildCache.save

    def counting(self: BuildCache) -> None:
        seen.append(self.counts.get(kind, (0, 0)))
        save(self)

    monkeypatch.setattr(BuildCache, "save", counting)
    return seen


def cold(tmp_path: Path, root: Path, now: str) -> dict[str, str]:
    """The site a build with no cache makes of ``root`` (a copy of it, so its cache is not touched)."""
    copy = tmp_path / "cold-root"
    shutil.copytree(root, copy, ignore=shutil.ignore_patterns(CACHE_DIR))
    build(copy, tmp_path / "cold-site", now)
    return fingerprint(tmp_path / "cold-site")


LANGUAGES = 2
"""The example's site is in English and French: each incident has a page in each, each cached."""


def incident_pages(root: Path) -> int:
    return len(list((root / "incidents").rglob("*.yml"))) * LANGUAGES


def test_a_cached_rebuild_after_one_added_update_is_byte_identical_to_a_cold_build(
    tmp_path: Path, counted: list[tuple[int, int]]
) -> None:
    root = copy_of_example(tmp_path, with_template=True)
    build(root, tmp_path / "site", "2026-11-22 10:45")
    assert (root / CACHE_DIR / PAGES_FILE).is_file()
    add_monitoring_update(root, "2026-11-22 10:50")
    build(root, tmp_path / "site", "2026-11-22 10:55")
    pages = incident_pages(root)
    assert counted[0] == (0, pages)
    hits, misses = counted[1]
    # the updated incident is rendered again, in each language
    assert hits + misses == pages and hits >= pages - 2 * LANGUAGES and misses >= LANGUAGES
    made = fingerprint(tmp_path / "site")
    assert made == cold(tmp_path, root, "2026-11-22 10:55")
    page = (tmp_path / "site" / "incidents" / OPEN_ID / "index.html").read_text(encoding="utf-8")
    assert "we are watching it" in page


def test_month_pages_of_unchanged_incidents_come_from_the_cache_with_the_bytes_of_a_cold_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    months = counted_kind(monkeypatch, "month")
    root = copy_of_example(tmp_path, with_template=True)
    build(root, tmp_path / "site", "2026-11-22 10:45")
    add_monitoring_update(root, "2026-11-22 10:50")
    build(root, tmp_path / "site", "2026-11-22 10:55")
    pages = len(list((tmp_path / "site").glob("history/20*/*/index.html"))) * LANGUAGES
    assert months[0] == (0, pages)
    # only November 2026, the updated incident's month, is made again, in each language
    assert months[1] == (pages - LANGUAGES, LANGUAGES)
    assert fingerprint(tmp_path / "site") == cold(tmp_path, root, "2026-11-22 10:55")
    november = (tmp_path / "site" / "history" / "2026" / "11" / "index.html").read_text(encoding="utf-8")
    assert "Monitoring" in november


def filtered_feeds(site: Path) -> dict[str, str]:
    """The service and area feeds of a built site (both languages), by path: their digests."""
    return {
        path: digest
        for path, digest in fingerprint(site).items()
        if "feeds/services/" in path or "feeds/areas/" in path
    }


@pytest.mark.parametrize("apart", [False, True])
def test_feeds_that_do_not_list_the_new_update_come_from_the_cache_with_the_bytes_of_a_cold_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, apart: bool
) -> None:
    # ``apart``: the feeds are made in a forked process, whose cache is a copy: what it took is kept by the build.
    monkeypatch.setattr(plugin, "can_fork", lambda: apart)
    feeds = counted_kind(monkeypatch, "feeds")
    root = copy_of_example(tmp_path, with_template=True)
    build(root, tmp_path / "site", "2026-11-22 10:45")
    before = filtered_feeds(tmp_path / "site")
    add_monitoring_update(root, "2026-11-22 10:50")
    build(root, tmp_path / "site", "2026-11-22 10:55")
    after = filtered_feeds(tmp_path / "site")
    changed = [path for path in after if after[path] != before.get(path)]
    assert feeds[0] == (0, len(before))
    # made again: exactly the feeds whose bytes the new update changes (it names their service or area)
    assert feeds[1] == (len(after) - len(changed), len(changed)) and 0 < len(changed) < len(after) / 2
    assert fingerprint(tmp_path / "site") == cold(tmp_path, root, "2026-11-22 10:55")


def test_a_feed_with_no_entry_is_made_again_when_the_history_s_last_update_changes(tmp_path: Path) -> None:
    # An empty feed says it was updated when the history last was: that time is in its key, and only then.
    root = copy_of_example(tmp_path, with_template=True)
    config = root / "status.yml"
    text = config.read_text(encoding="utf-8")
    quiet = "  - id: fax\n    name: {en: Fax, fr: Télécopie}\n"
    config.write_text(text.replace("services:\n", "services:\n" + quiet, 1), encoding="utf-8")
    build(root, tmp_path / "site", "2026-11-22 10:45")
    feed = tmp_path / "site" / "feeds" / "services" / "fax.xml"
    assert "<entry>" not in feed.read_text(encoding="utf-8")
    before = feed.read_bytes()
    add_monitoring_update(root, "2026-11-22 10:50")
    build(root, tmp_path / "site", "2026-11-22 10:55")
    assert feed.read_bytes() != before
    assert fingerprint(tmp_path / "site") == cold(tmp_path, root, "2026-11-22 10:55")


def test_a_feed_is_made_again_when_a_file_it_lists_an_update_of_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # An update's entry is made of its incident's file as of that update: an edit of the file (a typo put
    # right in an old message) is a new key for every feed that lists one of its updates.
    feeds = counted_kind(monkeypatch, "feeds")
    root = copy_of_example(tmp_path, with_template=True)
    build(root, tmp_path / "site", "2026-11-22 10:45")
    before = filtered_feeds(tmp_path / "site")
    file = root / "incidents" / "2026" / "2026-05-12-north-edmonton-fibre-cut.yml"
    text = file.read_text(encoding="utf-8")
    assert text.count("call us\n        at 780-555-0100.") == 1
    file.write_text(text.replace("call us\n        at 780-555-0100.", "call us at 780-555-0100 (corrected)."), "utf-8")
    build(root, tmp_path / "site", "2026-11-22 10:45")
    after = filtered_feeds(tmp_path / "site")
    changed = [path for path in after if after[path] != before[path]]
    # The English text was edited: the French feeds that list the file's updates are made again too (the
    # file is one key), with the same bytes.
    twins = [f"fr/{path}" for path in changed]
    assert changed and all(
        not path.startswith("fr/") and after[twin] == before[twin] for path, twin in zip(changed, twins, strict=True)
    )
    assert feeds[1] == (len(after) - 2 * len(changed), 2 * len(changed))
    assert any("(corrected)" in (tmp_path / "site" / path).read_text(encoding="utf-8") for path in changed)
    assert fingerprint(tmp_path / "site") == cold(tmp_path, root, "2026-11-22 10:45")


@pytest.mark.parametrize("apart", [False, True])
def test_calendar_events_of_unchanged_maintenance_come_from_the_cache_with_the_bytes_of_a_cold_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, apart: bool
) -> None:
    # ``apart``: the calendars are made in a forked process, whose cache is a copy: what it took is kept by the build.
    monkeypatch.setattr(plugin, "can_fork", lambda: apart)
    events = counted_kind(monkeypatch, "events")
    root = copy_of_example(tmp_path, with_template=True)
    build(root, tmp_path / "site", "2026-11-22 10:45")
    maintenance = len(list((tmp_path / "site" / "incidents").glob("*/calendar.ics")))
    assert maintenance >= 3 and events[0] == (0, maintenance * LANGUAGES)
    add_monitoring_update(root, "2026-11-22 10:50")  # an outage's update: no event changes
    build(root, tmp_path / "site", "2026-11-22 10:55")
    assert events[1] == (maintenance * LANGUAGES, 0)
    file = root / "incidents" / "2026" / "2026-10-28-st-albert-business-fibre-equipment.yml"
    text = file.read_text(encoding="utf-8")
    assert text.count("will go down once for up to 30 minutes during") == 1
    file.write_text(text.replace("for up to 30 minutes during", "for up to 20 minutes during"), encoding="utf-8")
    build(root, tmp_path / "site", "2026-11-22 10:55")
    assert events[2] == ((maintenance - 1) * LANGUAGES, LANGUAGES)  # its event, in each language
    event = tmp_path / "site" / "incidents" / "2026-10-28-st-albert-business-fibre-equipment" / "calendar.ics"
    assert "20 minutes" in event.read_text(encoding="utf-8")
    assert fingerprint(tmp_path / "site") == cold(tmp_path, root, "2026-11-22 10:55")


def test_incident_files_renamed_are_their_new_ids_wherever_they_are_named(tmp_path: Path) -> None:
    # An incident's id is its file's name, which its bytes do not hold (two reviews' findings): a renamed
    # maintenance file kept its event's old UID from the cache, and a renamed incident file its month page
    # (kept under its rows' page keys), which linked the old address.
    root = copy_of_example(tmp_path, with_template=True)
    build(root, tmp_path / "site", "2026-11-22 10:45")
    folder = root / "incidents" / "2026"
    (folder / "2026-10-07-phone-switch-software-upgrade.yml").rename(folder / "2026-10-07-phone-switch-upgrade.yml")
    (folder / "2026-04-21-slow-webmail.yml").rename(folder / "2026-04-21-webmail-slow.yml")
    build(root, tmp_path / "site", "2026-11-22 10:45")
    event = tmp_path / "site" / "incidents" / "2026-10-07-phone-switch-upgrade" / "calendar.ics"
    assert "UID:2026-10-07-phone-switch-upgrade@" in event.read_text(encoding="utf-8")
    assert "2026-10-07-phone-switch-software-upgrade" not in (tmp_path / "site" / "calendar.ics").read_text("utf-8")
    for month in ("history/2026/04/index.html", "fr/history/2026/04/index.html"):
        listed = (tmp_path / "site" / month).read_text(encoding="utf-8")
        assert "2026-04-21-webmail-slow/" in listed and "2026-04-21-slow-webmail" not in listed
    assert fingerprint(tmp_path / "site") == cold(tmp_path, root, "2026-11-22 10:45")


def test_a_cache_from_another_day_is_not_used_for_pages_that_say_today(
    tmp_path: Path, counted: list[tuple[int, int]]
) -> None:
    """ "today at 2:10 p.m." on one day is "Sat Nov 21 at 2:10 p.m." the next: the date is part of every key."""
    root = copy_of_example(tmp_path, with_template=True)
    build(root, tmp_path / "site", "2026-11-22 10:45")
    build(root, tmp_path / "site", "2026-11-23 09:00")
    assert counted[1][0] == 0
    assert fingerprint(tmp_path / "site") == cold(tmp_path, root, "2026-11-23 09:00")


@pytest.mark.parametrize(
    ("damage", "said"),
    [
        (lambda data: data[: len(data) // 2], "corrupt"),
        (lambda data: data.replace(b"Clareview", b"Clearview", 1), "corrupt"),
        (lambda data: b'{"a": "<script>"}', "another tool's or version's file"),
        (lambda data: b"\x80\x04\x95 a pickle, never loaded", "another tool's or version's file"),
    ],
    ids=["cut short", "an entry changed", "foreign JSON", "foreign bytes"],
)
def test_a_corrupt_or_foreign_cache_is_ignored_with_a_warning(
    tmp_path: Path, counted: list[tuple[int, int]], damage, said: str
) -> None:
    root = copy_of_example(tmp_path, with_template=True)
    build(root, tmp_path / "site", "2026-11-22 10:45")
    kept = root / CACHE_DIR / PAGES_FILE
    assert b"Clareview" in kept.read_bytes()
    kept.write_bytes(damage(kept.read_bytes()))
    result = build(root, tmp_path / "site", "2026-11-22 10:45")
    assert f"outage: warning: ignored the build cache {kept}: {said}; it is rebuilt from scratch" in result.stderr
    assert counted[1][0] == 0
    assert fingerprint(tmp_path / "site") == cold(tmp_path, root, "2026-11-22 10:45")
    third = build(root, tmp_path / "site", "2026-11-22 10:45")  # the cache was written anew after the warning
    assert "warning" not in third.stderr and counted[-1] == (incident_pages(root), 0)


def test_status_yml_a_template_and_the_tool_each_make_new_keys(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = copy_of_example(tmp_path, with_template=True)
    first = repository_fingerprint(root)
    assert repository_fingerprint(root) == first
    status = root / "status.yml"
    status.write_text(status.read_text(encoding="utf-8") + "\n# a comment\n", encoding="utf-8")
    second = repository_fingerprint(root)
    template = root / "site_template" / "overrides" / "main.html"
    template.write_text(template.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    third = repository_fingerprint(root)
    monkeypatch.setattr(cache_module, "tool_fingerprint", lambda: "another release")
    fourth = repository_fingerprint(root)
    assert len({first, second, third, fourth}) == 4


@pytest.mark.parametrize("library", ["feedgen", "lxml", "python-dateutil", "num2words", "jinja2", "mkdocs-material"])
def test_a_new_version_of_a_library_that_shapes_what_is_kept_makes_new_keys(
    monkeypatch: pytest.MonkeyPatch, library: str
) -> None:
    # Feeds (feedgen writes its version in them, lxml their bytes), CAP messages and French numbers are kept
    # in the build cache: after an upgrade, a kept one would differ from the one made afresh.
    from importlib.metadata import version

    from generator.incidents import kept

    assert version(library)  # installed, so its version is what is hashed (not "none")
    kept.tool_fingerprint.cache_clear()
    before = kept.tool_fingerprint()
    monkeypatch.setattr(kept, "version", lambda name: "99.0" if name == library else version(name))
    kept.tool_fingerprint.cache_clear()
    try:
        assert kept.tool_fingerprint() != before
    finally:
        monkeypatch.undo()
        kept.tool_fingerprint.cache_clear()


def test_the_cache_of_an_earlier_release_is_replaced_not_left_beside(tmp_path: Path) -> None:
    root = copy_of_example(tmp_path, with_template=True)
    legacy = root / CACHE_DIR / "pages.json"
    legacy.parent.mkdir()
    legacy.write_bytes(b"outage-bulletin build cache 1 sha256=0\n{}")
    result = build(root, tmp_path / "site", "2026-11-22 10:45")
    assert "warning" not in result.output  # an earlier format of this very cache: nothing to warn about
    assert not legacy.exists() and (root / CACHE_DIR / PAGES_FILE).is_file()


def test_the_cache_is_git_ignored_here_and_in_a_new_repository(tmp_path: Path) -> None:
    root = Path(__file__).resolve().parent.parent
    assert "/.outage-cache/" in (root / ".gitignore").read_text(encoding="utf-8").splitlines()
    made = run("init", str(tmp_path / "new"), "--name", "Acme", "--timezone", "Europe/Dublin")
    assert made.exit_code == 0, made.output
    assert "/.outage-cache/" in (tmp_path / "new" / ".gitignore").read_text(encoding="utf-8").splitlines()


def test_bulletin_texts_of_unchanged_updates_come_from_the_cache_with_the_bytes_of_a_cold_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Radio scripts, releases, notices, SMS and CAP of updates that did not change are not written again."""
    seen = counted_kind(monkeypatch, "bulletins")
    root = copy_of_example(tmp_path, with_template=True)
    build(root, tmp_path / "site", "2026-11-22 10:45")
    hits, made = seen[0]
    assert hits == 0 and made > 5  # a cold build makes every set
    add_monitoring_update(root, "2026-11-22 10:50")
    build(root, tmp_path / "site", "2026-11-22 10:55")
    hits, misses = seen[1]
    assert misses == 1 and hits == made  # only the new update's set is made: the others come from the cache
    assert fingerprint(tmp_path / "site") == cold(tmp_path, root, "2026-11-22 10:55")
    radio = tmp_path / "site" / "bulletins" / OPEN_ID
    assert any("watching" in p.read_text(encoding="utf-8").lower() or "coming back" in p.read_text(encoding="utf-8")
               for p in radio.rglob("radio.txt"))  # fmt: skip


def test_a_changed_bulletin_template_makes_every_set_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[tuple[int, int]] = []
    save = BuildCache.save

    def counting(self: BuildCache) -> None:
        seen.append(self.counts.get("bulletins", (0, 0)))
        save(self)

    monkeypatch.setattr(BuildCache, "save", counting)
    root = copy_of_example(tmp_path, with_template=True)
    build(root, tmp_path / "site", "2026-11-22 10:45")
    template = root / "site_template" / "bulletins" / "press.txt.j2"
    template.write_text(template.read_text(encoding="utf-8").replace("###", "-30-"), encoding="utf-8")
    build(root, tmp_path / "site", "2026-11-22 10:45")
    assert seen[1][0] == 0 and seen[1][1] == seen[0][1]
    assert fingerprint(tmp_path / "site") == cold(tmp_path, root, "2026-11-22 10:45")
    assert any("-30-" in p.read_text(encoding="utf-8") for p in (tmp_path / "site" / "bulletins").rglob("press.txt"))


def test_an_update_dated_later_appears_when_its_time_comes_though_no_file_changed(
    tmp_path: Path, counted: list[tuple[int, int]]
) -> None:
    """A page's key is its file's bytes and how many of its updates exist yet: the same file later is another page."""
    root = copy_of_example(tmp_path, with_template=True)
    add_monitoring_update(root, "2026-11-22 11:30")
    build(root, tmp_path / "site", "2026-11-22 11:00")
    page = tmp_path / "site" / "incidents" / OPEN_ID / "index.html"
    assert "we are watching it" not in page.read_text(encoding="utf-8")  # written for 11:30, not yet said at 11:00
    build(root, tmp_path / "site", "2026-11-22 11:35")
    assert "we are watching it" in page.read_text(encoding="utf-8")
    assert counted[1][1] >= 1  # that page was made again, though its file is the same
    assert fingerprint(tmp_path / "site") == cold(tmp_path, root, "2026-11-22 11:35")


def test_the_key_of_an_incident_page_counts_the_updates_that_exist_yet() -> None:
    """The same file, fewer updates said yet: another key, whatever else stays the same."""
    from dataclasses import replace

    from generator.incidents.load import load_site
    from generator.incidents.times import parse_time
    from generator.site.pages import incident_page_key
    from generator.state.as_of import as_of
    from generator.state.now import snapshot

    site = load_site(ROOT)
    state = snapshot(site, parse_time("2026-11-22 10:45", site.config.timezone))
    incident = next(i for i in site.incidents if len(i.updates) > 2 and not i.is_open)
    assert as_of(incident, incident.updates[1]).source_digest == incident.source_digest != ""
    # One update fewer, the same first and last: the same status, times and words on the page but the timeline.
    fewer = replace(incident, updates=(incident.updates[0], incident.updates[-1]))
    assert incident_page_key("f", state, fewer, []) != incident_page_key("f", state, incident, [])
    assert incident_page_key("f", state, incident, []) == incident_page_key("f", state, incident, [])


def test_two_incident_files_alike_but_for_their_names_are_two_keys() -> None:
    """A copy of an incident file under another name (a draft made from an old incident, say) is another incident,
    its page another page: its key is not the original's, though the files' bytes are the same."""
    from dataclasses import replace

    from generator.incidents.load import load_site
    from generator.incidents.times import parse_time
    from generator.site.pages import incident_page_key, incident_page_keys
    from generator.state.now import snapshot

    site = load_site(ROOT)
    incident = next(i for i in site.incidents if not i.is_open and i.source_digest)
    copy = replace(incident, id=f"{incident.id}-copy")
    site = replace(site, incidents=(*site.incidents, copy))
    state = snapshot(site, parse_time("2026-11-22 10:45", site.config.timezone))
    assert incident_page_key("f", state, copy, []) != incident_page_key("f", state, incident, [])
    keys = incident_page_keys("f", state, {i.id: [] for i in state.newest_first})
    assert keys[copy.id] != keys[incident.id]


def test_the_key_of_an_incident_page_follows_what_the_ledger_says_of_it() -> None:
    """A correction or a withdrawal the ledger records changes the page: another key. A default issue needs none."""
    from dataclasses import replace

    from generator.incidents.load import load_site
    from generator.incidents.times import parse_time
    from generator.site.pages import incident_page_key
    from generator.state.ledger import Issue, Publication, Withdrawal
    from generator.state.now import snapshot

    site = load_site(ROOT)
    moment = parse_time("2026-11-22 10:45", site.config.timezone)
    state = snapshot(site, moment)
    incident = next(i for i in site.incidents if len(i.updates) > 1)
    update = incident.updates[1]
    plain = incident_page_key("f", state, incident, [])
    # As the ledger says by default of an update (a first issue under its own id): the page is the same.
    said = Publication(issues={(incident.id, update.id): Issue(update.id)})
    assert incident_page_key("f", replace(state, publication=said), incident, []) == incident_page_key(
        "f", replace(state, publication=said), incident, []
    )
    corrected = Publication(issues={(incident.id, update.id): Issue(update.id, revision=2, issued_at=moment)})
    assert incident_page_key("f", replace(state, publication=corrected), incident, []) != plain
    assert incident_page_key("f", replace(state, publication=corrected), incident, []) != incident_page_key(
        "f", replace(state, publication=said), incident, []
    )
    gone = Withdrawal(
        incident.id, "u9", update.at, incident.title, "investigating", False, (), (), 1, update.at, moment
    )
    assert incident_page_key("f", replace(state, publication=Publication(withdrawals=(gone,))), incident, []) != plain
    elsewhere = Publication(issues={("another-incident", update.id): Issue(update.id, revision=2, issued_at=moment)})
    corrected_elsewhere = incident_page_key("f", replace(state, publication=elsewhere), incident, [])
    assert corrected_elsewhere == incident_page_key("f", replace(state, publication=elsewhere), incident, [])


@pytest.mark.parametrize("moment", ["2026-05-12 09:00", "2026-11-22 10:30", "2026-11-22 10:45", "2027-02-01 12:00"])
def test_the_keys_of_every_incident_page_at_once_are_each_page_key(tmp_path: Path, moment: str) -> None:
    """incident_page_keys, made 10,000 at a time with what an incident that is over cannot say left out, gives each
    incident page the very key incident_page_key gives it: open and closed incidents and maintenance, in the
    example (in two languages, with bulletins) and a synthetic history, with and without a ledger's corrections and
    withdrawals."""
    import sys
    from dataclasses import replace

    from generator.bulletins import published_sets
    from generator.bulletins.templates import bulletin_templates
    from generator.incidents.load import load_site
    from generator.incidents.times import parse_time
    from generator.site.pages import incident_page_key, incident_page_keys
    from generator.state.in_language import snapshot_in
    from generator.state.ledger import Issue, Publication, Withdrawal
    from generator.state.now import snapshot

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from history import make_repository

    history = tmp_path / "history"
    make_repository(history, 150)
    open_or_not: set[bool] = set()
    for root in (ROOT, history):
        site = load_site(root)
        now = parse_time(moment, site.config.timezone)
        state = snapshot(site, now)
        first = state.newest_first[-1] if state.newest_first else None
        ledgers = [Publication()]
        if first is not None:
            update = first.updates[0]
            corrected = {(first.id, update.id): Issue(update.id, revision=2, issued_at=now)}
            gone = Withdrawal(first.id, "u9", update.at, first.title, "investigating", False, (), (), 1, update.at, now)
            ledgers.append(Publication(issues=corrected, withdrawals=(gone,)))
        sets = published_sets(bulletin_templates(root), state)
        for publication in ledgers:
            for language in state.config.languages:
                seen = replace(state, publication=publication)
                seen = seen if language == state.config.default_language else snapshot_in(seen, language)
                published_for = {i.id: [s for s in sets if s.incident.id == i.id] for i in seen.newest_first}
                open_or_not |= {i.is_open for i in seen.newest_first}
                expected = {i.id: incident_page_key("f", seen, i, published_for[i.id]) for i in seen.newest_first}
                assert incident_page_keys("f", seen, published_for) == expected
    assert open_or_not == {True, False}


def test_an_incident_page_kept_under_a_key_is_the_page_its_key_stands_for_at_every_moment(tmp_path: Path) -> None:
    """Equal keys, equal pages: every incident's page rendered at moments minutes, hours, days and months apart
    (updates said in between, incidents opened and closed), in both languages of the example and in a synthetic
    history, is the same page wherever its key is the same. A key that left out something a page says now (how
    long an open incident has lasted so far, an estimate passed, today's date) would keep a page that is no
    longer true; an incident that is over says nothing that changes with now but the date."""
    import sys

    from generator.bulletins import published_sets
    from generator.bulletins.templates import bulletin_templates
    from generator.incidents.load import load_site
    from generator.incidents.times import parse_time
    from generator.site import pages
    from generator.site.languages import marked_snapshot
    from generator.state.in_language import snapshot_in
    from generator.state.now import snapshot

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from history import make_repository

    history = tmp_path / "history"
    make_repository(history, 60)
    moments = [
        *("2026-11-22 " + clock for clock in ("08:05", "10:30", "10:31", "10:45", "11:59", "23:59")),
        *("2026-11-23 00:01", "2026-11-24 10:30", "2026-05-12 09:00", "2026-05-12 09:40", "2027-02-01 12:00"),
    ]
    closed_kept = 0
    for root in (ROOT, history):
        site = load_site(root)
        made: dict[tuple[str, str], str] = {}
        for moment in moments:
            state = snapshot(site, parse_time(moment, site.config.timezone))
            sets = published_sets(bulletin_templates(root), state)
            for language in state.config.languages:
                seen = state if language == state.config.default_language else snapshot_in(state, language)
                r = pages._Renderer(seen if seen is state else marked_snapshot(seen))
                for incident in seen.newest_first:
                    own = [s for s in sets if s.incident.id == incident.id]
                    key = pages.incident_page_key("f", seen, incident, own)
                    body = pages._incident_body(r, incident, own)()
                    if (incident.id, key) in made:
                        assert made[(incident.id, key)] == body, (root.name, moment, language, incident.id)
                        closed_kept += not incident.is_open
                    made[(incident.id, key)] = body
    assert closed_kept > 0  # pages of incidents that are over were kept from one moment to another


def test_an_entry_used_from_the_file_is_kept_as_its_line_was_read_not_encoded_again(tmp_path: Path) -> None:
    # Written in a form json.dumps would not make ("\u0041" for "A"): a save that encoded the value again would
    # change the line; copying it keeps 10,000 page bodies from being encoded again after every rebuild.
    from generator.incidents.stored import write_entries

    folder = tmp_path / CACHE_DIR
    write_entries(folder, PAGES_FILE, cache_module.FORMAT, [("used", b'"\\u0041 page"'), ("unused", b'"gone"')])
    cache = BuildCache(folder)
    assert cache.get("used", lambda: "made again") == "A page"
    assert cache.get("new", lambda: "made \u00e9") == "made \u00e9"
    cache.save()
    lines = (folder / PAGES_FILE).read_bytes().splitlines()
    assert lines[1:3] == [b'used\t"\\u0041 page"', b"new\t~made \xc3\xa9"]  # only what this build used
    assert len(lines) == 4 and lines[3].startswith(b"sha256=")
    again = BuildCache(folder)
    assert again.get("used", lambda: "made again") == "A page" and again.hits == 1


@pytest.mark.parametrize("damaged", [False, True])
def test_a_cache_file_replaced_while_in_use_gets_this_builds_entries(tmp_path: Path, damaged: bool) -> None:
    # Another writer replaced the file after it was read (valid, with another value under a key this build
    # used; or damaged): nothing is copied from it, and every entry this build used is saved from memory.
    from generator.incidents.stored import read_entries, write_entries

    folder = tmp_path / CACHE_DIR
    write_entries(folder, PAGES_FILE, cache_module.FORMAT, [("used", b'"a page"')])
    warnings: list[str] = []
    cache = BuildCache(folder, warn=warnings.append)
    assert cache.get("used", lambda: "made again") == "a page"
    cache.get("new", lambda: "a new page")
    write_entries(folder, PAGES_FILE, cache_module.FORMAT, [("used", b'"another page"'), ("other", b'"x"')])
    if damaged:
        (folder / PAGES_FILE).write_bytes((folder / PAGES_FILE).read_bytes().replace(b"another", b"changed"))
    cache.save()
    assert read_entries(folder / PAGES_FILE, cache_module.FORMAT, kind=cache_module.KIND) == {
        "new": b"~a new page",
        "used": b"~a page",
    }
    assert warnings == []
    assert [p.name for p in folder.iterdir() if p.name.startswith(".pages")] == []  # no half-written file left


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("<p>one</p>\n<p>two</p>\n", b"~<p>one</p>\0<p>two</p>\0"),  # as it is, line breaks as NUL
        ('"quoted" \\ \u00e9\t\r', b'~"quoted" \\ \xc3\xa9\t\r'),  # nothing else is escaped
        ("~", b"~~"),
        ("", b"~"),
        ("a NUL \0 in it\n", b'"a NUL \\u0000 in it\\n"'),  # would read back as a line break: JSON
    ],
)
def test_an_entry_is_kept_as_its_text_and_read_back_as_it_was(tmp_path: Path, text: str, line: bytes) -> None:
    # Decoding 10,000 bodies from JSON, every quote and line break of their HTML escaped, was a tenth of a
    # second of a rebuild; as text, line breaks as NUL (no page has one), a fifth of that.
    from generator.incidents.stored import read_entries

    folder = tmp_path / CACHE_DIR
    cache = BuildCache(folder)
    assert cache.get("k", lambda: text) == text
    cache.save()
    assert read_entries(folder / PAGES_FILE, cache_module.FORMAT, kind=cache_module.KIND) == {"k": line}
    again = BuildCache(folder)
    assert again.has("k") and again.get("k", lambda: "made again") == text and again.hits == 1


def test_an_entry_that_is_neither_text_nor_a_json_string_is_made_again(tmp_path: Path) -> None:
    from generator.incidents.stored import write_entries

    folder = tmp_path / CACHE_DIR
    write_entries(folder, PAGES_FILE, cache_module.FORMAT, [("bytes", b"~\xff"), ("list", b"[1]"), ("odd", b"x")])
    cache = BuildCache(folder)
    assert [cache.get(key, lambda: "made again") for key in ("bytes", "list", "odd")] == ["made again"] * 3


def test_a_cache_of_the_format_before_is_not_used_and_replaced_quietly(tmp_path: Path) -> None:
    # Format 2 held each entry as JSON: read as format 3, "~" entries would be misread; it is simply not this one's.
    from generator.incidents.stored import read_entries, write_entries

    folder = tmp_path / CACHE_DIR
    write_entries(folder, PAGES_FILE, f"{cache_module.KIND} 2", [("k", b'"an old page"')])
    warnings: list[str] = []
    cache = BuildCache(folder, warn=warnings.append)
    assert cache.get("k", lambda: "made again") == "made again" and warnings == []
    cache.save()
    assert read_entries(folder / PAGES_FILE, cache_module.FORMAT, kind=cache_module.KIND) == {"k": b"~made again"}


def test_a_store_that_repeats_a_key_is_refused(tmp_path: Path) -> None:
    # Which of the two lines would count? Neither: no file the tool writes repeats a key.
    from generator.incidents.stored import Refused, read_entries

    path = tmp_path / "pages.kept"
    lines = [f"{cache_module.FORMAT}\n".encode(), b'k\t"first"\n', b'k\t"last"\n']
    path.write_bytes(b"".join(lines) + f"sha256={hashlib.sha256(b''.join(lines)).hexdigest()}\n".encode())
    with pytest.raises(Refused, match="corrupt"):
        read_entries(path, cache_module.FORMAT, kind=cache_module.KIND)
    lines[2] = b'j\t"last"\n'  # the same with each key once
    path.write_bytes(b"".join(lines) + f"sha256={hashlib.sha256(b''.join(lines)).hexdigest()}\n".encode())
    assert read_entries(path, cache_module.FORMAT, kind=cache_module.KIND) == {"k": b'"first"', "j": b'"last"'}
