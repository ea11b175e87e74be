"""The ledger of what was published: corrections instead of silent edits, withdrawals, identities kept.

A sequence of builds of one repository, with a ledger, while staff edit,
remove and insert updates: every change to something already published is
re-issued as a correction or withdrawn, said so, and no CAP identifier ever
carries two different contents.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import feedparser
import pytest
from cap_rules import check_cap_rules
from click.testing import CliRunner
from example_repo import copy_of_example
from lxml import etree

from generator.cli import main

CLAREVIEW = "2026-11-22-clareview-castle-downs-internet-outage"
FIRST, SECOND, THIRD = "20261122-1510", "20261122-1555", "20261122-1730"  # 8:10, 8:55 and 10:30 a.m. MST
CAP = "{urn:oasis:names:tc:emergency:cap:1.2}"
SCHEMA = etree.XMLSchema(etree.parse(str(Path(__file__).parent / "schemas/cap12.xsd")))
HOST = "status.northwind.example"


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    assert "Traceback" not in result.output, result.output
    return result.exit_code, result.output


def cap_messages(site: Path) -> dict[str, bytes]:
    """Every CAP message of a build, by its identifier."""
    found = {}
    for path in (site / "bulletins").rglob("cap.xml"):
        xml = path.read_bytes()
        found[etree.fromstring(xml).findtext(f"{CAP}identifier")] = xml
    return found


def field(xml: bytes, name: str) -> str | None:
    return etree.fromstring(xml).findtext("/".join(CAP + part for part in name.split("/")))


class Repository:
    """A copy of the example with a ledger, built again after each change."""

    def __init__(self, tmp_path: Path) -> None:
        self.tmp = tmp_path
        self.root = copy_of_example(tmp_path, with_template=True)
        self.ledger = tmp_path / "ledger" / "ledger.json"
        self.file = self.root / f"incidents/2026/{CLAREVIEW}.yml"
        self.builds = 0
        code, output = run(
            "ledger", "init", "--root", str(self.root), "--now", "2026-11-22 11:00", "--ledger", str(self.ledger)
        )
        assert code == 0, output

    def build(self, now: str) -> tuple[Path, str]:
        self.builds += 1
        out = self.tmp / f"site-{self.builds}"
        code, output = run(
            "build", "--root", str(self.root), "--now", now, "--ledger", str(self.ledger), "--site-dir", str(out)
        )
        assert code == 0, output
        return out, output

    def edit(self, old: str, new: str) -> None:
        text = self.file.read_text(encoding="utf-8")
        assert old in text, old
        self.file.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture
def repo(tmp_path: Path) -> Repository:
    return Repository(tmp_path)


def test_an_edited_update_is_reissued_as_a_correction(repo: Repository) -> None:
    first, output = repo.build("2026-11-22 12:00")
    assert "0 correction(s)" in output
    repo.edit("engineers are on site.", "engineers are on site and have found a failed circuit board.")
    second, output = repo.build("2026-11-22 12:10")
    # The 8:55 update, and the 10:30 one whose press release restates it in its timeline.
    assert "2 correction(s)" in output
    path = f"bulletins/{CLAREVIEW}/{SECOND}/"
    cap = (second / path / "cap.xml").read_bytes()
    assert SCHEMA.validate(etree.fromstring(cap)), SCHEMA.error_log
    assert check_cap_rules(cap) == []
    assert field(cap, "identifier") == f"{HOST}.{CLAREVIEW}.{SECOND}.r2"
    assert field(cap, "msgType") == "Update"
    assert field(cap, "sent") == "2026-11-22T12:10:00-07:00"
    assert field(cap, "references") == f"noc@northwind.example,{HOST}.{CLAREVIEW}.{SECOND},2026-11-22T08:55:00-07:00"
    assert field(cap, "note").startswith(f"Correction: this message replaces {HOST}.{CLAREVIEW}.{SECOND}, sent ")
    assert field(cap, "info/headline").startswith("Correction: Internet outage")
    radio = (second / path / "radio.txt").read_text(encoding="utf-8")
    assert radio.startswith("SLUG: NORTHWIND OUTAGE CLAREVIEW AND CASTLE DOWNS — UPDATE 8:55 A.M. — CORRECTION\n")
    press = (second / path / "press.txt").read_text(encoding="utf-8")
    assert press.startswith(
        "CORRECTION: this release replaces the one issued at 8:55 a.m. Sunday, Nov. 22, 2026, for the same update.\n"
    )
    assert (second / path / "sms.txt").read_text(encoding="utf-8").startswith("CORRECTION Northwind: ")
    # The feed entry keeps its id, with a new updated and a note.
    entry = next(e for e in feedparser.parse((second / "feeds/atom.xml").read_bytes()).entries if e.id.endswith(SECOND))
    assert entry.id == f"tag:{HOST},2026-11-22:{CLAREVIEW}/{SECOND}"
    assert entry.updated == "2026-11-22T12:10:00-07:00" and entry.published == "2026-11-22T08:55:00-07:00"
    assert entry.title.startswith("Corrected: Investigating:")
    index = json.loads((second / "bulletins/index.json").read_text(encoding="utf-8"))
    [listed] = [b for b in index["bulletins"] if b["id"] == f"{CLAREVIEW}/{SECOND}"]
    assert (listed["kind"], listed["revision"], listed["issued"]) == ("correction", 2, "2026-11-22T12:10:00-07:00")
    page = (second / f"incidents/{CLAREVIEW}/index.html").read_text(encoding="utf-8")
    assert re.search(r'id="update-20261122-1555">\s*<h3>Investigating <small>.*? · corrected <time', page)
    # The 10:30 release restated the 8:55 update: it is corrected too. The 8:10 update is untouched.
    later = (second / f"bulletins/{CLAREVIEW}/{THIRD}/press.txt").read_text(encoding="utf-8")
    assert later.startswith("CORRECTION: ") and "have found a failed circuit board" in later
    assert field((second / f"bulletins/{CLAREVIEW}/{THIRD}/cap.xml").read_bytes(), "identifier").endswith(".r2")
    for name in ("radio.txt", "press.txt", "cap.xml", "notice.txt", "sms.txt"):
        assert (second / f"bulletins/{CLAREVIEW}/{FIRST}/{name}").read_bytes() == (
            first / f"bulletins/{CLAREVIEW}/{FIRST}/{name}"
        ).read_bytes()
    # A later build issues nothing new and gives the same bytes.
    third, output = repo.build("2026-11-22 12:20")
    assert "0 new, 0 correction(s), 0 withdrawal(s)" in output
    assert (third / path / "cap.xml").read_bytes() == cap


def test_a_removed_update_is_withdrawn_with_a_cap_cancel_and_a_kill_notice(repo: Repository) -> None:
    first, _ = repo.build("2026-11-22 12:00")
    text = repo.file.read_text(encoding="utf-8")
    repo.edit(text[text.index("  - at: 2026-11-22 08:55") : text.index("  - at: 2026-11-22 10:30")], "")
    second, output = repo.build("2026-11-22 12:30")
    assert "1 withdrawal(s)" in output
    assert f"withdrawn: {CLAREVIEW} update {SECOND}; if you only corrected its time, add 'id: {SECOND}'" in output
    path = second / f"bulletins/{CLAREVIEW}/{SECOND}"
    cancel = (path / "cap.xml").read_bytes()
    assert SCHEMA.validate(etree.fromstring(cancel)), SCHEMA.error_log
    assert check_cap_rules(cancel) == []
    assert field(cancel, "msgType") == "Cancel"
    assert field(cancel, "identifier") == f"{HOST}.{CLAREVIEW}.{SECOND}.cancel"
    assert field(cancel, "references") == f"noc@northwind.example,{HOST}.{CLAREVIEW}.{SECOND},2026-11-22T08:55:00-07:00"
    kill = (path / "radio.txt").read_text(encoding="utf-8")
    assert kill.startswith("KILL: NORTHWIND BROADBAND BULLETIN OF 8:55 A.M. MST\nDo not use the bulletin")
    assert "withdrew it at 12:30 p.m. MST, Sunday, November 22, 2026" in kill
    entry = next(e for e in feedparser.parse((second / "feeds/atom.xml").read_bytes()).entries if e.id.endswith(SECOND))
    assert entry.title == "Withdrawn: Internet outage in Clareview and Castle Downs"
    assert entry.updated == "2026-11-22T12:30:00-07:00"
    page = (second / f"incidents/{CLAREVIEW}/index.html").read_text(encoding="utf-8")
    assert "The update posted <time" in page and "was withdrawn <time" in page
    index = json.loads((second / "bulletins/index.json").read_text(encoding="utf-8"))
    assert {"kind": "withdrawal", "id": f"{CLAREVIEW}/{SECOND}"}.items() <= next(
        b for b in index["bulletins"] if b["id"] == f"{CLAREVIEW}/{SECOND}"
    ).items()
    # The 10:30 update no longer follows a count of 6,000 customers, nor restates 8:55: it is corrected,
    # and its correction references its own first issue, not the message withdrawn.
    third = (second / f"bulletins/{CLAREVIEW}/{THIRD}/cap.xml").read_bytes()
    assert field(third, "identifier") == f"{HOST}.{CLAREVIEW}.{THIRD}.r2"
    assert field(third, "references") == f"noc@northwind.example,{HOST}.{CLAREVIEW}.{THIRD},2026-11-22T10:30:00-07:00"
    assert "Customers affected" not in (field(third, "info/description") or "")
    untouched = (second / f"bulletins/{CLAREVIEW}/{FIRST}/cap.xml").read_bytes()
    assert untouched == (first / f"bulletins/{CLAREVIEW}/{FIRST}/cap.xml").read_bytes()


def test_no_cap_identifier_ever_carries_two_contents_through_edits_removals_and_insertions(
    repo: Repository,
) -> None:
    seen: dict[str, bytes] = {}

    def collect(site: Path) -> None:
        for identifier, xml in cap_messages(site).items():
            assert seen.setdefault(identifier, xml) == xml, f"{identifier} was published with two contents"
            assert SCHEMA.validate(etree.fromstring(xml)) and check_cap_rules(xml) == [], identifier

    collect(repo.build("2026-11-22 12:00")[0])
    repo.edit("Home phone is working. We are investigating.", "Home phone and TV are working. We are investigating.")
    collect(repo.build("2026-11-22 12:05")[0])  # an edit: update 1 corrected
    inserted = "  - at: 2026-11-22 09:30\n    status: investigating\n    message: A spare router is being checked.\n"
    repo.edit("  - at: 2026-11-22 10:30", inserted + "  - at: 2026-11-22 10:30")
    collect(repo.build("2026-11-22 12:10")[0])  # an insertion before a published update
    text = repo.file.read_text(encoding="utf-8")
    repo.edit(text[text.index("  - at: 2026-11-22 08:55") : text.index("  - at: 2026-11-22 09:30")], "")
    collect(repo.build("2026-11-22 12:15")[0])  # a removal
    repo.edit("A spare router is being checked.", "A spare router was checked and cannot be used.")
    site, _ = repo.build("2026-11-22 12:20")
    collect(site)  # an edit of the inserted update
    assert f"{HOST}.{CLAREVIEW}.{FIRST}.r2" in seen  # the 8:10 edit
    assert f"{HOST}.{CLAREVIEW}.20261122-1630" in seen  # the 9:30 insertion, first issue
    assert f"{HOST}.{CLAREVIEW}.{SECOND}.cancel" in seen  # the 8:55 removal
    assert f"{HOST}.{CLAREVIEW}.20261122-1630.r3" in seen  # the insertion corrected twice (a restated removal, an edit)
    # By hand: an edit corrects the update and every later release that restates it in its timeline (r2s);
    # the insertion corrects 10:30 (r3); the removal cancels 8:55 and corrects 9:30 and 10:30; the last edit
    # corrects 9:30 (r3) and 10:30 (r5).
    assert sorted(i.removeprefix(f"{HOST}.{CLAREVIEW}.") for i in seen if CLAREVIEW in i) == [
        "20261122-1510", "20261122-1510.r2", "20261122-1555", "20261122-1555.cancel", "20261122-1555.r2",
        "20261122-1630", "20261122-1630.r2", "20261122-1630.r3", "20261122-1730", "20261122-1730.r2",
        "20261122-1730.r3", "20261122-1730.r4", "20261122-1730.r5",
    ]  # fmt: skip


def test_a_ledger_that_cannot_be_read_stops_the_build_and_names_it(tmp_path: Path) -> None:
    root = copy_of_example(tmp_path, with_template=True)
    out = tmp_path / "site"

    def build(ledger: Path) -> str:
        code, output = run(
            "build", "--root", str(root), "--now", "2026-11-22 12:00", "--ledger", str(ledger), "--site-dir", str(out)
        )
        assert code == 1 and not out.exists()
        return output

    missing = tmp_path / "nowhere.json"
    assert f"{missing}: no ledger there; start one with `outage ledger init --ledger {missing}`" in build(missing)
    corrupt = tmp_path / "corrupt.json"
    corrupt.write_text('{"format": "outage-bulletin ledger", "version": 1, "site"', encoding="utf-8")
    assert f"{corrupt}: expected a ledger written by outage; found text that is not JSON" in build(corrupt)
    other = tmp_path / "other.json"
    other.write_text(
        json.dumps({"format": "outage-bulletin ledger", "version": 1, "site": "https://status.other.example/",
                    "entries": {}, "deliveries": {}}),
        encoding="utf-8",
    )  # fmt: skip
    assert (
        f"{other}: expected the ledger of https://status.northwind.example/; found the ledger of "
        "'https://status.other.example/'"
    ) in build(other)
    broken = tmp_path / "broken.json"
    broken.write_text(
        json.dumps({"format": "outage-bulletin ledger", "version": 1, "site": "https://status.northwind.example/",
                    "entries": {"x/y": {"incident": "x"}}, "deliveries": {}}),
        encoding="utf-8",
    )  # fmt: skip
    assert f"{broken}: entries['x/y']: expected text in 'update'; found None" in build(broken)


def test_ledger_init_refuses_to_overwrite(repo: Repository) -> None:
    before = repo.ledger.read_bytes()
    code, output = run("ledger", "init", "--root", str(repo.root), "--ledger", str(repo.ledger))
    assert code == 1 and "exists already" in output and repo.ledger.read_bytes() == before


def test_a_build_as_of_an_earlier_moment_knows_no_later_revision(repo: Repository) -> None:
    repo.build("2026-11-22 12:00")
    repo.edit("engineers are on site.", "engineers are on site and have found a failed circuit board.")
    repo.build("2026-11-22 12:10")
    replay, _ = repo.build("2026-11-22 12:05")
    cap = (replay / f"bulletins/{CLAREVIEW}/{SECOND}/cap.xml").read_bytes()
    assert field(cap, "identifier") == f"{HOST}.{CLAREVIEW}.{SECOND}.r2"  # the edit is in the files at 12:05
    assert field(cap, "sent") == "2026-11-22T12:05:00-07:00"  # ... and this replay issues it itself


# --- migrating from positional ids -------------------------------------------------------------


def old_site(folder: Path) -> Path:
    """A site as an earlier version published it: updates numbered by their position."""
    (folder / "bulletins").mkdir(parents=True)
    (folder / "feeds").mkdir()
    index = {
        "site": "https://status.northwind.example/",
        "keep_days": 90,
        "bulletins": [
            {"id": f"{CLAREVIEW}/{n}", "incident": CLAREVIEW, "update": n, "title": "Internet outage in Clareview and Castle Downs",
             "status": status, "at": at, "services": ["internet"], "areas": ["clareview", "castle-downs"], "files": {}}
            for n, status, at in ((1, "investigating", "2026-11-22T08:10:00-07:00"),
                                  (2, "investigating", "2026-11-22T08:55:00-07:00"),
                                  (3, "identified", "2026-11-22T10:30:00-07:00"),
                                  (4, "identified", "2026-11-22T11:00:00-07:00"))
        ],
    }  # fmt: skip
    (folder / "bulletins/index.json").write_text(json.dumps(index), encoding="utf-8")
    feed = f"""<?xml version='1.0' encoding='UTF-8'?>
<feed xmlns="http://www.w3.org/2005/Atom"><id>https://status.northwind.example/feeds/atom.xml</id><title>x</title>
<updated>2026-11-22T10:30:00-07:00</updated>
<entry><id>tag:{HOST},2026-11-13:2026-11-13-voicemail-access/3</id><title>Resolved: Home phone customers cannot check voicemail</title>
<updated>2026-11-13T10:25:00-07:00</updated><published>2026-11-13T10:25:00-07:00</published></entry>
</feed>"""
    (folder / "feeds/atom.xml").write_text(feed, encoding="utf-8")
    return folder


def test_ledger_init_from_a_published_site_keeps_its_positional_ids(tmp_path: Path) -> None:
    root = copy_of_example(tmp_path, with_template=True)
    ledger = tmp_path / "ledger.json"
    code, output = run(
        "ledger", "init", "--root", str(root), "--now", "2026-11-22 12:00", "--ledger", str(ledger),
        "--from", str(old_site(tmp_path / "old")),
    )  # fmt: skip
    assert code == 0, output
    assert "4 published id(s) kept, 1 no longer in the files" in output
    out = tmp_path / "site"
    code, output = run(
        "build", "--root", str(root), "--now", "2026-11-22 12:00", "--ledger", str(ledger), "--site-dir", str(out)
    )  # fmt: skip
    assert code == 0, output
    for n in (1, 2, 3):
        cap = (out / f"bulletins/{CLAREVIEW}/{n}/cap.xml").read_bytes()
        assert field(cap, "identifier") == f"{HOST}.{CLAREVIEW}.{n}"
    assert field((out / f"bulletins/{CLAREVIEW}/2/cap.xml").read_bytes(), "references").split(",")[1] == (
        f"{HOST}.{CLAREVIEW}.1"
    )
    ids = {e.id for e in feedparser.parse((out / "feeds/atom.xml").read_bytes()).entries}
    assert f"tag:{HOST},2026-11-13:2026-11-13-voicemail-access/3" in ids  # kept from the old feed
    assert f"tag:{HOST},2026-11-13:2026-11-13-voicemail-access/20261113-1635" in ids  # not published before
    # The 11:00 update was published and is gone from the file: it is withdrawn.
    cancel = (out / f"bulletins/{CLAREVIEW}/4/cap.xml").read_bytes()
    assert field(cancel, "msgType") == "Cancel" and field(cancel, "identifier") == f"{HOST}.{CLAREVIEW}.4.cancel"
    page = (out / f"incidents/{CLAREVIEW}/index.html").read_text(encoding="utf-8")
    assert '<li id="update-3">' in page and '<li id="update-20261122-1730">' not in page


# --- the live window ---------------------------------------------------------------------------


def test_entries_that_leave_the_live_window_are_marked_expired_once_and_never_removed(repo: Repository) -> None:
    repo.build("2026-11-22 12:00")
    before = json.loads(repo.ledger.read_text(encoding="utf-8"))["entries"]
    voicemail = {key for key in before if key.startswith("2026-11-13-voicemail-access/")}
    clareview = {key for key in before if key.startswith(f"{CLAREVIEW}/")}
    assert voicemail and clareview and not any(entry.get("expired") for entry in before.values())

    # By June 2027 the voicemail outage (resolved in November 2026) is long out of the window; the example's
    # Clareview outage is never resolved, so it stays live however old its updates are.
    repo.build("2027-06-01 12:00")
    later = json.loads(repo.ledger.read_text(encoding="utf-8"))["entries"]
    assert set(before) <= set(later)  # nothing removed
    for key in voicemail:
        assert later[key]["expired"] == "2027-06-01T12:00:00-06:00", key
        assert later[key]["revisions"] == before[key]["revisions"]  # what was published is still on the books
    assert not any(later[key].get("expired") for key in clareview)

    repo.build("2027-07-01 12:00")  # marked once: a later build keeps the first mark
    again = json.loads(repo.ledger.read_text(encoding="utf-8"))["entries"]
    assert {key: again[key]["expired"] for key in voicemail} == {key: later[key]["expired"] for key in voicemail}
