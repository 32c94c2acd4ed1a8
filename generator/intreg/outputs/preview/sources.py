"""What a MkDocs site is built from, as stat signatures, to tell which kind of change happened:
a page's source only, the navigation, the theme, or the settings (which decide how every page
is rendered)."""

from __future__ import annotations

import functools
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

Signature = tuple[int, int, int, int]


@dataclass(frozen=True)
class Sources:
    """The files below docs_dir (by their path there, MkDocs' src_uri) and the theme's
    custom_dir, and the configuration (mkdocs.yml and the files it INHERITs) split into its
    navigation and everything else."""

    docs: dict[str, Signature]
    theme: dict[str, Signature]
    settings: str
    nav: str

    def changed_pages(self, old: Sources | None) -> set[str]:
        """The files below docs_dir that are new or changed since `old`."""
        before = {} if old is None else old.docs
        return {uri for uri, known in self.docs.items() if before.get(uri) != known}

    def structure_changed(self, old: Sources | None) -> bool:
        """Whether the build must be set up again: files came or went, or the configuration,
        navigation or theme changed."""
        return (
            old is None
            or self.docs.keys() != old.docs.keys()
            or (self.theme, self.settings, self.nav) != (old.theme, old.settings, old.nav)
        )

    def rendering_changed(self, old: Sources | None) -> bool:
        """Whether every page's Markdown must be rendered again: the settings changed, or files
        came or went (a link may now resolve, or no longer)."""
        return old is None or self.settings != old.settings or self.docs.keys() != old.docs.keys()


class _AnyTagLoader(yaml.CSafeLoader):
    """Reads MkDocs' tags (!ENV, !relative) as plain [tag, value] pairs: enough to compare."""


def _tagged(loader: yaml.CSafeLoader, tag: str, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        return [tag, loader.construct_scalar(node)]
    if isinstance(node, yaml.SequenceNode):
        return [tag, loader.construct_sequence(node, deep=True)]
    return [tag, loader.construct_mapping(node, deep=True)]  # type: ignore[arg-type]


_AnyTagLoader.add_multi_constructor("!", _tagged)


def scan_sources(config_file: Path) -> Sources:
    """The signatures of everything the site at `config_file` is built from, now."""
    chain = _config_chain(config_file)
    merged: dict[str, Any] = {}
    for _, data in chain:
        merged.update(data)
    base = config_file.parent
    docs = base / str(merged.get("docs_dir", "docs"))
    theme = merged.get("theme")
    custom = theme.get("custom_dir") if isinstance(theme, dict) else None
    settings = [(str(path), {k: v for k, v in data.items() if k != "nav"}) for path, data in chain]
    return Sources(
        docs=_signatures(docs),
        theme=_signatures(base / str(custom)) if custom else {},
        settings=json.dumps(settings, sort_keys=True, default=str),
        nav=json.dumps([data.get("nav") for _, data in chain], default=str),
    )


def _config_chain(config_file: Path) -> list[tuple[Path, dict[str, Any]]]:
    """mkdocs.yml and each file it inherits from (INHERIT), the base last; unreadable or
    malformed files count as empty (MkDocs reports them when it loads the configuration)."""
    chain: list[tuple[Path, dict[str, Any]]] = []
    path: Path | None = config_file
    while path is not None and len(chain) < 10:
        try:
            data = _parse(path.read_bytes())
        except OSError:
            data = {}
        chain.append((path, data))
        parent = data.get("INHERIT")
        path = path.parent / parent if isinstance(parent, str) else None
    chain.reverse()
    return chain


@functools.lru_cache(maxsize=16)
def _parse(data: bytes) -> dict[str, Any]:
    """A configuration file's mapping (the navigation alone may be 10,000 lines: parsed once)."""
    try:
        parsed = yaml.load(data, Loader=_AnyTagLoader)
    except yaml.YAMLError:
        return {}
    return parsed if isinstance(parsed, dict) else {}


def _signatures(folder: Path) -> dict[str, Signature]:
    found: dict[str, Signature] = {}
    _scan(str(folder), "", found)
    return dict(sorted(found.items()))


def _scan(folder: str, prefix: str, found: dict[str, Signature]) -> None:
    try:
        entries = list(os.scandir(folder))
    except OSError:  # no such folder (yet), or removed while we looked
        return
    for entry in entries:
        if entry.name.startswith("."):  # MkDocs leaves dotfiles out; the writer's temp files
            continue
        try:
            if entry.is_dir():
                _scan(entry.path, f"{prefix}{entry.name}/", found)
                continue
            st = entry.stat()
        except OSError:  # removed while we looked: it is gone
            continue
        found[prefix + entry.name] = (st.st_mtime_ns, st.st_size, st.st_ino, st.st_ctime_ns)
