"""Reporting duties reach the organisation's own channels (``kinds: [duties]``), as ``outage check`` says them.

The example's Clareview outage crosses the internal executive threshold at
09:18 (reported 09:25) and the CRTC major-outage threshold at 09:35. Here the
CRTC notice is never recorded, so that duty falls due at 09:35 and is overdue
after 11:35. A channel that takes duties hears of each once as it falls due and
once more when it becomes overdue — each worded as it stood at that moment,
whenever the run that sends it comes — and nothing once it is reported.
"""

from __future__ import annotations

import base64
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from channel_example import OPEN_ID, ROOT, cli
from fake_services import Receiver, Services, running_receiver, running_services

from generator.delivery import retry

SECRET = "whsec_" + base64.b64encode(b"a test secret of 32 bytes, ok!!!").decode()
CHANNELS = """\
channels:
  - name: noc-duties
    url: json://127.0.0.1:{port}/json/duties
    kinds: [duties]
  - name: compliance-hook
    webhook: {webhook}
    secret: ${{COMPLIANCE_SECRET}}
    kinds: [duties]
  - name: duty-manager-sms
    url: twilio://ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa:twilioAuthTokenxxxxxxxxxxxxxxxxx@15551234567/15557654321
    kinds: [duties]
  - name: customers
    url: json://127.0.0.1:{port}/public/updates
"""
LATE_CHANNEL = """\
  - name: late-noc
    url: json://127.0.0.1:{port}/late/duties
    kinds: [duties]
"""
NOTICE = """\
  - rule: crtc-2025-225/primary-notification
    at: 2026-11-22 10:05
    by: Sam Okafor
    reference: emails to CRTC, ISED and AEMA, subject "Major outage NOC-5391"
"""
INCIDENT = f"incidents/2026/{OPEN_ID}.yml"
CRTC = "CRTC major-outage threshold crossed at 09:35 (600,000 user-minutes); notify CRTC, ISED and Alberta Emergency Management Agency by 11:35"  # fmt: skip


@pytest.fixture(autouse=True)
def no_waiting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(retry, "RETRY_DELAYS", (0.0, 0.0))


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """The example, without the record of the CRTC notice, and a ledger begun at 09:00."""
    root = tmp_path / "status"
    root.mkdir()
    for name in ("status.yml", "incidents", "site_template"):
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, root / name)
    text = (root / INCIDENT).read_text(encoding="utf-8")
    assert NOTICE in text
    (root / INCIDENT).write_text(text.replace(NOTICE, ""), encoding="utf-8")
    code, output = cli("ledger", "init", "--root", str(root), "--now", "2026-11-22 09:00", "--ledger", str(tmp_path / "ledger.json"))  # fmt: skip
    assert code == 0, output
    return root


@pytest.fixture
def services() -> Iterator[Services]:
    with running_services() as found:
        yield found


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    with running_receiver(SECRET) as found:
        yield found


def send(root: Path, now: str, channels: str) -> tuple[int, str]:
    env: dict[str, str | None] = {
        "OUTAGE_CHANNELS": channels,
        "OUTAGE_CHANNELS_FILE": None,
        "COMPLIANCE_SECRET": SECRET,
        "GITHUB_ACTIONS": None,
    }
    ledger = root.parent / "ledger.json"
    args = ["channels", "send", "--root", str(root), "--site-dir", str(root / "no-site"), "--ledger", str(ledger)]
    return cli(*args, "--now", now, env=env)


def test_each_duty_is_posted_as_it_falls_due_and_again_once_overdue(
    repo: Path, services: Services, receiver: Receiver
) -> None:
    channels = CHANNELS.format(port=services.port, webhook=receiver.url)

    code, output = send(repo, "2026-11-22 09:20", channels)
    assert code == 0, output
    [executive] = [r.json() for r in services.posts("json")]
    assert executive["title"] == f"Reporting duty due: {'Internet outage in Clareview and Castle Downs'}"
    assert "Internal executive escalation threshold crossed at 09:18 (500,000 user-minutes); tell the executive on call by 09:33" in executive["message"]  # fmt: skip
    assert executive["type"] == "warning"
    [hook] = receiver.verified
    assert hook.payload["outage_bulletin"]["event"] == "reporting.duty_due"
    assert hook.payload["outage_bulletin"]["duty"]["key"] == "internal/executive"
    assert hook.payload["incident"]["id"] == OPEN_ID
    assert services.posts("public") == []  # a channel that does not take duties never hears of them

    # Reported at 09:25: nothing more about it. The CRTC duty, due at 09:35, is said as it stood then,
    # though this run comes five minutes later (600,000 user-minutes at 09:35; 630,000 by 09:40).
    code, output = send(repo, "2026-11-22 09:40", channels)
    assert code == 0, output
    crtc = services.posts("json")[-1].json()
    assert len(services.posts("json")) == 2
    assert CRTC in crtc["message"] and "overdue" not in crtc["message"].lower()
    assert receiver.verified[-1].payload["outage_bulletin"]["duty"]["outstanding"] == ["crtc", "ised", "emergency-management"]  # fmt: skip

    code, output = send(repo, "2026-11-22 10:30", channels)
    assert code == 0, output
    assert "nothing owed: 4 channel(s), all up to date" in output

    # Overdue at 11:35 and still not recorded: one more post, and a channel added now hears only that.
    code, output = send(repo, "2026-11-22 11:40", channels + LATE_CHANNEL.format(port=services.port))
    assert code == 0, output
    assert "new channel late-noc: owed what is current" in output
    overdue = services.posts("json")[-1].json()
    assert len(services.posts("json")) == 3
    assert overdue["title"] == "Reporting duty overdue: Internet outage in Clareview and Castle Downs"
    assert overdue["message"].startswith(f"Overdue since 11:35 a.m. MST, Nov 22. {CRTC}")
    assert overdue["type"] == "failure"
    assert receiver.verified[-1].payload["outage_bulletin"]["event"] == "reporting.duty_overdue"
    assert [r.json()["title"] for r in services.posts("late")] == [overdue["title"]]
    text_message = services.posts("api.twilio.com")[-1].text
    assert text_message == (
        "Reporting duty overdue: CRTC major-outage threshold, deadline 11:35 a.m. MST, Nov 22. "
        "Internet outage in Clareview and Castle Downs. status.northwind.example"
    )
    assert len(services.posts("api.twilio.com")) == 3

    # Once the notice is recorded, no channel hears of the duty again.
    original = (ROOT / INCIDENT).read_text(encoding="utf-8")
    (repo / INCIDENT).write_text(original.replace(NOTICE, NOTICE.replace("10:05", "11:50")), encoding="utf-8")
    code, output = send(repo, "2026-11-22 12:00", channels + LATE_CHANNEL.format(port=services.port))
    assert code == 0, output
    assert "nothing owed: 5 channel(s), all up to date" in output
