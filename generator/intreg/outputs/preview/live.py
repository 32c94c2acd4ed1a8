"""The MkDocs preview server: MkDocs' own live-reload server, in this process, over a site that
IncrementalSite keeps current.

After a save of records, their own pages are generated and rebuilt, and the browsers reload;
then, in a background thread, the pages over all records are generated, and the pages whose
navigation changed are rebuilt one at a time. A save goes before any background work.
"""

from __future__ import annotations

import contextlib
import logging
import shutil
import tempfile
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Protocol, TypeVar

from mkdocs.exceptions import MkDocsException

from intreg.outputs.preview.mkdocs_site import IncrementalSite, UnsupportedSite
from intreg.outputs.preview.server import BoundServer
from intreg.outputs.preview.whole_site import WholeSite

Say = Callable[[str], None]
T = TypeVar("T")


class Generation(Protocol):
    """How the preview brings the generated pages up to date (intreg.outputs.serve)."""

    def saved_records(self) -> bool | None:
        """Write the saved records' own pages first: True when written, False when a record
        is invalid (reported, nothing written), None when more than records changed."""

    def everything(self) -> bool:
        """Generate everything; True when the pages are current (else the errors are told)."""


class Turns:
    """Who may use the site next: a rebuild after a save goes before the background steps."""

    def __init__(self) -> None:
        self._changed = threading.Condition()
        self._busy = False
        self._waiting_saves = 0

    @contextlib.contextmanager
    def save(self) -> Iterator[None]:
        """Hold the site for a rebuild after a save, as soon as the current step ends."""
        with self._changed:
            self._waiting_saves += 1
            self._changed.wait_for(lambda: not self._busy)
            self._waiting_saves -= 1
            self._busy = True
        try:
            yield
        finally:
            self._release()

    @contextlib.contextmanager
    def background(self) -> Iterator[None]:
        """Hold the site for one background step, when no save is waiting."""
        with self._changed:
            self._changed.wait_for(lambda: not self._busy and not self._waiting_saves)
            self._busy = True
        try:
            yield
        finally:
            self._release()

    def _release(self) -> None:
        with self._changed:
            self._busy = False
            self._changed.notify_all()


def split_address(dev_addr: str) -> tuple[str, int]:
    """Host and port of HOST:PORT (an IPv6 host in brackets)."""
    host, _, port = dev_addr.rpartition(":")
    return host.strip("[]"), int(port)


def serve_mkdocs(
    config_file: Path,
    dev_addr: str,
    watched: list[Path],
    generation: Generation,
    say: Say,
    ready: Say,
) -> int:
    """Serve the site of `config_file` on `dev_addr` until interrupted, generating again after
    any change below `watched`; `ready` gets the server's URL once its port is bound (port 0:
    a free one). Returns 0, or 1 when the site cannot be built at all (a broken mkdocs.yml).
    Raises OSError when the address cannot be bound."""
    host, port = split_address(dev_addr)
    site_dir = Path(tempfile.mkdtemp(prefix="intreg-preview-"))
    turns, wake, stop, follow = Turns(), threading.Event(), threading.Event(), threading.Event()
    site: IncrementalSite | WholeSite  # built once the port is bound

    def update() -> None:
        shown = _attempt(site.update, say) or []
        if shown:
            queued = f"; {site.pending - 1} more to follow" if site.pending > 1 else ""
            say(f"preview: rebuilt {', '.join(shown)}{queued}")

    def rebuild() -> None:
        with turns.save():
            first = generation.saved_records()
            if first is None:  # not only records were saved: everything, now
                if generation.everything():
                    update()
            elif first:
                update()
                follow.set()  # the pages over all records, next
        wake.set()

    def work() -> None:
        while not stop.is_set():
            if follow.is_set():
                follow.clear()
                with turns.background():
                    if generation.everything():
                        update()
                continue
            with turns.background():
                more = _attempt(site.step, say)
            if not more:
                wake.wait()
                wake.clear()

    try:
        server = BoundServer(rebuild, host, port, str(site_dir))
    except OSError:
        shutil.rmtree(site_dir, ignore_errors=True)
        raise
    built = None
    try:
        ready(server.url)
        _show_server_messages()
        built = _first_build(config_file, site_dir, server.url, say)
    finally:
        if built is None:  # MkDocs could not build it, or we were stopped meanwhile
            server.server_close()
            shutil.rmtree(site_dir, ignore_errors=True)
    if built is None:
        return 1
    site = built
    server.error_handler = lambda code: _error_page(site_dir, code)
    for path in watched:
        if path.exists():
            server.watch(str(path))
    worker = threading.Thread(target=work, name="intreg-preview", daemon=True)
    worker.start()
    try:
        server.serve()  # type: ignore[no-untyped-call]
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()
        wake.set()
        server.shutdown()
        worker.join(timeout=10)
        shutil.rmtree(site_dir, ignore_errors=True)
    return 0


def _first_build(
    config_file: Path, site_dir: Path, url: str, say: Say
) -> IncrementalSite | WholeSite | None:
    """The site built whole, kept in memory (or, with plugins that keep state, rebuilt whole on
    each change); None when MkDocs cannot build it (the error told)."""
    say(f"building the preview of {config_file.name}…")
    site: IncrementalSite | WholeSite = IncrementalSite(config_file, site_dir, url)
    try:
        try:
            site.build_all()
        except UnsupportedSite as reason:
            say(f"the preview rebuilds the whole site on each change ({reason})")
            site = WholeSite(config_file, site_dir, url)
            site.build_all()
    except MkDocsException as error:
        say(f"error: {error.format_message()}")
        return None
    return site


def _attempt(action: Callable[[], T], say: Say) -> T | None:
    """Run a build step; a page MkDocs cannot build is reported, and the preview goes on."""
    try:
        return action()
    except Exception as error:  # MkDocs raises many kinds; the server must survive them all
        say(f"preview: the site could not be built: {error}")
        return None


def _error_page(site_dir: Path, code: int) -> bytes | None:
    page = site_dir / f"{code}.html"
    return page.read_bytes() if code in (404, 500) and page.is_file() else None


def _show_server_messages() -> None:
    """Show where the server listens and MkDocs' warnings, as `mkdocs serve` does."""
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    handler.addFilter(
        lambda r: r.levelno >= logging.WARNING or r.name.startswith("mkdocs.livereload")
    )
    logger = logging.getLogger("mkdocs")
    logger.setLevel(logging.INFO)
    logger.addHandler(handler)
