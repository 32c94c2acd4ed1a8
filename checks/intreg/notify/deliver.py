"""Send each team's reminder to the configured channels and report every delivery."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from urllib.parse import urlsplit

from intreg.notify.github_config import GITHUB_REPOSITORY, GithubConfig, github_from_env
from intreg.notify.ledger import Ledger
from intreg.notify.retry import DeliveryError, with_retries
from intreg.notify.slack import post_slack
from intreg.notify.smtp import SmtpConfig, build_email, refused_reason, send_email
from intreg.records.errors import IntregError
from intreg.reviews.messages import TeamMessage

SLACK_URL = "INTREG_SLACK_WEBHOOK_URL"
SMTP_HOST = "INTREG_SMTP_HOST"
SMTP_PORT = "INTREG_SMTP_PORT"
SMTP_SENDER = "INTREG_SMTP_SENDER"
SMTP_STARTTLS = "INTREG_SMTP_STARTTLS"
SMTP_USERNAME = "INTREG_SMTP_USERNAME"
SMTP_PASSWORD = "INTREG_SMTP_PASSWORD"
DEFAULT_SMTP_PORT = 587
_BOOLEANS = {"true": True, "false": False}


@dataclass(frozen=True)
class NotifyConfig:
    """The channels to notify on: a webhook URL, an SMTP server, GitHub issues, or several."""

    slack_url: str | None = None
    smtp: SmtpConfig | None = None
    github: GithubConfig | None = None


def config_from_env(env: Mapping[str, str]) -> NotifyConfig:
    """The channels the INTREG_* variables in `env` configure; IntregError when one is wrong."""
    # An empty variable counts as unset, as a scheduler often exports every name it knows.
    values = {name: value for name, value in env.items() if value}
    slack_url = values.get(SLACK_URL)
    if slack_url is not None:
        check_webhook_url(slack_url)
    smtp = _smtp_from_env(values) if SMTP_HOST in values else None
    return NotifyConfig(slack_url, smtp, github_from_env(values))


def check_webhook_url(url: str) -> None:
    """IntregError unless `url` is a usable http(s) URL; the message never shows the URL,
    which is the webhook's secret."""
    if not url.startswith(("https://", "http://")):
        raise IntregError(f"{SLACK_URL} must be an http(s):// URL")
    problem = None
    if any(c.isspace() or not c.isprintable() for c in url):
        problem = "it contains a space or a control character"
    else:
        try:
            parts = urlsplit(url)
            host, _ = parts.hostname, parts.port  # .port raises on a bad port
        except ValueError:
            host = None
        if not host:
            problem = "it has no valid host name or port"
    if problem is not None:
        raise IntregError(
            f"{SLACK_URL} is not a valid webhook URL: {problem} (the value is not shown: a "
            "webhook URL is a secret)"
        )


def _smtp_from_env(values: Mapping[str, str]) -> SmtpConfig:
    if SMTP_SENDER not in values:
        raise IntregError(f"{SMTP_HOST} is set, so {SMTP_SENDER} must name the From address")
    port = values.get(SMTP_PORT, str(DEFAULT_SMTP_PORT))
    if not port.isdigit() or not 0 < int(port) < 65536:
        raise IntregError(f"{SMTP_PORT} must be a port number, not {port!r}")
    starttls = _BOOLEANS.get(values.get(SMTP_STARTTLS, "true").lower())
    if starttls is None:
        raise IntregError(f"{SMTP_STARTTLS} must be true or false")
    username, password = values.get(SMTP_USERNAME), values.get(SMTP_PASSWORD)
    if (username is None) != (password is None):
        raise IntregError(f"set both {SMTP_USERNAME} and {SMTP_PASSWORD}, or neither")
    return SmtpConfig(
        values[SMTP_HOST], int(port), values[SMTP_SENDER], starttls, username, password
    )


def require_channel(config: NotifyConfig) -> None:
    """IntregError, naming the variables to set, when no channel is configured."""
    if config.slack_url is None and config.smtp is None and config.github is None:
        raise IntregError(
            f"--notify needs a channel: set {SLACK_URL} (a Slack-compatible webhook), or "
            f"{SMTP_HOST} and {SMTP_SENDER} (with {SMTP_PORT}, {SMTP_STARTTLS}, "
            f"{SMTP_USERNAME} and {SMTP_PASSWORD} as needed), or {GITHUB_REPOSITORY} "
            "(with a token in INTREG_GITHUB_TOKEN or GITHUB_TOKEN)"
        )


@dataclass(frozen=True)
class Delivery:
    """The result of sending one team's message on one channel."""

    team: str
    channel: str
    ok: bool
    attempts: int
    reason: str = ""
    skipped: bool = False  # sent before and unchanged: `reason` says since when

    def describe(self) -> str:
        """`payments: slack: sent`, or the failure with the number of attempts and the reason."""
        if self.skipped:
            return f"{self.team}: {self.channel}: {self.reason}"
        if self.ok:
            return f"{self.team}: {self.channel}: sent"
        tries = "1 attempt" if self.attempts == 1 else f"{self.attempts} attempts"
        return f"{self.team}: {self.channel}: FAILED after {tries}: {self.reason}"


def send_messages(
    messages: Sequence[TeamMessage],
    config: NotifyConfig,
    sleep: Callable[[float], None],
    timeout: float,
    ledger: Ledger | None = None,
) -> list[Delivery]:
    """Send every message on every configured channel, retrying; one Delivery for each.

    With a `ledger`, a message it remembers sending unchanged is skipped, and each successful
    delivery is recorded in it before the next one is tried.
    """
    deliveries = []
    for m in messages:
        channels: list[tuple[str, str, Callable[[], None]]] = []
        if config.slack_url is not None:
            channels.append(
                ("slack", "slack", partial(post_slack, config.slack_url, m.text, timeout))
            )
        for key, shown, action in channels:
            deliveries.append(deliver_once(m.team, key, shown, m.digest, action, sleep, ledger))
        if config.smtp is not None:
            deliveries.append(_email(config.smtp, m, timeout, sleep, ledger))
    return deliveries


def forget_team(ledger: Ledger, team: str) -> None:
    """Forget the team's Slack and email deliveries (it has nothing to do any more)."""
    ledger.forget_channels(team, ("slack", "email:"))


def _email(
    smtp: SmtpConfig,
    message: TeamMessage,
    timeout: float,
    sleep: Callable[[float], None],
    ledger: Ledger | None,
) -> Delivery:
    """Email `message` to each recipient the ledger has not had it sent to, and record each one
    reached. Kept per address and per piece of work, so neither a partial refusal nor a newly
    named person makes anyone get the same reminder twice."""
    shown = f"email to {', '.join(message.recipients)}"
    reasons = {
        address: ledger.skip_reason(message.team, f"email:{address}", message.work)
        for address in message.recipients
        if ledger is not None
    }
    due = [address for address in message.recipients if reasons.get(address) is None]
    if not due:  # every address has it, unchanged: the first one's reason stands for all
        return Delivery(message.team, shown, True, 0, reasons[message.recipients[0]] or "", True)
    pending = list(due)
    send = _email_sender(smtp, message, pending, timeout)
    delivery = _deliver(message.team, f"email to {', '.join(due)}", send, sleep)
    for address in due:
        if ledger is not None and (delivery.ok or address not in pending):
            ledger.record(message.team, f"email:{address}", message.work)
    return delivery


def deliver_once(
    team: str,
    key: str,
    shown: str,
    digest: str,
    action: Callable[[], None],
    sleep: Callable[[float], None],
    ledger: Ledger | None,
) -> Delivery:
    """Deliver on channel `key` (shown as `shown`) unless `ledger` has it sent unchanged;
    record a success in the ledger at once."""
    reason = ledger.skip_reason(team, key, digest) if ledger is not None else None
    if reason is not None:
        return Delivery(team, shown, True, 0, reason, skipped=True)
    delivery = _deliver(team, shown, action, sleep)
    if delivery.ok and ledger is not None:
        ledger.record(team, key, digest)
    return delivery


def _email_sender(
    smtp: SmtpConfig, message: TeamMessage, pending: list[str], timeout: float
) -> Callable[[], None]:
    """One try at emailing `message` to `pending`: a retry goes only to the recipients not
    reached yet (`pending` shrinks), so nobody gets it twice, and a partial refusal is a
    failure naming who was refused."""
    email = build_email(smtp.sender, pending, message.subject, message.text)

    def send() -> None:
        refused = send_email(smtp, email, pending, timeout)
        if refused:
            pending[:] = [address for address in pending if address in refused]
            retryable = all(code < 500 for code, _ in refused.values())
            raise DeliveryError(refused_reason(refused), retryable)

    return send


def _deliver(
    team: str, channel: str, action: Callable[[], None], sleep: Callable[[float], None]
) -> Delivery:
    try:
        outcome = with_retries(action, sleep)
    except Exception as exc:  # a bug in one channel must not cost the other teams their message
        reason = f"internal error ({type(exc).__name__}); run with --debug to report it"
        return Delivery(team, channel, False, 1, reason)
    return Delivery(team, channel, outcome.ok, outcome.attempts, outcome.reason)
