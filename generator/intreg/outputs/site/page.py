"""Page: a Markdown page assembled only from Safe chunks, so nothing unescaped slips in."""
# The title and headings of a page are its own: record text reaches them only escaped.

from __future__ import annotations

import html
import json
from collections.abc import Sequence

from intreg.outputs.markdown import Safe, cell, text


class Page:
    """Lines of one Markdown page; every chunk must already be Safe."""

    def __init__(
        self, title: str, search_boost: float | None = None, search_exclude: bool = False
    ) -> None:
        # MkDocs unescapes a page's H1 into <title> and Material prints it raw there, so a
        # record name could close </title> and open a script. An explicit, HTML-escaped
        # front-matter title is printed as it is; the H1 stays entity-escaped text.
        # A JSON string is a valid YAML scalar, whatever the title holds.
        front_matter = f"title: {json.dumps(nav_title(title), ensure_ascii=False)}\n"
        search = []
        if search_boost is not None:
            # Material's search multiplies the score of every section of the page by this.
            search.append(f"  boost: {search_boost:g}\n")
        if search_exclude:
            # A page over all records grows with them: Zensical refuses to index a page whose
            # text exceeds 32,768 token positions (at 1,000 records, the environment variables
            # page did). Material and Zensical both leave such a page out of the search index;
            # what it lists stays found on each integration's own page.
            search.append("  exclude: true\n")
        if search:
            front_matter += "search:\n" + "".join(search)  # one key: YAML refuses it twice
        self._blocks: list[str] = [f"---\n{front_matter}---\n", f"# {text(title)}\n"]

    def heading(self, level: int, title: Safe) -> None:
        """A section heading: our own wording (Safe(...)) or escaped record text."""
        self._blocks.append(f"{'#' * level} {_safe(title)}\n")

    def para(self, *chunks: Safe) -> None:
        """A paragraph joined from chunks."""
        self._blocks.append("".join(_safe(c) for c in chunks).strip() + "\n")

    def block(self, chunk: Safe) -> None:
        """A block (code, Markdown field, admonition) added as it is."""
        self._blocks.append(_safe(chunk).rstrip("\n") + "\n")

    def facts(self, rows: Sequence[tuple[str, Safe]]) -> None:
        """A bulleted list of `label: value` facts; rows with an empty value are left out."""
        lines = [f"- **{label}:** {_safe(value)}" for label, value in rows if value]
        if lines:
            self._blocks.append("\n".join(lines) + "\n")

    def table(self, headers: Sequence[str], rows: Sequence[Sequence[Safe]]) -> None:
        """A table; headers are our own wording, cells must be Safe (see markdown.cell)."""
        self._blocks.append(table(headers, rows))

    def render(self) -> bytes:
        """The page as UTF-8 Markdown, blocks separated by blank lines."""
        return "\n".join(self._blocks).encode("utf-8")


def nav_title(title: str) -> str:
    """A title as the theme prints it, unescaped, into <title> and the navigation."""
    return html.escape(title)


def _safe(chunk: Safe | str) -> str:
    if not isinstance(chunk, Safe):
        raise TypeError(f"unescaped text would reach the page: {str(chunk)[:40]!r}")
    return str(chunk)


def table(headers: Sequence[str], rows: Sequence[Sequence[Safe]]) -> Safe:
    """A Markdown table; headers are our own wording, cells must already be Safe."""
    head = "| " + " | ".join(str(text(h)) for h in headers) + " |"
    rule = "|" + "|".join("---" for _ in headers) + "|"
    body = ["| " + " | ".join(_safe(c) for c in row) + " |" for row in rows]
    return Safe("\n".join([head, rule, *body]) + "\n")


def cells(*values: object) -> list[Safe]:
    """Table cells from plain values (escaped) or Safe chunks (kept)."""
    return [v if isinstance(v, Safe) else cell(v) for v in values]
