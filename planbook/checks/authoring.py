"""Authoring checks on a chapter's Markdown source, each reported as file:line.

- **Bold against full-width punctuation.** MyST follows CommonMark: ``**`` opens bold
  only if it is *left-flanking* and closes only if it is *right-flanking*. In
  ``这是**“重要”**的`` the first ``**`` stands between a Han character and “, so it
  cannot open; the second stands between ” and 的, so it cannot close. The reader
  sees the asterisks and the rest of the paragraph goes wrong. Write
  ``这是 **“重要”** 的`` or move the quotes outside: ``这是“**重要**”的``.
- **A typed space before a cross-reference or citation** (``见 {ref}`x```): in
  Chinese text the reference follows the word directly.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_FENCE = re.compile(r"^(```|~~~)")
_ROLE = re.compile(r"\{[a-z:-]+\}`[^`]*`")
_INLINE_CODE = re.compile(r"`[^`]*`")
_CJK = r"\u3400-\u4dbf\u4e00-\u9fff\u3000-\u303f\uff00-\uffef\u201c\u201d"
_SPACE_BEFORE_ROLE = re.compile(rf"[{_CJK}] +\{{(?:ref|numref|doc|cite(?::[pt])?)\}}`")


@dataclass(frozen=True)
class Problem:
    line: int      # 1-based
    column: int    # 1-based
    message: str

    def at(self, path: str) -> str:
        return f"{path}:{self.line}:{self.column}: {self.message}"


def prose_lines(markdown: str):
    """(line number, text) of each line outside fenced code, with inline code and
    roles blanked out (same length, so columns stay true)."""
    fence = None
    for number, line in enumerate(markdown.splitlines(), start=1):
        opener = _FENCE.match(line.lstrip())
        if fence is None and opener:
            fence = opener.group(1)
            continue
        if fence is not None:
            if line.strip().startswith(fence):
                fence = None
            continue
        yield number, line


def _blank(match: re.Match) -> str:
    return "x" * len(match.group(0))


def _is_space(char: str) -> bool:
    return char == "" or char.isspace()


def _is_punct(char: str) -> bool:
    return bool(char) and unicodedata.category(char)[0] in "PS"


def _flanking(before: str, after: str) -> tuple[bool, bool]:
    """CommonMark's left- and right-flanking tests for a delimiter run."""
    left = not _is_space(after) and (not _is_punct(after) or _is_space(before) or _is_punct(before))
    right = not _is_space(before) and (not _is_punct(before) or _is_space(after) or _is_punct(after))
    return left, right


def bold_against_punctuation(markdown: str) -> list[Problem]:
    """Each ``**`` that, where it stands, can neither open nor close bold as intended."""
    problems = []
    for number, line in prose_lines(markdown):
        text = _INLINE_CODE.sub(_blank, _ROLE.sub(_blank, line))
        is_open = False
        for match in re.finditer(r"(?<!\*)\*\*(?!\*)", text):
            start, end = match.span()
            before = text[start - 1] if start else ""
            after = text[end] if end < len(text) else ""
            left, right = _flanking(before, after)
            if not is_open and not left:
                problems.append(Problem(number, start + 1,
                                        f"“**” before “{after}” cannot open bold here "
                                        "(CommonMark: it touches full-width punctuation); "
                                        "put a space before it or the punctuation outside"))
            elif is_open and not right:
                problems.append(Problem(number, start + 1,
                                        f"“**” after “{before}” cannot close bold here "
                                        "(CommonMark: it touches full-width punctuation); "
                                        "put a space after it or the punctuation outside"))
            else:
                is_open = not is_open
                continue
            break  # the rest of the line is unreliable after a misplaced delimiter
    return problems


def spaces_before_roles(markdown: str) -> list[Problem]:
    """Each space typed between Chinese text and a following reference or citation."""
    return [Problem(number, match.start() + 2, "space between Chinese text and a reference; remove it")
            for number, line in prose_lines(markdown)
            for match in _SPACE_BEFORE_ROLE.finditer(line)]


def check(markdown: str) -> list[Problem]:
    return sorted(bold_against_punctuation(markdown) + spaces_before_roles(markdown),
                  key=lambda p: (p.line, p.column))


def main(argv: list[str] | None = None) -> int:
    """``python -m planbook.checks.authoring [FILE …]`` (default: every page of the book)."""
    import sys
    from pathlib import Path

    from planbook.base.paths import REPO_ROOT

    paths = [Path(a) for a in (argv if argv is not None else sys.argv[1:])] or \
        sorted((REPO_ROOT / "book").glob("*.md"))
    problems = [p.at(str(path)) for path in paths if path.is_file()
                for p in check(path.read_text(encoding="utf-8"))]
    print("\n".join(problems) or f"{len(paths)} files: no authoring problems")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
