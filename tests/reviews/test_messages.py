from __future__ import annotations

from intreg.records.loader import load_record
from intreg.reviews.checker import check_reviews
from intreg.reviews.messages import TeamMessage, build_messages, render_dry_run
from tests.reviews.records import D, change, named, reviewed, with_writer


def load(text: str, record_id: str):
    return load_record(text.encode("utf-8"), f"registry/{record_id}.yaml", record_id).report


TODAY = D(2026, 11, 1)
OVERDUE = load(with_writer(reviewed("2026-06-01", text=named("pay"))), "pay")
NO_WRITER = load(named("cards"), "cards")
QUIET = load(with_writer(named("sms", "messaging")), "sms")
BROKEN = load(change(named("broken"), "  contact: payments@example.com\n", ""), "broken")


def test_one_message_per_team_with_something_to_do():
    report = check_reviews([OVERDUE, NO_WRITER, QUIET, BROKEN], TODAY, 30)
    assert build_messages(report) == [
        TeamMessage(
            "payments",
            ("payments@example.com",),
            "intreg reviews for payments: 1 overdue, 1 to plan",
            "intreg reviews for payments: 1 overdue, 1 to plan (as of 2026-11-01)\n"
            "\n"
            "cards: Example Payments (registry/cards.yaml)\n"
            "- 9:3: warning: owner: no person is named for team `payments`; reminders reach "
            "only payments@example.com [owner-contact-missing]\n"
            "  hint: name at least the technical_writer (who keeps the record current) in "
            "owner.roles\n"
            "\n"
            "pay: Example Payments (registry/pay.yaml)\n"
            "- 45:18: error: review.last_reviewed: review was due 2026-09-01 (61 days ago; last "
            "reviewed 2026-06-01, quarterly) [review-overdue]\n"
            "  hint: review the record against the provider's docs, then set "
            "review.last_reviewed to the date of the review\n",
        )
    ]


def test_a_team_with_several_contacts_is_sent_to_each():
    other = change(named("cards"), "contact: payments@", "contact: cards@")
    report = check_reviews([OVERDUE, load(other, "cards")], TODAY, 30)
    [message] = build_messages(report)
    assert message.recipients == ("cards@example.com", "payments@example.com")


def test_no_message_when_nothing_is_due():
    assert build_messages(check_reviews([QUIET], TODAY, 30)) == []


def test_dry_run_shows_recipients_subject_and_text():
    messages = [
        TeamMessage("a", ("a@example.com",), "Subject A", "Text A\n"),
        TeamMessage("b", ("b@example.com", "c@example.com"), "Subject B", "Text B\n"),
    ]
    assert render_dry_run(messages) == (
        "To: a@example.com\nSubject: Subject A\n\nText A\n"
        "\n"
        "To: b@example.com, c@example.com\nSubject: Subject B\n\nText B\n"
    )
    assert render_dry_run([]) == ""
