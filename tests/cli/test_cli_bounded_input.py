"""Commands read only regular files inside the project as records, and never too much of one
(issue 24). Each runs `intreg` in a process with a hard timeout and a memory cap
(tests.probes.run_bounded), so a FIFO that hangs or a file read whole fails the test instead."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.helpers import case_text
from tests.probes import INTREG, SECRET, run_bounded

OUT_OF_PROJECT = "a symbolic link out of the project: records must be files inside it"


@pytest.fixture
def project(make_registry, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project with one valid record; `outside.yaml` beside it holds SECRET."""
    outside = tmp_path_factory.mktemp("outside") / "outside.yaml"
    outside.write_text(case_text("minimal").replace("Charge listing fees.", SECRET), "utf-8")
    root = make_registry({"minimal": case_text("minimal")})
    (root / "outside-link-target").symlink_to(outside)
    return root


def assert_refused(result, message: str) -> None:
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == f"intreg: error: {message}\n"
    assert SECRET not in result.stderr


@pytest.mark.parametrize(
    "command", [["validate"], ["generate"], ["reviews"], ["export", "backstage"]]
)
def test_a_record_linked_from_outside_the_project_is_refused(project: Path, command) -> None:
    (project / "registry" / "evil.yaml").symlink_to(project / "outside-link-target")
    result = run_bounded([INTREG, *command], project)
    assert_refused(result, f"registry/evil.yaml: {OUT_OF_PROJECT}")
    assert not (project / "build").exists()


def test_validate_refuses_an_explicit_path_that_links_out(project: Path) -> None:
    (project / "registry" / "evil.yaml").symlink_to(project / "outside-link-target")
    result = run_bounded([INTREG, "validate", "registry/evil.yaml"], project)
    assert_refused(result, f"registry/evil.yaml: {OUT_OF_PROJECT}")


def test_a_link_to_a_device_is_refused(project: Path) -> None:
    (project / "registry" / "zero.yaml").symlink_to("/dev/zero")
    result = run_bounded([INTREG, "validate"], project)
    assert_refused(result, f"registry/zero.yaml: {OUT_OF_PROJECT}")


@pytest.mark.parametrize("args", [["validate"], ["validate", "registry/pipe.yaml"], ["generate"]])
def test_a_fifo_named_like_a_record_is_refused_not_waited_on(project: Path, args) -> None:
    os.mkfifo(project / "registry" / "pipe.yaml")
    result = run_bounded([INTREG, *args], project)
    assert_refused(result, "registry/pipe.yaml: not a regular file (a FIFO)")


def test_a_huge_sparse_record_is_too_large_and_never_read_whole(project: Path) -> None:
    with (project / "registry" / "big.yaml").open("wb") as handle:
        handle.truncate(4 * 1024**3)  # 4 GiB of holes; reading it whole exceeds MEMORY_CAP
    result = run_bounded([INTREG, "validate", "--no-cache", "registry/big.yaml"], project)
    assert result.returncode == 1
    assert result.stdout == (
        "registry/big.yaml:1:1: error: the file has more than 1,048,576 bytes, the limit for a "
        "record [file-too-large]\n"
        "  hint: move long examples out of the record, or split the integration\n"
    )


def test_mock_and_drift_refuse_a_record_that_links_out(project: Path) -> None:
    (project / "registry" / "minimal.yaml").unlink()
    (project / "registry" / "minimal.yaml").symlink_to(project / "outside-link-target")
    spec = project / "spec.json"
    spec.write_text('{"openapi": "3.0.0", "info": {"title": "t", "version": "1"}}', "utf-8")
    for args in (["mock", "minimal", "--port", "0"], ["drift", "minimal", "--upstream", str(spec)]):
        result = run_bounded([INTREG, *args], project)
        assert_refused(result, f"registry/minimal.yaml: {OUT_OF_PROJECT}")


@pytest.mark.parametrize("record_id", ["../../outside", "../registry/minimal", "/etc/passwd"])
def test_drift_refuses_an_id_that_names_a_path(project: Path, record_id: str) -> None:
    result = run_bounded([INTREG, "drift", record_id, "--upstream", "spec.yaml"], project)
    assert_refused(result, f"{record_id!r} is not a record id (lower-case letters, digits, -)")
