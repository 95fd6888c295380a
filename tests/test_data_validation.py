"""The data package is valid, and each kind of bad input is caught with a message
that names the file, the row and the column."""

from __future__ import annotations

import csv
import shutil

import pytest

from planbook.base.paths import DATA_DIR
from planbook.data.validate import (DataValidationError, chinese_numeral, check, numbers_in,
                               validate, value_in_quote)


def test_the_data_package_is_valid():
    problems = validate(DATA_DIR)
    assert problems == [], "\n".join(map(str, problems))


# ------------------------------------------------------------ fault injection

@pytest.fixture
def data(tmp_path):
    """A private copy of data/ to break."""
    copy = tmp_path / "data"
    shutil.copytree(DATA_DIR, copy)
    return copy


def rows(path):
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def write(path, table):
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(table[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(table)


def edit(path, line, **changes):
    """Change cells of the row on CSV line ``line`` (header = line 1)."""
    table = rows(path)
    table[line - 2].update(changes)
    write(path, table)


def assert_problem(data, file, line, column, *words):
    problems = validate(data)
    prefix = f"data/{file}:{line}:{column}:"
    matching = [str(p) for p in problems if str(p).startswith(prefix)]
    assert matching, f"no problem at {prefix}; got:\n" + "\n".join(map(str, problems))
    for word in words:
        assert any(word in m for m in matching), (word, matching)
    with pytest.raises(DataValidationError) as raised:
        check(data)
    assert prefix in str(raised.value)


def test_unknown_unit(data):
    edit(data / "targets.csv", 3, unit="亿吨")
    assert_problem(data, "targets.csv", 3, "unit", "constraint-error")


def test_non_numeric_value(data):
    edit(data / "outcomes.csv", 2, value="八千四百")
    assert_problem(data, "outcomes.csv", 2, "value", "type-error")


def test_duplicate_id(data):
    table = rows(data / "targets.csv")
    table[5]["target_id"] = table[4]["target_id"]
    write(data / "targets.csv", table)
    assert_problem(data, "targets.csv", 7, "target_id", "primary-key")


def test_unknown_source(data):
    edit(data / "outcomes.csv", 3, source_id="no-such-source")
    assert_problem(data, "outcomes.csv", 3, "source_id", "foreign-key")


def test_unknown_indicator(data):
    edit(data / "targets.csv", 4, indicator_id="no_such_indicator")
    assert_problem(data, "targets.csv", 4, "indicator_id", "foreign-key")


def test_quote_not_in_source(data):
    original = rows(data / "targets.csv")[4]["quote"]
    edit(data / "targets.csv", 6, quote=original.replace("力争", "确保"))
    assert_problem(data, "targets.csv", 6, "quote", "quote not found")


def test_number_not_in_quote(data):
    table = rows(data / "targets.csv")
    line = next(i for i, r in enumerate(table, start=2) if r["value"] == "3000")
    edit(data / "targets.csv", line, value="3100")
    assert_problem(data, "targets.csv", line, "value", "does not appear in its quote")


def test_edited_source_text(data):
    table = rows(data / "sources.csv")
    line = next(i for i, r in enumerate(table, start=2) if r["source_id"] == "xz-2022-cluster-plan")
    archived = data.parent / table[line - 2]["file"]
    archived.write_text(archived.read_text(encoding="utf-8").replace("3000", "3500"),
                        encoding="utf-8")
    assert_problem(data, "sources.csv", line, "sha256", "was edited")


def test_source_from_an_excluded_host(data):
    excluded = rows(data / "excluded_hosts.csv")[0]["host"]
    edit(data / "sources.csv", 3, url=f"http://www.{excluded}/some/page.html")
    assert_problem(data, "sources.csv", 3, "url", "excluded host")


def test_subdomain_of_an_excluded_host(data):
    excluded = rows(data / "excluded_hosts.csv")[0]["host"]
    edit(data / "sources.csv", 4, url=f"https://m.{excluded}/some/page.html")
    assert_problem(data, "sources.csv", 4, "url", "excluded host")


def _line_of(table, **match):
    return next(i for i, r in enumerate(table, start=2)
                if all(r[k] == v for k, v in match.items()))


def assert_fault(data, name: str, match: dict, column: str, message: str, **edits):
    """Edit the row of ``name`` that matches ``match`` and expect the validator to name
    that file, row and column with ``message``."""
    line = _line_of(rows(data / name), **match)
    edit(data / name, line, **edits)
    assert_problem(data, name, line, column, message)


def test_tampered_copy_must_be_grade_c(data):
    assert_fault(data, "sources.csv", {"copy": "tampered-copy"}, "grade", "tampered copy is grade C",
                 grade="A")


def test_tampered_copy_must_show_its_tampering(data):
    assert_fault(data, "sources.csv", {"copy": "tampered-copy"}, "tampering", "tampering not found",
                 tampering="这几个字不在存档文本里")


def test_issuer_names_are_not_separated_by_a_space(data):
    assert_fault(data, "sources.csv", {"source_id": "xz-2022-cluster-plan"}, "issuer", "not a space",
                 issuer="中共徐州市委 徐州市人民政府")


def test_figure_from_a_tampered_copy_needs_a_second_copy(data):
    sources = {r["source_id"]: r for r in rows(data / "sources.csv")}
    table = rows(data / "outcomes.csv")
    line = next(i for i, r in enumerate(table, start=2)
                if sources[r["source_id"]]["copy"] == "tampered-copy")
    edit(data / "outcomes.csv", line, corroborated_by="")
    assert_problem(data, "outcomes.csv", line, "corroborated_by", "second, independent copy")


def test_corroborating_figure_must_state_the_same_value(data):
    table = rows(data / "outcomes.csv")
    line = next(i for i, r in enumerate(table, start=2) if r["corroborated_by"])
    other = next(r for r in table if r["outcome_id"] == table[line - 2]["corroborated_by"])
    other_line = table.index(other) + 2
    edit(data / "outcomes.csv", other_line, value=str(float(other["value"]) + 1),
         quote=other["quote"])
    problems = [str(p) for p in validate(data)]
    assert any(p.startswith(f"data/outcomes.csv:{line}:corroborated_by:") and "states" in p
               for p in problems), problems


def test_corroborating_figure_must_come_from_another_host(data):
    table = rows(data / "outcomes.csv")
    line = next(i for i, r in enumerate(table, start=2) if r["corroborated_by"])
    row = table[line - 2]
    # a second figure of the same source (same host) is not an independent copy
    same_host = next(r["outcome_id"] for r in table
                     if r["source_id"] == row["source_id"] and r["outcome_id"] != row["outcome_id"])
    edit(data / "outcomes.csv", line, corroborated_by=same_host)
    assert_problem(data, "outcomes.csv", line, "corroborated_by")


def test_outcome_id_follows_the_naming_scheme(data):
    edit(data / "outcomes.csv", 2, outcome_id="xz-oc-001")
    assert_problem(data, "outcomes.csv", 2, "outcome_id", "naming scheme")


def test_malformed_csv_extra_cell(data):
    lines = (data / "indicators.csv").read_text(encoding="utf-8").splitlines()
    lines[3] += ",an extra cell"
    (data / "indicators.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert_problem(data, "indicators.csv", 4, "field 7", "extra-cell")


def test_malformed_csv_missing_cell(data):
    lines = (data / "outcomes.csv").read_text(encoding="utf-8").splitlines()
    lines[2] = ",".join(lines[2].split(",")[:3])
    (data / "outcomes.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert_problem(data, "outcomes.csv", 3, "year", "missing-cell")


def test_grade_c_row_beside_an_exact_better_figure(data):
    table = rows(data / "outcomes.csv")
    sources = {r["source_id"]: r for r in rows(data / "sources.csv")}
    better = next(r for r in table if sources[r["source_id"]]["grade"] in "AB"
                  and r["qualifier"] == "=")
    c_source = next(s for s in sources.values() if s["grade"] == "C")
    copy = dict(better, outcome_id="injected-c-row", source_id=c_source["source_id"])
    table.append(copy)
    write(data / "outcomes.csv", table)
    line = len(table) + 1
    problems = [str(p) for p in validate(data)]
    assert any(p.startswith(f"data/outcomes.csv:{line}:source_id:") and "grade-C" in p
               for p in problems), problems


def test_validation_never_writes(data):
    before = {p: p.read_bytes() for p in data.rglob("*") if p.is_file()}
    edit(data / "targets.csv", 3, unit="亿吨")
    before[data / "targets.csv"] = (data / "targets.csv").read_bytes()
    validate(data)
    after = {p: p.read_bytes() for p in data.rglob("*") if p.is_file()}
    assert after == before


# ------------------------------------------------------------ number matching

@pytest.mark.parametrize("text, value", [
    ("到2025年，力争产业规模达到3000亿元", 3000),
    ("金融资产总量达 6.5 万亿元", 6.5),
    ("进出口总额２１３９.４９亿元", 2139.49),
    ("total 2,139.49", 2139.49),
    ("省级以上专精特新“小巨人”企业数量累计超百家", 100),
    ("力争攻关四项", 4),
    ("规模达到1.2万亿元", 12000),  # recorded in 亿元
    ("要在跻身万亿级城市进程中作贡献", 1),  # 1 万亿元
])
def test_value_found_in_quote(text, value):
    assert value_in_quote(value, text)


@pytest.mark.parametrize("text, value", [
    ("到2025年，力争产业规模达到3000亿元", 300),
    ("每年实施重点工业技术改造项目300项以上", 30),
    ("增长3.2%", 3.0),
])
def test_value_missing_from_quote(text, value):
    assert not value_in_quote(value, text)


def test_chinese_numerals():
    assert [chinese_numeral(t) for t in ["四", "十", "十二", "一百", "百", "两千", "三千五百"]] == \
        [4, 10, 12, 100, 100, 2000, 3500]
    assert chinese_numeral("十二三") is None
    assert 8458.0 in numbers_in("地区生产总值8458亿元")


def test_body_marker_must_be_a_line_of_the_archived_text(data):
    assert_fault(data, "documents.csv", {"source_id": "xz-2022-cluster-plan"}, "body_from", "no line",
                 body_from="徐州市创新产业集群培育方案")


def test_context_needs_a_quote_found_in_its_source(data):
    assert_fault(data, "documents.csv", {"source_id": "sz-2018-industrial-upgrading-plan"},
                 "context_quote", "quote not found", context_zh="某组计划之一",
                 context_source_id="sz-2018-industrial-upgrading-plan",
                 context_quote="十二个三年行动计划之一（不在原文中）")


def test_a_quoted_instrument_must_be_in_its_plan(data):
    first = rows(data / "instruments.csv")[0]
    assert_fault(data, "instruments.csv", {"quote": first["quote"]}, "quote", "quote not found",
                 quote=first["quote"] + "（改写）")


def test_every_analysed_document_has_a_row(data):
    table = [r for r in rows(data / "documents.csv") if r["source_id"] != "xz-2020-modern-industrial-system"]
    write(data / "documents.csv", table)
    problems = [str(p) for p in validate(data)]
    assert any("xz-2020-modern-industrial-system has no row" in p for p in problems), problems


def test_place_names_of_the_package_agree_with_the_entities_table():
    from planbook.base.i18n import PLACE_NAMES
    from planbook.data.load import load

    entities = load("entities").set_index("entity_id")
    assert set(PLACE_NAMES) == set(entities.index)
    for place, (zh, en) in PLACE_NAMES.items():
        assert (entities.loc[place, "name_zh"], entities.loc[place, "name_en"]) == (zh, en)
