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


def test_a_responses_links_are_a_table_under_it() -> None:
    page = render_integration(record("linked"), dt.date(2026, 11, 24), {"linked"}).decode()
    assert (
        "| Feeds operation | Takes | From | Why | Source |\n|---|---|---|---|---|\n"
        "| `getCharge` | `charge` | `$response.body#/id` | Look the new charge up. "
        "| [https&#58;//example.com/docs/charges](<https://example.com/docs/charges>) |\n"
        "| `refundCharge` | `body: charge` | `$response.body#/id` | — | — |\n"
        "| `refundCharge` | `body: amount` | `$request.body#/amount` | — | — |\n"
    ) in page
