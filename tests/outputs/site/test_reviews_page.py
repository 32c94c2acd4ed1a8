"""The reviews page lists version sunsets and credential rotations under the reviews (issue 21)."""

from __future__ import annotations

import datetime as dt

from intreg.outputs.site.overview import render_reviews
from intreg.outputs.summary import summary_of
from intreg.records.loader import load_record
from tests.reviews.records import change, named

SCOPE = "      scope: backend\n"


def integration(text: str, record_id: str):
    result = load_record(text.encode("utf-8"), f"registry/{record_id}.yaml", record_id)
    assert result.record is not None, result.findings
    return result.record.record


def test_sunsets_and_rotations_are_rows_soonest_first():
    keys = change(
        named("keys"), SCOPE, f"{SCOPE}      rotation: P90D\n      last_rotated: 2026-10-01\n"
    )
    old = named("old") + "versioning:\n  sunset_on: 2027-03-01\n"
    page = render_reviews(
        [summary_of(integration(keys, "keys")), summary_of(integration(old, "old"))],
        dt.date(2026, 11, 1),
    )
    text = page.decode("utf-8")
    sunsets = text[text.index("## Version sunsets") : text.index("## Credential rotations")]
    rotations = text[text.index("## Credential rotations") :]
    assert "| &#49;&#46;10 | 2027-03-01 | 120 |" in sunsets  # 1.10, escaped as the site does
    assert "old" in sunsets and "keys" not in sunsets
    assert "EXAMPLE_SECRET_KEY" in rotations
    assert "| 2026-10-01 | P90D | 2026-12-30 | 59 |" in rotations


def test_none_is_said_when_there_are_none():
    plain = summary_of(integration(named("plain"), "plain"))
    text = render_reviews([plain], dt.date(2026, 11, 1)).decode()
    assert "## Version sunsets\n\nNone.\n" in text
    assert "## Credential rotations\n\nNone with a last_rotated date.\n" in text
