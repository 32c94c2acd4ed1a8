"""Control, bidi and separator characters: refused where an editor shows them, by name."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from intreg.records.characters import describe, mask
from intreg.records.explain import explain_errors
from intreg.records.findings import Finding
from intreg.records.loader import load_record
from intreg.records.model import Integration
from intreg.records.yaml_reader import read_yaml
from tests.helpers import case_text


def load(text: str) -> list[Finding]:
    return load_record(text.encode("utf-8"), "m.yaml", expected_id="minimal").findings


def shown(findings: list[Finding]) -> list[str]:
    return [f"{f.line}:{f.col} {f.field or '-'}: {f.message} [{f.code}]" for f in findings]


@pytest.mark.parametrize(
    ("char", "name"),
    [
        ("\x00", "U+0000 NULL"),
        ("\x1b", "U+001B ESCAPE"),
        ("\x7f", "U+007F DELETE"),
        ("\x85", "U+0085 NEXT LINE"),
        ("\x9b", "U+009B CONTROL SEQUENCE INTRODUCER"),
        ("\u2028", "U+2028 LINE SEPARATOR"),
        ("\u202e", "U+202E RIGHT-TO-LEFT OVERRIDE"),
        ("\u2066", "U+2066 LEFT-TO-RIGHT ISOLATE"),
        ("\uffff", "U+FFFF"),
    ],
)
def test_describe_names_the_code_point_and_the_character(char: str, name: str) -> None:
    assert describe(char) == name


def test_mask_replaces_forbidden_characters_in_place_but_keeps_line_endings() -> None:
    text, found = mask("a: x\u202ey\r\nb: \x1b\n")
    assert text == "a: x\ufffdy\r\nb: \ufffd\n"
    assert found == [(4, "\u202e"), (11, "\x1b")]


def test_a_raw_character_is_reported_at_its_column_in_crlf_and_cr_files() -> None:
    text = case_text("minimal").replace("Charge listing", "Charge\x1b[31m listing")
    for newline in ("\r\n", "\r"):
        findings = load(text.replace("\n", newline))
        assert shown(findings) == [
            "7:16 purpose: U+001B ESCAPE is not allowed in a record [control-character]"
        ]


def test_line_and_paragraph_separators_do_not_shift_later_lines() -> None:
    text = case_text("minimal").replace("Charge listing", "Charge\u2028\u2028listing")
    text = text.replace("cadence: quarterly", "cadence: bogus")
    assert shown(load(text)) == [
        "7:16 purpose: U+2028 LINE SEPARATOR is not allowed in a record [control-character]",
        "44:12 review.cadence: `bogus` is not a review cadence [invalid-format]",
    ]


def test_a_raw_character_in_a_key_names_the_key_as_yaml_read_it() -> None:
    text = case_text("minimal").replace("purpose:", "pur\u202epose:")
    findings = [f for f in load(text) if f.code == "control-character"]
    assert shown(findings) == [
        "7:4 pur\ufffdpose: U+202E RIGHT-TO-LEFT OVERRIDE is not allowed in a record "
        "[control-character]"
    ]


def test_an_escape_in_a_quoted_key_is_reported_at_the_escape() -> None:
    text = case_text("minimal").replace(
        "        description: The charge.\n",
        '        description: The charge.\n        headers: {"Request-\\e[0mId": Its id.}\n',
    )
    assert shown(load(text)) == [
        "36:28 endpoints[0].responses.200.headers.Request-\\x1b[0mId: the escape `\\x1b` writes "
        "U+001B ESCAPE, which is not allowed in a record [control-character]"
    ]


def test_an_escape_on_a_later_line_of_a_quoted_string_is_placed_on_that_line() -> None:
    text = case_text("minimal").replace(
        "purpose: Charge listing fees.",
        'purpose: "Charge \\\\u202e listing,\n  then \\u202e fees."',
    )
    assert shown(load(text)) == [
        "8:8 purpose: the escape `\\u202e` writes U+202E RIGHT-TO-LEFT OVERRIDE, which is not "
        "allowed in a record [control-character]"
    ]


def test_one_finding_per_field_however_many_characters_it_holds() -> None:
    text = case_text("minimal").replace("Charge listing", "\x01Charge\x02 listing\x03")
    assert [f.col for f in load(text)] == [10]


def test_tabs_line_breaks_and_directional_marks_are_allowed() -> None:
    text = case_text("minimal").replace(
        "purpose: Charge listing fees.", "purpose: |\n  Charge\tlisting\n  fees \u200fש\u200e."
    )
    assert load(text) == []


def test_a_record_built_in_code_gets_the_same_finding_from_the_model() -> None:
    document, _ = read_yaml(case_text("minimal").encode(), "m.yaml")
    assert document is not None
    data = {**document.data, "name": "Example \u202eypP"}
    with pytest.raises(ValidationError) as error:
        Integration.model_validate(data)
    [finding] = explain_errors(error.value, Integration, data, document.spans, "m.yaml")
    assert (finding.line, finding.field, finding.code, finding.message) == (
        2,
        "name",
        "control-character",
        "U+202E RIGHT-TO-LEFT OVERRIDE is not allowed",
    )
