#!/usr/bin/env python3
"""Deterministic cleaner for the five plan/commentary seeds (stdlib only, Python 3.11).

Usage:  python3 scripts/archive_seeds.py [SEEDS_DIR] [OUT_DIR]
        defaults: ../shared/seeds  data/sources

Principles
- Content characters are never changed (no punctuation / case / digit normalisation).
  Only whole lines of furniture are removed, lines broken by extraction are joined
  (line-end whitespace dropped, no character inserted), and a short metadata header
  plus editorial markers in 〔〕 brackets are added.
- Every removal is asserted, so a changed seed makes the script fail loudly instead
  of silently producing a different text.
- Output: one paragraph per line, paragraphs separated by one blank line.
"""
from __future__ import annotations

import os
import re
import sys

SEED_FILES = {
    "000": "000_10b8fbd2c9a0e83b.txt",
    "001": "001_a1aec9cc0245c155.txt",
    "002": "002_b364c8bff1bbb651.txt",
    "003": "003_6add1c4cdae2a5f9.txt",
    "004": "004_3339eec56ba8702f.txt",
}
SOURCE_IDS = {
    "000": "xz-2020-modern-industrial-system",
    "001": "xz-2023-gongxin-commentary",
    "002": "xz-2023-conference-report",
    "003": "xz-2022-cluster-plan",
    "004": "sz-2018-industrial-upgrading-plan",
}
# the second article of seed 002 (see clean_002)
EDZ_SOURCE_ID = "xz-2023-edz-investment-report"
RETRIEVED = "2026-11-22"

PAGE_MARKER = re.compile(r"^\s*[—–-]\s*\d+\s*[—–-]\s*$")  # "— 4 —", " — 13 — "


def _header(seed_id: str, url: str, title: str, published: str, extra: list[str]) -> list[str]:
    lines = [
        f"URL: {url}",
        f"标题: {title}",
        f"发布: {published}",
        f"检索: {RETRIEVED} (种子文件 {SEED_FILES[seed_id]}，见 shared/seeds/)",
    ]
    lines += extra
    lines.append("")
    return lines


def _finish(header: list[str], paragraphs: list[str]) -> str:
    paras = [p for p in paragraphs if p.strip()]
    return "\n".join(header) + "\n" + "\n\n".join(paras) + "\n"


def _width(s: str) -> int:
    return sum(1 if ord(c) < 128 else 2 for c in s)


def _join(parts: list[str]) -> str:
    """Join pieces of one paragraph: strip line-edge whitespace, insert nothing."""
    return "".join(p.strip() for p in parts)


# ---------------------------------------------------------------- 000
def clean_000(raw: str) -> str:
    # Paragraphs are hard-wrapped at ~46 CJK chars with a blank line after every line.
    # The first line of each paragraph is 2 chars shorter (lost indent); the five
    # paragraph starts are listed explicitly (verified against line widths).
    starts = ["现代产业体系是现代化经济体系", "突如其来的新冠肺炎疫情", "精准谋划产业发展体系",
              "聚力打造产业集成体系", "不断完善产业生态体系"]
    lines = [l for l in raw.splitlines() if l.strip()]
    paras: list[list[str]] = []
    for l in lines:
        s = l.strip()
        if any(s.startswith(x) for x in starts) or not paras:
            paras.append([s])
        else:
            paras[-1].append(s)
    assert len(paras) == 5, len(paras)
    header = _header(
        "000",
        "（无：原始网址、作者与刊载媒体均未识别）",
        "（原文无标题）徐州以“三大体系”构建现代产业体系的文章",
        "2020（据文内线索推定：新冠疫情冲击、“苏政50条”“惠企21条”、营商环境“深化年”）",
        ["状态: 完整（原文本身无标题、署名）"],
    )
    return _finish(header, [_join(p) for p in paras])


# ---------------------------------------------------------------- 001
def clean_001(raw: str) -> str:
    lines = raw.splitlines()
    assert lines[0].startswith("当前位置:"), lines[0]           # breadcrumb (web furniture)
    assert lines[5] == "2023-04-11  中国徐州网-徐州日报", lines[5]  # repeated byline (web furniture)
    keep = [l.strip() for i, l in enumerate(lines) if i not in (0, 5) and l.strip()]
    header = _header(
        "001",
        "（种子文件未含网址；刊载于中国徐州网-徐州日报）",
        "谱写中国式现代化徐州新实践产业新篇章",
        "2023-04-11",
        ["状态: 完整"],
    )
    return _finish(header, keep)


# ---------------------------------------------------------------- 002
GAP = "〔原文此处疑有错行或脱文，照录未补〕"


def clean_002(raw: str) -> dict[str, str]:
    lines = [l.rstrip() for l in raw.splitlines()]
    nonempty = [l for l in lines if l.strip()]
    out: list[str] = []
    dup = ("面专门出台进一步支持徐州高质量建设淮海经济区中心城市的意见，“三中心一枢纽一高地”"
           "发展定位更加明晰，国家可持续发展议程创新示范区获批建设，徐州中心城市建设迎来了崭新机遇。")
    captions = {"全市高质量发展大会会议现场 徐州市委宣传部供图", "徐州经开区全览图 通讯员供图"}
    removed = {"dup": 0, "cap": 0}
    i = 0
    while i < len(nonempty):
        s = nonempty[i].strip()
        if s == dup:                      # duplicated tail of the 从发展前景看 paragraph
            assert any(x.endswith(dup) and x != dup for x in nonempty)
            removed["dup"] += 1
            i += 1
            continue
        if s in captions:                 # image captions
            removed["cap"] += 1
            i += 1
            continue
        m = re.match(r"^(#+)\s*(.*)$", s)  # markdown heading markers are not content
        if m:
            level, text = len(m.group(1)), m.group(2)
            if level == 1:
                out.append("〔第一篇〕" if not any(o.startswith("〔第一篇〕") for o in out) else "〔第二篇〕")
                out.append(text)
            elif text.startswith("二要在建设科技创新中心"):
                # mis-marked as a heading; items 一/三/四/五 run on into their paragraph,
                # so this one is joined with the paragraph that follows it.
                nxt = nonempty[i + 1].strip()
                out.append(text + nxt)
                i += 1
            else:
                out.append(text)
            i += 1
            continue
        out.append(s)
        i += 1
    assert removed == {"dup": 1, "cap": 2}, removed

    # join lines broken mid-sentence by extraction
    def join_at(prefix_end: str, next_start: str) -> None:
        for k in range(len(out) - 1):
            if out[k].endswith(prefix_end) and out[k + 1].startswith(next_start):
                out[k] = out[k] + out[k + 1]
                del out[k + 1]
                return
        raise AssertionError((prefix_end, next_start))

    join_at("徐州拥有12所高校、近20", "万大学生")
    join_at("重点突破高空作业车等投资大、", "效益好的旗舰型项目")

    # two places where text is evidently lost or displaced: keep as is, mark the gap
    def mark_gap(prefix_end: str, next_start: str) -> None:
        for k in range(len(out) - 1):
            if out[k].endswith(prefix_end) and out[k + 1].startswith(next_start):
                out.insert(k + 1, GAP)
                return
        raise AssertionError((prefix_end, next_start))

    mark_gap("的昂扬斗志，要在项目建设中拼进度。", "践，在‘奋进新征程")
    mark_gap("打造有全球影响力的一千亿级绿色低碳产业集群。支持", "ICT产业集群。")

    # the seed holds two articles: the conference report and, after it, a report on
    # the Xuzhou Economic and Technological Development Zone's investment drive. Each
    # is archived as its own source, so its targets and word counts are its own.
    second = out.index("〔第二篇〕")
    assert out[0] == "〔第一篇〕", out[0]
    conference, edz = out[1:second], out[second + 1:]
    url = ("（本文原始刊载网址未确认；会议另见徐州日报报道，中国江苏网 2023-01-31："
           "http://jsnews.jschina.com.cn/xz/a/202301/t20230131_3154138.shtml）")
    first = _header(
        "002", url, "徐州“新春第一会”聚焦高质量发展",
        "2023-01（会议于2023-01-30召开；本文确切刊发日期与媒体未确认）",
        ["署名: 张晓培",
         "状态: 种子文件中两篇稿件的第一篇（第二篇另存为 xz-2023-edz-investment-report）；"
         "一处疑有错行/脱文，已用〔〕标注，未补"],
    )
    second_header = _header(
        "002", url, "徐州经开区尽锐出征招商引资一线",
        "2023-01（与第一篇同时所见；确切刊发日期与媒体未确认）",
        ["署名: 张晓培 经开轩",
         "状态: 种子文件中两篇稿件的第二篇（第一篇另存为 xz-2023-conference-report）；"
         "一处疑有错行/脱文，已用〔〕标注，未补"],
    )
    return {SOURCE_IDS["002"]: _finish(first, conference),
            EDZ_SOURCE_ID: _finish(second_header, edz)}


# ---------------------------------------------------------------- 003
def clean_003(raw: str) -> str:
    lines = raw.splitlines()
    # stray PDF annotation ("hp" / "高亮") inside the 绿色低碳能源 paragraph
    idx = [i for i, l in enumerate(lines) if l.strip() in ("hp", "高亮")]
    assert [lines[i].strip() for i in idx] == ["hp", "高亮"], idx
    # page number(s)
    pm = [i for i, l in enumerate(lines) if PAGE_MARKER.match(l)]
    assert len(pm) == 1, pm
    # decorative star of the red-head document
    star = [i for i, l in enumerate(lines) if l.strip() == "★"]
    assert len(star) == 1
    drop = set(idx) | set(pm) | set(star)

    # In this extraction the last line of every paragraph / heading / table row carries
    # trailing whitespace; wrapped lines inside a paragraph do not.
    paras: list[str] = []
    buf: list[str] = []
    for i, l in enumerate(lines):
        if i in drop or not l.strip():
            continue
        buf.append(l.strip())
        if l != l.rstrip():
            paras.append(_join(buf))
            buf = []
    if buf:
        paras.append(_join(buf))

    # title of the notice is wrapped over two "paragraphs"
    k = paras.index("关于印发徐州市创新产业集群培育提升")
    assert paras[k + 1] == "工作方案的通知"
    paras[k:k + 2] = [paras[k] + paras[k + 1]]
    # Annex 1 row 4 is spread over three "paragraphs"; keep it as one table row
    k = paras.index("4 数字经济")
    assert paras[k + 1] == "核心产业增加值达到1000 亿元" and paras[k + 2] == "市发改委"
    paras[k:k + 3] = ["4 数字经济 核心产业增加值达到 1000 亿元 市发改委"]

    header = _header(
        "003",
        "（PDF 文件，原始网址未记录）",
        "中共徐州市委 徐州市人民政府关于印发徐州市创新产业集群培育提升工作方案的通知（徐委发〔2022〕33号）",
        "2022-10-01",
        ["状态: 完整（正文及附件1、附件2）"],
    )
    return _finish(header, paras)


# ---------------------------------------------------------------- 004
HEADING = re.compile(r"^(\d+\.|[一二三四五六七八九十]+、|\([一二三四五六七八九十]+\))")
TRUNC = "〔原文至此截断：以上为所见副本的全部正文，句子在“到 2020 年末,全市abc相关”处中断，其后目标缺失，未作补写〕"


def clean_004(raw: str) -> str:
    lines = [l.rstrip() for l in raw.splitlines()]
    title = "产业升级三年行动计划(2018—2020 年)"
    assert lines[0] == title and lines[1] == title          # doubled title
    intro = "为全面深入贯彻党的十九大精神和习近平总书记视察江苏重"
    starts = [i for i, l in enumerate(lines) if l == intro]
    assert len(starts) == 2, starts
    end_marker = "应用博览会。到 2020 年末,全市abc相关"
    ends = [i for i, l in enumerate(lines) if l == end_marker]
    assert len(ends) == 2, ends
    first = lines[starts[0]:ends[0] + 1]
    second = lines[starts[1]:ends[1] + 1]
    assert first == second                                   # the text is repeated verbatim
    footer = lines[ends[1] + 1:]
    url_line = [l for l in footer if l.startswith("本文链接:")]
    assert url_line == ["本文链接:https://www.wenmi123.com/article/306030.html"]

    body = [l for l in first if not PAGE_MARKER.match(l)]
    assert len(first) - len(body) == 5                       # — 4 — … — 8 —

    paras: list[str] = [title]
    buf: list[str] = []
    for j, l in enumerate(body):
        buf.append(l.strip())
        nxt = body[j + 1] if j + 1 < len(body) else None
        # a line ends its paragraph if it is clearly short (full lines are ~50-58 wide)
        # or if the next line starts a numbered heading/item
        if nxt is None or _width(l) < 45 or HEADING.match(nxt):
            paras.append(_join(buf))
            buf = []
    assert not buf
    assert paras[-1].endswith("到 2020 年末,全市abc相关")
    paras.append(TRUNC)

    header = _header(
        "004",
        "https://www.wenmi123.com/article/306030.html",
        "产业升级三年行动计划(2018—2020 年)（苏州）",
        "2018-03-15（文档分享站 wenmi123.com 发布时间，栏目“工作计划”；计划本身的发文机关、文号、日期未识别）",
        ["状态: 截断（正文止于“到 2020 年末,全市abc相关”；原件中 gdp、abc、5g 等为小写，照录）"],
    )
    return _finish(header, paras)


CLEANERS = {"000": clean_000, "001": clean_001, "002": clean_002, "003": clean_003, "004": clean_004}


def clean(seed_id: str, raw: str) -> dict[str, str]:
    """The archived text(s) made from one seed, by source id."""
    made = CLEANERS[seed_id](raw)
    return made if isinstance(made, dict) else {SOURCE_IDS[seed_id]: made}


def main(seeds_dir: str, out_dir: str) -> None:
    os.makedirs(out_dir, exist_ok=True)
    for sid, fn in SEED_FILES.items():
        with open(os.path.join(seeds_dir, fn), encoding="utf-8") as f:
            raw = f.read()
        for source_id, text in clean(sid, raw).items():
            text = re.sub(r"\n{3,}", "\n\n", text)
            path = os.path.join(out_dir, source_id + ".txt")
            with open(path, "w", encoding="utf-8", newline="\n") as f:
                f.write(text)
            print(f"{sid} -> {path} ({len(text)} chars)")


REPO_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_SEEDS_DIR = os.path.join(REPO_ROOT, "..", "shared", "seeds")
DEFAULT_OUT_DIR = os.path.join(REPO_ROOT, "data", "sources")

if __name__ == "__main__":
    seeds = sys.argv[1] if len(sys.argv) > 1 else DEFAULT_SEEDS_DIR
    out = sys.argv[2] if len(sys.argv) > 2 else DEFAULT_OUT_DIR
    main(seeds, out)
