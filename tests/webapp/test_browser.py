"""Browser tests: Debian's Chromium driven by Playwright against the real server, store and
index (a werkzeug server on loopback in a thread).  They never skip: without
/usr/bin/chromium or the playwright package they fail saying what to install.  They also
take the README screenshots (docs/screenshots/)."""
from __future__ import annotations

import threading
from pathlib import Path

import pytest
from openpyxl import load_workbook
from werkzeug.serving import make_server

from webapp_support import REVIEWER, ROOT

CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOTS = ROOT / "docs" / "screenshots"
LAMPS_EN = "/instruments/ca/act/2017/n_16_8/eng"


@pytest.fixture(scope="module")
def live_server(app):
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.fail("Chromium is missing: install it with `apt-get install -y chromium` "
                    "(the browser tests must run, never skip)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail("Playwright is missing: `pip install -e '.[test]'` (never `playwright install`)")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update"])
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(20_000)
    yield page
    context.close()


def test_dashboard_and_cell(page, live_server):
    page.goto(live_server + "/")
    assert page.locator("#heatmap td.cell").count() >= 4 * 17
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "dashboard.png"), full_page=True)
    page.click('a[href="/jurisdictions/CA/cells/art:4"]')
    page.wait_for_url("**/jurisdictions/CA/cells/art:4")
    assert "Article 4" in page.locator("h1").inner_text()
    assert page.locator("table.evidence tbody tr").count() >= 1
    assert page.locator("table.obligations a").count() > 5


def test_search_with_facet(page, live_server):
    page.goto(live_server + "/search")
    page.fill('input[name="q"]', "mercury")
    page.click('form.search button[type="submit"]')
    page.wait_for_selector("li.hit")
    page.click('ul[data-facet="jurisdiction"] a:text-is("CA")')
    page.wait_for_url("**jurisdiction=ca**")
    assert page.locator('ul[data-facet="jurisdiction"] li.selected').count() == 1
    assert page.locator("li.hit mark").count() >= 1
    hits = page.locator("a.hit-title").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert hits and all(h.startswith("/instruments/ca/") for h in hits)


def test_sign_in_and_accept_a_tag(page, live_server):
    page.goto(live_server + LAMPS_EN)
    page.click("#sign-in")
    page.fill('input[name="name"]', REVIEWER[0])
    page.fill('input[name="password"]', REVIEWER[1])
    page.click('form.login button[type="submit"]')
    page.wait_for_url("**" + LAMPS_EN)
    assert REVIEWER[0] in page.locator(".account").inner_text()
    page.screenshot(path=str(SCREENSHOTS / "instrument.png"))
    proposed = page.locator("li.tag.st-proposed")
    before = proposed.count()
    assert before >= 1
    proposed.first.locator("button.accept").click()
    page.wait_for_selector("p.flash")
    assert f"accepted by {REVIEWER[0]}" in page.locator("p.flash").inner_text()
    assert page.locator("li.tag.st-proposed").count() == before - 1
    assert page.locator("li.tag.st-accepted .origin.reviewer").count() >= 1


def test_download_xlsx_export(page, live_server, tmp_path):
    page.goto(live_server + "/jurisdictions/CA")
    with page.expect_download() as info:
        page.click('#exports a.export:text-is("XLSX") >> nth=0')
    path = tmp_path / info.value.suggested_filename
    info.value.save_as(path)
    assert path.name == "gaps-CA-obligation.xlsx"
    assert load_workbook(path).worksheets
