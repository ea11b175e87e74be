"""``outage notify``: bulletins owed by email, bookkept in the ledger, through a real SMTP server on 127.0.0.1.

The example site is built twice with a ledger: once at noon (and every
recipient received what was current then), and again after an update to the
open incident. Only that update's bulletin is owed. No test touches any address
other than 127.0.0.1, and no address may appear in what notify prints.
"""

from __future__ import annotations

import http.server
import json
import shutil
import smtplib
import socket
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword
from click.testing import CliRunner

from generator.cli import main
from generator.delivery import retry
from generator.delivery.errors import NotifyError
from generator.delivery.notify import key_of, prepare
from generator.delivery.owed import record
from generator.delivery.published import fetch
from generator.delivery.recipients import load_recipients
from generator.delivery.smtp import _transient, smtp_settings
from generator.incidents.load import load_config
from generator.incidents.times import parse_time
from generator.state.ledger import read_ledger, write_ledger

ROOT = Path(__file__).resolve().parent.parent
OPEN_ID = "2026-11-22-clareview-castle-downs-internet-outage"
NEW_ID = f"{OPEN_ID}/20261122-1940"  # the update of 12:40 p.m. MST, by its identity
HOST = "status.northwind.example"
SUBJECT = "Northwind Broadband: Internet outage in Clareview and Castle Downs — update of 12:40 p.m. MST"

RECIPIENTS = """\
newsrooms:            # receive radio + press
  - {name: CKNW News, email: news@radio.example}
  - {name: Northern Gazette, email: desk@gazette.example, areas: [st-albert]}
  - {name: Castle Radio, email: news@castle-radio.example, areas: [castle-downs, lauderdale]}
technical:            # receive the notice
  - {name: Acme IT, email: noc@acme.example, services: [business], areas: [castle-downs]}
  - {name: Beta NOC, email: noc@beta.example, services: [internet], areas: [clareview]}
  - {name: Phone Only Ltd, email: it@phone.example, services: [phone]}
"""
# The new bulletin is about internet in Clareview and Castle Downs.
EXPECTED = {
    "news@radio.example": "newsroom",
    "news@castle-radio.example": "newsroom",
    "noc@beta.example": "technical",
}


# --- a real SMTP server on loopback -----------------------------------------


@dataclass
class Received:
    mail_from: str
    rcpt_tos: list[str]
    data: bytes

    @property
    def message(self) -> EmailMessage:
        # Stored with the local line ends, as a mailbox does (SMTP carries CRLF).
        parsed = message_from_bytes(self.data.replace(b"\r\n", b"\n"), policy=policy.default)
        assert isinstance(parsed, EmailMessage)
        return parsed


@dataclass
class Recorder:
    """An aiosmtpd handler that keeps every message, and refuses or delays recipients on request."""

    received: list[Received] = field(default_factory=list)
    refuse: set[str] = field(default_factory=set)
    """Recipients answered 550 (permanent)."""
    busy: dict[str, int] = field(default_factory=dict)
    """Recipients answered 451 (try again later) this many times first."""
    connections: int = 0
    port: int = 0
    logins: list[tuple[str, bool]] = field(default_factory=list)
    """(user, accepted) for each login."""

    def authenticate(self, server, session, envelope, mechanism, auth_data) -> AuthResult:
        ok = isinstance(auth_data, LoginPassword) and (auth_data.login, auth_data.password) == (b"bulletins", b"s3cret")
        self.logins.append((auth_data.login.decode(), ok))
        return AuthResult(success=ok, handled=False)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            return f"550 5.1.1 <{address}>: mailbox unavailable"
        if self.busy.get(address):
            self.busy[address] -= 1
            return "451 4.3.0 try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.received.append(Received(envelope.mail_from, list(envelope.rcpt_tos), envelope.content))
        return "250 Message accepted for delivery"

    def to(self, address: str) -> list[Received]:
        return [r for r in self.received if r.rcpt_tos == [address]]


class CountingController(Controller):
    def factory(self):
        self.handler.connections += 1
        return super().factory()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp() -> Iterator[Recorder]:
    recorder = Recorder(port=free_port())
    controller = CountingController(
        recorder, hostname="127.0.0.1", port=recorder.port, server_hostname="localhost",
        authenticator=recorder.authenticate, auth_require_tls=False,  # plain text on loopback only
    )  # fmt: skip
    controller.start()
    recorder.connections = 0  # start() connects once to check the server is up
    try:
        yield recorder
    finally:
        controller.stop()


@pytest.fixture(autouse=True)
def no_waiting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(retry, "RETRY_DELAYS", (0.0, 0.0))


# --- the two builds ---------------------------------------------------------


@dataclass(frozen=True)
class Builds:
    root: Path
    previous: Path
    site: Path
    ledger: Path
    """The ledger after both builds; every recipient had what was current at noon."""


def cli(*args: str, env: dict[str, str | None] | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), env=env)
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> Builds:
    base = tmp_path_factory.mktemp("notify")
    root = base / "status"
    root.mkdir()
    for name in ("status.yml", "incidents", "site_template"):
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, root / name)
    ledger = base / "ledger.json"
    assert cli("ledger", "init", "--root", str(root), "--now", "2026-11-22 11:00", "--ledger", str(ledger))[0] == 0
    code, output = cli(
        "build", "--root", str(root), "--now", "2026-11-22 12:00", "--site-dir", str(base / "previous"),
        "--ledger", str(ledger),
    )  # fmt: skip
    assert code == 0, output
    delivered_at_noon(root, base / "previous", ledger)
    code, output = cli(
        "update", OPEN_ID, "--root", str(root), "--now", "2026-11-22 12:40",
        "--message", "The replacement board has arrived and is being fitted.", "--eta", "15:00", "--next-update", "14:00",
    )  # fmt: skip
    assert code == 0, output
    code, output = cli(
        "build", "--root", str(root), "--now", "2026-11-22 12:45", "--site-dir", str(base / "site"),
        "--ledger", str(ledger),
    )  # fmt: skip
    assert code == 0, output
    return Builds(root, base / "previous", base / "site", ledger)


def delivered_at_noon(root: Path, site: Path, ledger: Path, when: str = "2026-11-22 12:00") -> None:
    """Record in the ledger what notify would have sent (at noon): each recipient got what was owed then."""
    config = load_config(root)
    moment = parse_time(when, config.timezone)
    book = read_ledger(ledger, config.site_url)
    for delivery in prepare(config, site, book, {"OUTAGE_RECIPIENTS": RECIPIENTS}, moment).deliveries:
        record(book, delivery.bulletin, key_of(delivery), moment)
    write_ledger(ledger, book)


@pytest.fixture
def recipients(tmp_path: Path) -> Path:
    path = tmp_path / "recipients.yml"
    path.write_text(RECIPIENTS, encoding="utf-8")
    return path


def environment(smtp: Recorder | None, recipients: Path | None, **extra: str) -> dict[str, str | None]:
    """Every variable notify reads, set for the test (None: unset), whatever the machine has."""
    env: dict[str, str | None] = {
        "OUTAGE_RECIPIENTS_FILE": str(recipients) if recipients else None,
        "OUTAGE_RECIPIENTS": None,
        "OUTAGE_SMTP_HOST": "127.0.0.1" if smtp else None,
        "OUTAGE_SMTP_PORT": str(smtp.port) if smtp else None,
        "OUTAGE_SMTP_SECURITY": "none",
        "OUTAGE_SMTP_USER": None,
        "OUTAGE_SMTP_PASSWORD": None,
        "OUTAGE_SMTP_FROM": None,
        "OUTAGE_SMTP_PAUSE": "0",
        "GITHUB_ACTIONS": None,
    }
    env.update(extra)
    return env


def run_notify(builds: Builds, env: dict[str, str | None], *extra: str, ledger: Path | None = None) -> tuple[int, str]:
    """Notify the second build; ``ledger``: the ledger to use (default: a fresh copy of the builds' ledger)."""
    if ledger is None:
        ledger = Path(tempfile.mkdtemp()) / "ledger.json"
        shutil.copy(builds.ledger, ledger)
    args = ["notify", "--root", str(builds.root), "--site-dir", str(builds.site), "--ledger", str(ledger)]
    return cli(*args, *extra, env=env)


def bulletin_file(builds: Builds, name: str) -> str:
    return (builds.site / "bulletins" / NEW_ID / name).read_text(encoding="utf-8")


# --- what is sent, to whom --------------------------------------------------


def test_only_the_new_bulletin_goes_to_each_matching_recipient(
    builds: Builds, smtp: Recorder, recipients: Path
) -> None:
    previous = json.loads((builds.previous / "bulletins/index.json").read_text(encoding="utf-8"))
    current = json.loads((builds.site / "bulletins/index.json").read_text(encoding="utf-8"))
    assert {b["id"] for b in current["bulletins"]} - {b["id"] for b in previous["bulletins"]} == {NEW_ID}

    code, output = run_notify(builds, environment(smtp, recipients))

    assert code == 0, output
    assert "sent 3 message(s) for 1 bulletin(s)" in output
    assert sorted(r.rcpt_tos[0] for r in smtp.received) == sorted(EXPECTED)
    assert all(len(r.rcpt_tos) == 1 for r in smtp.received)
    kinds = {r.rcpt_tos[0]: r.message["Message-ID"].rsplit("-", 1)[1].split("@")[0] for r in smtp.received}
    assert kinds == EXPECTED
    # Limited to an unrelated area, or to a service the incident does not touch: nothing.
    for address in ("desk@gazette.example", "noc@acme.example", "it@phone.example"):
        assert not smtp.to(address)
        assert address not in output


def test_headers_and_bodies(builds: Builds, smtp: Recorder, recipients: Path) -> None:
    code, output = run_notify(builds, environment(smtp, recipients))
    assert code == 0, output
    radio, press, notice = (bulletin_file(builds, name) for name in ("radio.txt", "press.txt", "notice.txt"))
    assert radio.startswith("SLUG: NORTHWIND OUTAGE")

    newsroom = smtp.to("news@radio.example")[0]
    assert newsroom.mail_from == "media@northwind.example"
    message = newsroom.message
    assert message["Subject"] == SUBJECT
    assert message["Message-ID"] == f"<bulletin-{OPEN_ID}-20261122-1940-newsroom@{HOST}>"
    assert message["From"] == "Northwind Broadband <media@northwind.example>"
    assert message["To"] == "CKNW News <news@radio.example>"
    assert message["Date"] == "Sun, 22 Nov 2026 12:40:00 -0700"  # the update's time, not the clock
    assert message["Auto-Submitted"] == "auto-generated"
    assert message.get_content_type() == "text/plain"
    assert message.get_content_charset() == "utf-8"
    body = message.get_content()
    assert body.startswith(radio.splitlines()[0] + "\n")
    assert body.startswith(radio.rstrip("\n") + "\n\n" + press.rstrip("\n") + "\n\n-- \n")  # radio script first
    assert f"https://{HOST}/bulletins/{NEW_ID}/" in body

    technical = smtp.to("noc@beta.example")[0].message
    assert technical["Subject"] == SUBJECT
    assert technical["Message-ID"] == f"<bulletin-{OPEN_ID}-20261122-1940-technical@{HOST}>"
    assert technical["To"] == "Beta NOC <noc@beta.example>"
    assert technical["Reply-To"] == "support@northwind.example"
    body = technical.get_content()
    assert (
        body.splitlines()[0]
        == notice.splitlines()[0]
        == ("Northwind Broadband service notice: Internet outage in Clareview and Castle Downs")
    )
    assert body.startswith(notice.rstrip("\n") + "\n\n-- \n")
    assert "SLUG" not in body and "FOR IMMEDIATE RELEASE" not in body


def test_the_sender_comes_from_the_environment(builds: Builds, smtp: Recorder, recipients: Path) -> None:
    env = environment(smtp, recipients, OUTAGE_SMTP_FROM="Northwind status <status@northwind.example>")
    code, output = run_notify(builds, env)
    assert code == 0, output
    assert {r.mail_from for r in smtp.received} == {"status@northwind.example"}
    assert {r.message["From"] for r in smtp.received} == {"Northwind status <status@northwind.example>"}
    assert smtp.to("news@radio.example")[0].message["Reply-To"] == "media@northwind.example"


def test_running_again_sends_nothing_more(builds: Builds, smtp: Recorder, recipients: Path, tmp_path: Path) -> None:
    ledger = tmp_path / "ledger.json"
    shutil.copy(builds.ledger, ledger)
    assert run_notify(builds, environment(smtp, recipients), ledger=ledger)[0] == 0
    assert len(smtp.received) == 3
    code, output = run_notify(builds, environment(smtp, recipients), ledger=ledger)
    assert code == 0, output
    assert "nothing owed: 16 bulletin(s) in the build, all delivered" in output
    assert len(smtp.received) == 3 and smtp.connections == 1


def test_on_github_actions_the_addresses_are_masked_in_the_log(
    builds: Builds, smtp: Recorder, recipients: Path
) -> None:
    code, output = run_notify(builds, environment(smtp, recipients, GITHUB_ACTIONS="true"))
    assert code == 0, output
    lines = output.splitlines()
    masks = [line for line in lines if line.startswith("::add-mask::")]
    assert len(masks) == 6 and "::add-mask::desk@gazette.example" in masks
    assert lines[: len(masks)] == masks
    # No line but the masks shows an address: recipients are named by their entry and a masked address.
    for line in lines[len(masks) :]:
        assert "@radio.example" not in line and "@beta.example" not in line, line
    assert (
        "sent 2026-11-22-clareview-castle-downs-internet-outage/20261122-1940@r1 to newsrooms[0] CKNW News <n***@r***.example>"
        in output
    )


def test_the_recipients_can_be_the_content_of_a_variable(builds: Builds, smtp: Recorder) -> None:
    env = environment(smtp, None, OUTAGE_RECIPIENTS=RECIPIENTS)
    code, output = run_notify(builds, env)
    assert code == 0, output
    assert sorted(r.rcpt_tos[0] for r in smtp.received) == sorted(EXPECTED)


# --- failures ---------------------------------------------------------------


def test_a_refused_recipient_stays_owed_the_others_still_receive_and_the_next_run_sends_it(
    builds: Builds, smtp: Recorder, recipients: Path, tmp_path: Path
) -> None:
    ledger = tmp_path / "ledger.json"
    shutil.copy(builds.ledger, ledger)
    smtp.refuse.add("news@radio.example")
    code, output = run_notify(builds, environment(smtp, recipients), ledger=ledger)
    assert code == 1
    assert (
        f"outage: not sent: {NEW_ID}@r1 to newsrooms[0] CKNW News <n***@r***.example>: n***@r***.example refused: "
        "550 5.1.1 <n***@r***.example>: mailbox unavailable"
    ) in output
    assert "news@radio.example" not in output
    assert (
        "outage: 1 of 3 message(s) not sent (1 bulletin(s)); they stay owed in the ledger and go with the next run"
    ) in output
    assert sorted(r.rcpt_tos[0] for r in smtp.received) == ["news@castle-radio.example", "noc@beta.example"]
    smtp.refuse.clear()  # the address is fixed: the next run sends what is still owed, and only that
    code, output = run_notify(builds, environment(smtp, recipients), ledger=ledger)
    assert code == 0, output
    assert "sent 1 message(s) for 1 bulletin(s)" in output
    assert [r.rcpt_tos[0] for r in smtp.received[2:]] == ["news@radio.example"]


def test_a_transient_refusal_is_retried(builds: Builds, smtp: Recorder, recipients: Path) -> None:
    smtp.busy["noc@beta.example"] = 2
    code, output = run_notify(builds, environment(smtp, recipients))
    assert code == 0, output
    assert output.count(f"retrying {NEW_ID}@r1 to technical[1] Beta NOC <n***@b***.example>") == 2
    assert len(smtp.to("noc@beta.example")) == 1
    smtp.busy["noc@beta.example"] = 3  # three tries at most
    code, output = run_notify(builds, environment(smtp, recipients))
    assert code == 1
    assert f"not sent: {NEW_ID}@r1 to technical[1] Beta NOC <n***@b***.example>" in output
    assert "451 4.3.0 try again later" in output


def test_login_with_user_and_password(builds: Builds, smtp: Recorder, recipients: Path) -> None:
    env = environment(smtp, recipients, OUTAGE_SMTP_USER="bulletins", OUTAGE_SMTP_PASSWORD="wrong")
    code, output = run_notify(builds, env)
    assert code == 1
    assert "outage: 127.0.0.1 refused the login for OUTAGE_SMTP_USER 'bulletins': 535" in output
    assert "0 of 3 messages were sent, 3 were not" in output
    assert "wrong" not in output
    assert not smtp.received
    env = environment(smtp, recipients, OUTAGE_SMTP_USER="bulletins", OUTAGE_SMTP_PASSWORD="s3cret")
    code, output = run_notify(builds, env)
    assert code == 0, output
    assert len(smtp.received) == 3
    assert smtp.logins[-1] == ("bulletins", True)


def test_a_server_that_cannot_be_reached_fails_after_retries(builds: Builds, recipients: Path) -> None:
    env = environment(None, recipients, OUTAGE_SMTP_HOST="127.0.0.1", OUTAGE_SMTP_PORT=str(free_port()))
    code, output = run_notify(builds, env)
    assert code == 1
    assert "outage: cannot reach 127.0.0.1:" in output
    assert "0 of 3 messages were sent, 3 were not" in output


def test_a_malformed_recipients_file_is_located_before_any_connection(
    builds: Builds, smtp: Recorder, tmp_path: Path
) -> None:
    path = tmp_path / "recipients.yml"
    path.write_text(
        "newsrooms:\n"
        "  - {name: CKNW News, email: news@radio.example, area: [castle-downs]}\n"
        "  - {name: Gazette, email: desk at gazette.example}\n"
        "technical:\n"
        "  - {name: Acme IT, email: noc@acme.example, areas: [castle-down]}\n",
        encoding="utf-8",
    )
    code, output = run_notify(builds, environment(smtp, path))
    assert code == 1
    assert output.splitlines() == [
        f"{path}:2:50: newsrooms[0].area: expected one of the keys name, email, services, areas, language; "
        "found the unknown key 'area' (did you mean 'areas'?)",
        f"{path}:3:28: newsrooms[1].email: expected an email address like news@radio.example; "
        "found 'desk at gazette.example'",
        f"{path}:5:54: technical[0].areas[0]: expected an area id from status.yml (beverly, castle-downs, "
        "clareview, lauderdale, mill-woods, st-albert, sturgeon-county); found 'castle-down'",
        "3 errors in 1 file",
    ]
    assert smtp.connections == 0
    assert not smtp.received


FRENCH_RECIPIENTS = """\
newsrooms:
  - {name: CKNW News, email: news@radio.example}
  - {name: Radio-Canada Edmonton, email: nouvelles@ici.example, language: fr}
technical:
  - {name: Clinique Beta, email: ti@beta.example, services: [internet], language: fr}
"""


def test_a_recipient_in_french_gets_the_french_bulletins_in_french(
    builds: Builds, smtp: Recorder, tmp_path: Path
) -> None:
    path = tmp_path / "recipients.yml"
    path.write_text(FRENCH_RECIPIENTS, encoding="utf-8")
    code, output = run_notify(builds, environment(smtp, path))
    assert code == 0, output
    assert "sent 3 message(s) for 1 bulletin(s)" in output
    french = builds.site / "fr" / "bulletins" / NEW_ID
    radio, press, notice = (
        (french / name).read_text(encoding="utf-8") for name in ("radio.txt", "press.txt", "notice.txt")
    )
    assert radio.startswith("SUJET")
    desk = smtp.to("nouvelles@ici.example")[0].message
    assert desk["Subject"] == (
        "Northwind Broadband\u00a0: Panne d'Internet à Clareview et à Castle Downs — mise à jour de 12 h 40 HNR"
    )
    assert desk["Content-Language"] == "fr"
    # Its own Message-ID: the English message of the same bulletin is another message.
    assert desk["Message-ID"] == f"<bulletin-{OPEN_ID}-20261122-1940-newsroom-fr@{HOST}>"
    body = desk.get_content()
    assert body.startswith(radio.rstrip("\n") + "\n\n" + press.rstrip("\n") + "\n\n-- \n")
    assert "envoie ce message à une salle de nouvelles pour la mise à jour de 12 h 40 HNR" in body
    assert f"https://{HOST}/fr/bulletins/{NEW_ID}/" in body
    contact = smtp.to("ti@beta.example")[0].message
    assert contact.get_content().startswith(notice.rstrip("\n") + "\n\n-- \n")
    assert contact["Message-ID"] == f"<bulletin-{OPEN_ID}-20261122-1940-technical-fr@{HOST}>"
    # The English newsroom of the same file is served as before.
    english = smtp.to("news@radio.example")[0].message
    assert english["Subject"] == SUBJECT and english["Content-Language"] is None
    assert english.get_content().startswith(bulletin_file(builds, "radio.txt").rstrip("\n"))


def test_a_language_the_site_does_not_publish_is_located(builds: Builds, smtp: Recorder, tmp_path: Path) -> None:
    path = tmp_path / "recipients.yml"
    path.write_text("newsrooms:\n  - {name: CKNW News, email: news@radio.example, language: de}\n", encoding="utf-8")
    code, output = run_notify(builds, environment(smtp, path))
    assert code == 1
    assert output.splitlines()[0] == (
        f"{path}:2:60: newsrooms[0].language: expected one of status.yml's languages (en, fr); found 'de'"
    )
    assert smtp.connections == 0


def test_a_broken_recipients_yaml_and_missing_recipients(builds: Builds, smtp: Recorder, tmp_path: Path) -> None:
    path = tmp_path / "recipients.yml"
    path.write_text("newsrooms:\n  - {name: CKNW News, email: news@radio.example\n", encoding="utf-8")
    code, output = run_notify(builds, environment(smtp, path))
    assert code == 1
    assert output.startswith(f"{path}:")
    code, output = run_notify(builds, environment(smtp, None))
    assert code == 1
    assert "outage: no recipients: set OUTAGE_RECIPIENTS_FILE to a recipients file, or OUTAGE_RECIPIENTS" in output
    assert smtp.connections == 0


def test_nothing_is_sent_for_an_invalid_site(builds: Builds, smtp: Recorder, recipients: Path, tmp_path: Path) -> None:
    broken = tmp_path / "status"
    shutil.copytree(builds.root, broken)
    with (broken / "status.yml").open("a", encoding="utf-8") as file:
        file.write("colour: blue\n")
    code, output = cli(
        "notify", "--root", str(broken), "--site-dir", str(builds.site), "--ledger", str(builds.ledger),
        env=environment(smtp, recipients),
    )  # fmt: skip
    assert code == 1
    assert "status.yml:" in output and "unknown key 'colour'" in output
    assert smtp.connections == 0


def test_the_site_must_be_built_first(builds: Builds, smtp: Recorder, recipients: Path, tmp_path: Path) -> None:
    code, output = cli(
        "notify", "--root", str(builds.root), "--site-dir", str(tmp_path / "nowhere"), "--ledger", str(builds.ledger),
        env=environment(smtp, recipients),
    )  # fmt: skip
    assert code == 1
    assert f"outage: no bulletins/index.json in {tmp_path / 'nowhere'}: build the site first" in output
    assert smtp.connections == 0


def test_smtp_settings_are_required_and_plain_text_only_to_loopback(builds: Builds, recipients: Path) -> None:
    code, output = run_notify(builds, environment(None, recipients))
    assert code == 1
    assert (
        "outage: OUTAGE_SMTP_HOST is not set: set it to your mail server (or use --dry-run); nothing was sent" in output
    )
    # Refused before any connection: mail.example is never looked up.
    env = environment(None, recipients, OUTAGE_SMTP_HOST="mail.example", OUTAGE_SMTP_SECURITY="none")
    code, output = run_notify(builds, env)
    assert code == 1
    assert "allowed only for 127.0.0.1 and localhost" in output


def test_smtp_settings_defaults_and_checks() -> None:
    settings = smtp_settings({"OUTAGE_SMTP_HOST": "mail.example", "OUTAGE_SMTP_PORT": ""})
    assert (settings.port, settings.security, settings.pause, settings.user) == (587, "starttls", 1.0, "")
    assert smtp_settings({"OUTAGE_SMTP_HOST": "mail.example", "OUTAGE_SMTP_SECURITY": "ssl"}).port == 465
    bad = [
        {},
        {"OUTAGE_SMTP_HOST": "mail.example", "OUTAGE_SMTP_SECURITY": "tls"},
        {"OUTAGE_SMTP_HOST": "mail.example", "OUTAGE_SMTP_PORT": "smtp"},
        {"OUTAGE_SMTP_HOST": "mail.example", "OUTAGE_SMTP_USER": "me"},
        {"OUTAGE_SMTP_HOST": "mail.example", "OUTAGE_SMTP_PAUSE": "-1"},
    ]
    for environ in bad:
        with pytest.raises(NotifyError):
            smtp_settings(environ)
    assert "secret" not in repr(smtp_settings({"OUTAGE_SMTP_HOST": "h", "OUTAGE_SMTP_USER": "u",
                                                      "OUTAGE_SMTP_PASSWORD": "secret"}))  # fmt: skip


def test_which_errors_are_worth_another_try() -> None:
    assert _transient(smtplib.SMTPRecipientsRefused({"a@b.example": (451, b"later")}))
    assert not _transient(smtplib.SMTPRecipientsRefused({"a@b.example": (550, b"no")}))
    assert _transient(smtplib.SMTPDataError(421, b"closing"))
    assert not _transient(smtplib.SMTPDataError(554, b"rejected"))
    assert _transient(smtplib.SMTPServerDisconnected())
    assert _transient(ConnectionRefusedError())
    assert not _transient(smtplib.SMTPNotSupportedError())


# --- dry run, first publish, previous site over http ------------------------


def test_dry_run_prints_and_sends_and_records_nothing(
    builds: Builds, smtp: Recorder, recipients: Path, tmp_path: Path
) -> None:
    ledger = tmp_path / "ledger.json"
    shutil.copy(builds.ledger, ledger)
    code, output = run_notify(builds, environment(None, recipients), "--dry-run", ledger=ledger)
    assert code == 0, output
    assert "To: newsrooms[0] CKNW News <n***@r***.example>\n" in output
    assert f"Subject: {SUBJECT}\n" in output
    assert f"Message-ID: <bulletin-{OPEN_ID}-20261122-1940-technical@{HOST}>\n" in output
    assert "  | SLUG: NORTHWIND OUTAGE" in output
    assert output.rstrip().endswith("would send 3 message(s) for 1 bulletin(s); nothing was sent or recorded")
    assert smtp.connections == 0
    assert ledger.read_bytes() == builds.ledger.read_bytes()


def test_a_missing_ledger_is_an_error_and_a_first_publish_is_explicit(
    builds: Builds, smtp: Recorder, recipients: Path, tmp_path: Path
) -> None:
    missing = tmp_path / "ledger.json"
    code, output = run_notify(builds, environment(smtp, recipients), ledger=missing)
    assert code == 1 and f"outage: {missing}: no ledger there" in output
    assert smtp.connections == 0 and not missing.exists()
    # A first publish: every recipient is new and gets only what is current (one bulletin each that wants it).
    code, output = run_notify(builds, environment(smtp, recipients), "--first-publish", ledger=missing)
    assert code == 0, output
    assert "new recipient newsrooms[0] CKNW News: owed the current bulletins" in output
    assert sorted(r.rcpt_tos[0] for r in smtp.received) == sorted(EXPECTED)
    assert missing.is_file()


def test_send_all_sends_new_recipients_every_bulletin_oldest_first(
    builds: Builds, smtp: Recorder, recipients: Path, tmp_path: Path
) -> None:
    code, output = run_notify(builds, environment(smtp, recipients), "--first-publish", "--send-all",
                              ledger=tmp_path / "ledger.json")  # fmt: skip
    assert code == 0, output
    index = json.loads((builds.site / "bulletins/index.json").read_text(encoding="utf-8"))["bulletins"]
    entries = yaml_recipients()
    expected = sorted(
        (person["email"], f"<bulletin-{b['incident']}-{b['update']}-{kind}@{HOST}>")
        for b in index
        for kind, person in entries
        if set(person.get("services", b["services"])) & set(b["services"])
        and set(person.get("areas", b["areas"])) & set(b["areas"])
    )
    assert sorted((r.rcpt_tos[0], r.message["Message-ID"]) for r in smtp.received) == expected
    # Oldest first, so a newsroom reads them in order.
    dates = [r.message["Date"].datetime for r in smtp.received if r.rcpt_tos == ["news@radio.example"]]
    assert dates == sorted(dates) and len(dates) == 16


def yaml_recipients() -> list[tuple[str, dict]]:
    import yaml

    data = yaml.safe_load(RECIPIENTS)
    return [("newsroom", p) for p in data["newsrooms"]] + [("technical", p) for p in data["technical"]]


def test_an_unreadable_ledger_is_an_error_and_nothing_is_sent(
    builds: Builds, smtp: Recorder, recipients: Path, tmp_path: Path
) -> None:
    ledger = tmp_path / "ledger.json"
    ledger.write_text("{not json", encoding="utf-8")
    code, output = run_notify(builds, environment(smtp, recipients), ledger=ledger)
    assert code == 1 and "expected a ledger written by outage; found text that is not JSON" in output
    assert smtp.connections == 0


@pytest.fixture
def web() -> Iterator[tuple[int, dict[str, object]]]:
    """A web server on 127.0.0.1 serving ``served["root"]``, slowly if ``served["delay"]`` says so."""
    served: dict[str, object] = {"delay": 0.0}

    class Handler(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=str(served["root"]), **kwargs)

        def do_GET(self):
            time.sleep(float(served["delay"]))  # type: ignore[arg-type]
            super().do_GET()

        def log_message(self, format, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_address[1], served
    finally:
        server.shutdown()
        server.server_close()


def test_ledger_init_reads_the_live_site_and_a_site_never_published_is_a_first_publish(
    builds: Builds, web: tuple[int, dict[str, object]], tmp_path: Path
) -> None:
    port, served = web
    served["root"] = tmp_path  # nothing published there: 404 for both files
    ledger = tmp_path / "new" / "ledger.json"
    code, output = cli(
        "ledger", "init", "--root", str(builds.root), "--now", "2026-11-22 12:00", "--ledger", str(ledger),
        "--from", f"http://127.0.0.1:{port}/",
    )  # fmt: skip
    assert code == 0, output
    assert "0 published id(s) kept" in output and ledger.is_file()


def test_a_network_read_has_one_deadline_and_never_shows_credentials(
    web: tuple[int, dict[str, object]], tmp_path: Path
) -> None:
    port, served = web
    served["root"], served["delay"] = tmp_path, 5.0
    started = time.monotonic()
    with pytest.raises(NotifyError) as caught:
        fetch(f"http://bulletins:s3cret@127.0.0.1:{port}/bulletins/index.json", lambda seconds: None, deadline=1.0)
    assert time.monotonic() - started < 4.0  # one deadline for every try, not a timeout per try
    message = str(caught.value)
    assert message.startswith(f"cannot read http://127.0.0.1:{port}/bulletins/index.json: ")
    assert "s3cret" not in message and "bulletins:" not in message


def test_the_documented_example_recipients_file_is_valid() -> None:
    from generator.incidents.load import load_config

    path = ROOT / "examples/recipients.example.yml"
    people = load_recipients(path.read_bytes(), "examples/recipients.example.yml", load_config(ROOT))
    assert [(p.kind, p.email) for p in people][:2] == [
        ("newsroom", "news@radio.example"),
        ("newsroom", "desk@gazette.example"),
    ]
    assert all(p.email.rsplit(".", 1)[1] == "example" for p in people)  # fictional addresses only


# --- corrections and withdrawals ---------------------------------------------------------


def test_corrections_and_withdrawals_are_sent_marked_as_such(tmp_path: Path, smtp: Recorder, recipients: Path) -> None:
    root = tmp_path / "status"
    root.mkdir()
    for name in ("status.yml", "incidents", "site_template"):
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, root / name)
    ledger = tmp_path / "ledger.json"
    assert cli("ledger", "init", "--root", str(root), "--now", "2026-11-22 11:00", "--ledger", str(ledger))[0] == 0

    def build(now: str, out: str) -> Path:
        code, output = cli(
            "build", "--root", str(root), "--now", now, "--ledger", str(ledger), "--site-dir", str(tmp_path / out)
        )
        assert code == 0, output
        return tmp_path / out

    delivered_at_noon(root, build("2026-11-22 09:00", "nine"), ledger, "2026-11-22 09:00")  # the 8:55 bulletin
    first = build("2026-11-22 12:00", "first")
    delivered_at_noon(root, first, ledger)  # the 10:30 one
    path = root / f"incidents/2026/{OPEN_ID}.yml"
    text = path.read_text(encoding="utf-8")
    # The 8:55 update is withdrawn; the 10:30 one, which restated it, is corrected.
    path.write_text(
        text.replace(text[text.index("  - at: 2026-11-22 08:55") : text.index("  - at: 2026-11-22 10:30")], ""),
        encoding="utf-8",
    )
    second = build("2026-11-22 12:30", "second")
    builds = Builds(root, first, second, ledger)
    code, output = run_notify(builds, environment(smtp, recipients), ledger=ledger)
    assert code == 0, output
    assert "sent 6 message(s) for 2 bulletin(s)" in output  # a correction and a withdrawal, to 3 recipients each
    # A recipient added only now never had the 8:55 bulletin: it is not told of its withdrawal.
    to_cknw = sorted((r.message for r in smtp.to("news@radio.example")), key=lambda m: m["Subject"])
    subjects = [m["Subject"] for m in to_cknw]
    assert subjects == [
        "Northwind Broadband: CORRECTION — Internet outage in Clareview and Castle Downs — update of 10:30 a.m. MST",
        "Northwind Broadband: WITHDRAWN — Internet outage in Clareview and Castle Downs — update of 8:55 a.m. MST",
    ]
    correction, withdrawal = to_cknw
    assert correction["Message-ID"] == f"<bulletin-{OPEN_ID}-20261122-1730-r2-newsroom@{HOST}>"
    assert withdrawal["Message-ID"] == f"<bulletin-{OPEN_ID}-20261122-1555-withdrawn-newsroom@{HOST}>"
    assert correction.get_content().startswith(
        "SLUG: NORTHWIND OUTAGE CLAREVIEW AND CASTLE DOWNS — UPDATE 10:30 A.M. — CORRECTION\n"
    )
    assert withdrawal.get_content().startswith("KILL: NORTHWIND BROADBAND BULLETIN OF 8:55 A.M. MST\n")
    assert correction["Date"] == "Sun, 22 Nov 2026 12:30:00 -0700"  # when the correction was issued
    # A newsroom added now gets what is current (the 10:30 bulletin), never the withdrawal of one it did not have.
    added = RECIPIENTS.replace("technical:", "  - {name: New Desk, email: desk@new.example}\ntechnical:")
    recipients.write_text(added, encoding="utf-8")
    code, output = run_notify(builds, environment(smtp, recipients), ledger=ledger)
    assert code == 0, output
    new = [r.message["Subject"] for r in smtp.to("desk@new.example")]
    assert new == [
        "Northwind Broadband: CORRECTION — Internet outage in Clareview and Castle Downs — update of 10:30 a.m. MST"
    ]


def test_a_line_break_in_a_recipients_name_is_a_located_error(builds: Builds) -> None:
    """It once reached the To header and crashed notify; now the recipients file is refused where it says it."""
    content = 'newsrooms:\n  - {name: "CKNW\\nBcc: all@example.net", email: news@radio.example}\n'
    code, output = run_notify(builds, environment(None, None, OUTAGE_RECIPIENTS=content), "--dry-run")
    assert code == 1
    assert (
        "OUTAGE_RECIPIENTS:2:12: newsrooms[0].name: expected one line of text; found a line break in 'CKNW\\nBcc:"
        in output
    )
