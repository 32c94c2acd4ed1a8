"""Listing the owned output folders: what os.walk would find, reading only folders that moved."""

from __future__ import annotations

import os
from pathlib import Path, PurePosixPath

import pytest

from intreg.outputs import listing
from intreg.outputs.listing import list_owned
from intreg.records import cache

OWNED = [PurePosixPath("docs"), PurePosixPath("openapi"), PurePosixPath("absent")]
LONG_AGO = 1_600_000_000  # 2020: a signature this old is trusted


def walked(root: Path) -> list[str]:
    """The same, as os.walk finds it (the listing before this module)."""
    found = []
    for folder in OWNED:
        top = root / folder
        for parent, _, names in os.walk(top):
            relative = Path(parent).relative_to(root).as_posix()
            found += [f"{relative}/{n}" for n in names if not n.endswith(".tmp")]
    return sorted(found)


@pytest.fixture
def root(tmp_path: Path) -> Path:
    for path in ["docs/index.md", "docs/a/index.md", "docs/a/b/deep.md", "openapi/x.yaml"]:
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text("x", "utf-8")
    (tmp_path / "docs" / "a" / "half.md.tmp").write_text("x", "utf-8")  # a write in progress
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "secret.md").write_text("x", "utf-8")
    (tmp_path / "docs" / "linked").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    (tmp_path / "docs" / "broken.md").symlink_to(tmp_path / "nowhere.md")
    return tmp_path


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The folders read from now on (by their name; a missing one is looked for each time)."""
    calls: list[str] = []
    original = listing._read

    def counting(path: str) -> tuple[list[str], list[str]]:
        entries = original(path)
        calls.append(Path(path).name)
        return entries

    monkeypatch.setattr(listing, "_read", counting)
    return calls


def settle(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Make every folder's signature one that is trusted: set far back, no waiting period."""
    monkeypatch.setattr(cache, "SETTLE_SECONDS", -1.0)  # a change time of now is settled too
    for parent, _, _ in os.walk(root):
        os.utime(parent, (LONG_AGO, LONG_AGO))


def test_the_listing_is_what_os_walk_finds(root: Path) -> None:
    files, folders = list_owned(root, OWNED)
    assert files == walked(root)
    assert "docs/broken.md" in files  # a link is a file of the folder, as os.walk says
    assert not any("secret" in f or f.endswith(".tmp") for f in files)
    assert set(folders) == {"docs", "docs/a", "docs/a/b", "openapi"}


def test_folders_not_yet_settled_are_read_every_time(root: Path, reads: list[str]) -> None:
    _, folders = list_owned(root, OWNED)
    assert all(entry[0] is None for entry in folders.values())  # just written: not trusted
    reads.clear()
    assert list_owned(root, OWNED, folders)[0] == walked(root)
    assert sorted(reads) == ["a", "b", "docs", "openapi"]


def test_settled_folders_are_not_read_again(
    root: Path, reads: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    settle(root, monkeypatch)
    _, folders = list_owned(root, OWNED)
    reads.clear()
    files, again = list_owned(root, OWNED, folders)
    assert reads == []
    assert files == walked(root)
    assert again == folders


@pytest.mark.parametrize(
    ("change", "read"),
    [
        ("add a file", ["b"]),
        ("remove a file", ["b"]),
        ("rename a file", ["b"]),
        ("add a folder", ["b", "new"]),
        ("remove a folder", ["a"]),
        ("replace a folder", ["a", "b"]),
    ],
)
def test_a_folder_whose_entries_changed_is_read_again(
    root: Path, reads: list[str], monkeypatch: pytest.MonkeyPatch, change: str, read: list[str]
) -> None:
    settle(root, monkeypatch)
    _, folders = list_owned(root, OWNED)
    deep = root / "docs" / "a" / "b"
    if change == "add a file":
        (deep / "stray.md").write_text("x", "utf-8")
    elif change == "remove a file":
        (deep / "deep.md").unlink()
    elif change == "rename a file":
        (deep / "deep.md").rename(deep / "moved.md")
    elif change == "add a folder":
        (deep / "new").mkdir()
        (deep / "new" / "stray.md").write_text("x", "utf-8")
    elif change == "remove a folder":
        (deep / "deep.md").unlink()
        deep.rmdir()
    else:  # the same name, another folder (another inode): its old listing must not be used
        (deep / "deep.md").unlink()
        deep.rmdir()
        deep.mkdir()
        (deep / "other.md").write_text("x", "utf-8")
    reads.clear()
    files, _ = list_owned(root, OWNED, folders)
    assert files == walked(root)
    assert sorted(reads) == read


DAMAGED = [None, "x", [], ["files", []], ["files", "a", []], ["files", ["a"], [2]]]


@pytest.mark.parametrize("damaged", DAMAGED)
def test_a_damaged_record_of_a_folder_means_reading_it(
    root: Path, reads: list[str], monkeypatch: pytest.MonkeyPatch, damaged: object
) -> None:
    settle(root, monkeypatch)
    _, folders = list_owned(root, OWNED)
    stamp = folders["docs/a"][0]
    # In the lists, "files" stands for the folder's true signature: only the rest is wrong.
    folders["docs/a"] = [stamp, *damaged[1:]] if isinstance(damaged, list) and damaged else damaged
    reads.clear()
    assert list_owned(root, OWNED, folders)[0] == walked(root)
    assert reads == ["a"]


def test_a_folder_inside_another_owned_one_is_listed_once(root: Path) -> None:
    nested = [PurePosixPath("docs"), PurePosixPath("docs/a")]
    assert list_owned(root, nested)[0] == list_owned(root, [PurePosixPath("docs")])[0]
