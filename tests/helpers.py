"""Helpers shared by tests: reading the case records."""

from __future__ import annotations

from pathlib import Path

CASES = Path(__file__).parent / "cases"
REPO = Path(__file__).parent.parent


def case_text(name: str) -> str:
    """The text of tests/cases/valid/<name>.yaml with its id set to the file name."""
    return (CASES / "valid" / f"{name}.yaml").read_text(encoding="utf-8")


def with_id(text: str, record_id: str) -> str:
    """`text` with its top-level id replaced."""
    lines = text.splitlines(keepends=True)
    return "".join(f"id: {record_id}\n" if line.startswith("id: ") else line for line in lines)
