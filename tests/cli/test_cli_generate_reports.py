"""`intreg generate` with contract reports: the last run on the page, a bad report stops
generation with a finding, and a changed report renders the pages again."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.test_cli_generate import FULL, MINIMAL, TODAY, tree
from tests.outputs.evidence.reports import operation, report, report_bytes

PAGE = Path("build/docs/integrations/full/index.md")


@pytest.fixture
def project(make_registry) -> Path:
    root = make_registry({"full": FULL, "minimal": MINIMAL})
    (root / "reports" / "contract").mkdir(parents=True)
    return root


def write_report(root: Path, name: str, value: dict) -> Path:
    path = root / "reports" / "contract" / name
    path.write_bytes(report_bytes(value))
    return path


def test_the_projects_report_is_shown_and_a_changed_one_renders_again(project, run_cli) -> None:
    write_report(project, "full.json", report("full"))
    result = run_cli("generate", *TODAY, cwd=project)
    assert result.exit_code == 0, result.stdout
    page = (project / PAGE).read_text(encoding="utf-8")
    assert "| `GET /v1/charges/{charge}` | passed | 12 | 4 ms | 17 ms, within 200 ms |" in page
    monitoring = (project / "build/docs/monitoring.md").read_text(encoding="utf-8")
    assert "[passed, 2026-11-27 10&#58;00&#58;00 UTC]" in monitoring
    assert run_cli("generate", *TODAY, cwd=project).stderr.startswith("build: wrote 0,")
    slower = operation(p95_ms=250, max_ms=300)
    write_report(project, "full.json", report("full", operations=[slower]))
    again = run_cli("generate", *TODAY, cwd=project)
    assert again.stderr.startswith("build: wrote 2,"), again.stderr  # the page, monitoring
    assert "| 250 ms, above 200 ms |" in (project / PAGE).read_text(encoding="utf-8")


def test_a_report_given_on_the_command_line_wins_when_newer(project, run_cli) -> None:
    write_report(project, "full.json", report("full"))
    newer = project / "run.json"
    newer.write_bytes(report_bytes(report("full", when="2026-11-28T09:30:00Z", target="x")))
    result = run_cli("generate", *TODAY, "--contract-report", "run.json", cwd=project)
    assert result.exit_code == 0
    page = (project / PAGE).read_text(encoding="utf-8")
    assert "- **When:** 2026-11-28 09&#58;30&#58;00 UTC\n- **Target:** x\n" in page


def test_a_bad_report_writes_nothing(project, run_cli) -> None:
    run_cli("generate", *TODAY, cwd=project)
    before = tree(project / "build")
    bad = json.loads(report_bytes(report("full")))
    bad["operations"][0]["p95_ms"] = -3
    write_report(project, "full.json", bad)
    write_report(project, "minimal.json", report("full"))
    result = run_cli("generate", *TODAY, cwd=project)
    assert result.exit_code == 1
    assert result.stdout == (
        "reports/contract/full.json:16:17: error: operations[0].p95_ms: the number -3 must be "
        "at least 0 [contract-report-invalid]\n"
        "  hint: write a value of 0 or more\n"
        "reports/contract/minimal.json:1:1: error: record: a report of `full` in "
        "minimal.json [contract-report-misnamed]\n"
        "  hint: rename it to reports/contract/full.json\n"
    )
    assert result.stderr == "2 of 2 contract reports invalid; nothing written\n"
    assert tree(project / "build") == before


def test_a_missing_report_file_is_one_line(project, run_cli) -> None:
    result = run_cli("generate", *TODAY, "--contract-report", "nope.json", cwd=project)
    assert result.exit_code == 2
    assert "nope.json: cannot read: No such file or directory" in result.stderr
