"""The published schema and `intreg validate` agree on every case file (issue 16).

ajv (JSON Schema 2020-12, formats asserted) checks each file of tests/cases as an editor reads
it (the npm `yaml` package, YAML 1.2). No record intreg accepts may be refused by the schema,
and where intreg alone refuses one, the reason must be a rule the schema cannot express
(intreg.records.beyond_schema). The tools are pinned in tests/ajv/ (tests.npm_tools).
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest

from intreg.records.beyond_schema import RULES_BEYOND_SCHEMA
from intreg.records.export import integration_schema
from intreg.records.findings import Severity
from intreg.records.loader import load_record
from tests.helpers import CASES, REPO
from tests.npm_tools import install_tools

SCHEMA = REPO / "schemas" / "integration.schema.json"
FOLDERS = ("valid", "accepted", "invalid")
FILES = sorted(case for folder in FOLDERS for case in (CASES / folder).glob("*.yaml"))


@pytest.fixture(scope="module")
def ajv_verdicts() -> dict[str, Any]:
    """{file name: {"valid": bool, "errors": [...]}} for every case, from ajv."""
    folder = install_tools(REPO / "tests" / "ajv", "ajv-verdicts", ("verdicts.mjs",), "ajv")
    result = subprocess.run(
        ["node", "verdicts.mjs", str(SCHEMA), *map(str, FILES)],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return {Path(file).name: verdict for file, verdict in json.loads(result.stdout).items()}


def intreg_errors(case: Path) -> set[str] | None:
    """The codes of intreg's errors on a case, or None when it accepts the case."""
    result = load_record(case.read_bytes(), case.name, expected_id=case.stem)
    if result.ok:
        return None
    return {f.code for f in result.findings if f.severity == Severity.ERROR}


@pytest.mark.slow
def test_the_schema_accepts_every_case_intreg_accepts(ajv_verdicts) -> None:
    refused = {
        case.name: ajv_verdicts[case.name]["errors"]
        for case in FILES
        if intreg_errors(case) is None and not ajv_verdicts[case.name]["valid"]
    }
    assert refused == {}


@pytest.mark.slow
def test_intreg_refuses_alone_only_by_a_rule_beyond_the_schema(ajv_verdicts) -> None:
    unexplained = {}
    for case in FILES:
        codes = intreg_errors(case)
        if codes is not None and ajv_verdicts[case.name]["valid"]:
            unexplained[case.name] = sorted(codes - RULES_BEYOND_SCHEMA.keys())
    assert {name: codes for name, codes in unexplained.items() if codes} == {}


def test_the_schema_description_names_every_rule_beyond_it() -> None:
    description = integration_schema()["description"]
    assert [code for code in RULES_BEYOND_SCHEMA if f"[{code}]" not in description] == []
