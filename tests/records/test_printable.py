"""Text printed to a terminal or a log carries no control, bidi or separator character."""

from __future__ import annotations

import pytest

from intreg.records.findings import Finding
from intreg.records.printable import printable, printable_lines
from intreg.records.report import render_text


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("plain € text\twith a tab", "plain € text\twith a tab"),
        ("\x1b[31mred\x1b[0m", "\\x1b[31mred\\x1b[0m"),
        ("a\x00b\x7fc\x85d\x9be", "a\\x00b\\x7fc\\x85d\\x9be"),
        ("safe\u202etxt.exe", "safe\\u202etxt.exe"),
        (
            "\u2066isolate\u2069 \u200fmark \ufeffbom",
            "\\u2066isolate\\u2069 \\u200fmark \\ufeffbom",
        ),
        ("one\ntwo\rthree\u2028four", "one\\x0atwo\\x0dthree\\u2028four"),
    ],
)
def test_printable_escapes_what_a_terminal_would_act_on(text, shown):
    assert printable(text) == shown
    assert printable(shown) == shown  # idempotent: escaping twice changes nothing


def test_printable_lines_keeps_line_breaks_only():
    assert printable_lines("one\ntwo\x1b\r") == "one\ntwo\\x1b\\x0d"


def test_a_finding_prints_as_the_lines_it_is_whatever_the_record_holds():
    finding = Finding(
        "registry/x.yaml", 3, 5, "name", "bad", "value 'a\nregistry/y.yaml:1:1: error: forged'"
    )
    text = render_text([finding])
    assert text == (
        "registry/x.yaml:3:5: error: name: value 'a\n"
        "    registry/y.yaml:1:1: error: forged' [bad]\n"
    )
    escaped = Finding("registry/x.yaml", 3, 5, "name\x1b", "bad", "\x1b[2J gone", "\u202eh")
    assert (escaped.field, escaped.message, escaped.hint) == (
        "name\\x1b",
        "\\x1b[2J gone",
        "\\u202eh",
    )
