"""dump_yaml writes text so that YAML 1.1 and 1.2 readers both read it back as that text."""

from __future__ import annotations

from intreg.outputs.dump import dump_yaml
from intreg.records.yaml_reader import read_yaml

TRAPS = ["1e3", "0o17", "0x1F", "y", "N", "no", "on", "1_000", "1:40", "2026-01-01", ".inf", "~"]


def test_dumped_text_reads_back_as_the_same_text_without_warnings() -> None:
    data = {f"k{i}": text for i, text in enumerate(TRAPS)} | {"plain": "text"}
    dumped = dump_yaml(data)
    document, findings = read_yaml(dumped, "x.yaml")
    assert findings == []
    assert document is not None
    assert document.data == data
    assert document.ambiguities == []
    assert b"plain: text\n" in dumped
