"""A response's links on the integration page: which operation takes which of its values."""

from __future__ import annotations

from collections.abc import Sequence

from intreg.outputs.markdown import Safe, code, url
from intreg.outputs.site.page import cells, table
from intreg.records.links import ResponseLink


def links_table(links: Sequence[ResponseLink]) -> Safe:
    """One row per value a link hands on: the operation, what it takes, and from where."""
    rows = [
        cells(
            code(link.operation),
            code(f"{where}{name}"),
            code(expression),
            link.description,
            url(link.source) if link.source else None,
        )
        for link in links
        for where, values in (("", link.parameters), ("body: ", link.body))
        for name, expression in values.items()
    ]
    return table(["Feeds operation", "Takes", "From", "Why", "Source"], rows)
