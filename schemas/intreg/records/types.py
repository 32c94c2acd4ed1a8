"""Constrained scalar types shared by the model, each with a writer-facing explanation."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
ENV_VAR_PATTERN = r"^[A-Z][A-Z0-9_]*$"
URL_PATTERN = r"^https?://[^\s/$.?#][^\s]*$"
HTTPS_URL_PATTERN = r"^https://[^\s/$.?#][^\s]*$"
EMAIL_PATTERN = r"^[^@\s]+@[^@\s]+\.[^@\s]+$"
CADENCE_PATTERN = (
    r"^(monthly|quarterly|annual"
    r"|P(\d+Y(\d+M)?(\d+W)?(\d+D)?|\d+M(\d+W)?(\d+D)?|\d+W(\d+D)?|\d+D))$"
)
PATH_PATTERN = r"^/[^\s?#]*$"
WINDOW_PATTERN = r"^P(\d+D)?(T(\d+H)?(\d+M)?(\d+S)?)?$"
STATUS_PATTERN = r"^([1-5][0-9][0-9]|[1-5]XX|default)$"
IDENTIFIER_PATTERN = r"^[A-Za-z][A-Za-z0-9_]*$"
CURRENCY_PATTERN = r"^[A-Z]{3}$"
TEXT_PATTERN = r"\S"

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
    TEXT_PATTERN: ("is empty", "write some text, or remove the field"),
}

Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN, max_length=64)]
EnvVarName = Annotated[str, StringConstraints(pattern=ENV_VAR_PATTERN, max_length=128)]
Url = Annotated[str, StringConstraints(pattern=URL_PATTERN)]
HttpsUrl = Annotated[str, StringConstraints(pattern=HTTPS_URL_PATTERN)]
Email = Annotated[str, StringConstraints(pattern=EMAIL_PATTERN)]
Cadence = Annotated[
    str,
    StringConstraints(pattern=CADENCE_PATTERN),
    Field(examples=["quarterly", "P6M"]),
]
UrlPath = Annotated[str, StringConstraints(pattern=PATH_PATTERN)]
Window = Annotated[str, StringConstraints(pattern=WINDOW_PATTERN, min_length=3)]
StatusKey = Annotated[str, StringConstraints(pattern=STATUS_PATTERN)]
Identifier = Annotated[str, StringConstraints(pattern=IDENTIFIER_PATTERN, max_length=100)]
Currency = Annotated[str, StringConstraints(pattern=CURRENCY_PATTERN)]
Text = Annotated[str, StringConstraints(pattern=TEXT_PATTERN)]
# Markdown is allowed only in fields of this type; the site renders everything else as text.
Markdown = Annotated[
    str,
    StringConstraints(pattern=TEXT_PATTERN),
    Field(json_schema_extra={"contentMediaType": "text/markdown"}),
]
# An example payload as the provider sends or receives it: any JSON value.
Example = Any


class Part(BaseModel):
    """Base of every model part: immutable, and unknown fields are errors."""

    model_config = ConfigDict(frozen=True, extra="forbid")
