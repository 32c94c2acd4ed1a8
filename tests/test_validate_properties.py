"""Whatever `validate` accepts also generates, reviews, exports and mocks (issue 24).

Hypothesis takes the valid cases, puts edge values into them (far dates, huge numbers, deep
nesting, quotes, `$`, `#`, backslashes, emoji, control and bidi characters), writes them back
as YAML and loads them. A record that loads must go through every output in-process, and the
published JSON Schema must accept it too; one that does not must say where and in which field.
Derandomized and without an example database, so every run tries the same inputs.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import jsonschema_rs
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from intreg.mock.launch import mock_setup
from intreg.mock.responder import MockRequest
from intreg.outputs.backstage import check_names, render_catalog
from intreg.outputs.outputs import Inputs, generate_all
from intreg.records.characters import FORBIDDEN
from intreg.records.export import render_schema
from intreg.records.field_path import FieldPath
from intreg.records.findings import Severity
from intreg.records.loader import LoadResult, load_record
from intreg.records.yaml_reader import iter_leaves, read_yaml
from intreg.reviews.checker import check_reviews
from intreg.reviews.ics import render_ics
from intreg.reviews.messages import build_messages
from intreg.reviews.render import render_json, render_markdown, render_table
from tests.helpers import case_text

TODAY = dt.date(2026, 11, 24)
# The published schema, read with ECMA-262 patterns as editors read them: whatever intreg
# accepts, it must accept too.
SCHEMA = jsonschema_rs.Draft202012Validator(json.loads(render_schema()))
SETTINGS = settings(
    max_examples=150,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
ODD = [
    "O'Reilly Media",
    'say "hi"',
    "back\\slash",
    "$HOME ${HOME} `id`",
    "# not a comment",
    "line\nbreak",
    "tab\there",
    "  padded  ",
    "---",
    "<script>alert(1)</script>",
    "[x](javascript:alert(1))",
    "%s {0} &amp; | * _",
    "Zürich 🙂 שלום \u200f",
    "\ufeff\ud7ff\ue000",
    "x" * 2000,
]
REFUSED = [
    "",
    " ",
    "TODO: later",
    "\x00",
    "\x1b[31mred",
    "\x7f",
    "\x85",
    "\u2028",
    "\u202e",
    "\u2066",
]
# Appended to structured values (URLs, names, slugs) without breaking every one of them.
SUFFIXES = ["'", '"', "\\", "$", "#", "%", "é", "🙂", "\u202e", "\x1b"]


def _case(name: str) -> tuple[dict[str, Any], list[FieldPath]]:
    document, _ = read_yaml(case_text(name).encode(), f"{name}.yaml")
    assert document is not None
    return document.data, [path for path, _ in iter_leaves(document.data)]


CASES = {name: _case(name) for name in ("full", "minimal")}


def _nested(depth: int) -> Any:
    value: Any = "deep"
    for level in range(depth):
        value = [value] if level % 2 else {"k": value}
    return value


texts = st.one_of(st.sampled_from(ODD), st.sampled_from(ODD), st.text(max_size=40))
odd_texts = st.one_of(texts, st.sampled_from(REFUSED))
numbers = st.one_of(
    st.integers(min_value=1, max_value=2**53 - 1),
    st.sampled_from([0, -1, 2**53 - 1, 2**53, 10**400, -(10**400)]),
    st.floats(min_value=0.001, max_value=1e300),
    st.floats(),
)
dates = st.one_of(
    st.sampled_from([dt.date(1, 1, 1), dt.date(1900, 1, 1), dt.date(2199, 12, 31)]),
    st.sampled_from([dt.date(9999, 12, 31), dt.date(2200, 1, 1)]),
    st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2199, 12, 31)),
    st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)),
)
cadences = st.one_of(
    st.sampled_from(["P10Y", "P120M", "P3652D", "P3653D", "P99999Y", "P0D", "monthly"]),
    st.builds("P{}{}".format, st.integers(0, 10**5), st.sampled_from("YMWD")),
)
json_values = st.recursive(
    st.none() | st.booleans() | numbers | odd_texts,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(odd_texts, inner, max_size=3),
    max_leaves=8,
)
examples = st.one_of(json_values, st.integers(0, 100).map(_nested))
# Fields whose edge values once broke an output, with their own edges; they are tried as often
# as all the other fields together.
EDGES: dict[str, st.SearchStrategy[Any]] = {
    "placeholder": st.one_of(st.sampled_from(ODD), st.sampled_from(SUFFIXES), odd_texts),
    "name": odd_texts,
    "cadence": cadences,
    "rotation": cadences,
    "last_reviewed": dates,
    "last_rotated": dates,
    "deprecated_on": dates,
    "sunset_on": dates,
    "expected_peak": numbers,
    "limit": numbers,
    "timeout_seconds": numbers,
    "example": examples,
}


def _edge_value(leaf: Any) -> st.SearchStrategy[Any]:
    """Mostly edge values that keep the leaf's type and shape (so that many records still
    load), now and then one that does not."""
    if leaf is None:
        return st.one_of(numbers, odd_texts)
    if isinstance(leaf, bool):
        return st.one_of(st.booleans(), st.booleans(), odd_texts)
    if isinstance(leaf, dt.date):
        return st.one_of(dates, dates, dates, odd_texts)
    if isinstance(leaf, int | float):
        return st.one_of(numbers, numbers, numbers, odd_texts)
    if " " in leaf:  # prose: names, descriptions, notes
        return st.one_of(texts, st.builds("{} {}".format, st.just(leaf), texts), odd_texts)
    suffixed = st.builds("{}{}".format, st.just(leaf), st.sampled_from(SUFFIXES))
    return st.one_of(suffixed, suffixed, suffixed, odd_texts)


ANY = "any field"


def _targets(leaves: list[FieldPath]) -> dict[str, list[FieldPath]]:
    """The paths of each field in EDGES (an example as a whole), by field."""
    found: dict[str, list[FieldPath]] = {ANY: leaves}
    for path in leaves:
        for i, part in enumerate(path):
            if part in EDGES and (part == "example" or i == len(path) - 1):
                found.setdefault(str(part), []).append(path[: i + 1])
                break
    return {field: sorted(set(paths), key=str) for field, paths in sorted(found.items())}


@st.composite
def mutated_records(draw: st.DrawFn, field: str) -> tuple[str, bytes, list[FieldPath]]:
    """A valid case with an edge value in `field` (or in any leaf for ANY) and in at most one
    other leaf, written back as YAML."""
    name = draw(st.sampled_from([n for n in sorted(CASES) if field in _targets(CASES[n][1])]))
    data, leaves = CASES[name]
    record = yaml.safe_load(yaml.safe_dump(data))  # a deep copy
    changes: list[tuple[FieldPath, st.SearchStrategy[Any]]] = []
    if field != ANY:
        changes.append((draw(st.sampled_from(_targets(leaves)[field])), EDGES[field]))
    for path in draw(st.lists(st.sampled_from(leaves), min_size=field == ANY, max_size=1)):
        changes.append((path, _edge_value(_get(data, path))))
    for path, values in changes:
        if _has(record, path):  # not inside a value an earlier change replaced
            _set(record, path, draw(values))
    text = yaml.safe_dump(record, allow_unicode=draw(st.booleans()), sort_keys=False, width=1000)
    return name, text.encode("utf-8"), [path for path, _ in changes]


def _has(data: Any, path: FieldPath) -> bool:
    for part in path:
        keys = (
            data if isinstance(data, dict) else range(len(data)) if isinstance(data, list) else ()
        )
        if part not in keys:
            return False
        data = data[part]
    return True


def _get(data: Any, path: FieldPath) -> Any:
    for part in path:
        data = data[part]
    return data


def _set(data: Any, path: FieldPath, value: Any) -> None:
    _get(data, path[:-1])[path[-1]] = value


@pytest.mark.parametrize("field", [*EDGES, ANY])
def test_what_validate_accepts_every_output_takes(field: str) -> None:
    examples = 40 if field == ANY else 12

    @settings(SETTINGS, max_examples=examples)
    @given(mutated_records(field))
    def check(case: tuple[str, bytes, list[FieldPath]]) -> None:
        name, data, _ = case
        result = load_record(data, f"registry/{name}.yaml", expected_id=name)
        if result.ok:
            _every_output_works(result)
        else:
            _every_error_is_placed(result, data)

    check()


def _every_output_works(result: LoadResult) -> None:
    assert result.record is not None
    record = result.record.record
    document, _ = read_yaml(result.record.source, result.path)
    assert document is not None
    assert [e.message for e in SCHEMA.iter_errors(_as_json(document.data))] == []
    files = generate_all(Inputs([record], TODAY))
    report = check_reviews([result.report], TODAY, 30)
    shown = [data.decode() for data in files.values()]
    shown += [render(report) for render in (render_table, render_json, render_markdown, render_ics)]
    assert not [text for text in shown if FORBIDDEN.search(text.replace("\r\n", "\n"))]
    build_messages(report)
    assert check_names([result.record]) == [] or len(record.id) == 64  # Backstage allows 63
    render_catalog([record], {record.id: result.path})
    mock = mock_setup(record, None).mock
    for endpoint in record.endpoints:
        target = mock.base_path + endpoint.path.replace("{", "").replace("}", "")
        mock.handle(MockRequest(endpoint.method.value, target, {}))


def _as_json(value: Any) -> Any:
    """The record as JSON Schema tools see it: dates as text."""
    if isinstance(value, dict):
        return {key: _as_json(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_as_json(item) for item in value]
    return value.isoformat() if isinstance(value, dt.date) else value


def _every_error_is_placed(result: LoadResult, data: bytes) -> None:
    errors = [f for f in result.findings if f.severity == Severity.ERROR]
    assert errors
    lines = data.count(b"\n")
    for finding in errors:
        assert 1 <= finding.line <= lines and finding.col >= 1, finding
    assert any(f.field for f in errors), errors


# A raw character put into a plain value in the file: found at its exact line and column.
RAW_CHARACTERS = (
    "\x00\x01\x08\x0b\x0c\x1b\x1f\x7f\x80\x85\x9b\x9f\u2028\u2029\u202a\u202e\u2066\u2069"
)
PLAIN_TEXT = [
    (2, "name"),
    (4, "provider.name"),
    (7, "purpose"),
    (18, "auth.credentials[0].description"),
    (27, "endpoints[0].summary"),
    (35, "endpoints[0].responses.200.description"),
    (40, "rate_limits[0].scope"),
]


@SETTINGS
@given(
    st.sampled_from(PLAIN_TEXT),
    st.sampled_from(RAW_CHARACTERS),
    st.integers(min_value=1),
    st.sampled_from(["\n", "\r\n"]),
)
def test_a_raw_character_is_found_where_an_editor_shows_it(
    place: tuple[int, str], char: str, offset: int, newline: str
) -> None:
    line, field = place
    lines = case_text("minimal").splitlines()
    key, value = lines[line - 1].split(": ", 1)
    at = 1 + offset % (len(value) - 1)  # inside the value: never its first or last character
    lines[line - 1] = f"{key}: {value[:at]}{char}{value[at:]}"
    text = newline.join(lines) + newline
    result = load_record(text.encode(), "m.yaml", expected_id="minimal")
    assert [(f.line, f.col, f.field, f.code) for f in result.findings] == [
        (line, len(key) + 3 + at, field, "control-character")
    ]
