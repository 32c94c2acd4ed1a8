"""A save's records first: their own files written with the bytes a full generation gives, the
manifest left alone, and the full run after it equal to a generation from scratch."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from intreg.outputs.generate import generate
from intreg.outputs.manifest import FILE
from intreg.outputs.outputs import record_files
from intreg.outputs.preview.first_pages import write_saved_records
from intreg.records.project import find_project
from intreg.records.store import RecordStore
from tests.helpers import case_text

TODAY = dt.date(2026, 11, 24)


def tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in folder.rglob("*")
        if p.is_file() and p.name != FILE
    }


def fresh(root: Path) -> dict[str, bytes]:
    out = root / "fresh"
    project = find_project(root, None)
    assert generate(project, out, False, root, TODAY, trust_manifest=False).exit_code == 0
    return tree(out)


def test_saved_records_first_then_everything(make_registry) -> None:
    root = make_registry({"full": case_text("full"), "minimal": case_text("minimal")})
    project, out, store = find_project(root, None), root / "build", RecordStore(root)
    assert generate(project, out, False, root, TODAY, store=store).exit_code == 0
    manifest = (out / FILE).read_bytes()
    record = root / "registry" / "minimal.yaml"
    record.write_text(case_text("minimal").replace("Example Payments", "Renamed Payments"))
    before = tree(out)

    outcome = write_saved_records(project, out, root, TODAY, store)
    assert outcome is not None and outcome.exit_code == 0
    expected, now = fresh(root), tree(out)
    own = {str(p) for p in record_files("minimal")}
    written = {p for p in now if now[p] != before[p]}
    assert written <= own
    summary = f"build: wrote {len(written)} (the saved records' own files; the rest follows)"
    assert outcome.summary == summary
    assert {p: now[p] for p in own} == {p: expected[p] for p in own}
    assert (out / FILE).read_bytes() == manifest

    assert write_saved_records(project, out, root, TODAY, store) is None  # nothing more saved
    assert generate(project, out, False, root, TODAY, store=store).exit_code == 0
    assert tree(out) == expected


def test_an_invalid_save_writes_nothing_and_a_new_record_needs_everything(make_registry) -> None:
    root = make_registry({"full": case_text("full"), "minimal": case_text("minimal")})
    project, out, store = find_project(root, None), root / "build", RecordStore(root)
    assert generate(project, out, False, root, TODAY, store=store).exit_code == 0
    before = tree(out)
    (root / "registry" / "minimal.yaml").write_text(
        case_text("minimal").replace("id: minimal", "id: 7")
    )
    outcome = write_saved_records(project, out, root, TODAY, store)
    assert outcome is not None and outcome.exit_code == 1
    assert "registry/minimal.yaml:1:5: error: id:" in outcome.report
    assert tree(out) == before
    other = case_text("minimal").replace("id: minimal", "id: other").replace("EXAMPLE_", "OTHER_")
    (root / "registry" / "other.yaml").write_text(other)
    assert write_saved_records(project, out, root, TODAY, store) is None
