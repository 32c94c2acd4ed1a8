"""Shared fixtures: scratch projects, the CLI runner, and the case records."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from intreg.cli import main
from tests.helpers import case_text


@pytest.fixture
def minimal_text() -> str:
    return case_text("minimal")


@pytest.fixture
def make_registry(tmp_path: Path) -> Callable[[dict[str, str | bytes]], Path]:
    """Create a project in tmp_path with registry/<id>.yaml for each entry; return its root."""

    def make(records: dict[str, str | bytes]) -> Path:
        (tmp_path / "registry").mkdir(exist_ok=True)
        (tmp_path / "mkdocs.yml").write_text("site_name: test\n", encoding="utf-8")
        for record_id, text in records.items():
            data = text.encode("utf-8") if isinstance(text, str) else text
            (tmp_path / "registry" / f"{record_id}.yaml").write_bytes(data)
        return tmp_path

    return make


@pytest.fixture
def run_cli(monkeypatch: pytest.MonkeyPatch) -> Callable[..., Result]:
    """Run `intreg ARGS` in-process in `cwd`; output is shown if an assertion fails."""

    def run(*args: str, cwd: Path) -> Result:
        monkeypatch.chdir(cwd)
        result = CliRunner().invoke(main, list(args), catch_exceptions=False)
        print(f"$ intreg {' '.join(args)}\n{result.stdout}\n{result.stderr}")
        return result

    return run
