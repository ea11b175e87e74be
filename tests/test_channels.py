"""``outage channels send``: every update pushed once to chat, social, SMS and signed webhooks.

The example site is built with a ledger at noon, and every channel is sent
what was current then. Staff then add an update to the open incident and
build again: that update must reach every configured channel exactly once —
Slack, Teams, Discord, Mattermost, Matrix, Telegram, Mastodon, Bluesky, an
SMS gateway, a json:// endpoint and a signed webhook — through Apprise and
real HTTP to stand-ins on 127.0.0.1 (``fake_services``). Running again sends
nothing; a channel that fails is sent what it missed by the next run.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from channel_example import (
    NEW_SENTENCE,
    OPEN_ID,
    Example,
    Repo,
    add_the_update,
    as_built_with_the_update,
    build_example,
    cli,
    copy_repo,
)
from fake_services import Receiver, Services, running_receiver, running_services

from generator.delivery import retry

NEW = f"{OPEN_ID}/20261122-1940@r1"  # the update of 12:40 p.m. MST, first revision
LINK = f"https://status.northwind.example/incidents/{OPEN_ID}/#update-20261122-1940"
SECRET = "whsec_" + base64.b64encode(b"a test secret of 32 bytes, ok!!!").decode()
SLACK_TOKEN = "T0NORTHWIND"

CHANNELS = """\
channels:
  - name: noc-slack
    url: slack://${{SLACK_TOKEN}}/B0OUTAGES/XXXXXXXXXXXXXXXXXXXXXXXX/#outages
  - name: teams
    url: workflows://prod-00.westus.logic.azure.com:443/abc123workflow/sigSIGSIG
  - name: discord
    url: discord://123456789/discordTOKEN
  - name: mattermost
    url: mmost://127.0.0.1:{port}/hooktoken
  - name: matrix
    url: matrix://status:password@127.0.0.1:{port}/#outages?discovery=no
  - name: telegram
    url: tgram://123456789:ABCdefGHIjklMNOpqrSTUvwxYZ/-100123
  - name: mastodon
    url: mastodon://mastodonTOKEN@127.0.0.1:{port}
  - name: bluesky
    url: bsky://northwind.bsky.social@app-password
  - name: sms
    url: twilio://ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa:twilioAuthTokenxxxxxxxxxxxxxxxxx@15551234567/15557654321
    impact: major
  - name: json
    url: json://127.0.0.1:{port}/json/outages
  - name: partner
    webhook: {webhook}
    secret: ${{PARTNER_SECRET}}
    services: [internet]
"""
# Where each channel's message lands (fake_services.Request.service).
SERVICES = {
    "noc-slack": "hooks.slack.com",
    "teams": "prod-00.westus.logic.azure.com:443",
    "discord": "discord.com",
    "mattermost": "hooks",
    "matrix": "_matrix",
    "telegram": "api.telegram.org",
    "mastodon": "api",
    "bluesky": "pds.example",
    "sms": "api.twilio.com",
    "json": "json",
}


@pytest.fixture(autouse=True)
def no_waiting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(retry, "RETRY_DELAYS", (0.0, 0.0))


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Example:
    return build_example(tmp_path_factory.mktemp("channels"))


@pytest.fixture
def repo(example: Example, tmp_path: Path) -> Repo:
    """A private copy of the example built at noon."""
    return copy_repo(example.noon, tmp_path)


@pytest.fixture
def services() -> Iterator[Services]:
    with running_services() as found:
        yield found


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    with running_receiver(SECRET) as found:
        yield found


def environment(services: Services, receiver: Receiver, **extra: str | None) -> dict[str, str | None]:
    env: dict[str, str | None] = {
        "OUTAGE_CHANNELS": CHANNELS.format(port=services.port, webhook=receiver.url),
        "OUTAGE_CHANNELS_FILE": None,
        "SLACK_TOKEN": SLACK_TOKEN,
        "PARTNER_SECRET": SECRET,
        "GITHUB_ACTIONS": None,
    }
    env.update(extra)
    return env


def send(repo: Repo, env: dict[str, str | None], now: str, *extra: str) -> tuple[int, str]:
    args = ["channels", "send", "--root", str(repo.root), "--site-dir", str(repo.site), "--ledger", str(repo.ledger)]
    return cli(*args, "--now", now, *extra, env=env)


def counts(services: Services) -> dict[str, int]:
    return {name: len(services.posts(host)) for name, host in SERVICES.items()}


# --- the "done when" ----------------------------------------------------------------


def test_an_update_reaches_every_channel_exactly_once_and_running_again_sends_nothing(
    repo: Repo, services: Services, receiver: Receiver
) -> None:
    env = environment(services, receiver)
    code, output = send(repo, env, "2026-11-22 12:01")  # every channel is new: it gets what is current
    assert code == 0, output
    assert output.count("new channel ") == 11
    before = counts(services)
    assert set(before.values()) == {2}  # the open incident's latest update, and the planned work announced
    assert len(receiver.verified) == 2 and not receiver.refused

    add_the_update(repo)
    code, output = send(repo, env, "2026-11-22 12:46")
    assert code == 0, output
    assert "sent 11 post(s) to 11 channel(s)" in output
    after = counts(services)
    assert {name: after[name] - before[name] for name in SERVICES} == dict.fromkeys(SERVICES, 1)
    (hook,) = receiver.verified[2:]
    assert hook.id == NEW
    assert hook.payload["outage_bulletin"]["update_id"] == "20261122-1940"
    slack = services.posts("hooks.slack.com")[-1].json()
    assert slack["attachments"][0]["footer"] == "Northwind Broadband"  # not "Apprise"
    for name, host in SERVICES.items():
        text = services.posts(host)[-1].text
        assert NEW_SENTENCE in text, (name, text)
        # A text message links to the site's front page: the incident page's address would fill it.
        assert (LINK if name != "sms" else "status.northwind.example") in text, (name, text)

    code, output = send(repo, env, "2026-11-22 12:50")
    assert code == 0, output
    assert "nothing owed: 11 channel(s), all up to date" in output
    assert counts(services) == after and len(receiver.verified) == 3


def test_a_failing_channel_is_sent_what_it_missed_by_the_next_run_and_the_others_are_not_held_up(
    repo: Repo, example: Example, services: Services, receiver: Receiver
) -> None:
    env = environment(services, receiver)
    assert send(repo, env, "2026-11-22 12:01")[0] == 0
    before = counts(services)
    as_built_with_the_update(repo, example)
    services.fail["discord.com"] = 3  # the first try and both retries
    receiver.fail = 3

    code, output = send(repo, env, "2026-11-22 12:46")

    assert code == 1
    assert "not sent to discord: " in output and "not sent to partner: " in output
    assert "2 of 11 channel(s) not up to date" in output
    after = counts(services)
    assert after["discord"] == before["discord"]
    assert all(after[n] == before[n] + 1 for n in SERVICES if n != "discord")
    assert len(receiver.verified) == 2

    code, output = send(repo, env, "2026-11-22 12:56")  # the next run: discord and the webhook are back
    assert code == 0, output
    assert "sent 2 post(s) to 2 channel(s)" in output
    final = counts(services)
    assert final["discord"] == before["discord"] + 1
    assert all(final[n] == after[n] for n in SERVICES if n != "discord")
    assert [v.id for v in receiver.verified[2:]] == [NEW]


def test_nothing_secret_is_printed_even_when_a_service_fails(
    repo: Repo, services: Services, receiver: Receiver
) -> None:
    env = environment(services, receiver, GITHUB_ACTIONS="true")
    services.fail["hooks.slack.com"] = 3
    code, output = send(repo, env, "2026-11-22 12:01")
    assert code == 1
    masks = [line for line in output.splitlines() if line.startswith("::add-mask::")]
    assert f"::add-mask::{SLACK_TOKEN}" in masks and f"::add-mask::{SECRET}" in masks
    shown = "\n".join(line for line in output.splitlines() if not line.startswith("::add-mask::"))
    for secret in (SLACK_TOKEN, SECRET, "discordTOKEN", "mastodonTOKEN", "app-password", "twilioAuthToken",
                   "hooktoken", "sigSIGSIG", "ABCdefGHIjkl", "password@"):  # fmt: skip
        assert secret not in shown
    assert "not sent to noc-slack: " in shown


def test_a_missing_secret_stops_only_its_channel(repo: Repo, services: Services, receiver: Receiver) -> None:
    env = environment(services, receiver, SLACK_TOKEN=None)
    code, output = send(repo, env, "2026-11-22 12:01")
    assert code == 1
    assert (
        "noc-slack: OUTAGE_CHANNELS channels[0].url: expected the environment variable SLACK_TOKEN to be set "
        "(a CI secret given to this step); found it unset or empty"
    ) in output
    assert counts(services)["noc-slack"] == 0
    assert counts(services)["discord"] == 2


def test_dry_run_shows_each_message_and_sends_and_records_nothing(
    repo: Repo, services: Services, receiver: Receiver
) -> None:
    before = repo.ledger.read_bytes()
    code, output = send(repo, environment(services, receiver), "2026-11-22 12:01", "--dry-run")
    assert code == 0, output
    assert "would send 22 post(s) to 11 channel(s); nothing was sent or recorded" in output
    assert "To: bluesky (BlueSky)  2026-11-22-clareview-castle-downs-internet-outage/20261122-1730@r1" in output
    assert not services.received and not receiver.verified
    assert repo.ledger.read_bytes() == before


def test_the_ledger_names_each_channel_and_no_url(repo: Repo, services: Services, receiver: Receiver) -> None:
    assert send(repo, environment(services, receiver), "2026-11-22 12:01")[0] == 0
    book = json.loads(repo.ledger.read_text(encoding="utf-8"))
    assert {k for k in book["recipients"] if k.startswith("channel:")} == {
        f"channel:{name}" for name in [*SERVICES, "partner"]
    }
    sent = book["deliveries"][f"{OPEN_ID}/20261122-1730@r1"]
    assert {k for k, v in sent.items() if not v.startswith("before-recipient:")} == {
        f"channel:{name}" for name in [*SERVICES, "partner"]
    }
    text = repo.ledger.read_text(encoding="utf-8")
    assert "127.0.0.1" not in text and "TOKEN" not in text and "whsec_" not in text


def test_a_channel_taking_bulletins_gets_the_notice_and_the_newsroom_page(
    repo: Repo, example: Example, services: Services
) -> None:
    channels = f"channels:\n  - name: newsroom\n    url: json://127.0.0.1:{services.port}/json/news\n"
    channels += "    kinds: [bulletins]\n"
    env = {"OUTAGE_CHANNELS": channels, "OUTAGE_CHANNELS_FILE": None, "GITHUB_ACTIONS": None}
    assert send(repo, env, "2026-11-22 12:01")[0] == 0
    (current,) = services.posts("json")  # the open incident's current bulletin; no maintenance (not broadcast)
    assert current.json()["title"] == (
        "Bulletin: Internet outage in Clareview and Castle Downs — update of 10:30 a.m. MST, Nov 22"
    )
    as_built_with_the_update(repo, example)
    code, output = send(repo, env, "2026-11-22 12:46")
    assert code == 0, output
    message = services.posts("json")[-1].json()["message"]
    notice = (repo.site / "bulletins" / OPEN_ID / "20261122-1940" / "notice.txt").read_text(encoding="utf-8")
    assert message.startswith(notice.strip() + "\n")
    assert message.endswith(
        f"Radio scripts, press release and CAP alert: https://status.northwind.example/bulletins/{OPEN_ID}/20261122-1940/"
    )
