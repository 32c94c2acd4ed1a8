"""No tracked file keeps the conflict markers of a merge (one once reached the README)."""

from __future__ import annotations

import re
import subprocess

from tests.helpers import REPO

MARKER = re.compile(rb"^(<{7} |={7}$|>{7} )", re.MULTILINE)


def test_no_tracked_file_holds_conflict_markers() -> None:
    tracked = subprocess.run(
        ["git", "ls-files", "-z"], cwd=REPO, capture_output=True, check=True
    ).stdout.split(b"\0")
    marked = [
        name.decode()
        for name in tracked
        if name
        and (REPO / name.decode()).is_file()
        and MARKER.search((REPO / name.decode()).read_bytes())
    ]
    assert marked == []
