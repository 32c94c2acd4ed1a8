"""Every generated stub of the shipped registry passes Redocly `recommended` and Spectral
`spectral:oas` with 0 errors and 0 warnings, under the repository's rulesets (redocly.yaml
with .redocly.lint-ignore.yaml, .spectral.yaml), whose exceptions are exactly the real
providers'."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from intreg.outputs.openapi import generate
from intreg.records.files import find_record_files
from intreg.records.registry import load_registry
from tests.helpers import REPO
from tests.npm_tools import install_tools

pytestmark = pytest.mark.slow
RULESETS = ("redocly.yaml", ".redocly.lint-ignore.yaml", ".spectral.yaml")
# The places where a stub breaks a Redocly rule because the provider does, each listed with
# its reason in .redocly.lint-ignore.yaml: (stub, rule, JSON pointer).
EXCEPTIONS = sorted(
    (stub, rule, pointer)
    for stub, rules in yaml.safe_load(
        (REPO / ".redocly.lint-ignore.yaml").read_text(encoding="utf-8")
    ).items()
    for rule, pointers in rules.items()
    for pointer in pointers
)


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


def places(problems: list[dict]) -> list[tuple[str, str, str]]:
    """(stub, rule, JSON pointer) of each problem, as .redocly.lint-ignore.yaml lists them."""
    return sorted(
        (location["source"]["ref"], p["ruleId"], location["pointer"])
        for p in problems
        for location in p["location"][:1]
    )


def test_redocly_recommended_finds_no_error_and_no_warning(project: Path) -> None:
    # A new warning fails here too: fix the generator or the record, or list the place with
    # the provider's reason in .redocly.lint-ignore.yaml.
    report = redocly(project)
    assert places(report["problems"]) == []
    assert report["ignored"] == len(EXCEPTIONS)


def test_without_the_exceptions_redocly_reports_exactly_the_listed_places(
    project: Path,
) -> None:
    # Each exception is still needed: no stale entry hides a place the stubs no longer break.
    (project / ".redocly.lint-ignore.yaml").unlink()
    try:
        problems = redocly(project)["problems"]
    finally:
        shutil.copyfile(REPO / ".redocly.lint-ignore.yaml", project / ".redocly.lint-ignore.yaml")
    assert places(problems) == EXCEPTIONS
    assert {p["ruleId"]: p["severity"] for p in problems} == {
        "no-path-trailing-slash": "error",
        "operation-4xx-response": "warn",
    }


def test_spectral_oas_finds_nothing(project: Path) -> None:
    cache = install_tools(
        REPO / "tests" / "spectral", "spectral", (), "linting stubs with Spectral"
    )
    report = project / "spectral.json"
    args = ["lint", "--ruleset", ".spectral.yaml", "--format", "json", "--output", str(report)]
    run_node(cache, "@stoplight/spectral-cli/dist/index.js", [*args, *stubs(project)], project)
    results = json.loads(report.read_text(encoding="utf-8"))
    # No error, warning, information or hint; the trailing-slash exceptions are used.
    assert [(r["code"], r["source"], r["path"]) for r in results] == []
