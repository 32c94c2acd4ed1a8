from __future__ import annotations

import json

from intreg.records.findings import Finding, Severity
from intreg.records.report import render_github, render_json, render_text

FINDING = Finding(
    "registry/stripe.yaml",
    14,
    9,
    "auth.credentials[0].env_var",
    "secret-in-record",
    "looks like a Stripe secret or restricted key: `sk_live_4eC3…`",
    "write the variable name here",
)
WARNING = Finding(
    "registry/a,b.yaml", 2, 1, "", "note", "100% done: yes\nreally", "", Severity.WARNING
)


def test_text_gives_location_severity_field_message_code_and_hint() -> None:
    assert render_text([FINDING]) == (
        "registry/stripe.yaml:14:9: error: auth.credentials[0].env_var: looks like a Stripe "
        "secret or restricted key: `sk_live_4eC3…` [secret-in-record]\n"
        "  hint: write the variable name here\n"
    )


def test_json_is_a_list_of_flat_objects() -> None:
    assert json.loads(render_json([FINDING])) == [
        {
            "file": "registry/stripe.yaml",
            "line": 14,
            "column": 9,
            "path": "auth.credentials[0].env_var",
            "message": "looks like a Stripe secret or restricted key: `sk_live_4eC3…`",
            "severity": "error",
            "code": "secret-in-record",
            "hint": "write the variable name here",
        }
    ]
    assert render_json([]) == "[]\n"


def test_github_annotations_escape_data_and_properties() -> None:
    assert render_github([FINDING, WARNING]) == (
        "::error file=registry/stripe.yaml,line=14,col=9,title=secret-in-record::"
        "auth.credentials[0].env_var: looks like a Stripe secret or restricted key: "
        "`sk_live_4eC3…`%0Ahint: write the variable name here\n"
        "::warning file=registry/a%2Cb.yaml,line=2,col=1,title=note::100%25 done: yes%0Areally\n"
    )
