"""The real site: `mkdocs build --strict` of every shipped record, sections, escaping, bytes."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from intreg.outputs.outputs import Inputs, generate_all
from intreg.outputs.generate import read_pages
from intreg.records.files import find_record_files
from intreg.records.registry import load_registry
from tests.outputs.site.conftest import HOSTILE, REPO

pytestmark = pytest.mark.slow

SECTIONS = [
    "Overview",
    "Authentication and credentials",
    "Endpoints",
    "Data formats and rate limits",
    "Configuration and webhooks",
    "Errors and troubleshooting",
    "Testing",
    "Versioning and deprecation",
    "Maintenance",
    "Sources",
]
SHIPPED = sorted(p.stem for p in (REPO / "registry").glob("*.yaml"))


class _Collector(HTMLParser):
    """Collects h2 texts and the tags and attributes that appear in a page."""

    def __init__(self) -> None:
        super().__init__()
        self.h2: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self._in_h2 = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_h2 = self._in_h2 or tag == "h2"
        if tag == "h2":
            self.h2.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "h2":
            self._in_h2 = False

    def handle_data(self, data: str) -> None:
        if self._in_h2:
            self.h2[-1] += data


def parse(path: Path) -> _Collector:
    collector = _Collector()
    collector.feed(path.read_text(encoding="utf-8"))
    return collector


def article(path: Path) -> str:
    html = path.read_text(encoding="utf-8")
    return html[html.index("<article"):html.index("</article>")]


@pytest.mark.parametrize("record_id", SHIPPED)
def test_every_integration_page_has_its_sections_in_order(built_site: Path, record_id: str):
    page = parse(built_site / "site" / "integrations" / record_id / "index.html")
    headings = [h.replace("¶", "").strip() for h in page.h2]
    assert [h for h in headings if h in SECTIONS] == SECTIONS


def test_overview_pages_exist(built_site: Path) -> None:
    site = built_site / "site"
    for page in ["catalogue", "reviews", "env-vars", "reference/fields", "writers-guide",
                 "systems/saypro-classified", "systems/py360-renewal", "api-reference/stripe"]:
        assert (site / page / "index.html").is_file(), page
    assert (site / "downloads" / "openapi" / "stripe.openapi.yaml").is_file()
    assert (site / "downloads" / "env" / "py360-renewal" / "backend.env.example").is_file()


def test_hostile_record_text_is_shown_never_run(built_site: Path) -> None:
    page = built_site / "site" / "integrations" / HOSTILE / "index.html"
    body = article(page)
    tags = {tag for tag, _ in parse(page).tags if tag in {"script", "img", "b", "i"}}
    assert not tags & {"img", "b", "i"}
    assert "javascript:" not in body.lower()
    assert "onerror=alert" not in body.replace("&#61;", "=") or "<img" not in body
    assert "&lt;script&gt;alert" in body or "&#60;script&#62;alert" in body
    assert "<script>alert" not in page.read_text(encoding="utf-8")
    assert "<strong>Markdown</strong>" in body  # Markdown fields keep their formatting
    rows = re.findall(r"<tr>.*?</tr>", body, re.DOTALL)
    assert any("Send &#124; &#60;i&#62;one&#60;/i&#62; line" in row for row in rows)


def test_no_page_loads_anything_from_another_host(built_site: Path) -> None:
    for html in (built_site / "site").rglob("*.html"):
        for tag, attrs in parse(html).tags:
            for attr in ("src", "href"):
                value = attrs.get(attr) or ""
                if tag in {"script", "link", "img"} and value.startswith(("http:", "https:", "//")):
                    pytest.fail(f"{html}: <{tag} {attr}={value}> loads from another host")


def test_generated_pages_are_byte_identical_across_builds(built_site: Path) -> None:
    registry = load_registry(find_record_files([built_site / "registry"]), built_site)
    pages = read_pages(built_site / "docs")
    import datetime as dt

    inputs = Inputs([r.record for r in registry.records], dt.date(2026, 11, 24), pages)
    generated = generate_all(inputs)
    on_disk = {p: (built_site / "build" / p).read_bytes() for p in generated}
    assert generated == on_disk
