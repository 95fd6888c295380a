"""Find numbers typed into a chapter's prose (they must come from the data via glue).

The prose of a MyST notebook is what is left after removing code cells,
directive options, roles such as {glue:text}`…`, {cite}`…`, {numref}`…`, inline
code, links and labels. What may remain as digits: years (1990–2039), the
numbers that are part of a name (the "343" plan, a document number such as
徐委发〔2022〕33号), and dates inside a document's name.
"""

from __future__ import annotations

import re

ALLOWED_PATTERNS = [
    r"〔\d{4}〕\d+号",                                 # document numbers
    r"\d{4}-\d{2}-\d{2}",                            # ISO dates naming a source
    r"(?<!\d)(?:19[9]\d|20[0-3]\d)(?!\d)",          # years
    r"(?<![\d.])\d{1,2} ?月(?: ?\d{1,2} ?日)?",        # month and day of a dated event
    r"“?343”?",                                      # the plan's name
    r"“?2\+14\+N”?",                                 # the park system's name
    r"“1650”",                                       # Jiangsu's cluster system's name
    r"(?:苏政|惠企)\d+条",                             # names of relief packages
    r"GB/T ?7714(?:-\d{4})?",                        # the citation standard
    r"Python 3\.\d+",                                # the interpreter's name
    r"sha256",
]
_CODE_FENCE = re.compile(r"^(```|~~~)[^\n]*\n.*?^\1\s*$", re.S | re.M)
_COLON_FENCE_OPEN = re.compile(r"^:{3,}\{[^}]+\}.*$", re.M)
_DIRECTIVE_OPTION = re.compile(r"^:[a-z-]+:.*$", re.M)
_ROLE = re.compile(r"\{[a-z:-]+\}`[^`]*`")
_INLINE_CODE = re.compile(r"`[^`]*`")
_LINK = re.compile(r"\]\([^)]*\)|https?://\S+")
_LABEL = re.compile(r"^\([a-z0-9-]+\)=\s*$", re.M)
_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)
_COMMENT = re.compile(r"<!--.*?-->", re.S)


def prose_of(markdown: str) -> str:
    text = _FRONT_MATTER.sub("", markdown)
    text = _CODE_FENCE.sub("", text)
    for pattern in (_COMMENT, _COLON_FENCE_OPEN, _DIRECTIVE_OPTION, _LABEL, _ROLE,
                    _INLINE_CODE, _LINK):
        text = pattern.sub("", text)
    return text


def typed_numbers(markdown: str) -> list[str]:
    """Each line of prose that still holds a digit after the allowed patterns go."""
    found = []
    for line in prose_of(markdown).splitlines():
        stripped = line
        for pattern in ALLOWED_PATTERNS:
            stripped = re.sub(pattern, "", stripped)
        if re.search(r"\d", stripped):
            found.append(line.strip())
    return found
