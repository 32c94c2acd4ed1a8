"""`intreg init DIR`: a new registry project, from the templates shipped with intreg."""

from __future__ import annotations

import json
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path, PurePosixPath

from intreg.outputs.writer import write_atomic
from intreg.records.errors import IntregError
from intreg.records.export import render_schema, render_system_schema

TEMPLATE = "templates/project"
SITE_NAME = "__SITE_NAME__"
# Package data avoids hidden names; they get their dot back here.
RENAMES = {
    "gitignore": ".gitignore",
    "pre-commit-config.yaml": ".pre-commit-config.yaml",
    "github": ".github",
}


def project_files(site_name: str) -> dict[PurePosixPath, bytes]:
    """Every file of a new project: the templates plus the JSON Schema for editors."""
    root = resources.files("intreg.scaffold").joinpath(TEMPLATE)
    files = dict(_walk(root, PurePosixPath()))
    mkdocs = PurePosixPath("mkdocs.yml")
    # A JSON string is a valid YAML scalar, whatever the name holds.
    files[mkdocs] = files[mkdocs].replace(SITE_NAME.encode(), json.dumps(site_name).encode())
    files[PurePosixPath("schemas/integration.schema.json")] = render_schema()
    files[PurePosixPath("schemas/system.schema.json")] = render_system_schema()
    return files


def _walk(folder: Traversable, prefix: PurePosixPath) -> list[tuple[PurePosixPath, bytes]]:
    found: list[tuple[PurePosixPath, bytes]] = []
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        target = prefix / RENAMES.get(entry.name, entry.name)
        if entry.is_dir():
            found += _walk(entry, target)
        elif entry.name != "__pycache__":
            found.append((target, entry.read_bytes()))
    return found


def init_project(target: Path, site_name: str | None, force: bool) -> list[PurePosixPath]:
    """Write a new project into `target`; refuses to overwrite any file unless `force`."""
    files = project_files(site_name or f"{target.resolve().name} integrations")
    existing = sorted(str(p) for p in files if (target / p).exists())
    if existing and not force:
        raise IntregError(
            f"{target}: would overwrite {', '.join(existing)}; pass --force to replace them"
        )
    for relative, data in files.items():
        write_atomic(target / relative, data)
    return sorted(files)


def builtin_pages() -> dict[PurePosixPath, bytes]:
    """Pages every site gets unless the project's docs/ has its own (the writers' guide)."""
    guide = resources.files("intreg.scaffold").joinpath(TEMPLATE, "docs", "writers-guide.md")
    return {PurePosixPath("writers-guide.md"): guide.read_bytes()}
