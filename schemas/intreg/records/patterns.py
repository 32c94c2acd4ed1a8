"""Regular expressions that records supply (JSON Schema `pattern`), matched in linear time.

Python's `re` backtracks: `^(a+)+$` against 41 characters takes minutes (issue 24). Patterns
from records run instead in the `regex` crate of jsonschema-rs (`RegexOptions`), which matches
in time linear in the text and never backtracks, and reads patterns as ECMA-262, the dialect
JSON Schema specifies. It has no look-around or backreferences, the features that need
backtracking: a pattern using them cannot be checked safely and is refused.
"""

from __future__ import annotations

import functools
import re

import jsonschema_rs

_OPTIONS = jsonschema_rs.RegexOptions()  # the crate's default size limits bound compiling too
_LOOK_AROUND = re.compile(r"\(\?<?[=!]")
_BACKREFERENCE = re.compile(r"\\([1-9]|k<)")


class UnsafePattern(ValueError):
    """A pattern that cannot be matched in linear time, or is no regular expression at all."""


def pattern_problem(pattern: str) -> str | None:
    """Why `pattern` cannot be matched safely, or None when it can."""
    try:
        _matcher(pattern)
    except UnsafePattern as exc:
        return str(exc)
    return None


def search(pattern: str, text: str) -> bool:
    """True when `pattern` matches somewhere in `text`, as JSON Schema's `pattern` does.

    Raises UnsafePattern (with the reason) for a pattern that cannot be matched safely.
    """
    return _matcher(pattern).is_valid(text)


@functools.lru_cache(maxsize=512)
def _matcher(pattern: str) -> jsonschema_rs.Validator:
    try:
        return jsonschema_rs.Draft202012Validator({"pattern": pattern}, pattern_options=_OPTIONS)
    except jsonschema_rs.ValidationError:
        raise UnsafePattern(_reason(pattern)) from None


def _reason(pattern: str) -> str:
    # The engine says only that the pattern was refused; these searches (of the pattern's own
    # text, never of data) only choose the explanation.
    if _LOOK_AROUND.search(pattern):
        return "look-ahead and look-behind (`(?=`, `(?!`, `(?<=`, `(?<!`) need backtracking"
    if _BACKREFERENCE.search(pattern):
        return "backreferences (`\\1`, `\\k<name>`) need backtracking"
    return "it is not a valid regular expression, or it is too large"
