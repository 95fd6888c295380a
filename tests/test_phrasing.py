"""The book's phrasing rules: zero, one and many read as an editor writes them, the parts
of a count sum to its whole, numbers carry a stated precision."""

import pytest

from planbook.base.phrasing import (PhrasingError, all_of_zh, breakdown_en, breakdown_zh, count_en,
                                    count_or_none_zh, count_zh, join_en, join_zh, none_zh, number,
                                    signed, years_zh)


def test_zero_is_a_phrase_never_a_digit_with_a_measure_word():
    with pytest.raises(PhrasingError):
        count_zh(0)
    assert none_zh("条") == "没有一条" and none_zh("个") == "没有一个"
    assert count_or_none_zh(0, "处") == "没有一处"
    assert count_or_none_zh(3, "处") == "3处"
    assert count_en(0, "target") == "no targets"


def test_one_is_singular_and_all_is_not_said_of_one():
    assert count_en(1, "year") == "1 year" and count_en(2, "year") == "2 years"
    assert count_en(2, "city") == "2 cities"
    assert all_of_zh(1, "为暂定") == "为暂定"
    assert all_of_zh(3, "为暂定") == "均为暂定"
    assert all_of_zh(0, "为暂定") == ""


def test_a_breakdown_lists_what_is_there_and_refuses_parts_that_do_not_sum():
    parts = [("达成", 4), ("接近", 1), ("未达成", 1)]
    assert breakdown_zh(parts, total=6) == "达成4条、接近1条、未达成1条"
    assert breakdown_zh([("达成", 1), ("接近", 0), ("未达成", 0)]) == "达成1条"
    assert breakdown_zh([("达成", 0)]) == ""
    with pytest.raises(PhrasingError):
        breakdown_zh(parts, total=5)       # "有5条能判定（达成4条、接近1条、未达成1条）" cannot be written
    assert breakdown_en([("met", 4), ("close", 0), ("missed", 1)], total=5) == "met 4 and missed 1"
    with pytest.raises(PhrasingError):
        breakdown_en([("met", 4)], total=5)


def test_counts_must_be_whole_and_not_negative():
    for bad in (-1, 1.5, None, True):
        with pytest.raises(PhrasingError):
            count_zh(bad)


def test_lists_join_as_an_editor_joins_them():
    assert join_zh(["甲"]) == "甲"
    assert join_zh(["甲", "乙"]) == "甲和乙"
    assert join_zh(["甲", "乙", "丙"]) == "甲、乙和丙"
    # a name holding 与/及 is never followed by 和, which would read as part of it
    assert join_zh(["新材料", "食品及农副产品加工"]) == "新材料、食品及农副产品加工"
    assert join_en(["a", "b", "c"]) == "a, b and c"
    assert years_zh([2020, 2018, 2019]) == "2018—2020年"
    assert years_zh([2018, 2020]) == "2018年和2020年"


def test_numbers_carry_their_precision_and_no_separator_in_chinese():
    assert number(8458.0) == "8458" and number(142351.5) == "142351.5"
    assert number(5.257221877752705, 1) == "5.3"
    assert number(0.1 + 0.2) == "0.3"
    assert number(-0.04, 1) == "0.0"
    assert number(27695.1, 0, lang="en") == "27,695"
    assert signed(1.24) == "+1.2" and signed(-0.4) == "-0.4"
    with pytest.raises(PhrasingError):
        number(float("nan"))
