"""The only code that writes outputs: atomically, and only when the bytes change."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from intreg.outputs.listing import Folders, list_owned
from intreg.records.errors import IntregError
from intreg.records.files import replace_atomically


def write_atomic(path: Path, data: bytes) -> bool:
    """Write `data` to `path` via a temporary file and rename; False when already identical.

    An OSError becomes an IntregError naming the file; the old file is left as it was.
    """
    try:
        if path.read_bytes() == data:
            return False
    except FileNotFoundError:
        pass
    except OSError as exc:
        raise IntregError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    try:
        replace_atomically(path, data)
    except OSError as exc:
        raise IntregError(f"{path}: cannot write: {exc.strerror or exc}") from exc
    return True


@dataclass(frozen=True)
class TreeChanges:
    """How an output folder differs from the files that should be in it (paths sorted)."""

    missing: list[PurePosixPath]
    stale: list[PurePosixPath]
    extra: list[PurePosixPath]
    files: list[PurePosixPath]  # every file given that should be there
    current: list[str] = field(default_factory=list)  # and those known to be (POSIX paths)
    folders: Folders = field(default_factory=dict)  # the owned folders as listed (listing.py)

    @property
    def count(self) -> int:
        """How many files should be there."""
        return len(self.files) + len(self.current)

    @property
    def clean(self) -> bool:
        return not (self.missing or self.stale or self.extra)


def plan_tree(
    root: Path, files: Iterable[tuple[PurePosixPath, bytes | None]], owned: Iterable[PurePosixPath]
) -> TreeChanges:
    """Compare `files` with what is under `root`; extra files count only in `owned` folders."""
    return _sync(root, files, owned, (), None, write=False)


def write_tree(
    root: Path,
    files: Iterable[tuple[PurePosixPath, bytes | None]],
    owned: Iterable[PurePosixPath],
    current: Sequence[str] = (),
    known: Folders | None = None,
) -> TreeChanges:
    """Make `root` hold exactly `files` and `current` in the `owned` folders; returns what
    it changed. `known`: the folders as the last run listed them (intreg.outputs.listing).

    `files` may be a stream: each file is compared and written as it comes, so no more than
    one is held at a time; extra files are deleted once the stream ends. A file given as None
    is known to be current and stays as it is, and so do the files `current` names (POSIX
    paths below `root`): the caller has made sure of them (intreg.outputs.manifest).
    """
    return _sync(root, files, owned, current, known, write=True)


def _sync(
    root: Path,
    files: Iterable[tuple[PurePosixPath, bytes | None]],
    owned: Iterable[PurePosixPath],
    current: Sequence[str],
    known: Folders | None,
    write: bool,
) -> TreeChanges:
    missing, stale, seen = [], [], set[PurePosixPath]()
    for relative, data in files:
        seen.add(relative)
        target = root / relative
        if data is None:  # known current: keep it
            if not target.is_file():
                raise IntregError(f"{target}: removed while intreg ran; run it again")
            continue
        if not target.is_file():
            missing.append(relative)
        elif target.read_bytes() == data:
            continue
        else:
            stale.append(relative)
        if write:
            write_atomic(target, data)
    expected = {str(p) for p in seen}.union(current)
    existing, folders = list_owned(root, owned, known)
    extra = [PurePosixPath(p) for p in existing if p not in expected]
    if write:
        for relative in extra:
            (root / relative).unlink()
    return TreeChanges(sorted(missing), sorted(stale), extra, sorted(seen), list(current), folders)
