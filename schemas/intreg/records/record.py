"""LoadedRecord: a valid Integration together with where each of its fields sits in the file."""

from __future__ import annotations

from dataclasses import dataclass, field

from intreg.records.located import Located
from intreg.records.model import Integration


@dataclass(frozen=True)
class LoadedRecord(Located):
    """A record that passed the model, with its file path and its source bytes."""

    path: str
    record: Integration
    source: bytes = field(repr=False)
