"""The "Last contract run" block of an integration page: when, against what, the result, and
per operation the latency against its target and each check's result, from the run's report.
A record with no report says so, and how to make one."""

from __future__ import annotations

from intreg.outputs.evidence.report import ContractReport, OperationRun
from intreg.outputs.evidence.runs import FOLDER
from intreg.outputs.markdown import Safe, code, link, text
from intreg.outputs.site.page import Page, cells

S = Safe
HEADING = "Last contract run"
ANCHOR = "last-contract-run"  # the heading's id in both builders


def last_run_block(page: Page, record_id: str, run: ContractReport | None) -> None:
    """The block under the page's Testing section."""
    page.heading(3, S(HEADING))
    if run is None:
        page.para(no_run(record_id))
        return
    page.facts(
        [
            ("When", text(when(run))),
            ("Target", text(run.target)),
            ("Result", text(outcome(run))),
            ("Latency targets", text(latency_mode(run))),
        ]
    )
    page.table(
        ["Operation", "Result", "Requests", "p50", "p95 against target", "Max", "Checks"],
        [
            cells(
                code(o.operation),
                o.skipped or o.result,  # the runner's reason starts "not sent: "
                o.requests,
                _ms(o.p50_ms),
                p95_against_target(o),
                _ms(o.max_ms),
                _checks(o),
            )
            for o in run.operations
        ],
    )
    rows = check_rows(run)
    if rows:
        page.table(
            ["Check", "Passed on", "Failed on"],
            [
                cells(code(check), _operations(run, passed), _operations(run, failed))
                for check, passed, failed in rows
            ],
        )
    failed = [o for o in run.operations if o.failures]
    if failed:
        page.para(S("Failures, as the run reported them:"))
        page.block(
            S("\n".join(f"- {code(o.operation)}: {text(f)}" for o in failed for f in o.failures))
        )


def run_summary(run: ContractReport | None) -> Safe:
    """One line for the top of the page, linking to the block: `passed on ... against ...`."""
    if run is None:
        return link("none recorded yet", f"#{ANCHOR}")
    return link(f"{outcome(run)}, {when(run)}, against {run.target}", f"#{ANCHOR}")


def no_run(record_id: str) -> Safe:
    """What a record without a report shows instead of figures."""
    command = code(f"intreg contract {record_id} --report {FOLDER}/{record_id}.json")
    return S(
        f"No contract run recorded yet. Run {command} and commit the report, or pass it to "
        f"{code('intreg generate --contract-report FILE')}."
    )


def when(run: ContractReport) -> str:
    """`2026-11-27 10:00:00 UTC`."""
    return run.when.replace("T", " ").replace("Z", " UTC")


def outcome(run: ContractReport) -> str:
    """`passed: 3 of 3 operations`, `failed: 1 of 3 operations; 1 not sent`."""
    sent = [o for o in run.operations if o.result != "skipped"]
    failed = sum(o.result == "failed" for o in sent)
    count = f"{len(sent) - failed if run.result == 'passed' else failed} of {len(sent)}"
    noun = "operation" if len(sent) == 1 else "operations"
    not_sent = len(run.operations) - len(sent)
    also = f"; {not_sent} not sent" if not_sent else ""
    return f"{run.result}: {count} {noun}{also}"


def latency_mode(run: ContractReport) -> str:
    """Whether a p95 above its target failed the run."""
    if run.latency_targets == "enforced":
        return "enforced (a p95 above its target fails the operation)"
    return "reported, not enforced in this run"


def p95_against_target(o: OperationRun) -> str:
    """`5 ms, within 200 ms`, `1,004 ms, above 200 ms`, `5 ms, no target`, or `—`."""
    if o.p95_ms is None:
        return "—"
    if o.target_p95_ms is None:
        return f"{_ms(o.p95_ms)}, no target"
    verdict = "above" if o.above_target else "within"
    return f"{_ms(o.p95_ms)}, {verdict} {_ms(o.target_p95_ms)}"


def _checks(o: OperationRun) -> str | None:
    """`15 passed`, `1 failed (latency), 14 passed`."""
    failed = [c.check for c in o.checks if c.result == "failed"]
    passed = len(o.checks) - len(failed)
    parts = [f"{len(failed)} failed ({', '.join(failed)})" if failed else ""]
    parts.append(f"{passed} passed" if passed else "")
    return ", ".join(p for p in parts if p) or None


def check_rows(run: ContractReport) -> list[tuple[str, list[str], list[str]]]:
    """Each check that ran, in the order it first ran, with the operations it passed on and
    the ones it failed on."""
    rows: dict[str, tuple[list[str], list[str]]] = {}
    for o in run.operations:
        for c in o.checks:
            passed, failed = rows.setdefault(c.check, ([], []))
            (passed if c.result == "passed" else failed).append(o.operation)
    return [(check, passed, failed) for check, (passed, failed) in rows.items()]


def _operations(run: ContractReport, labels: list[str]) -> Safe:
    sent = sum(o.result != "skipped" for o in run.operations)
    if len(labels) == sent and sent > 1:
        return S(f"all {sent}")
    return S(", ".join(str(code(label)) for label in labels)) if labels else S("—")


def _ms(value: int | None) -> str | None:
    return f"{value:,} ms" if value is not None else None
