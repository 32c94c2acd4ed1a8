"""The "Last contract run" block and the monitoring page, rendered in memory (no build)."""

from __future__ import annotations

import datetime as dt

from intreg.contract.plan import WRITES_SKIPPED
from intreg.outputs.evidence.report import ContractReport
from intreg.outputs.site.integration import render_integration
from intreg.outputs.site.monitoring import render_monitoring
from intreg.outputs.summary import summary_of
from tests.outputs.evidence.reports import operation, report
from tests.records.test_scorecard import record

TODAY = dt.date(2026, 11, 24)


def slow_run() -> ContractReport:
    return ContractReport.model_validate(
        report(
            "full",
            result="failed",
            operations=[
                operation(
                    "POST /v2/messages",
                    result="failed",
                    failures=["Latency above target: p95 1,004 ms > target 800 ms"],
                    p50_ms=1002,
                    p95_ms=1004,
                    max_ms=1010,
                    target_p95_ms=800,
                    checks=[
                        {"check": "status_code_conformance", "result": "passed"},
                        {"check": "latency", "result": "failed"},
                    ],
                ),
                operation(
                    "GET /v2/messages/{id}",
                    result="skipped",
                    requests=0,
                    cases=0,
                    p50_ms=None,
                    p95_ms=None,
                    max_ms=None,
                    checks=[],
                    skipped=WRITES_SKIPPED,
                ),
            ],
        )
    )


def test_the_page_shows_the_last_runs_figures_against_the_targets() -> None:
    page = render_integration(record("full"), TODAY, {"full"}, run=slow_run()).decode()
    assert (
        "- **Last contract run:** [failed&#58; 1 of 1 operation; 1 not sent, "
        "2026-11-27 10&#58;00&#58;00 UTC, against the mock](<#last-contract-run>)"
    ) in page
    block = page[page.index("### Last contract run") : page.index("## Versioning")]
    assert block == (
        "### Last contract run\n\n"
        "- **When:** 2026-11-27 10&#58;00&#58;00 UTC\n"
        "- **Target:** the mock\n"
        "- **Result:** failed&#58; 1 of 1 operation; 1 not sent\n"
        "- **Latency targets:** enforced (a p95 above its target fails the operation)\n\n"
        "| Operation | Result | Requests | p50 | p95 against target | Max | Checks |\n"
        "|---|---|---|---|---|---|---|\n"
        "| `POST /v2/messages` | failed | 12 | 1,002 ms | 1,004 ms, above 800 ms | 1,010 ms "
        "| 1 failed (latency), 1 passed |\n"
        "| `GET /v2/messages/{id}` | not sent&#58; it writes, and writes are sent to a real API "
        "only with --allow-writes | 0 | — | — | — "
        "| — |\n\n"
        "| Check | Passed on | Failed on |\n"
        "|---|---|---|\n"
        "| `status_code_conformance` | `POST /v2/messages` | — |\n"
        "| `latency` | — | `POST /v2/messages` |\n\n"
        "Failures, as the run reported them:\n\n"
        "- `POST /v2/messages`: Latency above target&#58; p95 1,004 ms &#62; target 800 ms\n\n"
    )


def test_a_record_without_a_run_says_so_and_how_to_make_one() -> None:
    page = render_integration(record("full"), TODAY, {"full"}).decode()
    assert "- **Last contract run:** [none recorded yet](<#last-contract-run>)" in page
    assert (
        "### Last contract run\n\nNo contract run recorded yet. Run "
        "`intreg contract full --report reports/contract/full.json` and commit the report, or "
        "pass it to `intreg generate --contract-report FILE`.\n"
    ) in page


def test_the_monitoring_page_lists_targets_alerts_and_last_results() -> None:
    page = render_monitoring(
        [summary_of(record("full")), summary_of(record("minimal"))], {"full": slow_run()}
    ).decode()
    rows = [line for line in page.splitlines() if line.startswith("| [")]
    assert rows == [
        "| [Example Messaging](<integrations/full/index.md>) | active | at least 99.9% | 1,000 ms "
        "| under 0.5% | under 75% | SmsFailureRate | [failed, 2026-11-27 10&#58;00&#58;00 UTC]"
        "(<integrations/full/index.md#last-contract-run>) | 1,004 ms (above 800 ms) on POST "
        "/v2/messages |",
        "| [Example Payments](<integrations/minimal/index.md>) | — | not stated | not stated "
        "| not stated | not stated | none | no run recorded | — |",
    ]
    assert "2 integrations: 1 state monitoring targets, 1 have a recorded contract run." in page
