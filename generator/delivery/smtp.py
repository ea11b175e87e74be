"""Sending over SMTP: settings from ``OUTAGE_SMTP_*``, one session, retries of transient failures.

There is no default server, and a connection without TLS is allowed only to
this machine (for tests). A failure that stops every message (login refused,
no TLS) stops at once; a refused address is reported and the rest still go.
"""

from __future__ import annotations

import smtplib
import ssl
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from . import retry
from .compose import Delivery
from .errors import NotifyError
from .owed import mask
from .retry import Sleep

SMTP_TIMEOUT = 30.0
LOOPBACK = frozenset({"127.0.0.1", "::1", "localhost"})
SECURITIES = ("starttls", "ssl", "none")


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
    """The server's reply, addresses masked: a run's log is often public."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return "; ".join(
            f"{mask(addr)} refused: {code} {_masked(_text(msg), addr)}" for addr, (code, msg) in exc.recipients.items()
        )
    if isinstance(exc, smtplib.SMTPResponseException):
        return f"{exc.smtp_code} {_text(exc.smtp_error)}"
    return str(exc) or type(exc).__name__


def _masked(text: str, address: str) -> str:
    return text.replace(address, mask(address))


def _text(value: bytes | str) -> str:
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else value


def send(deliveries: list[Delivery], settings: SmtpSettings, *, log: Callable[[str], None] = print,
         sleep: Sleep = time.sleep, sent: Callable[[Delivery], None] = lambda delivery: None) -> list[Failure]:  # fmt: skip
    """Send every message; return those that failed after retries. The others are sent regardless.

    A failure that stops every message (login refused, no TLS) raises
    :class:`NotifyError`; so does a server that cannot be reached at all, after
    its retries, naming the messages left unsent.
    """
    connection = _Connection(settings)
    failures: list[Failure] = []
    delays = retry.RETRY_DELAYS
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
                    sent(delivery)  # recorded before anything else can fail: never sent twice for this
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
