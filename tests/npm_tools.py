"""Node.js tools the tests run, pinned in a folder under tests/ and installed once.

Each folder (tests/backstage/, tests/ajv/) holds a package.json, its package-lock.json and the
script the tests run. `npm ci` installs them into .cache/<name>/ (git-ignored), reused while
the lockfile is unchanged. In CI a missing node or npm, or a failed install, fails the test;
on a workstation it skips with the reason.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.helpers import REPO

NPM_TIMEOUT = 300


def unavailable(reason: str) -> None:
    """Fail under CI=true, skip elsewhere."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason} (required in CI)")
    pytest.skip(reason)


def install_tools(source: Path, cache_name: str, files: tuple[str, ...], purpose: str) -> Path:
    """The cache folder holding `files` copied from `source` and their node_modules."""
    if shutil.which("node") is None or (npm := shutil.which("npm")) is None:
        unavailable(f"node and npm are needed for {purpose}")
        raise AssertionError  # unreachable: unavailable() skips or fails
    cache = REPO / ".cache" / cache_name
    stamp = cache / "node_modules" / ".intreg-lock"
    cache.mkdir(parents=True, exist_ok=True)
    for name in ("package.json", "package-lock.json", *files):
        shutil.copyfile(source / name, cache / name)
    lock = (source / "package-lock.json").read_bytes()
    if not stamp.is_file() or stamp.read_bytes() != lock:
        try:
            install = subprocess.run(
                [npm, "ci", "--no-audit", "--no-fund", "--loglevel=error"],
                cwd=cache,
                capture_output=True,
                text=True,
                timeout=NPM_TIMEOUT,
                check=False,
            )
        except subprocess.TimeoutExpired:
            unavailable(f"npm ci took over {NPM_TIMEOUT} s (no network?)")
        if install.returncode != 0:
            unavailable(f"npm ci failed (no network?): {install.stderr.strip()[-500:]}")
        stamp.write_bytes(lock)
    return cache
