"""The command line at a terminal: colour, progress bars, help, --version, completion."""

from __future__ import annotations

import io
import json
import os
import pty
import select
import subprocess
import sys
from pathlib import Path

import click
import pytest

from intreg.cli import main
from intreg.cli.terminal import color_setting, progress_bar
from intreg.records.findings import Finding, Severity
from intreg.records.report import render_text
from tests.helpers import case_text, with_id

BAD_VERSION = case_text("minimal").replace('version: "1.10"', "version: 1.10")
INTREG = str(Path(sys.executable).parent / "intreg")
ESC = "\x1b["


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(
    ("choice", "environ", "expected"),
    [
        ("auto", {}, None),
        ("auto", {"NO_COLOR": "1"}, False),
        ("auto", {"NO_COLOR": ""}, None),  # no-color.org: only a non-empty value counts
        ("never", {}, False),
        ("always", {"NO_COLOR": "1"}, True),  # an explicit option beats the environment
    ],
)
def test_color_setting(choice: str, environ: dict[str, str], expected: bool | None) -> None:
    assert color_setting(choice, environ) is expected


def test_render_text_in_colour() -> None:
    finding = Finding("r.yaml", 3, 5, "id", "bad-id", "no good", "fix it", Severity.WARNING)
    assert render_text([finding], color=True) == (
        "\x1b[1mr.yaml:3:5\x1b[0m: \x1b[33m\x1b[1mwarning\x1b[0m: id: no good [bad-id]\n"
        "  hint: fix it\n"
    )
    assert click.unstyle(render_text([finding], color=True)) == render_text([finding])


def test_validate_is_plain_when_piped_or_never(make_registry, run_cli) -> None:
    root = make_registry({"minimal": BAD_VERSION})
    for args in (["validate"], ["--color", "never", "validate"]):
        result = run_cli(*args, cwd=root)
        assert result.exit_code == 1
        assert ESC not in result.stdout
        assert result.stdout.startswith("registry/minimal.yaml:23:12: error: api.version:")


def test_validate_colours_when_forced(make_registry, run_cli) -> None:
    root = make_registry({"minimal": BAD_VERSION})
    result = run_cli("--color", "always", "validate", cwd=root)
    assert result.exit_code == 1
    assert result.stdout.startswith(
        "\x1b[1mregistry/minimal.yaml:23:12\x1b[0m: \x1b[31m\x1b[1merror\x1b[0m: api.version:"
    )


def test_json_never_colours(make_registry, run_cli) -> None:
    root = make_registry({"minimal": BAD_VERSION})
    result = run_cli("--color", "always", "validate", "--format", "json", cwd=root)
    assert json.loads(result.stdout)[0]["severity"] == "error"


def run_in_terminal(args: list[str], cwd: Path, **env: str) -> tuple[int, str, str]:
    """Run intreg with stdout and stderr on a pseudo-terminal each; returns what each got."""
    environ = {k: v for k, v in os.environ.items() if k != "NO_COLOR"} | env
    out_master, out_slave = pty.openpty()
    err_master, err_slave = pty.openpty()
    process = subprocess.Popen(
        [INTREG, *args], cwd=cwd, env=environ, stdin=subprocess.DEVNULL,
        stdout=out_slave, stderr=err_slave,
    )  # fmt: skip
    os.close(out_slave)
    os.close(err_slave)
    outputs = _drain([out_master, err_master])
    return process.wait(timeout=60), outputs[0], outputs[1]


def _drain(fds: list[int]) -> list[str]:
    """Everything read from each fd until its other end closes, reading them all at once."""
    chunks: dict[int, list[bytes]] = {fd: [] for fd in fds}
    open_fds = set(fds)
    while open_fds:
        ready, _, _ = select.select(list(open_fds), [], [], 30)
        assert ready, "no output for 30 s"
        for fd in ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:  # the other end closed (EIO on Linux)
                chunk = b""
            if chunk:
                chunks[fd].append(chunk)
            else:
                open_fds.discard(fd)
                os.close(fd)
    return [b"".join(chunks[fd]).decode() for fd in fds]


@pytest.mark.slow
def test_colour_in_a_terminal_unless_no_color(make_registry) -> None:
    root = make_registry({"minimal": BAD_VERSION})
    code, out, _ = run_in_terminal(["validate"], root)
    assert (code, out.startswith(f"{ESC}1mregistry/minimal.yaml:23:12")) == (1, True)
    code, out, _ = run_in_terminal(["validate"], root, NO_COLOR="1")
    assert (code, out.startswith("registry/minimal.yaml:23:12: error:")) == (1, True)


@pytest.fixture
def thousand_records(make_registry) -> Path:
    text = case_text("minimal")
    return make_registry(
        {
            f"r{i:04d}": with_id(text, f"r{i:04d}").replace("EXAMPLE_SECRET", f"EXAMPLE_{i}")
            for i in range(1000)
        }
    )


@pytest.mark.slow
def test_progress_bar_on_a_terminal_for_1000_records_text_only(thousand_records) -> None:
    code, out, err = run_in_terminal(["validate"], thousand_records)
    assert (code, out) == (0, "")
    assert "loading records  [####################################]  1000/1000" in err
    assert err.endswith("1000 records valid\r\n")
    code, out, err = run_in_terminal(["validate", "--format", "json"], thousand_records)
    assert (code, out, err) == (0, "[]\r\n", "")


def test_progress_bar_draws_only_on_a_terminal_from_1000() -> None:
    def drive(stream: io.StringIO, total: int, enabled: bool = True) -> str:
        with progress_bar("loading records", stream, enabled) as progress:
            for done in range(1, total + 1):
                progress(done, total)
        return stream.getvalue()

    drawn = drive(FakeTerminal(), 1000)
    assert drawn.count("loading records") == 101  # the start and every 1%
    assert "[####################################]  1000/1000" in drawn
    assert drive(FakeTerminal(), 999) == ""
    assert drive(FakeTerminal(), 1000, enabled=False) == ""
    assert drive(io.StringIO(), 1000) == ""


@pytest.mark.parametrize(
    ("shell", "start"),
    [
        ("bash", "_intreg_completion() {\n"),
        ("zsh", "#compdef intreg\n\n_intreg_completion() {\n"),
        ("fish", "function _intreg_completion;\n"),
    ],
)
def test_completion_prints_the_script(tmp_path, run_cli, shell: str, start: str) -> None:
    result = run_cli("completion", shell, cwd=tmp_path)
    assert result.exit_code == 0
    assert result.stdout.startswith(start)
    assert "_INTREG_COMPLETE" in result.stdout


def test_completion_completes_commands(tmp_path) -> None:
    env = {**os.environ, "_INTREG_COMPLETE": "bash_complete", "COMP_WORDS": "intreg ex"}
    env["COMP_CWORD"] = "1"
    result = subprocess.run(
        [INTREG], env=env, cwd=tmp_path, capture_output=True, text=True, timeout=60, check=False
    )
    assert (result.returncode, result.stdout) == (0, "plain,export\n")


def test_version(tmp_path, run_cli) -> None:
    result = run_cli("--version", cwd=tmp_path)
    assert result.exit_code == 0
    assert result.stdout.startswith("intreg, version ")


def all_commands(group: click.Group, prefix: tuple[str, ...] = ()):
    for name, command in sorted(group.commands.items()):
        yield (*prefix, name)
        if isinstance(command, click.Group):
            yield from all_commands(command, (*prefix, name))


@pytest.mark.parametrize("path", [(), *all_commands(main)], ids=lambda p: " ".join(p) or "intreg")
def test_every_help_has_an_example(tmp_path, run_cli, path: tuple[str, ...]) -> None:
    result = run_cli(*path, "--help", cwd=tmp_path)
    assert result.exit_code == 0
    assert "\n  Example" in result.stdout or "\n  Common tasks:\n" in result.stdout
