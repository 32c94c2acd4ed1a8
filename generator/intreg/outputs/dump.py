"""Serialisers every generator shares, so all outputs are UTF-8, `\\n`-ended and stable."""

from __future__ import annotations

from typing import Any

import yaml

from intreg.records.json_text import dumps_indented
from intreg.records.yaml_core import resolve_core

_YAML11_LETTERS = frozenset({"y", "Y", "n", "N"})

# libyaml's emitter is about ten times faster than PyYAML's own (PyYAML wheels include it).
_Base: type[yaml.SafeDumper] = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class _Dumper(_Base):  # type: ignore[valid-type,misc]
    """Safe YAML with the keys in the order the code built them."""


def _str_representer(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    # Multi-line text as a literal block reads like the record it came from.
    style = "|" if "\n" in value else None
    if style is None and _typed_elsewhere(value):
        style = "'"
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


def _typed_elsewhere(value: str) -> bool:
    """True for text that PyYAML would write plain but another reader takes for no text: a
    number to YAML 1.2 (`1e3`, `0o17`; intreg, editors, Backstage) or y/n to YAML 1.1."""
    return type(resolve_core(value)) is not str or value in _YAML11_LETTERS


_Dumper.add_representer(str, _str_representer)


def dump_yaml(data: Any, header: str = "") -> bytes:
    """`data` as block-style YAML, after `header` comment lines."""
    text = yaml.dump(
        data,
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        width=100,
        default_flow_style=False,
    )
    return (comment_lines(header) + text).encode("utf-8")


def dump_json(data: Any) -> bytes:
    """`data` as indented JSON with a final newline."""
    return (dumps_indented(data) + "\n").encode("utf-8")


def comment_lines(text: str, marker: str = "#") -> str:
    """Each line of `text` as a comment line; empty text gives nothing."""
    return "".join(f"{marker} {line}".rstrip() + "\n" for line in text.splitlines())


def generated_notice(record_id: str) -> str:
    """The header every derived file carries where its format allows comments."""
    return f"Generated from registry/{record_id}.yaml by `intreg generate`; edit the record."
