"""The facts store: what `intreg generate` needs of a record it does not load again.

For each record file (by its name below registry/), the SHA-256 of its bytes, its validation
report (its findings, and the RecordFacts the rules across records read) and its RecordSummary
(what the outputs over all records read) as JSON text, read only when those outputs must be
written again (see summary_text). An entry is a function of the file's name and bytes
and of intreg's code alone, so it holds for as long as both are unchanged: the store is
invalidated as a whole by a fingerprint of intreg's code (as the manifest is), an entry by a
new hash of its file.

It lives beside the manifest (build/.intreg-facts.json). The file starts with the SHA-256 of
the rest, so a damaged store, like a missing one or one of another format, counts as empty:
those records are loaded again.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from intreg.outputs.summary import FORMAT as SUMMARY_FORMAT
from intreg.outputs.summary import RecordSummary
from intreg.records import cache_json
from intreg.records.cache import collector_paused, report_from_json, report_to_json
from intreg.records.facts import FileReport
from intreg.records.files import replace_atomically

FILE = ".intreg-facts.json"
FORMAT = f"1.{SUMMARY_FORMAT}"  # this file's layout, then the summary's


@dataclass(frozen=True)
class StoredRecord:
    """A record as the store keeps it: its report (for the file now shown as `path`) and its
    summary's text."""

    report: FileReport
    summary: str


def summary_text(summary: RecordSummary) -> str:
    """A summary as the store keeps it: compact JSON on one line (equal summaries, equal text)."""
    return json.dumps(summary.to_json(), ensure_ascii=False, separators=(",", ":"))


def read_summary(text: str) -> RecordSummary:
    """The summary summary_text gave `text` for."""
    return RecordSummary.from_json(json.loads(text))


class FactsStore:
    """The entries read from `out` at start (none unless `read`); `save` writes those of the
    records put or used this run."""

    def __init__(self, out: Path, fingerprint: str, read: bool = True) -> None:
        self.out = out
        self.fingerprint = fingerprint
        self._old = self._read() if read else {}
        self._new: dict[str, list[Any]] = {}

    def get(self, name: str, digest: str, path: str) -> StoredRecord | None:
        """The entry of the record file `name` if stored for the bytes hashed to `digest`."""
        entry = self._old.get(name)
        if not isinstance(entry, list) or len(entry) != 3 or entry[0] != digest:
            return None
        if not isinstance(entry[2], str):
            return None
        try:
            report = report_from_json(entry[1], path)
        except (KeyError, TypeError, ValueError, IndexError):  # not written by this intreg
            return None
        self._new[name] = entry
        return StoredRecord(report, entry[2])

    def put(self, name: str, digest: str, report: FileReport, summary: str) -> None:
        """Remember the entry of the record file `name`, whose bytes hash to `digest`, with
        its summary's text (summary_text)."""
        self._new[name] = [digest, report_to_json(report), summary]

    def carry(self, name: str, digest: str) -> str | None:
        """Keep the entry of `name` as it is when it is for these bytes, and give its summary's
        text; None when there is no such entry: then put one."""
        entry = self._new.get(name) or self._old.get(name)
        if not isinstance(entry, list) or len(entry) != 3 or entry[0] != digest:
            return None
        if not isinstance(entry[2], str):
            return None
        self._new[name] = entry
        return entry[2]

    def save(self) -> None:
        """Write the entries used or put this run, atomically, when they differ from the file."""
        if self._new == self._old:
            return
        body = cache_json.dumps(
            {"format": FORMAT, "fingerprint": self.fingerprint, "records": self._new},
            sort_keys=True,
        )
        replace_atomically(self.out / FILE, _checksum(body) + b"\n" + body)

    def _read(self) -> dict[str, Any]:
        try:
            data = (self.out / FILE).read_bytes()
        except OSError:
            return {}
        checksum, _, body = data.partition(b"\n")
        if checksum != _checksum(body):  # damaged, or written by hand: start afresh
            return {}
        try:
            with collector_paused():
                parsed = cache_json.loads(body)
        except (ValueError, RecursionError):
            return {}
        return cache_json.current_part(parsed, FORMAT, self.fingerprint, "records")


def _checksum(body: bytes) -> bytes:
    return hashlib.sha256(body).hexdigest().encode()
