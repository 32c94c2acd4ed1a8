"""RecordStore: the same registry as load_registry, loading only what changed since last time."""

from __future__ import annotations

from pathlib import Path

import pytest

from intreg.records import registry as registry_module
from intreg.records.registry import load_registry
from intreg.records.store import RecordStore
from tests.helpers import case_text


def loaded_names(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The file names the store loads from now on."""
    names: list[str] = []
    original = registry_module._load_one

    def counting(file: Path, base: Path):  # type: ignore[no-untyped-def]
        names.append(file.name)
        return original(file, base)

    monkeypatch.setattr(registry_module, "_load_one", counting)
    return names


def same(a, b) -> bool:  # type: ignore[no-untyped-def]
    return a.findings == b.findings and [r.record for r in a.records] == [
        r.record for r in b.records
    ]


def test_store_loads_only_new_and_changed_files(make_registry, monkeypatch) -> None:
    root = make_registry({"full": case_text("full"), "minimal": case_text("minimal")})
    files = sorted((root / "registry").glob("*.yaml"))
    store = RecordStore(root)
    names = loaded_names(monkeypatch)

    def load(chosen: list[Path], expected: list[str]):  # type: ignore[no-untyped-def]
        names.clear()
        loaded = store.load(chosen)
        assert sorted(names) == expected
        assert same(loaded, load_registry(chosen, root))
        return loaded

    load(files, ["full.yaml", "minimal.yaml"])
    load(files, [])
    minimal = root / "registry" / "minimal.yaml"
    minimal.write_text(case_text("minimal").replace("id: minimal", "id: 7"), "utf-8")
    assert not load(files, ["minimal.yaml"]).ok
    minimal.unlink()
    assert not load(files[:1], []).ok  # `full` falls back to the missing `minimal`
