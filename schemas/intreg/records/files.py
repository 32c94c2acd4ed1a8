"""Which files are records, how their paths are shown, and how files are read and replaced.

Only regular files inside the project are records (issue 24): a symbolic link out of the
project, a FIFO or a device is refused by name before anything is read, and no read ever
waits on a FIFO or goes past a limit.
"""

from __future__ import annotations

import functools
import os
import stat
import tempfile
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from intreg.records.errors import IntregError

RECORD_SUFFIXES = (".yaml", ".yml")
MAX_RECORD_BYTES = 1024 * 1024  # the loader's limit (yaml_reader.MAX_BYTES)
# Opening a FIFO to read without O_NONBLOCK waits for a writer, forever.
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
_KINDS = (
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISFIFO, "a FIFO"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)

Progress = Callable[[int, int], None]
"""Told `(files loaded so far, files to load)` after each file, e.g. to draw a progress bar."""


def no_progress(done: int, total: int) -> None:
    """The default Progress: report nothing."""


def find_record_files(paths: Sequence[Path], root: Path | None = None) -> list[Path]:
    """The record files named by `paths`: files as given, directories searched (sorted).

    Only regular files are records, and with `root` (the project's folder) only those inside
    it once symbolic links are resolved. IntregError names every other one, before any file
    is read; folders that are symbolic links are not searched.
    """
    inside = None if root is None else _resolved(os.fspath(root))
    found: dict[tuple[str, ...], Path] = {}  # by path parts: sorted as Path sorts, but faster
    refused: list[str] = []
    for path in paths:
        if path.is_dir():
            if inside is not None and not _is_below(_resolved(os.fspath(path)), inside):
                refused.append(f"{_shown(path, root)}: {_OUTSIDE}")
                continue
            for parent, entry in _walk(path):
                problem = None if entry.is_file(follow_symlinks=False) else _refusal(entry, inside)
                if problem is None:
                    found.setdefault((*parent.parts, entry.name), parent / entry.name)
                else:
                    refused.append(f"{_shown(parent / entry.name, root)}: {problem}")
        elif path.exists() or path.is_symlink():
            problem = _refusal(path, inside)
            if problem is None:
                found.setdefault(path.parts, path)
            else:
                refused.append(f"{_shown(path, root)}: {problem}")
        else:
            raise IntregError(f"{path}: no such file or directory")
    if refused:
        raise IntregError("; ".join(sorted(refused)))
    return [found[parts] for parts in sorted(found)]


def find_project_files(folder: Path, root: Path) -> list[Path]:
    """Every file below `folder` (docs pages, say), sorted; IntregError names each one that
    is a symbolic link out of the project `root` or no regular file, before any is read."""
    if not folder.is_dir():
        return []
    inside = _resolved(os.fspath(root))
    found, refused = [], []
    for parent, entry in _walk(folder, suffixes=None):
        problem = None if entry.is_file(follow_symlinks=False) else _refusal(entry, inside)
        if problem is None and not _utf8(entry.name):
            problem = _NOT_UTF8
        if problem is None:
            found.append(parent / entry.name)
        else:
            refused.append(f"{display_path(parent / entry.name, root)}: {problem}")
    if refused:
        raise IntregError("; ".join(sorted(refused)).replace("records must", "pages must"))
    return sorted(found, key=lambda p: p.parts)


_OUTSIDE = "outside the project: records must be files inside it"
# A page's name is its address on the site (and a line of the navigation).
_NOT_UTF8 = "a name that is not valid UTF-8: records must be named in UTF-8 (rename it)"


def _utf8(name: str) -> bool:
    """False for a name os.fsdecode kept undecodable bytes of (as lone surrogates)."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


_LINK_OUTSIDE = "a symbolic link out of the project: records must be files inside it"


def _walk(
    top: Path, suffixes: tuple[str, ...] | None = RECORD_SUFFIXES
) -> Iterator[tuple[Path, os.DirEntry[str]]]:
    """Each entry below `top` whose name ends in one of `suffixes` (None: any), and its folder;
    like os.walk, it does not follow folders that are symbolic links."""
    stack = [top]
    while stack:
        parent = stack.pop()
        with os.scandir(parent) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    stack.append(parent / entry.name)
                elif suffixes is None or entry.name.endswith(suffixes):
                    yield parent, entry


def _refusal(path: os.DirEntry[str] | Path, inside: str | None) -> str | None:
    """Why `path` is not a record file (a link out of the project, not a regular file)."""
    target = os.path.realpath(path)
    if inside is not None and not _is_below(target, inside):
        return _LINK_OUTSIDE if Path(path).is_symlink() else _OUTSIDE
    try:
        mode = Path(target).stat().st_mode
    except OSError:
        return "a symbolic link to nothing"
    return None if stat.S_ISREG(mode) else f"not a regular file ({file_kind(mode)})"


def _is_below(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def _shown(path: Path, root: Path | None) -> str:
    return path.as_posix() if root is None else display_path(path, root)


def file_kind(mode: int) -> str:
    """What a file that is not a regular one is, in words (`a FIFO`), from its stat mode."""
    return next((kind for is_kind, kind in _KINDS if is_kind(mode)), "not a regular file")


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
    """The bytes of a record file, but never more than MAX_RECORD_BYTES + 1 of them: a file
    that long is too large, which the loader reports. IntregError (exit 2) names a file that
    is no regular file or cannot be read."""
    return read_file(file, MAX_RECORD_BYTES + 1)


def read_file(file: Path, most: int = -1) -> bytes:
    """The bytes of the regular file `file`, at most `most` of them (-1: all of them).

    The file is opened without waiting (a FIFO has no writer) and checked with fstat before
    any read, so a FIFO, a device or a folder is an IntregError naming it, never a hang.
    """
    try:
        fd = os.open(file, _OPEN_FLAGS)
    except OSError as exc:
        raise IntregError(f"{file}: cannot read: {exc.strerror}") from exc
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise IntregError(f"{file}: cannot read: not a regular file ({file_kind(mode)})")
        with os.fdopen(fd, "rb", closefd=False) as handle:
            return handle.read(most)
    except OSError as exc:
        raise IntregError(f"{file}: cannot read: {exc.strerror}") from exc
    finally:
        os.close(fd)


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
