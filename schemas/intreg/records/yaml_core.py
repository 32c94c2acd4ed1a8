"""Plain scalars as YAML 1.2's core schema reads them, and what a YAML 1.1 reader makes of them.

Records mean what editors show (yaml-language-server, the npm `yaml` package, ajv tools all
read YAML 1.2): `no` is text, `1_000` is text, `2026-11-20` is text that date fields parse
(https://yaml.org/spec/1.2.2/#1032-tag-resolution). PyYAML and other YAML 1.1 readers read
some of them otherwise; `yaml11_reading` names that other meaning so the loader can warn.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from functools import lru_cache
from typing import Any

import yaml

_INT = re.compile(r"[-+]?[0-9]+")
_OCTAL = re.compile(r"0o[0-7]+")
_HEX = re.compile(r"0x[0-9a-fA-F]+")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")
_INFINITY = re.compile(r"[-+]?\.(inf|Inf|INF)")
_NAN = re.compile(r"\.(nan|NaN|NAN)")
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False}
_BOOLS["FALSE"] = False
# Only scalars starting with one of these can be anything but text in the core schema.
_CORE_STARTS = frozenset("0123456789-+.~nNtTfF")

_CORE = "tag:yaml.org,2002:"
_RESOLVER = yaml.resolver.Resolver()
_CONSTRUCTOR = yaml.constructor.SafeConstructor()
# ... and in YAML 1.1 (PyYAML's resolver: yes/no/on/off, sexagesimal, timestamps, `=`, `<<`).
# YAML 1.1's booleans include y and n (https://yaml.org/type/bool.html); PyYAML leaves them
# out, other 1.1 readers (go-yaml v2 among them) do not.
_YAML11_LETTERS = {"y": True, "Y": True, "n": False, "N": False}
_YAML11_STARTS = frozenset(k for k in _RESOLVER.yaml_implicit_resolvers if k) | {"y", "Y"}
_ANY_STARTS = _CORE_STARTS | _YAML11_STARTS
# The keys a YAML 1.1 reader takes for no text: booleans, nulls, a merge and a value key.
_WORDS = ("yes", "no", "true", "false", "on", "off", "null")
YAML11_KEYWORDS = frozenset(
    {form for w in _WORDS for form in (w, w.capitalize(), w.upper())}
    | _YAML11_LETTERS.keys()
    | {"~", "<<", "="}
)


def resolve_core(text: str) -> Any:
    """The value of a plain scalar under the YAML 1.2 core schema."""
    if text and text[0] not in _CORE_STARTS:
        return text
    return _resolve_core(text)


@lru_cache(maxsize=4096)
def _resolve_core(text: str) -> Any:
    if text in _NULLS:
        return None
    if text in _BOOLS:
        return _BOOLS[text]
    try:
        if _INT.fullmatch(text):
            return int(text)
        if _OCTAL.fullmatch(text):
            return int(text[2:], 8)
        if _HEX.fullmatch(text):
            return int(text[2:], 16)
    except ValueError:  # more digits than Python reads (4,300): too large for any record
        return -math.inf if text[0] == "-" else math.inf
    if _FLOAT.fullmatch(text):
        return float(text)
    if _INFINITY.fullmatch(text):
        return -math.inf if text[0] == "-" else math.inf
    if _NAN.fullmatch(text):
        return math.nan
    return text


def read_plain(text: str) -> tuple[Any, Any | None]:
    """A plain scalar's YAML 1.2 value, and its YAML 1.1 reading where that differs (else None).

    Most plain scalars are words no reader types: they cost one set lookup.
    """
    if not text:
        return None, None
    if text[0] not in _ANY_STARTS:
        return text, None
    return _read_plain(text)


@lru_cache(maxsize=8192)
def _read_plain(text: str) -> tuple[Any, Any | None]:
    value = resolve_core(text)
    return value, yaml11_reading(text, value)


def yaml11_reading(text: str, value: Any) -> Any | None:
    """What a YAML 1.1 reader makes of the plain scalar `text` when that is not `value` (its
    1.2 reading): text, a bool, number, date, NULL or UNREADABLE; None when both agree."""
    if not text or text[0] not in _YAML11_STARTS:
        return None
    other = _YAML11_LETTERS[text] if text in _YAML11_LETTERS else _resolve_yaml11(text)
    if other is NULL:
        return None if value is None else NULL
    if type(other) is type(value) and (other == value or _both_nan(other, value)):
        return None
    return other


class _Marker:
    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return self.name


# YAML 1.1's null, and what it makes of `<<`, `=` or an impossible timestamp (no value).
NULL = _Marker("NULL")
UNREADABLE = _Marker("UNREADABLE")


@lru_cache(maxsize=4096)
def _resolve_yaml11(text: str) -> Any:
    tag = _RESOLVER.resolve(yaml.ScalarNode, text, (True, False))  # type: ignore[no-untyped-call]
    if tag == _CORE + "str":
        return text
    if tag == _CORE + "null":
        return NULL
    if tag not in (_CORE + "bool", _CORE + "int", _CORE + "float", _CORE + "timestamp"):
        return UNREADABLE  # `<<` (merge) or `=` (value): no value a record could hold
    try:
        return _CONSTRUCTOR.yaml_constructors[tag](_CONSTRUCTOR, yaml.ScalarNode(tag, text))
    except ValueError:  # e.g. the timestamp 2026-13-01: a YAML 1.1 reader fails on the file
        return UNREADABLE


def _both_nan(a: Any, b: Any) -> bool:
    return isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b)


def describe_value(value: Any) -> str:
    """How a reading (1.2, or 1.1 with its markers) is named in messages."""
    if value is UNREADABLE:
        return "no value at all (a merge key, a value tag or an impossible date)"
    if value is NULL or value is None:
        return "null"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, dt.date):
        return f"the date {value.isoformat()}"
    if isinstance(value, int | float):
        return f"the number {value}"
    return f"the text `{value}`"
