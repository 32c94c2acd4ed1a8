"""The result cache: each file's findings and facts, kept until its bytes or intreg change.

An entry is keyed by the file's real path and the hash of its bytes, and the whole cache by
a fingerprint of intreg's own code (the model, the loader, the rules), the library versions
that decide findings, and the Python version. A changed file, a changed schema or a new release
therefore misses; a deleted file has no entry to hit. Cross-record rules are never cached:
they run again over the facts on every run.

Reading and hashing 10,000 files is a third of a warm run, so, like git's index, an entry also
keeps the file's stat signature (size, modification and change times, inode): when the file
still has it, its bytes are not read again. Writing a file always moves its change time, which
no tool can set back; a signature is recorded only for a file unchanged for SETTLE_SECONDS
before it was read, so a write in the same clock tick as the read cannot go unseen.

The cache is a convenience: an unreadable or damaged cache counts as empty, and a cache that
cannot be written is skipped. Findings are stored without their path, which depends on the
folder intreg runs from, and get the current one back when read.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import os
import sys
import time
from collections.abc import Iterator, Mapping
from importlib import metadata
from pathlib import Path
from typing import Any

from intreg.records import cache_json
from intreg.records.facts import FileReport, RecordFacts
from intreg.records.files import read_record, real_path, replace_atomically
from intreg.records.findings import Finding, Severity
from intreg.records.system_facts import KIND as SYSTEM_KIND
from intreg.records.system_facts import SystemFacts

FOLDER = ".intreg-cache"
FILE = "records.json"
FORMAT = 3  # the layout of FILE; bump it when the layout changes
LIBRARIES = (
    "pydantic",
    "pydantic-core",
    "PyYAML",
    "jsonschema",
    "jsonschema-rs",
    "referencing",
    "detect-secrets",
)
ENV_FOLDER = "INTREG_CACHE_DIR"
PACKAGE = Path(__file__).parent  # intreg.records: the model, loader and rules
SETTLE_SECONDS = 2.0
Signature = list[int]
Stamp = tuple[str, Signature | None]
"""What a file was when read: the hash of its bytes, and its stat signature if trusted."""


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cycle collector while many small objects that form no cycles are made: it
    would walk them all again and again (reading 10,000 entries, and their facts) and free
    nothing. Never around work that forks: the workers would inherit it."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@contextlib.contextmanager
def no_garbage_collection() -> Iterator[None]:
    """Pause the cycle collector while building many long-lived objects that form no cycles.

    Reading 10,000 entries makes some hundred thousand lists and tuples; the collector would
    scan them all again and again (a third of a warm run) and find nothing to free. On the
    way out they move to the collector's permanent generation (gc.freeze), so later
    collections skip them too: only in a process that ends after its run, since garbage not
    yet collected would be frozen with them (a long-lived process pauses it, no more).
    """
    with collector_paused():
        try:
            yield
        finally:
            gc.freeze()


def content_hash(data: bytes) -> str:
    """The key of a file's bytes."""
    return hashlib.sha256(data).hexdigest()  # SHA-256 has CPU instructions: the fastest here


def signature(file: Path | str) -> Signature | None:
    """The stat signature of `file` taken before reading it, or None when it cannot be
    trusted: the file changed within SETTLE_SECONDS, or change times mean creation (Windows)."""
    try:
        st = os.stat(file)  # noqa: PTH116 (a string is faster: 10,000 directories a run)
    except OSError:
        return None
    if os.name == "nt" or time.time() - max(st.st_mtime, st.st_ctime) < SETTLE_SECONDS:
        return None
    return [st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino]


def tool_fingerprint(*packages: Path) -> str:
    """Changes whenever the code or library versions that produce the results change: every
    file of `packages` (default: intreg.records, the model, loader and rules)."""
    digest = hashlib.sha256()
    digest.update(f"{FORMAT} {sys.version}".encode())
    for name in LIBRARIES:
        with contextlib.suppress(metadata.PackageNotFoundError):
            digest.update(f" {name}={metadata.version(name)}".encode())
    for package in packages or (PACKAGE,):
        for folder, subfolders, names in os.walk(package):  # in order: subfolders sorted below
            subfolders[:] = sorted(d for d in subfolders if d != "__pycache__")
            for name in sorted(names):
                source = Path(folder, name)
                digest.update(f"\0{source.relative_to(package).as_posix()}\0".encode())
                digest.update(source.read_bytes())
    return digest.hexdigest()


class ResultCache:
    """Entries read from `folder` at start; `save` writes those of the files used this run."""

    def __init__(self, folder: Path, fingerprint: str | None = None) -> None:
        self.folder = folder
        self.fingerprint = fingerprint or tool_fingerprint()
        self._old = self._read()
        self._new: dict[str, list[Any]] = {}
        self._changed = False

    def get(self, file: Path, path: str) -> FileReport | None:
        """The report of `file` (shown as `path`) if cached for the bytes it holds now."""
        name = real_path(file)
        entry = self._old.get(name)
        if entry is None:
            return None
        try:
            key, facts, rows, known = entry
        except (TypeError, ValueError):
            return None
        now = signature(file)
        if now is None or now != known:
            if content_hash(read_record(file)) != key:
                return None
            if now != known:  # same bytes, new stat (a touch, a checkout): remember it
                entry = [key, facts, rows, now]
                self._changed = True
        try:
            report = report_from_json([facts, rows], path)
        except (KeyError, TypeError, ValueError, IndexError, RecursionError):
            return None
        self._new[name] = entry
        return report

    def put(self, file: Path, stamp: Stamp, report: FileReport) -> None:
        """Remember `report` for `file` as it was when stamped."""
        key, known = stamp
        self._new[real_path(file)] = [key, *report_to_json(report), known]
        self._changed = True

    def save(self) -> None:
        """Write the entries used this run (atomically), if anything differs from the file."""
        if not self._changed and self._new.keys() == self._old.keys():
            return
        data = {"format": FORMAT, "fingerprint": self.fingerprint, "entries": self._new}
        with contextlib.suppress(OSError):  # a read-only checkout just runs uncached
            self.folder.mkdir(parents=True, exist_ok=True)
            ignore = self.folder / ".gitignore"
            if not ignore.exists():
                replace_atomically(
                    ignore, b"# Made by intreg: the cache is local, never committed.\n*\n"
                )
            replace_atomically(self.folder / FILE, cache_json.dumps(data))

    def _read(self) -> dict[str, list[Any]]:
        try:
            with no_garbage_collection():
                data = cache_json.loads((self.folder / FILE).read_bytes())
        except (OSError, ValueError, RecursionError):  # damaged: start afresh, rebuild it
            return {}
        return cache_json.current_part(data, FORMAT, self.fingerprint, "entries")


def cache_folder(root: Path, environ: Mapping[str, str]) -> Path:
    """Where a project's cache lives: $INTREG_CACHE_DIR, else .intreg-cache/ in the project."""
    override = environ.get(ENV_FOLDER)
    return Path(override) if override else root / FOLDER


def read_stamped(file: Path) -> tuple[bytes, Stamp]:
    """The bytes of `file` and their stamp, the signature taken before reading."""
    known = signature(file)
    data = read_record(file)
    return data, (content_hash(data), known)


def report_to_json(report: FileReport) -> list[Any]:
    """A file's report as JSON-ready [facts, findings], without its path."""
    facts = None if report.facts is None else report.facts.to_json()
    if report.system is not None:
        facts = report.system.to_json()
    rows = [
        [f.line, f.col, f.field, f.code, f.message, f.hint, int(f.severity)]
        for f in report.findings
    ]
    return [facts, rows]


def report_from_json(data: list[Any], path: str) -> FileReport:
    """The report report_to_json gave `data` for, of the file now shown as `path`; KeyError,
    TypeError, ValueError or IndexError when `data` is not one."""
    facts, rows = data
    findings = tuple(
        Finding(path, line, col, field, code, message, hint, Severity(severity))
        for line, col, field, code, message, hint, severity in rows
    )
    if facts is not None and facts.get("kind") == SYSTEM_KIND:
        return FileReport(path, None, findings, SystemFacts.from_json(facts, path))
    return FileReport(path, None if facts is None else RecordFacts.from_json(facts, path), findings)
