"""The built site in a real headless Chromium on 127.0.0.1: sections visible, search works.

Uses Debian's chromium through Playwright's `executable_path` (never a downloaded browser).
Without a browser the test is skipped on a workstation and fails in CI (CI=true).
"""

from __future__ import annotations

import functools
import os
import shutil
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.helpers import loopback_server

pytestmark = pytest.mark.slow

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1",
]


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
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
    outside: list[str] = []

    def guard(route) -> None:
        host = urlsplit(route.request.url).hostname
        if host not in {"127.0.0.1", "localhost"}:
            outside.append(route.request.url)
            route.abort()
        else:
            route.continue_()

    page.route("**/*", guard)
    page.goto(f"{site_url}/integrations/stripe/", wait_until="networkidle")
    for section in ["Overview", "Authentication and credentials", "Endpoints",
                    "Errors and troubleshooting", "Maintenance", "Sources"]:
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
    result = page.get_by_role("link").filter(has_text="Twilio Programmable Messaging (SMS)")
    assert result.count() >= 2  # the navigation entry and at least one search result
    page.screenshot(path=str(tmp_path / "search.png"))
    assert (tmp_path / "stripe.png").stat().st_size > 10_000
    assert outside == [], f"the site tried to load from other hosts: {outside}"
