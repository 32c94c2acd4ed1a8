"""The result cache: the same findings as loading afresh, and nothing stale, ever."""

from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path

import pytest

import intreg.records
from intreg.records import cache as cache_module
from intreg.records import loader
from intreg.records.cache import FILE, ResultCache, tool_fingerprint
from intreg.records.check_files import check_files
from intreg.records.files import find_record_files
from intreg.records.findings import Finding
from intreg.records.registry import load_registry
from tests.helpers import CASES, case_text, with_id


def check(folder: Path, cache: ResultCache | None) -> list[Finding]:
    files = find_record_files([folder])
    return check_files(files, folder, files, cache).findings


def cache_in(folder: Path, fingerprint: str = "test") -> ResultCache:
    return ResultCache(folder / ".intreg-cache", fingerprint)


def copy_cases(tmp_path: Path) -> Path:
    folder = tmp_path / "registry"
    shutil.copytree(CASES / "invalid", folder)
    shutil.copy(CASES / "valid" / "full.yaml", folder)
    return folder


def one_record(tmp_path: Path) -> Path:
    """A registry folder holding alpha.yaml, a valid record."""
    registry = tmp_path / "registry"
    registry.mkdir()
    (registry / "alpha.yaml").write_text(with_id(case_text("minimal"), "alpha"), "utf-8")
    return registry


@pytest.fixture
def settled(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make every file look old enough for its stat signature to be trusted."""
    later = time.time() + 60
    monkeypatch.setattr(cache_module.time, "time", lambda: later)


def test_a_warm_run_gives_exactly_the_findings_of_a_cold_one(tmp_path: Path) -> None:
    folder = copy_cases(tmp_path)
    fresh = load_registry(find_record_files([folder]), folder).findings
    assert len(fresh) > 40
    assert check(folder, None) == fresh
    assert check(folder, cache_in(tmp_path)) == fresh  # fills the cache
    assert check(folder, cache_in(tmp_path)) == fresh  # answered from it
    entries = json.loads((tmp_path / ".intreg-cache" / FILE).read_bytes())["entries"]
    assert len(entries) == len(find_record_files([folder]))


def test_a_warm_run_loads_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = copy_cases(tmp_path)
    check(folder, cache_in(tmp_path))

    def no_loading(*args: object, **kwargs: object) -> None:
        raise AssertionError("a record was loaded")

    monkeypatch.setattr(loader, "load_record", no_loading)
    monkeypatch.setattr("intreg.records.registry.load_record", no_loading)
    check(folder, cache_in(tmp_path))


def test_findings_take_the_path_of_the_folder_intreg_runs_from(tmp_path: Path) -> None:
    folder = copy_cases(tmp_path)
    files = find_record_files([folder])
    from_root = check_files(files, tmp_path, files, cache_in(tmp_path)).findings
    from_folder = check_files(files, folder, files, cache_in(tmp_path)).findings
    assert {f.path.split("/")[0] for f in from_root} == {"registry"}
    assert [f"registry/{f.path}" for f in from_folder] == [f.path for f in from_root]


def test_a_changed_file_is_noticed_even_with_its_size_and_time_put_back(
    tmp_path: Path, settled: None
) -> None:
    registry = one_record(tmp_path)
    record = registry / "alpha.yaml"
    assert check(registry, cache_in(tmp_path)) == []
    before = record.stat()
    time.sleep(0.05)  # past the clock tick of the first write
    text = record.read_text(encoding="utf-8").replace("id: alpha", "id: alphb")
    record.write_text(text, encoding="utf-8")
    os.utime(record, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert record.stat().st_size == before.st_size
    assert [f.code for f in check(registry, cache_in(tmp_path))] == ["id-mismatch"]


def test_an_unchanged_file_is_not_read_when_its_signature_holds(
    tmp_path: Path, settled: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = copy_cases(tmp_path)
    fresh = check(folder, cache_in(tmp_path))

    def no_reading(file: Path) -> bytes:
        raise AssertionError(f"{file} was read")

    monkeypatch.setattr(cache_module, "read_record", no_reading)
    assert check(folder, cache_in(tmp_path)) == fresh


def test_a_fresh_file_is_always_read_and_hashed(tmp_path: Path) -> None:
    registry = one_record(tmp_path)
    check(registry, cache_in(tmp_path))
    entries = json.loads((tmp_path / ".intreg-cache" / FILE).read_bytes())["entries"]
    assert [entry[3] for entry in entries.values()] == [None]  # written just now: no signature


def test_a_changed_schema_or_intreg_discards_every_entry(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    registry = one_record(tmp_path)
    assert check(registry, cache_in(tmp_path, "old")) == []
    stricter = loader.check_record

    def rules_of_a_newer_intreg(r: object) -> list[Finding]:
        return [*stricter(r), Finding("alpha.yaml", 1, 1, "id", "new-rule", "a new rule")]  # type: ignore[arg-type]

    monkeypatch.setattr(loader, "check_record", rules_of_a_newer_intreg)
    assert check(registry, cache_in(tmp_path, "old")) == []  # same fingerprint: cached
    assert [f.code for f in check(registry, cache_in(tmp_path, "new"))] == ["new-rule"]


def test_the_fingerprint_covers_every_source_of_the_records_package(tmp_path: Path) -> None:
    package = Path(intreg.records.__file__).parent
    assert tool_fingerprint() == tool_fingerprint(package)
    assert tool_fingerprint() != tool_fingerprint(package, package)
    copy = tmp_path / "schemas"
    shutil.copytree(package, copy, ignore=shutil.ignore_patterns("__pycache__"))
    same = tool_fingerprint(copy)
    assert same == tool_fingerprint(package)
    for changed in ("rules.py", "model.py", "__init__.py"):
        original = (copy / changed).read_bytes()
        (copy / changed).write_bytes(original + b"\n")
        assert tool_fingerprint(copy) != same, changed
        (copy / changed).write_bytes(original)


def test_a_deleted_file_is_noticed_by_the_records_that_relied_on_it(tmp_path: Path) -> None:
    registry = tmp_path / "registry"
    registry.mkdir()
    fallback = "fallback:\n  integration: beta\n  description: Send through beta.\n"
    alpha = with_id(case_text("minimal"), "alpha").replace("EXAMPLE_", "ALPHA_") + fallback
    (registry / "alpha.yaml").write_text(alpha, "utf-8")
    beta = with_id(case_text("minimal"), "beta").replace("EXAMPLE_", "BETA_")
    (registry / "beta.yaml").write_text(beta, "utf-8")
    assert check(registry, cache_in(tmp_path)) == []
    (registry / "beta.yaml").unlink()
    assert [(f.path, f.code) for f in check(registry, cache_in(tmp_path))] == [
        ("alpha.yaml", "unknown-fallback")
    ]
    entries = json.loads((tmp_path / ".intreg-cache" / FILE).read_bytes())["entries"]
    assert [Path(name).name for name in entries] == ["alpha.yaml"]


def test_a_duplicate_id_between_cached_files_is_still_found(tmp_path: Path) -> None:
    registry = tmp_path / "registry"
    registry.mkdir()
    alpha = with_id(case_text("minimal"), "alpha")
    (registry / "alpha.yaml").write_text(alpha, "utf-8")
    check(registry, cache_in(tmp_path))
    (registry / "copy.yaml").write_text(alpha, "utf-8")
    found = check(registry, cache_in(tmp_path))
    assert ("copy.yaml", "duplicate-id") in [(f.path, f.code) for f in found]


@pytest.mark.parametrize("damage", [b"", b"{not json", b'{"format": 2, "entries": []}', b"[1]"])
def test_a_damaged_cache_counts_as_empty(tmp_path: Path, damage: bytes) -> None:
    folder = copy_cases(tmp_path)
    fresh = check(folder, None)
    (tmp_path / ".intreg-cache").mkdir()
    (tmp_path / ".intreg-cache" / FILE).write_bytes(damage)
    assert check(folder, cache_in(tmp_path)) == fresh
    assert check(folder, cache_in(tmp_path)) == fresh


def test_a_damaged_entry_counts_as_a_miss(tmp_path: Path) -> None:
    folder = copy_cases(tmp_path)
    fresh = check(folder, cache_in(tmp_path))
    path = tmp_path / ".intreg-cache" / FILE
    data = json.loads(path.read_bytes())
    for entry in data["entries"].values():
        entry[1:3] = [{"id": 1}, "rows"]
    path.write_text(json.dumps(data), "utf-8")
    assert check(folder, cache_in(tmp_path)) == fresh


def test_a_cache_that_cannot_be_written_is_skipped(tmp_path: Path) -> None:
    folder = copy_cases(tmp_path)
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder would go", "utf-8")
    cache = ResultCache(blocker / "cache", "test")
    assert check(folder, cache) == check(folder, None)
