"""A MkDocs site kept in memory between builds, so that a saved page is rebuilt alone (issue 22).

`mkdocs build` (and `mkdocs serve`) read and render every page on every change, and Material
puts the whole navigation into each page: 2,000 pages take minutes. This runs the same steps
with MkDocs' own functions, but keeps the configuration, files, navigation and each page's
rendered Markdown between builds:

- `update()` reads and renders the changed pages again and writes them at once;
- when what the other pages show changed too (the navigation: a title, a page added; the
  configuration or the theme), they are queued, and `step()` rebuilds them one at a time,
  after the changed ones, then the theme's templates (404 page, sitemap);
- each page's search entries are kept, and the index is written once the queue is empty, in
  the order a full build writes them.

`mkdocs.commands.build` names its steps as private functions; the MkDocs version is pinned, and
tests/outputs/preview/test_mkdocs_site.py proves the result equals `mkdocs build` byte for byte.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.commands import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel, get_files, set_exclusions
from mkdocs.structure.nav import Navigation, Section, get_navigation
from mkdocs.structure.pages import Page

from intreg.outputs.preview.sources import Sources, scan_sources

log = logging.getLogger("mkdocs")
# Plugins whose state across pages this builder keeps itself (the search index); any other
# plugin may keep state we cannot see, so the preview leaves such sites to the builder.
SUPPORTED_PLUGINS = frozenset({"search", "material/search"})
# What reading and rendering a page's Markdown sets on it (mkdocs.structure.pages.Page).
_RENDERED = ("markdown", "meta", "content", "toc", "_title_from_render", "present_anchor_ids")


class UnsupportedSite(Exception):
    """The site uses something this builder cannot rebuild in part (a plugin with state)."""


@dataclass
class _Build:
    """One loaded configuration and what MkDocs derives from it."""

    config: MkDocsConfig
    files: Files
    nav: Navigation
    env: jinja2.Environment
    documents: list[File]  # the pages, in the order a full build writes them


class IncrementalSite:
    """The site of `config_file`, built into `site_dir` and kept current by update/step."""

    def __init__(self, config_file: Path, site_dir: Path, serve_url: str | None = None) -> None:
        self.config_file = config_file
        self.site_dir = site_dir
        self.serve_url = serve_url
        self._inclusion = InclusionLevel.is_in_serve if serve_url else InclusionLevel.is_included
        self._sources: Sources | None = None
        self._build: _Build | None = None
        self._content: dict[str, str] = {}  # src_uri -> HTML of its Markdown, before plugins
        self._entries: dict[str, list[Any]] = {}  # src_uri -> its search entries
        self._signature: list[Any] = []
        self._queue: list[str] = []  # src_uris to write again, in order
        self._stale: set[str] = set()  # of those, the ones to read and render again first
        self._finish = False  # theme templates and search index still to write

    @property
    def pending(self) -> int:
        """Pages still queued for `step()`."""
        return len(self._queue) + self._finish

    def update(self) -> list[str]:
        """Rebuild at once the pages whose sources changed since the last call (all of them,
        the first time), queue what else must follow; returns the changed pages' URLs."""
        sources = scan_sources(self.config_file)
        old_sources, old = self._sources, self._build
        if old_sources is not None and sources == old_sources:
            return []
        changed = sources.changed_pages(old_sources)
        renew = old is None or sources.structure_changed(old_sources)
        build = self._load() if renew else old
        assert build is not None
        pages = {f.src_uri: f.page for f in build.documents if f.page is not None}
        if renew and old is not None:
            self._keep_rendered(old, build, changed, reread=sources.rendering_changed(old_sources))
        if old is None:
            changed = set(pages)
        self._sources, self._build = sources, build
        for uri in sorted(changed & pages.keys()):
            self._read(build, pages[uri])
        build.files.copy_static_files(dirty=True, inclusion=self._inclusion)
        if old is not None and old is not build:
            _remove_outputs_of(old, build)
        signature = _nav_signature(build.nav)
        order = [uri for uri in pages if uri in changed]
        if renew or signature != self._signature:
            order += [uri for uri in pages if uri not in changed]
        self._signature = signature
        now = [uri for uri in order if uri in changed]
        self._queue = [uri for uri in order if uri not in changed] + [
            uri for uri in self._queue if uri not in order and uri in pages
        ]
        self._finish = True
        for uri in now:
            self._write_page(build, pages[uri])
        return [pages[uri].url for uri in now]

    def step(self) -> bool:
        """Rebuild the next queued page (or, last, the templates and search index); True while
        more is queued."""
        build = self._build
        if build is None:
            return False
        if self._queue:
            uri = self._queue.pop(0)
            file = build.files.src_uris.get(uri)
            if file is not None and file.page is not None:
                if uri in self._stale:
                    self._read(build, file.page)
                self._write_page(build, file.page)
        elif self._finish:
            self._finish = False
            self._write_templates(build)
            self._write_search_index(build)
        return self.pending > 0

    def build_all(self) -> None:
        """Bring the whole site up to date now."""
        self.update()
        while self.step():
            pass

    def _load(self) -> _Build:
        config = load_config(str(self.config_file), site_dir=str(self.site_dir))
        if self.serve_url:
            config.site_url = self.serve_url
        unsupported = sorted(set(config.plugins) - SUPPORTED_PLUGINS)
        if unsupported:
            raise UnsupportedSite(f"plugins {', '.join(unsupported)}")
        config.plugins.on_startup(command="build", dirty=False)
        config = config.plugins.on_config(config)
        config.plugins.on_pre_build(config=config)
        files = get_files(config)
        env = config.theme.get_env()
        files.add_files_from_theme(env, config)
        files = config.plugins.on_files(files, config=config)
        set_exclusions(files, config)
        nav = config.plugins.on_nav(get_navigation(files, config), config=config, files=files)
        documents = list(files.documentation_pages(inclusion=self._inclusion))
        for file in documents:
            if file.page is None:  # not in the navigation
                Page(None, file, config)
        env = config.plugins.on_env(env, config=config, files=files)
        return _Build(config, files, nav, env, documents)

    def _keep_rendered(self, old: _Build, new: _Build, changed: set[str], reread: bool) -> None:
        """Give the new build's pages what the old build rendered of the same sources; all
        are read again later when the configuration changed (it decides the rendering)."""
        before = {f.src_uri: f.page for f in old.documents if f.page is not None}
        self._stale = set()
        for file in new.documents:
            page, previous = file.page, before.get(file.src_uri)
            if page is None or file.src_uri in changed:
                continue
            if previous is None or previous.markdown is None:
                changed.add(file.src_uri)
                continue
            for name in _RENDERED:
                setattr(page, name, getattr(previous, name))
            page.links_to_anchors = {
                new.files.src_uris.get(target.src_uri, target): anchors
                for target, anchors in (previous.links_to_anchors or {}).items()
            }
            if reread:
                self._stale.add(file.src_uri)
        for uri in set(self._content) - {f.src_uri for f in new.documents}:
            self._content.pop(uri)
            self._entries.pop(uri, None)

    def _read(self, build: _Build, page: Page) -> None:
        mkdocs_build._populate_page(page, build.config, build.files)
        assert page.content is not None
        self._content[page.file.src_uri] = page.content
        self._stale.discard(page.file.src_uri)

    def _write_page(self, build: _Build, page: Page) -> None:
        """Write the page's HTML, its Markdown rendered from the content kept for it (the
        search plugin strips attributes from page.content while indexing)."""
        page.content = self._content[page.file.src_uri]
        entries = _search_entries(build.config)
        first = len(entries) if entries is not None else 0
        excluded = page.file.inclusion.is_excluded()  # type: ignore[no-untyped-call]
        mkdocs_build._build_page(
            page, build.config, build.documents, build.nav, build.env, False, excluded
        )
        if entries is not None:
            self._entries[page.file.src_uri] = entries[first:]
            del entries[first:]

    def _write_templates(self, build: _Build) -> None:
        for name in build.config.theme.static_templates:
            mkdocs_build._build_theme_template(
                name, build.env, build.files, build.config, build.nav
            )
        for name in build.config.extra_templates:
            mkdocs_build._build_extra_template(name, build.files, build.config, build.nav)
        level = build.config.validation.links.anchors
        for file in build.documents:
            assert file.page is not None
            file.page.validate_anchor_links(files=build.files, log_level=level)

    def _write_search_index(self, build: _Build) -> None:
        entries = _search_entries(build.config)
        if entries is not None:
            entries[:] = [e for f in build.documents for e in self._entries[f.src_uri]]
        build.config.plugins.on_post_build(config=build.config)


def _search_entries(config: MkDocsConfig) -> list[Any] | None:
    """The list the search plugin collects its entries in (Material's, or MkDocs' own)."""
    for name in SUPPORTED_PLUGINS & set(config.plugins):
        index = getattr(config.plugins[name], "search_index", None)
        for attribute in ("entries", "_entries"):
            entries = getattr(index, attribute, None)
            if isinstance(entries, list):
                return entries
    return None


def _nav_signature(nav: Navigation) -> list[Any]:
    """What every page shows of the navigation: titles, URLs and page metadata (Material shows
    icons and status from it), in order; when it is equal, unchanged pages need no rebuild."""
    return list(_walk(nav.items))


def _walk(items: list[Any]) -> Iterator[Any]:
    for item in items:
        if isinstance(item, Section):
            yield ("section", item.title)
            yield from _walk(item.children)
            yield ("end",)
        elif isinstance(item, Page):
            meta = json.dumps(item.meta, sort_keys=True, default=str)
            yield ("page", item.title, item.url, meta)
        else:
            yield ("link", item.title, item.url)


def _remove_outputs_of(old: _Build, new: _Build) -> None:
    """Delete what the old build wrote for sources that are gone (pages and static files)."""
    kept = {f.abs_dest_path for f in new.files}
    for file in old.files:
        if file.abs_dest_path not in kept:
            Path(file.abs_dest_path).unlink(missing_ok=True)
