"""The shipped registry's Backstage export, checked by Backstage's own catalog model (npm).

tests/backstage/ pins @backstage/catalog-model and the `yaml` parser Backstage reads catalog
files with; they are installed with `npm ci` into .cache/ (git-ignored) and reused while the
lockfile is unchanged. In CI a missing node or npm, or a failed install, fails the test; on a
workstation it skips with the reason.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from intreg.records.files import find_record_files
from intreg.records.registry import load_registry
from tests.helpers import REPO

SOURCE = REPO / "tests" / "backstage"
CACHE = REPO / ".cache" / "backstage-validators"
FILES = ("package.json", "package-lock.json", "validate.mjs")
STAMP = CACHE / "node_modules" / ".intreg-lock"
NPM_TIMEOUT = 300


def unavailable(reason: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason} (required in CI)")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def validator() -> Path:
    """The cache folder holding validate.mjs and its node_modules, installed if needed."""
    node, npm = shutil.which("node"), shutil.which("npm")
    if node is None or npm is None:
        unavailable("node and npm are needed for Backstage's catalog model")
    CACHE.mkdir(parents=True, exist_ok=True)
    for name in FILES:
        shutil.copyfile(SOURCE / name, CACHE / name)
    lock = (SOURCE / "package-lock.json").read_bytes()
    if not STAMP.is_file() or STAMP.read_bytes() != lock:
        try:
            install = subprocess.run(
                [str(npm), "ci", "--no-audit", "--no-fund", "--loglevel=error"],
                cwd=CACHE,
                capture_output=True,
                text=True,
                timeout=NPM_TIMEOUT,
                check=False,
            )
        except subprocess.TimeoutExpired:
            unavailable(f"npm ci took over {NPM_TIMEOUT} s (no network?)")
        if install.returncode != 0:
            unavailable(f"npm ci failed (no network?): {install.stderr.strip()[-500:]}")
        STAMP.write_bytes(lock)
    return CACHE


def validate(folder: Path, export: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["node", "validate.mjs", str(export)],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.mark.slow
def test_shipped_export_passes_backstage_validators(validator, run_cli, tmp_path) -> None:
    out = tmp_path / "backstage"
    assert run_cli("export", "backstage", "--out", str(out), cwd=REPO).exit_code == 0
    records = [
        r.record for r in load_registry(find_record_files([REPO / "registry"]), REPO).records
    ]
    result = validate(validator, out)
    assert json.loads(result.stdout) == {
        "kinds": {
            "API": len(records),
            "Group": len({r.owner.team for r in records}),
            "Location": 1,
            "System": len({s for r in records for s in r.consumers}),
        },
        "errors": [],
    }
    assert result.returncode == 0, result.stderr


@pytest.mark.slow
def test_the_validators_catch_what_backstage_refuses(validator, run_cli, tmp_path) -> None:
    out = tmp_path / "backstage"
    run_cli("export", "backstage", "--out", str(out), cwd=REPO)
    stripe = out / "apis" / "stripe.yaml"
    stripe.write_text(stripe.read_text().replace("intreg/record:", "intreg//record:"))
    (out / "openapi" / "paypal.openapi.yaml").unlink()
    twilio = out / "apis" / "twilio.yaml"
    twilio.write_text(twilio.read_text().replace("owner: group:", "owner: group:nobody-"))
    result = validate(validator, out)
    assert result.returncode == 1
    assert json.loads(result.stdout)["errors"] == [
        "apis/paypal.yaml: $text ../openapi/paypal.openapi.yaml: cannot read "
        "openapi/paypal.openapi.yaml: ENOENT",
        'apis/stripe.yaml: "annotations.intreg//record" is not valid; expected a valid prefix '
        'and/or suffix but found "intreg//record". To learn more about catalog file format, '
        "visit: https://github.com/backstage/backstage/blob/master/docs/architecture-decisions/"
        "adr002-default-catalog-file-format.md",
        "apis/twilio.yaml: spec.owner group:nobody-messaging: "
        "no entity group:default/nobody-messaging",
    ]
