"""The endpoints section: each operation we call, with parameters and examples."""

from __future__ import annotations

from enum import StrEnum

from pydantic import ConfigDict, Field, StrictStr

from intreg.records.body_fields import (
    FIELDS_DESCRIPTION,
    FIELDS_EXAMPLE,
    FieldPathKey,
    FieldRule,
)
from intreg.records.links import ResponseLink
from intreg.records.types import (
    Count,
    EnvVarName,
    Example,
    Flag,
    HttpsUrl,
    Identifier,
    JsonSchema,
    Markdown,
    Number,
    Part,
    StatusKey,
    Text,
    Url,
    UrlPath,
    Whole,
    equals,
    when,
)


class HttpMethod(StrEnum):
    GET = "GET"
    POST = "POST"
    PUT = "PUT"
    PATCH = "PATCH"
    DELETE = "DELETE"
    HEAD = "HEAD"
    OPTIONS = "OPTIONS"


class DataFormat(StrEnum):
    JSON = "json"
    FORM = "form"
    MULTIPART = "multipart"
    XML = "xml"
    TEXT = "text"
    BINARY = "binary"


MEDIA_TYPES: dict[DataFormat, str] = {
    DataFormat.JSON: "application/json",
    DataFormat.FORM: "application/x-www-form-urlencoded",
    DataFormat.MULTIPART: "multipart/form-data",
    DataFormat.XML: "application/xml",
    DataFormat.TEXT: "text/plain",
    DataFormat.BINARY: "application/octet-stream",
}


class ParameterLocation(StrEnum):
    PATH = "path"
    QUERY = "query"
    HEADER = "header"
    COOKIE = "cookie"


class ParameterStyle(StrEnum):
    """OpenAPI's serialisation styles (https://spec.openapis.org/oas/v3.1.0#style-values)."""

    FORM = "form"
    SPACE_DELIMITED = "spaceDelimited"
    PIPE_DELIMITED = "pipeDelimited"
    DEEP_OBJECT = "deepObject"
    SIMPLE = "simple"
    LABEL = "label"
    MATRIX = "matrix"


# The styles OpenAPI allows where (rules.check_endpoints reports a mismatch).
STYLES_BY_LOCATION: dict[str, tuple[ParameterStyle, ...]] = {
    "path": (ParameterStyle.SIMPLE, ParameterStyle.LABEL, ParameterStyle.MATRIX),
    "query": (
        ParameterStyle.FORM,
        ParameterStyle.SPACE_DELIMITED,
        ParameterStyle.PIPE_DELIMITED,
        ParameterStyle.DEEP_OBJECT,
    ),
    "header": (ParameterStyle.SIMPLE,),
    "cookie": (ParameterStyle.FORM,),
}
BODY_STYLES = STYLES_BY_LOCATION["query"]


class ParameterType(StrEnum):
    STRING = "string"
    INTEGER = "integer"
    NUMBER = "number"
    BOOLEAN = "boolean"
    ARRAY = "array"
    OBJECT = "object"


class EndpointAuth(StrEnum):
    NONE = "none"
    CLIENT = "client"


class Parameter(Part):
    """A path, query, header or cookie parameter."""

    # rules.check_endpoints: a path parameter is required.
    model_config = ConfigDict(
        json_schema_extra={"allOf": [when(equals("location", "path"), equals("required", True))]}
    )

    name: Text = Field(description="Parameter name exactly as the provider spells it.")
    location: ParameterLocation = Field(description="Where it goes: path, query, header, cookie.")
    required: Flag = Field(
        default=False, description="True when the provider rejects requests without it."
    )
    type: ParameterType = Field(default=ParameterType.STRING, description="JSON type of the value.")
    enum: list[StrictStr | Whole | Flag] | None = Field(
        default=None, description="The only allowed values."
    )
    style: ParameterStyle | None = Field(
        default=None,
        description="How an array or object value is written (OpenAPI style): in the query "
        "form (default; `a=x&a=y`, or `a=x,y` without explode), spaceDelimited, "
        "pipeDelimited or deepObject (`a[k]=v`, and `a[]=x` for arrays, as Stripe reads "
        "them); simple (default), label or matrix in the path; simple in headers.",
        examples=["deepObject"],
    )
    explode: Flag | None = Field(
        default=None,
        description="OpenAPI explode: true repeats the key per item (`a=x&a=y`), false joins "
        "the items (`a=x,y`, as HubSpot's `properties`). Default: true for form, else false.",
    )
    description: Text | None = Field(default=None, description="What the parameter does.")
    example: Example = Field(
        default=None,
        description="An example value, as data: a list for an array (`[a, b]`); the page and "
        "the samples write it as the style says.",
    )


class RequestBody(Part):
    """The request body we send."""

    format: DataFormat | None = Field(
        default=None, description="Body encoding; defaults to api.request_format."
    )
    description: Text | None = Field(default=None, description="What the body carries.")
    style: ParameterStyle | None = Field(
        default=None,
        description="Form bodies: how object and array fields are written (OpenAPI encoding "
        "style). deepObject (the default for objects) writes `metadata[listing_id]=...` and "
        "`tags[]=...`; form flattens objects and repeats array fields (`tag=a&tag=b`); "
        "spaceDelimited and pipeDelimited join arrays.",
        examples=["deepObject"],
    )
    explode: Flag | None = Field(
        default=None,
        description="Form bodies: OpenAPI explode for object and array fields; with style "
        "form, false joins array items with commas. Default: true.",
    )
    json_schema: JsonSchema | None = Field(
        default=None,
        description="JSON Schema (2020-12) of the body; inferred from the example when absent.",
    )
    example: Example = Field(default=None, description="A realistic example body.")
    fields: dict[FieldPathKey, FieldRule] = Field(
        default_factory=dict,
        description=FIELDS_DESCRIPTION,
        examples=[FIELDS_EXAMPLE],
        json_schema_extra={"additionalProperties": False},  # a key that is no field path
    )
    fields_source: Url | None = Field(
        default=None,
        description="Where the provider states these fields' rules, when not the endpoint's "
        "source.",
    )


class Response(Part):
    """One documented response."""

    description: Text = Field(description="When the provider returns this response.")
    headers: dict[str, Text] = Field(
        default_factory=dict,
        description="Response headers worth knowing, each with what it carries.",
        examples=[{"Request-Id": "Id to quote to provider support."}],
    )
    json_schema: JsonSchema | None = Field(
        default=None,
        description="JSON Schema (2020-12) of the body; inferred from the example when absent.",
    )
    example: Example = Field(default=None, description="A realistic example body.")
    fields: dict[FieldPathKey, FieldRule] = Field(
        default_factory=dict,
        description=FIELDS_DESCRIPTION,
        examples=[FIELDS_EXAMPLE],
        json_schema_extra={"additionalProperties": False},  # a key that is no field path
    )
    fields_source: Url | None = Field(
        default=None,
        description="Where the provider states these fields' rules, when not the endpoint's "
        "source.",
    )
    links: list[ResponseLink] = Field(
        default_factory=list,
        description="Values in this response that other operations we call take (create -> "
        "retrieve -> refund); stubs carry them as OpenAPI links and contract runs follow them.",
    )


class FieldMapping(Part):
    """How one of our fields becomes (or comes from) one of the provider's fields."""

    ours: Text = Field(
        description="Our field, as our code names it.", examples=["listing.fee_cents"]
    )
    theirs: Text = Field(
        description="The provider's field, as its API names it.", examples=["amount"]
    )
    transformation: Text | None = Field(
        default=None,
        description="What happens on the way, if anything: units, formats, lookups.",
        examples=["integer cents, unchanged"],
    )


class Endpoint(Part):
    """One provider operation that our systems call."""

    operation_id: Identifier | None = Field(
        default=None,
        description="Stable operation name, e.g. createRefund; derived from method and path "
        "when absent.",
    )
    method: HttpMethod = Field(description="HTTP method, in capitals.")
    path: UrlPath = Field(
        description="Path below api.base_url, with {placeholders} for path parameters.",
        examples=["/v1/refunds/{refund}"],
    )
    summary: Text = Field(description="One line: what calling it does for us.")
    description: Markdown | None = Field(
        default=None, description="Longer notes on when and how we call it, in Markdown."
    )
    server: HttpsUrl | None = Field(
        default=None,
        description="Base URL for this endpoint when it differs from api.base_url (https only).",
    )
    parameters: list[Parameter] = Field(default_factory=list, description="Its parameters.")
    request: RequestBody | None = Field(default=None, description="The request body, if any.")
    responses: dict[StatusKey, Response] = Field(
        min_length=1,
        description="Responses keyed by HTTP status (200, 404, 5XX or default).",
        json_schema_extra={"additionalProperties": False},
    )
    timeout_seconds: Number | None = Field(
        default=None,
        gt=0,
        description="Client timeout we use for this call, in seconds; overrides "
        "sla.timeout_seconds. Contract runs wait this long for each answer.",
    )
    latency_p95_ms: Count | None = Field(
        default=None,
        gt=0,
        description="Our p95 latency target for this call, in milliseconds; overrides "
        "sla.latency_p95_ms. A contract run whose p95 for the call is above it fails.",
    )
    idempotent: Flag | None = Field(
        default=None, description="True when repeating the call is safe (or made safe by a key)."
    )
    idempotency_header: Text | None = Field(
        default=None,
        description="Header that makes retries safe, e.g. Idempotency-Key.",
        examples=["Idempotency-Key"],
    )
    auth: EndpointAuth | None = Field(
        default=None,
        description="Overrides auth for this endpoint: none (a public endpoint) or client (the "
        "token endpoint, which takes the client id and secret as auth.token says).",
    )
    credential: EnvVarName | None = Field(
        default=None,
        description="The credential this endpoint sends in place of auth's token, where the "
        "provider wants another one here (an app-only token for reads, a user token for "
        "writes; a key with other permissions).",
        examples=["X_USER_ACCESS_TOKEN"],
    )
    source: Url = Field(description="Provider page (or spec) documenting this endpoint.")
    data_mapping: list[FieldMapping] = Field(
        default_factory=list,
        description="Our fields and the provider's fields this call maps between, each with "
        "its transformation.",
    )
