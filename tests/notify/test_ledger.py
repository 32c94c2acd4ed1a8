from __future__ import annotations

import datetime as dt
import json

import pytest

from intreg.notify.deliver import Delivery, NotifyConfig, send_messages
from intreg.notify.ledger import Ledger, load_ledger
from intreg.notify.smtp import SmtpConfig
from intreg.records.errors import IntregError
from intreg.reviews.messages import TeamMessage
from tests.notify.servers import Mailbox, smtp_server, webhook

D = dt.date
MESSAGE = TeamMessage("payments", ("p@example.com",), "Subject", "Text\n", "d1")


def test_a_missing_file_is_an_empty_ledger_and_each_record_is_written_at_once(tmp_path):
    path = tmp_path / "state" / "reminders.json"
    ledger = load_ledger(path, D(2026, 11, 1))
    assert ledger.sent == {}
    ledger.record("payments", "slack", "d1")
    assert json.loads(path.read_text()) == {
        "format": 1,
        "sent": {"payments slack": {"digest": "d1", "sent_on": "2026-11-01"}},
    }
    assert load_ledger(path, D(2026, 11, 2)).sent == ledger.sent


@pytest.mark.parametrize(
    ("today", "digest", "force", "skipped"),
    [
        (D(2026, 11, 7), "d1", False, True),  # unchanged, within the interval
        (D(2026, 11, 8), "d1", False, False),  # the interval has passed
        (D(2026, 11, 2), "d2", False, False),  # something changed
        (D(2026, 11, 2), "d1", True, False),  # --force
    ],
)
def test_skip_only_when_unchanged_within_the_interval(tmp_path, today, digest, force, skipped):
    ledger = Ledger(None, D(2026, 11, 1))
    ledger.record("payments", "slack", "d1")
    later = Ledger(None, today, 7, force, ledger.sent)
    reason = later.skip_reason("payments", "slack", digest)
    assert (reason is not None) == skipped
    if skipped:
        assert reason == (
            "not sent: unchanged since 2026-11-01; reminding again from 2026-11-08 (or --force)"
        )
    assert later.skip_reason("payments", "email", "d1") is None  # another channel


@pytest.mark.parametrize("text", ["{", '{"format": 2, "sent": {}}', '{"sent": []}', "[]"])
def test_an_unreadable_state_file_is_an_error_naming_it(tmp_path, text):
    path = tmp_path / "reminders.json"
    path.write_text(text)
    with pytest.raises(IntregError) as caught:
        load_ledger(path, D(2026, 11, 1))
    assert str(caught.value).startswith(f"{path}: ")
    assert str(caught.value).endswith("(the next run then sends every reminder again)")


def test_send_messages_skips_what_the_ledger_has_and_records_successes(tmp_path):
    path = tmp_path / "reminders.json"
    with webhook(statuses=(200,)) as hook:
        first = send_messages(
            [MESSAGE], NotifyConfig(hook.url), [].append, 10, load_ledger(path, D(2026, 11, 1))
        )
        second = send_messages(
            [MESSAGE], NotifyConfig(hook.url), [].append, 10, load_ledger(path, D(2026, 11, 2))
        )
    assert first == [Delivery("payments", "slack", True, 1)]
    assert second == [
        Delivery(
            "payments",
            "slack",
            True,
            0,
            "not sent: unchanged since 2026-11-01; reminding again from 2026-11-08 (or --force)",
            skipped=True,
        )
    ]
    assert len(hook.requests) == 1


def test_a_failed_delivery_is_not_recorded_so_the_next_run_retries_it(tmp_path):
    path = tmp_path / "reminders.json"
    with webhook(statuses=(404, 200)) as hook:
        [failed] = send_messages(
            [MESSAGE], NotifyConfig(hook.url), [].append, 10, load_ledger(path, D(2026, 11, 1))
        )
        [retried] = send_messages(
            [MESSAGE], NotifyConfig(hook.url), [].append, 10, load_ledger(path, D(2026, 11, 1))
        )
    assert (failed.ok, retried.ok, retried.skipped) == (False, True, False)
    assert len(hook.requests) == 2


def test_a_crash_mid_run_keeps_what_was_sent_so_nothing_is_lost_or_sent_twice(tmp_path):
    path = tmp_path / "reminders.json"
    other = TeamMessage("search", ("s@example.com",), "Subject", "Text\n", "d9")

    def crash(seconds):
        raise KeyboardInterrupt  # the run dies while waiting to retry the second message

    with webhook(statuses=(200, 503, 200)) as hook:
        with pytest.raises(KeyboardInterrupt):
            send_messages(
                [MESSAGE, other],
                NotifyConfig(hook.url),
                crash,
                10,
                load_ledger(path, D(2026, 11, 1)),
            )
        assert list(json.loads(path.read_text())["sent"]) == ["payments slack"]
        again = send_messages(
            [MESSAGE, other], NotifyConfig(hook.url), crash, 10, load_ledger(path, D(2026, 11, 1))
        )
    assert [(d.team, d.ok, d.skipped) for d in again] == [
        ("payments", True, True),
        ("search", True, False),
    ]
    assert [json.loads(body)["text"] for _, _, body in hook.requests] == ["Text\n"] * 3


def test_email_is_remembered_per_address_so_nobody_gets_it_twice(tmp_path):
    path = tmp_path / "reminders.json"
    team = ("pat@example.com", "payments@example.com", "tia@example.com")
    message = TeamMessage("payments", team, "Subject", "Text\n", "d1", "w1")
    mailbox = Mailbox(refuse={"tia@example.com": "550 5.1.1 no such user"})
    with smtp_server(mailbox) as port:
        config = NotifyConfig(smtp=SmtpConfig("127.0.0.1", port, "intreg@example.com", False))

        def send(m):
            return send_messages([m], config, [].append, 10, load_ledger(path, D(2026, 11, 1)))

        [refused] = send(message)
        assert (refused.ok, refused.channel) == (False, f"email to {', '.join(team)}")
        mailbox.refuse.clear()  # the address is fixed
        [retried] = send(message)
        assert (retried.ok, retried.channel) == (True, "email to tia@example.com")
        [skipped] = send(message)
        assert skipped.skipped
        # A newly named person gets it; the others, whose work is unchanged, do not.
        [added] = send(TeamMessage("payments", (*team, "sam@example.com"), "S", "T\n", "d2", "w1"))
        assert added.channel == "email to sam@example.com"
    assert [e.rcpt_tos for e in mailbox.envelopes] == [
        ["pat@example.com", "payments@example.com"],
        ["tia@example.com"],
        ["sam@example.com"],
    ]
