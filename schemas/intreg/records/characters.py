"""Characters no record may hold (types.CONTROL_CHARACTERS): finding, naming and placing them.

Written raw in the file, each is reported where an editor shows it and replaced by U+FFFD
before YAML reads the file, so that the rest still parses and keeps its line numbers (YAML 1.1
counts U+0085, U+2028 and U+2029 as line breaks; editors count only \\n, \\r\\n and \\r).
Written as an escape in a double-quoted string ("\\u202e"), it is reported at the escape.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from typing import NamedTuple, Protocol

import yaml

from intreg.records.field_path import FieldPath, format_path
from intreg.records.findings import Finding
from intreg.records.types import CONTROL_CHARACTERS

FORBIDDEN = re.compile(f"[{CONTROL_CHARACTERS}]")
# In the file itself a carriage return ends a line; inside a value it is refused like the rest.
_RAW = re.compile("[" + CONTROL_CHARACTERS.replace(r"\x0b-\x1f", r"\x0b\x0c\x0e-\x1f") + "]")
_PRINTABLE_ASCII = b"\t\n\r" + bytes(range(0x20, 0x7F))
_BREAK = re.compile(r"\r\n|\r|\n")
_ESCAPE = re.compile(r'\\(?:x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|(.))|(")', re.DOTALL)
_SHORT_ESCAPES = dict(zip("0abtvnfreNLP", "\0\a\b\t\v\n\f\r\x1b\x85\u2028\u2029", strict=True))
STAND_IN = "\ufffd"
_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
CODE = "control-character"

# unicodedata names no control character; these are their aliases in Unicode's NameAliases.txt.
_C0 = (
    "NULL|START OF HEADING|START OF TEXT|END OF TEXT|END OF TRANSMISSION|ENQUIRY|ACKNOWLEDGE|"
    "ALERT|BACKSPACE|CHARACTER TABULATION|LINE FEED|LINE TABULATION|FORM FEED|CARRIAGE RETURN|"
    "SHIFT OUT|SHIFT IN|DATA LINK ESCAPE|DEVICE CONTROL ONE|DEVICE CONTROL TWO|"
    "DEVICE CONTROL THREE|DEVICE CONTROL FOUR|NEGATIVE ACKNOWLEDGE|SYNCHRONOUS IDLE|"
    "END OF TRANSMISSION BLOCK|CANCEL|END OF MEDIUM|SUBSTITUTE|ESCAPE|"
    "INFORMATION SEPARATOR FOUR|INFORMATION SEPARATOR THREE|INFORMATION SEPARATOR TWO|"
    "INFORMATION SEPARATOR ONE"
)
_C1 = (
    "PADDING CHARACTER|HIGH OCTET PRESET|BREAK PERMITTED HERE|NO BREAK HERE|INDEX|NEXT LINE|"
    "START OF SELECTED AREA|END OF SELECTED AREA|CHARACTER TABULATION SET|"
    "CHARACTER TABULATION WITH JUSTIFICATION|LINE TABULATION SET|PARTIAL LINE FORWARD|"
    "PARTIAL LINE BACKWARD|REVERSE LINE FEED|SINGLE SHIFT TWO|SINGLE SHIFT THREE|"
    "DEVICE CONTROL STRING|PRIVATE USE ONE|PRIVATE USE TWO|SET TRANSMIT STATE|CANCEL CHARACTER|"
    "MESSAGE WAITING|START OF GUARDED AREA|END OF GUARDED AREA|START OF STRING|"
    "SINGLE GRAPHIC CHARACTER INTRODUCER|SINGLE CHARACTER INTRODUCER|"
    "CONTROL SEQUENCE INTRODUCER|STRING TERMINATOR|OPERATING SYSTEM COMMAND|PRIVACY MESSAGE|"
    "APPLICATION PROGRAM COMMAND"
)
_NAMES = {
    **{chr(i): name for i, name in enumerate(_C0.split("|"))},
    "\x7f": "DELETE",
    **{chr(0x80 + i): name for i, name in enumerate(_C1.split("|"))},
}


class _Token(NamedTuple):
    start: int
    end: int
    field: FieldPath


class Placed(Protocol):
    """Where a field's key and value start (yaml_reader.Span)."""

    @property
    def line(self) -> int: ...
    @property
    def col(self) -> int: ...
    @property
    def key_line(self) -> int: ...
    @property
    def key_col(self) -> int: ...


def describe(char: str) -> str:
    """The code point and name of `char`, e.g. `U+202E RIGHT-TO-LEFT OVERRIDE`."""
    name = _NAMES.get(char) or unicodedata.name(char, "")
    return f"U+{ord(char):04X} {name}".rstrip()


def mask(text: str) -> tuple[str, list[tuple[int, str]]]:
    """`text` with each forbidden character replaced by U+FFFD, and (index, character) of each."""
    if text.isascii() and not text.encode("ascii").translate(None, _PRINTABLE_ASCII):
        return text, []  # the common case, in a seventh of the time a regular expression takes
    found = [(m.start(), m.group()) for m in _RAW.finditer(text)]
    if not found:
        return text, found
    return _RAW.sub(STAND_IN, text), found


def character_findings(
    path: str,
    text: str,
    masked: list[tuple[int, str]],
    spans: Mapping[FieldPath, Placed],
    strings: Iterable[tuple[FieldPath, str]],
) -> tuple[list[Finding], list[FieldPath]]:
    """A finding for each field (or comment line) holding a forbidden character, and the fields.

    `text` is the masked file, `masked` what mask() replaced in it; `spans` and `strings` are
    what YAML read from it. Only the first character of each field is reported.
    """
    lines = _LineStarts(text)
    seen: dict[FieldPath | int, Finding] = {}  # by field, or by line in comments
    tokens = _scalar_tokens(text, spans) if masked else []
    for index, char in masked:
        line, col = lines.position(index)
        found = _field_of(tokens, index)
        if (found or line) not in seen:
            seen[found or line] = _finding(path, (line, col), found, char, escaped=False)
    if "\\" in text:
        for field, value, start in _escaped(spans, strings):
            bad = FORBIDDEN.search(value)
            if bad is not None and field not in seen:
                escape = _escape_index(text, lines.index(*start))
                place = start if escape is None else lines.position(escape)
                seen[field] = _finding(path, place, field, bad.group(), escaped=escape is not None)
    fields = [key for key in seen if isinstance(key, tuple)]
    return list(seen.values()), fields


def _finding(
    path: str, place: tuple[int, int], field: FieldPath | None, char: str, escaped: bool
) -> Finding:
    if escaped:
        escape = f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}"
        message = f"the escape `{escape}` writes {describe(char)}, which is not allowed"
    else:
        message = f"{describe(char)} is not allowed"
    message += " in a record" if field is not None else " in a record, not even in a comment"
    what = "the escape" if escaped else "it"
    if char in "\x85\u2028\u2029":
        hint = f"remove {what}, or start a new line: YAML reads it as a line break, editors do not"
    elif "\u202a" <= char <= "\u202e" or "\u2066" <= char <= "\u2069":
        hint = f"remove {what}: it makes text display in another order than it is stored"
    else:
        hint = f"remove {what}: control characters garble terminals, files and pages"
    return Finding(
        path,
        *place,
        "" if field is None else format_path(field),
        CODE,
        message,
        hint,
    )


def _escaped(
    spans: Mapping[FieldPath, Placed], strings: Iterable[tuple[FieldPath, str]]
) -> Iterator[tuple[FieldPath, str, tuple[int, int]]]:
    """Every key and text value with where it starts, in the order YAML read them."""
    for field, span in spans.items():
        if field and isinstance(field[-1], str):
            yield field, field[-1], (span.key_line, span.key_col)
    for field, value in strings:
        span = spans[field]
        yield field, value, (span.line, span.col)


def _escape_index(text: str, start: int) -> int | None:
    """The index of the first escape writing a forbidden character in the double-quoted
    scalar that starts at `start`; None if there is none."""
    if text[start : start + 1] != '"':
        return None
    for match in _ESCAPE.finditer(text, start + 1):
        if match.group(2) is not None:
            return None  # the closing quote
        written = _decode(match.group(), match.group(1))
        if FORBIDDEN.fullmatch(written):
            return match.start()
    return None


def _decode(escape: str, short: str | None) -> str:
    if short is None:
        return chr(int(escape[2:], 16))
    if short in ("\r", "\n"):
        return ""  # a backslash that ends a line continues the string on the next
    return _SHORT_ESCAPES.get(short, short)


def _scalar_tokens(text: str, spans: Mapping[FieldPath, Placed]) -> list[_Token]:
    """Where each scalar (key or value) starts and ends in `text`, with its field."""
    by_start: dict[tuple[int, int], FieldPath] = {}
    for field, span in spans.items():
        for place in ((span.key_line, span.key_col), (span.line, span.col)):
            known = by_start.get(place)
            if known is None or len(field) > len(known):  # a list item starts with its first key
                by_start[place] = field
    tokens = []
    try:
        for token in yaml.scan(text, Loader=_LOADER):
            start = token.start_mark
            at = by_start.get((start.line + 1, start.column + 1))
            if isinstance(token, yaml.ScalarToken) and at is not None:
                tokens.append(_Token(start.index, token.end_mark.index, at))
    except yaml.YAMLError:
        pass  # the tokens before a syntax error still place their characters
    return tokens


def _field_of(tokens: list[_Token], index: int) -> FieldPath | None:
    """The field whose scalar holds `index`; None in a comment, or in text YAML did not read."""
    i = bisect.bisect_right(tokens, index, key=lambda t: t.start) - 1
    return tokens[i].field if i >= 0 and index < tokens[i].end else None


class _LineStarts:
    """Converts between text indexes and 1-based (line, column), counting \\n, \\r\\n, \\r."""

    def __init__(self, text: str) -> None:
        self.starts = [0, *(m.end() for m in _BREAK.finditer(text))]

    def position(self, index: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.starts, index)
        return line, index - self.starts[line - 1] + 1

    def index(self, line: int, col: int) -> int:
        return self.starts[line - 1] + col - 1
