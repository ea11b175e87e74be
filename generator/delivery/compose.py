"""The email messages: one plain-text message per bulletin and recipient who wants it.

Newsrooms get the radio scripts then the press release, technical contacts the
notice. The Message-ID comes from the bulletin, so a repeated message can be
recognised, and the Date is the update's time.
"""

from __future__ import annotations

import email.policy
from collections.abc import Mapping
from dataclasses import dataclass
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, parseaddr
from pathlib import Path

from .. import display
from ..catalogue import catalogue_for
from ..incidents.model import Config
from .errors import NotifyError
from .owed import mask
from .published import Bulletin
from .recipients import EMAIL, NEWSROOM, Recipient

_HEADERS_POLICY = email.policy.default.clone(max_line_length=998)


@dataclass(frozen=True)
class Delivery:
    """One message to one recipient."""

    bulletin: Bulletin
    recipient: Recipient
    message: EmailMessage

    def describe(self) -> str:
        """For logs: the recipient by its entry and a masked address, never the address itself."""
        return f"{self.bulletin.key} to {self.recipient.entry} {self.recipient.name} <{mask(self.recipient.email)}>"


def sender_address(environ: Mapping[str, str], config: Config) -> Address:
    """``OUTAGE_SMTP_FROM``, or the media contact's (or support) address under the organisation's name."""
    text = environ.get("OUTAGE_SMTP_FROM", "")
    if not text:
        return Address(display_name=config.name, addr_spec=(config.media_contact or config.contact).email)
    name, email = parseaddr(text)
    if not EMAIL.match(email):
        raise NotifyError(f"OUTAGE_SMTP_FROM: expected an address like status@example.com; found {text!r}")
    return Address(display_name=name or config.name, addr_spec=email)


def message_id(incident: str, update: str, kind: str, config: Config, revision: str = "") -> str:
    """The same for every send of a bulletin to one kind of recipient, so repeats are recognisable."""
    host = config.host or "localhost"
    suffix = f"-{revision}" if revision else ""
    return f"<bulletin-{incident}-{update}{suffix}-{kind}@{host}>"


def subject(bulletin: Bulletin, config: Config, language: str = "en") -> str:
    """``Northwind Broadband: Internet outage in Clareview — update of 10:30 a.m.``; corrections and
    withdrawals say so first. In French: ``Northwind Broadband : Panne … — mise à jour de 10 h 30 HNR``."""
    if language == "fr":
        words = catalogue_for("fr")
        when = words.clock(bulletin.at, config.timezone)
        marker = {"withdrawal": "RETIRÉ — ", "correction": "CORRECTION — "}.get(bulletin.kind, "")
        return f"{config.name}{words.colon} {marker}{bulletin.title} — mise à jour de {when}"
    when = display.clock(bulletin.at, config.timezone)
    if bulletin.kind == "withdrawal":
        return f"{config.name}: WITHDRAWN — {bulletin.title} — update of {when}"
    marker = "CORRECTION — " if bulletin.kind == "correction" else ""
    return f"{config.name}: {marker}{bulletin.title} — update of {when}"


def _footer(bulletin: Bulletin, recipient: Recipient, config: Config, reply_to: str, folder: str) -> str:
    """Why they get it, where every format of the update is, and whom to write to: in the recipient's language."""
    page = f"{config.site_url}{folder}bulletins/{bulletin.id}/"
    if recipient.language == "fr":
        words = catalogue_for("fr")
        who = "à une salle de nouvelles" if recipient.kind == NEWSROOM else "à un contact technique"
        return (
            f"-- \n{config.name} envoie ce message {who} pour la mise à jour de "
            f"{words.clock(bulletin.at, config.timezone)} sur un incident.\n"
            f"Tous les bulletins de cette mise à jour, avec l'alerte CAP{words.colon} {page}\n"
            f"Pour changer ce que vous recevez, écrivez à {reply_to}."
        )
    who = "a newsroom" if recipient.kind == NEWSROOM else "a technical contact"
    return (
        f"-- \n{config.name} sends this to {who} for the update of {display.clock(bulletin.at, config.timezone)} on an incident.\n"
        f"Every bulletin of this update, with the CAP alert: {page}\n"
        f"To change what you receive, write to {reply_to}."
    )


def _revision(bulletin: Bulletin) -> str:
    """What tells a correction's or a withdrawal's message apart from the first issue's."""
    return "withdrawn" if bulletin.kind == "withdrawal" else f"r{bulletin.revision}" if bulletin.revision > 1 else ""


def compose(bulletin: Bulletin, recipient: Recipient, config: Config, site_dir: Path, sender: Address) -> EmailMessage:
    """The plain-text message: radio scripts then press release for a newsroom, the notice for a technical contact."""
    names = ("radio.txt", "press.txt") if recipient.kind == NEWSROOM else ("notice.txt",)
    parts = [_bulletin_file(site_dir, bulletin, name).rstrip("\n") for name in names]
    reply_to = (config.media_contact or config.contact).email if recipient.kind == NEWSROOM else config.contact.email
    # Another language than the site's first: its files (from its index), its words, and its own Message-ID.
    other = recipient.language != config.languages[0]
    folder = f"{recipient.language}/" if other else ""
    footer = _footer(bulletin, recipient, config, reply_to, folder)
    message = EmailMessage()
    message["Subject"] = subject(bulletin, config, recipient.language)
    message["From"] = sender
    message["To"] = recipient.address
    if reply_to.lower() != sender.addr_spec.lower():
        message["Reply-To"] = reply_to
    message["Date"] = format_datetime(bulletin.issued or bulletin.at)
    kind = f"{recipient.kind}-{recipient.language}" if other else recipient.kind
    message["Message-ID"] = message_id(bulletin.incident, bulletin.update, kind, config, _revision(bulletin))
    message["Auto-Submitted"] = "auto-generated"
    message["X-Auto-Response-Suppress"] = "All"
    message.set_content("\n\n".join([*parts, footer]) + "\n", charset="utf-8", cte="quoted-printable")
    if other:  # after set_content, which replaces every Content- header; RFC 3282, so readers do not offer to translate
        message["Content-Language"] = recipient.language
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


def preview(delivery: Delivery, lines: int = 3) -> str:
    """What ``--dry-run`` prints for one message."""
    message = delivery.message
    body = message.get_content().splitlines()[:lines]
    recipient = delivery.recipient
    to = f"{recipient.entry} {recipient.name} <{mask(recipient.email)}>"
    head = [f"To: {to}", f"Subject: {message['Subject']}", f"Message-ID: {message['Message-ID']}"]
    return "\n".join([*head, *(f"  | {line}" for line in body)]) + "\n"
