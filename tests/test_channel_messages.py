"""The words of a post: within each service's length as Apprise enforces it, whole sentences, the link kept,
state-true, rendered from the incident as of its update.

Limits come from Apprise's own plugins (``body_maxlen``, ``title_maxlen``), not
from numbers copied here: Bluesky 280 (under Bluesky's 300 graphemes), Mastodon
500 less the mentions in its URL, a Twilio text message 160, Teams 1000.
"""

from __future__ import annotations

import shutil
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import apprise
import pytest
from channel_example import OPEN_ID, ROOT, cli
from fake_services import running_services

from generator.delivery.channels import Target, resolve
from generator.delivery.posts import Post, _update_post, _withdrawal_post, reminder_posts
from generator.delivery.push import send, service_for
from generator.delivery.wording import Limits, Message, _sentences, compose
from generator.incidents.load import load_site
from generator.incidents.model import Channel, Site
from generator.incidents.times import parse_time
from generator.state.as_of import as_of
from generator.state.ledger import Issue, Withdrawal, new_ledger

SERVICES = {
    "bluesky": "bsky://northwind.bsky.social@app-password",
    "mastodon": "mastodon://token@127.0.0.1?to=@alice,@bob",  # two mentions: 12 characters less
    "sms": "twilio://ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa:tttttttttttttttttttttttttttttttt@15551234567/15557654321",
    "teams": "workflows://prod-00.westus.logic.azure.com:443/workflow/signature",
    "telegram": "tgram://123456789:ABCdefGHIjklMNOpqrSTUvwxYZ/-100123",
    "slack": "slack://T0N/B0O/XXXXXXXXXXXXXXXXXXXXXXXX/#outages",
}


def limits_of(url: str) -> Limits:
    return service_for(Target(Channel("x"), url=url)).limits


def test_the_limits_are_apprises() -> None:
    assert limits_of(SERVICES["bluesky"]) == Limits(body=280, title=0, short=True)
    assert limits_of(SERVICES["mastodon"]) == Limits(body=500 - len(" @alice @bob"), title=0, short=True)
    assert limits_of(SERVICES["sms"]) == Limits(body=160, title=0, short=True)
    assert limits_of(SERVICES["teams"]) == Limits(body=1000, title=250, short=False)
    assert limits_of(SERVICES["telegram"]) == Limits(body=4096, title=0, short=False)


@pytest.fixture(scope="module")
def site() -> Site:
    return load_site(ROOT)


def every_update_post(site: Site) -> list[Post]:
    return [_update_post(as_of(i, u), u, Issue(u.id)) for i in site.incidents for u in i.updates]


@pytest.mark.parametrize("service", ["bluesky", "mastodon", "sms"])
def test_every_short_post_of_the_example_fits_keeps_its_link_and_cuts_no_sentence(site: Site, service: str) -> None:
    limits = limits_of(SERVICES[service])
    for post in every_update_post(site):
        message = compose(post, site.config, limits)
        text = message.body
        assert message.title == ""  # Apprise would put a title on the body's first line
        assert len(text) <= limits.body, (post.key, len(text), text)
        link = "status.northwind.example" if service == "sms" else f"incidents/{post.incident}/#update-{post.update}"
        assert text.endswith(link), text
        assert text.startswith(post.title) or text.startswith(post.title[:20]), text
        said = _sentences(" ".join(post.source_update.message.split()))
        kept = [s for s in said if s in text]
        assert kept == said[: len(kept)], (text, said)  # sentences are left out from the end, whole


def test_a_long_message_keeps_whole_sentences_and_the_link_on_bluesky(site: Site) -> None:
    incident = site.incident(OPEN_ID)
    update = incident.updates[2]
    long = " ".join(f"Sentence number {n} says what crews are doing at the hub right now." for n in range(1, 30))
    edited = replace(update, message=long)
    incident = replace(incident, updates=(*incident.updates[:2], edited))
    post = _update_post(incident, edited, Issue(edited.id))
    text = compose(post, site.config, limits_of(SERVICES["bluesky"])).body
    assert len(text) <= 280
    assert "Sentence number 1 says what crews are doing at the hub right now." in text
    assert "Sentence number 2" not in text  # it would not fit whole: left out, not cut
    assert text.endswith(f"#update-{edited.id}")


def test_a_title_too_long_for_a_text_message_is_shortened_at_a_word_and_the_link_stays(site: Site) -> None:
    incident = site.incident(OPEN_ID)
    incident = replace(incident, title="Internet outage " + "in a very long list of neighbourhoods " * 8)
    post = _update_post(as_of(incident, incident.updates[0]), incident.updates[0], Issue(incident.updates[0].id))
    text = compose(post, site.config, limits_of(SERVICES["sms"])).body
    assert len(text) <= 160
    assert text.endswith("… status.northwind.example")
    assert text.startswith("Internet outage in a very long list")


def test_chat_messages_fit_teams_and_telegram_with_their_titles(site: Site) -> None:
    for service in ("teams", "telegram"):
        limits = limits_of(SERVICES[service])
        for post in every_update_post(site):
            message = compose(post, site.config, limits)
            if limits.title:
                assert len(message.title) <= limits.title and len(message.body) <= limits.body
            else:  # Apprise puts the title on the first line, then "\r\n"
                assert len(message.title) + 2 + len(message.body) <= limits.body


def test_a_chat_message_says_what_where_the_update_eta_next_update_and_link(site: Site) -> None:
    incident = site.incident(OPEN_ID)
    post = _update_post(incident, incident.latest, Issue(incident.latest.id))
    message = compose(post, site.config, limits_of(SERVICES["slack"]))
    assert message.title == "Internet outage in Clareview and Castle Downs"
    assert message.body.splitlines() == [
        "Identified — update of 10:30 a.m. MST, Nov 22",
        "Areas: Clareview, Castle Downs",
        "Services: Internet",
        "A circuit board in the hub's main router has failed. A replacement is being driven up from our Calgary "
        "depot and should arrive early this afternoon; once it is fitted we expect service back by about 3 p.m.",
        "Estimated restore: 3:00 p.m. MST",
        "Next update: by 1:00 p.m. MST",
        "Cause: A circuit board failed in the router at our north Edmonton hub that connects Clareview and Castle "
        "Downs to the rest of our network.",
        "Customers affected: about 6,000",
        f"https://status.northwind.example/incidents/{OPEN_ID}/#update-20261122-1730",
    ]
    assert message.notify_type == "failure"  # a major outage: red in Slack and Discord


def test_each_post_is_said_as_of_its_update(site: Site) -> None:
    """The first update knew no estimate and no cause: its post says neither, whatever came later."""
    incident = site.incident(OPEN_ID)
    first = incident.updates[0]
    post = _update_post(as_of(incident, first), first, Issue(first.id))
    body = compose(post, site.config, limits_of(SERVICES["slack"])).body
    assert "Investigating — update of 8:10 a.m. MST, Nov 22" in body
    assert "Next update: by 9:00 a.m. MST" in body
    assert "Estimated restore" not in body and "Cause" not in body and "Customers" not in body


def test_a_passed_estimate_is_never_stated_and_a_resolved_post_promises_nothing(tmp_path: Path) -> None:
    root = tmp_path / "status"
    shutil.copytree(ROOT / "incidents", root / "incidents")
    shutil.copy(ROOT / "status.yml", root / "status.yml")
    late = [
        "update",
        OPEN_ID,
        "--root",
        str(root),
        "--now",
        "2026-11-22 15:20",
        "--message",
        "Crews are still at work.",
    ]
    assert cli(*late)[0] == 0
    done = ["resolve", OPEN_ID, "--root", str(root), "--now", "2026-11-22 16:05", "--message", "Service is back."]
    assert cli(*done)[0] == 0
    site = load_site(root)
    incident = site.incident(OPEN_ID)
    limits = limits_of(SERVICES["slack"])
    late_post, resolved = (_update_post(as_of(incident, u), u, Issue(u.id)) for u in incident.updates[-2:])
    late_body = compose(late_post, site.config, limits).body
    assert "Estimated restore" not in late_body  # 3 p.m. had passed at 3:20
    resolved_message = compose(resolved, site.config, limits)
    assert resolved_message.body.startswith("Resolved — update of 4:05 p.m. MST, Nov 22\n")
    assert "Next update" not in resolved_message.body and "Estimated restore" not in resolved_message.body
    assert resolved_message.notify_type == "success"


def test_a_correction_and_a_withdrawal_say_so_first(site: Site) -> None:
    incident = site.incident(OPEN_ID)
    update = incident.latest
    issued = parse_time("2026-11-22 12:30", site.config.timezone)
    post = _update_post(incident, update, Issue(update.id, 2, issued))
    chat = compose(post, site.config, limits_of(SERVICES["slack"]))
    assert chat.title == "Correction: Internet outage in Clareview and Castle Downs"
    assert chat.body.startswith("This corrects our update of 10:30 a.m. MST, Nov 22.\nIdentified — ")
    short = compose(post, site.config, limits_of(SERVICES["bluesky"])).body
    assert short.startswith("Correction to our update of 10:30 a.m. MST, Nov 22: Internet outage in Clareview")
    gone = Withdrawal(OPEN_ID, update.id, update.at, incident.title, "identified", True, ("internet",),
                      ("clareview",), 1, update.at, issued)  # fmt: skip
    withdrawal = _withdrawal_post(gone)
    chat = compose(withdrawal, site.config, limits_of(SERVICES["slack"]))
    assert chat.title == "Withdrawn: Internet outage in Clareview and Castle Downs — update of 10:30 a.m. MST, Nov 22"
    assert chat.body.startswith("Our update of 10:30 a.m. MST, Nov 22 about Internet outage in Clareview")
    assert "please disregard it" in chat.body
    short = compose(withdrawal, site.config, limits_of(SERVICES["sms"])).body
    assert short.startswith("Withdrawn — Our update of 10:30 a.m. MST, Nov 22") and len(short) <= 160


def test_reminders_say_when_the_work_is_whenever_they_are_sent(site: Site) -> None:
    ledger = new_ledger(site.config.site_url)
    work = next(i for i in site.incidents if i.id == "2026-11-19-lauderdale-beverly-core-router-upgrade")
    ledger.entries[f"{work.id}/{work.latest.id}"] = {}
    offsets = (timedelta(hours=72), timedelta(hours=24), timedelta(0))
    late = parse_time("2026-12-02 09:00", site.config.timezone)  # the 24 h reminder, sent eight hours late
    (post,) = reminder_posts(site, ledger, late, offsets)
    message = compose(post, site.config, limits_of(SERVICES["slack"]))
    assert message.title == "Reminder: Core router upgrade for Lauderdale and Beverly"
    assert message.body.splitlines()[0] == (
        "Planned work: Core router upgrade for Lauderdale and Beverly, Thursday, December 3, 2026, "
        "1:00 a.m. MST to 5:00 a.m. MST."
    )
    opened = parse_time("2026-12-03 01:20", site.config.timezone)
    (post,) = reminder_posts(site, ledger, opened, offsets)
    body = compose(post, site.config, limits_of(SERVICES["bluesky"])).body
    assert body.startswith(
        "Reminder — The window for planned work opened at 1:00 a.m. MST, Dec 3: Core router upgrade for "
        "Lauderdale and Beverly, planned to end by 5:00 a.m. MST."
    )
    assert len(body) <= 280


def test_apprise_sends_the_post_as_composed_and_cuts_nothing(site: Site) -> None:
    """The post is within Bluesky's limit as Apprise measures it, so even told to truncate, Apprise sends it whole."""
    incident = site.incident(OPEN_ID)
    post = _update_post(incident, incident.latest, Issue(incident.latest.id))
    with running_services() as services:
        for url in (SERVICES["bluesky"], SERVICES["bluesky"] + "?overflow=truncate"):
            target = resolve(Channel("bluesky", url=url), {})
            service = service_for(target)
            message = compose(post, site.config, service.limits)
            assert send(service, target, message) is None
            (received,) = services.posts("pds.example")[-1:]
            assert received.text == message.body and len(received.text) <= 280
    assert isinstance(message, Message) and apprise.__version__
