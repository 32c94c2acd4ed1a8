"""The shipped registry's Backstage export, checked by Backstage's own catalog model (npm).

tests/backstage/ pins @backstage/catalog-model and the `yaml` parser Backstage reads catalog
files with, installed by tests.npm_tools (in CI a missing node or npm fails the test).
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from intreg.records.project import Project
from intreg.records.registry import load_registry
from tests.helpers import REPO
from tests.npm_tools import install_tools
from tests.records.test_system_cross_rules import project

SOURCE = REPO / "tests" / "backstage"


@pytest.fixture(scope="module")
def validator() -> Path:
    """The cache folder holding validate.mjs and its node_modules, installed if needed."""
    return install_tools(
        SOURCE, "backstage-validators", ("validate.mjs",), "Backstage's catalog model"
    )


def validate(folder: Path, export: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["node", "validate.mjs", str(export)],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.mark.slow
def test_shipped_export_passes_backstage_validators(validator, run_cli, tmp_path) -> None:
    out = tmp_path / "backstage"
    assert run_cli("export", "backstage", "--out", str(out), cwd=REPO).exit_code == 0
    shipped = Project(REPO)
    registry = load_registry(shipped.record_files(), REPO, systems=shipped.system_files())
    records = [r.record for r in registry.records]
    systems = [s.system for s in registry.systems]
    result = validate(validator, out)
    assert json.loads(result.stdout) == {
        "kinds": {
            "API": len(records),
            # Each owner team is a Group, a system record's too.
            "Group": len({r.owner.team for r in records} | {s.owner.team for s in systems}),
            "Location": 1,
            "System": len({s for r in records for s in r.consumers} | {s.id for s in systems}),
            # A Component per system record: each system's application.
            **({"Component": len(systems)} if systems else {}),
        },
        "errors": [],
    }
    assert result.returncode == 0, result.stderr


@pytest.mark.slow
def test_the_validators_catch_what_backstage_refuses(validator, run_cli, tmp_path) -> None:
    out = tmp_path / "backstage"
    run_cli("export", "backstage", "--out", str(out), cwd=REPO)
    stripe = out / "apis" / "stripe.yaml"
    stripe.write_text(stripe.read_text().replace("intreg/record:", "intreg//record:"))
    (out / "openapi" / "paypal.openapi.yaml").unlink()
    twilio = out / "apis" / "twilio.yaml"
    twilio.write_text(twilio.read_text().replace("owner: group:", "owner: group:nobody-"))
    result = validate(validator, out)
    assert result.returncode == 1
    assert json.loads(result.stdout)["errors"] == [
        "apis/paypal.yaml: $text ../openapi/paypal.openapi.yaml: cannot read "
        "openapi/paypal.openapi.yaml: ENOENT",
        'apis/stripe.yaml: "annotations.intreg//record" is not valid; expected a valid prefix '
        'and/or suffix but found "intreg//record". To learn more about catalog file format, '
        "visit: https://github.com/backstage/backstage/blob/master/docs/architecture-decisions/"
        "adr002-default-catalog-file-format.md",
        "apis/twilio.yaml: spec.owner group:nobody-messaging: "
        "no entity group:default/nobody-messaging",
        # The application of the system that uses them refers to the two broken APIs.
        "components/saypro-classified.yaml: spec.consumesApis api:paypal: "
        "no entity api:default/paypal",
        "components/saypro-classified.yaml: spec.consumesApis api:stripe: "
        "no entity api:default/stripe",
    ]


@pytest.mark.slow
def test_an_export_with_a_system_record_passes_and_a_dangling_api_is_caught(
    validator, run_cli, make_registry, minimal_text, tmp_path
) -> None:
    root = project(make_registry, minimal_text)
    out = tmp_path / "backstage"
    assert run_cli("export", "backstage", "--out", str(out), cwd=root).exit_code == 0
    result = validate(validator, out)
    assert json.loads(result.stdout) == {
        "kinds": {"API": 2, "Component": 1, "Group": 2, "Location": 1, "System": 1},
        "errors": [],
    }
    (out / "apis" / "pay.yaml").unlink()
    catalog = out / "catalog-info.yaml"
    catalog.write_text(catalog.read_text().replace("  - ./apis/pay.yaml\n", ""))
    errors = json.loads(validate(validator, out).stdout)["errors"]
    assert errors == ["components/shop.yaml: spec.consumesApis api:pay: no entity api:default/pay"]
