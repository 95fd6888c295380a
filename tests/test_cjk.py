"""No stray space between Chinese characters: the soft-break transform and its edge cases."""

from __future__ import annotations

from docutils import nodes

from planbook.sphinx.cjk import join_cjk_soft_breaks, join_text, stray_spaces


def paragraph(*children):
    p = nodes.paragraph()
    p.extend(children)
    return p


def test_break_between_han_characters_goes():
    assert join_text("这些数字写\n进文件之后") == ("这些数字写进文件之后", 1)


def test_break_after_chinese_punctuation_goes():
    assert join_text("承诺了什么、\n承诺的口径") == ("承诺了什么、承诺的口径", 1)
    assert join_text("目标“\n左右”") == ("目标“左右”", 1)


def test_breaks_next_to_latin_letters_and_digits_stay():
    assert join_text("地区生产总值\nGDP") == ("地区生产总值\nGDP", 0)
    assert join_text("增长\n7%") == ("增长\n7%", 0)
    assert join_text("in 2020\n苏州") == ("in 2020\n苏州", 0)
    assert join_text("an English\nsentence") == ("an English\nsentence", 0)


def test_break_at_a_node_boundary_is_judged_by_the_neighbouring_text():
    # a glued number after the break: keep; a link whose text is Chinese: go
    p = paragraph(nodes.Text("全年实现地区生产总值\n"), nodes.inline("", "8458"), nodes.Text("亿元"))
    assert join_cjk_soft_breaks(p) == 0
    link = nodes.reference("", "", nodes.Text("数据章"), refuri="data.html")
    p = paragraph(nodes.Text("详见\n"), link, nodes.Text("。"))
    assert join_cjk_soft_breaks(p) == 1
    assert p.astext() == "详见数据章。"


def test_glued_numbers_are_not_joined_to_each_other():
    p = paragraph(nodes.inline("", "3.4"), nodes.Text("%，\n"), nodes.inline("", "6.8"))
    assert join_cjk_soft_breaks(p) == 0


def test_list_items_and_equal_text_nodes_are_replaced_by_identity():
    # two equal Text nodes: only the one that has the break may change
    first, second = nodes.Text("同样的文字"), nodes.Text("同样的文字\n")
    item = nodes.list_item("", paragraph(first, nodes.emphasis("", "强调"), second,
                                         nodes.Text("继续")))
    assert join_cjk_soft_breaks(item) == 1
    texts = [t.astext() for t in item.findall(nodes.Text)]
    assert texts == ["同样的文字", "强调", "同样的文字", "继续"]


def test_verbatim_text_keeps_its_characters():
    p = paragraph(nodes.Text("代码"), nodes.literal("", "原文\n照录"), nodes.Text("之后"))
    assert join_cjk_soft_breaks(p) == 0
    assert "原文\n照录" in p.astext()


def test_stray_space_check_finds_a_space_between_chinese_characters_in_prose():
    page = ("<body><article><p>这些数字写 进文件</p><ul><li>承诺了什么、\n承诺的口径</li></ul>"
            "<table><tr><td>表格 内容</td></tr></table><pre>代码 块</pre>"
            "<p>增长 7% 与 PNG · 如何引用；English：PNG</p><p>见<code>a b</code> 说明</p>"
            "<p>CSV（所绘数据） ｜ English</p>"
            "<div class=\"citation\"><p>记者 韩雷</p></div></article>"
            "<footer><p>作者： 项目组</p></footer></body>")
    found = stray_spaces(page)
    assert len(found) == 4
    assert "写 进" in found[0] and "、\n承" in found[1]
    assert "） ｜" in found[2]          # a full-width separator with spaces is stray too
    assert "： 项" in found[3]          # outside the article: the theme's footer counts
