from __future__ import annotations

import os
from pathlib import Path

import pytest

from intreg.outputs.writer import write_atomic
from intreg.records.errors import IntregError


def test_write_atomic_creates_folders_and_skips_unchanged(tmp_path: Path) -> None:
    target = tmp_path / "a" / "b.txt"
    assert write_atomic(target, b"one\n") is True
    mtime = target.stat().st_mtime_ns
    assert write_atomic(target, b"one\n") is False
    assert target.stat().st_mtime_ns == mtime
    assert write_atomic(target, b"two\n") is True
    assert target.read_bytes() == b"two\n"


def test_failed_rename_keeps_the_old_file_and_leaves_no_temp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out.txt"
    target.write_bytes(b"old\n")

    def fail(src: str, dst: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(IntregError, match=r"out\.txt: cannot write: disk full"):
        write_atomic(target, b"new\n")
    assert target.read_bytes() == b"old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.txt"]


def test_a_new_file_gets_the_usual_permissions_not_a_temp_files(tmp_path: Path) -> None:
    old_mask = os.umask(0o022)
    try:
        target = tmp_path / "new.txt"
        write_atomic(target, b"one\n")
    finally:
        os.umask(old_mask)
    assert target.stat().st_mode & 0o777 == 0o644


def test_a_replaced_file_keeps_its_permissions(tmp_path: Path) -> None:
    target = tmp_path / "secret.env"
    target.write_bytes(b"old\n")
    target.chmod(0o600)
    write_atomic(target, b"new\n")
    assert (target.read_bytes(), target.stat().st_mode & 0o777) == (b"new\n", 0o600)
