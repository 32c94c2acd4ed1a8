"""Text that is safe to print to a terminal or a CI log, whatever a record or a spec holds.

An escape sequence from a record value can recolour, retitle or rewrite a terminal; a bidi
override can make a log line read differently from what it says; a line break inside a value
can forge a finding line. Such characters are shown as escapes instead (`\\x1b`, `\\u202e`).
"""

from __future__ import annotations

import re

# C0 controls but tab, DEL and C1 controls, line and paragraph separators, bidi controls
# (embeddings, overrides, isolates, marks) and the byte-order mark.
_UNSAFE = re.compile(
    "[\x00-\x08\x0a-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]"
)
_UNSAFE_KEEPING_LINES = re.compile(_UNSAFE.pattern.replace("\x0a-\x1f", "\x0b-\x1f"))


def printable(text: str) -> str:
    """`text` on one line with every control, bidi and separator character escaped."""
    return _UNSAFE.sub(_escape, text) if _UNSAFE.search(text) else text


def printable_lines(text: str) -> str:
    """`text` with the same characters escaped, but its line breaks (\\n) kept."""
    return _UNSAFE_KEEPING_LINES.sub(_escape, text) if _UNSAFE_KEEPING_LINES.search(text) else text


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
