"""The OpenAPI stub rendered as a page, so it can be read on the site without any CDN."""

from __future__ import annotations

import json
from typing import Any

from intreg.outputs.markdown import Safe, code, json_block, link, markdown, text, url
from intreg.outputs.site import links
from intreg.outputs.site.body_table import body_table
from intreg.outputs.site.page import Page, cells

S = Safe
# Below the integration page it belongs to, which covers the same operations for readers.
SEARCH_BOOST = 0.5
_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


def render_api_reference(record_id: str, document: dict[str, Any]) -> bytes:
    """Info, servers, security and every operation of the stub `document`."""
    info = document["info"]
    here = links.api_page(record_id)
    page = Page(f"{info['title']}: API reference", search_boost=SEARCH_BOOST)
    page.para(
        S("Rendered from the generated OpenAPI stub ("),
        link("download it", links.relative(here, links.stub_download(record_id))),
        S(") · "),
        link("integration page", links.relative(here, links.integration_page(record_id))),
        S("."),
    )
    page.facts(
        [
            ("OpenAPI", text(document["openapi"])),
            ("Version", text(info["version"])),
            ("Contact", text(info["contact"]["email"])),
        ]
    )
    page.table(
        ["Server", "Description"],
        [cells(url(s["url"]), s.get("description")) for s in document["servers"]],
    )
    for name, scheme in document.get("components", {}).get("securitySchemes", {}).items():
        details = ", ".join(
            f"{k}: {v}" for k, v in scheme.items() if k not in ("description", "flows")
        )
        page.para(S("**Security scheme** "), code(name), S(": "), text(details))
    for path, operations in document["paths"].items():
        for method in (m for m in _METHODS if m in operations):
            _operation(page, method, path, operations[method])
    return page.render()


def _operation(page: Page, method: str, path: str, op: dict[str, Any]) -> None:
    page.heading(2, S(f"{method.upper()} {text(path)}"))
    page.para(code(op["operationId"]), S(": "), text(op["summary"]))
    if op.get("description") and op["description"] != op["summary"]:
        page.block(markdown(op["description"]))
    if op.get("parameters"):
        page.table(
            ["Name", "In", "Required", "Schema", "Description"],
            [
                cells(
                    p["name"],
                    p["in"],
                    "yes" if p.get("required") else "no",
                    ", ".join(f"{k}: {_json(v)}" for k, v in _schema_and_style(p).items()),
                    p.get("description"),
                )
                for p in op["parameters"]
            ],
        )
    body = op.get("requestBody")
    if body:
        for media_type, media in body["content"].items():
            page.para(S("**Request body** ("), code(media_type), S(")"))
            _media(page, media)
    for status, response in op["responses"].items():
        page.para(S(f"**{text(status)}**: "), text(response["description"]))
        for media in response.get("content", {}).values():
            _media(page, media)


def _schema_and_style(parameter: dict[str, Any]) -> dict[str, Any]:
    """The parameter's schema keywords, then how it goes on the wire when the stub says."""
    wire = {k: parameter[k] for k in ("style", "explode") if k in parameter}
    return {**parameter["schema"], **wire}


def _json(value: Any) -> str:
    """A schema value as JSON writes it (`["a"]`, `false`), never as Python would."""
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def _media(page: Page, media: dict[str, Any]) -> None:
    fields = body_table(media["schema"], media.get("example")) if "schema" in media else None
    if fields is not None:
        page.block(fields)  # the full schema is in the stub, downloadable above
    elif "schema" in media:
        page.para(S("Schema: "), code(_schema_words(media["schema"])))
    if "example" in media:
        page.para(S("Example:"))
        page.block(json_block(media["example"]))


def _schema_words(schema: dict[str, Any]) -> str:
    """A body without fields in a few words: its type (and items), e.g. `array of string`."""
    kind = schema.get("type", "any")
    items = schema.get("items")
    if kind == "array" and isinstance(items, dict) and "type" in items:
        return f"array of {items['type']}"
    return str(kind)
