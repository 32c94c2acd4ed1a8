"""The built site in a real headless Chromium on 127.0.0.1: sections visible, search works
under the site's Content-Security-Policy, and no hostile record text runs as script.

Uses Debian's chromium through Playwright's `executable_path` (never a downloaded browser).
Without a browser the test is skipped on a workstation and fails in CI (CI=true).
"""

from __future__ import annotations

import functools
import os
import re
import shutil
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.helpers import loopback_server
from tests.outputs.site.conftest import HOSTILE
from tests.outputs.xss import CORPUS_ID

pytestmark = pytest.mark.slow

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1",
]
LOOPBACK = {"127.0.0.1", "localhost"}
# Runs in every page before its own scripts: records what the policy refused.
WATCH_POLICY = """
window.__refused = [];
document.addEventListener("securitypolicyviolation",
    (e) => window.__refused.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample}`));
"""


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def site_url(built_site: Path) -> Iterator[str]:
    handler = functools.partial(_QuietHandler, directory=str(built_site / "site"))
    with loopback_server(handler) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"no browser at {CHROMIUM}: .ci/run must install Debian's chromium")
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield launched
        launched.close()


def open_search(page) -> None:
    """Open the search box as a user would: Zensical has a button, Material an input."""
    button = page.locator(".md-search__button")
    if button.count():
        button.first.click()
    else:
        page.locator("input.md-search__input").click()


def test_integration_page_shows_sections_and_search_finds_a_provider(
    browser, site_url: str, tmp_path: Path
) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.add_init_script(WATCH_POLICY)
    outside: list[str] = []

    def guard(route) -> None:
        host = urlsplit(route.request.url).hostname
        if host not in LOOPBACK:
            outside.append(route.request.url)
            route.abort()
        else:
            route.continue_()

    page.route("**/*", guard)
    page.goto(f"{site_url}/integrations/stripe/", wait_until="networkidle")
    for section in [
        "Overview",
        "Authentication and credentials",
        "Endpoints",
        "Errors and troubleshooting",
        "Maintenance",
        "Sources",
    ]:
        assert page.locator("article h2", has_text=section).first.is_visible(), section
    assert page.locator("article h1").inner_text().rstrip("¶") == "Stripe Payments"
    page.screenshot(path=str(tmp_path / "stripe.png"), full_page=False)

    open_search(page)
    page.keyboard.type("Twilio", delay=50)
    # Material says "12 matching documents", Zensical "71 results" (inside a shadow root,
    # which role and text locators pierce).
    count = page.locator(r"text=/^\d+ (matching documents|results)$/").first
    count.wait_for(state="visible", timeout=10_000)
    assert int(count.inner_text().split()[0]) >= 2
    # Search results link with the query to highlight (?h=); the navigation folds categories.
    results = page.locator('a[href*="twilio/"][href*="h="]', has_text="Twilio Programmable")
    assert results.count() >= 1
    page.screenshot(path=str(tmp_path / "search.png"))
    assert (tmp_path / "stripe.png").stat().st_size > 10_000
    assert outside == [], f"the site tried to load from other hosts: {outside}"
    assert page.evaluate("window.__refused") == []  # the policy lets the theme do its work


HOSTILE_PAGES = [
    f"integrations/{CORPUS_ID}/",
    f"integrations/{HOSTILE}/",
    "catalogue/",
    "reviews/",
    "env-vars/",
    "systems/py360-renewal/",
]


@pytest.mark.parametrize("path", HOSTILE_PAGES)
def test_no_record_text_runs_when_a_page_loads_or_any_link_is_clicked(
    browser, site_url: str, path: str
) -> None:
    page = browser.new_page()
    page.add_init_script(WATCH_POLICY)
    dialogs: list[str] = []
    outside: list[str] = []  # requests the page made to other hosts (aborted: none left)
    followed: list[str] = []  # where clicked links lead (aborted, so the page stays)
    clicking = False

    def on_dialog(dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    def guard(route) -> None:
        request = route.request
        if clicking and request.is_navigation_request():
            followed.append(request.url)
            route.abort("aborted")  # a cancelled navigation keeps the document, unlike errors
        elif urlsplit(request.url).hostname not in LOOPBACK:
            outside.append(request.url)
            route.abort()
        else:
            route.continue_()

    page.on("dialog", on_dialog)
    page.route("**/*", guard)
    page.goto(f"{site_url}/{path}", wait_until="load")
    title = page.title()
    links = page.locator("article a")
    count = links.count()
    assert count >= 5
    clicking = True
    for index in range(count):
        # A click event as the browser delivers it, also for links the sticky header covers
        # or that have no size: following the link is the browser's own response to it.
        links.nth(index).dispatch_event("click")
    # One more turn of the event loop, for anything a click queued.
    page.evaluate("() => new Promise((resolve) => setTimeout(resolve))")
    assert page.url.split("#")[0] == f"{site_url}/{path}"  # still the same document
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert page.title() == title != "XSS"
    assert dialogs == []
    assert page.evaluate("window.__refused") == []  # nothing even tried to run
    assert outside == [], f"the page loaded from other hosts: {outside}"
    assert followed, "no click followed a link"
    assert all(urlsplit(url).scheme in {"http", "https"} for url in followed), followed
    page.close()


def test_the_policy_refuses_injected_inline_script(browser, site_url: str) -> None:
    page = browser.new_page()
    page.add_init_script(WATCH_POLICY)
    page.goto(f"{site_url}/integrations/{CORPUS_ID}/", wait_until="load")
    page.evaluate("""() => {
        const script = document.createElement("script");
        script.textContent = "window.__xss = 1";
        document.body.append(script);
        const link = document.createElement("a");
        link.href = "javascript:window.__xss = 2";
        document.body.append(link);
        link.click();
        return new Promise((resolve) => setTimeout(resolve));
    }""")
    assert page.evaluate("typeof window.__xss") == "undefined"
    refused = page.evaluate("window.__refused")
    assert [r.split()[0] for r in refused] == ["script-src-elem", "script-src-elem"], refused
    page.close()


def search_hits(page, query: str) -> list[str]:
    """The addresses of the search results for `query`, best first (both builders' markup)."""
    open_search(page)
    page.keyboard.type(query, delay=20)
    count = page.locator(r"text=/^\d+ (matching documents|results)$/").first
    count.wait_for(state="visible", timeout=10_000)
    # Zensical keeps its results in a shadow root; Material in .md-search-result. Both search
    # in a worker as the query is typed: wait until the results are for the whole query.
    collect = """(last) => {
        const found = [];
        const walk = (root) => {
            for (const a of root.querySelectorAll("a[href]")) {
                if (root !== document || a.closest(".md-search-result")) found.push(a.href);
            }
            for (const e of root.querySelectorAll("*")) if (e.shadowRoot) walk(e.shadowRoot);
        };
        walk(document);
        return found.some((href) => href.includes(last)) ? found : null;
    }"""
    last = query.split()[-1]
    page.wait_for_function(collect, arg=last, timeout=10_000)
    return page.evaluate(collect, last)


@pytest.mark.parametrize("record_id", ["stripe", "hubspot", "openai"])
def test_provider_and_topic_searches_put_the_providers_own_section_first(
    browser, site_url: str, record_id: str
) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{site_url}/catalogue/", wait_until="networkidle")
    hits = search_hits(page, f"{record_id} rate limit")
    sections = [h for h in hits if "#" in h]
    assert sections, hits
    first = urlsplit(sections[0])
    assert (first.path, first.fragment) == (
        f"/integrations/{record_id}/",
        "data-formats-and-rate-limits",
    ), hits[:5]
    assert urlsplit(hits[0]).path == f"/integrations/{record_id}/", hits[:5]
    page.close()


def test_reading_comfort_dark_mode_follows_the_system_highlighting_and_copy_buttons(
    browser, site_url: str
) -> None:
    context = browser.new_context(color_scheme="dark", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.add_init_script(WATCH_POLICY)
    page.goto(f"{site_url}/integrations/stripe/", wait_until="networkidle")
    scheme = "document.body.getAttribute('data-md-color-scheme')"
    assert page.evaluate(scheme) == "slate"  # the system's dark setting, before any click
    toggle = page.locator("label[title='Switch to light mode']:visible").first
    toggle.click()
    assert page.evaluate(scheme) == "default"
    # Pygments colours the curl and JSON samples when the site is built (no script needed).
    assert page.locator("article .highlight code span.s2").count() > 5
    assert page.locator("article .highlight button[title='Copy to clipboard']").count() >= 3
    assert page.evaluate("window.__refused") == []
    context.close()


@pytest.mark.parametrize("record_id", ["stripe", "hubspot", "openai"])
def test_a_developers_questions_are_answered_on_the_first_screen_or_one_click(
    browser, site_url: str, record_id: str
) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{site_url}/integrations/{record_id}/", wait_until="networkidle")
    # Who owns it, and is the record current: above the fold, before any section.
    for label in ("Owner:", "Review:", "Source:", "Documentation:"):
        fact = page.locator("article li", has_text=label).first
        assert fact.is_visible() and fact.bounding_box()["y"] < 900, label
    # How to authenticate, which variables, the rate limit, errors, testing: one click away
    # in the page's table of contents.
    for anchor in (
        "authentication-and-credentials",
        "data-formats-and-rate-limits",
        "errors-and-troubleshooting",
        "testing",
    ):
        link = page.locator(f"nav.md-nav--secondary a[href='#{anchor}']").first
        assert link.is_visible(), anchor
        link.click()
        heading = page.locator(f"article h2#{anchor}")
        assert heading.bounding_box()["y"] < 300, anchor  # scrolled to the top
    variables = page.locator("article table code", has_text=re.compile(r"^[A-Z][A-Z0-9_]+$"))
    assert variables.count() >= 1  # the env vars, in the credentials table
    page.close()


# Pages with a diagram, and lines of text each must draw (issue 20 item 5, issue 19 item 4).
DIAGRAMS = {
    "integrations/stripe/": ["saypro-classified", "api.stripe.com", "webhooks: 2 events"],
    "integrations/aws-ses/": ["py360-renewal", "fallback: sendgrid"],
    # Each system page: its phases (the timeline) and its integrations (the map).
    "systems/py360-renewal/": ["Phase 1", "Phase 2", "Amazon S3 (policy documents)"],
    "systems/saypro-classified/": ["Phase 1", "High priority", "Stripe Payments"],
}
# Each line's drawn size, and each box's text and outline: measured by the browser.
MEASURE = """(svg) => ({
    lines: [...svg.querySelectorAll("tspan")].map((t) => {
        const b = t.getBBox();
        return [t.firstChild.textContent, b.width, b.height];
    }),
    boxes: [...svg.querySelectorAll("g.intreg-box")].map((g) => {
        const rect = g.querySelector("rect").getBBox(), text = g.querySelector("text").getBBox();
        return {
            inside: text.x >= rect.x && text.x + text.width <= rect.x + rect.width
                && text.y >= rect.y && text.y + text.height <= rect.y + rect.height,
            ink: getComputedStyle(g.querySelector("text")).fill,
            paper: getComputedStyle(g.querySelector("rect")).fill,
        };
    }),
})"""


def _luminance(colour: str, under: tuple[float, ...] = (1.0, 1.0, 1.0)) -> float:
    """WCAG relative luminance of a computed `rgb()`/`rgba()` colour, blended over `under`."""
    *rgb, alpha = [*map(float, re.findall(r"[\d.]+", colour)), 1.0][:4]
    blended = [c / 255 * alpha + u * (1 - alpha) for c, u in zip(rgb, under, strict=True)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in blended]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(ink: str, paper: str) -> float:
    under = tuple(float(c) / 255 for c in re.findall(r"[\d.]+", paper)[:3])
    lighter, darker = sorted([_luminance(ink, under), _luminance(paper)], reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", DIAGRAMS)
def test_diagrams_are_drawn_readable_in_both_schemes_with_nothing_fetched(
    browser, site_url: str, path: str, scheme: str
) -> None:
    context = browser.new_context(color_scheme=scheme, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.add_init_script(WATCH_POLICY)
    outside: list[str] = []

    def guard(route) -> None:
        if urlsplit(route.request.url).hostname not in LOOPBACK:
            outside.append(route.request.url)
            route.abort()
        else:
            route.continue_()

    page.route("**/*", guard)
    page.goto(f"{site_url}/{path}", wait_until="networkidle")
    figures = page.locator("article figure.intreg-diagram svg")
    # An integration page has its flow; a system page its timeline and its map.
    assert figures.count() == (2 if path.startswith("systems/") else 1)
    shown: set[str] = set()
    for index in range(figures.count()):
        svg = figures.nth(index)
        svg.scroll_into_view_if_needed()
        assert svg.is_visible()
        size = svg.bounding_box()
        assert size is not None and size["width"] > 150 and size["height"] > 50, size
        # Never wider than the article: no diagram needs a sideways scroll on a laptop.
        article = page.locator("article").bounding_box()
        assert size["width"] <= article["width"], (size, article)
        drawn = page.evaluate(MEASURE, svg.element_handle())
        shown |= {line for line, width, height in drawn["lines"] if width > 0 and height > 0}
        for box in drawn["boxes"]:
            assert box["inside"], box  # the layout's text widths hold in a real browser's font
            assert _contrast(box["ink"], box["paper"]) >= 4.5, box
    assert set(DIAGRAMS[path]) <= shown, shown
    assert outside == [], f"the page loaded from other hosts: {outside}"
    assert page.evaluate("window.__refused") == []
    context.close()
