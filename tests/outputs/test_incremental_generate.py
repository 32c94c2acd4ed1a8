"""A generate run after edits, which loads only what changed and builds the pages over all records
from the facts store, writes exactly what a generation from scratch writes, byte for byte, or
fails with the same report and writes nothing (issue 22, item 2)."""

from __future__ import annotations

import hashlib
import random
import re
import shutil
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from intreg.outputs import changed_records
from intreg.outputs import manifest as manifest_module
from intreg.outputs import outputs as outputs_module
from intreg.outputs.facts_store import FILE as FACTS
from intreg.outputs.manifest import FILE as MANIFEST
from intreg.records import cache as cache_module
from tests.helpers import REPO, case_text

TODAY = "2026-11-24"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the shipped project: 24 records, two systems with plans, docs pages."""
    root = tmp_path / "project"
    shutil.copytree(REPO / "registry", root / "registry")
    shutil.copytree(REPO / "docs", root / "docs")
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    return root


@pytest.fixture
def loads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The stems of the record files each run loads, in turn."""
    loaded: list[str] = []
    original = changed_records.load_files

    def counting(files, *args, **kwargs):  # type: ignore[no-untyped-def]
        loaded.extend(f.stem for f in files)
        return original(files, *args, **kwargs)

    monkeypatch.setattr(changed_records, "load_files", counting)
    return loaded


def tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def outputs(folder: Path) -> dict[str, bytes]:
    """Every file generation wrote but the manifest (which holds stat signatures) and the facts
    store (compared by compare_with_scratch)."""
    return {k: v for k, v in tree(folder).items() if k not in (MANIFEST, FACTS)}


def intact_facts(folder: Path) -> bytes | None:
    """The facts store in `folder` when its checksum holds. A damaged one stays until a run
    needs it (nothing changed: none does), and is then ignored and written again."""
    data = (folder / FACTS).read_bytes() if (folder / FACTS).exists() else b""
    checksum, _, body = data.partition(b"\n")
    return data if checksum == hashlib.sha256(body).hexdigest().encode() else None


def differences(got: dict[str, bytes], expected: dict[str, bytes]) -> list[str]:
    """The files missing, extra or with other bytes (their names: a diff of 200 files is long)."""
    return sorted(k for k in got.keys() | expected.keys() if got.get(k) != expected.get(k))


def compare_with_scratch(root: Path, run_cli, today: str, step: object) -> bool:
    """Generate in place, then from scratch into a new folder; the same outcome and, on success,
    the same bytes in every file; on failure nothing written. True when it succeeded."""
    before = tree(root / "build") if (root / "build").is_dir() else {}
    result = run_cli("generate", "--today", today, cwd=root)
    fresh = root / f"fresh-{len(list(root.glob('fresh-*')))}"
    scratch = run_cli("generate", "--today", today, "--out", str(fresh), "--no-cache", cwd=root)
    assert result.exit_code == scratch.exit_code, step
    if result.exit_code != 0:
        assert (result.stdout, result.stderr) == (scratch.stdout, scratch.stderr), step
        assert differences(tree(root / "build"), before) == [], step  # no partial write
        assert not fresh.exists() or not tree(fresh), step
        return False
    assert differences(outputs(root / "build"), outputs(fresh)) == [], step
    assert intact_facts(fresh) is not None
    assert intact_facts(root / "build") in (None, intact_facts(fresh)), step
    shutil.rmtree(fresh)
    return True


def replace(path: Path, pattern: str, new: str) -> None:
    text = path.read_text("utf-8")
    changed = re.sub(pattern, new, text, count=1, flags=re.MULTILINE)
    assert changed != text, (path, pattern)
    path.write_text(changed, "utf-8")


def extra_record(record_id: str) -> str:
    """A small record of its own (its variables named after it), used by no system."""
    prefix = record_id.upper().replace("-", "_") + "_"
    return (
        case_text("minimal").replace("id: minimal", f"id: {record_id}").replace("EXAMPLE_", prefix)
    )


Edit = Callable[[Path, random.Random, int], str | None]


def edit_purpose(root: Path, rng: random.Random, step: int) -> str:
    record = rng.choice(sorted((root / "registry").glob("*.yaml")))
    replace(record, r"^purpose: ", f"purpose: Step {step}. ")
    return f"purpose of {record.stem}"


def edit_summarised_field(root: Path, rng: random.Random, step: int) -> str:
    """A field the pages over all records show: name, review date, owner team, a variable's
    description."""
    record = rng.choice(sorted((root / "registry").glob("*.yaml")))
    field, pattern, new = rng.choice(
        [
            ("name", r"^name: (.*)$", rf"name: \1 {step}"),
            (
                "review",
                r"^  last_reviewed: .*$",
                f"  last_reviewed: 2026-0{1 + step % 9}-1{step % 10}",
            ),
            ("team", r"^  team: .*$", f"  team: team-{step}"),
            ("variable", r"^(      description: )", rf"\1Step {step}. "),
        ]
    )
    replace(record, pattern, new)
    return f"{field} of {record.stem}"


def add_record(root: Path, rng: random.Random, step: int) -> str:
    (root / "registry" / f"extra-{step}.yaml").write_text(extra_record(f"extra-{step}"), "utf-8")
    return f"added extra-{step}"


def remove_record(root: Path, rng: random.Random, step: int) -> str | None:
    added = sorted((root / "registry").glob("extra-*.yaml"))
    if not added:
        return None
    victim = rng.choice(added)
    victim.unlink()
    return f"removed {victim.stem}"


def rename_record(root: Path, rng: random.Random, step: int) -> str | None:
    added = sorted((root / "registry").glob("extra-*.yaml"))
    if not added:
        return None
    old = rng.choice(added)
    new = f"extra-{step}"
    text = old.read_text("utf-8")
    old.unlink()
    (root / "registry" / f"{new}.yaml").write_text(
        re.sub(r"^id: .*$", f"id: {new}", text, count=1, flags=re.MULTILINE), "utf-8"
    )
    return f"renamed {old.stem} to {new}"


def make_invalid(root: Path, rng: random.Random, step: int) -> str:
    """A record broken on its own, or one that clashes with another (a rule across records)."""
    others = [p for p in sorted((root / "registry").glob("*.yaml")) if p.stem != "stripe"]
    record = rng.choice(others)
    how = rng.choice(["date", "clash", "remove planned"])
    if how == "date":
        replace(record, r"^  last_reviewed: .*$", "  last_reviewed: not a date")
    elif how == "clash":  # another record's variable, not shared on purpose
        replace(record, r"^(    - env_var: )\w+", r"\1STRIPE_SECRET_KEY")
    else:  # saypro-classified's plan names it
        record = root / "registry" / "stripe.yaml"
        record.unlink()
    return f"invalid: {how} in {record.stem}"


def edit_system(root: Path, rng: random.Random, step: int) -> str:
    system = rng.choice(sorted((root / "registry" / "systems").glob("*.yaml")))
    replace(system, r"^(  - number: 1\n    name: )", rf"\1Step {step}, ")
    return f"first phase of {system.stem}"


def edit_settings(root: Path, rng: random.Random, step: int) -> str:
    mkdocs = root / "mkdocs.yml"
    text = re.sub(r"(?m)^(repo_url|edit_uri): .*\n", "", mkdocs.read_text("utf-8"))
    mkdocs.write_text(
        text + f"repo_url: https://example.com/r{step}\nedit_uri: edit/main/\n", "utf-8"
    )
    return "mkdocs.yml"


def edit_page(root: Path, rng: random.Random, step: int) -> str:
    (root / "docs" / f"guide-{step % 3}.md").write_text(f"# Guide\n\nStep {step}.\n", "utf-8")
    return "docs page"


def damage_facts(root: Path, rng: random.Random, step: int) -> str | None:
    store = root / "build" / FACTS
    if not store.exists():
        return None
    how = rng.choice(["truncated", "edited", "deleted", "another format"])
    data = store.read_bytes()
    if how == "truncated":
        store.write_bytes(data[: len(data) // 2])
    elif how == "edited":  # a summary changed behind intreg's back: the checksum tells
        store.write_bytes(data.replace(b'"Stripe Payments"', b'"Stripe Paymants"'))
    elif how == "deleted":
        store.unlink()
    else:
        store.write_bytes(b"0\n{}")
    return f"facts store {how}"


EDITS: list[Edit] = [
    edit_purpose,
    edit_purpose,
    edit_summarised_field,
    edit_summarised_field,
    add_record,
    remove_record,
    rename_record,
    make_invalid,
    edit_system,
    edit_settings,
    edit_page,
    damage_facts,
]


def restore(root: Path, good: dict[str, bytes]) -> None:
    """Back to the last registry that generated (the fix after an invalid edit)."""
    for path in (root / "registry").rglob("*.yaml"):
        if path.relative_to(root).as_posix() not in good:
            path.unlink()
    for name, data in good.items():
        (root / name).write_bytes(data)


def test_after_each_edit_the_outputs_equal_a_generation_from_scratch(
    project: Path, run_cli
) -> None:
    rng = random.Random(20261127)
    today = TODAY
    assert compare_with_scratch(project, run_cli, today, "first")
    good = {k: v for k, v in tree(project).items() if k.startswith("registry/")}
    for step in range(24):
        edit = rng.choice(EDITS)
        done = edit(project, rng, step)
        if step % 7 == 6:
            today = f"2026-12-{step:02d}"
        if compare_with_scratch(project, run_cli, today, (step, done)):
            good = {k: v for k, v in tree(project).items() if k.startswith("registry/")}
        else:
            restore(project, good)
            assert compare_with_scratch(project, run_cli, today, (step, "fixed"))


@pytest.fixture
def overviews(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many summaries each writing of the outputs over all records was given."""
    calls: list[int] = []
    original = outputs_module.iter_overview_outputs

    def counting(inputs, summaries):  # type: ignore[no-untyped-def]
        calls.append(len(summaries))
        return original(inputs, summaries)

    monkeypatch.setattr(outputs_module, "iter_overview_outputs", counting)
    return calls


def test_one_changed_record_is_the_only_one_loaded(
    project: Path, run_cli, loads, overviews
) -> None:
    assert run_cli("generate", "--today", TODAY, cwd=project).exit_code == 0
    loads.clear()
    overviews.clear()
    replace(project / "registry" / "twilio.yaml", r"^purpose: ", "purpose: Now. ")
    result = run_cli("generate", "--today", TODAY, cwd=project)
    assert result.exit_code == 0
    assert result.stderr.startswith("build: wrote 3, ")  # its stub, its download, its page
    assert (loads, overviews) == (["twilio"], [])  # no page over all records shows a purpose
    replace(project / "registry" / "twilio.yaml", r"^name: .*$", "name: Twilio Renamed")
    result = run_cli("generate", "--today", TODAY, cwd=project)
    assert result.exit_code == 0
    assert (loads, overviews) == (["twilio", "twilio"], [24])
    catalogue = (project / "build" / "docs" / "catalogue.md").read_text("utf-8")
    assert "Twilio Renamed" in catalogue


def test_without_the_facts_store_every_record_is_loaded_again(
    project: Path, run_cli, loads
) -> None:
    assert run_cli("generate", "--today", TODAY, cwd=project).exit_code == 0
    (project / "build" / FACTS).unlink()
    loads.clear()
    replace(project / "registry" / "twilio.yaml", r"^purpose: ", "purpose: Now. ")
    assert run_cli("generate", "--today", TODAY, cwd=project).exit_code == 0
    assert len(loads) == 24
    loads.clear()
    replace(project / "registry" / "twilio.yaml", r"^purpose: ", "purpose: Again. ")
    assert run_cli("generate", "--today", TODAY, cwd=project).exit_code == 0
    assert loads == ["twilio"]  # the store was written again


def test_a_record_that_clashes_with_an_unloaded_one_is_reported(
    project: Path, run_cli, loads
) -> None:
    assert run_cli("generate", "--today", TODAY, cwd=project).exit_code == 0
    loads.clear()
    replace(project / "registry" / "twilio.yaml", r"^(    - env_var: )\w+", r"\1STRIPE_SECRET_KEY")
    result = run_cli("generate", "--today", TODAY, cwd=project)
    assert result.exit_code == 1
    assert loads == ["twilio"]
    assert "STRIPE_SECRET_KEY" in result.stdout and "stripe.yaml" in result.stdout


def test_a_record_file_whose_signature_holds_is_not_read_again(
    project: Path, run_cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    later = time.time() + 60  # every file looks old enough for its signature to be trusted
    monkeypatch.setattr(cache_module.time, "time", lambda: later)
    assert run_cli("generate", "--today", TODAY, cwd=project).exit_code == 0
    replace(project / "registry" / "twilio.yaml", r"^name: .*$", "name: Twilio Renamed")
    read: list[str] = []
    original = manifest_module.read_record

    def reading(path: Path) -> bytes:
        read.append(path.relative_to(project / "registry").as_posix())
        return original(path)

    monkeypatch.setattr(manifest_module, "read_record", reading)
    assert run_cli("generate", "--today", TODAY, cwd=project).exit_code == 0
    assert [name for name in read if "/" not in name] == ["twilio.yaml"]  # systems: always
    monkeypatch.setattr(manifest_module, "read_record", original)
    assert compare_with_scratch(project, run_cli, TODAY, "renamed")
