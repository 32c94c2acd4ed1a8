"""`intreg serve`: live preview. Regenerates pages when records or docs/ change, keeping the
records loaded so that only changed files are read again.

With MkDocs, the site is built in this process and kept in memory, so that a saved record's
page is rebuilt alone and shown within a second or two (intreg.outputs.preview); a site with
plugins that build cannot follow is rebuilt whole in this process, as `mkdocs serve` would.
Zensical is served by its own dev server, which watches the generated folder. A record with
errors is reported in the terminal and the last good pages stay served.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import signal
import subprocess
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from intreg.outputs.builders import DEFAULT_BUILDER, serve_command
from intreg.outputs.evidence.runs import FOLDER as REPORTS
from intreg.outputs.generate import generate
from intreg.outputs.preview.first_pages import write_saved_records
from intreg.outputs.preview.live import serve_mkdocs
from intreg.records.project import Project
from intreg.records.store import RecordStore
from intreg.records.validate import Outcome

Snapshot = dict[Path, tuple[int, int]]
PREVIEW = "INTREG_PREVIEW"  # read by mkdocs.yml (extra.intreg_preview)


def snapshot(folders: list[Path]) -> Snapshot:
    """Modification time and size of every file under `folders`."""
    found: Snapshot = {}
    for folder in folders:
        if folder.is_dir():
            for path in folder.rglob("*"):
                if path.is_file():
                    stat = path.stat()
                    found[path] = (stat.st_mtime_ns, stat.st_size)
    return found


def regenerate(
    project: Project,
    out: Path,
    cwd: Path,
    today: dt.date,
    say: Callable[[str], None],
    store: RecordStore | None = None,
) -> bool:
    """Generate once; report findings or what changed; True when the pages are current."""
    return tell(generate(project, out, check=False, cwd=cwd, today=today, store=store), say)


def tell(outcome: Outcome, say: Callable[[str], None]) -> bool:
    """Report a generation's findings and summary; True when it succeeded."""
    if outcome.report:
        say(outcome.report.rstrip("\n"))
    say(("" if outcome.exit_code == 0 else "not updated: ") + outcome.summary)
    return outcome.exit_code == 0


def serve(
    project: Project,
    out: Path,
    cwd: Path,
    today: dt.date,
    dev_addr: str,
    say: Callable[[str], None],
    builder: str = DEFAULT_BUILDER,
    poll_seconds: float = 0.5,
    ready: Callable[[str], None] | None = None,
) -> int:
    """Run the dev server until interrupted; returns its exit code (0 after Ctrl-C). `ready`
    gets the server's URL once its port is bound (port 0 in `dev_addr`: a free one)."""
    ready = ready or say
    store = RecordStore(cwd)
    generation = _Generation(project, out, cwd, today, say, store)
    if not generation.everything() and not (out / "docs").is_dir():
        return 1
    if not store.files:  # nothing changed since the last run, so nothing was loaded: load now,
        store.load(project.record_files(), project.system_files())  # not at the first save
    watched = [project.registry, project.docs, project.root / REPORTS]  # a new run shows too
    # The dev server injects an inline live-reload script: mkdocs.yml drops the policy for it.
    os.environ[PREVIEW] = "1"
    # A scheduler or a test stops us with SIGTERM: shut the dev server down as for Ctrl-C.
    previous = signal.signal(signal.SIGTERM, _interrupt)
    try:
        if builder == "mkdocs":
            config = project.root / "mkdocs.yml"
            return serve_mkdocs(config, dev_addr, [*watched, config], generation, say, ready)
        return _serve_with_builder(
            project, builder, dev_addr, watched, generation.after_save, poll_seconds, say, ready
        )
    except KeyboardInterrupt:
        return 0
    except OSError as error:
        say(f"error: cannot listen on {dev_addr}: {error.strerror or error}")
        return 1
    finally:
        signal.signal(signal.SIGTERM, previous)


@dataclass(frozen=True)
class _Generation:
    """Generation for the preview, the records kept loaded in `store` between saves."""

    project: Project
    out: Path
    cwd: Path
    today: dt.date
    say: Callable[[str], None]
    store: RecordStore

    def saved_records(self) -> bool | None:
        outcome = write_saved_records(self.project, self.out, self.cwd, self.today, self.store)
        return None if outcome is None else tell(outcome, self.say)

    def everything(self) -> bool:
        return regenerate(self.project, self.out, self.cwd, self.today, self.say, self.store)

    def after_save(self) -> bool:
        """The saved records' own pages first, so that a builder watching the pages starts on
        them at once; then everything else (the pages over all records)."""
        first = self.saved_records()
        if first is False:  # an invalid record: reported, nothing written
            return False
        return self.everything()


def _serve_with_builder(
    project: Project,
    builder: str,
    dev_addr: str,
    watched: list[Path],
    current: Callable[[], bool],
    poll_seconds: float,
    say: Callable[[str], None],
    ready: Callable[[str], None],
) -> int:
    """The builder's own dev server, which rebuilds the site when the generated pages change;
    its output is passed on, and the address it says it serves on goes to `ready`."""
    seen = snapshot(watched)
    command = serve_command(builder, project.root / "mkdocs.yml", dev_addr)
    server = subprocess.Popen(
        command, cwd=project.root, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    assert server.stdout is not None
    relay = threading.Thread(
        target=relay_output, args=(server.stdout, say, ready), name="intreg-builder", daemon=True
    )
    relay.start()
    try:
        wait = poll_seconds
        while server.poll() is None:
            time.sleep(wait)
            looked = time.perf_counter()
            now = snapshot(watched)
            # A look costs 0.18 s at 10,000 records: look less often then, at most a fifth of
            # the time spent looking (wall-clock pacing only, never a result).
            wait = max(poll_seconds, 4 * (time.perf_counter() - looked))
            if now != seen:
                seen = now
                current()
        return server.returncode or 0
    finally:
        if server.poll() is None:
            server.terminate()
            server.wait(timeout=10)


SERVING = re.compile(r"^Serving .* on (http://\S+?)/?$")  # what `zensical serve` says


def relay_output(
    lines: Iterable[str], say: Callable[[str], None], ready: Callable[[str], None]
) -> None:
    """Pass the builder's output on; the address it serves on (the port it bound) to `ready`."""
    for line in lines:
        line = line.rstrip("\n")
        say(line)
        found = SERVING.match(line)
        if found:
            ready(found.group(1) + "/")


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt
