"""The files below the output folders intreg owns, read again only where something changed.

At 10,000 records the generated folders hold some 10,000 directories (one per integration
page); reading each of them was a tenth of a run after one change. As git's untracked cache
does, a directory keeps its entries for as long as it keeps its stat signature: creating,
deleting or renaming an entry moves the directory's modification and change times. So each
listing records, per directory, its signature (taken before reading it, so that a change while
it is read moves it past the recorded one) and what it held; the next listing reads again only
the directories whose signature moved. A signature is trusted only once the directory has been
left alone for a while (intreg.records.cache.signature): a change in the same clock tick as the
reading cannot go unseen. Changes to a file's bytes do not show here; the manifest's signature
of each file sees those.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path, PurePosixPath
from typing import Any, TypeGuard

from intreg.records.cache import signature

# A directory (POSIX path below the root) -> [its signature, its files, its directories].
Folders = dict[str, list[Any]]
TEMPORARY = ".tmp"  # a write's temporary file (intreg.records.files): never an output


def list_owned(
    root: Path, owned: Iterable[PurePosixPath], known: Folders | None = None
) -> tuple[list[str], Folders]:
    """The files below the `owned` folders of `root` (sorted POSIX paths relative to it) and
    what to pass as `known` next time; `known` is what the last listing returned."""
    found: list[str] = []
    folders: Folders = {}
    for folder in owned:
        _list(str(root), str(folder), known or {}, found, folders)
    return sorted(set(found)), folders  # a set: one owned folder may lie inside another


def _list(root: str, folder: str, known: Folders, found: list[str], folders: Folders) -> None:
    path = os.path.join(root, folder)  # noqa: PTH118 (strings: 10,000 directories a run)
    stamp = signature(path)  # before reading: a change after it moves it
    entry = known.get(folder)
    if stamp is not None and _valid(entry) and entry[0] == stamp:
        files, subfolders = entry[1], entry[2]
    else:
        try:
            files, subfolders = _read(path)
        except OSError:  # no folder (yet), or not one: nothing below it
            return
    folders[folder] = [stamp, files, subfolders]
    found += [f"{folder}/{name}" for name in files]
    for name in subfolders:
        _list(root, f"{folder}/{name}", known, found, folders)


def _read(path: str) -> tuple[list[str], list[str]]:
    """The files and the directories in `path`, as os.walk tells them apart: a link to a
    directory is neither listed nor followed."""
    files, subfolders = [], []
    with os.scandir(path) as entries:
        for entry in entries:
            if entry.is_dir():
                if not entry.is_symlink():
                    subfolders.append(entry.name)
            elif not entry.name.endswith(TEMPORARY):
                files.append(entry.name)
    return sorted(files), sorted(subfolders)


def _valid(entry: Any) -> TypeGuard[list[Any]]:
    """True for what _list records (a damaged manifest may hold anything)."""
    return (
        isinstance(entry, list)
        and len(entry) == 3
        and all(isinstance(names, list) for names in entry[1:])
        and all(isinstance(name, str) for name in (*entry[1], *entry[2]))
    )
