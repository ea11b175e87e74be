"""The channels file and status.yml's channels: located errors, secrets from the environment, filters.

Expected messages were written by hand from the files below; no URL, token or
secret may appear in any of them.
"""

from __future__ import annotations

import base64
import shutil
from datetime import timedelta
from pathlib import Path

import pytest
from channel_example import ROOT, cli

from generator.delivery.channels import ChannelError, Target, all_channels, load_channels, resolve, secret_parts
from generator.delivery.errors import NotifyError
from generator.delivery.posts import Post, wants
from generator.incidents.load import load_config
from generator.incidents.model import Channel, Impact
from generator.incidents.problems import InvalidSite
from generator.incidents.times import parse_time

SECRET = "whsec_" + base64.b64encode(b"x" * 32).decode()
TOKEN = "xoxbSECRETtoken123"
SLACK_TOKEN = "SECRETsecretSECRETsecret"  # Slack's third token: 24 letters and digits


@pytest.fixture(scope="module")
def config():
    return load_config(ROOT)


def problems(raw: str, config) -> list[str]:
    with pytest.raises(InvalidSite) as caught:
        load_channels(raw.encode(), "channels.yml", config)
    return [str(p) for p in caught.value.problems]


def test_a_good_file_gives_its_channels_with_their_filters(config) -> None:
    raw = f"""\
channels:
  - name: noc-slack
    url: slack://{TOKEN}/B0/C0/#noc
    services: [internet, phone]
    areas: [castle-downs]
    impact: major
    reminders: [24h, 0h, 72h]
  - name: partner
    webhook: https://partner.example/hooks/status
    secret: {SECRET}
    kinds: [incidents, bulletins]
"""
    slack, partner = load_channels(raw.encode(), "channels.yml", config)
    assert slack.name == "noc-slack" and slack.kinds == {"incidents", "maintenance"}
    assert slack.services == {"internet", "phone"} and slack.areas == {"castle-downs"}
    assert slack.impact is Impact.MAJOR
    assert slack.reminders == (timedelta(hours=72), timedelta(hours=24), timedelta(0))
    assert (slack.source, slack.entry) == ("channels.yml", "channels[0]")
    assert partner.kinds == {"incidents", "bulletins"} and partner.reminders == (
        timedelta(hours=72),
        timedelta(hours=24),
        timedelta(0),
    )
    assert TOKEN not in repr(slack) and SECRET not in repr(partner)  # never in a traceback either


def test_every_problem_is_located_and_no_secret_is_shown(config) -> None:
    raw = f"""\
channels:
  - name: noc-slack
    url: {TOKEN}
  - name: noc-slack
    url: slack://a/b/c
    secret: {SECRET}
  - name: partner
    webhook: http://partner.example/hook?token={TOKEN}
    secret: whsec_{TOKEN}
  - name: sms
    url: twilio://${{twilio_url}}
    areas: [atlantis]
    colour: red
"""
    found = problems(raw, config)
    assert found == [
        "channels.yml:13:5: channels[3].colour: expected one of the keys name, url, webhook, secret, kinds, services, "
        "areas, impact, reminders; found the unknown key 'colour'",
    ]
    del raw  # shape problems stop the rest: fix the keys, then the rules are checked
    raw = f"""\
channels:
  - name: noc-slack
    url: {TOKEN}
  - name: noc-slack
    url: slack://a/b/c
    secret: {SECRET}
  - name: partner
    webhook: http://partner.example/hook?token={TOKEN}
    secret: whsec_{TOKEN}
  - name: sms
    url: twilio://${{twilio_url}}
    areas: [atlantis]
"""
    found = problems(raw, config)
    assert found == [
        "channels.yml:3:10: channels[0].url: expected an Apprise URL like slack://…, mastodons://… or json://…; "
        "found text without a scheme://",
        "channels.yml:4:11: channels[1].name: expected a name used once; found 'noc-slack' again (also channels[0])",
        "channels.yml:6:13: channels[1].secret: expected no secret: it signs webhooks, and an Apprise URL carries its "
        "own; found one",
        "channels.yml:8:14: channels[2].webhook: expected an https address (http only to 127.0.0.1, for tests); "
        "found http://partner.example",
        "channels.yml:9:13: channels[2].secret: expected a Standard Webhooks secret: whsec_ then base64 of 24 to 64 "
        "random bytes; found not base64",
        "channels.yml:11:10: channels[3].url: expected placeholders written ${LIKE_THIS} (capitals, digits, _); "
        "found '${twilio_url'",
        "channels.yml:12:13: channels[3].areas[0]: expected an area id from status.yml (beverly, castle-downs, "
        "clareview, lauderdale, mill-woods, st-albert, sturgeon-county); found 'atlantis'",
    ]
    assert not any(TOKEN in line or SECRET in line for line in found)


def test_placeholders_come_from_the_environment_and_a_missing_one_fails_only_its_channel(config) -> None:
    (channel,) = load_channels(
        b"channels:\n  - {name: hook, webhook: 'https://${HOOK_HOST}/in/${HOOK_PATH}', secret: '${HOOK_SECRET}'}\n",
        "OUTAGE_CHANNELS",
        config,
    )
    environ = {"HOOK_HOST": "partner.example", "HOOK_PATH": "abc123token", "HOOK_SECRET": SECRET}
    target = resolve(channel, environ)
    assert (target.webhook, target.secret) == ("https://partner.example/in/abc123token", SECRET)
    assert "abc123token" in secret_parts(target) and SECRET in secret_parts(target)
    with pytest.raises(ChannelError) as caught:
        resolve(channel, {**environ, "HOOK_SECRET": ""})
    assert str(caught.value) == (
        "OUTAGE_CHANNELS channels[0].secret: expected the environment variable HOOK_SECRET to be set (a CI secret "
        "given to this step); found it unset or empty"
    )
    with pytest.raises(ChannelError) as caught:
        resolve(channel, {**environ, "HOOK_SECRET": "not-a-secret"})
    assert "channels[0].secret: expected a Standard Webhooks secret" in str(caught.value)
    assert "not-a-secret" not in str(caught.value)


def test_status_yml_and_the_file_may_not_use_one_name_twice(tmp_path: Path) -> None:
    root = tmp_path / "status"
    root.mkdir()
    text = (ROOT / "status.yml").read_text(encoding="utf-8")
    (root / "status.yml").write_text(text + "channels:\n  - {name: noc, url: '${NOC_URL}'}\n", encoding="utf-8")
    shutil.copytree(ROOT / "incidents", root / "incidents")
    config = load_config(root)
    assert [c.name for c in config.channels] == ["noc"]
    with pytest.raises(NotifyError) as caught:
        all_channels(config, {"OUTAGE_CHANNELS": "channels:\n  - {name: noc, url: 'json://127.0.0.1/x'}\n"})
    assert str(caught.value) == (
        "OUTAGE_CHANNELS: channels[0].name: expected a name not used in status.yml; found 'noc' again "
        "(also status.yml channels[0])"
    )


def test_outage_channels_check_names_each_channel_and_never_its_url(tmp_path: Path) -> None:
    channels = tmp_path / "channels.yml"
    channels.write_text(
        f"channels:\n  - name: noc-slack\n    url: slack://T0AAAAAAA/B0AAAAAAA/{SLACK_TOKEN}/#noc\n"
        f"  - name: toots\n    url: mastodons://{TOKEN}@mastodon.example\n    impact: major\n"
        f"  - name: partner\n    webhook: https://partner.example/hook\n    secret: ${{PARTNER_SECRET}}\n"
        f"    services: [business]\n    kinds: [incidents]\n",
        encoding="utf-8",
    )
    env = {"OUTAGE_CHANNELS_FILE": str(channels), "OUTAGE_CHANNELS": None, "PARTNER_SECRET": SECRET}
    code, output = cli("channels", "check", "--root", str(ROOT), env=env)
    assert code == 0, output
    assert output.splitlines() == [
        f"noc-slack ({channels}): Slack, chat of up to 35000 characters; incidents, maintenance",
        f"toots ({channels}): Mastodon, short posts of up to 500 characters; incidents, maintenance; impact major and up",
        f"partner ({channels}): signed webhook; incidents; services business",
        "ok: 3 channel(s)",
    ]
    code, output = cli("channels", "check", "--root", str(ROOT), env={**env, "PARTNER_SECRET": None})
    assert code == 1
    assert "partner: " in output and "PARTNER_SECRET to be set" in output
    assert "1 of 3 channel(s) cannot be used" in output
    assert TOKEN not in output and SECRET not in output and SLACK_TOKEN not in output


def test_a_url_apprise_does_not_know_is_refused_by_its_scheme_only(tmp_path: Path) -> None:
    env = {
        "OUTAGE_CHANNELS": f"channels:\n  - name: pager\n    url: pagerz://{TOKEN}@x\n",
        "OUTAGE_CHANNELS_FILE": None,
    }
    code, output = cli("channels", "check", "--root", str(ROOT), env=env)
    assert code == 1
    assert (
        "outage: pager: OUTAGE_CHANNELS channels[0].url: expected an Apprise URL Apprise can use; found a pagerz:// "
        "URL it refused"
    ) in output
    assert TOKEN not in output
    env["OUTAGE_CHANNELS"] = f"channels:\n  - name: noc\n    url: slack://{TOKEN}/B0/C0/#noc\n"
    code, output = cli("channels", "check", "--root", str(ROOT), env=env)
    assert code == 1
    assert "found a slack:// URL it refused (Could not load Slack URL: <the URL>)" in output
    assert TOKEN not in output and f"{TOKEN[0]}...{TOKEN[-1]}" not in output  # not even Apprise's "private" form


def test_no_channels_is_not_an_error(tmp_path: Path) -> None:
    code, output = cli(
        "channels", "check", "--root", str(ROOT), env={"OUTAGE_CHANNELS": None, "OUTAGE_CHANNELS_FILE": None}
    )
    assert code == 0 and output.startswith("no channels:")


# --- filters ------------------------------------------------------------------------------


def post(topic: str = "incidents", *, services=("internet",), areas=("clareview",), impact=Impact.MAJOR,
         kind: str = "issue") -> Post:  # fmt: skip
    at = parse_time("2026-11-22 10:30", load_config(ROOT).timezone)
    return Post("i/u", "i", "u", "Title", "identified", at, topic, frozenset(services), frozenset(areas),
                impact, kind=kind)  # fmt: skip


@pytest.mark.parametrize(
    ("channel", "item", "wanted"),
    [
        (Channel("all"), post(), True),
        (Channel("all"), post("bulletins"), False),  # bulletins only when asked for
        (Channel("b", kinds=frozenset({"bulletins"})), post("bulletins"), True),
        (Channel("m", kinds=frozenset({"maintenance"})), post(), False),
        (Channel("s", services=frozenset({"phone"})), post(), False),
        (Channel("s", services=frozenset({"phone", "internet"})), post(), True),
        (Channel("a", areas=frozenset({"st-albert"})), post(), False),
        (Channel("a", areas=frozenset({"clareview"})), post(), True),
        (Channel("i", impact=Impact.CRITICAL), post(), False),
        (Channel("i", impact=Impact.MAJOR), post(), True),
        (Channel("i", impact=Impact.MAJOR), post(impact=Impact.MINOR), False),
        (Channel("i", impact=Impact.MAJOR), post(impact=None), False),
        (Channel("i", impact=Impact.CRITICAL), post("maintenance", impact=None), True),  # chosen by kinds
        (Channel("i", impact=Impact.CRITICAL), post(impact=Impact.MINOR, kind="withdrawal"), True),  # if it had it
    ],
)
def test_what_a_channel_wants(channel: Channel, item: Post, wanted: bool) -> None:
    assert wants(channel, item) is wanted


def test_secret_parts_cover_what_a_log_could_show() -> None:
    target = Target(
        Channel("x"), url="matrix://status:pa55word@matrix.example/#outages?token=abcdef123456", values=("pa55word",)
    )
    parts = secret_parts(target)
    assert "pa55word" in parts and "status:pa55word" in parts and "abcdef123456" in parts
    assert "outages" not in parts and "matrix.example" not in parts  # words that say which channel it is


# --- the README's examples work as written ----------------------------------------------------


def readme_block(after: str) -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    start = text.index("```yaml\n", text.index(after)) + len("```yaml\n")
    return text[start : text.index("```", start)]


@pytest.mark.parametrize(
    ("heading", "service"), [("**Add a Slack channel.**", "Slack"), ("**Add a Mastodon account.**", "Mastodon")]
)
def test_the_readmes_two_line_channels_work(config, heading: str, service: str) -> None:
    block = readme_block(heading)
    assert len(block.splitlines()) == 2
    (channel,) = load_channels(("channels:\n" + block).encode(), "README.md", config)
    from generator.delivery.push import service_for

    assert service_for(resolve(channel, {})).name == service


def test_the_readmes_channels_file_and_the_example_file_check(tmp_path: Path) -> None:
    readme = tmp_path / "channels.yml"
    readme.write_text(readme_block("### The channels file"), encoding="utf-8")
    for path in (readme, ROOT / "examples/channels.example.yml"):
        env = {"OUTAGE_CHANNELS_FILE": str(path), "OUTAGE_CHANNELS": None, "PARTNER_NOC_SECRET": SECRET}
        code, output = cli("channels", "check", "--root", str(ROOT), env=env)
        assert code == 0, output


def test_without_channels_send_does_nothing_and_needs_nothing(tmp_path: Path) -> None:
    env = {"OUTAGE_CHANNELS": "", "OUTAGE_CHANNELS_FILE": None}
    args = [
        "channels",
        "send",
        "--root",
        str(ROOT),
        "--ledger",
        str(tmp_path / "none.json"),
        "--now",
        "2026-11-22 12:00",
    ]
    code, output = cli(*args, env=env)
    assert (code, output) == (0, 'no channels: nothing to send (README, "Reaching people")\n')
    assert not (tmp_path / "none.json").exists()
