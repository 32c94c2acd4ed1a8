from __future__ import annotations

from intreg.reviews.checker import check_reviews
from intreg.reviews.issues import build_issues, issue_marker, quiet_records
from tests.reviews.records import D, named, reviewed, with_writer
from tests.reviews.test_messages import load, with_people

TODAY = D(2026, 11, 1)


def test_one_issue_per_record_with_work_and_the_quiet_ones_to_close():
    late = load(with_people(reviewed("2026-06-01", text=named("late"))), "late")
    quiet = load(with_writer(named("quiet", "search")), "quiet")
    report = check_reviews([late, quiet], TODAY, 30)
    [issue] = build_issues(report)
    assert (issue.record_id, issue.team) == ("late", "payments")
    assert issue.title == "Example Payments: 1 overdue, 0 to plan [intreg:late]"
    assert issue.body == (
        "What `intreg reviews` found for `late` (team payments) on 2026-11-01.\n"
        "Fix it in the record; the issue closes itself once nothing is due.\n"
        "\n"
        "**OVERDUE**\n"
        "\n"
        "- late (Example Payments): review was due 2026-09-01 (61 days ago; last reviewed "
        "2026-06-01, quarterly)\n"
        "  escalated: overdue 61 days (more than 14), so Pat Manager (project manager) is told "
        "too\n"
        "  to do: review the record against the provider's docs, then set review.last_reviewed "
        "to the date of the review\n"
        "  who: Tia Writer (technical writer)\n"
        "  where: registry/late.yaml:47:18 review.last_reviewed [review-overdue]\n"
    )
    assert quiet_records(report, [issue]) == [("quiet", "search")]
    assert issue_marker("late") == "[intreg:late]"
