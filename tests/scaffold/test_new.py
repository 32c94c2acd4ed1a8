"""`intreg new`: an honest scaffold (issue 20, item 7): every provider fact is a TODO, the
standard's sections are listed, and its links work in a project made by `intreg init`."""

from __future__ import annotations

import json
import re
from pathlib import Path

import yaml

from intreg.scaffold.new import render_scaffold
from tests.helpers import fill

SECTIONS = [
    "overview",
    "auth",
    "endpoints",
    "configuration",
    "errors",
    "testing",
    "versioning",
    "maintenance",
    "monitoring",
    "data mapping",
]


def scaffold() -> str:
    return render_scaffold("acme").decode("utf-8")


def test_no_provider_fact_is_prefilled() -> None:
    record = yaml.safe_load(scaffold())
    todo = lambda value: isinstance(value, str) and value.startswith("TODO")  # noqa: E731
    assert all(map(todo, [record["auth"][k] for k in ("method", "location", "name")]))
    assert "scheme" not in record["auth"]
    assert all(map(todo, [record["api"]["request_format"], record["api"]["response_format"]]))
    assert todo(record["endpoints"][0]["method"])
    assert "example" not in record["endpoints"][0]["responses"][200]
    limit = record["rate_limits"][0]
    assert todo(limit["limit"]) and todo(limit["period"])
    assert "Bearer" not in scaffold().split("\nid:")[1].replace("# scheme", "")


def test_the_standards_sections_are_listed_one_line_each() -> None:
    header = scaffold().split("\nid:")[0]
    listed = re.findall(r"^#   ([a-z]+(?: [a-z]+)?)\s{2,}\S", header, re.MULTILINE)
    assert listed == SECTIONS


def uncomment_sections(lines: list[str]) -> list[str]:
    """The optional sections (`# key:` blocks) uncommented; field hints kept."""
    out, indent = [], None
    for line in lines:
        starts = re.match(r"( *)# (errors|retry|testing|versioning|monitoring|data_mapping):", line)
        if starts:
            indent = starts.group(1)
        elif indent is not None and not line.startswith(f"{indent}#   "):
            indent = None
        out.append(line.replace("# ", "", 1) if indent is not None else line)
    return out


def test_the_commented_sections_are_valid_once_uncommented(make_registry, run_cli) -> None:
    text = scaffold()
    body = text.split("\nid:")[1]
    opened = "\n".join(uncomment_sections(body.split("\n")))
    assert "\n    data_mapping:" in opened and "\nmonitoring:" in opened
    root = make_registry({"acme": text.split("\nid:")[0] + "\nid:" + opened})
    report = run_cli("validate", "--format", "json", cwd=root)
    findings = json.loads(report.stdout)
    assert {f["code"] for f in findings} == {"placeholder"}, findings
    (root / "registry" / "acme.yaml").write_text(
        fill((root / "registry" / "acme.yaml").read_text("utf-8"), findings), "utf-8"
    )
    assert run_cli("validate", cwd=root).exit_code == 0


def test_its_links_work_in_a_project_made_by_init(run_cli, tmp_path: Path) -> None:
    assert run_cli("init", "reg", cwd=tmp_path).exit_code == 0
    project = tmp_path / "reg"
    assert run_cli("new", "acme", cwd=project).exit_code == 0
    record = project / "registry" / "acme.yaml"
    header = record.read_text("utf-8").split("\nid:")[0]
    schema = re.search(r"\$schema=(\S+)", header)
    assert schema is not None and (record.parent / schema.group(1)).is_file()
    for path in re.findall(r"\b(docs/[\w./-]+\.md)\b", header):
        assert (project / path).is_file(), path
    assert "docs/writers-guide.md" in header


def test_new_system_scaffolds_a_system_record_with_honest_todos(make_registry, run_cli) -> None:
    root = make_registry({})
    created = run_cli("new", "--system", "renewals", cwd=root)
    assert (created.exit_code, created.stdout) == (0, "created registry/systems/renewals.yaml\n")
    report = run_cli("validate", "--format", "json", cwd=root)
    found = json.loads(report.stdout)
    assert report.exit_code == 1
    assert {f["code"] for f in found} == {"placeholder"}
    assert sorted(f["path"] for f in found) == [
        "description",
        "name",
        "owner.contact",
        "owner.roles.project_manager",
        "owner.team",
        "phases[0].name",
        "plan_document.dated",
        "plan_document.location",
        "plan_document.title",
    ]
    path = root / "registry" / "systems" / "renewals.yaml"
    values = {"owner.team": "renewals", "owner.contact": "renewals@example.com"}
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    for f in found:  # in line and column order, so a line's first TODO is this finding's
        value = values.get(f["path"], "Filled in")
        lines[f["line"] - 1] = re.sub(r'"TODO[^"]*"', f'"{value}"', lines[f["line"] - 1], count=1)
    path.write_text("".join(lines), encoding="utf-8")
    assert run_cli("validate", cwd=root).exit_code == 0
    again = run_cli("new", "--system", "renewals", cwd=root)
    assert again.exit_code == 2
    assert "renewals.yaml: already exists in registry/systems/" in again.stderr
