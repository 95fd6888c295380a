"""BibTeX for every source in data/sources.csv, so chapters cite with {cite}`source-id`.

book/references.bib is generated from the data (``make book`` regenerates it;
a test checks the committed copy is current): a source added to sources.csv is
citable at once, and the bibliography can never disagree with the data.
"""

from __future__ import annotations

import re
import sys

import pandas as pd

from planbook.data.load import load
from planbook.base.paths import REPO_ROOT

BIB_PATH = REPO_ROOT / "book" / "references.bib"
GRADE_ZH = {"A": "A级（政府或统计部门）", "B": "B级（主流媒体转述官方数字）",
            "C": "C级（第三方汇编或出处未确认）"}


def _field(value) -> str:
    text = "" if value is None or pd.isna(value) else str(value)
    # braces keep BibTeX from re-casing; escape the characters BibTeX treats specially
    text = text.replace("\\", "/").replace("{", "(").replace("}", ")")
    return re.sub(r"([%&#$_])", r"\\\1", text)


def entry(source: pd.Series) -> str:
    year = str(source["published"])[:4]
    fields = {
        # double braces: BibTeX styles lower-case titles (“gdp不是唯一标准”, “Miit releases”)
        "title": f"{{{_field(source['title'])}}}",
        "author": f"{{{_field(source['issuer'])}}}" if pd.notna(source["issuer"]) else None,
        "year": year,
        "note": "；".join(x for x in [
            f"文号 {source['doc_number']}" if pd.notna(source["doc_number"]) else "",
            f"发布 {source['published']}",
            f"来源等级 {GRADE_ZH[source['grade']]}",
            f"存档 {source['file']}",
        ] if x),
        "url": source["url"] if pd.notna(source["url"]) and str(source["url"]).startswith("http")
        else None,
        "urldate": source["retrieved"],
    }
    lines = [f"@misc{{{source['source_id']},"]
    for key, value in fields.items():
        if value is None:
            continue
        body = value if key in ("author", "title") else _field(value)
        if key == "url":
            body = str(value)
        lines.append(f"  {key} = {{{body}}},")
    lines.append("}")
    return "\n".join(lines)


def bibliography(sources: pd.DataFrame) -> str:
    header = ("% Generated from data/sources.csv by `python -m planbook.publish.bib`; do not edit.\n")
    return header + "\n\n".join(entry(row) for _, row in
                                sources.sort_values("source_id").iterrows()) + "\n"


def main() -> None:
    text = bibliography(load("sources"))
    if len(sys.argv) > 1 and sys.argv[1] == "--check":
        current = BIB_PATH.read_text(encoding="utf-8") if BIB_PATH.exists() else ""
        sys.exit(0 if current == text else f"{BIB_PATH} is out of date: run make book")
    BIB_PATH.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
