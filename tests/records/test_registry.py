"""Cross-record rules and loading many files."""

from __future__ import annotations

from pathlib import Path

import pytest

from intreg.records.errors import IntregError
from intreg.records.files import find_record_files
from intreg.records.registry import load_registry
from tests.helpers import case_text, with_id


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def codes(tmp_path: Path, files: list[Path], context: list[Path] = ()) -> list[tuple[str, str]]:
    registry = load_registry(files, tmp_path, context=context)
    return [(f"{f.path}:{f.line}", f.code) for f in registry.findings]


def test_env_var_used_by_two_records_is_an_error_in_both(tmp_path: Path) -> None:
    a = write(tmp_path, "alpha", with_id(case_text("minimal"), "alpha"))
    b = write(tmp_path, "beta", with_id(case_text("minimal"), "beta"))
    registry = load_registry([a, b], tmp_path)
    assert [(f.path, f.line, f.field, f.message) for f in registry.findings] == [
        (
            "alpha.yaml",
            17,
            "auth.credentials[0].env_var",
            "`EXAMPLE_SECRET_KEY` is also used by beta",
        ),
        (
            "beta.yaml",
            17,
            "auth.credentials[0].env_var",
            "`EXAMPLE_SECRET_KEY` is also used by alpha",
        ),
    ]


def test_env_var_shared_on_purpose_needs_both_to_say_so(tmp_path: Path) -> None:
    shared = case_text("minimal").replace(
        "      scope: backend", "      scope: backend\n      shared: true"
    )
    a = write(tmp_path, "alpha", with_id(shared, "alpha"))
    b = write(tmp_path, "beta", with_id(shared, "beta"))
    c = write(tmp_path, "gamma", with_id(case_text("minimal"), "gamma"))
    assert codes(tmp_path, [a, b]) == []
    assert codes(tmp_path, [a, b, c]) == [("gamma.yaml:17", "env-var-conflict")]


def test_duplicate_ids_in_two_folders(tmp_path: Path) -> None:
    a = write(tmp_path / "one", "minimal", case_text("minimal"))
    b = write(tmp_path / "two", "minimal", case_text("minimal").replace("EXAMPLE_", "OTHER_"))
    assert codes(tmp_path, [a, b]) == [("two/minimal.yaml:1", "duplicate-id")]


def test_fallback_must_name_an_existing_record(tmp_path: Path) -> None:
    text = case_text("minimal") + "fallback:\n  integration: sns\n  description: d\n"
    a = write(tmp_path, "minimal", text)
    assert codes(tmp_path, [a]) == [("minimal.yaml:46", "unknown-fallback")]
    sns = write(
        tmp_path / "ctx", "sns", with_id(case_text("minimal"), "sns").replace("EXAMPLE_", "SNS_")
    )
    assert codes(tmp_path, [a], context=[sns]) == []


def test_context_records_take_part_but_are_not_reported(tmp_path: Path) -> None:
    good = write(tmp_path, "alpha", with_id(case_text("minimal"), "alpha"))
    broken = write(tmp_path, "broken", "id: [\n")
    clash = write(tmp_path, "beta", with_id(case_text("minimal"), "beta"))
    assert codes(tmp_path, [good], context=[broken, clash]) == [
        ("alpha.yaml:17", "env-var-conflict")
    ]


def test_find_record_files_searches_folders_sorted(tmp_path: Path) -> None:
    b = write(tmp_path / "r", "b", "")
    a = write(tmp_path / "r" / "sub", "a", "")
    (tmp_path / "r" / "notes.txt").write_text("x")
    assert find_record_files([tmp_path / "r"]) == sorted([a, b])


def test_find_record_files_names_a_missing_path(tmp_path: Path) -> None:
    with pytest.raises(IntregError, match=r"nope\.yaml: no such file or directory"):
        find_record_files([tmp_path / "nope.yaml"])


def test_unreadable_file_is_an_io_error(tmp_path: Path) -> None:
    folder = tmp_path / "dir.yaml"
    folder.mkdir()
    with pytest.raises(IntregError, match="cannot read"):
        load_registry([folder], tmp_path)


def test_a_draft_copy_of_a_record_replaces_it_instead_of_clashing(tmp_path: Path) -> None:
    original = write(tmp_path / "registry", "minimal", case_text("minimal"))
    draft = write(tmp_path / "drafts", "minimal", case_text("minimal"))
    assert codes(tmp_path, [draft], context=[original]) == []
