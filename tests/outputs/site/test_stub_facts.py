"""The OpenAPI stub's own declarations as facts on the integration page (issue 22: the API
reference page is folded into it), rendered in memory."""

from __future__ import annotations

import datetime as dt

from intreg.outputs.openapi import render_openapi
from intreg.outputs.site.integration import render_integration
from intreg.outputs.site.stub_facts import requirement_words, scheme_words
from tests.records.test_scorecard import record


def test_a_scheme_reads_as_the_stub_spells_it_with_json_values() -> None:
    scheme = {
        "type": "oauth2",
        "description": "Long prose, on the page already.",
        "flows": {
            "clientCredentials": {"tokenUrl": "https://t.example/token", "scopes": {"a": "A"}}
        },
        "x-intreg-credentials": ["TOKEN"],
        "x-intreg-sigv4": {"service": "s3", "region": "us-east-1"},
    }
    assert scheme_words(scheme) == (
        "`type: oauth2`, `flows.clientCredentials.tokenUrl: https://t.example/token`, "
        '`flows.clientCredentials.scopes: a`, `x-intreg-credentials: ["TOKEN"]`, '
        '`x-intreg-sigv4: {"service": "s3", "region": "us-east-1"}`'
    )


def test_a_requirement_names_its_schemes_and_scopes_or_says_there_is_none() -> None:
    assert requirement_words([{"oauth2": ["read", "write"], "key": []}]) == (
        "`oauth2` (scopes `read`, `write`) and `key`"
    )
    assert requirement_words([{"a": []}, {"b": []}]) == "`a` or `b`"
    assert requirement_words([]).startswith("none declared (no OpenAPI security scheme applies")


def test_the_page_has_the_stub_link_servers_security_and_each_operation_id() -> None:
    full = record("full")
    document = render_openapi(full)
    page = render_integration(full, dt.date(2026, 11, 24), {"full"}).decode()
    endpoints = page[page.index("## Endpoints") :].split("\n## ")[0]
    assert (
        "- **OpenAPI stub:** [full.openapi.yaml](<../../downloads/openapi/full.openapi.yaml>)"
        " (OpenAPI &#51;&#46;1.0)\n"
    ) in endpoints
    servers = ", ".join(
        f"[{s['url'].replace(':', '&#58;')}](<{s['url']}>) ({s['description']})"
        for s in document["servers"]
    )
    assert f"- **Servers:** {servers}\n" in endpoints
    for name in document["components"]["securitySchemes"]:
        assert f"- **Security scheme `{name}`:** `type: " in endpoints
    operations = [op for ops in document["paths"].values() for op in ops.values()]
    assert len(operations) == len(full.endpoints) >= 1
    for operation in operations:
        assert f"- **Operation ID:** `{operation['operationId']}`\n" in endpoints
        for status in operation["responses"]:
            assert f"**Response {status}**: " in endpoints
    # Given the stub it already has, the page is the same.
    given = render_integration(full, dt.date(2026, 11, 24), {"full"}, document=document)
    assert given.decode() == page
