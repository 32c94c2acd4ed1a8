"""An endpoint's operation id: the record's, or one derived from its method and path. Stubs
name operations by it, and links between operations name their target by it."""

from __future__ import annotations

import re

from intreg.records.endpoint import Endpoint


def operation_id(endpoint: Endpoint) -> str:
    """The endpoint's operation_id, or one derived from its method and path (stable):
    GET /v1/charges/{charge} -> getV1ChargesByCharge."""
    if endpoint.operation_id is not None:
        return endpoint.operation_id
    words = [endpoint.method.value.lower()]
    for segment in endpoint.path.strip("/").split("/"):
        name = segment.strip("{}")
        parts = [p for p in re.split(r"[^A-Za-z0-9]+", name) if p]
        prefix = ["by"] if segment.startswith("{") else []
        words += prefix + parts
    return words[0] + "".join(w[:1].upper() + w[1:] for w in words[1:])
