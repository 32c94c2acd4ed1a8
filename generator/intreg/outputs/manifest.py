"""The generation manifest: what the last `intreg generate` read and wrote, so that a run does
not redo work whose result is already on disk.

The manifest (in the output folder) holds a digest of the inputs every output depends on (the
day, the hand-written docs/ pages, which record files exist, and intreg's own code and
templates), the SHA-256 of each record file, and the stat signature of every file written
(size, modification and change times, inode: any write moves the change time). Then:

- nothing changed and every output still has its signature: the run loads nothing;
- some records changed: the files of one record only are rendered again when its bytes changed
  or one of its files did; the other records are not even loaded (intreg.outputs.facts_store);
- the outputs over all records (catalogue, reviews, navigation...) are written again only when
  some record's summary changed (the manifest keeps a hash of them all), or one of those files.

`generate --check` never trusts the manifest: it renders everything and compares every byte.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

import intreg.outputs
import intreg.records
import intreg.reviews
from intreg.outputs.evidence.runs import ReportFile
from intreg.outputs.listing import Folders, list_owned
from intreg.outputs.site import csp
from intreg.records import cache_json
from intreg.records.cache import signature, tool_fingerprint
from intreg.records.files import find_project_files, read_file, read_record, replace_atomically

FILE = ".intreg-manifest.json"
FORMAT = 4
# Every folder holding a part of intreg (one in a wheel; schemas/, generator/ and checks/ in
# the repository), found from modules: an editable install gives the namespace no real __path__.
PARTS = (intreg.records, intreg.outputs, intreg.reviews)
PACKAGES = tuple(sorted({Path(str(part.__file__)).parent.parent for part in PARTS}))


@dataclass(frozen=True)
class Snapshot:
    """The inputs of a run: `context` (all but the records' bytes) and each record's hash."""

    context: str
    records: dict[str, str]  # file name below registry/ -> SHA-256 of its bytes
    # The stat signature of each record file that had been left alone long enough to be
    # trusted (intreg.records.cache.signature): while it holds, the file is not read again.
    stamps: dict[str, list[int]] = field(default_factory=dict)


def snapshot(
    records: Sequence[Path],
    registry: Path,
    docs: Path,
    today: dt.date,
    edit_base: str | None,
    systems: Sequence[Path] = (),
    reports: Sequence[ReportFile] = (),
    last: Manifest | None = None,
) -> Snapshot:
    """Hash everything generation reads; a system record (registry/systems/) is context: its
    plan shows on the pages of every integration it uses. A record file whose stat signature
    is the one the `last` manifest recorded has the hash recorded with it (as git's index
    does; intreg.records.cache explains why a signature is trusted)."""
    context = hashlib.sha256(f"{FORMAT} {today.isoformat()} {edit_base} ".encode())
    for system in systems:
        name = Path(os.path.relpath(system, registry)).as_posix()
        context.update(_name_bytes(f"\0system {name}\0"))
        context.update(read_record(system))
    context.update(code_fingerprint().encode())
    # The installed themes' inline scripts, which the site's policy allows by hash.
    context.update(" ".join(csp.inline_script_hashes()).encode())
    for page in _pages(docs):
        data = read_file(page)  # pages may be large images: read whole
        context.update(_name_bytes(f"\0page {os.path.relpath(page, docs)} {len(data)}\0"))
        context.update(data)
    for report in reports:  # contract runs: on their record's page and the monitoring page
        context.update(_name_bytes(f"\0report {report.path} {len(report.data)}\0"))
        context.update(report.data)
    hashes, stamps = {}, {}
    known, digests = (last.stamps, last.records) if last is not None else (None, None)
    for record in records:
        name = record_name(record, registry)
        stamp = signature(record)  # before reading: a write after it moves it
        if stamp is not None and known and digests and name in digests and known.get(name) == stamp:
            hashes[name] = digests[name]
        else:
            hashes[name] = hashlib.sha256(read_record(record)).hexdigest()
        if stamp is not None:
            stamps[name] = stamp
    context.update(_name_bytes("\0".join(sorted(hashes))))  # ids: every page may link to any
    return Snapshot(context.hexdigest(), hashes, stamps)


def _name_bytes(text: str) -> bytes:
    """Text holding file names as bytes: a name that is not UTF-8 as the bytes it was read
    from (os.fsdecode keeps them as lone surrogates), rather than an error."""
    return text.encode("utf-8", "surrogateescape")


def record_name(record: Path, registry: Path) -> str:
    """How the manifest names a record file: its path below `registry`."""
    text, below = str(record), str(registry) + os.sep
    if text.startswith(below):  # as relpath gives it, ten times faster (10,000 files a run)
        return text[len(below) :].replace(os.sep, "/")
    return Path(os.path.relpath(record, registry)).as_posix()


def record_stem(name: str) -> str:
    """The stem of the record file `name` (its record's id), as Path(name).stem, faster."""
    return os.path.splitext(name.rpartition("/")[2])[0]  # noqa: PTH122


@functools.cache
def code_fingerprint() -> str:
    """A hash of intreg's own code and templates (and the libraries that decide findings)."""
    return tool_fingerprint(*PACKAGES)


@dataclass(frozen=True)
class Manifest:
    """The manifest of the last successful run into `out` (empty when there is none)."""

    out: Path
    context: str | None = None
    records: dict[str, str] | None = None
    outputs: dict[str, Any] | None = None
    # The outputs over all records, and the hash of every summary they were written from.
    aggregates: tuple[str, list[str]] | None = None
    stamps: dict[str, Any] | None = None  # Snapshot.stamps
    folders: Folders | None = None  # the output folders as listed (intreg.outputs.listing)

    def unchanged(self, now: Snapshot, owned: Iterable[PurePosixPath]) -> int | None:
        """How many files the last run wrote, if no input or output changed since; else None."""
        if self.outputs is None or (self.context, self.records) != (now.context, now.records):
            return None
        if not self._intact(self.outputs):
            return None
        if set(list_owned(self.out, owned, self.folders)[0]) != self.outputs.keys():
            return None
        return len(self.outputs)

    def kept(self, now: Snapshot, files_of: Callable[[str], Iterable[str]]) -> set[str]:
        """The records (file names) whose own output files, listed by `files_of(stem)`, can
        stay as they are: same context, same bytes, every file with its signature."""
        if self.context != now.context or self.records is None or self.outputs is None:
            return set()
        return {
            name
            for name, digest in now.records.items()
            if self.records.get(name) == digest and self._intact(files_of(record_stem(name)))
        }

    def current_aggregates(self, now: Snapshot, summaries: str) -> list[str] | None:
        """The outputs over all records, when they were written from the same context and
        summaries (`summaries`: their hash) and each still has its signature; else None."""
        if self.context != now.context or self.aggregates is None or self.outputs is None:
            return None
        digest, paths = self.aggregates
        return paths if digest == summaries and self._intact(paths) else None

    def signatures(self, paths: Iterable[str]) -> dict[str, Any]:
        """The recorded signature of each of `paths` (outputs this run left as they were)."""
        known = self.outputs or {}
        return {p: known[p] for p in paths if p in known}

    def _intact(self, paths: Iterable[str]) -> bool:
        assert self.outputs is not None
        out, recorded = str(self.out) + os.sep, self.outputs
        return all(path in recorded and _signature(out + path) == recorded[path] for path in paths)


def read_manifest(out: Path) -> Manifest:
    """The manifest in `out`; an empty one when it is missing, damaged or of another format."""
    try:
        data = cache_json.loads((out / FILE).read_bytes())
    except (OSError, ValueError, RecursionError):  # damaged: regenerate everything
        return Manifest(out)
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        return Manifest(out)
    parts = data.get("context"), data.get("records"), data.get("outputs")
    if not (isinstance(parts[0], str) and isinstance(parts[1], dict)):
        return Manifest(out)
    outputs = parts[2] if isinstance(parts[2], dict) else None
    stamps, folders = data.get("stamps"), data.get("folders")
    return Manifest(
        out,
        parts[0],
        parts[1],
        outputs,
        _aggregates(data.get("aggregates")),
        stamps if isinstance(stamps, dict) else None,
        folders if isinstance(folders, dict) else None,
    )


def _aggregates(data: Any) -> tuple[str, list[str]] | None:
    if not (isinstance(data, list) and len(data) == 2 and isinstance(data[0], str)):
        return None
    paths = data[1]
    return (
        (data[0], paths)
        if isinstance(paths, list) and all(isinstance(p, str) for p in paths)
        else None
    )


def write_manifest(
    out: Path,
    now: Snapshot,
    outputs: Iterable[str],
    aggregates: tuple[str, list[str]] | None = None,
    known: dict[str, Any] | None = None,
    folders: Folders | None = None,
) -> None:
    """Record this run's inputs and the signature of every output, as they are now: `known`
    gives those of the outputs the run left as they were. `aggregates` are the outputs over all
    records with the hash of the summaries they were written from; `folders`, the output
    folders as the run listed them."""
    known = known or {}
    folder = str(out) + os.sep
    signatures = {}
    for path in sorted(outputs):
        signatures[path] = known[path] if path in known else _signature(folder + path)
    data: dict[str, Any] = {"format": FORMAT, "context": now.context, "records": now.records}
    data["stamps"] = now.stamps
    data["outputs"] = signatures
    if aggregates is not None:
        data["aggregates"] = [aggregates[0], aggregates[1]]
    if folders is not None:
        data["folders"] = folders
    replace_atomically(out / FILE, cache_json.dumps(data))


def forget(out: Path) -> None:
    """Remove the manifest, so that the next run regenerates everything."""
    (out / FILE).unlink(missing_ok=True)


def _pages(docs: Path) -> list[Path]:
    return find_project_files(docs, docs.parent)  # docs/ lies in the project's folder


def _signature(path: str) -> list[int] | None:
    # Strings, not pathlib: a run looks at 60,000 outputs, and pathlib's parsing of each path
    # was a third of a run after one record changed at 10,000 records.
    try:
        st = os.stat(path)  # noqa: PTH116
    except OSError:
        return None
    return [st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino]
