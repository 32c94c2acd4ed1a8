"""`intreg generate`: atomic, deterministic, and --check catches stale files."""

from __future__ import annotations

import datetime as dt
import os
import random
from pathlib import Path

import pytest

from intreg.outputs import site
from intreg.outputs.outputs import Inputs, generate_all
from intreg.outputs.summary import summary_of
from intreg.records.project import Project
from intreg.records.registry import load_registry
from tests.helpers import REPO, case_text, with_id

FULL = case_text("full")
MINIMAL = case_text("minimal")
TODAY = ("--today", "2026-11-24")


def tree(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def project(make_registry) -> Path:
    return make_registry({"full": FULL, "minimal": MINIMAL})


def test_generate_writes_stubs_env_templates_and_site_pages(project: Path, run_cli) -> None:
    (project / "docs").mkdir()
    (project / "docs" / "index.md").write_text("# Home\n")
    result = run_cli("generate", *TODAY, cwd=project)
    assert result.exit_code == 0
    assert result.stderr == "build: wrote 31, unchanged 0, deleted 0 (from 2 records)\n"
    written = sorted(tree(project / "build"))
    assert [p for p in written if not p.startswith("docs/")] == [
        ".intreg-facts.json",
        ".intreg-manifest.json",
        "config/nav.yml",
        "env/full.env.example",
        "env/minimal.env.example",
        "env/py360-renewal/backend.env.example",
        "env/py360-renewal/frontend.env.example",
        "env/saypro-classified/backend.env.example",
        "env/saypro-classified/frontend.env.example",
        "openapi/full.openapi.yaml",
        "openapi/minimal.openapi.yaml",
        "theme/main.html",
    ]
    assert {
        "docs/index.md",
        "docs/writers-guide.md",
        "docs/catalogue.md",
        "docs/integrations/full/index.md",
        "docs/downloads/openapi/full.openapi.yaml",
        "docs/downloads/env/full.env.example",
        "docs/systems/py360-renewal.md",
        "docs/reference/fields.md",
    } <= set(written)
    again = run_cli("generate", *TODAY, cwd=project)
    assert again.stderr == "build: wrote 0, unchanged 31, deleted 0 (from 2 records)\n"


def test_output_is_identical_whatever_the_record_order(project: Path) -> None:
    registry = load_registry(Project(project).record_files(), project)
    records = [r.record for r in registry.records]
    today = dt.date(2026, 11, 24)
    first = generate_all(Inputs(records, today))
    shuffled = records[:]
    random.Random(7).shuffle(shuffled)
    assert generate_all(Inputs(list(reversed(records)), today)) == first
    assert generate_all(Inputs(shuffled, today)) == first


def test_check_lists_missing_stale_and_extra_files_and_writes_nothing(project, run_cli) -> None:
    assert run_cli("generate", "--check", *TODAY, cwd=project).exit_code == 1
    assert not (project / "build").exists()
    run_cli("generate", *TODAY, cwd=project)
    clean = run_cli("generate", "--check", *TODAY, cwd=project)
    assert (clean.exit_code, clean.stdout) == (0, "")
    stub = project / "build" / "openapi" / "full.openapi.yaml"
    stub.write_text(stub.read_text().replace("title: Example Messaging", "title: Edited"))
    (project / "build" / "env" / "minimal.env.example").unlink()
    (project / "build" / "openapi" / "removed.openapi.yaml").write_text("x")
    before = tree(project / "build")
    result = run_cli("generate", "--check", *TODAY, cwd=project)
    assert result.exit_code == 1
    assert result.stdout == (
        "missing: build/env/minimal.env.example\n"
        "stale: build/openapi/full.openapi.yaml\n"
        "extra: build/openapi/removed.openapi.yaml\n"
    )
    assert result.stderr == "3 derived files are out of date; run `intreg generate`\n"
    assert tree(project / "build") == before
    fixed = run_cli("generate", *TODAY, cwd=project)
    assert fixed.stderr == "build: wrote 2, unchanged 28, deleted 1 (from 2 records)\n"


def test_an_invalid_record_writes_nothing(project, run_cli) -> None:
    run_cli("generate", *TODAY, cwd=project)
    before = tree(project / "build")
    (project / "registry" / "minimal.yaml").write_text(MINIMAL.replace('"1.10"', "1.10"))
    (project / "registry" / "full.yaml").write_text(FULL.replace("Example Messaging", "Renamed"))
    result = run_cli("generate", *TODAY, cwd=project)
    assert result.exit_code == 1
    assert "registry/minimal.yaml:23:12: error: api.version:" in result.stdout
    assert tree(project / "build") == before


def test_a_failed_rename_leaves_previous_outputs_intact(project, run_cli, monkeypatch) -> None:
    run_cli("generate", *TODAY, cwd=project)
    before = tree(project / "build")
    (project / "registry" / "full.yaml").write_text(FULL.replace("Example Messaging", "Renamed"))

    def fail(src: object, dst: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", fail)
    result = run_cli("generate", *TODAY, cwd=project)
    assert result.exit_code == 2
    assert result.stderr == (
        f"intreg: error: {project}/build/openapi/full.openapi.yaml: cannot write: disk full\n"
    )
    after = tree(project / "build")
    assert after == {p: data for p, data in before.items() if p != ".intreg-manifest.json"}


def test_out_option_and_a_bad_today(make_registry, run_cli, tmp_path) -> None:
    root = make_registry({"alpha": with_id(MINIMAL, "alpha")})
    result = run_cli("generate", "--out", str(tmp_path / "elsewhere"), cwd=root)
    assert result.exit_code == 0
    assert (tmp_path / "elsewhere" / "openapi" / "alpha.openapi.yaml").is_file()
    bad = run_cli("generate", "--today", "24/11/2026", cwd=root)
    assert bad.exit_code == 2
    assert "'24/11/2026' is not a date written YYYY-MM-DD" in bad.stderr


def test_generated_paths_lists_exactly_the_site_files_generated(project: Path) -> None:

    files = [*Project(project).record_files(), *Project(REPO).record_files()]
    records = [r.record for r in load_registry(files, project).records]
    generated = generate_all(Inputs(records, dt.date(2026, 11, 24)))
    below_docs = {p.relative_to(site.FOLDER) for p in generated if p.parts[0] == "docs"}
    assert site.generated_paths([summary_of(r) for r in records]) == below_docs


def test_a_hand_written_page_in_a_generated_place_stops_generation(project: Path, run_cli) -> None:
    (project / "docs" / "integrations" / "full").mkdir(parents=True)
    (project / "docs" / "integrations" / "full" / "index.md").write_text("# Mine\n", "utf-8")
    result = run_cli("generate", *TODAY, cwd=project)
    assert result.exit_code == 2
    assert result.stderr == (
        "intreg: error: docs/ has pages where intreg generates its own: "
        "integrations/full/index.md; rename or move them\n"
    )
    assert not (project / "build").exists()
