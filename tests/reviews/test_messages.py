from __future__ import annotations

import pytest

from intreg.records.findings import Severity
from intreg.records.loader import load_record
from intreg.reviews.checker import check_reviews
from intreg.reviews.links import Links, links_from_mkdocs
from intreg.reviews.messages import MessageOptions, TeamMessage, build_messages, render_dry_run
from tests.reviews.records import D, change, named, reviewed, with_writer


def load(text: str, record_id: str):
    return load_record(text.encode("utf-8"), f"registry/{record_id}.yaml", record_id).report


TODAY = D(2026, 11, 1)
OVERDUE_TEXT = with_writer(reviewed("2026-06-01", text=named("pay")))
OVERDUE = load(OVERDUE_TEXT, "pay")
NO_WRITER = load(named("cards"), "cards")
QUIET = load(with_writer(named("sms", "messaging")), "sms")
BROKEN = load(change(named("broken"), "  contact: payments@example.com\n", ""), "broken")


def test_one_message_per_team_with_something_to_do():
    report = check_reviews([OVERDUE, NO_WRITER, QUIET, BROKEN], TODAY, 30)
    [message] = build_messages(report)
    assert message == TeamMessage(
        "payments",
        ("payments@example.com",),
        "intreg reviews for payments: 1 overdue, 1 to plan, 1 escalated",
        "intreg reviews for payments: 1 overdue, 1 to plan, 1 escalated (as of 2026-11-01)\n"
        "\n"
        "OVERDUE (1)\n"
        "- pay (Example Payments): review was due 2026-09-01 (61 days ago; last reviewed "
        "2026-06-01, quarterly)\n"
        "  escalated: overdue 61 days (more than 14), but owner.roles names no "
        "project_manager to tell\n"
        "  to do: review the record against the provider's docs, then set "
        "review.last_reviewed to the date of the review\n"
        "  who: T. Writer (technical writer)\n"
        "  where: registry/pay.yaml:45:18 review.last_reviewed [review-overdue]\n"
        "\n"
        "TO DO (1)\n"
        "- cards (Example Payments): no person is named for team `payments`; reminders reach "
        "only payments@example.com\n"
        "  to do: name at least the technical_writer (who keeps the record current) in "
        "owner.roles, with an email ({name, email}) so reminders reach them\n"
        "  where: registry/cards.yaml:9:3 owner [owner-contact-missing]\n",
        message.digest,
        message.work,
    )


ROTATING = with_writer(
    change(
        named("keys"),
        "      scope: backend\n",
        "      scope: backend\n      rotation: P30D\n",
    )
)
LINKS = Links("https://docs.example.com/", "https://git.example.com/o/r/blob/main/")


def test_overdue_comes_first_with_links_and_notes_fold_into_one_line():
    sunset = "versioning:\n  sunset_on: 2026-10-01\n  changelog_url: https://example.com/log\n"
    records = [load(ROTATING, "keys"), load(with_writer(named("old")) + sunset, "old")]
    [message] = build_messages(check_reviews(records, TODAY, 30), MessageOptions(LINKS))
    assert message.subject == "intreg reviews for payments: 1 overdue, 0 to plan, 1 escalated"
    assert message.text.split("\n", 2)[2] == (
        "OVERDUE (1)\n"
        "- old (Example Payments): API version `1.10` reached its sunset date 2026-10-01\n"
        "  escalated: overdue 31 days (more than 14), but owner.roles names no project_manager "
        "to tell\n"
        "  to do: move to a supported version and update api.version and versioning\n"
        "  where: registry/old.yaml:48:14 versioning.sunset_on [version-sunset-passed]\n"
        "  page: https://docs.example.com/integrations/old/\n"
        "  record: https://git.example.com/o/r/blob/main/registry/old.yaml#L48\n"
        "  changelog: https://example.com/log\n"
        "\n"
        "ALSO NOTED (not urgent; --verbose lists each)\n"
        "- credential-rotation-undated: 1 in keys\n"
    )


def test_verbose_lists_notes_and_min_severity_leaves_them_out():
    records = [load(ROTATING, "keys"), load(OVERDUE_TEXT, "pay")]
    report = check_reviews(records, TODAY, 30)
    [verbose] = build_messages(report, MessageOptions(verbose=True))
    assert "ALSO NOTED (1)\n- keys (Example Payments): " in verbose.text
    [errors] = build_messages(report, MessageOptions(min_severity=Severity.ERROR))
    assert "ALSO NOTED" not in errors.text
    assert errors.digest == verbose.digest  # notes are not part of what was asked


def test_notes_alone_send_no_message():
    assert build_messages(check_reviews([load(ROTATING, "keys")], TODAY, 30)) == []


@pytest.mark.parametrize(
    ("text", "links"),
    [
        ("site_name: x\n", Links()),
        ("site_url: https://d.example.com\n", Links("https://d.example.com/")),
        (
            "repo_url: https://github.com/o/r/\nedit_uri: edit/trunk/docs/\n"
            "extra:\n  p: !ENV [X, false]\n",
            Links(None, "https://github.com/o/r/blob/trunk/"),
        ),
        ("repo_url: https://github.com/o/r\n", Links(None, "https://github.com/o/r/blob/HEAD/")),
        ("site_url: javascript:alert(1)\n", Links()),
        ("[unclosed\n", Links()),
    ],
)
def test_links_from_mkdocs(text, links):
    assert links_from_mkdocs(text) == links


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


PEOPLE = (
    "  roles:\n"
    '    technical_writer: {name: Tia Writer, email: tia@example.com, chat: "@tia"}\n'
    "    api_developer: Dev Only-Name\n"
    "    project_manager: {name: Pat Manager, email: pat@example.com}\n"
)


def with_people(text: str, escalate_after: int | None = None) -> str:
    text = change(
        text, "  contact: payments@example.com\n", "  contact: payments@example.com\n" + PEOPLE
    )
    if escalate_after is not None:
        text = change(
            text,
            "  cadence: quarterly\n",
            f"  cadence: quarterly\n  escalate_after_days: {escalate_after}\n",
        )
    return text


def test_people_responsible_are_told_and_escalation_reaches_the_project_manager():
    late = with_people(reviewed("2026-06-01", text=named("late")))
    soon = with_people(reviewed("2026-08-10", text=named("soon")))
    [message] = build_messages(check_reviews([load(late, "late"), load(soon, "soon")], TODAY, 30))
    assert message.recipients == ("pat@example.com", "payments@example.com", "tia@example.com")
    assert message.subject == "intreg reviews for payments: 1 overdue, 1 to plan, 1 escalated"
    lines = message.text.splitlines()
    assert lines[3:9] == [
        "- late (Example Payments): review was due 2026-09-01 (61 days ago; last reviewed "
        "2026-06-01, quarterly)",
        "  escalated: overdue 61 days (more than 14), so Pat Manager (project manager) is told too",
        "  to do: review the record against the provider's docs, then set review.last_reviewed "
        "to the date of the review",
        "  who: Tia Writer @tia (technical writer)",
        "  where: registry/late.yaml:47:18 review.last_reviewed [review-overdue]",
        "",
    ]


def test_below_the_threshold_nothing_escalates_and_the_manager_is_not_told():
    late = with_people(reviewed("2026-06-01", text=named("late")), escalate_after=90)
    [message] = build_messages(check_reviews([load(late, "late")], TODAY, 30))
    assert message.recipients == ("payments@example.com", "tia@example.com")
    assert "escalated" not in message.text


def test_a_role_given_only_a_name_is_shown_but_not_mailed():
    sunset = "versioning:\n  sunset_on: 2026-11-20\n"
    record = load(with_people(named("old"), escalate_after=90) + sunset, "old")
    [message] = build_messages(check_reviews([record], TODAY, 30))
    assert message.recipients == ("payments@example.com",)
    assert "  who: Dev Only-Name (api developer)\n" in message.text
