"""The built wheel alone runs a registry anywhere: init, new, validate, generate, site."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
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


# What a checkout holds at its top besides the sources: never copied into the build below.
NOT_SOURCES = {".git", ".venv", ".cache", ".intreg-cache", "site", "build", "dist",
               ".setuptools-build", ".mypy_cache", ".ruff_cache", ".pytest_cache"}  # fmt: skip


def not_sources(folder: str, names: list[str]) -> set[str]:
    top = Path(folder) == REPO
    return {n for n in names if (top and n in NOT_SOURCES) or n == "__pycache__"}


# A distribution that owns the generic top-level names intreg once used (issue 23).
NEIGHBOUR = {
    "pyproject.toml": (
        '[build-system]\nrequires = ["setuptools>=69"]\nbuild-backend = "setuptools.build_meta"\n'
        '[project]\nname = "neighbour"\nversion = "1.0"\n'
        '[tool.setuptools]\npy-modules = ["checks"]\npackages = ["schemas", "generator"]\n'
    ),
    "checks.py": "OWNER = 'neighbour'\n",
    "schemas/__init__.py": "OWNER = 'neighbour'\n",
    "generator/__init__.py": "OWNER = 'neighbour'\n",
}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The wheel built from a copy of the sources, and that copy after the build."""
    base = tmp_path_factory.mktemp("wheel")
    source = base / "source"
    shutil.copytree(REPO, source, ignore=not_sources)
    run(sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", base / "dist", source,
        cwd=base)  # fmt: skip
    (wheel,) = (base / "dist").glob("intreg-*.whl")
    return wheel, source


@pytest.fixture(scope="module")
def fresh_venv(built: tuple[Path, Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A new virtualenv, outside the repository, with the built wheel installed beside a
    distribution that owns top-level `checks`, `schemas` and `generator` modules."""
    base = tmp_path_factory.mktemp("venv")
    neighbour = base / "neighbour"
    for name, text in NEIGHBOUR.items():
        (neighbour / name).parent.mkdir(parents=True, exist_ok=True)
        (neighbour / name).write_text(text)
    run(sys.executable, "-m", "venv", base / "venv", cwd=base)
    pip = [base / "venv" / "bin" / "python", "-m", "pip", "install", "--quiet",
           "--disable-pip-version-check"]  # fmt: skip
    run(*pip, "-c", REPO / "constraints.txt", built[0], cwd=base)
    run(sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", base, neighbour,
        cwd=base)  # fmt: skip
    run(*pip, next(base.glob("neighbour-*.whl")), cwd=base)
    return base / "venv" / "bin"


def test_the_wheel_installs_one_top_level_package(built: tuple[Path, Path]) -> None:
    wheel, _ = built
    with zipfile.ZipFile(wheel) as archive:
        tops = {name.split("/")[0] for name in archive.namelist()}
        scripts = archive.read(f"intreg-{version('intreg')}.dist-info/entry_points.txt")
    assert tops == {"intreg", f"intreg-{version('intreg')}.dist-info"}
    assert scripts.decode().split() == ["[console_scripts]", "intreg", "=", "intreg.cli:main"]


def test_building_the_wheel_leaves_build_to_intreg_generate(built: tuple[Path, Path]) -> None:
    _, source = built
    assert not (source / "build").exists()


def test_intreg_and_a_package_named_checks_live_side_by_side(fresh_venv: Path, tmp_path: Path):
    probe = (
        "import checks, schemas, generator, intreg.reviews.checker, intreg.records.model\n"
        "print(checks.OWNER, schemas.OWNER, generator.OWNER)"
    )
    result = run(fresh_venv / "python", "-c", probe, cwd=tmp_path)
    assert result.stdout == "neighbour neighbour neighbour\n"
    run(fresh_venv / "intreg", "init", "beside", cwd=tmp_path)
    assert "valid" in run(fresh_venv / "intreg", "validate", cwd=tmp_path / "beside").stderr


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
        "schemas/system.schema.json",
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
