""".pre-commit-hooks.yaml: valid for pre-commit, and the hook runs in a scratch repository.

The scratch run uses `repo: local` with the installed intreg, so it needs no network; the
shipped hook must have the same entry and file pattern, so the two cannot drift apart.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.helpers import REPO, case_text, with_id

BIN = Path(sys.executable).parent
HOOKS = REPO / ".pre-commit-hooks.yaml"
FILES = r"^registry/.*\.ya?ml$"
LOCAL_CONFIG = {
    "repos": [
        {
            "repo": "local",
            "hooks": [
                {
                    "id": "intreg-validate",
                    "name": "intreg validate",
                    "entry": f"{BIN / 'intreg'} validate",
                    "language": "system",
                    "files": FILES,
                }
            ],
        }
    ]
}
BAD = with_id(case_text("minimal"), "bad").replace('version: "1.10"', "version: 1.10")


def clean_env(tmp_path: Path) -> dict[str, str]:
    """The environment without git's repository variables, with pre-commit's cache in tmp."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env["PRE_COMMIT_HOME"] = str(tmp_path / "pre-commit-home")
    env["NO_COLOR"] = "1"
    return env


def run(args: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        args, cwd=cwd, env=env, capture_output=True, text=True, timeout=120, check=False
    )
    print(f"$ {' '.join(args)}\n{result.stdout}\n{result.stderr}")
    return result


@pytest.fixture
def scratch(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """A git repository holding an intreg project with a good and a bad record."""
    repo = tmp_path / "repo"
    (repo / "registry").mkdir(parents=True)
    (repo / "mkdocs.yml").write_text("site_name: scratch\n")
    (repo / "registry" / "good.yaml").write_text(with_id(case_text("minimal"), "good"))
    (repo / "registry" / "bad.yaml").write_text(BAD.replace("EXAMPLE_SECRET", "BAD_SECRET"))
    (repo / "README.md").write_text("# scratch\n")
    (repo / ".pre-commit-config.yaml").write_text(yaml.safe_dump(LOCAL_CONFIG, sort_keys=False))
    env = clean_env(tmp_path)
    assert run(["git", "init", "-q"], repo, env).returncode == 0
    assert run(["git", "add", "-A"], repo, env).returncode == 0
    return repo, env


def test_shipped_hook_matches_the_local_one() -> None:
    (hook,) = yaml.safe_load(HOOKS.read_text())
    (local,) = LOCAL_CONFIG["repos"][0]["hooks"]  # type: ignore[index]
    assert local["entry"] == f"{BIN / hook['entry']}"
    assert (hook["id"], hook["files"], hook["language"]) == (local["id"], FILES, "python")
    assert hook["pass_filenames"] is True


@pytest.mark.slow
def test_pre_commit_accepts_the_shipped_manifest(tmp_path) -> None:
    result = run(
        [str(BIN / "pre-commit"), "validate-manifest", str(HOOKS)], REPO, clean_env(tmp_path)
    )
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


@pytest.mark.slow
def test_hook_fails_on_the_bad_record_with_its_location(scratch) -> None:
    repo, env = scratch
    files = ["registry/good.yaml", "registry/bad.yaml", "README.md"]
    result = run([str(BIN / "pre-commit"), "run", "--files", *files], repo, env)
    assert result.returncode == 1
    assert "- hook id: intreg-validate\n- exit code: 1\n" in result.stdout
    assert (
        "registry/bad.yaml:23:12: error: api.version: expected text, but YAML reads `1.10` as "
        "the number 1.1 [wrong-type]\n"
    ) in result.stdout
    assert "registry/good.yaml:" not in result.stdout


@pytest.mark.slow
def test_hook_passes_a_good_record_and_skips_other_files(scratch) -> None:
    repo, env = scratch
    result = run([str(BIN / "pre-commit"), "run", "--files", "registry/good.yaml"], repo, env)
    assert result.returncode == 0
    assert result.stdout.startswith("intreg validate")
    assert result.stdout.rstrip().endswith("Passed")
    skipped = run([str(BIN / "pre-commit"), "run", "--files", "README.md"], repo, env)
    assert skipped.returncode == 0
    assert "(no files to check)Skipped" in skipped.stdout
