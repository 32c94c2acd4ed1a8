"""`intreg contract`: run the contract tests of one record, against a URL or the local mock."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from intreg.contract.harness import ContractRun, ContractSettings, run_contract
from intreg.contract.junit import render_junit
from intreg.mock.launch import load_integration, mock_setup
from intreg.mock.server import running_mock
from intreg.outputs.credentials import is_signed, plan_auth
from intreg.outputs.openapi import render_openapi
from intreg.outputs.writer import write_atomic
from intreg.records.errors import IntregError
from intreg.records.model import Integration
from intreg.records.project import Project
from intreg.records.validate import Outcome


def base_url_variable(record_id: str) -> str:
    """The environment variable naming the API to test, e.g. INTREG_AWS_SES_BASE_URL."""
    return f"INTREG_{record_id.upper().replace('-', '_')}_BASE_URL"


def contract(
    project: Project,
    record_id: str,
    base_url: str | None,
    junit: Path | None,
    cwd: Path,
    env: Mapping[str, str],
    settings: ContractSettings | None = None,
) -> Outcome:
    """Test record `record_id`'s stub against `base_url`, else the URL in its environment
    variable, else a local mock started for the run; exit code 1 when a check failed."""
    record = load_integration(project, record_id, cwd)
    settings = settings or ContractSettings()
    url = base_url or env.get(base_url_variable(record_id))
    if url:
        run, target = _run_remote(record, url, env, settings), url
    else:
        run, target = _run_on_mock(record, settings), "the mock"
    if junit is not None:
        try:
            write_atomic(cwd / junit, render_junit(record_id, run))
        except OSError as exc:
            raise IntregError(f"{junit}: cannot write: {exc.strerror}") from exc
    return Outcome(0 if run.passed else 1, render_report(run), _summary(record_id, run, target))


def _run_on_mock(record: Integration, settings: ContractSettings) -> ContractRun:
    setup = mock_setup(record, env=None, enforce_limits=False)  # limits are for rehearsals
    auth = setup.plan.schemathesis_auth(setup.values) if setup.plan is not None else None
    document = render_openapi(record)
    with running_mock(setup.mock) as server:
        return run_contract(document, server.base_url, auth, settings)


def _run_remote(
    record: Integration, url: str, env: Mapping[str, str], settings: ContractSettings
) -> ContractRun:
    if not url.startswith(("http://", "https://")):
        raise IntregError(f"{url!r} is not an http(s) URL")
    if is_signed(record):
        raise IntregError(
            f"{record.id} signs every request ({record.auth.scheme or 'hmac'}), which the "
            "contract tests cannot do: run them against the mock (no --base-url)"
        )
    plan = plan_auth(record)
    auth = plan.schemathesis_auth(plan.env_values(env)) if plan is not None else None
    return run_contract(render_openapi(record), url.rstrip("/"), auth, settings)


def render_report(run: ContractRun) -> str:
    """One line per operation: `PASS POST /v1/refunds (12 cases)` or `FAIL ...: reason`."""
    lines = []
    for operation in run.operations:
        head = f"{operation.label} ({operation.cases} {_plural(operation.cases, 'case')})"
        if operation.passed:
            lines.append(f"PASS {head}")
        else:
            lines.append(f"FAIL {head}: {'; '.join(operation.failures)}")
    return "".join(f"{line}\n" for line in lines)


def _summary(record_id: str, run: ContractRun, target: str) -> str:
    failed = sum(1 for o in run.operations if not o.passed)
    total = f"{len(run.operations)} {_plural(len(run.operations), 'operation')}"
    if failed:
        return f"{record_id}: {failed} of {total} failed against {target}"
    return f"{record_id}: {total} passed against {target}"


def _plural(count: int, noun: str) -> str:
    return noun if count == 1 else f"{noun}s"
