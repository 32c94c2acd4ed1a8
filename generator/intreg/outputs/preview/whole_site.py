"""A MkDocs site rebuilt whole on every change, as `mkdocs serve` does: the preview's way for a
site whose plugins keep state across pages (IncrementalSite refuses those)."""

from __future__ import annotations

from pathlib import Path

from mkdocs.commands import build as mkdocs_build
from mkdocs.config import load_config

from intreg.outputs.preview.sources import Sources, scan_sources


class WholeSite:
    """The site of `config_file`, built whole into `site_dir` whenever a source changed."""

    pending = 0  # nothing is ever left for step()

    def __init__(self, config_file: Path, site_dir: Path, serve_url: str) -> None:
        self.config_file = config_file
        self.site_dir = site_dir
        self.serve_url = serve_url
        self._sources: Sources | None = None

    def update(self) -> list[str]:
        """Build the whole site if any source changed; returns what was rebuilt."""
        sources = scan_sources(self.config_file)
        if sources == self._sources:
            return []
        config = load_config(str(self.config_file), site_dir=str(self.site_dir))
        config.site_url = self.serve_url
        config.plugins.on_startup(command="serve", dirty=False)
        mkdocs_build.build(config, serve_url=self.serve_url)
        self._sources = sources  # only once built: a failed build is tried again
        return ["the whole site"]

    def step(self) -> bool:
        return False

    def build_all(self) -> None:
        self.update()
