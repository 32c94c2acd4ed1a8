"""The facts store beside the manifest: entries hold for their file's bytes and intreg's code,
and a damaged store counts as empty."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from intreg.outputs.facts_store import FILE, FactsStore, read_summary, summary_text
from intreg.outputs.summary import summary_of
from intreg.records.loader import load_record
from tests.helpers import case_text

LOADED = load_record(case_text("full").encode(), "registry/full.yaml", "full")
assert LOADED.record is not None
SUMMARY = summary_text(summary_of(LOADED.record.record))


def saved(out: Path, fingerprint: str = "code") -> FactsStore:
    out.mkdir(exist_ok=True)
    store = FactsStore(out, fingerprint)
    store.put("full.yaml", "abc", LOADED.report, SUMMARY)
    store.save()
    return FactsStore(out, fingerprint)


def test_an_entry_reads_back_for_the_same_bytes_only(tmp_path: Path) -> None:
    store = saved(tmp_path)
    entry = store.get("full.yaml", "abc", "elsewhere/full.yaml")
    assert entry is not None
    assert LOADED.report.facts is not None
    assert entry.report.facts == replace(LOADED.report.facts, path="elsewhere/full.yaml")
    assert entry.report.findings == ()
    assert read_summary(entry.summary) == summary_of(LOADED.record.record)
    assert store.get("full.yaml", "abd", "registry/full.yaml") is None
    assert store.get("other.yaml", "abc", "registry/other.yaml") is None


@pytest.mark.parametrize("damage", ["byte", "truncated", "checksum", "empty", "not json"])
def test_a_damaged_store_counts_as_empty(tmp_path: Path, damage: str) -> None:
    saved(tmp_path)
    path = tmp_path / FILE
    data = path.read_bytes()
    damaged = {
        "byte": data.replace(b'"full"', b'"fall"', 1),
        "truncated": data[:-10],
        "checksum": b"0" + data[1:],
        "empty": b"",
        "not json": b"x\n[",
    }[damage]
    assert damaged != data
    path.write_bytes(damaged)
    assert FactsStore(tmp_path, "code").get("full.yaml", "abc", "registry/full.yaml") is None


def test_another_intregs_store_counts_as_empty(tmp_path: Path) -> None:
    saved(tmp_path, "old code")
    assert FactsStore(tmp_path, "new code").get("full.yaml", "abc", "registry/full.yaml") is None
    assert FactsStore(tmp_path, "old code").get("full.yaml", "abc", "x") is not None


def test_a_store_not_read_starts_empty_and_an_unchanged_one_is_not_written(
    tmp_path: Path,
) -> None:
    saved(tmp_path)
    assert FactsStore(tmp_path, "code", read=False).get("full.yaml", "abc", "x") is None
    before = (tmp_path / FILE).stat().st_mtime_ns
    store = FactsStore(tmp_path, "code")
    assert store.get("full.yaml", "abc", "x") is not None
    store.save()
    assert (tmp_path / FILE).stat().st_mtime_ns == before
    dropped = FactsStore(tmp_path, "code")  # an entry not used this run is left out
    dropped.save()
    assert FactsStore(tmp_path, "code").get("full.yaml", "abc", "x") is None
