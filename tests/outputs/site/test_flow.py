"""The flow diagram of an integration, drawn in memory: what it shows, escaping, geometry."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

import pytest

from intreg.outputs.site.diagram import MAX_CHARS
from intreg.outputs.site.flow import flow_diagram, render_flow
from intreg.outputs.site.integration import render_integration
from intreg.records.model import Integration
from intreg.records.project import Project
from intreg.records.registry import load_registry
from tests.outputs.site.conftest import REPO
from tests.outputs.site.geometry import SVG, assert_laid_out
from tests.records.test_scorecard import record


def shipped() -> list[Integration]:
    registry = load_registry(Project(REPO).record_files(), REPO)
    return [r.record for r in registry.records]


def figure(r: Integration) -> ET.Element:
    """The rendered figure, parsed as XML: it must be well-formed to parse at all."""
    return ET.fromstring(str(render_flow(r)))


def drawn_text(element: ET.Element) -> list[str]:
    """Each line of the drawing, as a browser shows it (tooltips left out)."""
    return [span.text or "" for span in element.iter(f"{SVG}tspan")]


def test_stripe_shows_its_consumer_the_api_host_the_webhooks_and_no_fallback() -> None:
    stripe = next(r for r in shipped() if r.id == "stripe")
    element = figure(stripe)
    assert drawn_text(element) == [
        "calls 3 endpoints",
        "auth: api_key",
        "webhooks: 2 events",
        "to /webhooks/stripe",
        "when Stripe is down",
        "Our systems",
        "saypro-classified",
        "Stripe",
        "api.stripe.com",
        "no automatic fallback",
    ]
    svg = element.find(f"{SVG}svg")
    assert svg is not None
    assert svg.get("role") == "img"
    assert svg.find(f"{SVG}title").text == "How Stripe Payments connects our systems and Stripe"
    caption = element.find("figcaption")
    assert caption.get("id") == svg.get("aria-describedby") == "intreg-flow-stripe-desc"
    assert caption.text == (
        "saypro-classified calls Stripe at api.stripe.com (3 endpoints, api_key auth). Stripe "
        "sends webhooks to /webhooks/stripe: payment_intent.succeeded, "
        "payment_intent.payment_failed. When it is down, no other integration takes over "
        "(see Fallback)."
    )


def test_a_record_without_webhooks_or_fallback_draws_neither() -> None:
    r = record("minimal")
    assert r.webhooks is None and r.fallback is None
    element = figure(r)
    kinds = {g.get("class") for g in element.iter(f"{SVG}g")}
    assert "intreg-arrow intreg-arrow-webhook" not in kinds
    assert "intreg-arrow intreg-arrow-fallback" not in kinds
    assert "No fallback is recorded." in (element.find("figcaption").text or "")


def test_a_fallback_integration_is_a_box_with_a_dashed_arrow_to_it() -> None:
    ses = next(r for r in shipped() if r.id == "aws-ses")
    assert ses.fallback is not None and ses.fallback.integration == "sendgrid"
    element = figure(ses)
    assert "fallback: sendgrid" in drawn_text(element)
    assert "intreg-box intreg-box-fallback" in {g.get("class") for g in element.iter(f"{SVG}g")}


def test_record_text_is_escaped_and_long_text_is_cut_with_a_tooltip() -> None:
    r = record("full")
    name = '</text><script>alert(1)</script> & "quoted" ' + "x" * 40
    hostile = r.model_copy(
        update={"provider": r.provider.model_copy(update={"name": name}), "name": "<b>n</b>"}
    )
    markup = str(render_flow(hostile))
    assert "<script>" not in markup and "<b>" not in markup
    element = ET.fromstring(markup)
    spans = [s for s in element.iter(f"{SVG}tspan") if s.text and s.text.startswith("</text>")]
    assert spans and spans[0].text == name[: MAX_CHARS - 1] + "…"
    assert spans[0].find(f"{SVG}title").text == name  # the whole name, on hover
    assert element.find(f"{SVG}svg/{SVG}title").text.startswith("How <b>n</b> connects")


def test_the_figure_is_one_line_so_markdown_keeps_it_as_one_html_block() -> None:
    markup = str(render_flow(record("full")))
    assert markup.endswith("</figure>\n") and markup.count("\n") == 1


def test_the_integration_page_shows_the_flow_under_the_overview() -> None:
    page = render_integration(record("full"), dt.date(2026, 11, 24), {"full"}).decode()
    overview = page.split("## Overview\n", 1)[1].split("\n## ", 1)[0]
    assert '### Flow\n\n<figure class="intreg-diagram" id="intreg-flow-full">' in overview


@pytest.mark.parametrize(
    "r", [pytest.param(r, id=r.id) for r in [*shipped(), record("full"), record("minimal")]]
)
def test_no_box_or_label_overlaps_another_and_all_lie_inside_the_drawing(r: Integration) -> None:
    assert_laid_out(flow_diagram(r))
