"""Drift check: is the upstream spec's version newer than the one the record uses?"""

from __future__ import annotations

import re

from intreg.records.findings import Finding, Severity
from intreg.records.record import LoadedRecord
from intreg.specs.loader import Spec

_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})(\.[A-Za-z0-9_-]+)?")
_NUMBER = re.compile(r"v?(\d+(?:\.\d+)*)", re.IGNORECASE)


def version_key(text: str) -> tuple[str, tuple[int, ...]] | None:
    """("date", (y, m, d)) for 2024-06-20 or Stripe's 2026-09-30.endive; ("3 numbers", (2, 3,
    0)) for 2.3.0; None for anything else, which cannot be ordered."""
    date = _DATE.fullmatch(text.strip())
    if date is not None:
        return "date", tuple(int(g) for g in date.groups()[:3])
    number = _NUMBER.fullmatch(text.strip())
    if number is not None:
        parts = tuple(int(p) for p in number.group(1).split("."))
        return f"{len(parts)} numbers", parts
    return None


def version_drift(r: LoadedRecord, spec: Spec) -> list[Finding]:
    """A warning when both versions have one shape (dates, or as many numbers) and upstream's
    is later.

    A spec's info.version is often the document's own version (Twilio's 1.0.0 beside API
    version 2010-04-01, OpenAI's 2.3.0 beside v1), so versions of different shapes are not
    compared.
    """
    ours, theirs = r.record.api.version, spec.version
    if theirs is None:
        return []
    a, b = version_key(ours), version_key(theirs)
    if a is None or b is None or a[0] != b[0] or b[1] <= a[1]:
        return []
    return [
        r.finding(
            ("api", "version"),
            "version-newer-upstream",
            f"the upstream spec is at version {theirs}; the record uses {ours}",
            "read the provider's changelog; upgrade and update api.version, or plan it in "
            "versioning.upgrade_plan",
            Severity.WARNING,
        )
    ]
