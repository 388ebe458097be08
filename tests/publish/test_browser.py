"""The built site in a real browser: Debian's chromium driven by Playwright, the site served on 127.0.0.1.

Checked: the catalogue renders and filters, search for "A-law" finds the G.711 page (served over
HTTP, and from file:// through the site's worker shim), a matrix cell opens its report, a chart
renders, no console error, and no request leaves 127.0.0.1. Screenshots go to
``$RECBENCH_ARTEFACTS/publish`` (``.ci/run`` sets it), else to the test's temporary folder.

Chromium is required, not optional: without it this test fails with the command that installs it
(``.ci/run`` installs it itself). No downloaded browser build is ever used.
"""

from __future__ import annotations

import functools
import os
import shutil
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from tests.publish.conftest import Published

FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--disable-default-apps", "--no-default-browser-check"]
WAIT_MS = 20_000  # generous: the machine is shared; every wait ends as soon as its condition holds


def chromium_path() -> str:
    """Debian's chromium, or a failure naming how to install it."""
    found = os.environ.get("RECBENCH_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not found:
        pytest.fail("the browser test needs Debian's chromium: apt-get install -y chromium (.ci/run does this)")
    return found


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def served(published: Published) -> Iterator[str]:
    """The site on an ephemeral port of 127.0.0.1."""
    handler = functools.partial(_QuietHandler, directory=str(published.site.out))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def artefacts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    configured = os.environ.get("RECBENCH_ARTEFACTS")
    folder = Path(configured) / "publish" if configured else tmp_path_factory.mktemp("screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """A fresh chromium profile; every request not to 127.0.0.1 (or a file: URL) is refused and recorded."""
    from playwright.sync_api import sync_playwright

    executable = chromium_path()
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("profile")), executable_path=executable, headless=True, args=FLAGS,
            viewport={"width": 1400, "height": 1000}, service_workers="block")
        context.outside = []  # type: ignore[attr-defined]

        def guard(route: Any) -> None:
            url = route.request.url
            if url.startswith(("http://127.0.0.1:", "file://", "data:", "blob:")):
                route.continue_()
            else:
                context.outside.append(url)  # type: ignore[attr-defined]
                route.abort()

        context.route("**/*", guard)
        try:
            yield context
        finally:
            context.close()


def _page(browser: Any) -> tuple[Any, list[str]]:
    page = browser.new_page()
    problems: list[str] = []
    page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.set_default_timeout(WAIT_MS)
    return page, problems


def _search(page: Any, words: str, expected: str) -> list[str]:
    """Open the search (its shortcut, as a reader would), enter ``words``; the result links once one
    of them leads to ``expected`` (or, after the bounded retries, whatever the results are).

    Only a link to ``expected`` ends the wait, so results for a prefix of the words (shown while
    they are typed) are never mistaken for theirs. From file:// the index reaches the search
    worker only once the search is opened, so words entered before it is ready are entered again
    (after clearing the box), a bounded number of times.
    """
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    page.wait_for_selector("input.md-search__input", state="attached")
    page.keyboard.press("s")
    field = page.locator("input.md-search__input")
    wanted = f".md-search-result__item a[href*='{expected}']"
    for _ in range(10):
        field.fill("")
        page.wait_for_timeout(300)  # past the search box's debounce, so the words count as a new query
        field.press_sequentially(words, delay=20)  # the search box reacts to keys, not to a set value
        try:
            page.wait_for_selector(wanted, state="attached", timeout=WAIT_MS // 10)
            break
        except PlaywrightTimeout:
            continue
    return [str(link.get_attribute("href")) for link in page.locator(".md-search-result__item a").all()]


def test_the_catalogue_renders_and_filters(browser: Any, served: str, artefacts: Path, published: Published) -> None:
    page, problems = _page(browser)
    page.goto(served + "index.html")
    rows = page.locator(".rb-catalogue-table tbody tr")
    total = len(published.data.catalog.recommendations)
    assert rows.count() == total
    page.wait_for_selector(f".rb-shown:text('{total} of {total} shown')")
    page.screenshot(path=str(artefacts / "home.png"), full_page=True)
    series = [r for r in published.data.catalog.recommendations if r.model.id.startswith("ITU-T G.")]
    page.select_option("select[data-filter=series]", "G")
    page.wait_for_selector(f".rb-shown:text('{len(series)} of {total} shown')")
    assert page.locator(".rb-catalogue-table tbody tr:visible").count() == len(series)
    assert all(text.startswith("ITU-T G.") for text in
               page.locator(".rb-catalogue-table tbody tr:visible td:first-child").all_inner_texts())
    page.select_option("select[data-filter=series]", "")
    page.select_option("select[data-filter=status]", "in-force")
    in_force = sum(1 for r in published.data.catalog.recommendations if r.model.status == "in-force")
    page.wait_for_selector(f".rb-shown:text('{in_force} of {total} shown')")
    page.screenshot(path=str(artefacts / "home-filtered.png"))
    assert problems == []
    assert browser.outside == []


def test_search_finds_the_g711_page(browser: Any, served: str, artefacts: Path) -> None:
    page, problems = _page(browser)
    page.goto(served + "matrix.html")
    links = _search(page, "A-law", "recommendations/g711.html")
    assert any("recommendations/g711.html" in link for link in links), links
    page.screenshot(path=str(artefacts / "search-a-law.png"))
    assert problems == []
    assert browser.outside == []


def test_search_works_from_file_urls(browser: Any, published: Published) -> None:
    page, problems = _page(browser)
    page.goto((published.site.out / "index.html").as_uri())
    links = _search(page, "A-law", "recommendations/g711.html")
    assert any("recommendations/g711.html" in link for link in links), links
    assert problems == []
    assert browser.outside == []


def test_a_matrix_cell_opens_its_report(browser: Any, served: str, artefacts: Path, published: Published) -> None:
    page, problems = _page(browser)
    page.goto(served + "matrix.html")
    page.screenshot(path=str(artefacts / "matrix.png"), full_page=True)
    row = page.locator("tr", has=page.locator("th a", has_text="ITU-T G.711"))
    row.locator("a.rb-cell").first.click()
    page.wait_for_load_state()
    assert "/reports/run-" in page.url
    assert "ITU-T G.711 conformance" in page.title()
    assert page.locator(".banner").inner_text().startswith("Passed.")
    assert problems == []
    assert browser.outside == []


def test_a_recommendation_page_and_a_health_card_with_its_chart(browser: Any, served: str, artefacts: Path) -> None:
    page, problems = _page(browser)
    page.goto(served + "recommendations/g711.html")
    assert page.locator("h1").inner_text().startswith("ITU-T G.711")
    assert page.locator("h2#requirements").count() == 1
    page.screenshot(path=str(artefacts / "recommendation-g711.png"), full_page=True)
    page.goto(served + "health/g711-reference.html")
    chart = page.locator("figure.rb-chart svg").first
    chart.wait_for()
    box = chart.bounding_box()
    assert box is not None and box["width"] > 200 and box["height"] > 80
    assert chart.locator("path").count() > 5
    page.screenshot(path=str(artefacts / "health-card-g711-reference.png"), full_page=True)
    page.goto(served + "health/index.html")
    assert page.locator("figure.rb-chart svg").count() >= 3
    page.screenshot(path=str(artefacts / "dependency-health.png"), full_page=True)
    assert problems == []
    assert browser.outside == []
