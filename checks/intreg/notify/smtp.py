"""Send a plain-text email over SMTP, with STARTTLS and login when configured."""

from __future__ import annotations

import smtplib
import socket
import ssl
from collections.abc import Sequence
from dataclasses import dataclass, field
from email.message import EmailMessage

from intreg.notify.deadline import Deadline
from intreg.notify.retry import DeliveryError


@dataclass(frozen=True)
class SmtpConfig:
    """Where and how to send email; the password is kept out of the repr."""

    host: str
    port: int
    sender: str
    starttls: bool = True
    username: str | None = None
    password: str | None = field(default=None, repr=False)


def build_email(sender: str, recipients: Sequence[str], subject: str, text: str) -> EmailMessage:
    """A UTF-8 plain-text message from `sender` to `recipients`."""
    message = EmailMessage()
    message["From"] = sender
    message["To"] = ", ".join(recipients)
    message["Subject"] = subject
    message.set_content(text)
    return message


Refused = dict[str, tuple[int, str]]
"""Recipients the server refused, each with its reply code and text."""


class _WatchedSMTP(smtplib.SMTP):
    """An SMTP client whose socket `deadline` watches."""

    def __init__(self, deadline: Deadline, timeout: float) -> None:
        self.deadline = deadline
        super().__init__(timeout=timeout)

    def _get_socket(self, host: str, port: int, timeout: float) -> socket.socket:
        return self.deadline.watch(super()._get_socket(host, port, timeout))  # type: ignore[misc]


def send_email(
    smtp: SmtpConfig, message: EmailMessage, recipients: Sequence[str], timeout: float
) -> Refused:
    """Send `message` to `recipients` within `timeout` seconds in all; the recipients the
    server refused (when it took the others), or DeliveryError when nobody got it."""
    with Deadline(timeout) as deadline:
        try:
            return _send(smtp, message, recipients, deadline)
        except DeliveryError as exc:
            if deadline.expired:
                raise DeliveryError(f"no answer within {timeout:g} s") from exc
            raise


def refused_reason(refused: Refused) -> str:
    """`refused by the server: a@x (550 no such user), ...`."""
    named = (f"{address} ({code} {text})" for address, (code, text) in sorted(refused.items()))
    return "refused by the server: " + ", ".join(named)


def _send(
    smtp: SmtpConfig, message: EmailMessage, recipients: Sequence[str], deadline: Deadline
) -> Refused:
    timeout = deadline.seconds
    try:
        with _WatchedSMTP(deadline, timeout) as client:
            code, greeting = client.connect(smtp.host, smtp.port)
            if code != 220:
                raise smtplib.SMTPConnectError(code, greeting)
            if smtp.starttls:
                client.starttls(context=ssl.create_default_context())
            if smtp.username is not None:
                client.login(smtp.username, smtp.password or "")
            refused = client.send_message(message, to_addrs=list(recipients))
            return {address: (code, _text(text)) for address, (code, text) in refused.items()}
    except smtplib.SMTPRecipientsRefused as exc:
        every = {address: (code, _text(text)) for address, (code, text) in exc.recipients.items()}
        codes = {code for code, _ in every.values()}
        raise DeliveryError(refused_reason(every), max(codes) < 500) from exc
    except smtplib.SMTPResponseException as exc:
        # RFC 5321 section 4.2.1: 4yz replies are transient, 5yz permanent.
        text = _text(exc.smtp_error)
        raise DeliveryError(f"SMTP {exc.smtp_code} {text}", exc.smtp_code < 500) from exc
    except smtplib.SMTPNotSupportedError as exc:
        raise DeliveryError(f"server does not support it: {exc}", retryable=False) from exc
    except smtplib.SMTPException as exc:
        # smtplib turns a read timeout into SMTPServerDisconnected raised from the TimeoutError.
        if isinstance(exc.__context__, TimeoutError):
            raise DeliveryError(f"no answer within {timeout:g} s") from exc
        raise DeliveryError(f"SMTP error: {exc}") from exc
    except TimeoutError as exc:
        raise DeliveryError(f"no answer within {timeout:g} s") from exc
    except OSError as exc:
        raise DeliveryError(f"cannot connect to {smtp.host}:{smtp.port}: {exc}") from exc


def _text(reply: bytes | str) -> str:
    return reply.decode("utf-8", "replace") if isinstance(reply, bytes) else reply
