"""Derived outputs from the records, and the `intreg` command line.

Each generator is a pure function from records to files ({relative path: bytes}) that writes
into its own folder of the output tree; GENERATORS maps a name to it.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import PurePosixPath
from typing import Protocol

from generator import envfile, openapi
from schemas.model import Integration


class Generator(Protocol):
    def __call__(self, records: Sequence[Integration]) -> dict[PurePosixPath, bytes]: ...


GENERATORS: dict[str, tuple[PurePosixPath, Generator]] = {
    "openapi": (openapi.FOLDER, openapi.generate),
    "env": (envfile.FOLDER, envfile.generate),
}


def generate_all(records: Sequence[Integration]) -> dict[PurePosixPath, bytes]:
    """Every derived file, from records in any order (generators sort what they emit)."""
    ordered = sorted(records, key=lambda r: r.id)
    files: dict[PurePosixPath, bytes] = {}
    for _folder, generate in GENERATORS.values():
        files.update(generate(ordered))
    return files


def owned_folders() -> list[PurePosixPath]:
    """The output folders the writer may delete stale files from."""
    return [folder for folder, _generate in GENERATORS.values()]
