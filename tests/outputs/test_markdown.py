"""Record text is untrusted: it must render as text, never as markup or script."""

from __future__ import annotations

import markdown as python_markdown
import pytest

from intreg.outputs.markdown import cell, code, code_block, link, markdown, text
from intreg.outputs.site.page import Page

ATTACKS = [
    '<script>alert("x")</script>',
    "<img src=x onerror=alert(1)>",
    "[click](javascript:alert(1))",
    "<a href='javascript:alert(1)'>x</a>",
    "![i](data:text/html;base64,PHNjcmlwdD4=)",
    "**bold** _it_ `code` # heading | pipe \\ backslash {: onclick=x }",
]


def html(source: str) -> str:
    return python_markdown.markdown(source, extensions=["tables", "fenced_code", "admonition"])


@pytest.mark.parametrize("attack", ATTACKS)
def test_text_renders_every_character_literally(attack: str) -> None:
    rendered = html(text(attack))
    assert "<script" not in rendered and "<img" not in rendered and "<a " not in rendered
    assert "<strong>" not in rendered and "<code>" not in rendered and "<h1" not in rendered


def test_text_collapses_lines_and_defuses_line_starts() -> None:
    assert html(text("- not\n# a list")) == "<p>&#45; not &#35; a list</p>"
    assert html(text("1. not numbered")) == "<p>&#49;&#46; not numbered</p>"


def test_cells_cannot_break_a_table() -> None:
    page = Page("T")
    page.table(["A", "B"], [[cell("x | y\nz"), cell(None)]])
    rendered = html(page.render().decode())
    assert rendered.count("<td>") == 2
    assert "<td>x &#124; y z</td>" in rendered and "<td>—</td>" in rendered


def test_markdown_fields_keep_formatting_but_not_html_or_script_links() -> None:
    source = (
        "**bold** and `<b>code</b>` <script>alert(1)</script> [ok](https://x.example) "
        "[bad](javascript:alert(1)) [b2]( JavaScript:alert(2))\n\n```\n<i>kept</i>\n```\n"
    )
    rendered = html(markdown(source))
    assert "<strong>bold</strong>" in rendered
    assert "<code>&lt;b&gt;code&lt;/b&gt;</code>" in rendered
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in rendered and "<script" not in rendered
    assert '<a href="https://x.example" rel="noopener noreferrer">ok</a>' in rendered
    assert "javascript" not in rendered.lower()
    assert '<a rel="noopener noreferrer">bad</a> <a rel="noopener noreferrer">b2</a>' in rendered
    assert "<pre><code>&lt;i&gt;kept&lt;/i&gt;&#10;</code></pre>" in rendered


def test_links_allow_only_web_and_mail_addresses() -> None:
    assert html(link("a <b>", "https://x.example/a b")) == (
        '<p><a href="https://x.example/a%20b">a &#60;b&#62;</a></p>'
    )
    assert html(link("q", 'https://x.example/"><script>(1)`\\')) == (
        '<p><a href="https://x.example/%22%3E%3Cscript%3E%281%29%60%5C">q</a></p>'
    )
    assert html(link("bad", "javascript:alert(1)")) == "<p>bad</p>"
    assert html(link("bad", "\x01JavaScript:alert(1)")) == "<p>bad</p>"
    assert html(link("rel", "../integrations/stripe.md")) == (
        '<p><a href="../integrations/stripe.md">rel</a></p>'
    )


def test_code_shows_text_verbatim() -> None:
    assert html(code("/v1/{id}_x <b>")) == "<p><code>/v1/{id}_x &lt;b&gt;</code></p>"
    assert html(code("a`b")) == "<p><code>a`b</code></p>"
    block = code_block("```\n<b>", "json")
    assert block.startswith("````json\n") and html(block).count("<pre>") == 1


def test_page_refuses_unescaped_text() -> None:
    page = Page("T")
    with pytest.raises(TypeError, match="unescaped text would reach the page"):
        page.para("<script>")  # type: ignore[arg-type]


def test_page_title_goes_to_front_matter_html_escaped() -> None:
    page = Page("Evil </title><script>alert(1)</script> & co").render().decode()
    assert page.startswith(
        '---\ntitle: "Evil &lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; co"\n---\n'
    )
    assert "\n# Evil &#60;/title&#62;&#60;script&#62;alert(1)&#60;/script&#62; &#38; co\n" in page
