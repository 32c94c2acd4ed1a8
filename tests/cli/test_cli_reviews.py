"""`intreg reviews` through its command line: outputs, exit codes, notifications, calendar."""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import json
from pathlib import Path

import icalendar
import pytest

from tests.notify.servers import Mailbox, fake_github, smtp_server, webhook
from tests.reviews.records import MINIMAL, change, reviewed, with_writer

CLEAN = with_writer()  # review due 2027-01-01, a person named in owner.roles
# owner.contact is required, so this record fails to load.
BROKEN = change(MINIMAL, "  contact: payments@example.com\n", "").replace(
    "id: minimal", "id: broken"
)
# Another team's record, reviewed recently: that team has nothing to do.
QUIET = reviewed("2026-12-01", text=CLEAN).replace("id: minimal", "id: quiet")
QUIET = QUIET.replace("team: payments", "team: search")
TABLE_HEADER = "id       owner     last reviewed  next due    status\n"


@pytest.fixture(autouse=True)
def no_notify_settings(monkeypatch):
    for name in (
        "INTREG_SLACK_WEBHOOK_URL",
        "INTREG_SMTP_HOST",
        "INTREG_SMTP_PORT",
        "INTREG_SMTP_SENDER",
        "INTREG_SMTP_STARTTLS",
        "INTREG_SMTP_USERNAME",
        "INTREG_SMTP_PASSWORD",
        "INTREG_GITHUB_REPOSITORY",
        "INTREG_GITHUB_TOKEN",
        "INTREG_GITHUB_API_URL",
        "GITHUB_TOKEN",
        "INTREG_CACHE_DIR",
    ):
        monkeypatch.delenv(name, raising=False)


def test_nothing_due_exits_0_with_a_table(make_registry, run_cli):
    root = make_registry({"minimal": CLEAN})
    result = run_cli("reviews", "--today", "2026-11-01", cwd=root)
    assert (result.exit_code, result.stdout, result.stderr) == (
        0,
        TABLE_HEADER + "minimal  payments  2026-10-01     2027-01-01  ok\n",
        "1 record: 0 overdue, 0 due soon, 1 ok; 0 errors, 0 warnings, 0 info\n",
    )


def test_overdue_review_exits_1_and_lists_the_finding(make_registry, run_cli):
    root = make_registry({"minimal": CLEAN})
    result = run_cli("reviews", "--today", "2027-01-02", cwd=root)
    assert result.exit_code == 1
    assert result.stdout == (
        TABLE_HEADER + "minimal  payments  2026-10-01     2027-01-01  overdue by 1 day\n"
        "\n"
        "registry/minimal.yaml:45:18: error: review.last_reviewed: review was due 2027-01-01 "
        "(1 day ago; last reviewed 2026-10-01, quarterly) [review-overdue]\n"
        "  hint: review the record against the provider's docs, then set review.last_reviewed "
        "to the date of the review\n"
    )
    assert result.stderr == "1 record: 1 overdue, 0 due soon, 0 ok; 1 error, 0 warnings, 0 info\n"


@pytest.mark.parametrize(("within", "status"), [("11", "due in 11 days"), ("10", "ok")])
def test_within_sets_the_due_soon_window(make_registry, run_cli, within, status):
    root = make_registry({"minimal": CLEAN})
    result = run_cli("reviews", "--today", "2026-12-21", "--within", within, cwd=root)
    assert result.exit_code == 0
    assert result.stdout.splitlines()[1].endswith(f"2027-01-01  {status}")


@pytest.mark.parametrize(
    ("extra", "code"),
    [
        ("versioning:\n  sunset_on: 2026-11-01\n", "version-sunset-passed"),
        ("lifecycle: deprecated\nconsumers: [web]\n", "deprecated-in-use"),
    ],
)
def test_other_findings_and_their_exit_codes(make_registry, run_cli, extra, code):
    root = make_registry({"minimal": CLEAN + extra})
    result = run_cli("reviews", "--today", "2026-11-01", "--format", "json", cwd=root)
    findings = json.loads(result.stdout)["findings"]
    assert [f["code"] for f in findings] == [code]
    assert result.exit_code == (1 if findings[0]["severity"] == "error" else 0)


def test_rotation_overdue_exits_1(make_registry, run_cli):
    scope = "      scope: backend\n"
    rotated = change(CLEAN, scope, f"{scope}      rotation: P30D\n      last_rotated: 2026-09-01\n")
    root = make_registry({"minimal": rotated})
    result = run_cli("reviews", "--today", "2026-11-01", cwd=root)
    assert result.exit_code == 1
    assert "[credential-rotation-overdue]" in result.stdout


def test_a_record_that_fails_to_load_is_reported_and_exits_1(make_registry, run_cli):
    root = make_registry({"minimal": CLEAN, "broken": BROKEN})
    result = run_cli("reviews", "--today", "2026-11-01", "--owner", "payments", cwd=root)
    assert result.exit_code == 1
    assert result.stdout.endswith(
        "\nregistry/broken.yaml:8:1: error: owner.contact: missing required field `contact` "
        "[missing-field]\n"
        "  hint: add `contact:` under `owner` (Team email address; review reminders go here)\n"
    )
    assert result.stderr == (
        "1 record: 0 overdue, 0 due soon, 1 ok; 1 failed to load (run `intreg validate`); "
        "1 error, 0 warnings, 0 info\n"
    )


def test_json_shape(make_registry, run_cli):
    root = make_registry({"minimal": MINIMAL})
    result = run_cli("reviews", "--today", "2026-12-10", "--format", "json", cwd=root)
    assert (result.exit_code, result.stderr) == (0, "")
    assert json.loads(result.stdout) == {
        "today": "2026-12-10",
        "within": 30,
        "reviews": [
            {
                "id": "minimal",
                "name": "Example Payments",
                "file": "registry/minimal.yaml",
                "owner": "payments",
                "contact": "payments@example.com",
                "last_reviewed": "2026-10-01",
                "cadence": "quarterly",
                "next_due": "2027-01-01",
                "status": "due-soon",
                "days_until_due": 22,
            }
        ],
        "findings": [
            {
                "file": "registry/minimal.yaml",
                "line": 9,
                "column": 3,
                "path": "owner",
                "message": "no person is named for team `payments`; reminders reach only "
                "payments@example.com",
                "severity": "warning",
                "code": "owner-contact-missing",
                "hint": "name at least the technical_writer (who keeps the record current) in "
                "owner.roles, with an email ({name, email}) so reminders reach them",
            },
            {
                "file": "registry/minimal.yaml",
                "line": 43,
                "column": 18,
                "path": "review.last_reviewed",
                "message": "review is due 2027-01-01 (in 22 days)",
                "severity": "warning",
                "code": "review-due-soon",
                "hint": "plan the review; then set review.last_reviewed to its date",
            },
        ],
        "tasks": [],  # no system record: no maintenance tasks
    }


def test_markdown_for_a_wiki(make_registry, run_cli):
    root = make_registry({"minimal": CLEAN})
    result = run_cli("reviews", "--today", "2026-11-01", "--format", "markdown", cwd=root)
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == (
        "# Integration reviews on 2026-11-01\n\n"
        "| Record | Owner | Last reviewed | Next due | Status |\n"
        "|---|---|---|---|---|\n"
        "| minimal (Example Payments) | payments | 2026-10-01 | 2027-01-01 | ok |\n\n"
        "## Findings\n\nNo findings.\n"
    )


def test_ics_on_stdout_parses_and_findings_go_to_stderr(make_registry, run_cli):
    root = make_registry({"minimal": MINIMAL})
    args = ("--today", "2026-11-01", "--format", "ics", "--owner", "payments")
    result = run_cli("reviews", *args, cwd=root)
    assert result.exit_code == 0
    assert result.stdout_bytes.startswith(b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")
    calendar = icalendar.Calendar.from_ical(result.stdout)
    assert str(calendar["X-WR-CALNAME"]) == "intreg reviews: payments"
    [event] = calendar.walk("VEVENT")
    assert str(event["UID"]) == "review-minimal@intreg"
    assert event.decoded("DTSTART") == dt.date(2027, 1, 1)
    assert result.stderr.startswith("registry/minimal.yaml:9:3: warning: owner: ")


def test_output_writes_the_file_atomically_and_only_when_changed(make_registry, run_cli):
    root = make_registry({"minimal": CLEAN})
    args = ("reviews", "--today", "2026-11-01", "--format", "ics", "--output", "cal/reviews.ics")
    first = run_cli(*args, cwd=root)
    assert (first.exit_code, first.stdout, first.stderr) == (0, "", "wrote cal/reviews.ics\n")
    data = (root / "cal" / "reviews.ics").read_bytes()
    assert data == run_cli(*args[:5], cwd=root).stdout_bytes
    assert run_cli(*args, cwd=root).stderr == "unchanged cal/reviews.ics\n"
    assert [p.name for p in (root / "cal").iterdir()] == ["reviews.ics"]


def test_today_defaults_to_the_current_date(make_registry, run_cli):
    root = make_registry({"minimal": CLEAN})
    before = dt.date.today().isoformat()
    result = run_cli("reviews", "--format", "json", cwd=root)
    assert json.loads(result.stdout)["today"] in {before, dt.date.today().isoformat()}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--today", "2026-02-30"], "Invalid value for '--today'"),
        (["--within", "-1"], "Invalid value for '--within'"),
        (["--format", "xml"], "Invalid value for '--format'"),
        (["--dry-run"], "Error: --dry-run only applies with --notify\n"),
        (
            ["--notify", "--dry-run", "--format", "json"],
            "Error: --dry-run prints the messages; leave out --format and --output\n",
        ),
        (["--notify"], "intreg: error: --notify needs a channel: set INTREG_SLACK_WEBHOOK_URL"),
        (
            ["--owner", "nobody"],
            "intreg: error: no record is owned by team `nobody`; teams: payments\n",
        ),
    ],
)
def test_usage_errors_exit_2(make_registry, run_cli, args, message):
    root = make_registry({"minimal": CLEAN})
    result = run_cli("reviews", *args, cwd=root)
    assert (result.exit_code, result.stdout) == (2, "")
    assert message in result.stderr


def test_bad_notify_settings_exit_2(make_registry, run_cli, monkeypatch):
    monkeypatch.setenv("INTREG_SMTP_HOST", "127.0.0.1")
    root = make_registry({"minimal": CLEAN})
    result = run_cli("reviews", "--notify", cwd=root)
    assert (result.exit_code, result.stderr) == (
        2,
        "intreg: error: INTREG_SMTP_HOST is set, so INTREG_SMTP_SENDER must name the From "
        "address\n",
    )


def test_outside_a_project_exits_2(tmp_path: Path, run_cli):
    result = run_cli("reviews", cwd=tmp_path)
    assert result.exit_code == 2
    assert "no intreg project at or above" in result.stderr


# Notifications, to real servers on 127.0.0.1


def test_notify_posts_to_the_webhook_and_reports_each_team(make_registry, run_cli, monkeypatch):
    root = make_registry({"minimal": CLEAN, "quiet": QUIET})
    with webhook() as hook:
        monkeypatch.setenv("INTREG_SLACK_WEBHOOK_URL", hook.url)
        result = run_cli("reviews", "--today", "2027-01-02", "--notify", cwd=root)
    assert result.exit_code == 1  # sent, and the review is still overdue
    assert result.stderr.splitlines()[1:] == [
        "notify: payments: slack: sent",
        "notify: search: nothing to do, no message",
    ]
    [(_, _, body)] = hook.requests
    text = json.loads(body)["text"]
    assert text.startswith(
        "intreg reviews for payments: 1 overdue, 0 to plan (as of 2027-01-02)\n\n"
        "OVERDUE (1)\n"
        "- minimal (Example Payments): review was due 2027-01-01"
    )


def test_notify_failure_exits_4_and_is_reported(make_registry, run_cli, monkeypatch):
    root = make_registry({"minimal": MINIMAL})
    with webhook(statuses=(404,)) as hook:
        monkeypatch.setenv("INTREG_SLACK_WEBHOOK_URL", hook.url)
        result = run_cli("reviews", "--today", "2026-11-01", "--notify", cwd=root)
    assert result.exit_code == 4
    assert result.stderr.splitlines()[1:] == [
        "notify: payments: slack: FAILED after 1 attempt: HTTP 404 Not Found"
    ]


def use_smtp(monkeypatch, port: int) -> None:
    """Send reminders to the SMTP server on 127.0.0.1:`port`, without STARTTLS."""
    for name, value in [("HOST", "127.0.0.1"), ("PORT", str(port)),
                        ("SENDER", "intreg@example.com"), ("STARTTLS", "false")]:  # fmt: skip
        monkeypatch.setenv(f"INTREG_SMTP_{name}", value)


def test_notify_by_email(make_registry, run_cli, monkeypatch):
    root = make_registry({"minimal": MINIMAL})
    mailbox = Mailbox()
    with smtp_server(mailbox) as port:
        use_smtp(monkeypatch, port)
        result = run_cli("reviews", "--today", "2026-11-01", "--notify", cwd=root)
    assert result.exit_code == 0
    assert result.stderr.splitlines()[1:] == [
        "notify: payments: email to payments@example.com: sent"
    ]
    [envelope] = mailbox.envelopes
    assert envelope.rcpt_tos == ["payments@example.com"]
    message = email.message_from_bytes(envelope.original_content, policy=email.policy.default)
    assert message["Subject"] == "intreg reviews for payments: 0 overdue, 1 to plan"
    assert "[owner-contact-missing]" in message.get_content()


def test_dry_run_prints_the_messages_and_sends_nothing(make_registry, run_cli, monkeypatch):
    root = make_registry({"minimal": MINIMAL, "broken": BROKEN})
    (root / "mkdocs.yml").write_text(
        "site_name: t\nsite_url: https://docs.example.com\nrepo_url: https://github.com/o/r\n"
    )
    with webhook() as hook:
        monkeypatch.setenv("INTREG_SLACK_WEBHOOK_URL", hook.url)
        result = run_cli("reviews", "--today", "2026-11-01", "--notify", "--dry-run", cwd=root)
    assert hook.requests == []
    assert result.exit_code == 1  # a record failed to load
    assert result.stdout == (
        "To: payments@example.com\n"
        "Subject: intreg reviews for payments: 0 overdue, 1 to plan\n\n"
        "intreg reviews for payments: 0 overdue, 1 to plan (as of 2026-11-01)\n\n"
        "TO DO (1)\n"
        "- minimal (Example Payments): no person is named for team `payments`; reminders reach "
        "only payments@example.com\n"
        "  to do: name at least the technical_writer (who keeps the record current) in "
        "owner.roles, with an email ({name, email}) so reminders reach them\n"
        "  where: registry/minimal.yaml:9:3 owner [owner-contact-missing]\n"
        "  page: https://docs.example.com/integrations/minimal/\n"
        "  record: https://github.com/o/r/blob/HEAD/registry/minimal.yaml#L9\n"
    )
    assert result.stderr == (
        "notify: dry run: 1 message(s) not sent\n"
        "notify: registry/broken.yaml: failed to load, so its owner cannot be told; "
        "run `intreg validate registry/broken.yaml`\n"
    )


def test_help_shows_examples(run_cli, tmp_path: Path):
    assert (
        "intreg reviews --format ics --output reviews.ics"
        in run_cli("reviews", "--help", cwd=tmp_path).stdout
    )


def test_a_webhook_url_with_a_space_exits_2_without_showing_it(make_registry, run_cli, monkeypatch):
    secret = "https://hooks.slack.com/services/T0001/B0001 /Xq3sEcReTtOkEn9"
    monkeypatch.setenv("INTREG_SLACK_WEBHOOK_URL", secret)
    root = make_registry({"minimal": MINIMAL})
    result = run_cli("reviews", "--today", "2026-11-01", "--notify", cwd=root)
    assert (result.exit_code, result.stderr) == (
        2,
        "intreg: error: INTREG_SLACK_WEBHOOK_URL is not a valid webhook URL: it contains a "
        "space or a control character (the value is not shown: a webhook URL is a secret)\n",
    )


def test_an_smtp_partial_refusal_exits_4_naming_the_recipient(make_registry, run_cli, monkeypatch):
    root = make_registry({"minimal": MINIMAL})
    mailbox = Mailbox(refuse={"payments@example.com": "550 5.1.1 no such user"})
    with smtp_server(mailbox) as port:
        use_smtp(monkeypatch, port)
        result = run_cli("reviews", "--today", "2026-11-01", "--notify", cwd=root)
    assert result.exit_code == 4
    assert result.stderr.splitlines()[1:] == [
        "notify: payments: email to payments@example.com: FAILED after 1 attempt: "
        "refused by the server: payments@example.com (550 5.1.1 no such user)"
    ]
    assert mailbox.envelopes == []


def test_a_second_run_sends_nothing_new_unless_forced(
    make_registry, run_cli, monkeypatch, tmp_path
):
    root = make_registry({"minimal": CLEAN})
    state = tmp_path / "state.json"
    args = ("reviews", "--today", "2027-01-02", "--notify", "--state", str(state))
    with webhook() as hook:
        monkeypatch.setenv("INTREG_SLACK_WEBHOOK_URL", hook.url)
        first = run_cli(*args, cwd=root)
        second = run_cli(*args, "--remind-every", "3", cwd=root)
        forced = run_cli(*args, "--force", cwd=root)
        later = run_cli(*args[:2], "2027-01-05", *args[3:], "--remind-every", "3", cwd=root)
    assert first.stderr.splitlines()[1:] == ["notify: payments: slack: sent"]
    assert second.stderr.splitlines()[1:] == [
        "notify: payments: slack: not sent: unchanged since 2027-01-02; reminding again from "
        "2027-01-05 (or --force)"
    ]
    assert forced.stderr.splitlines()[1:] == ["notify: payments: slack: sent"]
    assert later.stderr.splitlines()[1:] == ["notify: payments: slack: sent"]
    assert len(hook.requests) == 3
    assert (first.exit_code, second.exit_code) == (1, 1)


def test_an_unreadable_state_file_exits_2_before_sending(make_registry, run_cli, monkeypatch):
    root = make_registry({"minimal": CLEAN})
    (root / ".intreg-cache").mkdir()
    (root / ".intreg-cache" / "reminders.json").write_text("{")
    with webhook() as hook:
        monkeypatch.setenv("INTREG_SLACK_WEBHOOK_URL", hook.url)
        result = run_cli("reviews", "--today", "2027-01-02", "--notify", cwd=root)
    assert (result.exit_code, result.stdout, hook.requests) == (2, "", [])
    assert "reminders.json: cannot read the reminders state" in result.stderr


@pytest.mark.parametrize(
    ("flags", "sections"),
    [
        ((), ["OVERDUE (1)", "TO DO (1)", "ALSO NOTED (not urgent; --verbose lists each)"]),
        (("--verbose",), ["OVERDUE (1)", "TO DO (1)", "ALSO NOTED (1)"]),
        (("--min-severity", "warning"), ["OVERDUE (1)", "TO DO (1)"]),
        (("--min-severity", "error"), ["OVERDUE (1)"]),
    ],
)
def test_min_severity_and_verbose_shape_the_reminder(make_registry, run_cli, flags, sections):
    scope = "      scope: backend\n"
    undated = change(MINIMAL, scope, f"{scope}      rotation: P90D\n")
    root = make_registry({"minimal": undated})
    args = ("reviews", "--today", "2027-01-02", "--notify", "--dry-run", *flags)
    result = run_cli(*args, cwd=root)
    assert result.exit_code == 1
    headings = [line for line in result.stdout.splitlines() if line[:1].isupper()]
    assert headings[2:] == sections  # after To: and Subject:


def test_dry_run_shows_the_issues_it_would_open_and_calls_no_api(
    make_registry, run_cli, monkeypatch
):
    root = make_registry({"minimal": CLEAN})
    with fake_github() as hub:
        monkeypatch.setenv("INTREG_GITHUB_REPOSITORY", hub.repository)
        monkeypatch.setenv("INTREG_GITHUB_TOKEN", "t0ken")
        monkeypatch.setenv("INTREG_GITHUB_API_URL", hub.url)
        result = run_cli("reviews", "--today", "2027-01-02", "--notify", "--dry-run", cwd=root)
    assert hub.calls == []
    assert (
        "\nIssue in acme/registry: Example Payments: 1 overdue, 0 to plan [intreg:minimal]\n\n"
        in (result.stdout)
    )
    assert result.stderr.splitlines() == [
        "notify: dry run: 1 message(s) not sent",
        "notify: dry run: 1 issue(s) not opened or updated",
    ]


def test_work_that_comes_back_after_a_quiet_run_is_sent_again(make_registry, run_cli, monkeypatch):
    root = make_registry({"minimal": CLEAN})
    with webhook() as hook:
        monkeypatch.setenv("INTREG_SLACK_WEBHOOK_URL", hook.url)
        for day in ("2027-01-02", "2026-11-01", "2027-01-02"):  # overdue, then done, then again
            run_cli("reviews", "--today", day, "--notify", cwd=root)
    assert len(hook.requests) == 2
