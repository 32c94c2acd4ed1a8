"""`intreg serve`: live preview. Regenerates pages when records or docs/ change; the builder's
dev server (MkDocs or Zensical, which watches the generated folder) reloads the browser.

A record with errors is reported in the terminal and the last good pages stay served.
"""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

from intreg.outputs.builders import DEFAULT_BUILDER, serve_command
from intreg.outputs.evidence.runs import FOLDER as REPORTS
from intreg.outputs.generate import generate
from intreg.records.project import Project

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
    project: Project, out: Path, cwd: Path, today: dt.date, say: Callable[[str], None]
) -> bool:
    """Generate once; report findings or what changed; True when the pages are current."""
    outcome = generate(project, out, check=False, cwd=cwd, today=today)
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
    poll_seconds: float = 1.0,
) -> int:
    """Run the dev server until interrupted; returns its exit code (0 after Ctrl-C)."""
    if not regenerate(project, out, cwd, today, say) and not (out / "docs").is_dir():
        return 1
    watched = [project.registry, project.docs, project.root / REPORTS]  # a new run shows too
    seen = snapshot(watched)
    command = serve_command(builder, project.root / "mkdocs.yml", dev_addr)
    # The dev server injects an inline live-reload script: mkdocs.yml drops the policy for it.
    server = subprocess.Popen(command, cwd=project.root, env={**os.environ, PREVIEW: "1"})
    # A scheduler or a test stops us with SIGTERM: shut the dev server down as for Ctrl-C.
    previous = signal.signal(signal.SIGTERM, _interrupt)
    try:
        while server.poll() is None:
            time.sleep(poll_seconds)
            current = snapshot(watched)
            if current != seen:
                seen = current
                regenerate(project, out, cwd, today, say)
        return server.returncode or 0
    except KeyboardInterrupt:
        return 0
    finally:
        signal.signal(signal.SIGTERM, previous)
        if server.poll() is None:
            server.terminate()
            server.wait(timeout=10)


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt
