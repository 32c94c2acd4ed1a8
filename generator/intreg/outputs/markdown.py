"""Markdown from untrusted record text: every value is escaped or made safe on its way out.

Plain-text fields render as visible text, never as markup; Markdown fields keep their
formatting but cannot carry raw HTML or script links. Functions return `Safe`, and the page
templates refuse any plain string that did not pass through one of them.
"""

from __future__ import annotations

import re
from typing import Any

from intreg.records.json_text import dumps_indented


class Safe(str):
    """Text that is ready to be placed in a Markdown page as it is."""

    __slots__ = ()


# Characters that start HTML or Markdown syntax, as numeric character references (which
# Python-Markdown passes through, and browsers and the search index decode back to text).
_ENTITIES = {c: f"&#{ord(c)};" for c in "&<>*_`[]|\\#!~${}:"}
_ENTITY_RE = re.compile("|".join(re.escape(c) for c in _ENTITIES))
_LINE_START = re.compile(r"^([-+=>]|\d+[.)])")
_CODE = re.compile(r"(`+)(.+?)\1|^(```+|~~~+).*?^\3", re.DOTALL | re.MULTILINE)
_SAFE_SCHEMES = ("http:", "https:", "mailto:")
_LINK_TARGET = re.compile(
    r"(\]\(\s*<?|^\s*\[[^\]]+\]:\s*<?)([A-Za-z][A-Za-z0-9+.-]*:)", re.MULTILINE
)


def text(value: Any) -> Safe:
    """`value` as literal text on one line: no markup, no HTML, whitespace collapsed."""
    flat = " ".join(str(value).split())
    escaped = _ENTITY_RE.sub(lambda m: _ENTITIES[m.group()], flat)
    return Safe(_LINE_START.sub(lambda m: "".join(f"&#{ord(c)};" for c in m.group()), escaped))


def cell(value: Any) -> Safe:
    """`value` for a table cell: literal text that cannot break the table (`|`, newlines)."""
    return text(value) if value is not None and str(value).strip() else Safe("—")


def markdown(value: str) -> Safe:
    """A Markdown field: formatting kept; raw HTML shown as text; only http(s)/mailto links."""
    parts, last = [], 0
    for match in _CODE.finditer(value):
        parts.append(_defuse(value[last : match.start()]))
        parts.append(match.group())
        last = match.end()
    parts.append(_defuse(value[last:]))
    return Safe("".join(parts).strip() + "\n")


def _defuse(fragment: str) -> str:
    fragment = fragment.replace("<", "&lt;")
    return _LINK_TARGET.sub(_neutralise_scheme, fragment)


def _neutralise_scheme(match: re.Match[str]) -> str:
    prefix, scheme = match.group(1), match.group(2)
    # An inert target: not a page anchor, which strict builds would reject as missing.
    return prefix + (scheme if scheme.lower() in _SAFE_SCHEMES else "about:blank#blocked-")


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


def json_block(value: Any) -> Safe:
    """An example value as a fenced JSON block."""
    return code_block(dumps_indented(value), "json")


def link(label: Any, url: str) -> Safe:
    """A link to an http(s) or mailto address, or to a page of the site; else the label."""
    target = str(url)
    if ":" in target.split("/")[0] and not target.lower().startswith(_SAFE_SCHEMES):
        return text(label)
    escaped = target.replace(" ", "%20").replace("(", "%28").replace(")", "%29")
    return Safe(f"[{text(label)}](<{escaped.replace('>', '%3E')}>)")


def url(value: str) -> Safe:
    """A bare address shown as a link to itself."""
    return link(value, value)
