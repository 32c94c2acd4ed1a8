"""Text taken from a spec into the draft: one line, and never anything that looks secret."""

from __future__ import annotations

from typing import Any

from intreg.records.secrets import find_secret


def spec_text(value: Any) -> str | None:
    """`value` with its whitespace collapsed; None when empty or when it looks like a credential.

    Provider docs sometimes quote sample keys (AWS S3 does); the record loader would reject
    them as secrets, so such text is left out and the writer can look it up in the spec.
    """
    if not isinstance(value, str):
        return None
    text = " ".join(value.split())
    return text if text and find_secret(text) is None else None
