"""The contract harness: reports, JUnit XML, and that its checks catch a mock that drifts."""

from __future__ import annotations

import copy

import pytest

from intreg.contract.harness import ContractRun, ContractSettings, OperationResult, run_contract
from intreg.contract.junit import render_junit
from intreg.contract.run import base_url_variable, render_report
from intreg.mock.responder import Mock
from intreg.mock.server import running_mock
from intreg.outputs.openapi import render_openapi
from tests.helpers import case_text
from tests.mock.test_mock import record_from

RUN = ContractRun(
    (
        OperationResult("POST /v1/refunds", 12),
        OperationResult("GET /v1/refunds/{id}", 1, ("Server error: 500", "Undocumented: 418")),
    )
)


def test_report_has_one_line_per_operation() -> None:
    assert render_report(RUN) == (
        "PASS POST /v1/refunds (12 cases)\n"
        "FAIL GET /v1/refunds/{id} (1 case): Server error: 500; Undocumented: 418\n"
    )


def test_junit_is_deterministic_xml_with_a_failure_per_message() -> None:
    assert render_junit("stripe", RUN).decode() == (
        "<?xml version='1.0' encoding='utf-8'?>\n"
        '<testsuites name="intreg contract" tests="2" failures="1" errors="0">\n'
        '  <testsuite name="contract.stripe" tests="2" failures="1" errors="0">\n'
        '    <testcase classname="contract.stripe" name="POST /v1/refunds">\n'
        "      <system-out>12 cases</system-out>\n"
        "    </testcase>\n"
        '    <testcase classname="contract.stripe" name="GET /v1/refunds/{id}">\n'
        "      <system-out>1 case</system-out>\n"
        '      <failure message="Server error: 500">Server error: 500</failure>\n'
        '      <failure message="Undocumented: 418">Undocumented: 418</failure>\n'
        "    </testcase>\n"
        "  </testsuite>\n"
        "</testsuites>\n"
    )


@pytest.mark.parametrize(
    ("record_id", "variable"),
    [("stripe", "INTREG_STRIPE_BASE_URL"), ("aws-ses", "INTREG_AWS_SES_BASE_URL")],
)
def test_base_url_variable_per_record(record_id: str, variable: str) -> None:
    assert base_url_variable(record_id) == variable


@pytest.mark.slow
def test_a_mock_whose_example_breaks_the_schema_fails_the_contract() -> None:
    document = render_openapi(record_from(case_text("minimal"), "minimal"))
    drifted = copy.deepcopy(document)
    media = drifted["paths"]["/v1/charges/{charge}"]["get"]["responses"]["200"]["content"]
    media["application/json"]["example"] = {"id": 1, "amount": "500"}
    auth = {"apiKey": {"bearer": "t"}}
    with running_mock(Mock(drifted, "Bearer t")) as server:
        run = run_contract(document, server.base_url, auth, ContractSettings(max_examples=2))
    (operation,) = run.operations
    assert not run.passed
    assert operation.label == "GET /v1/charges/{charge}"
    assert any(f.startswith("Response violates schema: ") for f in operation.failures)
