"""A contract run as JUnit XML, deterministic (no times or host names), for CI to show.

One testcase per operation and check (`GET /v1/refunds/{id} [status_code_conformance]`), so a
CI page lists each broken promise on its own; a failure's text is its evidence (the request as
curl with secrets masked, the answer, how to replay it). An operation that was not sent is one
skipped testcase; one without check names (a failure of the run itself) is one testcase.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from intreg.contract.harness import ContractRun, OperationResult


def render_junit(record_id: str, run: ContractRun) -> bytes:
    """One testsuite for the record, with a testcase per operation and check."""
    suite_name = f"contract.{record_id}"
    cases = [case for operation in run.operations for case in _testcases(suite_name, operation)]
    failed = sum(1 for case in cases if case.find("failure") is not None)
    counts = {"tests": str(len(cases)), "failures": str(failed), "errors": "0"}
    skipped = sum(1 for case in cases if case.find("skipped") is not None)
    if skipped:
        counts["skipped"] = str(skipped)
    root = ET.Element("testsuites", {"name": "intreg contract", **counts})
    suite = ET.SubElement(root, "testsuite", {"name": suite_name, **counts})
    suite.extend(cases)
    ET.indent(root)
    text: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return text + b"\n"


def _testcases(suite_name: str, operation: OperationResult) -> list[ET.Element]:
    attributes = {"classname": suite_name, "name": operation.label}
    if operation.skipped is not None:
        case = ET.Element("testcase", attributes)
        ET.SubElement(case, "skipped", {"message": operation.skipped})
        return [case]
    checks = dict.fromkeys([*operation.checks, *(f.check for f in operation.evidence)])
    if not checks:
        case = _case(attributes, operation.cases)
        for message in operation.failures:
            ET.SubElement(case, "failure", {"message": message}).text = message
        return [case]
    found = []
    for check in checks:
        case = _case({**attributes, "name": f"{operation.label} [{check}]"}, operation.cases)
        for failure in (f for f in operation.evidence if f.check == check):
            element = ET.SubElement(case, "failure", {"message": failure.message})
            element.text = "\n".join([failure.message, *failure.detail])
        found.append(case)
    return found


def _case(attributes: dict[str, str], cases: int) -> ET.Element:
    case = ET.Element("testcase", attributes)
    ET.SubElement(case, "system-out").text = f"{cases} case{'' if cases == 1 else 's'}"
    return case
