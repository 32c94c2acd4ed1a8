"""The API reference folded into the integration page (issue 22, item 3): one page per
integration, nothing the separate reference page showed lost, no link to it left."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
import yaml

from tests.outputs.site.test_build import SHIPPED, article

pytestmark = pytest.mark.slow
METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


def test_no_api_reference_page_or_link_is_left(built_site: Path) -> None:
    site = built_site / "site"
    assert not list(site.rglob("api-reference"))
    assert not list((built_site / "build" / "docs").rglob("api-reference*"))
    for page in sorted(site.rglob("*.html")):
        hrefs = re.findall(r'href="([^"]*)"', page.read_text(encoding="utf-8"))
        # Providers' own docs may say api-reference (HubSpot's do); our pages may not.
        ours = [h for h in hrefs if "api-reference" in h and not h.startswith("https://")]
        assert ours == [], page
    indexes = sorted(site.rglob("search*.json"))  # Material's and Zensical's search index
    assert indexes
    for index in indexes:
        assert not re.search(r"integrations/[^\"/]+/api-reference", index.read_text("utf-8"))


def _endpoint_sections(body: str) -> dict[str, str]:
    """Each `### METHOD path` section of a page, by its heading's text."""
    sections = {}
    for chunk in re.split(r"(?=<h[23][ >])", body):
        if chunk.startswith("<h3"):
            heading = chunk[: chunk.index("</h3>")]
            title = html.unescape(re.sub(r"<[^>]+>", "", heading)).replace("¶", "").strip()
            sections[title] = chunk
    return sections


@pytest.mark.parametrize("record_id", SHIPPED)
def test_the_page_carries_what_the_stub_declares(built_site: Path, record_id: str) -> None:
    """Servers, security schemes, the stub's link, and per operation its id, own server and
    security and every response the stub lists (those intreg adds too)."""
    stub_file = built_site / "site" / "downloads" / "openapi" / f"{record_id}.openapi.yaml"
    stub = yaml.safe_load(stub_file.read_text(encoding="utf-8"))
    body = article(built_site / "site" / "integrations" / record_id / "index.html")
    endpoints = body[body.index('id="endpoints"') :].split("<h2")[0]
    text = html.unescape(endpoints)
    link = f'<a href="../../downloads/openapi/{record_id}.openapi.yaml">{record_id}.openapi.yaml'
    assert link in endpoints
    for server in stub["servers"]:
        assert f"{server['url']} ({server['description']})" in re.sub(r"<[^>]+>", "", text)
    for name, scheme in stub.get("components", {}).get("securitySchemes", {}).items():
        assert f"Security scheme <code>{name}</code>" in text
        assert f"<code>type: {scheme['type']}</code>" in text
    sections = _endpoint_sections(endpoints)
    for path, operations in stub["paths"].items():
        for method in (m for m in METHODS if m in operations):
            operation = operations[method]
            section = html.unescape(sections[f"{method.upper()} {path}"])
            assert f"<strong>Operation ID:</strong> <code>{operation['operationId']}</code>" in (
                section
            )
            for server in operation.get("servers", []):
                assert f'<strong>Server:</strong> <a href="{server["url"]}"' in section
            for option in operation.get("security", []):
                for scheme_name in option:
                    assert f"<code>{scheme_name}</code>" in section.split("Security:")[1]
            if operation.get("security") == []:
                assert "<strong>Security:</strong> none declared" in section
            for status in operation["responses"]:
                assert f"<strong>Response {status}</strong>" in section
            for parameter in operation.get("parameters", []):
                assert f"<td>{parameter['name']}</td>" in section
