"""Issue 17, item 3: every variable a request of the shipped registry needs is declared by its
record and set in its .env template, and no page uses a variable no record declares (the site
used ${ACCESS_TOKEN} on six pages)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from intreg.outputs.credentials import plan_auth
from intreg.outputs.envfile import render_record_env
from intreg.outputs.outputs import Inputs, generate_all
from intreg.outputs.samples.curl import curl_sample
from intreg.outputs.samples.javascript import javascript_sample
from intreg.outputs.samples.python import python_sample
from intreg.outputs.samples.request import wire_request
from intreg.records.files import find_record_files
from intreg.records.registry import load_registry

REPO = Path(__file__).parent.parent.parent
RECORDS = {
    r.record.id: r.record
    for r in load_registry(find_record_files([REPO / "registry"]), REPO).records
}
VARIABLE = re.compile(r"\$\{([A-Z][A-Z0-9_]*)\}")


@pytest.mark.parametrize("record_id", sorted(RECORDS))
def test_each_sample_uses_only_variables_its_record_declares_and_its_env_file_sets(
    record_id: str,
) -> None:
    record = RECORDS[record_id]
    declared = {c.env_var for c in record.auth.credentials}
    template = render_record_env(record).decode()
    set_there = set(re.findall(r"^#? ?([A-Z][A-Z0-9_]*)=", template, re.MULTILINE))
    plan = plan_auth(record)
    needed = set(plan.all_vars) if plan is not None else set()
    for endpoint in record.endpoints:
        request = wire_request(record, endpoint)
        used = set(VARIABLE.findall(curl_sample(request))) | set(request.env_vars)
        assert used <= declared, (endpoint.path, used - declared)
        for sample in (python_sample(request), javascript_sample(request)):
            named = set(
                re.findall(r"os\.environ\['([A-Z0-9_]+)'\]|process\.env\.([A-Z0-9_]+)", sample)
            )
            assert {a or b for a, b in named} <= declared, (endpoint.path, named)
        needed |= used
    assert needed <= set_there, needed - set_there


def test_no_page_uses_a_variable_that_no_record_declares() -> None:
    declared = {c.env_var for r in RECORDS.values() for c in r.auth.credentials}
    files = generate_all(Inputs(list(RECORDS.values()), dt.date(2026, 11, 27)))
    used = {
        (str(path), name)
        for path, data in files.items()
        if path.suffix in (".md", ".html")
        for name in VARIABLE.findall(data.decode("utf-8", errors="replace"))
    }
    assert used, "the pages show curl samples with variables"
    assert sorted((path, name) for path, name in used if name not in declared) == []
