"""The result cache through `intreg validate` and `intreg reviews`: where it is, how to skip it."""

from __future__ import annotations

import pytest

from intreg.records.cache import ENV_FOLDER, FILE, FOLDER
from tests.helpers import case_text
from tests.reviews.records import MINIMAL, reviewed


@pytest.fixture(autouse=True)
def no_cache_override(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENV_FOLDER, raising=False)


def test_validate_keeps_its_cache_in_the_project_and_out_of_git(make_registry, run_cli) -> None:
    root = make_registry({"minimal": case_text("minimal")})
    first = run_cli("validate", cwd=root)
    assert (root / FOLDER / FILE).is_file()
    assert (root / FOLDER / ".gitignore").read_text(encoding="utf-8").splitlines()[-1] == "*"
    again = run_cli("validate", cwd=root)
    assert (again.exit_code, again.stdout, again.stderr) == (0, first.stdout, first.stderr)


def test_no_cache_neither_reads_nor_writes_it(make_registry, run_cli) -> None:
    root = make_registry({"minimal": case_text("minimal")})
    assert run_cli("validate", "--no-cache", cwd=root).exit_code == 0
    assert run_cli("reviews", "--no-cache", "--today", "2026-11-01", cwd=root).exit_code == 0
    assert not (root / FOLDER).exists()


def test_the_cache_folder_can_be_moved(make_registry, run_cli, tmp_path, monkeypatch) -> None:
    root = make_registry({"minimal": case_text("minimal")})
    elsewhere = tmp_path / "caches" / "intreg"
    monkeypatch.setenv(ENV_FOLDER, str(elsewhere))
    assert run_cli("validate", cwd=root).exit_code == 0
    assert (elsewhere / FILE).is_file()
    assert not (root / FOLDER).exists()


def test_an_edit_between_runs_shows_at_once(make_registry, run_cli) -> None:
    root = make_registry({"minimal": case_text("minimal")})
    assert run_cli("validate", cwd=root).exit_code == 0
    record = root / "registry" / "minimal.yaml"
    record.write_text(record.read_text("utf-8").replace("id: minimal", "id: other"), "utf-8")
    result = run_cli("validate", "--format", "json", cwd=root)
    assert result.exit_code == 1
    assert '"code": "id-mismatch"' in result.stdout


@pytest.mark.parametrize("output", ["json", "markdown", "ics", "text"])
def test_reviews_answered_from_the_cache_say_the_same(make_registry, run_cli, output) -> None:
    overdue = reviewed("2025-01-01", text=MINIMAL).replace("id: minimal", "id: late")
    root = make_registry({"minimal": MINIMAL, "late": overdue})
    args = ("reviews", "--today", "2026-11-01", "--format", output)
    cold = run_cli(*args, "--no-cache", cwd=root)
    filling = run_cli(*args, cwd=root)
    warm = run_cli(*args, cwd=root)
    assert cold.exit_code == filling.exit_code == warm.exit_code == 1
    assert cold.stdout == filling.stdout == warm.stdout
    assert cold.stderr == filling.stderr == warm.stderr


def test_reviews_move_with_the_day_though_the_files_do_not(make_registry, run_cli) -> None:
    root = make_registry({"minimal": MINIMAL})  # review due 2027-01-01
    assert run_cli("reviews", "--today", "2026-11-01", cwd=root).exit_code == 0
    late = run_cli("reviews", "--today", "2027-02-01", "--format", "json", cwd=root)
    assert late.exit_code == 1
    assert '"code": "review-overdue"' in late.stdout
