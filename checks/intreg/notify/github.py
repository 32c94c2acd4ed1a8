"""GitHub issues as a channel: open, update and close one labelled issue per integration.

The REST API (https://docs.github.com/en/rest/issues) over urllib, each request within the
notify deadline. No message ever shows the token.
"""

from __future__ import annotations

import datetime as dt
import json
import urllib.error
import urllib.request
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any
from urllib.parse import quote, urlencode

from intreg.notify.deadline import Deadline
from intreg.notify.deliver import Delivery, deliver_once
from intreg.notify.github_config import GithubConfig
from intreg.notify.ledger import Ledger
from intreg.notify.retry import DeliveryError, with_retries
from intreg.notify.slack import connection_reason, deadline_opener
from intreg.reviews.issues import RecordIssue, issue_marker

LABEL = "intreg-review"
PAGE_SIZE = 100


@dataclass(frozen=True)
class GithubApi:
    """Requests to one repository's issues, each within `timeout` seconds in all."""

    config: GithubConfig
    timeout: float
    page_size: int = PAGE_SIZE  # GitHub's largest

    def call(self, method: str, path: str, body: dict[str, Any] | None = None) -> Any:
        """The JSON answer to `method` on /repos/OWNER/NAME/`path`; DeliveryError otherwise."""
        owner, name = self.config.repository.split("/")
        url = f"{self.config.api_url}/repos/{quote(owner)}/{quote(name)}/{path}"
        data = None if body is None else json.dumps(body, ensure_ascii=False).encode("utf-8")
        request = urllib.request.Request(url, data=data, method=method, headers=self._headers())
        with Deadline(self.timeout) as deadline:
            try:
                with deadline_opener(deadline).open(request, timeout=self.timeout) as response:
                    return json.loads(response.read() or b"null")
            except urllib.error.HTTPError as exc:
                exc.close()
                retryable = exc.code == 429 or exc.code >= 500
                reason = f"{method} {path}: HTTP {exc.code} {exc.reason}"
                raise DeliveryError(reason, retryable) from exc
            except urllib.error.URLError as exc:
                raise DeliveryError(f"cannot connect: {connection_reason(exc.reason)}") from exc
            except (OSError, ValueError) as exc:  # a timeout, a reset, or an answer not JSON
                if deadline.expired or isinstance(exc, TimeoutError):
                    raise DeliveryError(f"no answer within {self.timeout:g} s") from exc
                raise DeliveryError(f"{method} {path}: {type(exc).__name__}") from exc

    def _headers(self) -> dict[str, str]:
        return {
            "Accept": "application/vnd.github+json",
            "Authorization": f"Bearer {self.config.token}",
            "Content-Type": "application/json",
            "X-GitHub-Api-Version": "2022-11-28",
            "User-Agent": "intreg",
        }

    def open_issues(self) -> dict[str, dict[str, Any]]:
        """The open issues labelled LABEL, by the record id their title's marker names."""
        found: dict[str, dict[str, Any]] = {}
        for page in range(1, 1000):
            query = urlencode(
                {"labels": LABEL, "state": "open", "per_page": self.page_size, "page": page}
            )
            batch = self.call("GET", f"issues?{query}")
            for issue in batch:
                record_id = _marked_id(issue.get("title", ""))
                if record_id is not None and "pull_request" not in issue:
                    found.setdefault(record_id, issue)
            if len(batch) < self.page_size:
                break
        return found


def _marked_id(title: str) -> str | None:
    if not title.endswith("]") or "[intreg:" not in title:
        return None
    return title[title.rindex("[intreg:") + len("[intreg:") : -1]


def sync_issues(
    issues: Sequence[RecordIssue],
    quiet: Sequence[tuple[str, str]],
    api: GithubApi,
    sleep: Callable[[float], None],
    ledger: Ledger | None,
    today: dt.date,
) -> list[Delivery]:
    """Open or update an issue for each of `issues`, and close the open ones of the `quiet`
    records (id, team); one Delivery for each change (or skip)."""
    listing: list[dict[str, dict[str, Any]]] = []
    outcome = with_retries(lambda: listing.append(api.open_issues()), sleep)
    if not outcome.ok:
        shown = f"github issues in {api.config.repository}"
        return [Delivery("github", shown, False, outcome.attempts, outcome.reason)]
    known = listing[0]
    deliveries = []
    for issue in issues:
        existing = known.get(issue.record_id)
        shown = f"github issue for {issue.record_id}"
        if existing is not None:
            shown = f"github issue #{existing['number']} for {issue.record_id}"
        action: Callable[[], None] = _creator(api, issue)
        if existing is not None:
            action = partial(_update, api, issue, existing["number"], today)
        key = f"github:{issue.record_id}"
        deliveries.append(deliver_once(issue.team, key, shown, issue.digest, action, sleep, ledger))
    for record_id, team in quiet:
        existing = known.get(record_id)
        if existing is None:
            continue
        shown = f"github issue #{existing['number']} for {record_id} (closed: nothing due)"
        close = partial(_close, api, existing["number"], today)
        delivery = deliver_once(team, shown, shown, "", close, sleep, None)
        deliveries.append(delivery)
        if delivery.ok and ledger is not None:
            ledger.forget(team, f"github:{record_id}")
    return deliveries


def _creator(api: GithubApi, issue: RecordIssue) -> Callable[[], None]:
    """Opens the issue; a retry first looks for it, as a POST whose answer was lost (a 502,
    a timeout) may have opened it already."""
    tried = False

    def create() -> None:
        nonlocal tried
        if tried and issue.record_id in api.open_issues():
            return
        tried = True
        api.call("POST", "issues", {"title": issue.title, "body": issue.body, "labels": [LABEL]})

    return create


def _update(api: GithubApi, issue: RecordIssue, number: int, today: dt.date) -> None:
    # PATCH first: it is idempotent, so a retry after a failed comment repeats nothing.
    api.call("PATCH", f"issues/{number}", {"title": issue.title, "body": issue.body})
    # Editing the body notifies nobody; a comment reaches everyone watching the issue.
    headline = issue.title.removesuffix(f" {issue_marker(issue.record_id)}")
    api.call("POST", f"issues/{number}/comments", {"body": f"Updated {today}: {headline}."})


def _close(api: GithubApi, number: int, today: dt.date) -> None:
    api.call("PATCH", f"issues/{number}", {"state": "closed", "state_reason": "completed"})
    api.call("POST", f"issues/{number}/comments", {"body": f"Nothing is due as of {today}."})
