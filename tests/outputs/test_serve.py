"""Live preview: a real `intreg serve` on 127.0.0.1 picks up record edits and survives errors."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from intreg.outputs.builders import BUILDERS
from tests.helpers import case_text
from tests.outputs.site.conftest import REPO

pytestmark = pytest.mark.slow


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


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
    port = free_port()
    intreg = Path(sys.executable).parent / "intreg"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    server = subprocess.Popen(
        [
            intreg,
            "serve",
            "--dev-addr",
            f"127.0.0.1:{port}",
            "--today",
            "2026-11-24",
            "--builder",
            builder,
        ],
        cwd=root,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    page = f"http://127.0.0.1:{port}/integrations/minimal/"
    try:
        assert wait_for(page, "Example Payments")
        # No policy in the preview: the dev server's live-reload script is inline.
        assert "Content-Security-Policy" not in fetch(page)
        record = root / "registry" / "minimal.yaml"
        record.write_text(case_text("minimal").replace("Example Payments", "Renamed Payments"))
        assert wait_for(page, "Renamed Payments")
        record.write_text(case_text("minimal").replace('version: "1.10"', "version: 1.10"))
        time.sleep(3)
        assert "Renamed Payments" in fetch(page)  # the last good page is still served
    finally:
        server.terminate()
        output, _ = server.communicate(timeout=20)
    assert "registry/minimal.yaml:23:12: error: api.version:" in output
    assert "not updated: 1 error and 0 warnings in 1 record (1 invalid)" in output


def test_the_rest_of_the_site_follows_a_save(make_registry) -> None:
    """After a rename, the changed page shows it at once; the other pages' navigation and the
    search index follow in the background (MkDocs, built in intreg's process)."""
    other = case_text("minimal").replace("id: minimal", "id: other").replace("EXAMPLE_", "OTHER_")
    other = other.replace("name: Example Payments", "name: Other Payments")
    root = make_registry({"minimal": case_text("minimal"), "other": other})
    (root / "mkdocs.yml").write_bytes((REPO / "mkdocs.yml").read_bytes())
    port = free_port()
    intreg = Path(sys.executable).parent / "intreg"
    command = [intreg, "serve", "--dev-addr", f"127.0.0.1:{port}", "--today", "2026-11-24"]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    server = subprocess.Popen(
        command, cwd=root, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    base = f"http://127.0.0.1:{port}"
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
        server.terminate()
        output, _ = server.communicate(timeout=20)
    rebuilt = [line for line in output.splitlines() if line.startswith("preview: rebuilt ")]
    assert rebuilt and "integrations/minimal/" in rebuilt[0], output
