"""Record Markdown becomes sanitized HTML, and the builders' Markdown pass leaves it as it is."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import markdown as python_markdown
import pytest
import yaml

from intreg.outputs.markdown import markdown, text
from intreg.outputs.markdown_html import render_html, safe_url
from tests.outputs.xss import PAYLOADS

REPO = Path(__file__).parents[2]
ALLOWED = {
    "a",
    "blockquote",
    "br",
    "code",
    "div",
    "em",
    "h4",
    "h5",
    "h6",
    "hr",
    "img",
    "li",
    "ol",
    "p",
    "pre",
    "strong",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "ul",
}


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {k: v or "" for k, v in attrs}))


def tags(html: str) -> list[tuple[str, dict[str, str]]]:
    parser = _Tags()
    parser.feed(html)
    parser.close()
    return parser.tags


def scheme(url: str) -> str | None:
    """The scheme a browser reads from `url` (WHATWG: controls and spaces trimmed, tab and
    newline removed anywhere); None for a relative address."""
    cleaned = re.sub(r"[\t\n\r]", "", url).strip("".join(chr(c) for c in range(0x21)))
    found = re.match(r"([A-Za-z][A-Za-z0-9+.-]*):", cleaned)
    return found.group(1).lower() if found else None


def assert_inert(html: str) -> None:
    """No element, attribute or address in `html` can run script or load from another host."""
    for tag, attrs in tags(html):
        assert tag in ALLOWED, (tag, html)
        assert not [a for a in attrs if a.startswith("on") or a in {"style", "srcdoc"}], html
        if "href" in attrs:
            assert scheme(attrs["href"]) in {None, "http", "https", "mailto"}, attrs
        if tag == "img":
            src = re.sub(r"[\t\n\r]", "", attrs.get("src", "")).strip()
            assert scheme(src) is None and not src.startswith(("//", "/\\", "\\")), attrs


def site_html(markdown_page: str) -> str:
    """What MkDocs and Zensical make of a page: Python-Markdown with mkdocs.yml's extensions."""
    config = yaml.load((REPO / "mkdocs.yml").read_text(), Loader=_Loader)
    names, configs = [], {}
    for entry in config["markdown_extensions"]:
        name = next(iter(entry)) if isinstance(entry, dict) else entry
        names.append(name)
        configs[name] = entry[name] if isinstance(entry, dict) else {}
    return python_markdown.markdown(markdown_page, extensions=names, extension_configs=configs)


class _Loader(yaml.SafeLoader):
    """mkdocs.yml with its !ENV tags read as their default."""


_Loader.add_constructor("!ENV", lambda loader, node: loader.construct_sequence(node)[-1])


@pytest.mark.parametrize("payload", PAYLOADS.values(), ids=PAYLOADS.keys())
def test_every_payload_renders_inert(payload: str) -> None:
    assert_inert(render_html(payload))


@pytest.mark.parametrize("payload", PAYLOADS.values(), ids=PAYLOADS.keys())
def test_the_builders_pass_the_sanitized_html_through_unchanged(payload: str) -> None:
    built = site_html(f"{text('before')}\n\n{markdown(payload)}\n{text('after')}\n")
    sanitized = render_html(payload).replace("\n", "&#10;")  # the same to a browser
    assert built == f'<p>before</p>\n<div class="intreg-markdown">{sanitized}</div>\n\n<p>after</p>'
    assert_inert(built)


@pytest.mark.parametrize("payload", PAYLOADS.values(), ids=PAYLOADS.keys())
def test_plain_text_fields_stay_text(payload: str) -> None:
    built = site_html(f"{text(payload)}\n")
    assert [tag for tag, _ in tags(built)] == ["p"], built


def test_probe_findings_of_issue_24() -> None:
    # A backslash-escaped backtick inside a code span let a raw <script> through.
    assert "<script" not in render_html("`a\\`<script>window.__xss=1</script>`")
    # A control character before javascript: slipped past the scheme filter.
    assert (
        render_html("[x](\x01javascript:alert(1))") == '<p><a rel="noopener noreferrer">x</a></p>'
    )
    # An entity-encoded scheme was refused by MkDocs --strict but written to site/ anyway.
    assert "href" not in render_html("[x](javascript&#58;alert(1))")
    # A remote image (a tracking pixel) becomes a plain link to it.
    assert render_html("![pixel](https://tracker.example/p.gif)") == (
        '<p><a href="https://tracker.example/p.gif" rel="noopener noreferrer">pixel</a></p>'
    )


def test_formatting_is_kept() -> None:
    source = (
        "# Title\n\nSee **this** and _that_, `code <b>`, [docs](https://x.example/a?b=1&c=2) "
        "and <https://y.example>.\n\n- one\n- two\n\nThen:\n\n1. first\n\n> quoted\n\n"
        '| a | b |\n|:--|--:|\n| 1 | 2 |\n\n```json\n{"k": "<v>"}\n```\n\n'
        '!!! warning "Careful"\n    Body.\n\n![diagram](../images/flow.png)\n'
    )
    assert render_html(source) == (
        "<h4>Title</h4>\n<p>See <strong>this</strong> and <em>that</em>, <code>code &lt;b&gt;"
        '</code>, <a href="https://x.example/a?b=1&amp;c=2" rel="noopener noreferrer">docs</a> '
        'and <a href="https://y.example" rel="noopener noreferrer">https://y.example</a>.</p>\n'
        "<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n<p>Then:</p>\n<ol>\n<li>first</li>\n</ol>\n"
        "<blockquote>\n"
        '<p>quoted</p>\n</blockquote>\n<table>\n<thead>\n<tr>\n<th align="left">a</th>\n'
        '<th align="right">b</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td align="left">1</td>\n'
        '<td align="right">2</td>\n</tr>\n</tbody>\n</table>\n<pre><code class="language-json">'
        '{"k": "&lt;v&gt;"}\n</code></pre>\n<div class="admonition warning">\n'
        '<p class="admonition-title">Careful</p>\n<p>Body.</p>\n</div>\n'
        '<p><img alt="diagram" src="../images/flow.png"></p>'
    )


def test_classes_outside_the_allowlist_are_dropped() -> None:
    html = render_html(
        '!!! x-evil md-header "T"\n    B\n\n``` { .py .md-header #i onclick="x" }\nx\n```'
    )
    assert html == (
        '<div class="admonition">\n<p class="admonition-title">T</p>\n<p>B</p>\n</div>\n'
        '<pre><code class="language-py">x\n</code></pre>'
    )


def test_one_line_keeps_code_blocks_whole_in_the_page() -> None:
    block = markdown("```\n- item\n\n    indented\n```\n\n<!-- x\n\n-->")
    assert block.count("\n") == 1
    built = site_html(f"{block}\n")
    assert (
        "<li>" not in built and "<pre><code>- item&#10;&#10;    indented&#10;</code></pre>" in built
    )


@pytest.mark.parametrize(
    ("url", "local", "expected"),
    [
        ("https://x.example/a", False, "https://x.example/a"),
        ("mailto:a@b.example", False, "mailto:a@b.example"),
        ("../page/", False, "../page/"),
        (" \x01java\tscript:alert(1)", False, None),
        ("JAVASCRIPT:alert(1)", False, None),
        ("data:text/html,x", False, None),
        ("vbscript:x", False, None),
        ("img/a.png", True, "img/a.png"),
        ("https://x.example/a.png", True, None),
        ("//x.example/a.png", True, None),
        ("\t//x.example/a.png", True, None),
        ("/\\x.example/a.png", True, None),
    ],
)
def test_safe_url(url: str, local: bool, expected: str | None) -> None:
    assert safe_url(url, local=local) == expected
