"""Links between operations: a value in one response that another operation we call takes
(create -> retrieve -> refund), as OpenAPI links. Contract runs follow them."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, StringConstraints

from intreg.records.types import EXPRESSION_PATTERN, Identifier, Part, Text, Url

Expression = Annotated[
    str,
    StringConstraints(pattern=EXPRESSION_PATTERN),
    Field(examples=["$response.body#/id", "$response.header.Location"]),
]
ParameterName = Annotated[str, StringConstraints(min_length=1, pattern=r"^[^\s]+$")]


class ResponseLink(Part):
    """A value in this response that another operation we call takes: e.g. the id a create
    returns, which the retrieve takes as its path parameter."""

    operation: Identifier = Field(
        description="The operation that takes the value: its endpoints[].operation_id (or "
        "the id derived from its method and path).",
        examples=["retrievePaymentIntent"],
    )
    parameters: dict[ParameterName, Expression] = Field(
        default_factory=dict,
        description="The target's parameters (by name) and where each value comes from, as "
        "an OpenAPI runtime expression, e.g. intent: $response.body#/id.",
        examples=[{"intent": "$response.body#/id"}],
    )
    body: dict[ParameterName, Expression] = Field(
        default_factory=dict,
        description="Top-level fields of the target's request body and where each value "
        "comes from, e.g. payment_intent: $response.body#/id.",
        examples=[{"payment_intent": "$response.body#/id"}],
    )
    description: Text | None = Field(default=None, description="What the flow does for us.")
    source: Url | None = Field(
        default=None, description="Provider page that says the target takes this value."
    )
