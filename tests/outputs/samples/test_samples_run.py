"""Every code sample of every shipped record runs against `intreg mock ID` and gets a 2xx.

The samples are the text the site shows (the same renderers), with only the provider's origin
replaced by the mock's URL and the record's variables set to stand-in values that the mock is
started with. curl and Python run in make test; JavaScript runs with node when node is there
(in CI it must be).
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from intreg.outputs.credentials import is_signed
from intreg.outputs.samples.curl import curl_sample
from intreg.outputs.samples.javascript import javascript_sample
from intreg.outputs.samples.python import python_sample
from intreg.outputs.samples.request import BODY_FILE, wire_request
from intreg.records.files import find_record_files
from intreg.records.model import Integration
from intreg.records.registry import load_registry
from tests.helpers import REPO
from tests.npm_tools import unavailable

INTREG = Path(sys.executable).parent / "intreg"
RECORDS = {
    r.record.id: r.record
    for r in load_registry(find_record_files([REPO / "registry"]), REPO).records
}
RENDERERS = {"curl": curl_sample, "python": python_sample, "javascript": javascript_sample}
CASES = [
    pytest.param(
        record_id,
        index,
        language,
        id=f"{record_id}-{index}-{language}",
    )
    for record_id, record in sorted(RECORDS.items())
    for index in range(len(record.endpoints))
    for language in RENDERERS
]


def stand_ins(record: Integration) -> dict[str, str]:
    """A harmless value for each variable of the record's .env template."""
    return {c.env_var: f"dummy-{c.env_var.lower()}" for c in record.auth.credentials}


@pytest.fixture(scope="module")
def mocks() -> Iterator[dict[str, str]]:
    """`intreg mock ID` for every shipped record, started on demand; id -> base URL."""
    servers: dict[str, subprocess.Popen[str]] = {}
    urls: dict[str, str] = {}

    class Lazy(dict[str, str]):
        def __missing__(self, record_id: str) -> str:
            server = subprocess.Popen(
                [INTREG, "mock", record_id, "--port", "0", "--no-rate-limits"],
                cwd=REPO,
                env={**os.environ, **stand_ins(RECORDS[record_id])},
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                text=True,
            )
            servers[record_id] = server
            line = server.stdout.readline() if server.stdout else ""
            prefix = f"mock for {record_id} at "
            assert line.startswith(prefix), line
            urls[record_id] = self[record_id] = line.removeprefix(prefix).strip()
            return urls[record_id]

    try:
        yield Lazy()
    finally:
        for server in servers.values():
            server.send_signal(signal.SIGTERM)
            server.communicate(timeout=10)


def run_sample(language: str, text: str, env: dict[str, str], tmp_path: Path) -> tuple[int, str]:
    """(exit code, output) of the sample; the output starts with the HTTP status."""
    if language == "curl":
        # The sample as shown, plus options that print the status after the body.
        command = [shutil.which("bash") or "bash", "-c", text + " -sS -w '\\n%{http_code}'"]
    elif language == "python":
        command = [sys.executable, "-c", text]
    else:
        node = shutil.which("node")
        if node is None:
            unavailable("node is needed to run the JavaScript samples")
        script = tmp_path / "sample.mjs"
        script.write_text(text, encoding="utf-8")
        command = [str(node), str(script)]
    # A sample whose body is a file (raw bytes with no example) reads it from where it runs.
    (tmp_path / BODY_FILE).write_bytes(b"%PDF-1.7 stand-in bytes\n")
    done = subprocess.run(
        command, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=30, check=False
    )
    output = done.stdout.strip()
    if language == "curl":
        body, _, status = output.rpartition("\n")
        output = f"{status} {body}"
    return done.returncode, output + done.stderr


@pytest.mark.slow
@pytest.mark.parametrize(("record_id", "index", "language"), CASES)
def test_each_sample_runs_against_the_mock(
    mocks: dict[str, str], tmp_path: Path, record_id: str, index: int, language: str
) -> None:
    record = RECORDS[record_id]
    request = wire_request(record, record.endpoints[index])
    declared = {c.env_var for c in record.auth.credentials}
    assert set(request.env_vars) <= declared, "a sample reads a variable no .env declares"
    text = RENDERERS[language](request)
    origin = (record.endpoints[index].server or record.api.base_url).rstrip("/")
    assert origin in text
    text = text.replace(origin, mocks[record_id])
    env = {"PATH": os.environ["PATH"], **stand_ins(record)}
    code, output = run_sample(language, text, env, tmp_path)
    if is_signed(record):
        # A signature other than SigV4 (which curl and the samples' own signer make) cannot
        # be written in a sample: the unsigned request is refused as the provider refuses it.
        assert re.search(r"\b40[13]\b", output), output
        return
    assert code == 0, output
    assert output[:1] == "2", output
