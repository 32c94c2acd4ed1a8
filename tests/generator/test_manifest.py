"""A generate run that would change nothing loads nothing, and every change still regenerates."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from generator.commands import generate as generate_module
from generator.manifest import FILE
from tests.helpers import case_text

TODAY = ("--today", "2026-11-24")
STUB = "build/openapi/full.openapi.yaml"


@pytest.fixture
def project(make_registry, run_cli) -> Path:
    root = make_registry({"full": case_text("full"), "minimal": case_text("minimal")})
    assert run_cli("generate", *TODAY, cwd=root).exit_code == 0
    return root


@pytest.fixture
def no_loading(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("records were loaded")

    monkeypatch.setattr(generate_module, "load_registry", refuse)


def stamps(root: Path) -> dict[str, int]:
    build = root / "build"
    return {
        p.relative_to(build).as_posix(): p.stat().st_mtime_ns
        for p in build.rglob("*")
        if p.is_file() and p.name != FILE
    }


def test_nothing_changed_loads_and_writes_nothing(project: Path, run_cli, no_loading) -> None:
    before = stamps(project)
    result = run_cli("generate", *TODAY, cwd=project)
    assert result.exit_code == 0
    assert result.stderr == f"build: wrote 0, unchanged {len(before)}, deleted 0 (from 2 records)\n"
    assert stamps(project) == before


@pytest.mark.parametrize(
    "change",
    ["record", "page", "day", "edited output", "deleted output", "extra output", "new record"],
)
def test_any_change_regenerates(project: Path, run_cli, change: str) -> None:
    today = TODAY
    stub = project / STUB
    if change == "record":
        record = project / "registry" / "minimal.yaml"
        record.write_text(
            record.read_text("utf-8").replace("listing fees", "listing fees monthly"), "utf-8"
        )
    elif change == "page":
        (project / "docs").mkdir()
        (project / "docs" / "index.md").write_text("# Home\n", "utf-8")
    elif change == "day":
        today = ("--today", "2026-11-25")
    elif change == "edited output":
        before = stub.stat()
        time.sleep(0.05)  # past the clock tick of the write
        stub.write_bytes(stub.read_bytes().replace(b"openapi:", b"openapi:", 1)[:-1] + b"#")
        os.utime(stub, ns=(before.st_atime_ns, before.st_mtime_ns))
        assert stub.stat().st_size == before.st_size
    elif change == "deleted output":
        stub.unlink()
    elif change == "extra output":
        (project / "build" / "openapi" / "stray.openapi.yaml").write_text("x", "utf-8")
    else:
        (project / "registry" / "other.yaml").write_text(
            case_text("minimal").replace("id: minimal", "id: other").replace("EXAMPLE_", "OTHER_"),
            "utf-8",
        )
    result = run_cli("generate", *today, cwd=project)
    assert result.exit_code == 0
    assert "wrote 0, unchanged" not in result.stderr or change == "extra output"
    assert run_cli("generate", *today, "--check", cwd=project).exit_code == 0


def test_only_the_changed_records_outputs_are_rewritten(project: Path, run_cli) -> None:
    before = stamps(project)
    record = project / "registry" / "minimal.yaml"
    record.write_text(
        record.read_text("utf-8").replace("listing fees", "listing fees monthly"), "utf-8"
    )
    assert run_cli("generate", *TODAY, cwd=project).exit_code == 0
    after = stamps(project)
    rewritten = sorted(p for p in before if after.get(p) != before[p])
    assert rewritten and all("minimal" in p or "catalogue" in p for p in rewritten), rewritten


def test_an_invalid_record_after_a_good_run_writes_nothing_and_is_never_skipped(
    project: Path, run_cli
) -> None:
    before = stamps(project)
    record = project / "registry" / "minimal.yaml"
    record.write_text(record.read_text("utf-8").replace("id: minimal", "id: 7"), "utf-8")
    for _ in range(2):
        result = run_cli("generate", *TODAY, cwd=project)
        assert result.exit_code == 1
        assert "minimal.yaml" in result.stdout
    assert stamps(project) == before


def test_check_never_trusts_the_manifest(project: Path, run_cli, monkeypatch) -> None:
    monkeypatch.setattr(generate_module, "is_current", lambda *args: 1)
    (project / STUB).write_text("edited\n", "utf-8")
    result = run_cli("generate", *TODAY, "--check", cwd=project)
    assert result.exit_code == 1
    assert f"stale: {STUB}" in result.stdout
