"""Markdown from untrusted record text: every value is escaped or made safe on its way out.

Plain-text fields render as visible text, never as markup; Markdown fields become sanitized
HTML (see markdown_html), so they keep their formatting but carry no raw HTML or script links.
Functions return `Safe`, and the page templates refuse any plain string that did not pass
through one of them.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote

from intreg.outputs.markdown_html import one_line, render_html, safe_url
from intreg.records.json_text import dumps_indented


class Safe(str):
    """Text that is ready to be placed in a Markdown page as it is."""

    __slots__ = ()


# Characters that start HTML or Markdown syntax, as numeric character references (which
# Python-Markdown passes through, and browsers and the search index decode back to text).
_ENTITIES = str.maketrans({c: f"&#{ord(c)};" for c in "&<>*_`[]|\\#!~${}:"})
_LINE_START = re.compile(r"^([-+=>]|\d+[.)])")
# Characters a link target keeps as they are (RFC 3986 reserved and unreserved, and `%`).
_URL_SAFE = "!#$%&*+,-./:;=?@[]_~"


def text(value: Any) -> Safe:
    """`value` as literal text on one line: no markup, no HTML, whitespace collapsed."""
    flat = " ".join(str(value).split())
    escaped = flat.translate(_ENTITIES)
    return Safe(_LINE_START.sub(lambda m: "".join(f"&#{ord(c)};" for c in m.group()), escaped))


def cell(value: Any) -> Safe:
    """`value` for a table cell: literal text that cannot break the table (`|`, newlines)."""
    return text(value) if value is not None and str(value).strip() else Safe("—")


def markdown(value: str) -> Safe:
    """A Markdown field: rendered and sanitized by markdown_html, placed as one raw HTML block
    that MkDocs and Zensical copy as it is (Python-Markdown keeps a block-level element that
    starts a line; its content is one line, so no other block rule of theirs can match in it)."""
    return Safe(f'<div class="intreg-markdown">{one_line(render_html(value))}</div>\n')


def code(value: Any) -> Safe:
    """`value` as an inline code span on one line (shown verbatim; `|` kept out of tables)."""
    flat = " ".join(str(value).split()).replace("|", "¦")
    longest = max((len(run) for run in re.findall(r"`+", flat)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if flat.startswith("`") or flat.endswith("`") else ""
    return Safe(f"{fence}{pad}{flat}{pad}{fence}") if flat else Safe("")


def code_block(content: str, language: str = "") -> Safe:
    """A fenced block showing `content` verbatim; the fence is longer than any run inside."""
    longest = max((len(run) for run in re.findall(r"`+", content)), default=0)
    fence = "`" * max(3, longest + 1)
    return Safe(f"{fence}{language}\n{content.rstrip()}\n{fence}\n")


def tabs(blocks: list[tuple[str, Safe]]) -> Safe:
    """Content tabs (pymdownx.tabbed): each (title, Markdown block) indented under its title."""
    out = []
    for title, block in blocks:
        body = "\n".join(f"    {line}" if line else "" for line in block.rstrip().split("\n"))
        out.append(f'=== "{title}"\n\n{body}\n')
    return Safe("\n".join(out))


def json_block(value: Any) -> Safe:
    """An example value as a fenced JSON block."""
    return code_block(dumps_indented(value), "json")


def link(label: Any, url: str) -> Safe:
    """A link to an http(s) or mailto address, or to a page of the site; else the label."""
    target = safe_url(str(url))
    if target is None:
        return text(label)
    # Percent-encoded, as a browser would send it: nothing left that ends the link target.
    return Safe(f"[{text(label)}](<{quote(target, safe=_URL_SAFE)}>)")


def url(value: str) -> Safe:
    """A bare address shown as a link to itself."""
    return link(value, value)
