"""Term frequencies per 10,000 characters."""

from __future__ import annotations

import pytest

from planbook.data.load import analysed_documents, load
from planbook.analysis.lexicon import body_text, source_texts, term_frequencies

ARCHIVE = """URL: https://example.org/a
标题: 集群 集群 集群
检索: 2026-11-22

〔编者注：集群〕
产业集群 与 产业链
链主
"""


def test_body_text_drops_header_notes_and_whitespace():
    assert body_text(ARCHIVE) == "产业集群与产业链链主"


def test_frequencies_per_10k_characters():
    freq = term_frequencies({"d": body_text(ARCHIVE)}, ["集群", "链", "产业链", "数字"])
    counts = dict(zip(freq["term"], freq["count"]))
    assert counts == {"集群": 1, "链": 2, "产业链": 1, "数字": 0}
    row = freq.set_index("term").loc["链"]
    assert row["per_10k"] == pytest.approx(2 / 10 * 10_000)


def test_empty_document_is_an_error():
    with pytest.raises(ValueError, match="no body text"):
        term_frequencies({"empty": ""}, ["集群"])


def test_every_lexicon_term_occurs_somewhere_in_the_documents():
    sources = load("sources")
    texts = source_texts(sources, list(analysed_documents()))
    freq = term_frequencies(texts, list(load("lexicon")["term"]))
    assert (freq.groupby("term")["count"].sum() > 0).all()


def test_targets_per_10k():
    import pandas as pd

    from planbook.analysis.lexicon import targets_per_10k
    targets = pd.DataFrame({"source_id": ["a", "a", "b"]})
    table = targets_per_10k(targets, {"a": "x" * 1000, "b": "y" * 5000, "c": "z" * 10})
    assert list(table["targets"]) == [2, 1, 0]
    assert list(table["per_10k"]) == [20.0, 2.0, 0.0]


def test_every_indicator_category_has_a_name_in_both_languages():
    import json

    from planbook.base.i18n import CATEGORY_NAMES, category_name, has_cjk
    from planbook.base.paths import DATA_DIR

    package = json.loads((DATA_DIR / "datapackage.json").read_text(encoding="utf-8"))
    indicators = next(r for r in package["resources"] if r["name"] == "indicators")
    field = next(f for f in indicators["schema"]["fields"] if f["name"] == "category")
    assert set(field["constraints"]["enum"]) == set(CATEGORY_NAMES)
    for category in CATEGORY_NAMES:
        assert has_cjk(category_name(category, "zh")) and not has_cjk(category_name(category, "en"))


def test_a_rate_on_too_few_occurrences_is_not_readable():
    from planbook.analysis.lexicon import MIN_TERM_COUNT, readable_rate, term_count

    text = "集群" * MIN_TERM_COUNT + "品牌" * (MIN_TERM_COUNT - 1) + "x" * 100
    freq = term_frequencies({"d": text}, ["集群", "品牌"])
    assert list(freq["interpretable"]) == [True, False]
    assert readable_rate(freq, "d", "集群") == pytest.approx(MIN_TERM_COUNT / len(text) * 10_000)
    with pytest.raises(ValueError, match="fewer than"):
        readable_rate(freq, "d", "品牌")
    assert term_count(freq, "d", "品牌") == MIN_TERM_COUNT - 1


def test_body_markers_leave_out_the_covering_notice_and_annexes():
    archive = ("URL: x\n标题: y\n\n关于印发方案的通知\n请认真贯彻执行。\n方案\n一、目标\n集群\n"
               "附件：1.目录\n集群集群\n")
    assert body_text(archive) == "关于印发方案的通知请认真贯彻执行。方案一、目标集群附件：1.目录集群集群"
    assert body_text(archive, "方案", "附件：1.") == "方案一、目标集群"
