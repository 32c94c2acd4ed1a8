"""Only regular files inside the project are records, and reading one is bounded (issue 24).

What would hang on a FIFO or read gigabytes if the code were wrong runs in a subprocess under
a hard timeout and a memory cap (tests.probes.run_bounded).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from intreg.records.errors import IntregError
from intreg.records.files import MAX_RECORD_BYTES, find_record_files, read_record
from intreg.records.project import RECORD_ID, Project
from intreg.records.types import SLUG_PATTERN
from tests.helpers import case_text
from tests.probes import SECRET, run_bounded


def run_python(code: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return run_bounded([sys.executable, "-c", code], cwd)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project folder with registry/minimal.yaml, and a secret file beside the project."""
    root = tmp_path / "project"
    (root / "registry").mkdir(parents=True)
    (root / "registry" / "minimal.yaml").write_text(case_text("minimal"), encoding="utf-8")
    (tmp_path / "secret.yaml").write_text(f"id: {SECRET}\n", encoding="utf-8")
    return root


def refusal(paths: list[Path], root: Path | None) -> str:
    with pytest.raises(IntregError) as caught:
        find_record_files(paths, root)
    assert SECRET not in str(caught.value)
    return str(caught.value)


def test_a_link_out_of_the_project_is_refused_by_name(project: Path) -> None:
    (project / "registry" / "evil.yaml").symlink_to(project.parent / "secret.yaml")
    assert refusal([project / "registry"], project) == (
        "registry/evil.yaml: a symbolic link out of the project: records must be files inside it"
    )


def test_links_that_stay_inside_the_project_are_records(project: Path) -> None:
    (project / "shared").mkdir()
    (project / "shared" / "other.yaml").write_text(case_text("minimal"), encoding="utf-8")
    (project / "registry" / "other.yaml").symlink_to(project / "shared" / "other.yaml")
    assert find_record_files([project / "registry"], project) == [
        project / "registry" / "minimal.yaml",
        project / "registry" / "other.yaml",
    ]


def test_a_link_to_a_device_is_refused_unread(project: Path) -> None:
    (project / "registry" / "zero.yaml").symlink_to("/dev/zero")
    assert refusal([project / "registry"], project) == (
        "registry/zero.yaml: a symbolic link out of the project: records must be files inside it"
    )
    assert refusal([project / "registry" / "zero.yaml"], None) == (
        f"{project.as_posix()}/registry/zero.yaml: not a regular file (a character device)"
    )


def test_a_fifo_is_refused_without_being_opened(project: Path) -> None:
    os.mkfifo(project / "registry" / "pipe.yaml")
    result = run_python(
        "from pathlib import Path\n"
        "from intreg.records.files import find_record_files\n"
        "find_record_files([Path('registry')], Path('.'))\n",
        project,
    )
    assert result.stderr.endswith(
        "intreg.records.errors.IntregError: registry/pipe.yaml: not a regular file (a FIFO)\n"
    )


def test_every_refused_file_is_named(project: Path) -> None:
    os.mkfifo(project / "registry" / "pipe.yaml")
    (project / "registry" / "gone.yaml").symlink_to(project / "nowhere.yaml")
    (project / "registry" / "evil.yaml").symlink_to(project.parent / "secret.yaml")
    assert refusal([project / "registry"], project).split("; ") == [
        "registry/evil.yaml: a symbolic link out of the project: records must be files inside it",
        "registry/gone.yaml: a symbolic link to nothing",
        "registry/pipe.yaml: not a regular file (a FIFO)",
    ]


def test_a_path_outside_the_project_is_refused(project: Path) -> None:
    assert refusal([project.parent / "secret.yaml"], project) == (
        f"{(project.parent / 'secret.yaml').as_posix()}: outside the project: records must be "
        "files inside it"
    )


def test_a_linked_folder_is_not_searched(project: Path) -> None:
    (project / "registry" / "more").symlink_to(project.parent)
    assert find_record_files([project / "registry"], project) == [
        project / "registry" / "minimal.yaml"
    ]


def test_a_folder_named_like_a_record_is_searched_not_read(project: Path) -> None:
    (project / "registry" / "odd.yaml").mkdir()
    assert find_record_files([project / "registry"], project) == [
        project / "registry" / "minimal.yaml"
    ]
    with pytest.raises(
        IntregError, match=r"odd\.yaml: cannot read: not a regular file \(a directory\)"
    ):
        read_record(project / "registry" / "odd.yaml")


def test_read_file_refuses_a_fifo_and_a_device_before_reading(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.yaml")  # opening it to read would wait for a writer, forever
    result = run_python(
        "from pathlib import Path\n"
        "from intreg.records.errors import IntregError\n"
        "from intreg.records.files import read_file\n"
        "for name in ('pipe.yaml', '/dev/zero'):\n"
        "    try:\n"
        "        read_file(Path(name))\n"
        "    except IntregError as exc:\n"
        "        print(exc)\n",
        tmp_path,
    )
    assert result.stdout == (
        "pipe.yaml: cannot read: not a regular file (a FIFO)\n"
        "/dev/zero: cannot read: not a regular file (a character device)\n"
    )


def test_read_record_reads_one_byte_past_the_limit_at_most(tmp_path: Path) -> None:
    with (tmp_path / "big.yaml").open("wb") as handle:
        handle.truncate(4 * 1024**3)  # 4 GiB of holes: no disk used; whole, past MEMORY_CAP
    result = run_python(
        "from pathlib import Path\n"
        "from intreg.records.files import read_file, read_record\n"
        "print(len(read_record(Path('big.yaml'))), read_file(Path('big.yaml'), 3))\n",
        tmp_path,
    )
    assert result.stdout == f"{MAX_RECORD_BYTES + 1} {bytes(3)!r}\n"


def test_record_file_refuses_ids_that_are_paths(project: Path) -> None:
    with pytest.raises(IntregError) as caught:
        Project(project).record_file("../../secret")
    assert str(caught.value) == (
        "'../../secret' is not a record id (lower-case letters, digits, -)"
    )
    assert Project(project).record_file("nope") is None
    assert Project(project).record_file("minimal") == project / "registry" / "minimal.yaml"


def test_record_ids_are_the_models_slugs() -> None:
    assert RECORD_ID.pattern == SLUG_PATTERN
