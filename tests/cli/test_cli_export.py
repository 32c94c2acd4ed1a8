"""`intreg export backstage` through the command line, on scratch projects and the shipped one."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from intreg.records.project import Project
from intreg.records.registry import load_registry
from tests.helpers import REPO, case_text

BAD_VERSION = case_text("minimal").replace('version: "1.10"', "version: 1.10")


def load_export(out: Path) -> dict[str, Any]:
    """Every entity file below `out`, parsed, by its path relative to `out`."""
    return {
        p.relative_to(out).as_posix(): yaml.safe_load(p.read_text(encoding="utf-8"))
        for p in sorted(out.rglob("*.yaml"))
        if p.parts[len(out.parts)] != "openapi"
    }


def test_export_writes_entities_and_reports_counts(make_registry, run_cli) -> None:
    root = make_registry({"minimal": case_text("minimal"), "full": case_text("full")})
    result = run_cli("export", "backstage", cwd=root)
    assert (result.exit_code, result.stdout) == (0, "")
    assert result.stderr == (
        "build/backstage: wrote 9, unchanged 0, deleted 0 "
        "(2 Group, 2 System, 0 Component, 2 API entities from 2 records)\n"
    )
    assert sorted(load_export(root / "build" / "backstage")) == [
        "apis/full.yaml",
        "apis/minimal.yaml",
        "catalog-info.yaml",
        "groups/messaging.yaml",
        "groups/payments.yaml",
        "systems/py360-renewal.yaml",
        "systems/saypro-classified.yaml",
    ]
    again = run_cli("export", "backstage", cwd=root)
    assert again.stderr.startswith("build/backstage: wrote 0, unchanged 9, deleted 0 ")


def test_export_deletes_entities_of_records_that_are_gone(make_registry, run_cli) -> None:
    root = make_registry({"minimal": case_text("minimal"), "full": case_text("full")})
    run_cli("export", "backstage", "--out", "catalog", cwd=root)
    (root / "registry" / "full.yaml").unlink()
    result = run_cli("export", "backstage", "--out", "catalog", cwd=root)
    assert result.stderr == (
        "catalog: wrote 1, unchanged 3, deleted 5 (1 Group, 0 System, 0 Component, 1 API entities "
        "from 1 "
        "record)\n"
    )
    assert not (root / "catalog" / "apis" / "full.yaml").exists()


def test_export_of_an_invalid_registry_writes_nothing(make_registry, run_cli) -> None:
    root = make_registry({"minimal": BAD_VERSION})
    result = run_cli("export", "backstage", cwd=root)
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == (
        "registry/minimal.yaml:23:12: error: api.version: expected text, but YAML reads `1.10` "
        "as the number 1.1 [wrong-type]"
    )
    assert result.stderr == "1 error and 0 warnings in 1 record (1 invalid)\n"
    assert not (root / "build").exists()


def test_export_refuses_a_name_backstage_would_refuse(make_registry, run_cli) -> None:
    long_id = "a" * 64
    text = case_text("minimal").replace("id: minimal", f"id: {long_id}")
    root = make_registry({long_id: text})
    result = run_cli("export", "backstage", cwd=root)
    assert result.exit_code == 1
    assert result.stdout == (
        f"registry/{long_id}.yaml:1:5: error: id: `{long_id}` is not a Backstage entity name: "
        "64 characters [backstage-name]\n  hint: shorten it to at most 63 characters\n"
    )
    assert not (root / "build").exists()


def test_system_owner_option(make_registry, run_cli) -> None:
    root = make_registry({"minimal": case_text("minimal"), "full": case_text("full")})
    result = run_cli("export", "backstage", "--system-owner", "py360-renewal=platform", cwd=root)
    assert result.exit_code == 0
    system = yaml.safe_load((root / "build/backstage/systems/py360-renewal.yaml").read_text())
    assert system["spec"] == {"owner": "group:platform"}


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (
            "py360-renewal",
            "Error: Invalid value for '--system-owner': 'py360-renewal' is not SYSTEM=TEAM "
            "(two slugs)\n",
        ),
        (
            "billing=payments",
            "intreg: error: --system-owner: no record lists billing in its consumers "
            "(known systems: py360-renewal, saypro-classified)\n",
        ),
    ],
)
def test_bad_system_owner_exits_2(make_registry, run_cli, value: str, message: str) -> None:
    root = make_registry({"minimal": case_text("minimal"), "full": case_text("full")})
    result = run_cli("export", "backstage", "--system-owner", value, cwd=root)
    assert result.exit_code == 2
    assert result.stderr.endswith(message)
    assert not (root / "build").exists()


def test_shipped_registry_round_trips_with_every_reference_resolved(run_cli, tmp_path) -> None:
    out = tmp_path / "backstage"
    result = run_cli("export", "backstage", "--out", str(out), cwd=REPO)
    assert result.exit_code == 0
    shipped = Project(REPO)
    registry = load_registry(shipped.record_files(), REPO, systems=shipped.system_files())
    records = [r.record for r in registry.records]
    systems = [s.system for s in registry.systems]
    entities = load_export(out)
    by_kind: dict[str, set[str]] = {}
    for entity in entities.values():
        by_kind.setdefault(entity["kind"], set()).add(entity["metadata"]["name"])
    assert {kind: len(names) for kind, names in by_kind.items()} == {
        "API": len(records),
        "Group": len({r.owner.team for r in records} | {s.owner.team for s in systems}),
        "System": len({s for r in records for s in r.consumers}),
        "Component": len(systems),  # each system record's application
        "Location": 1,
    }
    assert by_kind["API"] == {r.id for r in records}
    targets = entities["catalog-info.yaml"]["spec"]["targets"]
    assert sorted(t.removeprefix("./") for t in targets) == sorted(
        path for path in entities if path != "catalog-info.yaml"
    )
    for path, entity in entities.items():
        spec = entity["spec"]
        for field, kind in (("owner", "Group"), ("system", "System")):
            if field in spec:
                prefix, _, name = spec[field].partition(":")
                assert (prefix, name in by_kind[kind]) == (kind.lower(), True), (path, field)
        if entity["kind"] == "API":
            stub = out / "apis" / spec["definition"]["$text"]
            assert (
                yaml.safe_load(stub.read_text())["info"]["x-intreg-id"]
                == entity["metadata"]["name"]
            )
            assert entity["metadata"]["annotations"]["intreg/record"] == (
                f"registry/{entity['metadata']['name']}.yaml"
            )
