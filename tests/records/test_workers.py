"""Worker processes die with the command that started them, however it dies (issue 24)."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="PR_SET_PDEATHSIG is Linux's")

# Loads four "files" on two workers whose work never ends; prints each worker's pid.
STUCK = """
import os, time
from pathlib import Path
from intreg.records import registry

def stuck(file, base):
    os.write(1, f"{os.getpid()}\\n".encode())  # one write: lines from two workers never mix
    time.sleep(3600)

registry.PARALLEL_FROM = 1
registry.CHUNK = 1
registry.os.cpu_count = lambda: 2
registry._map_files(stuck, [Path(f"r{i}.yaml") for i in range(4)], Path("."), lambda *_: None)
"""


def is_alive(pid: int) -> bool:
    """True while `pid` runs (a zombie waiting for a reaper counts as gone)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except (FileNotFoundError, ProcessLookupError):
        return False
    return "\nState:\tZ" not in status


@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGTERM])
def test_workers_die_with_their_parent(how):
    with subprocess.Popen(
        [sys.executable, "-c", STUCK], stdout=subprocess.PIPE, text=True
    ) as parent:
        try:
            workers = {int(parent.stdout.readline()), int(parent.stdout.readline())}
            assert all(is_alive(pid) for pid in workers)
            parent.send_signal(how)
            parent.wait(timeout=60)
            deadline = time.monotonic() + 60  # a bound for a busy machine, not a measurement
            while any(is_alive(pid) for pid in workers) and time.monotonic() < deadline:
                time.sleep(0.05)
            assert [pid for pid in workers if is_alive(pid)] == []
        finally:
            parent.kill()
