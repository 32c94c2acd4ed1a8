"""The only code that writes outputs: atomically, and only when the bytes change."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from schemas.errors import IntregError


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
        _replace(path, data)
    except OSError as exc:
        raise IntregError(f"{path}: cannot write: {exc.strerror or exc}") from exc
    return True


def _replace(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        Path(tmp).replace(path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@dataclass(frozen=True)
class TreeChanges:
    """How an output folder differs from the files that should be in it (paths sorted)."""

    missing: list[PurePosixPath]
    stale: list[PurePosixPath]
    extra: list[PurePosixPath]

    @property
    def clean(self) -> bool:
        return not (self.missing or self.stale or self.extra)


def plan_tree(
    root: Path, files: Mapping[PurePosixPath, bytes], owned: Iterable[PurePosixPath]
) -> TreeChanges:
    """Compare `files` with what is under `root`; extra files count only in `owned` folders."""
    missing, stale = [], []
    for relative in sorted(files):
        target = root / relative
        if not target.is_file():
            missing.append(relative)
        elif target.read_bytes() != files[relative]:
            stale.append(relative)
    extra = [p for p in _existing(root, owned) if p not in files]
    return TreeChanges(missing, stale, extra)


def write_tree(
    root: Path, files: Mapping[PurePosixPath, bytes], owned: Iterable[PurePosixPath]
) -> TreeChanges:
    """Make `root` hold exactly `files` in the `owned` folders; returns what it changed."""
    changes = plan_tree(root, files, owned)
    for relative in [*changes.missing, *changes.stale]:
        write_atomic(root / relative, files[relative])
    for relative in changes.extra:
        (root / relative).unlink()
    return changes


def _existing(root: Path, owned: Iterable[PurePosixPath]) -> list[PurePosixPath]:
    found: set[PurePosixPath] = set()
    for folder in owned:
        base = root / folder
        if base.is_dir():
            found.update(
                PurePosixPath(p.relative_to(root).as_posix())
                for p in base.rglob("*")
                if p.is_file() and not p.name.endswith(".tmp")
            )
    return sorted(found)
