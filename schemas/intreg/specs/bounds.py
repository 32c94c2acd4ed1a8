"""Limits on a provider's spec: its bytes, its nesting, and its values once aliases expand.

libyaml builds an alias as a shared object, so a "billion laughs" spec loads quickly and small;
it grows to gigabytes only when something walks, copies or serialises it (issue 24). A spec's
node graph is therefore measured before it is constructed: each distinct node is visited once,
and a node's size counts every node below it as often as aliases repeat it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

import yaml

from intreg.records.errors import IntregError

MAX_SPEC_BYTES = 32 * 1024 * 1024  # the largest spec in the corpus has 4.2 MB
MAX_VALUES = 4_000_000  # after alias expansion; that spec has 174,000
MAX_DEPTH = 128  # nesting; that spec nests 26 deep, and our walks recurse


def check_yaml_nodes(root: yaml.Node, where: str) -> None:
    """IntregError when the composed document `root` nests too deep, expands past MAX_VALUES,
    or contains itself (an alias inside the node it names)."""
    _measure(root, _node_children, where, lambda node: node.start_mark.line + 1)


def check_json_data(data: Any, where: str) -> None:
    """IntregError when parsed JSON `data` nests deeper than MAX_DEPTH."""
    _measure(data, _data_children, where, lambda _: None)


def _measure(
    root: Any,
    children: Callable[[Any], Iterable[Any] | None],
    where: str,
    line_of: Callable[[Any], int | None],
) -> None:
    """Walk `root` (iteratively: a spec may nest deeper than Python's recursion limit)."""
    known: dict[int, tuple[int, int]] = {}  # id -> (values in and below it, depth below it)
    walking: set[int] = set()
    frames: list[tuple[Any, Iterator[Any], list[int]]] = []  # node, its children, [values, depth]

    def too_deep(node: Any) -> IntregError:
        at = line_of(node)
        line = f" (line {at})" if at is not None else ""
        return IntregError(f"{where}: nested more than {MAX_DEPTH} levels deep{line}")

    top = children(root)
    if top is None:
        return
    walking.add(id(root))
    frames.append((root, iter(top), [1, 0]))
    while frames:
        node, kids, tally = frames[-1]
        for kid in kids:
            grandkids = children(kid)
            if grandkids is None:
                tally[0], tally[1] = tally[0] + 1, max(tally[1], 1)
            elif id(kid) in known:  # an alias: its values count again, at this depth
                values, depth = known[id(kid)]
                if len(frames) + depth > MAX_DEPTH:
                    raise too_deep(kid)
                tally[0], tally[1] = tally[0] + values, max(tally[1], depth)
            elif id(kid) in walking:
                at = line_of(kid)
                line = f" (line {at})" if at is not None else ""
                raise IntregError(f"{where}: an alias repeats a node inside itself{line}")
            else:
                if len(frames) >= MAX_DEPTH:
                    raise too_deep(kid)
                walking.add(id(kid))
                frames.append((kid, iter(grandkids), [1, 0]))
                break
        else:
            frames.pop()
            walking.discard(id(node))
            values, depth = tally[0], tally[1] + 1
            if values > MAX_VALUES:
                raise IntregError(
                    f"{where}: its aliases expand to more than {MAX_VALUES:,} values; a spec "
                    "this large (or an alias bomb) is not read"
                )
            known[id(node)] = (values, depth)
            if frames:
                parent = frames[-1][2]
                parent[0], parent[1] = parent[0] + values, max(parent[1], depth)


def _node_children(node: Any) -> Iterable[Any] | None:
    if isinstance(node, yaml.MappingNode):
        return (part for pair in node.value for part in pair)
    if isinstance(node, yaml.SequenceNode):
        return node.value  # type: ignore[no-any-return]
    return None


def _data_children(value: Any) -> Iterable[Any] | None:
    if isinstance(value, dict):
        return value.values()
    if isinstance(value, list):
        return value
    return None
