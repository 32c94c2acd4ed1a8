"""A whole draft record from a spec and the chosen operations, TODOs where the spec is silent."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from intreg.importer.auth import draft_auth
from intreg.importer.endpoints import draft_endpoint
from intreg.importer.formats import data_format
from intreg.importer.placeholders import STAND_IN_DATE, Todo, todo_text, todo_url
from intreg.importer.servers import STAND_IN_BASE, ServerUrl, base_urls, server_of
from intreg.records.types import URL_PATTERN
from intreg.specs.loader import Spec
from intreg.specs.operations import Operation, first_media

SCHEMA_MODELINE = "yaml-language-server: $schema=../schemas/integration.schema.json"


def public_source(source: str | None, spec: Spec) -> str | Todo:
    """`source` when it is a web address, else a placeholder naming where the spec was read."""
    if source is not None and re.match(URL_PATTERN, source):
        return source
    return Todo(f"TODO public URL of the spec (drafted from {spec.location})", STAND_IN_BASE)


def draft_header(spec: Spec) -> str:
    """The comment lines above the draft: schema modeline, where it came from, what to do."""
    converted = ", converted from Swagger 2.0" if spec.converted_from else ""
    version = f" {spec.version}" if spec.version else ""
    return (
        f"{SCHEMA_MODELINE}\n"
        f"Drafted by `intreg import openapi` from {spec.location}\n"
        f"({spec.title}{version}, OpenAPI {spec.openapi}{converted}).\n"
        'Replace every "TODO ..." value and check each fact against the provider\'s docs;\n'
        "`intreg validate` lists the placeholders left."
    )


def draft_record(
    spec: Spec, operations: Sequence[Operation], record_id: str, source: str | Todo
) -> dict[str, Any]:
    """The draft as a tree of plain values and Todo placeholders, in the model's key order."""
    url = source if isinstance(source, str) else None
    base_url, sandbox_url = base_urls(operations[0].servers)
    base = base_url if isinstance(base_url, str) else STAND_IN_BASE
    api = _api(spec, operations, base_url, sandbox_url, url)
    endpoints = [_endpoint(op, spec, source, api["request_format"], base) for op in operations]
    return {
        "id": record_id,
        "name": spec.title,
        "provider": _provider(spec),
        "purpose": todo_text("why we use it, in one sentence"),
        "owner": {
            "team": Todo("TODO owning team slug, e.g. payments", "team"),
            "contact": Todo("TODO team email, e.g. payments@example.com", "team@example.com"),
        },
        "auth": draft_auth(spec, operations, record_id, base, url),
        "api": api,
        "endpoints": endpoints,
        "rate_limits": [_rate_limit()],
        "review": {
            "last_reviewed": Todo("TODO date of this review, YYYY-MM-DD", STAND_IN_DATE),
            "cadence": Todo("TODO monthly, quarterly, annual, or ISO 8601 such as P6M", "P6M"),
        },
        "changes": [
            {
                "date": Todo("TODO today's date, YYYY-MM-DD", STAND_IN_DATE),
                "summary": f"Drafted from the provider's OpenAPI spec ({spec.title}).",
            }
        ],
        "sources": [{"title": f"OpenAPI spec: {spec.title}", "url": source}],
    }


def _provider(spec: Spec) -> dict[str, Any]:
    docs = spec.document.get("externalDocs")
    docs_url = docs.get("url") if isinstance(docs, dict) else None
    is_url = isinstance(docs_url, str) and re.match(URL_PATTERN, docs_url)
    return {
        "name": todo_text("provider name"),
        "website": todo_url("provider home page, e.g. https://provider.example"),
        "docs_url": docs_url if is_url else todo_url("API reference home page"),
    }


def _api(
    spec: Spec,
    operations: Sequence[Operation],
    base_url: str | Todo,
    sandbox_url: str | None,
    source: str | None,
) -> dict[str, Any]:
    api: dict[str, Any] = {"base_url": base_url}
    if sandbox_url is not None:
        api["sandbox_url"] = sandbox_url
    api["version"] = spec.version or todo_text("the API version we use")
    api["request_format"] = _first_format(op.request_body for op in operations)
    api["response_format"] = _first_format(
        response
        for op in operations
        for status, response in op.responses.items()
        if status.startswith("2")
    )
    if source is not None:
        api["source"] = source
    return api


def _first_format(holders: Any) -> str:
    for holder in holders:
        media = first_media(holder.get("content")) if isinstance(holder, dict) else None
        if media is not None:
            return data_format(media[0])
    return "json"


def _endpoint(
    op: Operation, spec: Spec, source: str | Todo, request_format: str, base: str
) -> dict[str, Any]:
    server = server_of(op.servers) or ServerUrl(base)
    endpoint = draft_endpoint(op, spec.resolver, source, request_format, server)
    if server.base != base:
        endpoint["server"] = server.base
    return endpoint


def _rate_limit() -> dict[str, Any]:
    return {
        "limit": Todo("TODO requests per period; or remove it and explain in notes", 100),
        "period": Todo("TODO second, minute, hour, day or month", "second"),
        "scope": todo_text("what it applies to, e.g. per account"),
        "source": todo_url("provider page on rate limits"),
    }
