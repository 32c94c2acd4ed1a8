"""The shape every Backstage entity intreg exports shares (descriptor format v1alpha1)."""

from __future__ import annotations

from typing import Any

API_VERSION = "backstage.io/v1alpha1"
UNSET_LIFECYCLE = "unknown"  # the record says nothing; Backstage requires some lifecycle


def entity(kind: str, metadata: dict[str, Any], spec: dict[str, Any]) -> dict[str, Any]:
    """An entity of `kind` with its metadata and spec, keys in the descriptor format's order."""
    return {"apiVersion": API_VERSION, "kind": kind, "metadata": metadata, "spec": spec}
