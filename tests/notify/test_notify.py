from __future__ import annotations

import email
import email.policy
import json
import threading
import time

import pytest

from intreg.notify.deliver import (
    Delivery,
    NotifyConfig,
    config_from_env,
    require_channel,
    send_messages,
)
from intreg.notify.retry import DeliveryError
from intreg.notify.slack import escape_slack, post_slack
from intreg.notify.smtp import SmtpConfig
from intreg.records.errors import IntregError
from intreg.reviews.messages import TeamMessage
from tests.notify.servers import Mailbox, silent_server, smtp_server, trickling_server, webhook

TIMEOUT = 0.2  # for servers that never answer: each try gives up after this long
PATIENT = 10.0  # for servers that answer: a busy machine must not make them miss the deadline
MESSAGE = TeamMessage(
    "payments",
    ("payments@example.com", "billing@example.com"),
    "intreg reviews for payments: 1 overdue, 0 to plan",
    "intreg reviews for payments: 1 overdue, 0 to plan (as of 2026-11-01)\n\n"
    "stripe: Stripe € <b>\n",
)


def send(config: NotifyConfig, messages=(MESSAGE,), timeout=PATIENT):
    waits: list[float] = []
    deliveries = send_messages(messages, config, waits.append, timeout)
    return deliveries, waits


def smtp(port: int, **changes) -> SmtpConfig:
    settings = {"starttls": False, **changes}
    return SmtpConfig("127.0.0.1", port, "intreg@example.com", **settings)


# Configuration from the environment


def test_config_reads_every_variable():
    env = {
        "INTREG_SLACK_WEBHOOK_URL": "https://hooks.example.com/T1",
        "INTREG_SMTP_HOST": "smtp.example.com",
        "INTREG_SMTP_PORT": "2525",
        "INTREG_SMTP_SENDER": "intreg@example.com",
        "INTREG_SMTP_STARTTLS": "False",
        "INTREG_SMTP_USERNAME": "intreg",
        "INTREG_SMTP_PASSWORD": "s3cret",
    }
    assert config_from_env(env) == NotifyConfig(
        "https://hooks.example.com/T1",
        SmtpConfig("smtp.example.com", 2525, "intreg@example.com", False, "intreg", "s3cret"),
    )


def test_config_defaults_to_port_587_with_starttls_and_treats_empty_as_unset():
    env = {
        "INTREG_SLACK_WEBHOOK_URL": "",
        "INTREG_SMTP_HOST": "smtp.example.com",
        "INTREG_SMTP_SENDER": "intreg@example.com",
        "INTREG_SMTP_PORT": "",
    }
    assert config_from_env(env) == NotifyConfig(
        None, SmtpConfig("smtp.example.com", 587, "intreg@example.com", True)
    )
    assert config_from_env({}) == NotifyConfig()


def test_password_is_not_in_the_repr():
    assert "s3cret" not in repr(SmtpConfig("h", 25, "s@example.com", True, "u", "s3cret"))


SMTP_BASE = {"INTREG_SMTP_HOST": "h", "INTREG_SMTP_SENDER": "s"}


@pytest.mark.parametrize(
    ("env", "message"),
    [
        (
            {"INTREG_SLACK_WEBHOOK_URL": "file:///etc/passwd"},
            "INTREG_SLACK_WEBHOOK_URL must be an http(s):// URL",
        ),
        (
            {"INTREG_SMTP_HOST": "h"},
            "INTREG_SMTP_HOST is set, so INTREG_SMTP_SENDER must name the From address",
        ),
        (
            {**SMTP_BASE, "INTREG_SMTP_PORT": "smtp"},
            "INTREG_SMTP_PORT must be a port number, not 'smtp'",
        ),
        (
            {**SMTP_BASE, "INTREG_SMTP_PORT": "70000"},
            "INTREG_SMTP_PORT must be a port number, not '70000'",
        ),
        (
            {**SMTP_BASE, "INTREG_SMTP_STARTTLS": "yes"},
            "INTREG_SMTP_STARTTLS must be true or false",
        ),
        (
            {**SMTP_BASE, "INTREG_SMTP_USERNAME": "u"},
            "set both INTREG_SMTP_USERNAME and INTREG_SMTP_PASSWORD, or neither",
        ),
    ],
)
def test_config_errors_name_the_variable(env, message):
    with pytest.raises(IntregError) as caught:
        config_from_env(env)
    assert str(caught.value) == message


def test_no_channel_is_an_error_naming_the_variables():
    with pytest.raises(IntregError) as caught:
        require_channel(NotifyConfig())
    assert str(caught.value) == (
        "--notify needs a channel: set INTREG_SLACK_WEBHOOK_URL (a Slack-compatible webhook), "
        "or INTREG_SMTP_HOST and INTREG_SMTP_SENDER (with INTREG_SMTP_PORT, "
        "INTREG_SMTP_STARTTLS, INTREG_SMTP_USERNAME and INTREG_SMTP_PASSWORD as needed), or "
        "INTREG_GITHUB_REPOSITORY (with a token in INTREG_GITHUB_TOKEN or GITHUB_TOKEN)"
    )


# Slack-compatible webhook


def test_webhook_receives_the_text_as_json():
    with webhook() as hook:
        deliveries, waits = send(NotifyConfig(slack_url=hook.url))
    assert deliveries == [Delivery("payments", "slack", True, 1)]
    assert waits == []
    [(path, content_type, body)] = hook.requests
    assert (path, content_type) == ("/hooks/T1", "application/json")
    assert json.loads(body) == {
        "text": "intreg reviews for payments: 1 overdue, 0 to plan (as of 2026-11-01)\n\n"
        "stripe: Stripe € &lt;b&gt;\n"
    }


def test_webhook_failing_twice_then_succeeding_is_retried_with_backoff():
    with webhook(statuses=(500, 500, 200)) as hook:
        deliveries, waits = send(NotifyConfig(slack_url=hook.url))
    assert deliveries == [Delivery("payments", "slack", True, 3)]
    assert waits == [1.0, 2.0]
    assert len({body for _, _, body in hook.requests}) == 1
    assert len(hook.requests) == 3


def test_webhook_that_never_answers_times_out_and_is_reported():
    started = time.monotonic()
    with webhook(hang=True) as hook:
        deliveries, waits = send(NotifyConfig(slack_url=hook.url), timeout=TIMEOUT)
    assert time.monotonic() - started < 3 * TIMEOUT + 2  # bounded: three short timeouts
    assert deliveries == [Delivery("payments", "slack", False, 3, "no answer within 0.2 s")]
    assert deliveries[0].describe() == (
        "payments: slack: FAILED after 3 attempts: no answer within 0.2 s"
    )
    assert (waits, len(hook.requests)) == ([1.0, 2.0], 3)


def test_webhook_client_error_is_not_retried():
    with webhook(statuses=(404,)) as hook:
        deliveries, waits = send(NotifyConfig(slack_url=hook.url))
    assert deliveries == [Delivery("payments", "slack", False, 1, "HTTP 404 Not Found")]
    assert (waits, len(hook.requests)) == ([], 1)


def test_webhook_that_refuses_connections_is_retried_and_reported():
    with webhook() as hook:
        url = hook.url
    deliveries, waits = send(NotifyConfig(slack_url=url))
    assert deliveries == [
        Delivery("payments", "slack", False, 3, "cannot connect: [Errno 111] Connection refused")
    ]
    assert waits == [1.0, 2.0]


def test_slack_escapes_its_control_characters():
    assert escape_slack("a < b & c > d") == "a &lt; b &amp; c &gt; d"


# Email over SMTP


def received(mailbox: Mailbox) -> list[tuple[str, list[str], email.message.EmailMessage]]:
    parse = email.message_from_bytes
    return [
        (e.mail_from, e.rcpt_tos, parse(e.original_content, policy=email.policy.default))
        for e in mailbox.envelopes
    ]


def test_smtp_server_receives_the_whole_message():
    mailbox = Mailbox()
    with smtp_server(mailbox) as port:
        deliveries, _ = send(NotifyConfig(smtp=smtp(port)))
    channel = "email to payments@example.com, billing@example.com"
    assert deliveries == [Delivery("payments", channel, True, 1)]
    [(sender, recipients, message)] = received(mailbox)
    assert (sender, recipients) == (
        "intreg@example.com",
        ["payments@example.com", "billing@example.com"],
    )
    assert (message["From"], message["To"], message["Subject"]) == (
        "intreg@example.com",
        "payments@example.com, billing@example.com",
        "intreg reviews for payments: 1 overdue, 0 to plan",
    )
    assert message.get_content().replace("\r\n", "\n") == MESSAGE.text  # SMTP lines end in CRLF


def test_smtp_logs_in_with_the_configured_credentials():
    mailbox = Mailbox()
    with smtp_server(mailbox) as port:
        good, _ = send(NotifyConfig(smtp=smtp(port, username="intreg", password="s3cret")))
        bad, waits = send(NotifyConfig(smtp=smtp(port, username="intreg", password="wrong")))
    # smtplib tries each mechanism the server offers before it gives up on a wrong password.
    assert mailbox.logins[0] == (b"intreg", b"s3cret")
    assert set(mailbox.logins[1:]) == {(b"intreg", b"wrong")}
    assert good[0].ok
    assert (bad[0].ok, bad[0].attempts, waits) == (False, 1, [])
    assert bad[0].reason.startswith("SMTP 535 ")
    assert len(mailbox.envelopes) == 1


def test_smtp_transient_failures_are_retried_until_delivered():
    mailbox = Mailbox(failures=2)
    with smtp_server(mailbox) as port:
        deliveries, waits = send(NotifyConfig(smtp=smtp(port)))
    assert (deliveries[0].ok, deliveries[0].attempts, waits) == (True, 3, [1.0, 2.0])
    assert len(mailbox.envelopes) == 1


def test_smtp_starttls_required_but_not_offered_fails_at_once():
    mailbox = Mailbox()
    with smtp_server(mailbox) as port:
        deliveries, waits = send(NotifyConfig(smtp=smtp(port, starttls=True)))
    assert deliveries[0].describe() == (
        "payments: email to payments@example.com, billing@example.com: FAILED after 1 attempt: "
        "server does not support it: STARTTLS extension not supported by server."
    )
    assert (waits, mailbox.envelopes) == ([], [])


def test_smtp_server_that_never_answers_times_out():
    started = time.monotonic()
    with silent_server() as port:
        deliveries, waits = send(NotifyConfig(smtp=smtp(port)), timeout=TIMEOUT)
    assert time.monotonic() - started < 3 * TIMEOUT + 2
    assert (deliveries[0].ok, deliveries[0].attempts, waits) == (False, 3, [1.0, 2.0])
    assert deliveries[0].reason == "no answer within 0.2 s"


def test_both_channels_are_used_and_each_result_is_reported():
    mailbox = Mailbox()
    with webhook(statuses=(503,)) as hook, smtp_server(mailbox) as port:
        deliveries, _ = send(NotifyConfig(hook.url, smtp(port)))
    assert [d.describe() for d in deliveries] == [
        "payments: slack: FAILED after 3 attempts: HTTP 503 Service Unavailable",
        "payments: email to payments@example.com, billing@example.com: sent",
    ]


# Nothing lost, nothing leaked (issue 24)


def within(seconds: float, action):
    """The result of `action()`, run in a thread; fails (not hangs) when it takes longer."""
    result: list = []
    thread = threading.Thread(target=lambda: result.append(action()), daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), f"still running after {seconds} s"
    return result[0]


def test_a_webhook_that_trickles_is_stopped_at_the_deadline():
    with trickling_server(b"HTTP/1.1 200 OK\r\n") as port:
        config = NotifyConfig(slack_url=f"http://127.0.0.1:{port}/hooks/T1")
        deliveries, waits = within(60, lambda: send(config, timeout=0.5))
    assert deliveries == [Delivery("payments", "slack", False, 3, "no answer within 0.5 s")]
    assert waits == [1.0, 2.0]


def test_an_smtp_server_that_trickles_is_stopped_at_the_deadline():
    with trickling_server(b"220-intreg test server") as port:
        deliveries, _ = within(60, lambda: send(NotifyConfig(smtp=smtp(port)), timeout=0.5))
    assert (deliveries[0].ok, deliveries[0].reason) == (False, "no answer within 0.5 s")


def test_a_partial_refusal_is_a_failure_naming_who_was_refused():
    mailbox = Mailbox(refuse={"billing@example.com": "550 5.1.1 no such user"})
    with smtp_server(mailbox) as port:
        deliveries, waits = send(NotifyConfig(smtp=smtp(port)))
    assert [d.describe() for d in deliveries] == [
        "payments: email to payments@example.com, billing@example.com: FAILED after 1 attempt: "
        "refused by the server: billing@example.com (550 5.1.1 no such user)"
    ]
    assert [e.rcpt_tos for e in mailbox.envelopes] == [["payments@example.com"]]
    assert waits == []  # 5xx is permanent


def test_a_transient_partial_refusal_is_retried_for_the_refused_only():
    mailbox = Mailbox(refuse={"billing@example.com": "450 4.2.1 mailbox busy"})
    with smtp_server(mailbox) as port:
        deliveries, waits = send(NotifyConfig(smtp=smtp(port)))
        mailbox.refuse.clear()
    assert deliveries[0].ok is False
    # The accepted recipient got it once; every retry went to the refused one only.
    assert [e.rcpt_tos for e in mailbox.envelopes] == [["payments@example.com"]]
    assert deliveries[0].reason == (
        "refused by the server: billing@example.com (450 4.2.1 mailbox busy)"
    )
    assert (deliveries[0].attempts, waits) == (3, [1.0, 2.0])


def test_a_refused_recipient_does_not_stop_the_other_teams():
    other = TeamMessage("growth", ("growth@example.com",), "intreg reviews for growth", "hi\n")
    mailbox = Mailbox(refuse={"payments@example.com": "550 5.1.1 no such user",
                              "billing@example.com": "550 5.1.1 no such user"})  # fmt: skip
    with smtp_server(mailbox) as port:
        deliveries, _ = send(NotifyConfig(smtp=smtp(port)), messages=(MESSAGE, other))
    assert [(d.team, d.ok) for d in deliveries] == [("payments", False), ("growth", True)]
    assert [e.rcpt_tos for e in mailbox.envelopes] == [["growth@example.com"]]


SECRET_URL = "https://hooks.slack.com/services/T0001/B0001/Xq3sEcReTtOkEn9"


@pytest.mark.parametrize(
    "url",
    [
        SECRET_URL.replace("/B0001", " /B0001"),
        SECRET_URL.replace("/B0001", "/\x1b[31mB0001"),
        SECRET_URL.replace("hooks.slack.com", "hooks.slack.com:99999"),
        "https:///services/T0001/B0001/Xq3sEcReTtOkEn9",
    ],
)
def test_a_bad_webhook_url_is_refused_without_showing_it(url):
    with pytest.raises(IntregError) as error:
        config_from_env({"INTREG_SLACK_WEBHOOK_URL": url})
    assert str(error.value).startswith("INTREG_SLACK_WEBHOOK_URL is not a valid webhook URL: ")
    assert "Xq3s" not in str(error.value) and "T0001" not in str(error.value)


def test_posting_to_a_bad_url_fails_without_showing_it():
    with pytest.raises(DeliveryError) as error:
        post_slack(SECRET_URL.replace("/B0001", " /B0001"), "hi", PATIENT)
    assert error.value.reason == "the webhook URL (not shown: it is a secret) is not a valid URL"
    assert error.value.retryable is False
