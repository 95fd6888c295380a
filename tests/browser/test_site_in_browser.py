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
    # an uncaught exception is shown as an error in the browser's console too
    page.on("pageerror", lambda e: problems["console"].append(f"uncaught: {e}"))
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
                    ".csv": "text/csv", ".vl.json": "application/json"}
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


# ---------------------------------------------------------------- interactive figures

# The drawn marks of a chart whose data match, as [x, y] centres on screen (Vega keeps
# each mark's data item on its SVG element); the first is scrolled into view.
MARKS = """
([label, role, match]) => {
  const root = document.getElementById('pb-interactive-' + label);
  const found = [...root.querySelectorAll('svg g.' + role + ' > path')].filter(e => {
    const datum = e.__data__ && e.__data__.datum;
    return datum && Object.entries(match).every(([k, v]) => String(datum[k]) === String(v));
  });
  if (found.length) { found[0].scrollIntoView({block: 'center'}); }
  return found.map(e => { const r = e.getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2]; });
}
"""
TOOLTIP = "() => { const t = document.getElementById('pb-chart-tooltip'); return t && !t.hidden ? t.innerText : null; }"


def _rows(label):
    import csv
    with (HTML_DIR / "figures" / f"{label}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _source_names(source_ids):
    """What identifies each source in a tooltip: its short title, else its headline's
    beginning; and its grade (read from data/sources.csv, not typed here)."""
    from planbook.data.load import load
    sources = load("sources").set_index("source_id")
    names = []
    for sid in source_ids:
        row = sources.loc[sid]
        short = row["short_zh"]
        names += [short if isinstance(short, str) else str(row["title"])[:10], f"{row['grade']}级"]
    return names


NEXT_FRAMES = "() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"


def _hover(page, label, role, match):
    assert page.evaluate(MARKS, [label, role, match]), f"{label}: no drawn mark matches {match}"
    page.evaluate(NEXT_FRAMES)  # the scroll has happened (scrolling hides a tooltip)
    points = page.evaluate(MARKS, [label, role, match])
    page.mouse.move(*points[0])
    page.wait_for_function(TOOLTIP)
    return page.evaluate(TOOLTIP)


def _legend_click(page, label, entry):
    page.locator(f"#pb-interactive-{label} svg g.role-legend-label text", has_text=entry).first.click()


def _wait_for_marks(page, label, role, match, count):
    """Until exactly ``count`` drawn marks match (a toggled series redraws asynchronously)."""
    page.wait_for_function(f"(args) => ({MARKS.strip()})(args).length === {count}",
                           arg=[label, role, match], timeout=10_000)


def _open_chart(browser, site_url, path, label):
    context, page, problems = open_page(browser, site_url + path, viewport={"width": 1280, "height": 900})
    page.wait_for_selector(f"#pb-interactive-{label}[data-ready=true]", timeout=20_000)
    return context, page, problems


def test_time_series_tooltip_reads_the_data_and_the_legend_toggles_a_city(browser, site_url):
    from planbook.base.numbers import format_number as number

    label = "fig-compare-gdp"
    rows = [r for r in _rows(label) if r["city"] == "xuzhou"]
    latest = max(rows, key=lambda r: int(r["year"]))
    context, page, problems = _open_chart(browser, site_url, "book/comparison.html", label)
    try:
        text = _hover(page, label, "mark-symbol", {"series": "徐州", "tip_year": latest["year"]})
        assert f"{number(float(latest['value']))}{latest['unit']}" in text
        assert latest["year"] in text and "徐州" in text
        for name in _source_names([latest["source_id"]]):
            assert name in text, (name, text)
        suzhou = {"tip_city": "苏州"}  # the points (the legend's own entries carry no tooltip)
        before = len(page.evaluate(MARKS, [label, "mark-symbol", suzhou]))
        assert before == sum(1 for r in _rows(label) if r["city"] == "suzhou")
        _legend_click(page, label, "苏州")
        _wait_for_marks(page, label, "mark-symbol", suzhou, 0)
        assert len(page.evaluate(MARKS, [label, "mark-symbol", {"tip_city": "徐州"}])) == len(rows)
        _legend_click(page, label, "苏州")
        _wait_for_marks(page, label, "mark-symbol", suzhou, before)
        assert problems["console"] == [] and problems["external"] == [] and problems["failed"] == []
    finally:
        context.close()


def test_status_chart_tooltip_gives_target_outcome_verdict_and_source(browser, site_url):
    from planbook.base.numbers import format_number as number
    from planbook.charts.interactive import outcome_source_ids

    label = "fig-sz-2018-status"
    rows = _rows(label)
    decided = next(r for r in rows if r["status"] == "met" and r["basis"] == "exact")
    context, page, problems = _open_chart(browser, site_url, "book/sz-2018-plan.html", label)
    try:
        text = _hover(page, label, "mark-rect", {"label": decided["label"]})
        assert decided["label"] in text and decided["verdict"] in text
        assert f"{number(float(decided['value']))}{decided['unit']}" in text          # the target
        assert f"{number(float(decided['outcome_value']))}{decided['unit']}" in text  # the outcome
        for name in _source_names(outcome_source_ids(decided["outcome_ids"])):
            assert name in text, (name, text)
        undecided = sum(1 for r in rows if r["status"] == "no-data")
        assert undecided and len(page.evaluate(MARKS, [label, "mark-symbol", {"status": "no-data"}])) == undecided
        _legend_click(page, label, "无数据")
        _wait_for_marks(page, label, "mark-symbol", {"status": "no-data"}, 0)
        assert page.evaluate(MARKS, [label, "mark-rect", {"label": decided["label"]}])  # others stay
        assert problems["console"] == [] and problems["external"] == [] and problems["failed"] == []
    finally:
        context.close()


def test_a_figure_shows_its_chart_its_static_image_or_its_data(browser, site_url):
    label = "fig-compare-gdp"
    context, page, problems = _open_chart(browser, site_url, "book/comparison.html", label)
    try:
        image = page.locator(f"#{label} > img")
        assert page.locator(f"#pb-interactive-{label} svg").is_visible() and not image.is_visible()
        page.locator(f"#pb-tab-table-{label}").click()
        table = page.locator(f"#pb-table-{label} table")
        assert table.is_visible() and not page.locator(f"#pb-interactive-{label}").is_visible()
        assert table.locator("tbody tr").count() == len(_rows(label))
        page.locator(f"#pb-tab-static-{label}").click()
        assert image.is_visible() and not table.is_visible()
        assert page.locator(f"#pb-tab-static-{label}").get_attribute("aria-selected") == "true"
        assert problems["console"] == [] and problems["external"] == []
    finally:
        context.close()
