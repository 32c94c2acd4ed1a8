"""The integration page's Markdown, rendered in memory (no build)."""

from __future__ import annotations

import datetime as dt

from intreg.outputs.site.integration import render_integration
from tests.records.test_scorecard import mapped, record


def test_an_endpoints_data_mapping_is_a_table_and_the_note_goes() -> None:
    plain = render_integration(record("full"), dt.date(2026, 11, 24), {"full"}).decode()
    assert plain.count('!!! note "Not documented yet"') == 1
    page = render_integration(mapped(record("full")), dt.date(2026, 11, 24), {"full"}).decode()
    assert "Not documented yet" not in page
    assert (
        "**Data mapping**\n\n| Our field | Provider field | Transformation |\n|---|---|---|\n"
        "| `listing.fee_cents` | `amount` | — |\n"
    ) in page
