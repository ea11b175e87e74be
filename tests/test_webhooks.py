"""Signed webhooks: Statuspage-shaped JSON, verified by the ``standardwebhooks`` library as a receiver would.

A receiver on 127.0.0.1 checks every request with the library's verifier. The
``webhook-id`` is the update's id and revision, so a redelivery can be dropped
and a correction cannot be mistaken for one; corrections and withdrawals say so.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from channel_example import OPEN_ID, Example, Repo, build, build_example, cli, copy_repo
from fake_services import Receiver, running_receiver

from generator.delivery import retry
from generator.delivery.webhooks import Delivery, signed_headers

SECRET = "whsec_" + base64.b64encode(b"another secret, 32 bytes long!!!").decode()
UPDATE_1030 = f"{OPEN_ID}/20261122-1730"


@pytest.fixture(autouse=True)
def no_waiting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(retry, "RETRY_DELAYS", (0.0, 0.0))


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    with running_receiver(SECRET) as found:
        yield found


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Example:
    return build_example(tmp_path_factory.mktemp("webhooks"))


@pytest.fixture
def repo(example: Example, tmp_path: Path) -> Repo:
    return copy_repo(example.noon, tmp_path)


def send(repo: Repo, receiver: Receiver, now: str, secret: str = SECRET) -> tuple[int, str]:
    channels = f"channels:\n  - name: partner\n    webhook: {receiver.url}\n    secret: {secret}\n"
    env: dict[str, str | None] = {"OUTAGE_CHANNELS": channels, "OUTAGE_CHANNELS_FILE": None, "GITHUB_ACTIONS": None}
    args = ["channels", "send", "--root", str(repo.root), "--site-dir", str(repo.site), "--ledger", str(repo.ledger)]
    return cli(*args, "--now", now, env=env)


def edit(repo: Repo, old: str, new: str) -> None:
    path = repo.root / "incidents/2026" / f"{OPEN_ID}.yml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_a_first_run_sends_signed_incident_webhooks_shaped_like_statuspages(repo: Repo, receiver: Receiver) -> None:
    code, output = send(repo, receiver, "2026-11-22 12:01")
    assert code == 0, output
    assert not receiver.refused
    (maintenance, incident) = receiver.verified
    assert incident.id == f"{UPDATE_1030}@r1"
    body = incident.payload
    assert list(body) == ["meta", "page", "incident", "outage_bulletin"]
    assert body["meta"] == {
        "unsubscribe": None,
        "documentation": "https://status.northwind.example/api/v2/summary.json",
        "generated_at": "2026-11-22T17:30:00.000Z",  # the update's time: a redelivery is byte for byte the same
    }
    assert body["page"] == {
        "id": "status-northwind-example",
        "status_indicator": "major",
        "status_description": "Partial System Outage",
    }
    item = body["incident"]
    assert item["id"] == OPEN_ID and item["status"] == "identified" and item["impact"] == "major"
    assert item["shortlink"] == f"https://status.northwind.example/incidents/{OPEN_ID}/"
    assert [u["status"] for u in item["incident_updates"]] == ["identified", "investigating", "investigating"]
    assert item["incident_updates"][0]["id"] == f"{OPEN_ID}-20261122-1730"  # as the API lists it
    assert {c["id"] for c in item["components"]} >= {"svc-internet", "area-clareview--internet"}
    assert body["outage_bulletin"] == {
        "event": "incident.update",
        "id": f"{UPDATE_1030}@r1",
        "incident_id": OPEN_ID,
        "update_id": "20261122-1730",
        "revision": 1,
        "correction": False,
        "withdrawal": False,
        "reminder": False,
    }
    assert maintenance.payload["outage_bulletin"]["event"] == "maintenance.update"
    assert maintenance.payload["incident"]["scheduled_for"] == "2026-12-03T01:00:00.000-07:00"
    timestamp = int(incident.headers["webhook-timestamp"])
    assert abs(timestamp - datetime.now(UTC).timestamp()) < 300  # when it was sent: the clock, not the data


def test_resolving_sends_the_incident_webhook_then_one_per_component_it_changed(repo: Repo, receiver: Receiver) -> None:
    assert send(repo, receiver, "2026-11-22 12:01")[0] == 0
    code, output = cli(
        "resolve", OPEN_ID, "--root", str(repo.root), "--now", "2026-11-22 14:35",
        "--message", "Service is back. If you are still offline, restart your modem.",
    )  # fmt: skip
    assert code == 0, output
    assert build(repo.root, repo.site, repo.ledger, "2026-11-22 14:40")[0] == 0
    code, output = send(repo, receiver, "2026-11-22 14:41")
    assert code == 0, output
    resolved, *components = receiver.verified[2:]
    key = f"{OPEN_ID}/20261122-2135@r1"
    assert resolved.id == key
    assert resolved.payload["incident"]["status"] == "resolved"
    assert resolved.payload["page"]["status_indicator"] == "none"
    changed = {c.payload["component"]["id"]: c for c in components}
    assert set(changed) == {
        "svc-internet",
        "area-clareview",
        "area-clareview--internet",
        "area-castle-downs",
        "area-castle-downs--internet",
    }
    internet = changed["svc-internet"]
    assert internet.id == f"{key}/svc-internet"
    assert list(internet.payload) == ["meta", "page", "component_update", "component", "outage_bulletin"]
    assert internet.payload["component_update"] == {
        "created_at": "2026-11-22T14:35:00.000-07:00",
        "new_status": "operational",
        "old_status": "partial_outage",
        "id": f"{key}/svc-internet",
        "component_id": "svc-internet",
        "component_type": "Component",
    }
    assert internet.payload["component"]["status"] == "operational"
    assert internet.payload["outage_bulletin"]["event"] == "component.update"


def test_a_correction_has_a_new_webhook_id_and_says_it_is_one(repo: Repo, receiver: Receiver) -> None:
    assert send(repo, receiver, "2026-11-22 12:01")[0] == 0
    edit(
        repo, "A circuit board in the hub's main router has failed.", "A power supply in the hub's main router failed."
    )
    code, output = build(repo.root, repo.site, repo.ledger, "2026-11-22 12:30")
    assert code == 0 and "1 correction(s)" in output, output
    code, output = send(repo, receiver, "2026-11-22 12:31")
    assert code == 0, output
    (correction,) = receiver.verified[2:]
    assert correction.id == f"{UPDATE_1030}@r2"
    assert correction.payload["outage_bulletin"]["correction"] is True
    assert correction.payload["outage_bulletin"]["event"] == "incident.correction"
    assert correction.payload["outage_bulletin"]["revision"] == 2
    latest = correction.payload["incident"]["incident_updates"][0]
    assert latest["body"].startswith("A power supply in the hub's main router failed.")
    assert latest["updated_at"] == "2026-11-22T12:30:00.000-07:00"  # when the correction was issued


def test_a_withdrawal_is_sent_as_one_to_whoever_had_the_update(repo: Repo, receiver: Receiver) -> None:
    assert send(repo, receiver, "2026-11-22 12:01")[0] == 0
    path = repo.root / "incidents/2026" / f"{OPEN_ID}.yml"
    text = path.read_text(encoding="utf-8")
    start = text.index("  - at: 2026-11-22 10:30")
    path.write_text(text[:start], encoding="utf-8")
    code, output = build(repo.root, repo.site, repo.ledger, "2026-11-22 12:30")
    assert code == 0 and "1 withdrawal(s)" in output, output
    code, output = send(repo, receiver, "2026-11-22 12:31")
    assert code == 0, output
    withdrawn, *rest = receiver.verified[2:]
    assert withdrawn.id == f"{UPDATE_1030}@withdrawn"
    assert withdrawn.payload["outage_bulletin"]["withdrawal"] is True
    assert withdrawn.payload["outage_bulletin"]["event"] == "incident.withdrawal"
    # The incident as it stands without it: the 8:55 update is its latest again.
    assert withdrawn.payload["incident"]["incident_updates"][0]["id"] == f"{OPEN_ID}-20261122-1555"
    # The 8:55 update was never sent to this new channel (it was not current), and is not sent now either.
    assert rest == []


def test_a_redelivery_is_the_same_request_so_a_receiver_can_drop_it(repo: Repo, receiver: Receiver) -> None:
    assert send(repo, receiver, "2026-11-22 12:01")[0] == 0
    first = receiver.verified[1]
    book = json.loads(repo.ledger.read_text(encoding="utf-8"))
    del book["deliveries"][f"{UPDATE_1030}@r1"]["channel:partner"]  # as if the run stopped before recording it
    repo.ledger.write_text(json.dumps(book), encoding="utf-8")
    assert send(repo, receiver, "2026-11-22 12:05")[0] == 0
    again = receiver.verified[2]
    assert again.id == first.id and again.payload == first.payload


def test_a_receiver_with_another_secret_refuses_it_and_the_post_stays_owed(repo: Repo, receiver: Receiver) -> None:
    other = "whsec_" + base64.b64encode(b"not the receiver's secret, 32 b!").decode()
    code, output = send(repo, receiver, "2026-11-22 12:01", secret=other)
    assert code == 1
    assert "HTTP 401" in output and "not sent to partner" in output
    assert receiver.refused and not receiver.verified
    assert send(repo, receiver, "2026-11-22 12:02")[0] == 0  # the right secret: it goes now
    assert len(receiver.verified) == 2


def test_the_signature_is_the_specifications(tmp_path: Path) -> None:
    """Checked by hand against the Standard Webhooks specification: base64 of HMAC-SHA256 over
    ``id.timestamp.body`` with the secret's decoded bytes, as ``v1,<signature>``."""
    import hashlib
    import hmac

    delivery = Delivery("incident/20261122-1730@r1", "incident.update", b'{"a":1}')
    sent = datetime(2026, 11, 22, 12, 0, tzinfo=UTC).astimezone()  # any zone: the same instant
    headers = signed_headers(SECRET, delivery, sent)
    key = base64.b64decode(SECRET.removeprefix("whsec_"))
    digest = hmac.new(key, b'incident/20261122-1730@r1.1795348800.{"a":1}', hashlib.sha256).digest()
    assert headers == {
        "webhook-id": "incident/20261122-1730@r1",
        "webhook-timestamp": "1795348800",
        "webhook-signature": "v1," + base64.b64encode(digest).decode(),
    }
