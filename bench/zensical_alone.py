"""Edit to preview with `zensical serve` alone, without intreg: one generated page's Markdown
rewritten, the seconds until its served HTML holds the new text (issue 22).

    python bench/zensical_alone.py PROJECT [--saves 5] [--page integrations/synthetic-00000]

PROJECT is a project `intreg generate` has filled (for example `build/bench/registry-1000`, made
by `bench/run.py --parts preview`); the Zensical next to this Python is measured. Each save is
made once Zensical has printed the end of the previous pass. Also counts the files under site/
that each pass rewrote, to tell a rebuild of the changed page from a rebuild of the site.
"""

from __future__ import annotations

import argparse
import re
import statistics
import subprocess
import sys
import threading
import time
from collections import deque
from collections.abc import Iterator
from pathlib import Path

from preview import fetch  # bench/ is this script's folder, first on sys.path

BIN = Path(sys.executable).parent
POLL_SECONDS = 0.02
SERVING = re.compile(r"^Serving .* on (http://\S+?)/?$")
# Printed at the end of each pass, by the link validation that mkdocs.yml's `validation:` turns on.
PASS_DONE = "No issues found"


def modification_times(site: Path) -> dict[Path, int]:
    return {path: path.stat().st_mtime_ns for path in site.rglob("*") if path.is_file()}


class Server:
    """`zensical serve` on a free port; counts the passes it reports finished."""

    def __init__(self, project: Path, log: Path) -> None:
        command: list[Path | str] = [BIN / "zensical", "serve", "--config-file", "mkdocs.yml"]
        command += ["--dev-addr", "127.0.0.1:0"]
        self.process = subprocess.Popen(
            command, cwd=project, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
        )
        self.passes = threading.Semaphore(0)
        self._log = log.open("w", encoding="utf-8")
        lines = self._read()
        self.address = next(lines, "")
        if not self.address:
            raise RuntimeError(f"zensical serve exited with {self.process.wait()} before serving")
        # The rest of the output is read (and the passes counted) by a thread until it ends.
        self._reader = threading.Thread(target=deque, args=(lines, 0), daemon=True)
        self._reader.start()

    def _read(self) -> Iterator[str]:
        """Yields the address Zensical serves on; copies every line to the log."""
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self._log.write(f"{time.perf_counter():.3f} {line}")
            self._log.flush()
            if PASS_DONE in line:
                self.passes.release()
            found = SERVING.match(line.rstrip("\n"))
            if found:
                yield found.group(1) + "/"

    def wait_for_pass(self, limit: float) -> None:
        if not self.passes.acquire(timeout=limit):
            raise RuntimeError(f"zensical did not finish a pass within {limit:.0f} s")

    def wait_for_text(self, url: str, text: str, limit: float) -> float:
        """Seconds until `text` is in the page at `url`, polled."""
        start = time.perf_counter()
        while text not in fetch(url):
            if self.process.poll() is not None:
                raise RuntimeError(f"zensical serve exited with {self.process.returncode}")
            if time.perf_counter() - start > limit:
                raise RuntimeError(f"{text!r} not shown at {url} within {limit:.0f} s")
            time.sleep(POLL_SECONDS)
        return time.perf_counter() - start

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=60)
        self._reader.join(timeout=60)
        self._log.close()


def measure(project: Path, page: str, saves: int) -> None:
    source = project / "build" / "docs" / page / "index.md"
    original = source.read_text("utf-8")
    title = next(line for line in original.splitlines() if line.startswith("# "))
    start = time.perf_counter()
    server = Server(project, project / "zensical-alone.log")
    try:
        server.wait_for_pass(limit=3600)
        url = f"{server.address}{page}/"
        server.wait_for_text(url, "</html>", limit=600)
        print(f"first build: {time.perf_counter() - start:.2f} s", flush=True)
        times = []
        for save in range(saves):
            marker = f"Saved {save} {time.time_ns()}"
            before = modification_times(project / "site")
            source.write_text(original.replace(title, f"{title} {marker}", 1), "utf-8")
            times.append(server.wait_for_text(url, marker, limit=600))
            server.wait_for_pass(limit=600)
            after = modification_times(project / "site")
            rewritten = sum(1 for path, mtime in after.items() if before.get(path) != mtime)
            print(
                f"save {save}: shown after {times[-1]:.2f} s; at the end of its pass, "
                f"{rewritten} of {len(after)} files under site/ rewritten",
                flush=True,
            )
        print(f"median {statistics.median(times):.2f} s, slowest {max(times):.2f} s")
    finally:
        server.stop()
        source.write_text(original, "utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("project", type=Path)
    parser.add_argument("--saves", type=int, default=5)
    parser.add_argument("--page", default="integrations/synthetic-00000")
    args = parser.parse_args()
    measure(args.project, args.page, args.saves)


if __name__ == "__main__":
    main()
