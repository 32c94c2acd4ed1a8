"""docs/ci.md: its pre-commit configs and workflows are valid, and use commands that exist."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path

import click
import pytest
import yaml

from intreg.cli import main
from tests.helpers import REPO

DOC = REPO / "docs" / "ci.md"
BLOCK = re.compile(r"```yaml\n# (\S+)\n(.*?)```", re.DOTALL)
BLOCKS = [(name, body) for name, body in BLOCK.findall(DOC.read_text(encoding="utf-8"))]
CONFIGS = [body for name, body in BLOCKS if name == ".pre-commit-config.yaml"]
WORKFLOWS = {name: yaml.safe_load(body) for name, body in BLOCKS if name.endswith(".yml")}
SHELL_OPERATORS = {"|", "||", "&&", ">", ">>", ";"}


def test_the_doc_has_the_blocks_it_promises() -> None:
    assert len(CONFIGS) == 2
    assert sorted(WORKFLOWS) == [
        ".github/workflows/registry-schedule.yml",
        ".github/workflows/registry.yml",
    ]


@pytest.mark.slow
@pytest.mark.parametrize("config", CONFIGS, ids=["remote", "local"])
def test_pre_commit_accepts_the_example_configs(tmp_path: Path, config: str) -> None:
    path = tmp_path / ".pre-commit-config.yaml"
    path.write_text(config, encoding="utf-8")
    pre_commit = Path(sys.executable).parent / "pre-commit"
    result = subprocess.run(
        [str(pre_commit), "validate-config", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env={"PRE_COMMIT_HOME": str(tmp_path / "home"), "PATH": ""},
    )
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_the_local_hook_example_matches_the_shipped_hook() -> None:
    (shipped,) = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())
    (local,) = yaml.safe_load(CONFIGS[1])["repos"][0]["hooks"]
    assert (local["id"], local["entry"], local["files"]) == (
        shipped["id"],
        shipped["entry"],
        shipped["files"],
    )


def intreg_lines() -> list[str]:
    lines = []
    for workflow in WORKFLOWS.values():
        for job in workflow["jobs"].values():
            for step in job["steps"]:
                lines += [line for line in step.get("run", "").splitlines() if "intreg " in line]
    return lines


def unknown_words(line: str) -> list[str]:
    """The subcommands and options of an `intreg ...` shell line that intreg does not have."""
    words = shlex.split(line)[1:]
    command: click.Command = main
    unknown = []
    for word in words:
        if word in SHELL_OPERATORS or word.startswith(">>"):
            break
        if isinstance(command, click.Group) and not word.startswith("-"):
            found = command.get_command(click.Context(command), word)  # commands load lazily
            if found is None:
                unknown.append(word)
                break
            command = found
        elif word.startswith("--"):
            options = {o for p in command.params for o in p.opts}
            if word.split("=")[0] not in options:
                unknown.append(word)
    return unknown


def test_every_intreg_command_in_the_workflows_exists() -> None:
    lines = intreg_lines()
    assert len(lines) >= 5
    assert {line: unknown_words(line) for line in lines} == {line: [] for line in lines}
