"""Email new bulletins to newsrooms and technical contacts (``outage notify``).

The publish workflow builds the site, then runs notify before it deploys:
notify compares the new build's ``bulletins/index.json`` with the one that is
live (or any earlier build), and emails only the bulletins that are new —
radio scripts and the press release to newsrooms, the notice to technical
contacts. If a send fails, the run fails, nothing is deployed, and the next
run compares against the same live index and sends again: a bulletin may
arrive twice, but is never lost.

Recipients are kept out of the repository, in a YAML file whose path
(``OUTAGE_RECIPIENTS_FILE``) or content (``OUTAGE_RECIPIENTS``) comes from the
environment, checked like every file staff write: a malformed one gives
located problems before anything is fetched or sent. SMTP settings come from
``OUTAGE_SMTP_*`` variables; there is no default server, and a connection
without TLS is allowed only to this machine (for tests).
"""

from __future__ import annotations

import email.policy
import json
import re
import smtplib
import ssl
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, parseaddr
from pathlib import Path
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .explain import problems_from
from .model import Config
from .problems import InvalidSite, describe
from .rules import Checker
from .schema import Id, Text
from .yamltext import YamlDocument, YamlProblem, parse

INDEX = "bulletins/index.json"
RECIPIENTS_FILE_ENV = "OUTAGE_RECIPIENTS_FILE"
RECIPIENTS_ENV = "OUTAGE_RECIPIENTS"

RETRY_DELAYS: tuple[float, ...] = (2.0, 10.0)
"""Seconds to wait before the second and third try of a transient failure (read at call time: tests set zeros)."""
FETCH_TIMEOUT = 20.0
"""Seconds to wait for the previous index from the live site."""
SMTP_TIMEOUT = 30.0
MAX_INDEX_BYTES = 20 * 1024 * 1024
LOOPBACK = frozenset({"127.0.0.1", "::1", "localhost"})
SECURITIES = ("starttls", "ssl", "none")

NEWSROOM = "newsroom"
TECHNICAL = "technical"
_LISTS = {"newsrooms": NEWSROOM, "technical": TECHNICAL}

_HEADERS_POLICY = email.policy.default.clone(max_line_length=998)
_EMAIL = re.compile(
    r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$"
)


class NotifyError(Exception):
    """Notify cannot go on; the message says why in plain words."""


# --- the recipients file ----------------------------------------------------


class _Strict(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)


class RecipientFile(_Strict):
    name: Text = Field(description="Who it is, shown in the To line, e.g. CKNW News.")
    email: Text = Field(description="Their address, e.g. news@radio.example.")
    services: list[Id] = Field(
        default_factory=list, description="Only bulletins about these service ids (default: every service)."
    )
    areas: list[Id] = Field(
        default_factory=list, description="Only bulletins about these area ids (default: every area)."
    )


class RecipientsFile(_Strict):
    """Who receives bulletins by email: newsrooms get radio + press, technical contacts the notice."""

    newsrooms: list[RecipientFile] = Field(
        default_factory=list, description="Receive the radio scripts and press release."
    )
    technical: list[RecipientFile] = Field(default_factory=list, description="Receive the notice.")


@dataclass(frozen=True)
class Recipient:
    kind: str
    """``newsroom`` or ``technical``."""
    name: str
    email: str
    services: frozenset[str] = frozenset()
    areas: frozenset[str] = frozenset()
    entry: str = ""
    """Where it stands in the file, like ``newsrooms[2]``: names it in a log where the address is masked."""

    @property
    def address(self) -> Address:
        return Address(display_name=self.name, addr_spec=self.email)

    def wants(self, bulletin: Bulletin) -> bool:
        """Each list given must share an id with the incident; an empty list means every one."""
        return (not self.services or bool(self.services & set(bulletin.services))) and (
            not self.areas or bool(self.areas & set(bulletin.areas))
        )


def recipients_source(environ: Mapping[str, str]) -> tuple[str, bytes]:
    """Where the recipients are (a name for messages) and their bytes, from the environment."""
    path = environ.get(RECIPIENTS_FILE_ENV, "")
    content = environ.get(RECIPIENTS_ENV, "")
    if path and content:
        raise NotifyError(f"set one of {RECIPIENTS_FILE_ENV} and {RECIPIENTS_ENV}, not both")
    if content:
        return RECIPIENTS_ENV, content.encode("utf-8")
    if not path:
        raise NotifyError(
            f"no recipients: set {RECIPIENTS_FILE_ENV} to a recipients file, or {RECIPIENTS_ENV} to its content "
            "(see examples/recipients.example.yml)"
        )
    try:
        return path, Path(path).read_bytes()
    except OSError as exc:
        raise NotifyError(f"{RECIPIENTS_FILE_ENV}: cannot read {path}: {exc.strerror or exc}") from None


def load_recipients(raw: bytes, file: str, config: Config) -> list[Recipient]:
    """Every recipient, newsrooms first, or :class:`InvalidSite` with every problem located in ``file``."""
    checker = Checker(file, YamlDocument(data=None))
    try:
        checker.document = parse(raw, file)
    except YamlProblem as exc:
        raise InvalidSite([exc.problem]) from None
    data = checker.document.data
    assert isinstance(data, dict)
    try:
        validated = RecipientsFile.model_validate(data)
        groups = {group: list(getattr(validated, group)) for group in _LISTS}
    except ValidationError as exc:
        # Report the shape problems, and check every entry that is right on its
        # own too, so one run names every problem.
        checker.problems.extend(problems_from(exc, checker.document, file, RecipientsFile))
        groups = {group: _valid_entries(data.get(group)) for group in _LISTS}
    known = {"services": {s.id for s in config.services}, "areas": {a.id for a in config.areas}}
    recipients = []
    for group, kind in _LISTS.items():
        seen: dict[str, int] = {}
        for index, entry in enumerate(groups[group]):
            if entry is None:
                continue
            loc = (group, index)
            address = entry.email.lower()
            if not _EMAIL.match(entry.email):
                checker.fail((*loc, "email"), "an email address like news@radio.example", describe(entry.email))
            elif address in seen:
                found = f"{entry.email!r} again (also {group}[{seen[address]}])"
                checker.fail((*loc, "email"), f"each address once in {group}", found)
            seen.setdefault(address, index)
            for name in ("services", "areas"):
                for position, value in enumerate(getattr(entry, name)):
                    if value not in known[name]:
                        options = ", ".join(sorted(known[name]))
                        expected = f"a{'n' if name == 'areas' else ''} {name[:-1]} id from status.yml ({options})"
                        checker.fail((*loc, name, position), expected, describe(value))
            recipients.append(
                Recipient(
                    kind,
                    entry.name,
                    entry.email,
                    frozenset(entry.services),
                    frozenset(entry.areas),
                    f"{group}[{index}]",
                )
            )
    if checker.problems:
        raise InvalidSite(checker.problems)
    return recipients


def _valid_entries(items: object) -> list[RecipientFile | None]:
    """Each entry of a list that is right on its own, ``None`` for the others."""
    if not isinstance(items, list):
        return []
    entries: list[RecipientFile | None] = []
    for item in items:
        try:
            entries.append(RecipientFile.model_validate(item))
        except ValidationError:
            entries.append(None)
    return entries


# --- the bulletin indexes ---------------------------------------------------


@dataclass(frozen=True)
class Bulletin:
    """One entry of ``bulletins/index.json``."""

    id: str
    incident: str
    update: int
    title: str
    status: str
    at: datetime
    services: tuple[str, ...]
    areas: tuple[str, ...]
    files: Mapping[str, str] = field(default_factory=dict)


def read_index(raw: bytes, source: str) -> list[Bulletin]:
    """The bulletins of a full index, as the build writes it."""
    try:
        document = json.loads(raw.decode("utf-8"))
        return [
            Bulletin(
                id=entry["id"],
                incident=entry["incident"],
                update=int(entry["update"]),
                title=entry["title"],
                status=entry["status"],
                at=datetime.fromisoformat(entry["at"]),
                services=tuple(entry["services"]),
                areas=tuple(entry["areas"]),
                files=dict(entry["files"]),
            )
            for entry in document["bulletins"]
        ]
    except (ValueError, KeyError, TypeError) as exc:
        raise NotifyError(f"{source}: expected a bulletin index written by outage build; found {exc!r}") from None


def index_ids(raw: bytes, source: str) -> set[str]:
    """The bulletin ids of an index: all that is needed of the previous one."""
    try:
        document = json.loads(raw.decode("utf-8"))
        ids = {entry["id"] for entry in document["bulletins"]}
    except (ValueError, KeyError, TypeError) as exc:
        raise NotifyError(f"{source}: expected a bulletin index written by outage build; found {exc!r}") from None
    if not all(isinstance(i, str) for i in ids):
        raise NotifyError(f"{source}: expected bulletin ids as text; found {sorted(map(repr, ids))[:3]}")
    return ids


def built_index(site_dir: Path) -> list[Bulletin]:
    """The bulletins of the build in ``site_dir``."""
    path = site_dir / INDEX
    if not path.is_file():
        raise NotifyError(
            f"no {INDEX} in {site_dir}: build the site first (outage build --site-dir {site_dir}), then notify"
        )
    return read_index(path.read_bytes(), str(path))


Sleep = Callable[[float], None]


def previous_ids(source: str, *, sleep: Sleep = time.sleep) -> set[str] | None:
    """The bulletin ids published before: ``source`` is a site folder or an http(s) address of the live site.

    ``None`` when there is no previous index (the address answers 404, or the
    folder has none): the first publish. A folder that does not exist, or a site
    that cannot be reached after retries, is an error, never "nothing published".
    """
    scheme = urlsplit(source).scheme.lower()
    if scheme in ("http", "https"):
        url = source if source.endswith(".json") else source.rstrip("/") + "/" + INDEX
        raw = _fetch(url, sleep)
        return None if raw is None else index_ids(raw, url)
    if scheme and len(scheme) > 1:
        raise NotifyError(f"--previous: expected a folder or an http(s) address; found {source!r}")
    folder = Path(source)
    if folder.is_file():
        return index_ids(folder.read_bytes(), source)
    if not folder.is_dir():
        raise NotifyError(
            f"--previous: expected a built site folder or an http(s) address; found {source!r}, which does not exist"
        )
    path = folder / INDEX
    return index_ids(path.read_bytes(), str(path)) if path.is_file() else None


def _fetch(url: str, sleep: Sleep) -> bytes | None:
    """The body at ``url``; ``None`` for 404; transient failures retried, then an error."""
    request = urllib.request.Request(
        url, headers={"Cache-Control": "no-cache", "User-Agent": "outage-bulletin notify", "Accept": "application/json"}
    )
    delays = RETRY_DELAYS
    for attempt in range(len(delays) + 1):
        try:
            with urllib.request.urlopen(request, timeout=FETCH_TIMEOUT) as response:
                raw = response.read(MAX_INDEX_BYTES + 1)
            if len(raw) > MAX_INDEX_BYTES:
                raise NotifyError(f"{url}: expected an index of at most {MAX_INDEX_BYTES:,} bytes; found more")
            return raw
        except urllib.error.HTTPError as exc:
            if exc.code == 404:
                return None
            reason: str = f"HTTP {exc.code} {exc.reason}"
            transient = exc.code >= 500 or exc.code in (408, 429)
        except (urllib.error.URLError, OSError) as exc:
            reason = str(getattr(exc, "reason", exc))
            transient = True
        if not transient or attempt == len(delays):
            raise NotifyError(f"cannot read the previous bulletin index at {url}: {reason}; nothing was sent")
        sleep(delays[attempt])
    raise AssertionError("unreachable")


def new_bulletins(current: Iterable[Bulletin], previous: set[str]) -> list[Bulletin]:
    """The bulletins of the new build that the previous one did not have, oldest first."""
    return sorted((b for b in current if b.id not in previous), key=lambda b: (b.at, b.incident, b.update))


# --- messages ---------------------------------------------------------------


@dataclass(frozen=True)
class Delivery:
    """One message to one recipient."""

    bulletin: Bulletin
    recipient: Recipient
    message: EmailMessage

    def describe(self) -> str:
        return f"{self.bulletin.id} to {self.recipient.email} ({self.recipient.entry})"


def sender_address(environ: Mapping[str, str], config: Config) -> Address:
    """``OUTAGE_SMTP_FROM``, or the media contact's (or support) address under the organisation's name."""
    text = environ.get("OUTAGE_SMTP_FROM", "")
    if not text:
        return Address(display_name=config.name, addr_spec=(config.media_contact or config.contact).email)
    name, email = parseaddr(text)
    if not _EMAIL.match(email):
        raise NotifyError(f"OUTAGE_SMTP_FROM: expected an address like status@example.com; found {text!r}")
    return Address(display_name=name or config.name, addr_spec=email)


def message_id(incident: str, update: int, kind: str, config: Config) -> str:
    """The same for every send of a bulletin to one kind of recipient, so repeats are recognisable."""
    host = config.host or "localhost"
    return f"<bulletin-{incident}-{update}-{kind}@{host}>"


def subject(bulletin: Bulletin, config: Config) -> str:
    return f"{config.name}: {bulletin.title} — update {bulletin.update}"


def compose(bulletin: Bulletin, recipient: Recipient, config: Config, site_dir: Path, sender: Address) -> EmailMessage:
    """The plain-text message: radio scripts then press release for a newsroom, the notice for a technical contact."""
    names = ("radio.txt", "press.txt") if recipient.kind == NEWSROOM else ("notice.txt",)
    parts = [_bulletin_file(site_dir, bulletin, name).rstrip("\n") for name in names]
    reply_to = (config.media_contact or config.contact).email if recipient.kind == NEWSROOM else config.contact.email
    who = "a newsroom" if recipient.kind == NEWSROOM else "a technical contact"
    footer = (
        f"-- \n{config.name} sends this to {who} for update {bulletin.update} of an incident.\n"
        f"Every bulletin of this update, with the CAP alert: {config.site_url}bulletins/{bulletin.id}/\n"
        f"To change what you receive, write to {reply_to}."
    )
    message = EmailMessage()
    message["Subject"] = subject(bulletin, config)
    message["From"] = sender
    message["To"] = recipient.address
    if reply_to.lower() != sender.addr_spec.lower():
        message["Reply-To"] = reply_to
    message["Date"] = format_datetime(bulletin.at)
    message["Message-ID"] = message_id(bulletin.incident, bulletin.update, recipient.kind, config)
    message["Auto-Submitted"] = "auto-generated"
    message["X-Auto-Response-Suppress"] = "All"
    message.set_content("\n\n".join([*parts, footer]) + "\n", charset="utf-8", cte="quoted-printable")
    # The body is encoded now, in lines of 76. Headers are folded when the
    # message is sent: long lines (RFC 5322 allows 998) keep Python's folder
    # from splitting the subject at its dash, which some readers show as two spaces.
    message.policy = _HEADERS_POLICY
    return message


def _bulletin_file(site_dir: Path, bulletin: Bulletin, name: str) -> str:
    relative = bulletin.files.get(name, f"bulletins/{bulletin.id}/{name}")
    path = (site_dir / relative).resolve()
    if not path.is_relative_to(site_dir.resolve()) or not path.is_file():
        raise NotifyError(f"{site_dir / relative}: expected the {name} of bulletin {bulletin.id}; found no such file")
    return path.read_text(encoding="utf-8")


def plan(bulletins: Iterable[Bulletin], recipients: Iterable[Recipient], config: Config, site_dir: Path,
         sender: Address) -> list[Delivery]:  # fmt: skip
    """One message per bulletin and recipient who wants it: bulletins oldest first, recipients in file order."""
    people = list(recipients)
    return [
        Delivery(bulletin, person, compose(bulletin, person, config, site_dir, sender))
        for bulletin in bulletins
        for person in people
        if person.wants(bulletin)
    ]


def preview(delivery: Delivery, lines: int = 3) -> str:
    """What ``--dry-run`` prints for one message."""
    message = delivery.message
    body = message.get_content().splitlines()[:lines]
    head = [f"To: {message['To']}", f"Subject: {message['Subject']}", f"Message-ID: {message['Message-ID']}"]
    return "\n".join([*head, *(f"  | {line}" for line in body)]) + "\n"


# --- sending ----------------------------------------------------------------


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int
    security: str
    user: str = ""
    password: str = field(default="", repr=False)
    pause: float = 1.0
    """Seconds between messages, so a provider's rate limit is not hit."""


def smtp_settings(environ: Mapping[str, str]) -> SmtpSettings:
    """SMTP settings from ``OUTAGE_SMTP_*`` (empty means unset, as for an unset CI secret)."""
    host = environ.get("OUTAGE_SMTP_HOST", "").strip()
    if not host:
        raise NotifyError(
            "OUTAGE_SMTP_HOST is not set: set it to your mail server (or use --dry-run); nothing was sent"
        )
    security = environ.get("OUTAGE_SMTP_SECURITY", "").strip().lower() or "starttls"
    if security not in SECURITIES:
        raise NotifyError(f"OUTAGE_SMTP_SECURITY: expected one of {', '.join(SECURITIES)}; found {security!r}")
    if security == "none" and host.lower() not in LOOPBACK:
        raise NotifyError(
            f"OUTAGE_SMTP_SECURITY: expected starttls or ssl for {host}; found none, which is allowed only for "
            "127.0.0.1 and localhost"
        )
    port_text = environ.get("OUTAGE_SMTP_PORT", "").strip() or ("465" if security == "ssl" else "587")
    if not port_text.isdigit() or not 0 < int(port_text) < 65536:
        raise NotifyError(f"OUTAGE_SMTP_PORT: expected a port number like 587; found {port_text!r}")
    user = environ.get("OUTAGE_SMTP_USER", "")
    password = environ.get("OUTAGE_SMTP_PASSWORD", "")
    if bool(user) != bool(password):
        missing = "OUTAGE_SMTP_PASSWORD" if user else "OUTAGE_SMTP_USER"
        raise NotifyError(f"{missing} is not set: set both OUTAGE_SMTP_USER and OUTAGE_SMTP_PASSWORD, or neither")
    pause_text = environ.get("OUTAGE_SMTP_PAUSE", "").strip() or "1"
    try:
        pause = float(pause_text)
    except ValueError:
        pause = -1.0
    if not 0 <= pause <= 60:
        raise NotifyError(f"OUTAGE_SMTP_PAUSE: expected seconds between messages, 0 to 60; found {pause_text!r}")
    return SmtpSettings(host, int(port_text), security, user, password, pause)


@dataclass(frozen=True)
class Failure:
    delivery: Delivery
    reason: str

    def __str__(self) -> str:
        return f"not sent: {self.delivery.describe()}: {self.reason}"


class _Connection:
    """One SMTP session, opened when first needed and opened again after an error."""

    def __init__(self, settings: SmtpSettings) -> None:
        self.settings = settings
        self.smtp: smtplib.SMTP | None = None

    def open(self) -> smtplib.SMTP:
        if self.smtp is not None:
            return self.smtp
        s = self.settings
        context = ssl.create_default_context()
        if s.security == "ssl":
            smtp: smtplib.SMTP = smtplib.SMTP_SSL(s.host, s.port, timeout=SMTP_TIMEOUT, context=context)
        else:
            smtp = smtplib.SMTP(s.host, s.port, timeout=SMTP_TIMEOUT)
        try:
            if s.security == "starttls":
                smtp.starttls(context=context)
            if s.user:
                smtp.login(s.user, s.password)
        except BaseException:
            smtp.close()
            raise
        self.smtp = smtp
        return smtp

    def close(self) -> None:
        if self.smtp is None:
            return
        try:
            self.smtp.quit()
        except (smtplib.SMTPException, OSError):
            self.smtp.close()
        self.smtp = None


def _fatal(exc: BaseException, settings: SmtpSettings) -> str | None:
    """Why no message can be sent at all (wrong password, no TLS), or ``None``."""
    if isinstance(exc, smtplib.SMTPAuthenticationError):
        return f"{settings.host} refused the login for OUTAGE_SMTP_USER {settings.user!r}: {_reply(exc)}"
    if isinstance(exc, smtplib.SMTPNotSupportedError):
        hint = " (set OUTAGE_SMTP_SECURITY=ssl and the port, usually 465)" if settings.security == "starttls" else ""
        return f"{settings.host} does not support what was asked{hint}: {exc}"
    if isinstance(exc, ssl.SSLCertVerificationError):
        return f"{settings.host}'s TLS certificate is not valid: {exc.verify_message}"
    return None


def _transient(exc: BaseException) -> bool:
    """4xx replies, dropped connections and network errors are worth another try; 5xx replies are not."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return all(400 <= code < 500 for code, _ in exc.recipients.values())
    if isinstance(exc, smtplib.SMTPResponseException):
        return 400 <= exc.smtp_code < 500
    if isinstance(exc, smtplib.SMTPServerDisconnected):
        return True
    if isinstance(exc, smtplib.SMTPException):
        return False
    return isinstance(exc, OSError)


def _reply(exc: BaseException) -> str:
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return "; ".join(f"{addr} refused: {code} {_text(msg)}" for addr, (code, msg) in exc.recipients.items())
    if isinstance(exc, smtplib.SMTPResponseException):
        return f"{exc.smtp_code} {_text(exc.smtp_error)}"
    return str(exc) or type(exc).__name__


def _text(value: bytes | str) -> str:
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else value


def send(deliveries: list[Delivery], settings: SmtpSettings, *, log: Callable[[str], None] = print,
         sleep: Sleep = time.sleep) -> list[Failure]:  # fmt: skip
    """Send every message; return those that failed after retries. The others are sent regardless.

    A failure that stops every message (login refused, no TLS) raises
    :class:`NotifyError`; so does a server that cannot be reached at all, after
    its retries, naming the messages left unsent.
    """
    connection = _Connection(settings)
    failures: list[Failure] = []
    delays = RETRY_DELAYS
    envelope_from = None
    try:
        for number, delivery in enumerate(deliveries):
            if number and settings.pause:
                sleep(settings.pause)
            for attempt in range(len(delays) + 1):
                connected = connection.smtp is not None
                try:
                    smtp = connection.open()
                    connected = True
                    envelope_from = envelope_from or delivery.message["From"].addresses[0].addr_spec
                    refused = smtp.send_message(delivery.message, envelope_from, [delivery.recipient.email])
                    if refused:
                        raise smtplib.SMTPRecipientsRefused(refused)
                    log(f"sent {delivery.describe()}")
                    break
                except (smtplib.SMTPException, OSError) as exc:
                    connection.close()
                    if (reason := _fatal(exc, settings)) is not None:
                        raise NotifyError(f"{reason}; {_left(deliveries, number, failures)}") from None
                    if _transient(exc) and attempt < len(delays):
                        log(f"retrying {delivery.describe()} in {delays[attempt]:g}s: {_reply(exc)}")
                        sleep(delays[attempt])
                        continue
                    if not connected:
                        raise NotifyError(
                            f"cannot reach {settings.host}:{settings.port}: {_reply(exc)}; "
                            f"{_left(deliveries, number, failures)}"
                        ) from None
                    failures.append(Failure(delivery, _reply(exc)))
                    break
    finally:
        connection.close()
    return failures


def _left(deliveries: list[Delivery], number: int, failures: list[Failure]) -> str:
    sent = number - len(failures)
    return f"{sent} of {len(deliveries)} messages were sent, {len(deliveries) - sent} were not"


# --- the whole job ----------------------------------------------------------


@dataclass(frozen=True)
class Outbox:
    """What notify would send, and why."""

    bulletins: list[Bulletin]
    """The new bulletins, oldest first (every published one with ``--send-all`` and no previous index)."""
    deliveries: list[Delivery]
    first_publish: bool
    """There was no previous index; nothing is sent unless ``--send-all``."""
    published: int
    """How many bulletins the new build publishes."""
    recipients: list[Recipient]


def prepare(config: Config, site_dir: Path, previous: str | None, environ: Mapping[str, str], *,
            send_all: bool = False, sleep: Sleep = time.sleep) -> Outbox:  # fmt: skip
    """Read the recipients, both indexes and the bulletin files; compose every message. Sends nothing."""
    label, raw = recipients_source(environ)
    recipients = load_recipients(raw, label, config)
    sender = sender_address(environ, config)
    current = built_index(site_dir)
    before = previous_ids(previous, sleep=sleep) if previous else None
    if before is None and not send_all:
        return Outbox([], [], True, len(current), recipients)
    fresh = new_bulletins(current, before or set())
    deliveries = plan(fresh, recipients, config, site_dir, sender)
    return Outbox(fresh, deliveries, before is None, len(current), recipients)


def log_masks(recipients: Iterable[Recipient], environ: Mapping[str, str]) -> list[str]:
    """On GitHub Actions, commands that hide the addresses in the run's log, which a public repository shows to all."""
    if environ.get("GITHUB_ACTIONS") != "true":
        return []
    return [f"::add-mask::{address}" for address in dict.fromkeys(r.email for r in recipients)]
