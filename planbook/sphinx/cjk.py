"""No stray space between Chinese characters.

Chinese prose wrapped over several source lines reaches the HTML with a line break
at each wrap; browsers other than Firefox render it as a space (“这些数字写 进文件”).
:func:`join_cjk_soft_breaks` removes a soft line break that stands between two CJK
characters or CJK punctuation, and keeps a break next to a Latin letter or a digit
(“增长\\n7%” stays “增长 7%”). Text inside literals, code and raw output is left as
it is, so verbatim code and quotes shown as code keep their own characters.

It runs as a Sphinx post-transform, after myst-nb has put glued values in place, so a
break before a glued number or a cross-reference is judged by what the reader sees.
"""

from __future__ import annotations

import re

from docutils import nodes

# Han (incl. extension A), CJK symbols and punctuation, full-width forms, and the
# general punctuation Chinese prose uses (“”‘’—…·).
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\u3000-\u303f\uff00-\uffef"
                  r"\u2018\u2019\u201c\u201d\u2014\u2026\u00b7]")
# Nodes whose text is shown verbatim.
_VERBATIM = (nodes.literal, nodes.literal_block, nodes.raw, nodes.math, nodes.math_block,
             nodes.comment, nodes.doctest_block)


def is_cjk(char: str) -> bool:
    return bool(char) and bool(_CJK.match(char))


def _verbatim(node: nodes.Node) -> bool:
    parent = node.parent
    while parent is not None:
        if isinstance(parent, _VERBATIM):
            return True
        parent = parent.parent
    return False


def _replace(old: nodes.Text, new: nodes.Text) -> None:
    """Replace by identity: Text nodes compare equal as strings, so ``parent.replace``
    could replace an earlier, equal node instead."""
    parent = old.parent
    index = next(i for i, child in enumerate(parent.children) if child is old)
    parent.children[index] = new
    new.parent = parent


def join_text(value: str, before: str = "", after: str = "") -> tuple[str, int]:
    """``value`` with each line break between two CJK characters removed (with the
    spaces around it). ``before``/``after`` is the text around ``value`` in its
    paragraph, for a break at its very start or end. Returns the text and the count."""
    pieces = value.split("\n")
    out, removed = pieces[0], 0
    for k, piece in enumerate(pieces[1:], start=1):
        left = out.rstrip(" \t") or before.rstrip(" \t\n")
        rest = "".join(pieces[k:]).lstrip(" \t")
        right = rest or after.lstrip(" \t\n")
        if left and right and is_cjk(left[-1]) and is_cjk(right[0]):
            out = out.rstrip(" \t") + piece.lstrip(" \t")
            removed += 1
        else:
            out = out + "\n" + piece
    return out, removed


def join_cjk_soft_breaks(block: nodes.Element) -> int:
    """Remove soft line breaks between two CJK characters inside ``block`` (a
    paragraph, a caption …). Returns how many were removed."""
    removed = 0
    changed = True
    while changed:
        changed = False
        texts = list(block.findall(nodes.Text))
        for i, text in enumerate(texts):
            value = text.astext()
            if "\n" not in value or _verbatim(text):
                continue
            before = "".join(t.astext() for t in texts[:i])
            after = "".join(t.astext() for t in texts[i + 1:])
            joined, count = join_text(value, before, after)
            if count:
                _replace(text, nodes.Text(joined))
                removed += count
                changed = True
                break
    return removed


# Blocks whose text a reader reads as running prose (list items and admonitions
# hold paragraphs).
PROSE_BLOCKS = (nodes.paragraph, nodes.caption, nodes.title)


def join_in_document(doctree: nodes.Node) -> int:
    total = 0
    for block in list(doctree.findall(lambda n: isinstance(n, PROSE_BLOCKS))):
        if _verbatim(block):
            continue
        total += join_cjk_soft_breaks(block)
    return total


def setup_transform(app) -> None:
    """Register the post-transform with Sphinx (called from planbook.sphinx.ext)."""
    from sphinx.transforms.post_transforms import SphinxPostTransform

    class JoinCJKSoftBreaks(SphinxPostTransform):
        default_priority = 900  # late: after myst-nb has resolved glued values

        def run(self, **kwargs) -> None:
            join_in_document(self.document)

    app.add_post_transform(JoinCJKSoftBreaks)


# ---------------------------------------------------------------- checking a built page

# For the check, the characters between which a space is stray: Chinese characters and
# full-width punctuation (the ideographic space U+3000 is whitespace, not a character;
# “ · ” between download links is a Latin middle dot).
_CHECKED = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\u3001-\u303f\uff01-\uffef"
                      r"\u2018\u2019\u201c\u201d\u2014\u2026]")
_STRAY = re.compile(rf"(?<={_CHECKED.pattern})[ \t\r\n]+(?={_CHECKED.pattern})")
# Not running prose: tables, code, and the bibliography (source titles are verbatim).
_NOT_PROSE = "table, pre, .highlight, script, style, div.citation"


def stray_spaces(page_html: str) -> list[str]:
    """Each space between two Chinese characters in the prose (paragraphs and list
    items outside tables, code and the bibliography) of a built page, in context:
    the whole page, the theme's header and footer included."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(page_html, "html.parser")
    article = soup.body or soup
    for element in article.select(_NOT_PROSE):
        element.decompose()
    for code in article.select("code"):
        code.replace_with("x")  # inline code is verbatim and breaks the run
    found = []
    for block in article.find_all(["p", "li"]):
        if block.find(["p", "li"]):
            continue  # judged through its own paragraphs
        text = block.get_text()
        found += [text[max(0, m.start() - 12):m.end() + 12] for m in _STRAY.finditer(text)]
    return found
