"""Derived outputs from the records, and the `intreg` command line.

Each generator is a pure function from its inputs to files ({relative path: bytes}) in its
own folder of the output tree. The site comes last: it offers the other outputs as downloads.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from generator import envfile, openapi, site
from schemas.model import Integration


@dataclass(frozen=True)
class Inputs:
    """Everything generation reads: the records, the day, and the hand-written docs pages."""

    records: Sequence[Integration]
    today: dt.date
    pages: Mapping[PurePosixPath, bytes] = field(default_factory=dict)


def generate_all(inputs: Inputs) -> dict[PurePosixPath, bytes]:
    """Every derived file, the same bytes whatever order the records come in."""
    records = sorted(inputs.records, key=lambda r: r.id)
    files = {**openapi.generate(records), **envfile.generate(records)}
    files.update(site.generate(records, inputs.today, inputs.pages, downloads=files))
    return files


def owned_folders() -> list[PurePosixPath]:
    """The output folders the writer may delete stale files from."""
    return [openapi.FOLDER, envfile.FOLDER, site.FOLDER]
