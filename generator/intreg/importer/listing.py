"""The spec's operations grouped by tag, for a writer choosing what to import."""

from __future__ import annotations

from collections.abc import Sequence

from intreg.specs.loader import Spec
from intreg.specs.operations import Operation

UNTAGGED = "(no tag)"


def render_listing(spec: Spec, operations: Sequence[Operation]) -> str:
    """A heading per tag (the spec's tag order first), then one line per operation."""
    groups: dict[str, list[Operation]] = {}
    declared = spec.document.get("tags")
    for tag in declared if isinstance(declared, list) else []:
        if isinstance(tag, dict) and isinstance(tag.get("name"), str):
            groups[tag["name"]] = []
    for op in operations:
        groups.setdefault(op.tags[0] if op.tags else UNTAGGED, []).append(op)
    version = f" {spec.version}" if spec.version else ""
    lines = [f"{spec.title}{version}: {_count(len(operations))}", ""]
    for tag, members in groups.items():
        if not members:
            continue
        lines.append(tag)
        lines += [_line(op) for op in members]
        lines.append("")
    lines.append('Import some with: --operation OPERATION_ID (or --operation "METHOD /path")')
    return "\n".join(lines) + "\n"


def _line(op: Operation) -> str:
    route = f"{op.method} {op.path}"
    label = f"{op.operation_id}  {route}" if op.operation_id else route
    summary = " ".join((op.summary or "").split())
    deprecated = " (deprecated)" if op.deprecated else ""
    return f"  {label}{'  - ' + summary if summary else ''}{deprecated}"


def _count(n: int) -> str:
    return "1 operation" if n == 1 else f"{n} operations"
