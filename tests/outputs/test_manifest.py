"""A generate run that would change nothing loads nothing, and every change still regenerates."""

from __future__ import annotations

import datetime as dt
import gc
import os
import random
import time
from pathlib import Path

import pytest

from intreg.outputs import changed_records, listing, openapi
from intreg.outputs.facts_store import FILE as FACTS
from intreg.outputs.generate import generate
from intreg.outputs.manifest import FILE, Manifest
from intreg.records import cache
from intreg.records.project import Project
from intreg.records.store import RecordStore
from intreg.records.validate import Outcome
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

    monkeypatch.setattr(changed_records, "load_files", refuse)


def stamps(root: Path) -> dict[str, int]:
    build = root / "build"
    return {
        p.relative_to(build).as_posix(): p.stat().st_mtime_ns
        for p in build.rglob("*")
        if p.is_file() and p.name not in (FILE, FACTS)
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
    monkeypatch.setattr(Manifest, "unchanged", lambda *args: 1)
    monkeypatch.setattr(Manifest, "kept", lambda *args: {"full.yaml", "minimal.yaml"})
    (project / STUB).write_text("edited\n", "utf-8")
    result = run_cli("generate", *TODAY, "--check", cwd=project)
    assert result.exit_code == 1
    assert f"stale: {STUB}" in result.stdout


def rendered(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The ids whose OpenAPI document (so whose own files) are rendered from now on."""
    calls: list[str] = []
    original = openapi.render_openapi

    def counting(record):  # type: ignore[no-untyped-def]
        calls.append(record.id)
        return original(record)

    monkeypatch.setattr(openapi, "render_openapi", counting)
    return calls


def fresh_tree(root: Path, run_cli, today: tuple[str, str] = TODAY) -> dict[str, bytes]:
    """What a generation from scratch writes, for comparison."""
    out = root / "fresh"
    result = run_cli("generate", *today, "--out", str(out), "--no-cache", cwd=root)
    assert result.exit_code == 0
    return {k: v for k, v in tree(out).items() if k != FILE}


def tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def built(root: Path) -> dict[str, bytes]:
    return {k: v for k, v in tree(root / "build").items() if k != FILE}


def test_one_changed_record_is_the_only_one_rendered_again(
    project: Path, run_cli, monkeypatch
) -> None:
    calls = rendered(monkeypatch)
    record = project / "registry" / "minimal.yaml"
    record.write_text(record.read_text("utf-8").replace("listing fees", "listing fees monthly"))
    assert run_cli("generate", *TODAY, cwd=project).exit_code == 0
    assert calls == ["minimal"]
    assert built(project) == fresh_tree(project, run_cli)


def test_a_damaged_output_has_its_record_rendered_again(
    project: Path, run_cli, monkeypatch
) -> None:
    calls = rendered(monkeypatch)
    (project / "build" / "docs" / "integrations" / "full" / "index.md").write_text(
        "damaged\n", "utf-8"
    )
    record = project / "registry" / "minimal.yaml"
    record.write_text(record.read_text("utf-8").replace("listing fees", "listing fees monthly"))
    assert run_cli("generate", *TODAY, cwd=project).exit_code == 0
    assert sorted(calls) == ["full", "minimal"]
    assert built(project) == fresh_tree(project, run_cli)


def test_a_new_record_or_another_day_renders_every_record(
    project: Path, run_cli, monkeypatch
) -> None:
    calls = rendered(monkeypatch)
    assert run_cli("generate", "--today", "2027-03-01", cwd=project).exit_code == 0
    assert sorted(calls) == ["full", "minimal"]
    calls.clear()
    other = case_text("minimal").replace("id: minimal", "id: other").replace("EXAMPLE_", "OTHER_")
    (project / "registry" / "other.yaml").write_text(other, "utf-8")
    assert run_cli("generate", "--today", "2027-03-01", cwd=project).exit_code == 0
    assert sorted(calls) == ["full", "minimal", "other"]


def test_after_any_sequence_of_edits_the_outputs_equal_a_fresh_generation(
    project: Path, run_cli
) -> None:
    rng = random.Random(20261125)
    registry = project / "registry"
    base = case_text("minimal")
    for step in range(12):
        action = rng.choice(["edit", "add", "remove", "damage", "delete output", "nothing"])
        names = sorted(p.stem for p in registry.glob("*.yaml"))
        if action == "edit":
            record = registry / f"{rng.choice(names)}.yaml"
            text = record.read_text("utf-8")
            record.write_text(text.replace("purpose: ", f"purpose: Step {step}. ", 1), "utf-8")
        elif action == "add":
            new = f"extra{step}"
            text = base.replace("id: minimal", f"id: {new}").replace("EXAMPLE_", f"X{step}_")
            (registry / f"{new}.yaml").write_text(text, "utf-8")
        elif action == "remove" and (added := [n for n in names if n.startswith("extra")]):
            (registry / f"{rng.choice(added)}.yaml").unlink()  # `full` falls back to minimal
        elif action == "damage":
            stub = rng.choice(sorted((project / "build" / "openapi").glob("*.yaml")))
            stub.write_bytes(stub.read_bytes() + b"# edited by hand\n")
        elif action == "delete output":
            rng.choice(sorted((project / "build" / "env").glob("*.env.example"))).unlink()
        assert run_cli("generate", *TODAY, cwd=project).exit_code == 0, action
        assert built(project) == fresh_tree(project, run_cli), (step, action)
        assert run_cli("generate", *TODAY, "--check", cwd=project).exit_code == 0


def test_a_stray_file_in_a_folder_listed_before_is_found(
    project: Path, run_cli, monkeypatch
) -> None:
    monkeypatch.setattr(cache, "SETTLE_SECONDS", -1.0)  # trust folder signatures at once
    for parent, _, _ in os.walk(project / "build"):
        os.utime(parent, (1_600_000_000, 1_600_000_000))
    record = project / "registry" / "minimal.yaml"
    record.write_text(record.read_text("utf-8").replace("listing fees", "listing fees monthly"))
    assert run_cli("generate", *TODAY, cwd=project).exit_code == 0  # records each folder
    read: list[str] = []
    original = listing._read
    monkeypatch.setattr(listing, "_read", lambda path: read.append(path) or original(path))
    assert run_cli("generate", *TODAY, cwd=project).exit_code == 0
    assert read == []  # nothing changed: no folder is read again
    stray = project / "build" / "docs" / "integrations" / "full" / "stray.md"
    stray.write_text("x", "utf-8")
    result = run_cli("generate", *TODAY, cwd=project)
    assert result.exit_code == 0
    assert "deleted 1 " in result.stderr
    assert {Path(p).name for p in read} == {"full"}  # the folder that changed, and only it
    assert not stray.exists()
    assert built(project) == fresh_tree(project, run_cli)


def test_a_long_lived_process_keeps_its_garbage_collectable(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # intreg serve passes its store: generation may pause the collector, never freeze its heap
    # (garbage not yet collected would stay for good, save after save).
    frozen: list[bool] = []
    monkeypatch.setattr(gc, "freeze", lambda: frozen.append(True))
    store = RecordStore(project)
    record = project / "registry" / "minimal.yaml"
    for fees in ("listing fees monthly", "listing fees"):
        record.write_text(record.read_text("utf-8").replace("listing fees", fees, 1), "utf-8")
        outcome = regenerate_once(project, store)
        assert outcome.exit_code == 0, outcome.report
    assert frozen == []
    assert gc.isenabled()
    assert regenerate_once(project, None).exit_code == 0  # a run of its own does freeze
    assert frozen


def regenerate_once(root: Path, store: RecordStore | None) -> Outcome:
    return generate(Project(root), root / "build", False, root, dt.date(2026, 11, 24), store=store)
