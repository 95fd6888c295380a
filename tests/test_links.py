"""Every internal link and anchor of the built site resolves."""

from __future__ import annotations

from planbook.checks.linkcheck import broken_links


def test_internal_links_and_anchors_resolve(html_dir):
    assert broken_links(html_dir) == []


def test_the_link_check_bites(tmp_path):
    (tmp_path / "a.html").write_text(
        '<a href="b.html#here">ok</a><a href="b.html#gone">anchor</a>'
        '<a href="missing.html">file</a><a href="#self">self</a><p id="self"></p>'
        '<a href="https://example.org/x">external</a>', encoding="utf-8")
    (tmp_path / "b.html").write_text('<h1 id="here">b</h1>', encoding="utf-8")
    assert broken_links(tmp_path) == ["a.html: b.html#gone (no anchor #gone)",
                                      "a.html: missing.html (no such file)"]
