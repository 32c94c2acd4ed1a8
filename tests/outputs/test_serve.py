"""Live preview: a real `intreg serve` on 127.0.0.1 picks up record edits and survives errors."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from intreg.outputs.builders import BUILDERS
from tests.helpers import case_text
from tests.outputs.site.conftest import REPO

pytestmark = pytest.mark.slow


@dataclass
class Served:
    """A running `intreg serve` on a port it picked itself, and everything it printed."""

    process: subprocess.Popen[str]
    base: str = ""
    lines: list[str] = field(default_factory=list)
    reader: threading.Thread | None = None
    printed: threading.Condition = field(default_factory=threading.Condition)

    def read_on(self) -> None:
        """Collect the rest of the output, so that the server never blocks on a full pipe."""
        for line in self.process.stdout or ():
            with self.printed:
                self.lines.append(line)
                self.printed.notify_all()

    def wait_output(self, *texts: str, seconds: float = 60) -> bool:
        """Whether the server printed `texts`, in this order, within `seconds`."""
        with self.printed:
            return self.printed.wait_for(lambda: _in_order("".join(self.lines), texts), seconds)

    def stop(self) -> str:
        self.process.terminate()
        self.process.wait(timeout=20)
        if self.reader is not None:
            self.reader.join(timeout=20)
        if self.process.stdout is not None:
            self.process.stdout.close()
        return "".join(self.lines)


def _in_order(output: str, texts: Sequence[str]) -> bool:
    at = 0
    for text in texts:
        found = output.find(text, at)
        if found < 0:
            return False
        at = found + len(text)
    return True


def start_serve(root: Path, *options: str) -> Served:
    """`intreg serve --port 0` in `root`; returns once it printed the address it bound."""
    intreg = Path(sys.executable).parent / "intreg"
    command = [intreg, "serve", "--port", "0", "--today", "2026-11-24", *options]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    process = subprocess.Popen(
        command, cwd=root, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    served = Served(process)
    assert process.stdout is not None
    deadline = threading.Timer(120, process.kill)  # never wait forever for the address
    deadline.start()
    for line in process.stdout:
        served.lines.append(line)
        if line.startswith("preview at http://127.0.0.1:"):
            served.base = line.removeprefix("preview at ").strip().rstrip("/")
            break
    deadline.cancel()
    if not served.base:
        process.wait()
        raise AssertionError("no address printed:\n" + "".join(served.lines))
    served.reader = threading.Thread(target=served.read_on)
    served.reader.start()
    return served


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return str(response.read().decode("utf-8"))
    except OSError:
        return ""


def wait_for(url: str, text: str, seconds: float = 30) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if text in fetch(url):
            return True
        time.sleep(0.3)
    return False


@pytest.mark.parametrize("builder", BUILDERS)
def test_serve_regenerates_on_edit_and_keeps_pages_on_error(make_registry, builder: str) -> None:
    root = make_registry({"minimal": case_text("minimal")})
    (root / "mkdocs.yml").write_bytes((REPO / "mkdocs.yml").read_bytes())
    (root / "docs").mkdir()
    (root / "docs" / "index.md").write_text("# Home\n")
    server = start_serve(root, "--builder", builder)
    page = f"{server.base}/integrations/minimal/"
    try:
        assert wait_for(page, "Example Payments")
        # No policy in the preview: the dev server's live-reload script is inline.
        assert "Content-Security-Policy" not in fetch(page)
        record = root / "registry" / "minimal.yaml"
        record.write_text(case_text("minimal").replace("Example Payments", "Renamed Payments"))
        assert wait_for(page, "Renamed Payments")
        # The server may look at the file while write_text has it empty: it then says so, and
        # reports the real error once the file is whole. Wait for that one.
        record.write_text(case_text("minimal").replace('version: "1.10"', "version: 1.10"))
        assert server.wait_output(
            "registry/minimal.yaml:23:12: error: api.version:",
            "not updated: 1 error and 0 warnings in 1 record (1 invalid)",
        )
        assert "Renamed Payments" in fetch(page)  # the last good page is still served
    finally:
        server.stop()


def test_the_rest_of_the_site_follows_a_save(make_registry) -> None:
    """After a rename, the changed page shows it at once; the other pages' navigation and the
    search index follow in the background (MkDocs, built in intreg's process)."""
    other = case_text("minimal").replace("id: minimal", "id: other").replace("EXAMPLE_", "OTHER_")
    other = other.replace("name: Example Payments", "name: Other Payments")
    root = make_registry({"minimal": case_text("minimal"), "other": other})
    (root / "mkdocs.yml").write_bytes((REPO / "mkdocs.yml").read_bytes())
    server = start_serve(root)
    base = server.base
    try:
        assert wait_for(f"{base}/integrations/minimal/", "Example Payments", 300)
        neighbour = f"{base}/integrations/other/"
        assert "Example Payments" in fetch(neighbour)  # in its navigation
        record = root / "registry" / "minimal.yaml"
        text = case_text("minimal").replace("Example Payments", "Renamed Payments")
        record.write_text(text.replace("Charge listing fees.", "Charge quarterly fees."))
        assert wait_for(f"{base}/integrations/minimal/", "Renamed Payments", 120)
        # The background work: the navigation of the other record in the same category, the
        # catalogue, and the search index. A loaded machine may take a while.
        assert wait_for(neighbour, "Renamed Payments", 300)
        assert wait_for(f"{base}/catalogue/", "Renamed Payments", 300)
        assert wait_for(f"{base}/search/search_index.json", "Charge quarterly fees.", 300)
        assert "Example Payments" not in fetch(neighbour)
    finally:
        output = server.stop()
    rebuilt = [line for line in output.splitlines() if line.startswith("preview: rebuilt ")]
    assert rebuilt and "integrations/minimal/" in rebuilt[0], output


def test_an_address_in_use_is_one_line_and_exit_1(make_registry, run_cli, monkeypatch) -> None:
    monkeypatch.delenv("INTREG_PREVIEW", raising=False)  # serve sets it: restored afterwards
    root = make_registry({"minimal": case_text("minimal")})
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run_cli("serve", "--port", str(port), "--today", "2026-11-24", cwd=root)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.splitlines()[-1] == (
        f"error: cannot listen on 127.0.0.1:{port}: Address already in use"
    )
