"""The contract-test harness: run schemathesis on one stub and sum the results up per operation.

One hand-written harness serves every integration: the stubs are the data, and nothing here is
generated. Runs are bounded (examples per operation) and seeded, so they are reproducible.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

import schemathesis
from schemathesis.config import SchemathesisConfig
from schemathesis.engine import events, from_schema

from intreg.contract.latency import Latency
from intreg.contract.wire_view import for_schemathesis
from intreg.mock.responder import iter_operations

RUN_LABEL = "(run)"
LINK_ARROW = " -> "  # in the label of a link's results: `POST /v1/things -> GET /v1/things/{id}`
STATEFUL_LABEL = "Stateful tests"  # schemathesis' label of its stateful scenarios
_KEPT_BYTES = 4096  # of a response body, for the failure report


@dataclass(frozen=True)
class ContractSettings:
    """How much to generate: examples per operation, and the seed that makes runs repeatable."""

    max_examples: int = 5
    seed: int = 20261124
    request_timeout: float = 10.0


@dataclass(frozen=True)
class SentRequest:
    """A request as schemathesis sent it (to the gate), and the answer it got."""

    method: str
    url: str
    headers: tuple[tuple[str, str], ...]
    body: bytes
    status: int | None = None
    response_body: bytes = b""


@dataclass(frozen=True)
class CheckFailure:
    """One distinct failure: the check, its one-line message, the first request that showed
    it, and the lines that explain it (the request as curl, the answer, how to replay it)."""

    check: str
    message: str
    example: SentRequest | None = None
    detail: tuple[str, ...] = ()


@dataclass(frozen=True)
class OperationResult:
    """One operation's outcome: how many cases ran and every distinct failure message; or,
    for an operation the run did not send, why not."""

    label: str
    cases: int
    failures: tuple[str, ...] = ()
    skipped: str | None = None
    latency: Latency | None = None
    target_ms: int | None = None  # the p95 the record allows
    timeout_seconds: float | None = None
    checks: tuple[str, ...] = ()  # the checks that ran, in the order they first ran
    evidence: tuple[CheckFailure, ...] = ()  # one per failure message, in the same order

    @property
    def passed(self) -> bool:
        """True when no check failed."""
        return not self.failures

    @property
    def is_link(self) -> bool:
        """True for the results of following links from one operation to another."""
        return LINK_ARROW in self.label


@dataclass(frozen=True)
class ContractRun:
    """Every documented operation's result, in stub order, plus failures of the run itself."""

    operations: tuple[OperationResult, ...]

    @property
    def passed(self) -> bool:
        """True when every operation passed."""
        return all(o.passed for o in self.operations)


@dataclass
class _Tally:
    cases: set[str] = field(default_factory=set)
    checks: dict[str, None] = field(default_factory=dict)
    failures: dict[str, CheckFailure] = field(default_factory=dict)

    def fail(self, failure: CheckFailure) -> None:
        self.failures.setdefault(failure.message, failure)


def run_contract(
    document: Mapping[str, Any],
    base_url: str,
    auth: Mapping[str, Mapping[str, str]] | None,
    settings: ContractSettings,
    *,
    other_methods: bool = True,
    timeouts: Mapping[str, float] | None = None,
) -> ContractRun:
    """Test every operation of the stub `document` against the API at `base_url`.

    `auth` is the `auth.openapi` table of schemathesis (scheme name -> values), or None. With
    `other_methods` false, no method the stub does not declare is sent (schemathesis sends
    them to check for 405; a real API must not get them). `timeouts` maps operation ids to
    their request timeout in seconds (default: the settings').
    """
    raw = _config(document, base_url, auth, settings, other_methods, timeouts or {})
    config = SchemathesisConfig.from_dict(raw)
    schema = schemathesis.openapi.from_dict(for_schemathesis(document), config=config)
    tallies = {f"{m} {p}": _Tally() for m, p in iter_operations(document)}
    for event in from_schema(schema).execute():
        _record(event, tallies)
    return ContractRun(
        tuple(
            OperationResult(
                label,
                len(t.cases),
                tuple(t.failures),
                checks=tuple(t.checks),
                evidence=tuple(t.failures.values()),
            )
            for label, t in tallies.items()
            if label != RUN_LABEL or t.failures
        )
    )


def _config(
    document: Mapping[str, Any],
    base_url: str,
    auth: Mapping[str, Mapping[str, str]] | None,
    settings: ContractSettings,
    other_methods: bool,
    timeouts: Mapping[str, float],
) -> dict[str, Any]:
    config: dict[str, Any] = {
        "seed": settings.seed,
        "base-url": base_url,
        "workers": 1,
        "request-timeout": settings.request_timeout,
        # Nothing is kept between runs: no example database, no cache folder in the project.
        "cache": {"enabled": False},
        "generation": {"max-examples": settings.max_examples, "database": "none"},
        # The stateful phase follows the links the record declares, and only those: links
        # schemathesis would infer could send calls the record never chains.
        "phases": {"stateful": {"enabled": has_links(document), "inference": {"algorithms": []}}},
    }
    if auth:
        config["auth"] = {"openapi": {name: dict(values) for name, values in auth.items()}}
    if not other_methods:
        config["phases"]["coverage"] = {"unexpected-methods": []}
        config["checks"] = {"unsupported_method": {"enabled": False}}
    overrides: dict[str, dict[str, Any]] = {}
    for op_id in _refuse_with_403(document):
        overrides.setdefault(op_id, {})["checks"] = {"missing_required_header": {"enabled": False}}
    for op_id, seconds in timeouts.items():
        overrides.setdefault(op_id, {})["request-timeout"] = seconds
    if overrides:
        config["operations"] = [
            {"include-operation-id": op_id, **values} for op_id, values in overrides.items()
        ]
    return config


def _refuse_with_403(document: Mapping[str, Any]) -> list[str]:
    """Operations documented to refuse a missing credential with 403 and never with 401, and
    those signed with AWS SigV4, which AWS refuses with 403.

    schemathesis expects exactly 401 when a required Authorization header is missing; some
    providers (AWS) answer 403. The record is the contract, so that one check is turned off
    for those operations; `ignored_auth` still requires the refusal (401 or 403).
    """
    schemes = document.get("components", {}).get("securitySchemes", {})
    signed = {name for name, scheme in schemes.items() if "x-amazon-apigateway-authtype" in scheme}
    found = []
    for operations in document.get("paths", {}).values():
        for operation in operations.values():
            if not isinstance(operation, dict):
                continue
            responses = operation.get("responses", {})
            security = operation.get("security", document.get("security", []))
            uses_sigv4 = any(name in signed for option in security for name in option)
            if uses_sigv4 or ("403" in responses and "401" not in responses):
                found.append(str(operation.get("operationId")))
    return found


def _record(event: events.EngineEvent, tallies: dict[str, _Tally]) -> None:
    if isinstance(event, events.ScenarioFinished):
        recorder = event.recorder
        labels = {
            case_id: _case_label(recorder.label, node) for case_id, node in recorder.cases.items()
        }
        found: dict[str, dict[str, CheckFailure]] = {}
        for case_id, label in labels.items():
            tallies.setdefault(label, _Tally()).cases.add(case_id)
        for case_id, nodes in recorder.checks.items():
            label = labels.get(case_id, recorder.label)
            tally = tallies.setdefault(label, _Tally())
            for node in nodes:
                tally.checks.setdefault(node.name)
                if node.failure_info is not None:
                    failure = node.failure_info.failure
                    message = _one_line(f"{failure.title}: {failure.message}")
                    sent = _sent(recorder.interactions.get(case_id))
                    mine = found.setdefault(label, {})
                    mine.setdefault(message, CheckFailure(node.name, message, sent))
        for label, failures in found.items():
            for message in sorted(failures):
                tallies[label].fail(failures[message])
    elif isinstance(event, events.NonFatalError):
        label = event.label if event.related_to_operation else RUN_LABEL
        message = _one_line(f"{event.info.title}: {event.value}")
        tallies.setdefault(label, _Tally()).fail(CheckFailure("error", message))
    elif isinstance(event, events.FatalError):
        message = _one_line(str(event.exception))
        tallies.setdefault(RUN_LABEL, _Tally()).fail(CheckFailure("error", message))


def _case_label(scenario: str, node: Any) -> str:
    """Where a case's results go: its operation; in the stateful phase, a case reached by
    following a link goes to that link (`POST /v1/things -> GET /v1/things/{id}`)."""
    if scenario != STATEFUL_LABEL:
        return scenario
    transition = node.transition
    if transition is not None and node.is_transition_applied:
        source, *_, target = str(transition.id).split(" -> ")
        return link_label(source, target)
    return str(node.value.operation.label)


def link_label(source: str, target: str) -> str:
    """The result label of the links from operation `source` to operation `target`."""
    return f"{source}{LINK_ARROW}{target}"


def has_links(document: Mapping[str, Any]) -> bool:
    """True when a response of the stub links to another operation."""
    return any(True for _ in iter_links(document))


def iter_links(document: Mapping[str, Any]) -> Iterator[tuple[str, str]]:
    """(source label, target label) of each link in the stub whose target it has, in order."""
    labels = {
        str(operation.get("operationId")): f"{method.upper()} {path}"
        for path, operations in document.get("paths", {}).items()
        for method, operation in operations.items()
        if isinstance(operation, dict)
    }
    for method, path in iter_operations(document):
        operation = document["paths"][path][method.lower()]
        for response in operation.get("responses", {}).values():
            for link in response.get("links", {}).values():
                target = labels.get(str(link.get("operationId")))
                if target is not None:
                    yield f"{method} {path}", target


def _sent(interaction: Any) -> SentRequest | None:
    if interaction is None:
        return None
    request, response = interaction.request, interaction.response
    headers = tuple((k, v) for k, values in request.headers.items() for v in values)
    if response is None:
        return SentRequest(request.method, request.uri, headers, request.body or b"")
    return SentRequest(
        request.method,
        request.uri,
        headers,
        request.body or b"",
        response.status_code,
        response.content[:_KEPT_BYTES],
    )


def _one_line(text: str, limit: int = 300) -> str:
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 3] + "..."
