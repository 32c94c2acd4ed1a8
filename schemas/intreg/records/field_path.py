"""Field paths: where a value sits in a record, as keys and list indexes."""

from __future__ import annotations

FieldPath = tuple[str | int, ...]


def format_path(path: FieldPath) -> str:
    """`endpoints[0].method` for ("endpoints", 0, "method")."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text
