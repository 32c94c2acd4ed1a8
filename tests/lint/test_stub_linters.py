"""Every generated stub of the shipped registry passes Redocly `recommended` and Spectral
`spectral:oas` with 0 errors, under the repository's rulesets (redocly.yaml with
.redocly.lint-ignore.yaml, .spectral.yaml), whose exceptions are exactly the real providers'."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from intreg.outputs.openapi import generate
from intreg.records.files import find_record_files
from intreg.records.registry import load_registry
from tests.helpers import REPO
from tests.npm_tools import install_tools

pytestmark = pytest.mark.slow
RULESETS = ("redocly.yaml", ".redocly.lint-ignore.yaml", ".spectral.yaml")
# The provider paths that break no-path-trailing-slash (see .redocly.lint-ignore.yaml).
TRAILING_SLASHES = 3


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder with build/openapi/ (every shipped stub) and the repository's rulesets."""
    root = tmp_path_factory.mktemp("lint")
    records = load_registry(find_record_files([REPO / "registry"]), REPO).records
    for path, data in generate([r.record for r in records]).items():
        target = root / "build" / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    for name in RULESETS:
        shutil.copyfile(REPO / name, root / name)
    return root


def run_node(cache: Path, script: str, args: list[str], cwd: Path) -> str:
    env = {**os.environ, "REDOCLY_TELEMETRY": "off", "NO_COLOR": "1"}
    done = subprocess.run(
        [shutil.which("node") or "node", str(cache / "node_modules" / script), *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    return done.stdout


def stubs(project: Path) -> list[str]:
    return sorted(str(p.relative_to(project)) for p in (project / "build/openapi").glob("*.yaml"))


def redocly(project: Path) -> dict:
    """Problems and totals over all stubs (Redocly prints one JSON report per file)."""
    cache = install_tools(REPO / "tests" / "redocly", "redocly", (), "linting stubs with Redocly")
    args = ["lint", "--format=json", *stubs(project)]
    out = run_node(cache, "@redocly/cli/bin/cli.js", args, project).strip()
    decoder, position = json.JSONDecoder(), 0
    merged: dict = {"problems": [], "ignored": 0, "files": 0}
    while position < len(out):
        report, position = decoder.raw_decode(out, position)
        merged["problems"] += report["problems"]
        merged["ignored"] += report["totals"]["ignored"]
        merged["files"] += 1
        while position < len(out) and out[position].isspace():
            position += 1
    assert merged["files"] == len(stubs(project))
    return merged


def test_redocly_recommended_finds_no_error(project: Path) -> None:
    report = redocly(project)
    errors = [p for p in report["problems"] if p["severity"] == "error"]
    assert errors == [], errors
    assert report["ignored"] == TRAILING_SLASHES


def test_without_the_exceptions_redocly_reports_exactly_the_real_trailing_slashes(
    project: Path,
) -> None:
    (project / ".redocly.lint-ignore.yaml").unlink()
    try:
        problems = [p for p in redocly(project)["problems"] if p["severity"] == "error"]
    finally:
        shutil.copyfile(REPO / ".redocly.lint-ignore.yaml", project / ".redocly.lint-ignore.yaml")
    assert [p["ruleId"] for p in problems] == ["no-path-trailing-slash"] * TRAILING_SLASHES


def test_spectral_oas_finds_no_error(project: Path) -> None:
    cache = install_tools(
        REPO / "tests" / "spectral", "spectral", (), "linting stubs with Spectral"
    )
    report = project / "spectral.json"
    args = ["lint", "--ruleset", ".spectral.yaml", "--format", "json", "--output", str(report)]
    run_node(cache, "@stoplight/spectral-cli/dist/index.js", [*args, *stubs(project)], project)
    results = json.loads(report.read_text(encoding="utf-8"))
    assert [r for r in results if r["severity"] == 0] == []
    # The exceptions are used: no trailing-slash warning is left for the exempted paths.
    assert [r["code"] for r in results if r["code"] == "path-keys-no-trailing-slash"] == []
