"""Counts of choice items as "k/n (p %)", each with the valid n of its own item or row.

Conventions (carried in the results, not hidden in a template):

* A **proportion** is ``k`` of the ``n`` respondents who answered that item or row; a blank is
  a missing answer and leaves ``n``, never counted as "no". The percentage is rounded half up
  to one decimal (``Decimal``, not the binary float: 4/89 = 4.494… gives 4.5).
* A **forced-choice multiple-response item** (yes/no per row) reports each row over the
  respondents who answered that row, and the item's valid n: those who answered every row.
  Rows are percentages of respondents, so they need not sum to 100.
* **Combinations** of a check-all item (e.g. status: volunteer and paid employee) are each a row,
  as the seed tabulates them: singles first, then pairs, each in the options' order.
* ``double_rounded`` is the integer a table prints when it rounds the one-decimal figure again
  (the seed's status table: 4.49 → 4.5 → 5); kept apart so a reader can see what was done.

Pure Python, no Django: the inputs are plain answers, ``None`` for missing.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

ROUNDING = "half up, on the decimal value"
DECIMALS = 1


def round_half_up(value: Decimal | float, digits: int = DECIMALS) -> Decimal:
    """``value`` rounded half up to ``digits`` decimals (0.45 -> 0.5 at one decimal)."""
    quantum = Decimal(1).scaleb(-digits)
    return Decimal(str(value)).quantize(quantum, rounding=ROUND_HALF_UP)


def double_rounded(percent: Decimal) -> int:
    """The integer a table shows when it rounds a one-decimal percentage again (4.5 -> 5)."""
    return int(round_half_up(percent, 0))


@dataclass(frozen=True)
class Proportion:
    """``k`` of ``n`` (the valid n), with the percentage rounded half up to one decimal."""

    k: int
    n: int

    @property
    def percent(self) -> Decimal | None:
        """100·k/n rounded to one decimal; None when nobody answered (n = 0)."""
        if self.n == 0:
            return None
        return round_half_up(Decimal(100 * self.k) / Decimal(self.n))


@dataclass(frozen=True)
class Row:
    """One row of a table: its code (a choice value or a combination ``a+b``) and its count."""

    code: str
    proportion: Proportion


@dataclass(frozen=True)
class Table:
    """A table of one item: ``respondents`` is everyone in the sample, ``valid_n`` those who
    answered the item (for a forced-choice item: every row of it)."""

    rows: list[Row]
    respondents: int
    valid_n: int
    rounding: str = ROUNDING


def forced_choice(rows: Mapping[str, Sequence[bool | None]]) -> Table:
    """Rows of a forced-choice item (row code -> one answer per respondent, None = blank)."""
    columns = list(rows.values())
    respondents = len(columns[0]) if columns else 0
    if any(len(column) != respondents for column in columns):
        raise ValueError("every row needs one answer per respondent")
    out = [
        Row(
            code, Proportion(sum(1 for a in answers if a), sum(1 for a in answers if a is not None))
        )
        for code, answers in rows.items()
    ]
    complete = sum(1 for i in range(respondents) if all(c[i] is not None for c in columns))
    return Table(rows=out, respondents=respondents, valid_n=complete)


def single_choice(answers: Sequence[str | None], order: Sequence[str]) -> Table:
    """Counts of a single-choice item over those who answered, in ``order``."""
    given = [a for a in answers if a is not None]
    counts = Counter(given)
    unknown = set(counts) - set(order)
    if unknown:
        raise ValueError(f"answers outside the options: {sorted(unknown)}")
    rows = [Row(code, Proportion(counts[code], len(given))) for code in order]
    return Table(rows=rows, respondents=len(answers), valid_n=len(given))


def combination_code(chosen: Sequence[str], order: Sequence[str]) -> str:
    """The code of a combination, its options in ``order`` joined by "+"."""
    return "+".join(code for code in order if code in chosen)


def combinations(answers: Sequence[Sequence[str] | None], order: Sequence[str]) -> Table:
    """Every combination given of a check-all item as a row of its own (singles first, then by
    size, each in the options' order), over those who answered the item."""
    given = [list(a) for a in answers if a]
    unknown = {code for a in given for code in a} - set(order)
    if unknown:
        raise ValueError(f"answers outside the options: {sorted(unknown)}")
    counts = Counter(combination_code(a, order) for a in given)

    def key(code: str) -> tuple[int, list[int]]:
        parts = code.split("+")
        return (len(parts), [list(order).index(p) for p in parts])

    singles = [code for code in order if code not in counts]
    codes = sorted([*counts, *singles], key=key)
    rows = [Row(code, Proportion(counts[code], len(given))) for code in codes]
    return Table(rows=rows, respondents=len(answers), valid_n=len(given))
