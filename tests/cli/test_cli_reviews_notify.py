"""The reminders end to end (issue 21): SMTP, a webhook and a fake GitHub on 127.0.0.1."""

from __future__ import annotations

import json

from tests.cli.test_cli_reviews import no_notify_settings, use_smtp  # noqa: F401 (fixture)
from tests.notify.servers import Mailbox, fake_github, smtp_server, webhook
from tests.reviews.records import named, reviewed, with_writer
from tests.reviews.test_messages import with_people

TOKEN = "ghp_n0tPrintedAnywhere"
# Overdue since 2026-09-01: 61 days on 2026-11-01, past the default 14, so it escalates.
LATE = with_people(reviewed("2026-06-01", text=named("late")))
QUIET = with_writer(named("quiet", "search"))
SUNSET = "versioning:\n  sunset_on: 2026-10-15\n"
EVERYONE = ["pat@example.com", "payments@example.com", "tia@example.com"]


def test_reminders_reach_the_people_once_and_failures_are_retried(
    make_registry, run_cli, monkeypatch
):
    root = make_registry({"late": LATE, "quiet": QUIET})
    mailbox = Mailbox()
    args = ("reviews", "--today", "2026-11-01", "--notify", "--format", "json")
    statuses = (200, 200, 404, 200)
    with smtp_server(mailbox) as port, webhook(statuses) as hook, fake_github() as hub:
        use_smtp(monkeypatch, port)
        monkeypatch.setenv("INTREG_SLACK_WEBHOOK_URL", hook.url)
        monkeypatch.setenv("INTREG_GITHUB_REPOSITORY", hub.repository)
        monkeypatch.setenv("INTREG_GITHUB_TOKEN", TOKEN)
        monkeypatch.setenv("INTREG_GITHUB_API_URL", hub.url)

        # 1. The named people, the team and (escalated) the project manager are told.
        first = run_cli(*args, cwd=root)
        assert first.exit_code == 1  # sent; the review is still overdue
        assert notes(first) == [
            "payments: slack: sent",
            f"payments: email to {', '.join(EVERYONE)}: sent",
            "payments: github issue for late: sent",
            "search: nothing to do, no message",
        ]
        [envelope] = mailbox.envelopes
        assert envelope.rcpt_tos == EVERYONE
        [(_, _, body)] = hook.requests
        text = json.loads(body)["text"]
        assert "  escalated: overdue 61 days (more than 14), so Pat Manager (project " in text
        assert "  who: Tia Writer @tia (technical writer)\n" in text
        [issue] = hub.issues.values()
        assert issue["title"] == "Example Payments: 1 overdue, 0 to plan [intreg:late]"
        assert "@" not in issue["body"]  # no chat handle mentions someone on the tracker

        # 2. The same run again sends nothing new.
        second = run_cli(*args, cwd=root)
        assert [n.split(": not sent: ")[0] for n in notes(second)[:3]] == [
            "payments: slack",
            f"payments: email to {', '.join(EVERYONE)}",
            "payments: github issue #1 for late",
        ]
        assert (len(mailbox.envelopes), len(hook.requests), len(hub.issues)) == (1, 1, 1)

        # 3. A change sends one update on each channel.
        (root / "registry" / "late.yaml").write_text(LATE + SUNSET)
        third = run_cli(*args, cwd=root)
        assert notes(third)[:3] == [
            "payments: slack: sent",
            f"payments: email to {', '.join(EVERYONE)}: sent",
            "payments: github issue #1 for late: sent",
        ]
        assert (len(mailbox.envelopes), len(hook.requests), len(hub.issues)) == (2, 2, 1)
        assert issue["title"] == "Example Payments: 2 overdue, 0 to plan [intreg:late]"
        assert hub.comments[1] == ["Updated 2026-11-01: Example Payments: 2 overdue, 0 to plan."]

        # 4. Another change (the sunset is dealt with); the webhook refuses it: exit 4.
        (root / "registry" / "late.yaml").write_text(LATE)
        fourth = run_cli(*args, cwd=root)
        assert fourth.exit_code == 4
        assert notes(fourth)[0] == "payments: slack: FAILED after 1 attempt: HTTP 404 Not Found"
        assert notes(fourth)[1:3] == [
            f"payments: email to {', '.join(EVERYONE)}: sent",
            "payments: github issue #1 for late: sent",
        ]

        # 5. The next run retries only the failed channel.
        fifth = run_cli(*args, cwd=root)
        assert fifth.exit_code == 1
        assert notes(fifth)[0] == "payments: slack: sent"
        assert all(": not sent: unchanged since 2026-11-01" in n for n in notes(fifth)[1:3])
        assert (len(mailbox.envelopes), len(hook.requests)) == (3, 4)

        # 6. Once the work is done, the issue closes and nobody is nagged.
        (root / "registry" / "late.yaml").write_text(
            with_people(reviewed("2026-10-30", text=named("late")))
        )
        done = run_cli(*args, cwd=root)
        assert done.exit_code == 0
        assert notes(done) == [
            "payments: github issue #1 for late (closed: nothing due): sent",
            "payments: nothing to do, no message",
            "search: nothing to do, no message",
        ]
        assert issue["state"] == "closed"
    for result in (first, second, third, fourth, fifth, done):
        assert TOKEN not in result.stdout + result.stderr
    assert {auth for *_, auth in hub.calls} == {f"Bearer {TOKEN}"}


def notes(result) -> list[str]:
    return [line.removeprefix("notify: ") for line in result.stderr.splitlines()]
