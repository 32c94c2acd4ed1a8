"""Which files are records, how their paths are shown, and how files are replaced atomically."""

from __future__ import annotations

import functools
import os
import stat
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

from intreg.records.errors import IntregError

RECORD_SUFFIXES = (".yaml", ".yml")

Progress = Callable[[int, int], None]
"""Told `(files loaded so far, files to load)` after each file, e.g. to draw a progress bar."""


def no_progress(done: int, total: int) -> None:
    """The default Progress: report nothing."""


def find_record_files(paths: Sequence[Path]) -> list[Path]:
    """The record files named by `paths`: files as given, directories searched (sorted)."""
    found: dict[tuple[str, ...], Path] = {}  # by path parts: sorted as Path sorts, but faster
    for path in paths:
        if path.is_dir():
            for folder, _, names in os.walk(path):
                parent = Path(folder)
                for name in names:
                    if name.endswith(RECORD_SUFFIXES):
                        found.setdefault((*parent.parts, name), parent / name)
        elif path.exists():
            found.setdefault(path.parts, path)
        else:
            raise IntregError(f"{path}: no such file or directory")
    return [found[parts] for parts in sorted(found)]


def display_path(path: Path, base: Path) -> str:
    """`path` relative to `base` when it lies below it, in POSIX form, for messages."""
    full, root = real_path(path), _resolved(str(base))
    if full.startswith(root + os.sep):
        return full[len(root) + 1 :].replace(os.sep, "/")
    return path.as_posix()


def real_path(path: Path) -> str:
    """The absolute path of `path` with its folders' symbolic links resolved."""
    # Strings, not pathlib: this runs for every file of every run, and pathlib is the cost.
    folder, name = os.path.split(os.fspath(path))
    return os.path.join(_resolved(folder or "."), name)  # noqa: PTH118


@functools.lru_cache(maxsize=256)
def _resolved(folder: str) -> str:
    # Thousands of records share a few folders: resolve each folder once, not each file.
    return os.path.realpath(folder)


def read_record(file: Path) -> bytes:
    """The bytes of a record file; IntregError (an I/O problem, exit 2) when unreadable."""
    try:
        return file.read_bytes()
    except OSError as exc:
        raise IntregError(f"{file}: cannot read: {exc.strerror}") from exc


def replace_atomically(path: Path, data: bytes) -> None:
    """Write `data` to a temporary file beside `path`, then rename it over `path`.

    Readers see the old file or the new one, never half of one; on failure the old one stays.
    The file keeps its permissions, or gets the usual ones for a new file (umask applied),
    not the owner-only ones of a temporary file.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except OSError:
        mode = _new_file_mode()
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        Path(tmp).replace(path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _new_file_mode() -> int:
    mask = os.umask(0)  # the only way to read the umask is to set it: put it straight back
    os.umask(mask)
    return 0o666 & ~mask
