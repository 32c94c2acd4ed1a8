"""Constrained scalar types shared by the model, each with a writer-facing explanation."""

from __future__ import annotations

import calendar
import datetime as dt
import re
import sys
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    Strict,
    StringConstraints,
    WithJsonSchema,
)
from pydantic_core import PydanticCustomError

from intreg.records.cadence import Duration, parse_cadence

# Characters no text in a record may hold, as a regular-expression class (issue 24): C0
# controls except tab and line feed, DEL, the C1 controls (U+0085 NEXT LINE among them), the
# line and paragraph separators U+2028 and U+2029 (YAML 1.1 counts these three as line breaks,
# editors do not), the bidirectional embeddings, overrides and isolates U+202A-U+202E and
# U+2066-U+2069 that make text read differently from what it holds (Trojan Source,
# CVE-2021-42574; the set rustc's `text_direction_codepoint_in_literal` lint refuses), and the
# noncharacters U+FFFE and U+FFFF, which YAML refuses. The marks U+200E, U+200F and U+061C stay
# allowed: right-to-left names need them, and they override nothing.
CONTROL_CHARACTERS = (
    r"\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufffe\uffff"
)
_C = CONTROL_CHARACTERS
# Whitespace as JSON Schema's regular expressions (ECMA-262) read \s, which also counts U+FEFF:
# with it, no pattern lets intreg accept what the published schema refuses.
_S = r"\s\ufeff"
SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
ENV_VAR_PATTERN = r"^[A-Z][A-Z0-9_]*$"
URL_PATTERN = rf"^https?://[^{_S}/$.?#{_C}][^{_S}{_C}]*$"
HTTPS_URL_PATTERN = rf"^https://[^{_S}/$.?#{_C}][^{_S}{_C}]*$"
EMAIL_PATTERN = rf"^[^@{_S}{_C}]+@[^@{_S}{_C}]+\.[^@{_S}{_C}]+$"
CADENCE_PATTERN = (
    r"^(monthly|quarterly|annual"
    r"|P(\d+Y(\d+M)?(\d+W)?(\d+D)?|\d+M(\d+W)?(\d+D)?|\d+W(\d+D)?|\d+D))$"
)
PATH_PATTERN = r"^/[^\s?#]*$"
WINDOW_PATTERN = r"^P(\d+D)?(T(\d+H)?(\d+M)?(\d+S)?)?$"
STATUS_PATTERN = r"^([1-5][0-9][0-9]|[1-5]XX|default)$"
IDENTIFIER_PATTERN = r"^[A-Za-z][A-Za-z0-9_]*$"
CURRENCY_PATTERN = r"^[A-Z]{3}$"
# OpenAPI runtime expressions (3.1, "Runtime Expressions"), the forms a link uses: a value of
# the response (body by JSON Pointer, or header) or of the request that caused it.
EXPRESSION_PATTERN = (
    r"^\$(response\.body(#(/[^\s/]*)*)?|response\.header\.[!#$%&'*+.^_`|~0-9A-Za-z-]+"
    r"|request\.(path|query|header)\.[^\s]+|request\.body(#(/[^\s/]*)*)?)$"
)
# A body's field path: names joined by dots, each followed by any number of `[]` (the list's
# items); a body that is a list starts with `[]` (issue 17).
FIELD_PATH_PATTERN = r"^((\[\])+\.)?[^.\[\]]+(\[\])*(\.[^.\[\]]+(\[\])*)*$"
# A calendar date from EARLIEST_DATE to LATEST_DATE, written YYYY-MM-DD: months of 30 and 31
# days, February of 28, and the 29th in leap years (2000 is one, 1900 and 2100 are not). The
# published schema holds the same rule as intreg's validator, so both refuse 2026-02-30.
DATE_PATTERN = (
    r"^(((19|20|21)[0-9][0-9])-((0[13578]|1[02])-(0[1-9]|[12][0-9]|3[01])"
    r"|(0[469]|11)-(0[1-9]|[12][0-9]|30)|02-(0[1-9]|1[0-9]|2[0-8]))"
    r"|((19|20|21)(0[48]|[2468][048]|[13579][26])|2000)-02-29)$"
)
# Some text that is not blank, and no control character (tab and line feed are allowed).
TEXT_PATTERN = rf"^[^{_C}]*[^{_S}{_C}][^{_C}]*$"
# A value a .env template can hold so that bash `source`, docker compose and python-dotenv all
# read it back the same: one line, without `$`, backquote or backslash (each expands or escapes
# differently in each of them; python-dotenv expands ${...} even inside single quotes).
ENV_VALUE_PATTERN = rf"^[^\n$`\\{_C}]*[^{_S}$`\\{_C}][^\n$`\\{_C}]*$"

# Shown instead of the bare regular expression when a value does not match a pattern.
PATTERN_EXPLANATIONS: dict[str, tuple[str, str]] = {
    SLUG_PATTERN: (
        "is not a lowercase slug",
        "use lowercase letters, digits and single hyphens, e.g. stripe-payments",
    ),
    ENV_VAR_PATTERN: (
        "is not an environment variable name",
        "use capitals, digits and underscores, starting with a letter, e.g. STRIPE_SECRET_KEY",
    ),
    URL_PATTERN: ("is not a web address", "write a full URL starting with https://"),
    HTTPS_URL_PATTERN: (
        "is not an https:// address",
        "API traffic must be encrypted: write a full URL starting with https://",
    ),
    EMAIL_PATTERN: ("is not an email address", "write an address such as payments@example.com"),
    CADENCE_PATTERN: (
        "is not a review cadence",
        "use monthly, quarterly, annual or an ISO 8601 duration such as P6M or P90D",
    ),
    WINDOW_PATTERN: (
        "is not a period",
        "use second, minute, hour, day, month, or an ISO 8601 duration such as PT15M or P1D",
    ),
    PATH_PATTERN: (
        "is not a URL path",
        "start with / and leave out the host and query string, e.g. /v1/refunds",
    ),
    STATUS_PATTERN: (
        "is not an HTTP status",
        "use a status such as 200 or 404, a range such as 5XX, or default",
    ),
    IDENTIFIER_PATTERN: (
        "is not an identifier",
        "use letters, digits and underscores, starting with a letter, e.g. createRefund",
    ),
    CURRENCY_PATTERN: ("is not a currency code", "use an ISO 4217 code in capitals, e.g. USD"),
    EXPRESSION_PATTERN: (
        "is not a runtime expression",
        "use $response.body#/id (a JSON Pointer into the answer), $response.header.Location, "
        "or $request.path.NAME, $request.query.NAME, $request.header.NAME, $request.body#/...",
    ),
    FIELD_PATH_PATTERN: (
        "is not a field path",
        "name the field as in the example, nested ones by dots and list items by [], "
        "e.g. metadata.listing_id or items[].price",
    ),
    TEXT_PATTERN: ("is empty", "write some text, or remove the field"),
    ENV_VALUE_PATTERN: (
        "cannot be written to a .env file as it is",
        "write one line without $, ` or \\ (shells and .env readers expand or escape them)",
    ),
}

# The largest integer every JSON reader holds exactly (2**53 - 1, RFC 7493 section 2.2);
# counts and limits above it are typing mistakes, and turn to inf when divided.
MAX_INTEGER = 2**53 - 1
# Dates outside these are typing mistakes, and calendar arithmetic on them (a review due
# after 9999-12-31) would overflow.
EARLIEST_DATE = dt.date(1900, 1, 1)
LATEST_DATE = dt.date(2199, 12, 31)
# A review or rotation cadence longer than this is no cadence at all.
MAX_CADENCE_YEARS = 10
# How deep examples and JSON Schemas may nest objects and arrays: deeper ones are no realistic
# payload, and every tool that walks them (generators, validators, the mock) recurses.
MAX_NESTING = 64


def present(*names: str) -> dict[str, Any]:
    """JSON Schema for "each of these fields is set": given, and not null (as `is not None`)."""
    return {"required": list(names), "properties": {n: {"not": {"type": "null"}} for n in names}}


def when(condition: dict[str, Any], then: dict[str, Any]) -> dict[str, Any]:
    """JSON Schema for "if `condition` holds, so must `then`"."""
    return {"if": condition, "then": then}


def equals(name: str, value: Any) -> dict[str, Any]:
    """JSON Schema for "the field is given and equals `value`"."""
    return {"required": [name], "properties": {name: {"const": value}}}


def refuse(code: str, message: str, hint: str) -> PydanticCustomError:
    """A validation error with a finding code and a hint, for the loader to report as they are."""
    return PydanticCustomError(code, message, {"hint": hint})


def _cadence_within_limit(cadence: str) -> str:
    # A number of five digits is over 10 years in any unit; checked first, because Python
    # refuses to read numbers of more than 4,300 digits.
    huge = any(len(number.lstrip("0")) > 4 for number in re.findall(r"\d+", cadence))
    if huge or _years(parse_cadence(cadence)) > MAX_CADENCE_YEARS:
        raise refuse(
            "cadence-too-long",
            f"`{cadence}` is longer than {MAX_CADENCE_YEARS} years",
            f"use a cadence of at most {MAX_CADENCE_YEARS} years, e.g. annual or P2Y",
        )
    return cadence


def _years(duration: Duration) -> float:
    return duration.months / 12 + duration.days / 365.25


def _finite(schema: dict[str, Any]) -> None:
    schema.setdefault("maximum", sys.float_info.max)
    schema.setdefault("minimum", -sys.float_info.max)


_DAY = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")


def _calendar_day(value: Any) -> Any:
    """A YYYY-MM-DD text as its date; anything else goes on to be refused as no date."""
    found = _DAY.fullmatch(value) if isinstance(value, str) else None
    if found is None:
        return value
    year, month, day = (int(part) for part in found.groups())
    if year < 1:
        raise refuse("invalid-date", f"`{value}`: year {year} does not exist", _DATE_HINT)
    if not 1 <= month <= 12:
        raise refuse("invalid-date", f"`{value}`: month {month} does not exist", _DATE_HINT)
    try:
        return dt.date(year, month, day)
    except ValueError:
        days = calendar.monthrange(year, month)[1]
        name = f"{calendar.month_name[month]} {year}"
        raise refuse("invalid-date", f"`{value}`: {name} has {days} days", _DATE_HINT) from None


_DATE_HINT = "write a real calendar date, YYYY-MM-DD"


def nesting_depth(value: Any) -> int:
    """How many objects and arrays deep `value` nests (0 for a scalar), without recursing."""
    deepest, stack = 0, [(value, 0)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict | list):
            depth += 1
            deepest = max(deepest, depth)
            if depth <= MAX_NESTING:  # one level past the limit is enough to refuse it
                stack.extend((child, depth) for child in _children(item))
    return deepest


def _children(item: dict[Any, Any] | list[Any]) -> Any:
    return item.values() if isinstance(item, dict) else item


def _shallow(value: Any) -> Any:
    if nesting_depth(value) > MAX_NESTING:
        raise refuse(
            "too-deep",
            f"nests objects and arrays more than {MAX_NESTING} levels deep",
            f"shorten the example or schema to at most {MAX_NESTING} levels",
        )
    return value


# Text starting with TODO is a placeholder (intreg.records.loader), refused in every field.
_NOT_TODO: dict[str, Any] = {"not": {"type": "string", "pattern": "^TODO"}}
Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN, max_length=64)]
EnvVarName = Annotated[
    str,
    StringConstraints(pattern=ENV_VAR_PATTERN, max_length=128),
    Field(json_schema_extra=_NOT_TODO),
]
Url = Annotated[str, StringConstraints(pattern=URL_PATTERN)]
HttpsUrl = Annotated[str, StringConstraints(pattern=HTTPS_URL_PATTERN)]
Email = Annotated[str, StringConstraints(pattern=EMAIL_PATTERN)]
Cadence = Annotated[
    str,
    StringConstraints(pattern=CADENCE_PATTERN),
    AfterValidator(_cadence_within_limit),
    Field(examples=["quarterly", "P6M"]),
]
UrlPath = Annotated[str, StringConstraints(pattern=PATH_PATTERN)]
Window = Annotated[str, StringConstraints(pattern=WINDOW_PATTERN, min_length=3)]
StatusKey = Annotated[str, StringConstraints(pattern=STATUS_PATTERN)]
Identifier = Annotated[str, StringConstraints(pattern=IDENTIFIER_PATTERN, max_length=100)]
Currency = Annotated[str, StringConstraints(pattern=CURRENCY_PATTERN)]
Text = Annotated[str, StringConstraints(pattern=TEXT_PATTERN), Field(json_schema_extra=_NOT_TODO)]
EnvValue = Annotated[str, StringConstraints(pattern=ENV_VALUE_PATTERN)]
# No coercion (issue 16): true is no number, "100" no count and "true" no boolean.
Whole = Annotated[int, Strict()]
Count = Annotated[Whole, Field(le=MAX_INTEGER)]
# JSON holds no .inf, but ajv takes YAML's .inf for a number: bounds make the schema refuse it.
Number = Annotated[float, Strict(), Field(json_schema_extra=_finite)]
Flag = Annotated[bool, Strict()]
Day = Annotated[
    dt.date,
    BeforeValidator(_calendar_day),
    Strict(),
    Field(ge=EARLIEST_DATE, le=LATEST_DATE),
    WithJsonSchema({"type": "string", "format": "date", "pattern": DATE_PATTERN}),
]
# Markdown is allowed only in fields of this type; the site renders everything else as text.
Markdown = Annotated[
    str,
    StringConstraints(pattern=TEXT_PATTERN),
    Field(json_schema_extra={"contentMediaType": "text/markdown", **_NOT_TODO}),
]
# An example payload as the provider sends or receives it: any JSON value.
Example = Annotated[Any, AfterValidator(_shallow)]
JsonSchema = Annotated[dict[str, Any], AfterValidator(_shallow)]


class Part(BaseModel):
    """Base of every model part: immutable, and unknown fields are errors."""

    # No inf or nan: a timeout or price of .inf is a typing mistake, and JSON cannot hold it.
    model_config = ConfigDict(frozen=True, extra="forbid", allow_inf_nan=False)
