"""`intreg` through its command line: exit codes, output formats, new, schema."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from intreg.records import validate as validate_module
from tests.helpers import FILLED, case_text, fill

BAD_VERSION = case_text("minimal").replace('version: "1.10"', "version: 1.10")


def test_validate_clean_registry_exits_0(make_registry, run_cli) -> None:
    root = make_registry({"minimal": case_text("minimal")})
    result = run_cli("validate", cwd=root)
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "1 record valid\n")


def test_validate_finds_the_registry_from_a_subfolder(make_registry, run_cli) -> None:
    root = make_registry({"minimal": BAD_VERSION})
    (root / "docs").mkdir()
    result = run_cli("validate", "--root", str(root), cwd=root / "docs")
    assert result.exit_code == 1
    assert result.stdout.startswith(f"{root.as_posix()}/registry/minimal.yaml:23:12: error:")


def test_validate_text_report_and_summary(make_registry, run_cli) -> None:
    root = make_registry({"minimal": BAD_VERSION, "other": "id: other\n"})
    result = run_cli("validate", cwd=root)
    assert result.exit_code == 1
    assert result.stdout.splitlines()[:2] == [
        "registry/minimal.yaml:23:12: error: api.version: expected text, but YAML reads `1.10` "
        "as the number 1.1 [wrong-type]",
        '  hint: quote it: "1.10"',
    ]
    assert result.stderr == "10 errors and 0 warnings in 2 records (2 invalid)\n"


def test_validate_json_is_only_json_on_stdout(make_registry, run_cli) -> None:
    root = make_registry({"minimal": BAD_VERSION})
    result = run_cli("validate", "--format", "json", cwd=root)
    assert result.exit_code == 1
    assert result.stderr == ""
    assert json.loads(result.stdout) == [
        {
            "file": "registry/minimal.yaml",
            "line": 23,
            "column": 12,
            "path": "api.version",
            "message": "expected text, but YAML reads `1.10` as the number 1.1",
            "severity": "error",
            "code": "wrong-type",
            "hint": 'quote it: "1.10"',
        }
    ]


def test_validate_github_annotations(make_registry, run_cli) -> None:
    root = make_registry({"minimal": BAD_VERSION})
    result = run_cli("validate", "--format", "github", "registry/minimal.yaml", cwd=root)
    assert result.stdout == (
        "::error file=registry/minimal.yaml,line=23,col=12,title=wrong-type::api.version: "
        'expected text, but YAML reads `1.10` as the number 1.1%0Ahint: quote it: "1.10"\n'
    )


def test_validate_a_single_file_uses_the_rest_of_the_registry(make_registry, run_cli) -> None:
    other = case_text("minimal").replace("id: minimal", "id: other")
    root = make_registry({"minimal": case_text("minimal"), "other": other})
    result = run_cli("validate", "registry/minimal.yaml", cwd=root)
    assert result.exit_code == 1
    assert "`EXAMPLE_SECRET_KEY` is also used by other [env-var-conflict]" in result.stdout
    assert "registry/other.yaml" not in result.stdout


def test_validate_outside_a_project_with_explicit_files(tmp_path: Path, run_cli) -> None:
    (tmp_path / "minimal.yaml").write_text(case_text("minimal"), encoding="utf-8")
    result = run_cli("validate", "minimal.yaml", cwd=tmp_path)
    assert (result.exit_code, result.stderr) == (0, "1 record valid\n")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["validate", "missing.yaml"], "intreg: error: missing.yaml: no such file or directory\n"),
        (["validate"], None),
        (["validate", "--format", "xml"], None),
    ],
)
def test_validate_usage_and_io_errors_exit_2(tmp_path: Path, run_cli, args, message) -> None:
    result = run_cli(*args, cwd=tmp_path)
    assert result.exit_code == 2
    if message is not None:
        assert result.stderr == message
    assert result.stdout == ""


def test_validate_outside_a_project_explains_how_to_find_one(tmp_path: Path, run_cli) -> None:
    result = run_cli("validate", cwd=tmp_path)
    assert result.exit_code == 2
    assert "no intreg project at or above" in result.stderr
    assert "pass --root DIR" in result.stderr


def test_internal_error_exits_3_in_one_line(make_registry, run_cli, monkeypatch) -> None:
    root = make_registry({"minimal": case_text("minimal")})

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr("intreg.cli.validate.validate", broken)
    result = run_cli("validate", cwd=root)
    assert result.exit_code == 3
    assert result.stderr == (
        "intreg: internal error: RuntimeError: boom (run with --debug for the traceback, "
        "and report it)\n"
    )
    assert "Traceback" not in result.stdout + result.stderr
    assert run_cli("--debug", "validate", cwd=root).exit_code == 3


def test_new_scaffold_lists_placeholders_and_validates_once_filled(
    make_registry, run_cli: Callable[..., Result]
) -> None:
    root = make_registry({})
    created = run_cli("new", "acme", cwd=root)
    assert (created.exit_code, created.stdout) == (0, "created registry/acme.yaml\n")
    path = root / "registry" / "acme.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../schemas/integration.schema.json\n")
    assert "\nid: acme\n" in text

    report = run_cli("validate", "--format", "json", cwd=root)
    placeholders = json.loads(report.stdout)
    assert report.exit_code == 1
    assert {p["code"] for p in placeholders} == {"placeholder"}
    assert sorted(p["path"] for p in placeholders) == sorted(FILLED)

    path.write_text(fill(text, placeholders), encoding="utf-8")
    assert run_cli("validate", cwd=root).exit_code == 0


def test_new_refuses_to_overwrite_without_force(make_registry, run_cli) -> None:
    root = make_registry({"acme": "keep me\n"})
    refused = run_cli("new", "acme", cwd=root)
    assert refused.exit_code == 2
    assert refused.stderr == (
        "intreg: error: acme.yaml: already exists in registry/; pass --force to overwrite it\n"
    )
    assert (root / "registry" / "acme.yaml").read_text() == "keep me\n"
    assert run_cli("new", "acme", "--force", cwd=root).exit_code == 0
    assert "id: acme" in (root / "registry" / "acme.yaml").read_text()


def test_new_rejects_an_id_that_is_not_a_slug(make_registry, run_cli) -> None:
    root = make_registry({})
    result = run_cli("new", "Acme_Pay", cwd=root)
    assert result.exit_code == 2
    assert "`Acme_Pay` is not a valid id" in result.stderr
    assert list((root / "registry").iterdir()) == []


def test_schema_check_detects_a_stale_file_and_write_fixes_it(make_registry, run_cli) -> None:
    root = make_registry({})
    assert run_cli("schema", "--check", cwd=root).exit_code == 1
    written = run_cli("schema", cwd=root)
    assert (written.exit_code, written.stderr) == (
        0,
        "wrote schemas/integration.schema.json\nwrote schemas/system.schema.json\n",
    )
    assert run_cli("schema", "--check", cwd=root).exit_code == 0
    again = run_cli("schema", cwd=root)
    assert again.stderr == (
        "unchanged schemas/integration.schema.json\nunchanged schemas/system.schema.json\n"
    )
    (root / "schemas" / "system.schema.json").write_text("{}\n", encoding="utf-8")
    stale = run_cli("schema", "--check", cwd=root)
    assert (stale.exit_code, stale.stderr) == (
        1,
        "schemas/integration.schema.json: up to date\n"
        "schemas/system.schema.json: stale; run `intreg schema` and commit it\n",
    )


def test_help_and_version(run_cli, tmp_path: Path) -> None:
    assert "Example:" in run_cli("validate", "--help", cwd=tmp_path).stdout
    version = run_cli("--version", cwd=tmp_path)
    assert re.fullmatch(r"intreg, version \d+\.\d+\.\d+\n", version.stdout)


def test_validate_module_summary_wording() -> None:
    assert validate_module.summarise(3, []) == "3 records valid"
