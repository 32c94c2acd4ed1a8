"""The real site: `mkdocs build --strict` of every shipped record, sections, escaping, bytes."""

from __future__ import annotations

import base64
import hashlib
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest

from intreg.outputs.generate import read_pages
from intreg.outputs.outputs import Inputs, generate_all
from intreg.records.project import Project
from intreg.records.registry import load_registry
from intreg.scaffold.init import builtin_pages
from tests.outputs.site.conftest import HOSTILE, REPO
from tests.outputs.xss import CORPUS_ID

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
    """Collects h2 texts, the tags and attributes that appear in a page, and inline scripts."""

    def __init__(self) -> None:
        super().__init__()
        self.h2: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.inline_scripts: list[str] = []
        self._in_h2 = False
        self._script: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_h2 = self._in_h2 or tag == "h2"
        if tag == "h2":
            self.h2.append("")
        # A script runs unless it has a src or a data type (the theme's JSON configuration).
        kind = dict(attrs).get("type") or "text/javascript"
        if tag == "script" and "src" not in dict(attrs) and "javascript" in kind:
            self._script = ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "h2":
            self._in_h2 = False
        if tag == "script" and self._script is not None:
            self.inline_scripts.append(self._script)
            self._script = None

    def handle_data(self, data: str) -> None:
        if self._in_h2:
            self.h2[-1] += data
        if self._script is not None:
            self._script += data


def parse(path: Path) -> _Collector:
    collector = _Collector()
    collector.feed(path.read_text(encoding="utf-8"))
    return collector


def article(path: Path) -> str:
    html = path.read_text(encoding="utf-8")
    return html[html.index("<article") : html.index("</article>")]


@pytest.mark.parametrize("record_id", SHIPPED)
def test_every_integration_page_has_its_sections_in_order(built_site: Path, record_id: str):
    page = parse(built_site / "site" / "integrations" / record_id / "index.html")
    headings = [h.replace("¶", "").strip() for h in page.h2]
    assert [h for h in headings if h in SECTIONS] == SECTIONS


def test_overview_pages_exist(built_site: Path) -> None:
    site = built_site / "site"
    for page in [
        "catalogue",
        "reviews",
        "env-vars",
        "reference/fields",
        "writers-guide",
        "systems/saypro-classified",
        "systems/py360-renewal",
    ]:
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


CORPUS_PAGES = [
    f"integrations/{CORPUS_ID}",
    "catalogue",
    "reviews",
    "env-vars",
    "systems/py360-renewal",
    "systems/saypro-classified",
]
ACTIVE = {
    "script",
    "iframe",
    "frame",
    "object",
    "embed",
    "style",
    "link",
    "meta",
    "base",
    "form",
    "svg",
    "math",
    "noscript",
    "template",
    "input",
    "button",
    "textarea",
    "details",
}


@pytest.mark.parametrize("page", CORPUS_PAGES)
def test_corpus_pages_hold_no_active_markup(built_site: Path, page: str) -> None:
    """Every payload of the corpus, in every free-text field, ends up as inert text or markup."""
    body = without_diagrams(article(built_site / "site" / page / "index.html"))
    collector = _Collector()
    collector.feed(body)
    assert "window.__xss" in body.replace("&#95;", "_")  # the payloads are there, as text
    for tag, attrs in collector.tags:
        if _is_sample_tab(tag, attrs):
            continue
        assert tag not in ACTIVE, (tag, attrs)
        assert not [a for a in attrs if a.startswith("on") or a in {"style", "srcdoc"}], attrs
        if "href" in attrs:
            assert _scheme(attrs["href"] or "") in {None, "http", "https", "mailto"}, attrs
        if tag == "img":
            src = attrs.get("src") or ""
            assert _scheme(src) is None and not src.startswith(("//", "/\\")), attrs


def _is_sample_tab(tag: str, attrs: dict[str, str | None]) -> bool:
    """The radio button of a code-sample tab (pymdownx.tabbed), exactly as it writes them."""
    if tag != "input" or set(attrs) - {"checked", "id", "name", "type"}:
        return False
    name, id_ = attrs.get("name") or "", attrs.get("id") or ""
    return (
        attrs.get("type") == "radio"
        and re.fullmatch(r"__tabbed_\d+", name) is not None
        and re.fullmatch(re.escape(name) + r"_\d+", id_) is not None
    )


# What intreg's own diagrams (outputs/site/diagram.py) are drawn with: shapes and text only.
DIAGRAM_TAGS = {
    "figure", "figcaption", "svg", "title", "defs", "marker", "path", "g", "rect", "text", "tspan"
}  # fmt: skip
DIAGRAM_ATTRIBUTES = {
    "class", "id", "xmlns", "role", "width", "height", "viewBox", "aria-labelledby",
    "aria-describedby", "refX", "refY", "markerWidth", "markerHeight", "orient", "d", "x", "y",
    "rx", "ry", "text-anchor", "marker-end",
}  # fmt: skip
_DIAGRAM = re.compile(r'<figure class="intreg-diagram".*?</figure>', re.DOTALL)


def without_diagrams(body: str) -> str:
    """`body` without its diagrams, once each is shown to be well-formed XML made of shapes and
    text (no script, style, link, event attribute or foreign object), whatever the record says."""
    for figure in _DIAGRAM.findall(body):
        for element in ET.fromstring(figure).iter():
            assert element.tag.rpartition("}")[2] in DIAGRAM_TAGS, element.tag
            assert set(element.attrib) <= DIAGRAM_ATTRIBUTES, element.attrib
            if "marker-end" in element.attrib:
                assert re.fullmatch(r"url\(#intreg-[a-z0-9-]+\)", element.attrib["marker-end"])
    return _DIAGRAM.sub("", body)


def _scheme(url: str) -> str | None:
    cleaned = re.sub(r"[\t\n\r]", "", url).strip("".join(chr(c) for c in range(0x21)))
    found = re.match(r"([A-Za-z][A-Za-z0-9+.-]*):", cleaned)
    return found.group(1).lower() if found else None


def test_every_page_has_a_policy_that_allows_the_theme_scripts_only(built_site: Path) -> None:
    pages = sorted((built_site / "site").rglob("*.html"))
    assert len(pages) > 35  # every integration, system and overview page
    for html in pages:
        page = parse(html)
        policies = [
            a["content"] or ""
            for tag, a in page.tags
            if tag == "meta" and a.get("http-equiv") == "Content-Security-Policy"
        ]
        assert len(policies) == 1, html
        directives = dict(d.strip().split(" ", 1) for d in policies[0].split(";"))
        allowed = directives["script-src"].split()
        assert allowed[0] == "'self'" and all(a.startswith("'sha256-") for a in allowed[1:])
        assert directives["default-src"] == "'self'" and directives["object-src"] == "'none'"
        assert page.inline_scripts, html  # the theme's own, which the policy must allow
        for script in page.inline_scripts:
            digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
            assert f"'sha256-{digest}'" in allowed, (html, script[:80])


def test_no_page_loads_anything_from_another_host(built_site: Path) -> None:
    for html in (built_site / "site").rglob("*.html"):
        for tag, attrs in parse(html).tags:
            for attr in ("src", "href"):
                value = attrs.get(attr) or ""
                if tag in {"script", "link", "img"} and value.startswith(("http:", "https:", "//")):
                    pytest.fail(f"{html}: <{tag} {attr}={value}> loads from another host")


def test_generated_pages_are_byte_identical_across_builds(built_site: Path) -> None:
    project = Project(built_site)
    registry = load_registry(project.record_files(), built_site, systems=project.system_files())
    pages = {**builtin_pages(), **read_pages(built_site / "docs", built_site)}  # as generate
    import datetime as dt

    records = [r.record for r in registry.records]
    systems = [s.system for s in registry.systems]
    inputs = Inputs(records, dt.date(2026, 11, 24), pages, systems=systems)
    generated = generate_all(inputs)
    on_disk = {p: (built_site / "build" / p).read_bytes() for p in generated}
    assert generated == on_disk
