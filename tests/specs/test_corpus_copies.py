"""The trimmed specs in tests/specs/corpus: each loads, validates, and says where it is from."""

from __future__ import annotations

import re

import pytest
from openapi_spec_validator import validate

from intreg.specs.loader import load_spec
from intreg.specs.operations import find_operation, list_operations
from tests.spec_corpus import CORPUS
from tests.specs.corpus.trim import parse

COPIES = sorted(
    path.relative_to(CORPUS).as_posix()
    for path in CORPUS.rglob("*")
    if path.suffix in (".yaml", ".json")
)


def _manifest() -> dict[str, dict[str, str]]:
    """The rows of CORPUS/MANIFEST.md, by copy."""
    lines = (CORPUS / "MANIFEST.md").read_text(encoding="utf-8").splitlines()
    table = [_cells(line) for line in lines if line.startswith("|")]
    names, rows = table[0], table[2:]
    return {row[0].strip("`"): dict(zip(names, row, strict=True)) for row in rows}


def _cells(line: str) -> list[str]:
    return [cell.strip() for cell in line.strip().strip("|").split("|")]


MANIFEST = _manifest()


def test_every_copy_has_a_manifest_row_and_every_row_a_copy() -> None:
    assert COPIES
    assert sorted(MANIFEST) == COPIES


@pytest.mark.parametrize("relative", COPIES)
def test_copy_records_its_source_and_licence(relative: str) -> None:
    row = MANIFEST[relative]
    assert re.fullmatch(r"[\w.-]+/[\w.-]+( ¹)?", row["Source repository"])
    assert re.fullmatch(r"`[^`]+`", row["Path in source"])
    assert re.fullmatch(r"`[0-9a-f]{40}` \(\d{4}-\d{2}-\d{2}\)", row["Commit (date)"])
    assert re.fullmatch(r"`[0-9a-f]{40}`", row["Git blob id of source"])
    assert row["Licence of source"]


@pytest.mark.parametrize("relative", COPIES)
def test_copy_loads_with_exactly_the_operations_kept(relative: str) -> None:
    operations = list_operations(load_spec(CORPUS / relative))
    kept = re.findall(r"`([^`]+)`", MANIFEST[relative]["Operations kept"])
    found = [find_operation(operations, wanted) for wanted in kept]
    assert sorted(map(id, found)) == sorted(map(id, operations))  # each kept one, no other


VALIDATOR = "openapi-spec-validator on the source"
VALID_UPSTREAM = [copy for copy in COPIES if MANIFEST[copy][VALIDATOR] == "valid"]


@pytest.mark.parametrize("relative", VALID_UPSTREAM)
def test_copy_of_a_valid_spec_is_valid(relative: str) -> None:
    path = CORPUS / relative
    validate(parse(path.read_text(encoding="utf-8"), path.name))
