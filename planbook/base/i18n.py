"""English labels for the figures, so each chart can also be exported in English
from the same code path (``<label>.en.png|svg|pdf``) for international papers.

Chart functions pass every piece of chart "chrome" (axis titles, legend entries,
status words) through :func:`tr`; data labels (cluster, indicator and document
names) come from the data's English columns. A Chinese string without an
English entry is an error, never a silent leak into an English figure.
"""

from __future__ import annotations

import re

LANGS = ("zh", "en")
_CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")

PHRASES = {
    # axes
    "年份": "Year",
    "2025年目标（亿元）": "2025 target (billion yuan)",
    "2020年产值目标（亿元）": "2020 output target (billion yuan)",
    "每万字量化目标数（条）": "Quantified targets per 10,000 characters",
    "实际值 ÷ 目标值": "Outcome ÷ target",
    "年均增速（%）": "Average annual growth (%)",
    "地区生产总值增速（%）": "Real GDP growth (%)",
    "地区生产总值（亿元）": "GDP (billion yuan, current prices)",
    "每万字出现次数": "Occurrences per 10,000 characters",
    "量化目标数（条）": "Number of quantified targets",
    "目标数（条）": "Number of targets",
    # marker legend
    "A/B级": "Grade A/B source",
    "C级（空心）": "Grade C source (hollow)",
    "预计数": "Estimate",
    "下限（“超过”）": "Lower bound (“over”)",
    "上侧界（“近”“不足”）": "Upper bound (“nearly”, “under”)",
    "C级来源（斜线）": "Grade C source (hatched)",
    "由界或点名推断判定（空框，≥、< 或 ≤）": "Decided from a bound or an inference (hollow bar, ≥, < or ≤)",
    "暂定（虚线框）": "Provisional (dashed outline)",
    "（暂定）": " (provisional)",
    "对目标": "vs target", "（推算）": " (derived)",
    # statuses
    "达成": "Met", "接近": "Close", "未达成": "Missed", "不可比": "Not comparable",
    "无数据": "No data",
    # lineage
    "文本直接对应": "Direct match in the texts",
    "本书解读": "Our interpretation",
    "优势集群": "Advantage clusters", "新兴集群": "Emerging clusters", "特色集群": "Distinctive clusters",
    # annual targets
    "目标": "Target", "目标（左右）": "Target (“about”)", "存档中未见目标": "No target in the archive",
    "2020年疫情冲击": "2020: COVID-19 shock",
    # cities
    "徐州": "Xuzhou", "苏州": "Suzhou", "江苏": "Jiangsu", "全国": "China",
    "目标（区间）": "Target (a range)", "目标（以上或确数）": "Target (at least, or exact)",
    "未设目标": "No target set", "初步数": "First release", "最终数或修订数": "Final or revised",
    "预计数（判定暂定）": "Estimate (verdict provisional)", "高于江苏（百分点）": "Above Jiangsu (percentage points)",
    "与江苏持平": "Level with Jiangsu",
    # tooltips of the interactive charts (planbook/charts/interactive.py)
    "城市": "City", "数值": "Value", "数字类型": "Kind of figure", "数据版本": "Vintage",
    "来源": "Source", "目标值": "Target value", "核对结果": "Verdict", "实际值": "Outcome",
    "判定依据": "Basis of the verdict", "结果来源": "Source of the outcome", "计划": "Plan",
    "条数": "Targets", "占该计划的比例": "Share of the plan", "实际增速": "Growth achieved",
    "目标来源": "Source of the target", "项目": "Item", "类别": "Group", "系列": "Series",
}


# The indicator categories of data/indicators.csv (the enum of its `category`
# field in data/datapackage.json), as readers see them.
CATEGORY_NAMES = {
    "scale": ("规模", "Scale"), "growth": ("增长", "Growth"), "structure": ("结构", "Structure"),
    "innovation": ("创新", "Innovation"), "enterprises": ("企业", "Enterprises"),
    "openness": ("开放", "Openness"), "finance": ("金融", "Finance"), "talent": ("人才", "Talent"),
    "cluster": ("集群", "Clusters"), "investment": ("投资与项目", "Investment and projects"),
    "other": ("其他", "Other"),
}


def category_name(category: str, lang: str) -> str:
    """The name of an indicator category in ``lang``."""
    try:
        zh, en = CATEGORY_NAMES[category]
    except KeyError:
        raise KeyError(f"indicator category {category!r} has no name: add it to "
                       "planbook/base/i18n.py CATEGORY_NAMES") from None
    return pick(lang, zh, en)


def has_cjk(text: str) -> bool:
    return bool(_CJK.search(text or ""))


def tr(text: str, lang: str) -> str:
    """``text`` in ``lang``: itself in Chinese; its English entry otherwise."""
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}; expected one of {LANGS}")
    if lang == "zh" or not has_cjk(text):
        return text
    try:
        return PHRASES[text]
    except KeyError:
        raise KeyError(f"no English for {text!r}: add it to planbook/base/i18n.py PHRASES") from None


def pick(lang: str, zh, en):
    """The Chinese or the English variant of something a caller supplies."""
    return zh if lang == "zh" else en


# The places the data speaks of (the `city` field of the tables), as readers see them.
PLACE_NAMES = {"xuzhou": ("徐州", "Xuzhou"), "suzhou": ("苏州", "Suzhou"),
               "jiangsu": ("江苏", "Jiangsu"), "china": ("全国", "China")}


def place_name(place: str, lang: str = "zh") -> str:
    """The name of a place id of the data in ``lang``."""
    try:
        zh, en = PLACE_NAMES[place]
    except KeyError:
        raise KeyError(f"place {place!r} has no name: add it to planbook/base/i18n.py PLACE_NAMES") from None
    return pick(lang, zh, en)


# Characters that exist only in traditional script (their simplified forms differ):
# enough to tell a copy in traditional characters from a simplified text.
_TRADITIONAL_ONLY = set("國經濟產總區長億萬達體實現與為發會進業際這時對們說從還來個後開關車東門問間"
                        "電紀億務節統計報貨幣質價種類點齊導區縣聯劃場應權當專財稅預續層營級資環")


def is_traditional(text: str) -> bool:
    """Whether ``text`` is written in traditional characters (a copy transcoded to big5, say)."""
    return any(ch in _TRADITIONAL_ONLY for ch in text or "")


def language_of(text: str) -> str:
    """'zh' for text with Chinese characters, 'zh-Hant' for traditional script, 'en' otherwise."""
    if not has_cjk(text):
        return "en"
    return "zh-Hant" if is_traditional(text) else "zh"
