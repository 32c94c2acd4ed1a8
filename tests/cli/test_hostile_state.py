"""Damaged local state and a hostile environment: discarded, reported, never an internal error
(issue 24)."""

from __future__ import annotations

import os

import pytest

from intreg.outputs.manifest import FILE as MANIFEST
from intreg.records.cache import ENV_FOLDER, FILE, FOLDER
from tests.helpers import case_text

DEEP = b'{"format": 2, "entries": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"


@pytest.fixture(autouse=True)
def cache_in_project(monkeypatch):
    monkeypatch.delenv(ENV_FOLDER, raising=False)


def test_a_cache_of_deep_json_is_discarded_and_rebuilt(make_registry, run_cli) -> None:
    root = make_registry({"minimal": case_text("minimal")})
    (root / FOLDER).mkdir()
    (root / FOLDER / FILE).write_bytes(DEEP)
    result = run_cli("validate", cwd=root)
    assert (result.exit_code, result.stdout) == (0, "")
    assert (root / FOLDER / FILE).read_bytes() != DEEP
    assert run_cli("validate", cwd=root).exit_code == 0


def test_a_manifest_of_deep_json_is_discarded_and_rebuilt(make_registry, run_cli) -> None:
    root = make_registry({"minimal": case_text("minimal")})
    (root / "build").mkdir()
    (root / "build" / MANIFEST).write_bytes(DEEP)
    result = run_cli("generate", "--today", "2026-11-24", cwd=root)
    assert result.exit_code == 0, result.stderr
    assert (root / "build" / MANIFEST).read_bytes() != DEEP
    assert (root / "build" / "openapi" / "minimal.openapi.yaml").is_file()


def test_an_output_folder_that_cannot_be_written_exits_2_naming_it(make_registry, run_cli):
    root = make_registry({"minimal": case_text("minimal")})
    (root / "build").mkdir()
    (root / "build" / "openapi").write_text("a file where a folder must be\n")
    result = run_cli("generate", "--today", "2026-11-24", cwd=root)
    assert result.exit_code == 2
    assert result.stderr.startswith("intreg: error: ")
    assert "openapi" in result.stderr and "internal error" not in result.stderr


def test_a_file_name_with_escapes_prints_escaped(make_registry, run_cli) -> None:
    root = make_registry({"bad\x1b]0;owned\x07": case_text("minimal")})
    result = run_cli("validate", cwd=root)
    assert result.exit_code == 1
    assert "\x1b" not in result.stdout + result.stderr
    assert "registry/bad\\x1b]0;owned\\x07.yaml:" in result.stdout


def test_a_docs_link_out_of_the_project_is_refused_never_published(
    make_registry, run_cli, tmp_path_factory
) -> None:
    secret = tmp_path_factory.mktemp("elsewhere") / "secret.md"
    secret.write_text("SECRET-MARKER-7731\n")
    root = make_registry({"minimal": case_text("minimal")})
    (root / "docs").mkdir()
    (root / "docs" / "leak.md").symlink_to(secret)
    result = run_cli("generate", "--today", "2026-11-24", cwd=root)
    assert result.exit_code == 2
    assert "docs/leak.md: a symbolic link out of the project" in result.stderr
    assert "SECRET-MARKER" not in result.stdout + result.stderr
    published = [p.read_bytes() for p in (root / "build").rglob("*") if p.is_file()]
    assert not any(b"SECRET-MARKER" in data for data in published)


def test_a_fifo_in_docs_is_refused_not_waited_for(make_registry, run_cli) -> None:
    root = make_registry({"minimal": case_text("minimal")})
    (root / "docs").mkdir()
    os.mkfifo(root / "docs" / "page.md")
    result = run_cli("generate", "--today", "2026-11-24", cwd=root)
    assert result.exit_code == 2
    assert "docs/page.md: not a regular file (a FIFO)" in result.stderr


def test_a_record_file_named_in_no_utf8_is_reported_not_an_internal_error(
    make_registry, run_cli
) -> None:
    root = make_registry({"minimal": case_text("minimal")})
    odd = root / "registry" / os.fsdecode(b"\xff.yaml")  # as os.listdir gives such a name
    odd.write_text(case_text("minimal").replace("EXAMPLE_", "ODD_"), "utf-8")
    for command in ("validate", "generate"):
        result = run_cli(command, "--no-cache", cwd=root)
        assert result.exit_code == 1, (command, result.stderr)
        assert "rename the file to minimal.yaml" in result.stdout
        assert "internal error" not in result.stderr
    assert not (root / "build").exists()


def test_a_docs_page_named_in_no_utf8_is_refused_by_name(make_registry, run_cli) -> None:
    root = make_registry({"minimal": case_text("minimal")})
    (root / "docs").mkdir()
    (root / "docs" / os.fsdecode(b"guide-\xfe.md")).write_text("# Guide\n", "utf-8")
    result = run_cli("generate", cwd=root)
    assert result.exit_code == 2
    assert (
        "guide-" in result.stderr
        and "not valid UTF-8: pages must be named in UTF-8" in result.stderr
    )
    assert not (root / "build").exists()
