"""A real site built once per session: the shipped registry plus two hostile records (one
with a few injections, one with the whole XSS corpus in every free-text field)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from intreg.outputs.builders import BUILDERS, build_command
from tests.helpers import case_text, with_id
from tests.outputs.xss import CORPUS_ID, corpus_record

REPO = Path(__file__).parents[3]
HOSTILE = "injected"


def hostile_record() -> str:
    """A valid record whose text tries every way of injecting markup into the site."""
    text = with_id(case_text("full"), HOSTILE)
    for old, new in [
        ("name: Example Messaging", "name: 'Injected </title><script>alert(0)</script> <b>b</b>'"),
        (
            "purpose: Send renewal reminders by SMS.",
            "purpose: '<script>alert(\"purpose\")</script> ok'",
        ),
        (
            "  The **renewal** worker calls it through `notify-sms`.",
            "  **Markdown** <img src=x onerror=alert(1)> [x](javascript:alert(2))",
        ),
        ("    summary: Send an SMS.", '    summary: "Send | <i>one</i>\\nline"'),
        ("EXAMPLE_", "INJECTED_"),
        ("  integration: minimal\n", ""),
    ]:
        assert old in text, old
        text = text.replace(old, new)
    return text


def plan_in_systems(root: Path, record_id: str) -> None:
    """Add `record_id` to the plan of every shipped system, as each must list its consumers."""
    for system in sorted((root / "registry" / "systems").glob("*.yaml")):
        text = system.read_text(encoding="utf-8")
        entry = f"  - {{integration: {record_id}, phase: 1, priority: high, role: test record}}\n"
        assert "\nplan:\n" in text, system
        system.write_text(text.replace("\nplan:\n", "\nplan:\n" + entry, 1), encoding="utf-8")


@pytest.fixture(scope="session", params=BUILDERS)
def built_site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Generate a project holding every shipped record, and build it strictly with each builder."""
    root = tmp_path_factory.mktemp("site-project")
    shutil.copytree(REPO / "registry", root / "registry")
    shutil.copytree(REPO / "docs", root / "docs")
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    (root / "registry" / f"{HOSTILE}.yaml").write_text(hostile_record(), encoding="utf-8")
    (root / "registry" / f"{CORPUS_ID}.yaml").write_text(corpus_record(), encoding="utf-8")
    for record_id in (HOSTILE, CORPUS_ID):  # each names both shipped systems as consumers
        plan_in_systems(root, record_id)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    intreg = Path(sys.executable).parent / "intreg"
    subprocess.run(
        [intreg, "generate", "--today", "2026-11-24"],
        cwd=root,
        env=env,
        check=True,
        capture_output=True,
    )
    command = build_command(request.param, root / "mkdocs.yml")
    build = subprocess.run(command, cwd=root, env=env, capture_output=True, text=True)
    assert build.returncode == 0, build.stdout + build.stderr
    assert "WARNING" not in build.stderr, build.stderr
    return root
