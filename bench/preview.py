"""Edit-to-preview latency: a real `intreg serve`, a real save of one record, and a real HTTP poll
of the served page until the change shows (issue 22)."""

from __future__ import annotations

import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

BIN = Path(sys.executable).parent
RECORD = "synthetic-00000"
POLL_SECONDS = 0.05


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return str(response.read().decode("utf-8"))
    except OSError:
        return ""


def wait_for(url: str, text: str, server: subprocess.Popen[bytes], limit: float) -> float:
    """Seconds until `text` is in the page at `url` (polled); raises if the server died."""
    start = time.perf_counter()
    while text not in fetch(url):
        if server.poll() is not None:
            raise RuntimeError(f"intreg serve exited with {server.returncode}")
        if time.perf_counter() - start > limit:
            raise RuntimeError(f"{text!r} not shown at {url} within {limit:.0f} s")
        time.sleep(POLL_SECONDS)
    return time.perf_counter() - start


def edit_to_preview(root: Path, builder: str, saves: int, log: Path) -> tuple[float, float]:
    """Median and largest seconds from saving one record's purpose to the served page showing
    it, over `saves` saves, each made once the previous one shows (startup not counted)."""
    port = free_port()
    command = [
        BIN / "intreg", "serve", "--builder", builder, "--today", "2026-11-24",
        "--dev-addr", f"127.0.0.1:{port}",
    ]  # fmt: skip
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    record = root / "registry" / f"{RECORD}.yaml"
    original = record.read_text("utf-8")
    url = f"http://127.0.0.1:{port}/integrations/{RECORD}/"
    with log.open("wb") as output:
        server = subprocess.Popen(command, cwd=root, env=env, stdout=output, stderr=output)
        try:
            wait_for(url, "</html>", server, limit=3600)
            times = []
            for save in range(saves):
                marker = f"Saved {save} {time.time_ns()}."
                record.write_text(original.replace("\npurpose: ", f"\npurpose: {marker} ", 1))
                times.append(wait_for(url, marker, server, limit=1800))
        finally:
            server.terminate()
            server.wait(timeout=60)
            record.write_text(original, "utf-8")
    return statistics.median(times), max(times)
