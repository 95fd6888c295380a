"""Validation of the data package: structure by Frictionless, meaning by us.

Frictionless checks what a Table Schema can say (types, enums, patterns,
primary and foreign keys, malformed rows). The checks below add what it cannot:
every quote is found verbatim in its archived source, every value appears in its
quote, every archived file matches its recorded sha256, and no grade-C outcome
stands where an A or B figure for the same city, indicator and year exists.

Every problem names the file, the row (its line number in the CSV, the header
being line 1) and the column, so a reader can go straight to it::

    data/targets.csv:12:quote: quote not found in data/sources/<source_id>.txt

Validation only reads; it never writes or repairs anything.
"""

from __future__ import annotations

import csv
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from planbook.base.paths import DATA_DIR

# Tables whose rows carry a verbatim quote of the source named in `source_id`.
QUOTED_TABLES = ("targets", "outcomes", "framework_2020", "clusters", "shifts_2023",
                 "priorities_2023", "non_targets", "cluster_status", "context_notes", "instruments")
# Tables whose `value` must appear in the row's quote.
VALUED_TABLES = ("targets", "outcomes")


@dataclass(frozen=True)
class Problem:
    file: str
    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        row = "" if self.row is None else self.row
        column = self.column or ""
        return f"{self.file}:{row}:{column}: {self.message}"


class DataValidationError(ValueError):
    def __init__(self, problems: list[Problem]):
        self.problems = problems
        lines = "\n".join(f"  {p}" for p in problems[:50])
        more = f"\n  … and {len(problems) - 50} more" if len(problems) > 50 else ""
        super().__init__(f"{len(problems)} problem(s) in the data package:\n{lines}{more}")


# ---------------------------------------------------------------- text helpers

_FULLWIDTH = str.maketrans("０１２３４５６７８９．，％", "0123456789.,%")
_WHITESPACE = re.compile(r"\s+")


def squash(text: str) -> str:
    """Text with all whitespace removed: quotes match their source ignoring whitespace."""
    return _WHITESPACE.sub("", text or "")


_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
              "六": 6, "七": 7, "八": 8, "九": 9}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000, "万": 10000}
_CN_NUMBER = re.compile(r"[零〇一二两三四五六七八九十百千万]+")


def chinese_numeral(text: str) -> int | None:
    """Value of a simple Chinese numeral (四, 十二, 一百, 百, 两千, 万); None if not one."""
    total, section, digit = 0, 0, None
    for char in text:
        if char in _CN_DIGITS:
            if digit is not None:
                return None  # two digits in a row ("十二三") is not one number
            digit = _CN_DIGITS[char]
        elif char in _CN_UNITS:
            unit = _CN_UNITS[char]
            if unit == 10000:
                total += ((section + (digit or 0)) or 1) * unit  # 万 alone is 10000
                section, digit = 0, None
            else:
                section += (1 if digit is None else digit) * unit
                digit = None
        else:
            return None
    return total + section + (digit or 0)


def numbers_in(text: str) -> list[float]:
    """Every number written in ``text``: Arabic (half- or full-width, with thousands
    separators) and simple Chinese numerals."""
    plain = squash(text).translate(_FULLWIDTH)
    plain = re.sub(r"(?<=\d),(?=\d{3})", "", plain)
    found = [float(m) for m in re.findall(r"\d+(?:\.\d+)?", plain)]
    for match in _CN_NUMBER.findall(plain):
        value = chinese_numeral(match)
        if value:
            found.append(float(value))
    return found


_DECLINE = re.compile(r"下降|下滑|减少|减少了|回落|負增長|负增长|下降了|decrease|decline|fell|down")


def value_in_quote(value: float, quote: str) -> bool:
    """Is ``value`` written in ``quote``, directly or across 亿/万亿 or 万 (×10⁴)?

    An English quote in billions ("1,923.58 billion yuan") holds the value in 亿元
    (×10): the unit list has no billion, and the conversion is done here, in code.
    """
    scales = [1.0, 1e4, 1e-4]
    if re.search(r"billion", quote, re.IGNORECASE):
        scales.append(10.0)
    if value < 0:  # a fall is written as a positive number after 下降/减少 ("下降1.4%")
        if not _DECLINE.search(squash(quote)):
            return False
        value = -value
    for number in numbers_in(quote):
        for scale in scales:
            if abs(number * scale - value) <= 1e-9 * max(1.0, abs(value)):
                return True
    return False


# ---------------------------------------------------------------- CSV reading

def read_rows(path: Path) -> list[tuple[int, dict]]:
    """Rows of a CSV with their line number (header = line 1)."""
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        return [(reader.line_num, row) for row in reader]


def _rel(path: Path, data_dir: Path) -> str:
    """A path inside the data package as a reader knows it: ``data/<file>``, whatever
    the folder is called (a test validates a broken copy elsewhere)."""
    try:
        inner = path.relative_to(data_dir).as_posix()
    except ValueError:
        return path.as_posix()
    return "data" if inner == "." else f"data/{inner}"


def _archived(data_dir: Path, file: str) -> Path:
    """The archived text a sources.csv ``file`` names (``data/sources/<id>.txt``),
    inside ``data_dir``."""
    parts = Path(file).parts
    return data_dir.joinpath(*parts[1:]) if parts and parts[0] == "data" else data_dir / file


# ---------------------------------------------------------------- the checks

def frictionless_problems(data_dir: Path) -> list[Problem]:
    """Types, enums, patterns, keys and malformed rows, as Frictionless reports them."""
    from frictionless import Package, system

    descriptor = data_dir / "datapackage.json"
    if not descriptor.is_file():
        return [Problem(_rel(descriptor, data_dir), None, None, "datapackage.json is missing")]
    # Frictionless refuses paths outside the package's folder unless trusted.
    with system.use_context(trusted=True):
        package = Package(str(descriptor))
        report = package.validate()
    problems = []
    for error in report.errors:
        problems.append(Problem(_rel(descriptor, data_dir), None, None,
                                f"{error.type}: {error.message}"))
    keys = {resource.name: resource.schema.primary_key for resource in package.resources}
    for task in report.tasks:
        path = data_dir / (task.place or task.name)
        for error in task.errors:
            row = getattr(error, "row_number", None)
            column = getattr(error, "field_name", None) or None
            if error.type == "foreign-key":
                column = ",".join(error.field_names)
            elif error.type == "primary-key":
                column = ",".join(keys.get(task.name) or [])
            elif column is None and getattr(error, "field_number", None):
                column = f"field {error.field_number}"
            message = f"{error.type}: {error.note or error.message}"
            if error.type in ("type-error", "constraint-error") and getattr(error, "cell", None) is not None:
                message = f"{error.type}: {error.cell!r} — {error.note or error.message}"
            problems.append(Problem(_rel(path, data_dir), row, column, message))
    return problems


def _sources(data_dir: Path) -> dict[str, dict]:
    path = data_dir / "sources.csv"
    return {row["source_id"]: row for _, row in read_rows(path)} if path.is_file() else {}


def _host(url: str) -> str:
    """The host of ``url`` without a leading ``www.`` (``""`` for an empty url)."""
    from urllib.parse import urlparse

    host = urlparse(url or "").netloc.lower().split(":")[0]
    return host[4:] if host.startswith("www.") else host


def _on_host(host: str, listed: str) -> bool:
    return host == listed or host.endswith("." + listed)


_HAN_SPACE_HAN = re.compile(r"[\u4e00-\u9fff]\s+[\u4e00-\u9fff]")


def source_problems(data_dir: Path) -> list[Problem]:
    """The copy rule for sources (see the data chapter):

    - no source from a host in ``excluded_hosts.csv`` (content farms, machine-written text);
    - a tampered copy is grade C and names its tampering, which its archived text shows;
    - a copy names a host other than its original's;
    - an issuer separates names with punctuation, not a space.
    """
    path = data_dir / "sources.csv"
    excluded_path = data_dir / "excluded_hosts.csv"
    excluded = ({row["host"].lower(): row["reason"] for _, row in read_rows(excluded_path)}
                if excluded_path.is_file() else {})
    problems = []
    for line, row in read_rows(path):
        host = _host(row.get("url"))
        for listed, reason in excluded.items():
            if host and _on_host(host, listed):
                problems.append(Problem(_rel(path, data_dir), line, "url",
                                        f"{host} is an excluded host ({reason[:80]})"))
        copy = row.get("copy", "original")
        if copy == "tampered-copy":
            if row.get("grade") != "C":
                problems.append(Problem(_rel(path, data_dir), line, "grade",
                                        f"a tampered copy is grade C, not {row.get('grade')}"))
            tampering = squash(row.get("tampering", ""))
            archived = _archived(data_dir, row.get("file", ""))
            if not tampering:
                problems.append(Problem(_rel(path, data_dir), line, "tampering",
                                        "a tampered copy must quote the tampering it shows"))
            elif archived.is_file() and tampering not in squash(archived.read_text(encoding="utf-8")):
                problems.append(Problem(_rel(path, data_dir), line, "tampering",
                                        f"tampering not found in {row['file']}: "
                                        f"{row['tampering'][:40]!r}"))
        elif row.get("tampering"):
            problems.append(Problem(_rel(path, data_dir), line, "tampering",
                                    f"tampering is recorded but copy is {copy!r}, not 'tampered-copy'"))
        if copy != "original" and not host:
            problems.append(Problem(_rel(path, data_dir), line, "url",
                                    "a copy must give the url where it was seen"))
        original = _host(row.get("original_url"))
        if copy == "original" and row.get("original_url"):
            problems.append(Problem(_rel(path, data_dir), line, "original_url",
                                    "an original has no original_url; is it a copy?"))
        if original and original == host:
            problems.append(Problem(_rel(path, data_dir), line, "original_url",
                                    "a copy seen on the original's own host is the original"))
        if _HAN_SPACE_HAN.search(row.get("issuer") or ""):
            # the issuer is the book's own wording (titles are verbatim and keep their spaces)
            problems.append(Problem(_rel(path, data_dir), line, "issuer",
                                    "separate names with “、” or “：”, not a space: a space "
                                    "between Chinese characters shows as a stray gap on the page"))
    return problems


def document_problems(data_dir: Path) -> list[Problem]:
    """documents.csv: one row per analysed document, body markers that are lines of its
    archived file (in order), and a context claim only with its source and quote."""
    path = data_dir / "documents.csv"
    if not path.is_file():
        return []
    sources = _sources(data_dir)
    analysed = {sid for sid, row in sources.items() if row.get("analysed_order")}
    rel = _rel(path, data_dir)
    problems, seen = [], set()
    for line, row in read_rows(path):
        sid = row.get("source_id", "")
        seen.add(sid)
        if sid in sources and sid not in analysed:
            problems.append(Problem(rel, line, "source_id",
                                    f"{sid} is not an analysed document (no analysed_order in sources.csv)"))
        source = sources.get(sid)
        archived = _archived(data_dir, source["file"]) if source else None
        lines = ([x.strip() for x in archived.read_text(encoding="utf-8").splitlines()]
                 if archived and archived.is_file() else [])
        start = 0
        if row.get("body_from"):
            start = next((i for i, x in enumerate(lines) if x == row["body_from"].strip()), None)
            if start is None:
                problems.append(Problem(rel, line, "body_from",
                                        f"no line of {source['file'] if source else sid} is {row['body_from']!r}"))
                start = 0
        if row.get("body_until"):
            end = next((i for i, x in enumerate(lines) if i > start and x.startswith(row["body_until"].strip())),
                       None)
            if end is None:
                problems.append(Problem(rel, line, "body_until",
                                        f"no line after the body's start begins with {row['body_until']!r}"))
        if row.get("truncated_at"):
            body = [x for x in lines if x and not x.startswith("〔")]
            if not body or not body[-1].endswith(row["truncated_at"].strip()):
                problems.append(Problem(rel, line, "truncated_at",
                                        f"the text of {source['file'] if source else sid} does not end with "
                                        f"{row['truncated_at']!r}"))
        context = [row.get(c) for c in ("context_zh", "context_source_id", "context_quote")]
        if any(context) and not all(context):
            problems.append(Problem(rel, line, "context_quote",
                                    "a context needs all three of context_zh, context_source_id and context_quote"))
        elif all(context) and row["context_source_id"] in sources:
            holder = _archived(data_dir, sources[row["context_source_id"]]["file"])
            text = squash(holder.read_text(encoding="utf-8")) if holder.is_file() else ""
            if squash(row["context_quote"]) not in text:
                problems.append(Problem(rel, line, "context_quote",
                                        f"quote not found in {sources[row['context_source_id']]['file']}: "
                                        f"{row['context_quote'][:60]!r}"))
    for sid in sorted(analysed - seen):
        problems.append(Problem(rel, None, "source_id", f"analysed document {sid} has no row"))
    return problems


def checksum_problems(data_dir: Path) -> list[Problem]:
    """Each archived source text matches the sha256 recorded for it."""
    problems = []
    path = data_dir / "sources.csv"
    for line, row in read_rows(path):
        archived = _archived(data_dir, row["file"])
        if not archived.is_file():
            problems.append(Problem(_rel(path, data_dir), line, "file",
                                    f"archived text {row['file']} does not exist"))
            continue
        digest = hashlib.sha256(archived.read_bytes()).hexdigest()
        if digest != row["sha256"]:
            problems.append(Problem(_rel(path, data_dir), line, "sha256",
                                    f"{row['file']} has sha256 {digest}, not the recorded "
                                    f"{row['sha256']}: the archived text was edited"))
    return problems


def layout_problems(data_dir: Path) -> list[Problem]:
    """One record per line: a line break inside a cell makes every later line number
    in an error message point at the wrong row (quotes match ignoring whitespace, so a
    table's line breaks are written as spaces)."""
    problems = []
    for path in sorted(data_dir.glob("*.csv")):
        for line, row in read_rows(path):
            for column, value in row.items():
                if value and ("\n" in value or "\r" in value):
                    problems.append(Problem(_rel(path, data_dir), line, column,
                                            "line break inside a cell: write it as a space"))
    return problems


def quote_problems(data_dir: Path) -> list[Problem]:
    """Each quote is in its archived source (ignoring whitespace) and holds its value."""
    sources = _sources(data_dir)
    texts: dict[str, str] = {}
    problems = []
    for table in QUOTED_TABLES:
        path = data_dir / f"{table}.csv"
        if not path.is_file():
            continue
        for line, row in read_rows(path):
            source = sources.get(row.get("source_id", ""))
            if source is None:
                continue  # an unknown source is a foreign-key error, reported by Frictionless
            if source["source_id"] not in texts:
                archived = _archived(data_dir, source["file"])
                texts[source["source_id"]] = (squash(archived.read_text(encoding="utf-8"))
                                              if archived.is_file() else "")
            quote = row.get("quote", "")
            if not squash(quote):
                problems.append(Problem(_rel(path, data_dir), line, "quote", "quote is empty"))
            elif squash(quote) not in texts[source["source_id"]]:
                problems.append(Problem(_rel(path, data_dir), line, "quote",
                                        f"quote not found in {source['file']}: {quote[:60]!r}"))
            if table in VALUED_TABLES:
                try:
                    value = float(row["value"])
                except (TypeError, ValueError):
                    continue  # a non-numeric value is a type error, reported by Frictionless
                if not value_in_quote(value, quote):
                    problems.append(Problem(_rel(path, data_dir), line, "value",
                                            f"value {row['value']} does not appear in its quote "
                                            f"{quote[:60]!r}"))
    return problems


def range_problems(data_dir: Path) -> list[Problem]:
    """The rows of one range (``range_group``) are its two ends: same source, city,
    indicator and year, one ``>=`` and one ``<=``."""
    path = data_dir / "targets.csv"
    if not path.is_file():
        return []
    groups: dict[str, list[tuple[int, dict]]] = {}
    for line, row in read_rows(path):
        if row.get("range_group"):
            groups.setdefault(row["range_group"], []).append((line, row))
    problems = []
    for group, members in groups.items():
        keys = {(r["source_id"], r["city"], r["indicator_id"], r["target_year"]) for _, r in members}
        comparators = sorted(r["comparator"] for _, r in members)
        if len(members) != 2 or len(keys) != 1 or comparators != ["<=", ">="]:
            line = members[-1][0]
            problems.append(Problem(_rel(path, data_dir), line, "range_group",
                                    f"range {group!r} must be two rows of one target, "
                                    f"a '>=' and a '<=' end"))
    together: dict[str, list[tuple[int, dict]]] = {}
    for line, row in read_rows(path):
        if row.get("counts_as"):
            together.setdefault(row["counts_as"], []).append((line, row))
    for group, members in together.items():
        keys = {(r["source_id"], r["city"], r["target_year"]) for _, r in members}
        if len(members) < 2 or len(keys) != 1 or any(r.get("range_group") for _, r in members):
            problems.append(Problem(_rel(path, data_dir), members[-1][0], "counts_as",
                                    f"counts_as {group!r} must join two or more rows of one plan, "
                                    f"city and year that are not a range"))
    return problems


def grade_problems(data_dir: Path) -> list[Problem]:
    """No grade-C outcome where an exact A or B figure exists for the same city,
    indicator and year.

    A rounded or bounded A/B figure ("近8500亿", "突破7000亿") does not displace an
    exact C figure: the C row carries information the better source lacks, and the
    charts mark it as grade C. A C row that names the figure corroborating it is a
    recorded cross-check of a copy and stays.
    """
    sources = _sources(data_dir)
    path = data_dir / "outcomes.csv"
    if not path.is_file():
        return []
    rows = read_rows(path)
    better = {(r["city"], r["indicator_id"], r["year"]) for _, r in rows
              if sources.get(r["source_id"], {}).get("grade") in ("A", "B")
              and r["qualifier"] == "="}
    problems = []
    for line, row in rows:
        grade = sources.get(row["source_id"], {}).get("grade")
        if row.get("corroborated_by"):
            continue  # kept as the cross-check of a copy, not used in place of the better figure
        if grade == "C" and (row["city"], row["indicator_id"], row["year"]) in better:
            problems.append(Problem(_rel(path, data_dir), line, "source_id",
                                    f"grade-C source {row['source_id']} used where an exact A or B figure "
                                    f"exists for {row['city']}/{row['indicator_id']}/{row['year']}"))
    return problems


CITY_CODES = {"xuzhou": "xz", "suzhou": "sz", "jiangsu": "js", "china": "cn"}


def outcome_id_for(row: dict, n: int = 1) -> str:
    """The id an outcome row must carry: ``<city code>.<indicator>.<year>.<source>``,
    with ``.2``, ``.3`` … for further figures of the same source."""
    base = (f"{CITY_CODES.get(row.get('city'), row.get('city'))}.{row.get('indicator_id')}."
            f"{row.get('year')}.{row.get('source_id')}")
    return base if n == 1 else f"{base}.{n}"


_UNIT_TO_YI = {"亿元": 1.0, "万亿元": 1e4}


def _same_value(a: dict, b: dict) -> bool:
    """Do two outcome rows state the same number (across 亿元/万亿元)?"""
    try:
        va, vb = float(a["value"]), float(b["value"])
    except (TypeError, ValueError):
        return False
    if a["unit"] == b["unit"]:
        return abs(va - vb) <= 1e-9 * max(1.0, abs(va))
    if a["unit"] in _UNIT_TO_YI and b["unit"] in _UNIT_TO_YI:
        return abs(va * _UNIT_TO_YI[a["unit"]] - vb * _UNIT_TO_YI[b["unit"]]) <= 1e-6
    return False


def outcome_problems(data_dir: Path) -> list[Problem]:
    """Outcome ids follow the naming scheme, and corroboration holds:

    a figure from a tampered copy names (``corroborated_by``) a second figure for the
    same city, indicator and year, with the same value, from a different host.
    """
    sources = _sources(data_dir)
    path = data_dir / "outcomes.csv"
    if not path.is_file():
        return []
    rows = read_rows(path)
    by_id = {row["outcome_id"]: row for _, row in rows}
    problems = []
    seen: dict[str, int] = {}
    for line, row in rows:
        base = outcome_id_for(row)
        seen[base] = seen.get(base, 0) + 1
        expected = outcome_id_for(row, seen[base])
        if row["outcome_id"] != expected:
            problems.append(Problem(_rel(path, data_dir), line, "outcome_id",
                                    f"id {row['outcome_id']!r} does not follow the naming scheme: "
                                    f"expected {expected!r}"))
        source = sources.get(row.get("source_id", ""), {})
        other_id = row.get("corroborated_by") or ""
        if source.get("copy") == "tampered-copy" and not other_id:
            problems.append(Problem(_rel(path, data_dir), line, "corroborated_by",
                                    f"{row['source_id']} is a tampered copy: its figure needs a "
                                    f"second, independent copy (corroborated_by)"))
        if not other_id:
            continue
        other = by_id.get(other_id)
        if other is None:
            continue  # an unknown id is a foreign-key error, reported by Frictionless
        if other_id == row["outcome_id"]:
            problems.append(Problem(_rel(path, data_dir), line, "corroborated_by",
                                    "a figure cannot corroborate itself"))
            continue
        if (other["city"], other["indicator_id"], other["year"]) != (
                row["city"], row["indicator_id"], row["year"]):
            problems.append(Problem(_rel(path, data_dir), line, "corroborated_by",
                                    f"{other_id} is not a figure for the same city, indicator and year"))
        elif not _same_value(row, other):
            problems.append(Problem(_rel(path, data_dir), line, "corroborated_by",
                                    f"{other_id} states {other['value']} {other['unit']}, "
                                    f"not {row['value']} {row['unit']}"))
        other_source = sources.get(other.get("source_id", ""), {})
        host, other_host = _host(source.get("url")), _host(other_source.get("url"))
        if other.get("source_id") == row.get("source_id") or (host and host == other_host):
            problems.append(Problem(_rel(path, data_dir), line, "corroborated_by",
                                    f"{other_id} comes from the same host ({host or 'no url'}): "
                                    f"not an independent copy"))
    return problems


def validate(data_dir: Path = DATA_DIR) -> list[Problem]:
    """All problems in the data package; an empty list means it is valid."""
    data_dir = Path(data_dir)
    problems = frictionless_problems(data_dir)
    if any(p.file.endswith("datapackage.json") for p in problems):
        return problems  # the descriptor itself is broken: nothing else can be trusted
    try:
        problems += layout_problems(data_dir)
        problems += source_problems(data_dir)
        problems += document_problems(data_dir)
        problems += checksum_problems(data_dir)
        problems += quote_problems(data_dir)
        problems += outcome_problems(data_dir)
        problems += range_problems(data_dir)
        problems += grade_problems(data_dir)
    except (csv.Error, KeyError, UnicodeDecodeError) as exc:
        # A malformed file: Frictionless has already named the row; add the parser's word.
        problems.append(Problem(_rel(data_dir, data_dir), None, None, f"could not read: {exc}"))
    return problems


def check(data_dir: Path = DATA_DIR) -> None:
    """Raise :class:`DataValidationError` listing every problem, if there is any."""
    problems = validate(data_dir)
    if problems:
        raise DataValidationError(problems)


def main(argv: list[str] | None = None) -> int:
    """``python -m planbook.data.validate [DATA_DIR]``: print each problem as
    ``data/<file>:<row>:<column>: <what is wrong>`` and exit 1, or exit 0 quietly.
    ``make book`` runs this before any notebook, so bad data stops the build with
    these lines and leaves the last good site as it was."""
    import sys

    args = sys.argv[1:] if argv is None else argv
    data_dir = Path(args[0]) if args else DATA_DIR
    problems = validate(data_dir)
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print(f"{len(problems)} problem(s) in the data package ({data_dir}); the book was not built.",
              file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
