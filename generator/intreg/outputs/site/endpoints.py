"""The Endpoints section of an integration page: the record's words and what its OpenAPI stub
declares (operation ids, servers, security, the answers intreg adds), one place for both."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from intreg.outputs.markdown import Safe, code, code_block, json_block, markdown, tabs, text, url
from intreg.outputs.samples.curl import curl_sample
from intreg.outputs.samples.javascript import javascript_sample
from intreg.outputs.samples.python import python_sample
from intreg.outputs.samples.request import parameter_style, wire_request
from intreg.outputs.site import links
from intreg.outputs.site.body_table import body_table
from intreg.outputs.site.page import Page, cells, table
from intreg.outputs.site.response_links import links_table
from intreg.outputs.site.stub_facts import operation_facts, stub_facts
from intreg.records.endpoint import Endpoint, Parameter
from intreg.records.model import Integration
from intreg.records.wire.encode import header_text, path_text, query_pairs

S = Safe


def endpoints_body(page: Page, r: Integration, document: dict[str, Any]) -> None:
    """The stub's facts, the table of endpoints, then each endpoint; `document` is the stub."""
    page.facts(stub_facts(links.integration_page(r.id), r.id, document))
    page.table(
        ["Method", "Path", "Summary"],
        [cells(e.method, code(e.path), e.summary) for e in r.endpoints],
    )
    for e in r.endpoints:
        operation = document["paths"][e.path][e.method.value.lower()]
        page.heading(3, S(f"{e.method} {text(e.path)}"))
        page.para(text(e.summary))
        if e.description:
            page.block(markdown(e.description))
        page.facts(
            [
                *operation_facts(operation),
                ("Timeout", text(f"{e.timeout_seconds:g} s") if e.timeout_seconds else S("")),
                ("Idempotent", text({True: "yes", False: "no", None: ""}[e.idempotent])),
                ("Idempotency header", text(e.idempotency_header or "")),
                ("Source", url(e.source)),
            ]
        )
        for chunk in _details(r, e, operation):
            page.block(chunk)


def _details(r: Integration, e: Endpoint, operation: dict[str, Any]) -> Iterator[Safe]:
    if operation.get("parameters"):
        own = {(p.location.value, p.name): p for p in e.parameters}
        rows = [_parameter_row(q, own.get((q["in"], q["name"]))) for q in operation["parameters"]]
        yield table(["Parameter", "In", "Type", "Required", "Description", "Example"], rows)
    if e.request is not None:
        for media_type, media in operation["requestBody"]["content"].items():
            yield S(f"**Request** ({code(media_type)})\n")
            if e.request.description:
                yield S(f"{text(e.request.description)}\n")
            yield from _media(media, e.request.fields_source)
    for status, answer in operation["responses"].items():
        yield S(f"**Response {text(status)}**: {text(answer['description'])}\n")
        response = e.responses.get(status)  # None: an answer intreg adds (see openapi.py)
        if response is not None and response.headers:
            rows = [cells(code(name), what) for name, what in response.headers.items()]
            yield table(["Header", "What it carries"], rows)
        for media in answer.get("content", {}).values():
            yield from _media(media, response.fields_source if response else None)
        if response is not None and response.links:
            yield links_table(response.links)
    if e.data_mapping:
        yield S("**Data mapping**\n")
        yield table(
            ["Our field", "Provider field", "Transformation"],
            [cells(code(m.ours), code(m.theirs), m.transformation) for m in e.data_mapping],
        )
    yield from _try_it(r, e)


def _parameter_row(declared: dict[str, Any], own: Parameter | None) -> list[Safe]:
    """A parameter as the stub declares it (a credential parameter is the stub's own), with
    the record's description and its example as it goes on the wire."""
    where = declared["in"]
    if "style" in declared:
        where += f" ({declared['style']}, explode {str(declared['explode']).lower()})"
    return cells(
        declared["name"],
        where,
        text(_schema_words(declared["schema"])),
        "yes" if declared.get("required") else "no",
        own.description if own is not None else declared["description"],
        code(example_text(own)) if own is not None and own.example is not None else None,
    )


def _media(media: dict[str, Any], fields_source: str | None) -> Iterator[Safe]:
    """A body's fields as a table (what the stub declares), then its example."""
    schema = media.get("schema")
    fields = body_table(schema, media.get("example")) if schema is not None else None
    if fields is not None:
        yield fields
        if fields_source is not None:
            yield Safe(f"Field rules from {url(fields_source)}.\n")  # url() escapes it
    elif schema is not None:
        yield S(f"Schema: {code(_schema_words(schema))}\n")
    if "example" in media:
        yield json_block(media["example"])


def _schema_words(schema: dict[str, Any]) -> str:
    """A schema without fields in a few words: `array of string`, `string, one of a, b`."""
    kind = str(schema.get("type", "any"))
    items = schema.get("items")
    values = schema.get("enum")
    if kind == "array" and isinstance(items, dict):
        kind = f"array of {items.get('type', 'any')}"
        values = items.get("enum")
    if isinstance(values, list):
        kind += ", one of " + ", ".join(v if isinstance(v, str) else json.dumps(v) for v in values)
    return kind


def _try_it(r: Integration, e: Endpoint) -> Iterator[Safe]:
    yield S(
        "**Try it**: credentials come from your environment; the Python sample needs "
        "`requests`, the JavaScript one Node.js 18 or later (save it as a `.mjs` file)\n"
    )
    request = wire_request(r, e)
    samples = tabs(
        [
            ("curl", code_block(curl_sample(request), "sh")),
            ("Python", code_block(python_sample(request), "python")),
            ("JavaScript", code_block(javascript_sample(request), "js")),
        ]
    )
    # The samples stay out of the search index: their code matched any query for "curl" or
    # "import" and was a third of it. Material and Zensical skip what is marked
    # data-search-exclude; md_in_html lets the tabs inside be Markdown. A <section>, because
    # Material's parser ends the exclusion at the first closing tag of the same name, and the
    # tabs are made of <div>s (issue 22).
    yield S(f'<section data-search-exclude="true" markdown="1">\n\n{samples}\n</section>\n')


def example_text(p: Parameter) -> str:
    """A parameter's example as it goes on the wire (not percent-encoded): `expand[]=a` or
    `properties=a,b` in the query, the bare value in the path and headers."""
    style, explode = parameter_style(p)
    if p.location.value in ("query", "cookie"):
        pairs = query_pairs(p.name, p.example, style, explode)
        return "&".join(f"{key}={value}" for key, value in pairs)
    if p.location.value == "path":
        return path_text(p.name, p.example, style, explode)
    return header_text(p.example, explode)
