"""Reminders of planned work: announced when added, reminded 72 h and 24 h before and as the window opens,
said when it is cancelled — each once, from whichever run finds it due, even when runs were missed.

The example's router upgrade (announced Nov 19, moved on Nov 20 to Thursday,
Dec 3, 1 a.m. to 5 a.m. MST) is followed by one channel taking maintenance,
through a json:// endpoint on 127.0.0.1.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from channel_example import ROOT, Repo, build, cli, copy_repo
from fake_services import Services, running_services

from generator.delivery import retry

WORK = "2026-11-19-lauderdale-beverly-core-router-upgrade"
TITLE = "Core router upgrade for Lauderdale and Beverly"


@pytest.fixture(autouse=True)
def no_waiting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(retry, "RETRY_DELAYS", (0.0, 0.0))


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Repo:
    """The example built with a ledger on Nov 22 at noon: the work is announced and moved to Dec 3."""
    base = tmp_path_factory.mktemp("reminders")
    root = base / "status"
    root.mkdir()
    for name in ("status.yml", "incidents", "site_template"):
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, root / name)
    ledger = base / "ledger.json"
    assert cli("ledger", "init", "--root", str(root), "--now", "2026-11-22 11:00", "--ledger", str(ledger))[0] == 0
    assert build(root, base / "site", ledger, "2026-11-22 12:00")[0] == 0
    return Repo(root, base / "site", ledger)


@pytest.fixture
def repo(published: Repo, tmp_path: Path) -> Repo:
    return copy_repo(published, tmp_path)


@pytest.fixture
def services() -> Iterator[Services]:
    with running_services() as found:
        yield found


def run(repo: Repo, services: Services, now: str, channel: str = "") -> tuple[int, str]:
    channels = channel or f"channels:\n  - name: ops\n    url: json://127.0.0.1:{services.port}/json/ops\n"
    channels += "    kinds: [maintenance]\n"
    env: dict[str, str | None] = {"OUTAGE_CHANNELS": channels, "OUTAGE_CHANNELS_FILE": None, "GITHUB_ACTIONS": None}
    args = ["channels", "send", "--root", str(repo.root), "--site-dir", str(repo.site), "--ledger", str(repo.ledger)]
    code, output = cli(*args, "--now", now, env=env)
    assert code == 0, output
    return code, output


def said(services: Services) -> list[str]:
    """The title and first line of every message the channel got, in order."""
    return [f"{r.json()['title']} | {r.json()['message'].splitlines()[0]}" for r in services.posts("json")]


def test_each_reminder_once_at_its_time(repo: Repo, services: Services) -> None:
    run(repo, services, "2026-11-22 12:01")  # a new channel: the work as last announced
    assert said(services) == [f"{TITLE} | Scheduled — update of 3:30 p.m. MST, Nov 20"]
    run(repo, services, "2026-11-30 00:55")  # 72 h before is 01:00
    assert len(said(services)) == 1
    run(repo, services, "2026-11-30 01:05")
    run(repo, services, "2026-11-30 01:15")
    run(repo, services, "2026-12-02 01:00")  # 24 h before, to the minute
    run(repo, services, "2026-12-03 00:50")
    run(repo, services, "2026-12-03 01:02")  # the window opens
    run(repo, services, "2026-12-03 06:00")  # it is over: nothing more
    planned = f"Planned work: {TITLE}, Thursday, December 3, 2026, 1:00 a.m. MST to 5:00 a.m. MST."
    assert said(services)[1:] == [
        f"Reminder: {TITLE} | {planned}",
        f"Reminder: {TITLE} | {planned}",
        f"Reminder: {TITLE} | The window for planned work opened at 1:00 a.m. MST, Dec 3: {TITLE}, planned to end by "
        "5:00 a.m. MST.",
    ]
    assert "Expected impact: Internet service will drop twice" in services.posts("json")[1].json()["message"]
    sent = json.loads(repo.ledger.read_text(encoding="utf-8"))["deliveries"]
    reminders = sorted(key for key, to in sent.items() if "/reminder-" in key and "channel:ops" in to)
    assert reminders == [
        f"{WORK}/reminder-0h-20261203-0800@r1",
        f"{WORK}/reminder-24h-20261203-0800@r1",
        f"{WORK}/reminder-72h-20261203-0800@r1",
    ]


def test_after_missed_runs_only_the_latest_reminder_due_is_sent(repo: Repo, services: Services) -> None:
    run(repo, services, "2026-11-22 12:01")
    run(repo, services, "2026-12-02 09:00")  # no run since Nov 22: the 72 h reminder is not sent late
    run(repo, services, "2026-12-02 09:10")
    assert len(said(services)) == 2
    run(repo, services, "2026-12-03 04:00")  # again none since: the window opened three hours ago
    assert said(services)[2].startswith(f"Reminder: {TITLE} | The window for planned work opened at 1:00 a.m. MST")
    run(repo, services, "2026-12-03 05:30")
    assert len(said(services)) == 3


def test_cancelled_work_is_said_once_and_reminded_no_more(repo: Repo, services: Services) -> None:
    run(repo, services, "2026-11-22 12:01")
    run(repo, services, "2026-11-30 02:00")
    message = "We have cancelled this work: the router maker withdrew the new software."
    command = ["update", WORK, "--root", str(repo.root), "--now", "2026-12-01 10:00", "--status", "cancelled"]
    code, output = cli(*command, "--message", message)
    assert code == 0, output
    assert build(repo.root, repo.site, repo.ledger, "2026-12-01 10:05")[0] == 0
    run(repo, services, "2026-12-01 10:06")
    run(repo, services, "2026-12-02 02:00")
    run(repo, services, "2026-12-03 01:30")
    assert said(services)[2:] == [f"{TITLE} | Cancelled — update of 10:00 a.m. MST, Dec 1"]
    assert message in services.posts("json")[-1].json()["message"]


def test_a_window_announced_late_gets_only_the_reminders_still_ahead(repo: Repo, services: Services) -> None:
    run(repo, services, "2026-11-22 12:01")
    path = repo.root / "incidents/2026" / f"{WORK}.yml"
    path.write_text(
        path.read_text(encoding="utf-8")
        + "  - at: 2026-12-01 10:00\n"
        + "    status: scheduled\n"
        + "    message: We have moved this work to tomorrow night, 8 p.m. to midnight.\n"
        + "    window: {start: 2026-12-02 20:00, end: 2026-12-03 00:00}\n",
        encoding="utf-8",
    )
    assert build(repo.root, repo.site, repo.ledger, "2026-12-01 10:05")[0] == 0
    run(repo, services, "2026-12-01 10:06")  # the move; 72 h before the new window was before it was announced
    run(repo, services, "2026-12-01 20:05")  # 24 h before the new window
    run(repo, services, "2026-12-02 01:05")  # 24 h before the old window: no longer the plan
    assert said(services)[1:] == [
        f"{TITLE} | Scheduled — update of 10:00 a.m. MST, Dec 1",
        f"Reminder: {TITLE} | Planned work: {TITLE}, Wednesday, December 2, 2026, 8:00 p.m. MST to midnight MST, Dec 3.",
    ]


def test_reminders_follow_each_channels_offsets(repo: Repo, services: Services) -> None:
    channel = f"channels:\n  - name: ops\n    url: json://127.0.0.1:{services.port}/json/ops\n    reminders: [2h]\n"
    run(repo, services, "2026-11-22 12:01", channel)
    run(repo, services, "2026-12-02 01:05", channel)  # 24 h before: not this channel's
    run(repo, services, "2026-12-02 23:05", channel)  # 2 h before
    run(repo, services, "2026-12-03 01:05", channel)  # as it opens: not this channel's either
    assert [line.split(" | ")[0] for line in said(services)] == [TITLE, f"Reminder: {TITLE}"]
