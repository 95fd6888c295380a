"""The site as readers get it, in a real browser on localhost."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest

from planbook.base.paths import HTML_DIR

PAGES = sorted(p.relative_to(HTML_DIR).as_posix() for p in HTML_DIR.rglob("*.html")
               if "_static" not in p.parts)
WAIT_FOR_IMAGES = """
() => Promise.all([...document.images].map(img => {
    img.loading = 'eager';
    return img.complete ? null : new Promise(done => { img.onload = img.onerror = done; });
}))
"""
BROKEN_IMAGES = "() => [...document.images].filter(i => !(i.naturalWidth > 0)).map(i => i.src)"
ICON_LINKS = "() => [...document.querySelectorAll('link[rel~=icon]')].map(l => l.href)"


def open_page(browser, url, **context_args):
    """A page on which every console error, failed request, HTTP error and
    request leaving localhost is recorded (and the latter aborted)."""
    context = browser.new_context(**context_args)
    page = context.new_page()
    problems = {"console": [], "failed": [], "http": [], "external": []}
    page.on("console", lambda m: m.type == "error" and problems["console"].append(m.text))
    page.on("requestfailed", lambda r: problems["failed"].append(f"{r.url} {r.failure}"))
    page.on("response", lambda r: r.status >= 400 and problems["http"].append(f"{r.status} {r.url}"))

    def guard(route):
        host = urlparse(route.request.url).hostname
        if route.request.url.startswith(("data:", "blob:")) or host in ("127.0.0.1", "localhost"):
            route.continue_()
        else:
            problems["external"].append(route.request.url)
            route.abort()

    page.route("**/*", guard)
    page.goto(url, wait_until="networkidle")
    return context, page, problems


@pytest.mark.parametrize("path", PAGES)
def test_page_loads_cleanly_offline(browser, site_url, path):
    context, page, problems = open_page(browser, site_url + path)
    try:
        page.evaluate(WAIT_FOR_IMAGES)
        broken = page.evaluate(BROKEN_IMAGES)
        assert problems["external"] == [], "requests leaving localhost"
        assert problems["console"] == [], "console errors"
        assert problems["failed"] == [] and problems["http"] == [], "failed requests"
        assert broken == [], "images that did not load"
        # Headless Chromium does not fetch the icon, a reader's browser does (and
        # logs a 404 without one): fetch what the page names and the root default.
        icons = page.evaluate(ICON_LINKS)
        assert icons, "the page names no icon"
        for url in icons + [site_url + "favicon.ico", site_url + "apple-touch-icon.png"]:
            response = context.request.get(url)
            assert response.status == 200 and response.body(), f"icon {url}: {response.status}"
    finally:
        context.close()


@pytest.mark.parametrize("query, chapter", [("工程机械", "xz-2022-clusters"),
                                            ("进出口", "sz-2018-plan")])
def test_search_box_finds_the_chapter(browser, site_url, query, chapter):
    context, page, problems = open_page(browser, site_url + "book/intro.html")
    try:
        box = page.locator("form.bd-search input[name=q]").first
        if not box.is_visible():
            page.locator("button.search-button__button, .search-button-field").first.click()
            box = page.locator("#pst-search-dialog input[name=q], form.bd-search input[name=q]").first
        box.fill(query)
        box.press("Enter")
        page.wait_for_url("**/search.html?q=*")
        page.wait_for_selector("ul.search li a", timeout=20_000)
        hrefs = page.eval_on_selector_all("ul.search li a", "els => els.map(e => e.href)")
        assert any(chapter in h for h in hrefs), hrefs
        assert problems["external"] == [] and problems["console"] == []
    finally:
        context.close()


def test_figure_downloads_have_the_right_types(browser, site_url):
    context, page, _ = open_page(browser, site_url + "book/xz-2022-clusters.html")
    try:
        links = page.eval_on_selector_all(".pb-figure-downloads a[download]",
                                          "els => els.map(e => e.href)")
        assert len(links) >= 4 * 4
        expected = {".png": "image/png", ".svg": "image/svg+xml", ".pdf": "application/pdf",
                    ".csv": "text/csv"}
        for link in links:
            response = page.request.get(link)
            assert response.ok, link
            kind = next(v for k, v in expected.items() if link.endswith(k))
            assert response.headers["content-type"].startswith(kind), (link, response.headers)
            body = response.body()
            if kind == "image/png":
                assert body[:8] == b"\x89PNG\r\n\x1a\n"
            elif kind == "application/pdf":
                assert body[:5] == b"%PDF-"
    finally:
        context.close()


@pytest.mark.parametrize("name, width, height", [("desktop", 1280, 900), ("mobile", 390, 844)])
@pytest.mark.parametrize("path", ["book/intro.html", "book/comparison.html"])
def test_screenshots_for_review(browser, site_url, screenshot_dir, path, name, width, height):
    context, page, problems = open_page(browser, site_url + path,
                                        viewport={"width": width, "height": height})
    try:
        page.evaluate(WAIT_FOR_IMAGES)
        target = screenshot_dir / f"{path.split('/')[-1][:-5]}-{name}.png"
        page.screenshot(path=str(target), full_page=True)
        assert target.stat().st_size > 10_000
        assert problems["external"] == []
    finally:
        context.close()


def test_data_tables_sort_by_a_clicked_column(browser, site_url):
    context, page, problems = open_page(browser, site_url + "book/data.html")
    try:
        table = page.locator("table:has(caption:has-text('核对状态'))").first
        headers = table.locator("thead th").all_inner_texts()
        column = next(i for i, h in enumerate(headers, 1) if h.strip() == "目标数")
        header = table.locator("thead th").nth(column - 1)
        header.click()
        values = table.locator(f"tbody tr td:nth-child({column})").all_inner_texts()
        numbers = [float(v.replace(",", "")) for v in values]
        assert len(numbers) >= 3 and numbers == sorted(numbers)
        header.click()
        values = table.locator(f"tbody tr td:nth-child({column})").all_inner_texts()
        assert [float(v.replace(",", "")) for v in values] == sorted(numbers, reverse=True)
        assert problems["console"] == []
    finally:
        context.close()
