"""The typed record a page's findings come in.

A findings record is a frozen dataclass whose fields are what a page states:

- a :class:`Quantity` — a number with its unit, the precision it is printed with, and
  where it comes from (grade, vintage, whether the book derived it);
- an ``int`` — a count (printed as it is; a sentence that may hold a zero uses a phrase);
- a ``str`` — a ready phrase or a name;
- another record — its fields are glued under ``<field>_<its field>``;
- anything declared with :func:`data` (a frame a figure or table draws) — not glued;
- ``None`` — nothing found to state: not glued, so a page that states it fails to build.

A page glues every field of its record with one call
(:func:`planbook.publish.page.glue_findings`); the glue key of a value is its field
path joined by ``_``, so ``{glue:text}`sz_decided_phrase``` is ``record.sz.decided_phrase``.
A bare float is refused: every number states its precision.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass, field

from planbook.analysis.series import VINTAGE_ZH
from planbook.base.phrasing import number


def data(**kwargs):
    """A field that carries data for a figure or table, not a statement to glue."""
    return field(metadata={"glue": False}, **kwargs)


@dataclass(frozen=True)
class Quantity:
    """A number a page states, with what a reader needs to weigh it."""
    value: float
    unit: str = ""
    digits: int | None = None          # decimals printed; None: as recorded
    grade: str | None = None           # A | B | C of the weakest source it rests on
    vintage: str | None = None         # preliminary | final | revised | estimate
    derived: bool = False              # computed by the book from recorded figures
    qualifier: str = "="               # = | ~ | > | < | <~ of the figure it rests on
    year: int | None = None
    source_ids: tuple[str, ...] = ()

    def __post_init__(self):
        if self.value is None:
            raise ValueError("a Quantity needs a value; record a gap as a phrase instead")
        object.__setattr__(self, "value", float(self.value))
        if self.derived and self.digits is None:
            raise ValueError("a derived value is printed to a stated precision: give digits")

    @property
    def text(self) -> str:
        """The number as the Chinese text prints it (no unit)."""
        return number(self.value, self.digits)

    @property
    def text_en(self) -> str:
        return number(self.value, self.digits, lang="en")

    @property
    def with_unit(self) -> str:
        return f"{self.text}{self.unit}"

    @property
    def vintage_zh(self) -> str:
        return VINTAGE_ZH.get(self.vintage or "", "")

    def __str__(self) -> str:
        return self.text


class Record:
    """Mixin for a findings dataclass: its glue keys and values."""

    def entries(self, prefix: str = "") -> Iterator[tuple[str, object]]:
        for f in dataclasses.fields(self):
            if f.metadata.get("glue") is False:
                continue
            value = getattr(self, f.name)
            key = f"{prefix}{f.name}"
            if value is None:      # not found: nothing to state (a page that states it fails to build)
                continue
            if isinstance(value, Record):
                yield from value.entries(f"{key}_")
            elif isinstance(value, dict):
                for sub, item in value.items():
                    if isinstance(item, Record):
                        yield from item.entries(f"{key}_{sub}_")
                    else:
                        yield f"{key}_{sub}", item
            else:
                yield key, value

    def glue_texts(self) -> dict[str, str]:
        """Every glue key with the text it puts on the page."""
        out = {}
        for key, value in self.entries():
            if key in out:
                raise ValueError(f"two findings share the glue key {key!r}")
            out[key] = as_text(key, value)
        return out


def as_text(key: str, value) -> str:
    if isinstance(value, Quantity):
        return value.text
    if isinstance(value, bool):
        raise TypeError(f"finding {key!r} is a bool: state it as a phrase")
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return value
    if isinstance(value, float):
        raise TypeError(f"finding {key!r} is a bare float: make it a Quantity with its precision")
    raise TypeError(f"finding {key!r} has type {type(value).__name__}, which a page cannot state")
