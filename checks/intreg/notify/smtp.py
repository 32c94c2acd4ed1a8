"""Send a plain-text email over SMTP, with STARTTLS and login when configured."""

from __future__ import annotations

import smtplib
import ssl
from collections.abc import Sequence
from dataclasses import dataclass, field
from email.message import EmailMessage

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


def send_email(smtp: SmtpConfig, message: EmailMessage, timeout: float) -> None:
    """Send `message` to its To addresses; DeliveryError (retryable unless permanent) on failure."""
    try:
        with smtplib.SMTP(smtp.host, smtp.port, timeout=timeout) as client:
            if smtp.starttls:
                client.starttls(context=ssl.create_default_context())
            if smtp.username is not None:
                client.login(smtp.username, smtp.password or "")
            client.send_message(message)
    except smtplib.SMTPResponseException as exc:
        # RFC 5321 section 4.2.1: 4yz replies are transient, 5yz permanent.
        error = exc.smtp_error
        text = error.decode("utf-8", "replace") if isinstance(error, bytes) else error
        raise DeliveryError(f"SMTP {exc.smtp_code} {text}", exc.smtp_code < 500) from exc
    except smtplib.SMTPRecipientsRefused as exc:
        codes = {code for code, _ in exc.recipients.values()}
        refused = ", ".join(sorted(exc.recipients))
        raise DeliveryError(f"recipients refused: {refused}", max(codes) < 500) from exc
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
