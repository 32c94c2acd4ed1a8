"""`intreg contract`: run the contract tests of one record, against a URL or the local mock.

A run against anything but the mock it starts itself is a run against a real API, with real
credentials: it refuses keys that look live and the live host of a record with a sandbox,
sends reads only unless writes are allowed, and never a method the record does not declare.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from intreg.contract.credentials import (
    client_basic,
    obtain_token,
    pin_credentials,
    sigv4_signer,
)
from intreg.contract.evidence import View, render_evidence, with_evidence
from intreg.contract.gate import GatePolicy, running_gate
from intreg.contract.harness import (
    ContractRun,
    ContractSettings,
    OperationResult,
    iter_links,
    link_label,
    run_contract,
)
from intreg.contract.junit import render_junit
from intreg.contract.plan import RunPlan, plan_run
from intreg.contract.safety import (
    check_reachable,
    refuse_live_keys,
    refuse_live_target,
    without_credentials,
)
from intreg.contract.text import render_report, render_summary
from intreg.mock.launch import load_integration, mock_setup, secrets_of
from intreg.mock.responder import iter_operations
from intreg.mock.server import running_mock
from intreg.outputs.credentials import AuthPlan, is_signed, plan_auth
from intreg.outputs.openapi import render_openapi
from intreg.outputs.wire_auth import Carrier
from intreg.outputs.writer import write_atomic
from intreg.records.errors import IntregError
from intreg.records.model import Integration
from intreg.records.project import Project
from intreg.records.validate import Outcome

# schemathesis waits this much longer than the gate, so a slow answer is the gate's to report.
_TIMEOUT_MARGIN = 5.0


@dataclass(frozen=True)
class RunOptions:
    """What the user allowed beyond the safe defaults, which target they asked for, and where
    the JSON report goes (with the time the run started, for it)."""

    allow_writes: bool = False
    allow_live_keys: bool = False
    sandbox: bool = False
    report: Path | None = None
    started: dt.datetime | None = None
    # False: latency is measured and reported against its targets but fails nothing, for runs
    # whose timing says more about the machine than the API (the mock on a busy CI runner).
    enforce_latency: bool = True


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
    options: RunOptions | None = None,
) -> Outcome:
    """Test record `record_id`'s stub against `base_url`, else the URL in its environment
    variable, else (with `options.sandbox`) its api.sandbox_url, else a local mock started for
    the run; exit code 1 when a check failed."""
    record = load_integration(project, record_id, cwd)
    settings = settings or ContractSettings()
    options = options or RunOptions()
    url = target_url(record, base_url, env, options.sandbox)
    if url:
        run = _run_remote(record, url, env, settings, options)
        target = without_credentials(url)
    else:
        run, target = _run_on_mock(record, settings, options), "the mock"
    if junit is not None:
        _write(cwd, junit, render_junit(record_id, run))
    if options.report is not None:
        started = options.started or dt.datetime.now(dt.UTC)  # the CLI passes its start
        evidence = render_evidence(record_id, run, target, started, options.enforce_latency)
        _write(cwd, options.report, evidence)
    return Outcome(
        0 if run.passed else 1,
        render_report(run, options.enforce_latency),
        render_summary(record_id, run, target),
    )


def _write(cwd: Path, path: Path, data: bytes) -> None:
    try:
        write_atomic(cwd / path, data)
    except OSError as exc:
        raise IntregError(f"{path}: cannot write: {exc.strerror}") from exc


def target_url(
    record: Integration, base_url: str | None, env: Mapping[str, str], sandbox: bool
) -> str | None:
    """The API to test: the URL given, else the record's variable, else its sandbox when asked
    for; None for the local mock."""
    if base_url and sandbox:
        raise IntregError("give --base-url or --sandbox, not both")
    if sandbox:
        if record.api.sandbox_url is None:
            raise IntregError(
                f"{record.id} has no api.sandbox_url; give the API to test with --base-url"
            )
        return record.api.sandbox_url
    return base_url or env.get(base_url_variable(record.id)) or None


def _run_on_mock(
    record: Integration, settings: ContractSettings, options: RunOptions
) -> ContractRun:
    setup = mock_setup(record, env=None, enforce_limits=False)  # limits are for rehearsals
    secrets = secrets_of(setup)
    if setup.plan is not None and setup.plan.issued is not None:
        del secrets[setup.plan.issued]  # obtained from the mock's token endpoint, as it issues it
    document = render_openapi(record)
    with running_mock(setup.mock) as server:
        pinned = pin_credentials(document, secrets)
        plan = plan_run(record, pinned, server.base_url, True, True, settings.request_timeout)
        plan = replace(plan, enforce_latency=options.enforce_latency)
        view = View(
            server.root_url,
            server.root_url,
            setup.values,
            _secret_headers(setup.plan),
            _credential(setup.plan),
            f"the mock it went to is gone: start `intreg mock {record.id}` and use its URL; "
            + _again(record.id),
        )
        access = _Access(setup.plan, secrets, server.base_url)
        return _run_through_gate(document, plan, access, settings, False, view)


def _run_remote(
    record: Integration,
    url: str,
    env: Mapping[str, str],
    settings: ContractSettings,
    options: RunOptions,
) -> ContractRun:
    if not url.startswith(("http://", "https://")):
        raise IntregError(f"{url!r} is not an http(s) URL")
    if is_signed(record):
        raise IntregError(
            f"{record.id} signs every request ({record.auth.scheme or 'hmac'}), which the "
            "contract tests cannot do: run them against the mock (no --base-url)"
        )
    plan = plan_auth(record)
    values = plan.env_values(env) if plan is not None else ()
    if not options.allow_live_keys:
        if plan is not None:
            refuse_live_keys(plan.env_vars, values)
        refuse_live_target(record, url)
    check_reachable(url)
    secrets = dict(zip(plan.env_vars, values, strict=True)) if plan is not None else {}
    document = render_openapi(record)
    run_plan = plan_run(
        record,
        pin_credentials(document, secrets),
        url,
        False,
        options.allow_writes,
        settings.request_timeout,
    )
    run_plan = replace(run_plan, enforce_latency=options.enforce_latency)
    split = urlsplit(url)
    view = View(
        "",
        f"{split.scheme}://{split.netloc.rpartition('@')[2]}",
        values,
        _secret_headers(plan),
        _credential(plan),
        _rerun(record.id, without_credentials(url), options),
    )
    return _run_through_gate(document, run_plan, _Access(plan, secrets, url), settings, True, view)


@dataclass(frozen=True)
class _Access:
    """What authenticates a run: the plan, the variables' values, and the API they are for."""

    plan: AuthPlan | None
    secrets: dict[str, str]
    target: str

    def signed(self, policy: GatePolicy) -> GatePolicy:
        """`policy` with the gate signing requests, where the API wants them signed."""
        return replace(policy, sign=sigv4_signer(self.plan, self.secrets, self.target))

    def schemathesis_auth(
        self, document: Mapping[str, Any], gate_url: str, timeout: float
    ) -> tuple[dict[str, dict[str, str]] | None, tuple[str, ...]]:
        """The credentials schemathesis sends, with a client-credentials token obtained first
        from the record's token endpoint, through the gate; and that token, to hide in
        reports like the other secrets."""
        if self.plan is None:
            return None, ()
        secrets = dict(self.secrets)
        obtained: tuple[str, ...] = ()
        if self.plan.issued is not None:
            found = obtain_token(document, gate_url, timeout, client_basic(self.plan, secrets))
            if found is not None:
                secrets[found[0]] = found[1]
                obtained = (found[1],)
        return self.plan.schemathesis_auth(secrets), obtained


def _run_through_gate(
    document: Mapping[str, Any],
    plan: RunPlan,
    access: _Access,
    settings: ContractSettings,
    real: bool,
    view: View,
) -> ContractRun:
    tested: dict[str, OperationResult] = {}
    if plan.labels:
        timeouts = {op: seconds + _TIMEOUT_MARGIN for op, seconds in plan.timeouts.items()}
        with running_gate(access.signed(plan.policy)) as gate:
            auth, obtained = access.schemathesis_auth(
                plan.document, gate.base_url, settings.request_timeout
            )
            run = run_contract(
                plan.document,
                gate.base_url,
                auth,
                settings,
                other_methods=not real,  # a real API never gets an undeclared method
                timeouts=timeouts,
            )
            exchanges = tuple(gate.exchanges)
            view = replace(view, gate_root=gate.root_url, secrets=(*view.secrets, *obtained))
        tested = {r.label: with_evidence(r, exchanges, plan, view) for r in run.operations}
    skipped = {label: OperationResult(label, 0, skipped=why) for label, why in plan.skipped}
    ordered = []
    for label in (f"{method} {path}" for method, path in iter_operations(document)):
        if label in tested:
            ordered.append(tested.pop(label))
        elif label in skipped:
            ordered.append(skipped[label])
    for source, target in dict.fromkeys(iter_links(document)):
        label = link_label(source, target)
        if label in tested:
            ordered.append(tested.pop(label))
        else:
            why = skipped.get(source) or skipped.get(target)
            ordered.append(OperationResult(label, 0, skipped=_not_followed(why)))
    return ContractRun((*ordered, *tested.values()))  # what is left: failures of the run itself


def _not_followed(why: OperationResult | None) -> str:
    if why is not None:
        return f"link not followed: one end was {why.skipped}"
    return "link not followed: no scenario of this run reached it"


def _secret_headers(plan: AuthPlan | None) -> tuple[str, ...]:
    """The headers an API key travels in, whose values are never shown."""
    if plan is None:
        return ()
    return tuple(p.name for p in plan.placements if p.carrier == Carrier.HEADER)


def _credential(plan: AuthPlan | None) -> str:
    return " and ".join(f"${name}" for name in plan.env_vars) if plan is not None else ""


def _rerun(record_id: str, url: str, options: RunOptions) -> str:
    where = "--sandbox" if options.sandbox else f"--base-url {url}"
    flags = "".join(
        f" {flag}"
        for flag, given in (("--allow-writes", options.allow_writes),
                            ("--allow-live-keys", options.allow_live_keys))
        if given
    )  # fmt: skip
    return _again(f"{record_id} {where}{flags}")


def _again(arguments: str) -> str:
    return f"`intreg contract {arguments}` repeats the whole run (seeded: the same requests)"
