"""What a developer reads on the built pages (issue 20): facts as code, examples as JSON,
category names as written, with both builders."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from intreg.outputs.site.categories import NAMES
from intreg.outputs.site.page import Page
from intreg.records.model import Category
from tests.outputs.site.test_build import article, parse

pytestmark = pytest.mark.slow


def page(site: Path, path: str) -> str:
    return article(site / "site" / path / "index.html")


def test_the_auth_header_is_code_not_literal_backticks(built_site: Path) -> None:
    body = page(built_site, "integrations/stripe")
    assert "in the <code>Authorization</code> header with scheme <code>Bearer</code>" in body
    assert "&#96;" not in body.split("Sent:")[1].split("</li>")[0]


def test_parameter_examples_are_wire_text_not_python(built_site: Path) -> None:
    body = page(built_site, "integrations/stripe")
    assert "<code>expand[]=latest_charge</code>" in body
    assert "[&#39;latest_charge&#39;]" not in body and "['latest_charge']" not in body
    assert not re.search(r"<td>(False|True|None)</td>", body)
    hubspot = page(built_site, "integrations/hubspot")
    assert "<code>properties=email,firstname,lastname,lifecyclestage</code>" in hubspot
    assert "<code>archived=false</code>" in hubspot


def test_every_endpoint_has_curl_python_and_javascript_tabs(built_site: Path) -> None:
    body = page(built_site, "integrations/stripe")
    tab_sets = re.findall(r'<div class="tabbed-set tabbed-alternate"', body)
    assert len(tab_sets) == 3  # one per endpoint
    labels = re.findall(r"<label for=\"__tabbed_\d+_\d+\">([^<]+)</label>", body)
    assert labels == ["curl", "Python", "JavaScript"] * 3


def test_code_in_table_cells_never_breaks_mid_word(built_site: Path) -> None:
    css = (built_site / "site" / "stylesheets" / "intreg.css").read_text(encoding="utf-8")
    rule = css[css.index(".md-typeset table:not([class]) code") :].split("}")[0]
    assert "white-space: nowrap" in rule and "overflow-wrap: normal" in rule
    assert "<td><code>STRIPE_SECRET_KEY</code></td>" in page(built_site, "integrations/stripe")


def test_categories_read_as_proper_names(built_site: Path) -> None:
    headings = [
        h.replace("¶", "").strip()
        for h in parse(built_site / "site" / "catalogue" / "index.html").h2
    ]
    assert {"SMS", "CRM", "SEO", "AI", "Payments"} <= set(headings)
    assert not {"Sms", "Crm", "Seo", "Ai"} & set(headings)
    assert "<strong>Category:</strong> SMS" in page(built_site, "integrations/twilio")


def test_every_category_has_a_display_name() -> None:
    assert list(NAMES) == list(Category)


def test_owner_review_and_source_come_before_the_first_section(built_site: Path) -> None:
    body = page(built_site, "integrations/stripe")
    top = body[: body.index("<h2")]
    assert "<strong>Owner:</strong> payments" in top
    assert "mailto:payments-team@example.com" in top
    assert 'class="intreg-badge intreg-' in top and "next on 2027-" in top
    assert "<strong>Source:</strong> <code>registry/stripe.yaml</code>" in top


def test_each_integration_is_one_entry_of_its_category_in_the_navigation(
    built_site: Path,
) -> None:
    html = (built_site / "site" / "integrations" / "stripe" / "index.html").read_text("utf-8")
    nav = html[html.index('<nav class="md-nav md-nav--primary"') : html.index('"md-content"')]
    words = " ".join(re.sub(r"<[^>]+>", " ", nav).split())
    assert "Api reference" not in words and "API reference" not in words  # folded (issue 22)
    assert words.index("Integrations") < words.index("Systems") < words.index("Guides")
    assert words.index("Payments") < words.index("Stripe Payments") < words.index("SMS")
    # A category is a heading, never a link: no integration page became a category's index.
    assert 'href="../paypal/"' in nav
    assert not re.search(r"<a [^>]*>\s*Payments\s*</a>", nav)


def test_a_missing_section_says_not_documented_yet_never_an_empty_heading(
    built_site: Path,
) -> None:
    body = page(built_site, "integrations/ahrefs")
    monitoring = body[body.index('id="monitoring"') :].split("<h2")[0]
    assert "Not documented yet" in monitoring
    assert "Add <code>monitoring</code> (dashboards and alerts) to the record." in monitoring
    top = body[: body.index("<h2")]
    assert "<strong>Documentation:</strong> operational (8 of 10 sections" in top
    # Telegram documents all but its data mapping: one note, under Endpoints.
    telegram = page(built_site, "integrations/telegram")
    assert telegram.count("Not documented yet") == 1
    endpoints = telegram[telegram.index('id="endpoints"') :]
    assert "Add <code>data_mapping</code> to the endpoints" in endpoints.split("<h3")[0]
    assert "<strong>Documentation:</strong> operational (9 of 10 sections" in telegram


def test_the_catalogue_shows_each_records_documentation_level(built_site: Path) -> None:
    body = page(built_site, "catalogue")
    assert "<th>Documentation</th>" in body
    row = next(r for r in re.findall(r"<tr>.*?</tr>", body, re.DOTALL) if "Ahrefs" in r)
    assert "<td>operational</td>" in row


def test_bodies_are_field_tables_not_raw_json_schema(built_site: Path) -> None:
    """Issue 20, item 4: on the integration page, each body's fields are a table (name, type,
    required, allowed values, description, example)."""
    body = page(built_site, "integrations/stripe")
    headers = r"<th>Field</th>\s*<th>Type</th>\s*<th>Required</th>\s*<th>Allowed values</th>"
    assert re.search(headers, body)
    assert re.search(
        r"<td><code>status</code></td>\s*<td>string</td>\s*<td>yes</td>\s*"
        r"<td><code>canceled</code>, <code>processing</code>",
        body,
    )
    assert "&quot;properties&quot;" not in body and '"properties"' not in body
    # The stub, with the full schema, stays one click away.
    assert '<a href="../../downloads/openapi/stripe.openapi.yaml">stripe.openapi.yaml</a>' in body
    assert 'Field rules from <a href="https://github.com/stripe/openapi/blob/' in body


def test_a_page_boosted_and_excluded_has_one_search_key() -> None:
    front_matter = Page("Both", search_boost=2, search_exclude=True).render().decode()
    head = front_matter.split("---\n")[1]
    assert yaml.safe_load(head)["search"] == {"boost": 2, "exclude": True}


def test_code_samples_stay_out_of_the_search_index(built_site: Path) -> None:
    """Issue 22: the samples' code made up a third of the index and matched every "curl"; the
    endpoint is found by its own text."""
    assert "raise_for_status" in page(built_site, "integrations/stripe")  # on the page
    indexes = sorted((built_site / "site").rglob("search*.json"))
    assert indexes
    for index in indexes:
        text = index.read_text(encoding="utf-8")
        assert "raise_for_status" not in text and "--fail-with-body" not in text, index
        assert "Create a PaymentIntent for a listing fee" in text, index
