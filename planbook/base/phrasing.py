"""How the book writes counts, numbers and lists, in Chinese and in English.

Every sentence a page builds from the data goes through these rules, so that zero,
one and many read as an editor would write them, and the parts of a count always
add up to its whole:

- zero is a phrase, never a digit with a measure word: “没有一条”, not “0条”;
  in English “none”, not “0 targets”;
- one is “1条”, and a remark about “all of them” (均、都) is not made of one item:
  “达成1条（暂定）”, not “达成1条，均为暂定”;
- a breakdown lists only the parts that are not zero (“达成4条、接近1条、未达成1条”),
  and it is refused when its parts do not sum to the whole it breaks down;
- a number is written with the precision the caller states, never with float noise;
  Chinese text writes it as the statistics bureaus print it, without thousands
  separators (“8458亿元”, “142351.5亿元”), so that a reader who searches for the
  figure as the source prints it finds it; English text separates thousands.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

# Chinese list and clause punctuation.
ENUM = "、"


class PhrasingError(ValueError):
    """A sentence that would read wrongly (parts that do not sum to their whole)."""


# --- numbers ----------------------------------------------------------------------

def number(value: float, digits: int | None = None, *, lang: str = "zh") -> str:
    """``value`` as the book prints it.

    ``digits`` fixes the decimals (a derived value is always rounded to a stated
    precision); ``None`` prints the value as recorded, without float noise
    (3000.0 → “3000”, 6.5 → “6.5”). Chinese: no thousands separator; English: commas.
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        raise PhrasingError("no number to write (None or NaN): a gap must be phrased as a gap")
    sep = "," if lang == "en" else ""
    if digits is None:
        if float(value).is_integer():
            return f"{int(value):{sep}d}"
        text = f"{float(value):{sep}.6f}".rstrip("0").rstrip(".")
        return text
    text = f"{float(value):{sep}.{digits}f}"
    if text.lstrip("-").strip("0.,") == "":  # -0.0 → 0.0
        text = text.lstrip("-")
    return text


def signed(value: float, digits: int = 1, *, lang: str = "zh") -> str:
    """A difference with its sign: “+1.2”, “-0.4”, “0.0”."""
    text = number(value, digits, lang=lang)
    return text if text.startswith("-") or float(text.replace(",", "")) == 0 else "+" + text


# --- counts, Chinese --------------------------------------------------------------

def count_zh(n: int, measure: str = "条") -> str:
    """“3条”; zero is refused here: use :func:`none_zh` or a breakdown for it."""
    n = _whole(n)
    if n == 0:
        raise PhrasingError(f"“0{measure}” is not written: phrase a zero as “没有一{measure}”")
    return f"{n}{measure}"


def none_zh(measure: str = "条") -> str:
    """The zero of a measure word: 没有一条 / 没有一个 / 没有一项."""
    return f"没有一{measure}"


def count_or_none_zh(n: int, measure: str = "条", *, zero: str | None = None) -> str:
    """“3条”, or for zero the ``zero`` phrase (default “没有一条”)."""
    return count_zh(n, measure) if _whole(n) else (zero if zero is not None else none_zh(measure))


def breakdown_zh(parts: Sequence[tuple[str, int]], measure: str = "条", *,
                 total: int | None = None) -> str:
    """“达成4条、接近1条、未达成1条”: the parts that are not zero, in order.

    ``total``, when given, must equal the sum of the parts. An all-zero breakdown
    is an empty string: the caller phrases the zero (see :func:`decided_zh`).
    """
    parts = [(label, _whole(n)) for label, n in parts]
    if total is not None and sum(n for _, n in parts) != _whole(total):
        raise PhrasingError(f"the parts {parts} sum to {sum(n for _, n in parts)}, not to {total}")
    return ENUM.join(f"{label}{n}{measure}" for label, n in parts if n)


def all_of_zh(n: int, remark: str) -> str:
    """A remark about every one of ``n`` items: “均为暂定” for many, “为暂定” for one,
    nothing for none (“均” is not said of a single item)."""
    n = _whole(n)
    if n == 0:
        return ""
    return f"均{remark}" if n > 1 else remark


def join_zh(items: Iterable[str], last: str = "和") -> str:
    """“甲”, “甲和乙”, “甲、乙和丙”; names that themselves hold 和、与 or 及
    (“食品及农副产品加工”) are joined with 、 throughout, so no 和 reads as part of a name."""
    items = [str(i) for i in items]
    if len(items) <= 1:
        return "".join(items)
    if any(word in item for item in items for word in "和与及"):
        last = ENUM
    return ENUM.join(items[:-1]) + last + items[-1]


def years_zh(years: Iterable[int]) -> str:
    """“2018年”, “2018年和2019年”, “2018—2020年” for a run of three or more."""
    ys = sorted({int(y) for y in years})
    if not ys:
        raise PhrasingError("no years to write")
    if len(ys) >= 3 and ys == list(range(ys[0], ys[-1] + 1)):
        return f"{ys[0]}—{ys[-1]}年"
    return join_zh(f"{y}年" for y in ys)


# --- counts, English --------------------------------------------------------------

_IRREGULAR = {"city": "cities", "entity": "entities", "company": "companies", "was": "were"}


def plural_en(noun: str, n: int) -> str:
    if _whole(n) == 1:
        return noun
    if noun in _IRREGULAR:
        return _IRREGULAR[noun]
    return noun + ("es" if noun.endswith(("s", "x", "ch", "sh")) else "s")


def count_en(n: int, noun: str, *, zero: str = "no") -> str:
    """“1 target”, “4 targets”, “no targets”."""
    n = _whole(n)
    if n == 0:
        return f"{zero} {plural_en(noun, 2)}"
    return f"{n:,} {plural_en(noun, n)}"


def join_en(items: Iterable[str], last: str = "and") -> str:
    """“a”, “a and b”, “a, b and c”."""
    items = [str(i) for i in items]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {last} " + items[-1]


def breakdown_en(parts: Sequence[tuple[str, int]], *, total: int | None = None) -> str:
    """“met 4, close 1 and missed 1”: the parts that are not zero."""
    parts = [(label, _whole(n)) for label, n in parts]
    if total is not None and sum(n for _, n in parts) != _whole(total):
        raise PhrasingError(f"the parts {parts} sum to {sum(n for _, n in parts)}, not to {total}")
    return join_en(f"{label} {n:,}" for label, n in parts if n)


def _whole(n) -> int:
    if isinstance(n, bool) or n is None or int(n) != n or n < 0:
        raise PhrasingError(f"a count must be a whole number ≥ 0, got {n!r}")
    return int(n)
