"""A provider's spec is read within bounds (issue 24): regular files only, at most 32 MiB, and
its YAML measured before it is built, so an alias bomb fails fast with a clear error.

`intreg import openapi` and `intreg drift` run as processes under a hard timeout and a memory
cap (tests.probes.run_bounded): a spec that hangs or grows to gigabytes fails the test."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from intreg.records.errors import IntregError
from intreg.specs.bounds import MAX_DEPTH, MAX_SPEC_BYTES, MAX_VALUES
from intreg.specs.loader import parse_spec
from tests.helpers import case_text
from tests.probes import INTREG, run_bounded

HEAD = "openapi: 3.0.0\ninfo: {title: Probe, version: '1'}\npaths: {}\n"
TOO_MANY = (
    f"its aliases expand to more than {MAX_VALUES:,} values; a spec this large (or an alias "
    "bomb) is not read"
)


def laughs(levels: int = 9) -> str:
    """The billion laughs: each anchor repeats the one before ten times (10^levels values),
    and the last is the example of the one operation, which import and drift read."""
    lines = ["openapi: 3.0.0", "info: {title: Probe, version: '1'}", "components:", "  examples:"]
    lines.append("    lol0: &lol0 [lol, lol, lol, lol, lol]")
    for i in range(1, levels + 1):
        lines.append(f"    lol{i}: &lol{i} [{', '.join([f'*lol{i - 1}'] * 10)}]")
    lines += [
        "paths:",
        "  /x:",
        "    get:",
        "      responses:",
        "        '200':",
        "          description: A laugh.",
        "          content:",
        f"            application/json: {{example: *lol{levels}}}",
    ]
    return "\n".join(lines) + "\n"


def merge_bomb(levels: int = 40) -> str:
    """Merge keys that double at every level: 2^levels values once expanded."""
    lines = [HEAD + "x:", "  m0: &m0 {a: 1, b: 2}"]
    lines += [f"  m{i}: &m{i} {{<<: [*m{i - 1}, *m{i - 1}]}}" for i in range(1, levels + 1)]
    return "\n".join(lines) + "\n"


def refusal(text: str, where: str = "spec.yaml") -> str:
    with pytest.raises(IntregError) as caught:
        parse_spec(text.encode(), where)
    return str(caught.value)


def test_an_alias_bomb_is_refused_before_it_is_built() -> None:
    assert refusal(laughs()) == f"spec.yaml: {TOO_MANY}"


def test_a_merge_key_bomb_is_refused_before_it_is_built() -> None:
    assert refusal(merge_bomb()) == f"spec.yaml: {TOO_MANY}"


def test_aliases_that_stay_small_are_read() -> None:
    spec = parse_spec(laughs(levels=3).encode(), "spec.yaml")
    assert spec.document["components"]["examples"]["lol1"][0] == ["lol"] * 5
    assert len(spec.document["paths"]["/x"]["get"]["responses"]["200"]["content"]) == 1


def test_an_alias_inside_the_node_it_names_is_refused() -> None:
    assert refusal(HEAD + "x: &loop [a, *loop]\n") == (
        "spec.yaml: an alias repeats a node inside itself (line 4)"
    )


def test_nesting_deeper_than_the_limit_is_refused() -> None:
    deep = "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1)
    assert refusal(f"{HEAD}x: {deep}\n") == (
        f"spec.yaml: nested more than {MAX_DEPTH} levels deep (line 4)"
    )
    json_deep = '{"openapi": "3.0.0", "x": ' + deep + "}"
    assert refusal(json_deep, "spec.json") == f"spec.json: nested more than {MAX_DEPTH} levels deep"
    assert refusal('{"x": ' + "[" * 100_000 + "]" * 100_000 + "}", "spec.json") == (
        "spec.json: nested too deeply to read"
    )


def test_aliases_cannot_nest_deeper_than_the_limit_by_chaining() -> None:
    half = MAX_DEPTH // 2 + 1
    text = HEAD + "x:\n  a: &a " + "[" * half + "]" * half + "\n"
    text += "  b: " + "[" * half + "*a" + "]" * half + "\n"
    assert refusal(text) == f"spec.yaml: nested more than {MAX_DEPTH} levels deep (line 5)"


@pytest.fixture
def project(make_registry) -> Path:
    return make_registry({"minimal": case_text("minimal")})


def spec_commands(spec: str) -> list[list[str]]:
    return [
        [INTREG, "import", "openapi", spec, "--id", "probe"],
        [INTREG, "import", "openapi", spec, "--id", "probe", "--operation", "GET /x"],
        [INTREG, "drift", "minimal", "--upstream", spec],
    ]


@pytest.mark.parametrize("bomb", [laughs, merge_bomb], ids=["billion-laughs", "merge-keys"])
def test_import_and_drift_refuse_an_alias_bomb_quickly(project: Path, bomb) -> None:
    (project / "bomb.yaml").write_text(bomb(), encoding="utf-8")
    for args in spec_commands("bomb.yaml"):
        result = run_bounded(args, project)
        assert (result.returncode, result.stdout) == (2, "")
        assert result.stderr == f"intreg: error: bomb.yaml: {TOO_MANY}\n"


def test_import_and_drift_refuse_a_fifo_without_waiting(project: Path) -> None:
    os.mkfifo(project / "pipe.yaml")
    for args in spec_commands("pipe.yaml"):
        result = run_bounded(args, project)
        assert (result.returncode, result.stderr) == (
            2,
            "intreg: error: pipe.yaml: cannot read: not a regular file (a FIFO)\n",
        )


def test_import_refuses_a_device(project: Path) -> None:
    result = run_bounded([INTREG, "import", "openapi", "/dev/zero", "--id", "probe"], project)
    assert (result.returncode, result.stderr) == (
        2,
        "intreg: error: /dev/zero: cannot read: not a regular file (a character device)\n",
    )


def test_import_refuses_a_spec_over_the_size_limit_reading_no_more(project: Path) -> None:
    with (project / "huge.yaml").open("wb") as handle:
        handle.truncate(4 * 1024**3)  # holes: reading it whole would exceed the memory cap
    result = run_bounded([INTREG, "import", "openapi", "huge.yaml", "--id", "probe"], project)
    assert (result.returncode, result.stderr) == (
        2,
        f"intreg: error: huge.yaml: larger than {MAX_SPEC_BYTES:,} bytes, the limit for a spec\n",
    )
