"""A contract run as JUnit XML, deterministic (no times or host names), for CI to show."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from intreg.contract.harness import ContractRun


def render_junit(record_id: str, run: ContractRun) -> bytes:
    """One testsuite for the record, one testcase per operation, a failure element per failure."""
    suite_name = f"contract.{record_id}"
    failed = sum(1 for o in run.operations if not o.passed)
    counts = {"tests": str(len(run.operations)), "failures": str(failed), "errors": "0"}
    skipped = sum(1 for o in run.operations if o.skipped is not None)
    if skipped:
        counts["skipped"] = str(skipped)
    root = ET.Element("testsuites", {"name": "intreg contract", **counts})
    suite = ET.SubElement(root, "testsuite", {"name": suite_name, **counts})
    for operation in run.operations:
        case = ET.SubElement(suite, "testcase", {"classname": suite_name, "name": operation.label})
        if operation.skipped is not None:
            ET.SubElement(case, "skipped", {"message": operation.skipped})
            continue
        plural = "" if operation.cases == 1 else "s"
        ET.SubElement(case, "system-out").text = f"{operation.cases} case{plural}"
        for message in operation.failures:
            ET.SubElement(case, "failure", {"message": message}).text = message
    ET.indent(root)
    text: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return text + b"\n"
