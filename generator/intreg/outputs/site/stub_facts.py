"""What the OpenAPI stub declares beyond the record's own words, as facts on the integration
page: where to download the stub, its servers and security schemes, and per operation its id,
own server and security (the page once had a separate API reference for these; issue 22)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import PurePosixPath
from typing import Any

from intreg.outputs.credential_fields import ISSUES_TOKEN
from intreg.outputs.markdown import Safe, code, link, text, url
from intreg.outputs.openapi import stub_path
from intreg.outputs.site import links

S = Safe
# Long prose, already on the page (the auth section) or in the downloaded stub.
_LEFT_OUT = ("description",)


def stub_facts(
    here: PurePosixPath, record_id: str, document: dict[str, Any]
) -> list[tuple[str, Safe]]:
    """The stub's download link and version, servers, security schemes and default security."""
    download = link(stub_path(record_id).name, links.relative(here, links.stub_download(record_id)))
    rows = [("OpenAPI stub", S(f"{download} (OpenAPI {text(document['openapi'])})"))]
    rows.append(("Servers", servers_words(document["servers"])))
    for name, scheme in document.get("components", {}).get("securitySchemes", {}).items():
        rows.append((f"Security scheme {code(name)}", scheme_words(scheme)))
    rows.append(("Security", requirement_words(document["security"])))
    return rows


def operation_facts(operation: dict[str, Any]) -> list[tuple[str, Safe]]:
    """The operation's id, and its server, security and the token it issues where it has them."""
    rows = [("Operation ID", code(operation["operationId"]))]
    if "servers" in operation:
        rows.append(("Server", servers_words(operation["servers"])))
    if "security" in operation:
        rows.append(("Security", requirement_words(operation["security"])))
    if ISSUES_TOKEN in operation:
        rows.append(("Issues", S(f"the access token kept in {code(operation[ISSUES_TOKEN])}")))
    return rows


def servers_words(servers: list[dict[str, str]]) -> Safe:
    """`https://api.example.com (Production), ...`."""
    return S(", ".join(f"{url(s['url'])} ({text(s['description'])})" for s in servers))


def requirement_words(requirement: list[dict[str, list[str]]]) -> Safe:
    """An OpenAPI `security` list in words: the schemes each option needs, with scopes."""
    if not requirement:
        return S(
            "none declared (no OpenAPI security scheme applies; a credential sent in the path "
            "or the body is marked there)"
        )
    options = [
        " and ".join(
            f"{code(name)}" + (f" (scopes {', '.join(code(s) for s in scopes)})" if scopes else "")
            for name, scopes in option.items()
        )
        for option in requirement
    ]
    return S(" or ".join(options))


def scheme_words(scheme: dict[str, Any]) -> Safe:
    """A securitySchemes entry as the stub spells it: `key: value` pairs, nested keys dotted
    (OAuth flows), scopes by name; values as JSON, never as Python writes them."""
    return S(", ".join(str(code(f"{key}: {value}")) for key, value in _flat(scheme, "")))


def _flat(node: dict[str, Any], prefix: str) -> Iterator[tuple[str, str]]:
    for key, value in node.items():
        name = f"{prefix}{key}"
        if key in _LEFT_OUT:
            continue
        if key == "scopes" and isinstance(value, dict):
            yield name, ", ".join(value) or "none"
        elif isinstance(value, dict) and (key == "flows" or prefix.startswith("flows.")):
            yield from _flat(value, f"{name}.")  # flows.clientCredentials.tokenUrl: ...
        else:
            yield name, _json(value)


def _json(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
