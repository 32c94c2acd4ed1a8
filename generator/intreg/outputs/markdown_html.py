"""A record's Markdown field as HTML: rendered by Python-Markdown, then cleaned by an allowlist.

The builders never see record Markdown: both MkDocs and Zensical run Python-Markdown over the
page, and escaping Markdown so that their parse matches ours proved leaky (issue 24). Here raw
HTML is switched off, images from other hosts become links, and nh3 (ammonia) keeps only the
tags, attributes, classes and URL schemes listed below, whatever the renderer produced.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from collections.abc import Callable
from functools import cache

import markdown as python_markdown
import nh3
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

# Everything Python-Markdown makes of the syntax we accept (record headings move down to h4-h6,
# below the page's own sections); anything else is dropped and its text kept.
_TAGS = {
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
_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title"},
    "ol": {"start"},
    "td": {"align"},
    "th": {"align"},
    "code": {"class"},
    "div": {"class"},
    "p": {"class"},
}
_SCHEMES = {"http", "https", "mailto"}
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
_ADMONITIONS = {
    "admonition",
    "note",
    "abstract",
    "info",
    "tip",
    "success",
    "question",
    "warning",
    "failure",
    "danger",
    "bug",
    "example",
    "quote",
}
# Which classes each tag may keep: the admonition kinds, and a fenced block's language.
_CLASSES: dict[str, Callable[[str], object]] = {
    "div": _ADMONITIONS.__contains__,
    "p": {"admonition-title"}.__contains__,
    "code": re.compile(r"language-[A-Za-z0-9_+-]+").fullmatch,
}
# C0 controls and DEL, which YAML's "\x01" escapes can put into a record; tab and newline stay.
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
# Browsers drop these from a URL before they read its scheme (WHATWG URL: strip leading and
# trailing C0 controls and spaces, remove every tab and newline).
_URL_IGNORED = re.compile(r"[\t\n\r]")
_URL_EDGES = "".join(chr(c) for c in range(0x21))
_ONE_LINE = str.maketrans({"\n": "&#10;", "\r": "&#13;", "\t": "&#9;"})


def render_html(source: str) -> str:
    """`source` (record Markdown) as an HTML fragment holding only allowlisted markup."""
    html = _renderer().reset().convert(_CONTROLS.sub("", source))
    return _cleaner().clean(html)


def one_line(html: str) -> str:
    """`html` with its line breaks and tabs as character references: the same document to a
    browser, but a single line, so that no line-based Markdown rule of a builder can match
    inside it (a fence, a list, an indented block)."""
    return html.translate(_ONE_LINE)


def safe_url(value: str, *, local: bool = False) -> str | None:
    """`value` if it is an http(s), mailto or relative address (only a relative path when
    `local`), read as a browser would; None otherwise."""
    url = _URL_IGNORED.sub("", value).strip(_URL_EDGES)
    scheme = _SCHEME.match(url)
    if local:
        return url if not scheme and not url.startswith("//") and "\\" not in url else None
    return url if not scheme or scheme.group(1).lower() in _SCHEMES else None


def _filter(tag: str, attribute: str, value: str) -> str | None:
    if attribute in {"href", "src"}:
        return safe_url(value, local=tag == "img")
    if attribute == "class":
        kept = [c for c in value.split() if _CLASSES[tag](c)]
        return " ".join(kept) or None
    return value


@cache
def _cleaner() -> nh3.Cleaner:
    return nh3.Cleaner(
        tags=_TAGS,
        attributes=_ATTRIBUTES,
        attribute_filter=_filter,
        url_schemes=_SCHEMES,
        strip_comments=True,
    )


@cache
def _renderer() -> python_markdown.Markdown:
    md = python_markdown.Markdown(
        extensions=["tables", "fenced_code", "admonition", _RecordExtension()],
        extension_configs={"tables": {"use_align_attribute": True}},
    )
    # Raw HTML in a record is text, not markup (Python-Markdown's documented way to turn it off).
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    return md


class _RecordExtension(Extension):
    def extendMarkdown(self, md: python_markdown.Markdown) -> None:  # Python-Markdown names it
        # After the inline patterns (20) have made the links and images.
        md.treeprocessors.register(_RecordTree(md), "intreg_record", 15)


class _RecordTree(Treeprocessor):
    """Images from other hosts become links (no tracking pixels); headings move down to h4."""

    def run(self, root: etree.Element) -> None:
        for parent in root.iter():
            for index, child in enumerate(parent):
                if child.tag == "img" and safe_url(child.get("src", ""), local=True) is None:
                    parent[index] = _image_link(child)
                elif child.tag in {"h1", "h2", "h3", "h4", "h5", "h6"}:
                    child.tag = f"h{min(6, int(child.tag[1]) + 3)}"


def _image_link(image: etree.Element) -> etree.Element:
    src = image.get("src", "")
    link = etree.Element("a", {"href": src})
    link.text = image.get("alt") or src
    link.tail = image.tail
    return link
