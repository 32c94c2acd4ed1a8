from __future__ import annotations

import datetime as dt

import pytest

from intreg.notify.deliver import Delivery
from intreg.notify.github import LABEL, GithubApi, sync_issues
from intreg.notify.github_config import GithubConfig, github_from_env
from intreg.notify.ledger import Ledger
from intreg.records.errors import IntregError
from intreg.reviews.issues import RecordIssue
from tests.notify.servers import fake_github

TODAY = dt.date(2026, 11, 1)
TOKEN = "ghp_s3cretT0ken"
STRIPE = RecordIssue(
    "stripe", "payments", "Stripe: 1 overdue, 0 to plan [intreg:stripe]", "Body\n", "d1"
)


def api(hub, page_size=100):
    return GithubApi(GithubConfig(hub.repository, hub.url, TOKEN), 10.0, page_size)


def sync(hub, issues=(STRIPE,), quiet=(), ledger=None, page_size=100):
    return sync_issues(list(issues), list(quiet), api(hub, page_size), [].append, ledger, TODAY)


@pytest.mark.parametrize(
    ("env", "config"),
    [
        ({}, None),
        (
            {"INTREG_GITHUB_REPOSITORY": "o/r", "GITHUB_TOKEN": "t1", "INTREG_GITHUB_TOKEN": "t2"},
            GithubConfig("o/r", "https://api.github.com", "t2"),
        ),
        (
            {
                "INTREG_GITHUB_REPOSITORY": "o/r",
                "GITHUB_TOKEN": "t1",
                "INTREG_GITHUB_API_URL": "http://127.0.0.1:9/",
            },
            GithubConfig("o/r", "http://127.0.0.1:9", "t1"),
        ),
    ],
)
def test_config_from_env(env, config):
    assert github_from_env(env) == config


@pytest.mark.parametrize(
    ("env", "message"),
    [
        (
            {"INTREG_GITHUB_REPOSITORY": "o/r"},
            "INTREG_GITHUB_REPOSITORY is set, so INTREG_GITHUB_TOKEN or GITHUB_TOKEN must hold a "
            "token that may write issues",
        ),
        (
            {"INTREG_GITHUB_REPOSITORY": "o", "GITHUB_TOKEN": "t"},
            "INTREG_GITHUB_REPOSITORY must be owner/name, not 'o'",
        ),
        (
            {
                "INTREG_GITHUB_REPOSITORY": "o/r",
                "GITHUB_TOKEN": "t",
                "INTREG_GITHUB_API_URL": "ftp://x",
            },
            "INTREG_GITHUB_API_URL must be an http(s):// URL",
        ),
    ],
)
def test_config_errors(env, message):
    with pytest.raises(IntregError) as caught:
        github_from_env(env)
    assert str(caught.value) == message


def test_the_token_is_not_in_the_repr():
    assert TOKEN not in repr(GithubConfig("o/r", token=TOKEN))


def test_opens_an_issue_then_updates_it_with_a_comment_then_closes_it():
    with fake_github() as hub:
        assert sync(hub) == [Delivery("payments", "github issue for stripe", True, 1)]
        [issue] = hub.issues.values()
        assert (issue["title"], issue["body"], issue["labels"]) == (STRIPE.title, "Body\n", [LABEL])
        changed = RecordIssue(
            "stripe", "payments", "Stripe: 2 overdue, 0 to plan [intreg:stripe]", "New\n", "d2"
        )
        assert sync(hub, [changed]) == [Delivery("payments", "github issue #1 for stripe", True, 1)]
        assert (issue["title"], issue["body"]) == (changed.title, "New\n")
        assert hub.comments[1] == ["Updated 2026-11-01: Stripe: 2 overdue, 0 to plan."]
        assert sync(hub, [], [("stripe", "payments"), ("quiet", "search")]) == [
            Delivery("payments", "github issue #1 for stripe (closed: nothing due)", True, 1)
        ]
        assert issue["state"] == "closed"
        assert hub.comments[1][-1] == "Nothing is due as of 2026-11-01."
        assert sync(hub, [], [("stripe", "payments")]) == []  # closed issues are left alone
    assert {auth for *_, auth in hub.calls} == {f"Bearer {TOKEN}"}


def test_existing_issues_are_found_across_pages_by_label_and_marker():
    with fake_github() as hub:
        hub.issues[1] = {
            "number": 1,
            "state": "open",
            "labels": [LABEL],
            "title": "Other: 1 [intreg:other]",
        }
        hub.issues[2] = {
            "number": 2,
            "state": "open",
            "labels": [LABEL],
            "title": "Old [intreg:stripe]",
        }
        hub.issues[3] = {
            "number": 3,
            "state": "open",
            "labels": ["bug"],
            "title": "x [intreg:stripe]",
        }
        [delivery] = sync(hub, page_size=1)
        assert delivery.channel == "github issue #2 for stripe"
        assert hub.issues[2]["title"] == STRIPE.title
    gets = [path for method, path, *_ in hub.calls if method == "GET"]
    assert len(gets) == 3  # two full pages of one, then an empty one


def test_the_ledger_keeps_an_unchanged_issue_from_being_touched_again():
    ledger = Ledger(None, TODAY)
    with fake_github() as hub:
        sync(hub, ledger=ledger)
        [skipped] = sync(hub, ledger=ledger)
    assert skipped.skipped
    assert [method for method, *_ in hub.calls] == ["GET", "POST", "GET"]


def test_a_failing_api_is_one_failed_delivery_without_the_token():
    with fake_github() as hub:
        hub.failing = 503
        waits: list[float] = []
        [failed] = sync_issues([STRIPE], [], api(hub), waits.append, None, TODAY)
    assert failed == Delivery(
        "github",
        "github issues in acme/registry",
        False,
        3,
        "GET issues?labels=intreg-review&state=open&per_page=100&page=1: HTTP 503 Service "
        "Unavailable",
    )
    assert waits == [1.0, 2.0]
    assert TOKEN not in failed.describe()


def test_an_unreachable_api_is_a_failed_delivery():
    with fake_github() as hub:
        url = hub.url
    config = GithubConfig("acme/registry", url, TOKEN)
    [failed] = sync_issues([STRIPE], [], GithubApi(config, 10), [].append, None, TODAY)
    assert (failed.ok, failed.attempts) == (False, 3)
    assert failed.reason.startswith("cannot connect: ")


def test_a_lost_answer_to_the_post_does_not_open_a_second_issue():
    with fake_github() as hub:
        hub.lose_next_answer = True
        [delivery] = sync(hub)
    assert (delivery.ok, delivery.attempts, len(hub.issues)) == (True, 2, 1)
    assert [method for method, *_ in hub.calls] == ["GET", "POST", "GET"]
