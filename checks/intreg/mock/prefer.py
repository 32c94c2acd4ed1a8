"""The `Prefer` header as Prism reads it: `code=NNN` picks the status, `example=NAME` the example.

Prism (https://docs.stoplight.io/docs/prism/, "Response Examples" and its decision engine)
applies preferences only to a request that passed the credential and validation checks; it
answers a status the operation does not document with `default` given that status, else 404;
and an example name the response does not have with 404. A response's single `example` is named
`default`, as Prism names it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_STATUS = re.compile(r"[2-5]\d\d")


@dataclass(frozen=True)
class Preference:
    """What the client asked for: a status (as sent) and an example name, each optional."""

    code: str | None = None
    example: str | None = None

    @property
    def is_empty(self) -> bool:
        """True when the client asked for nothing the mock applies."""
        return self.code is None and self.example is None

    @property
    def code_problem(self) -> str | None:
        """Why `code` cannot be served, or None."""
        if self.code is None or _STATUS.fullmatch(self.code):
            return None
        return f"Prefer: code={self.code[:20]!r} is not an HTTP status from 200 to 599"

    def applied(self) -> str:
        """The Preference-Applied header value (RFC 7240)."""
        parts = [f"code={self.code}"] if self.code is not None else []
        return ", ".join([*parts, *([f"example={self.example}"] if self.example else [])])


def read_prefer(value: str | None) -> Preference:
    """The preferences in a Prefer header value: `code=404, example=dog` (`;` also separates).

    Unknown preferences are ignored, as RFC 7240 asks of servers."""
    found: dict[str, str] = {}
    for token in re.split(r"[,;]", value or ""):
        name, equals, raw = token.partition("=")
        key = name.strip().lower()
        if equals and key in ("code", "example") and key not in found:
            found[key] = raw.strip().strip('"')
    return Preference(found.get("code"), found.get("example") or None)
