from __future__ import annotations

import json

from intreg.records.loader import load_record
from intreg.records.report import render_json as render_findings_json
from intreg.reviews.checker import check_reviews
from intreg.reviews.render import (
    describe_status,
    render_json,
    render_markdown,
    render_table,
    summarise,
)
from tests.reviews.records import D, change, named, reviewed, with_writer


def load(text: str, record_id: str):
    return load_record(text.encode("utf-8"), f"registry/{record_id}.yaml", record_id).report


TODAY = D(2026, 11, 1)
SMS = with_writer(reviewed("2026-08-05", text=named("sms-gateway", "messaging")))
RECORDS = [
    load(with_writer(named("stripe")), "stripe"),  # due 2027-01-01
    load(SMS, "sms-gateway"),  # due 2026-11-05
    load(reviewed("2026-07-31", "P3M", named("pay")), "pay"),  # due 2026-10-31
    load(change(named("broken"), "  contact: payments@example.com\n", ""), "broken"),
]
REPORT = check_reviews(RECORDS, TODAY, 30)


def test_table_lists_overdue_first_with_aligned_columns():
    assert render_table(REPORT) == (
        "id           owner      last reviewed  next due    status\n"
        "pay          payments   2026-07-31     2026-10-31  overdue by 1 day\n"
        "sms-gateway  messaging  2026-08-05     2026-11-05  due in 4 days\n"
        "stripe       payments   2026-10-01     2027-01-01  ok\n"
    )


def test_table_of_nothing_says_so():
    assert render_table(check_reviews([], TODAY, 30)) == "no records\n"


def test_summary_counts_statuses_findings_and_load_failures():
    assert summarise(REPORT) == (
        "3 records: 1 overdue, 1 due soon, 1 ok; 1 failed to load (run `intreg validate`); "
        "2 errors, 2 warnings, 0 info"
    )


def test_status_wording():
    assert [describe_status(s) for s in check_reviews(RECORDS, D(2026, 11, 5), 3).reviews] == [
        "overdue by 5 days",
        "due today",
        "ok",
    ]


def test_json_is_one_object_with_stable_keys():
    data = json.loads(render_json(REPORT))
    assert list(data) == ["today", "within", "reviews", "findings", "tasks"]
    assert (data["today"], data["within"]) == ("2026-11-01", 30)
    assert data["reviews"][0] == {
        "id": "pay",
        "name": "Example Payments",
        "file": "registry/pay.yaml",
        "owner": "payments",
        "contact": "payments@example.com",
        "last_reviewed": "2026-07-31",
        "cadence": "P3M",
        "next_due": "2026-10-31",
        "status": "overdue",
        "days_until_due": -1,
    }
    assert [r["status"] for r in data["reviews"]] == ["overdue", "due-soon", "ok"]


def test_json_findings_have_the_shape_validate_gives_them():
    data = json.loads(render_json(REPORT))
    assert data["findings"] == json.loads(render_findings_json(REPORT.findings))
    assert [f["code"] for f in data["findings"]] == [
        "missing-field",
        "owner-contact-missing",
        "review-overdue",
        "review-due-soon",
    ]


def test_output_is_deterministic_whatever_the_record_order():
    shuffled = check_reviews(list(reversed(RECORDS)), TODAY, 30)
    assert render_json(shuffled) == render_json(REPORT)
    assert render_markdown(shuffled) == render_markdown(REPORT)


def test_markdown_has_a_review_table_and_a_findings_table():
    text = render_markdown(check_reviews(RECORDS[2:3], TODAY, 30))
    assert text == (
        "# Integration reviews on 2026-11-01\n"
        "\n"
        "| Record | Owner | Last reviewed | Next due | Status |\n"
        "|---|---|---|---|---|\n"
        "| pay (Example Payments) | payments | 2026-07-31 | 2026-10-31 | overdue by 1 day |\n"
        "\n"
        "## Findings\n"
        "\n"
        "| Where | Severity | Field | Problem | How to fix | Code |\n"
        "|---|---|---|---|---|---|\n"
        "| registry/pay.yaml:9:3 | warning | owner | no person is named for team `payments`; "
        "reminders reach only payments@example.com | name at least the technical_writer (who "
        "keeps the record current) in owner.roles, with an email ({name, email}) so reminders "
        "reach them | owner-contact-missing |\n"
        "| registry/pay.yaml:43:18 | error | review.last_reviewed | review was due 2026-10-31 "
        "(1 day ago; last reviewed 2026-07-31, P3M) | review the record against the provider's "
        "docs, then set review.last_reviewed to the date of the review | review-overdue |\n"
    )


def test_markdown_escapes_what_would_break_a_table_cell():
    text = change(named("pipes"), "name: Example Payments", 'name: "A | B <script> & C\\\\"')
    report = check_reviews([load(with_writer(text), "pipes")], TODAY, 30)
    assert "| pipes (A \\| B &lt;script&gt; &amp; C\\\\) |" in render_markdown(report)
    assert render_markdown(check_reviews([], TODAY, 30)).endswith(
        "No records.\n\n## Findings\n\nNo findings.\n"
    )
