"""The generation manifest: what the last `intreg generate` read and wrote, so that a run that
would change nothing can say so without loading a record.

The manifest (in the output folder) holds a digest of every input (the record files, the
hand-written docs/ pages, the day, and intreg's own code and templates) and the stat signature
of every file it wrote. A later run is skipped only when the inputs hash the same, every file
still has its signature (size, modification and change times, inode: any write moves the
change time) and the owned folders hold no other file. `generate --check` never trusts it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from collections.abc import Iterable, Sequence
from pathlib import Path, PurePosixPath
from typing import Any

import generator
import schemas
from schemas.cache import tool_fingerprint
from schemas.files import read_record, replace_atomically

FILE = ".intreg-manifest.json"
FORMAT = 1
PACKAGES = (Path(schemas.__file__).parent, Path(generator.__file__).parent)


def inputs_digest(records: Sequence[Path], registry: Path, docs: Path, today: dt.date) -> str:
    """One hash of everything generation reads."""
    digest = hashlib.sha256(f"{FORMAT} {today.isoformat()} ".encode())
    digest.update(tool_fingerprint(*PACKAGES).encode())
    for label, folder, files in (("record", registry, records), ("page", docs, _pages(docs))):
        for file in files:
            name = os.path.relpath(file, folder)
            data = read_record(file)
            digest.update(f"\0{label} {name} {len(data)}\0".encode())
            digest.update(data)
    return digest.hexdigest()


def is_current(out: Path, inputs: str, owned: Iterable[PurePosixPath]) -> int | None:
    """How many files the last run wrote, if nothing changed since; else None."""
    manifest = _read(out / FILE)
    if manifest is None or manifest.get("inputs") != inputs:
        return None
    outputs = manifest.get("outputs")
    if not isinstance(outputs, dict):
        return None
    for relative, known in outputs.items():
        if _signature(out / relative) != known:
            return None
    if set(_existing(out, owned)) != outputs.keys():
        return None
    return len(outputs)


def write_manifest(out: Path, inputs: str, outputs: Iterable[PurePosixPath]) -> None:
    """Record this run's inputs and the signature of every output, as they are now."""
    signatures = {str(p): _signature(out / p) for p in sorted(outputs)}
    data = {"format": FORMAT, "inputs": inputs, "outputs": signatures}
    replace_atomically(out / FILE, json.dumps(data, separators=(",", ":")).encode())


def forget(out: Path) -> None:
    """Remove the manifest, so that the next run regenerates everything."""
    (out / FILE).unlink(missing_ok=True)


def _pages(docs: Path) -> list[Path]:
    if not docs.is_dir():
        return []
    found = [Path(folder, n) for folder, _, names in os.walk(docs) for n in names]
    return sorted(found, key=lambda p: p.parts)


def _signature(path: Path) -> list[int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return [st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino]


def _existing(out: Path, owned: Iterable[PurePosixPath]) -> list[str]:
    found = []
    for folder in owned:
        for parent, _, names in os.walk(out / folder):
            relative = Path(parent).relative_to(out).as_posix()
            found += [f"{relative}/{n}" for n in names if not n.endswith(".tmp")]
    return found


def _read(path: Path) -> dict[str, Any] | None:
    try:
        data = json.loads(path.read_bytes())
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        return None
    return data
