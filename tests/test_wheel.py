"""The built wheel alone runs a registry anywhere: init, new, validate, generate, site."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import pytest

from tests.helpers import fill

pytestmark = pytest.mark.slow
REPO = Path(__file__).parent.parent


def run(*args: object, cwd: Path, check: bool = True) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "VIRTUAL_ENV"}}
    env["NO_MKDOCS_2_WARNING"] = "1"
    result = subprocess.run(
        [str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True
    )
    if check:
        assert result.returncode == 0, f"{args}\n{result.stdout}\n{result.stderr}"
    return result


@pytest.fixture(scope="module")
def fresh_venv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A new virtualenv, outside the repository, with only the built wheel installed."""
    base = tmp_path_factory.mktemp("wheel")
    run(
        sys.executable,
        "-m",
        "pip",
        "wheel",
        "--quiet",
        "--no-deps",
        "-w",
        base / "dist",
        REPO,
        cwd=base,
    )
    (wheel,) = (base / "dist").glob("intreg-*.whl")
    run(sys.executable, "-m", "venv", base / "venv", cwd=base)
    run(
        base / "venv" / "bin" / "python",
        "-m",
        "pip",
        "install",
        "--quiet",
        "--disable-pip-version-check",
        "-c",
        REPO / "constraints.txt",
        wheel,
        cwd=base,
    )
    return base / "venv" / "bin"


def test_the_wheel_brings_everything_a_new_registry_needs(fresh_venv: Path, tmp_path: Path):
    intreg = fresh_venv / "intreg"
    assert run(intreg, "--version", cwd=tmp_path).stdout == f"intreg, version {version('intreg')}\n"
    run(intreg, "init", "team-registry", cwd=tmp_path)
    project = tmp_path / "team-registry"
    for path in [
        "registry/example.yaml",
        "mkdocs.yml",
        "docs/index.md",
        "docs/writers-guide.md",
        "schemas/integration.schema.json",
        ".pre-commit-config.yaml",
        ".gitignore",
        ".github/workflows/intreg.yml",
        "README.md",
        "Makefile",
    ]:
        assert (project / path).is_file(), path

    run(intreg, "new", "acme", cwd=project)
    report = run(intreg, "validate", "--format", "json", cwd=project, check=False)
    assert report.returncode == 1
    record = project / "registry" / "acme.yaml"
    record.write_text(fill(record.read_text(), json.loads(report.stdout)), encoding="utf-8")
    run(intreg, "validate", cwd=project)

    run(intreg, "generate", "--today", "2026-11-24", cwd=project)
    assert (project / "build" / "openapi" / "acme.openapi.yaml").is_file()
    assert (project / "build" / "env" / "acme.env.example").is_file()
    run(fresh_venv / "mkdocs", "build", "--strict", cwd=project)
    page = (project / "site" / "integrations" / "acme" / "index.html").read_text()
    assert "Acme Pay" in page
    assert (project / "site" / "writers-guide" / "index.html").is_file()
    assert (project / "site" / "stylesheets" / "intreg.css").is_file()


def test_init_refuses_to_overwrite(fresh_venv: Path, tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_text("site_name: mine\n")
    result = run(fresh_venv / "intreg", "init", ".", cwd=tmp_path, check=False)
    assert result.returncode == 2
    assert "would overwrite mkdocs.yml" in result.stderr
    assert (tmp_path / "mkdocs.yml").read_text() == "site_name: mine\n"
