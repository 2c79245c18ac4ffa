"""The paired comparison per subgroup, with small cells suppressed.

A subgroup (the domain of the expert a student met; a newcomer or veteran expert) with fewer
than ``min_cell`` complete pairs is reported with its count only: its statistics are withheld
(``suppressed=True``) so that nobody can be recognised from a tiny cell and no estimate rests on
two or three people. The default threshold is 5.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ontmoeting.surveys.stats.paired import PairedResult, paired_analysis

MIN_CELL = 5


@dataclass(frozen=True)
class SubgroupRow:
    """One subgroup's label, its number of complete pairs and (unless suppressed) its result."""

    label: str
    n: int
    suppressed: bool
    result: PairedResult | None

    def as_dict(self) -> dict[str, object]:
        return {
            "label": self.label,
            "n": self.n,
            "suppressed": self.suppressed,
            "result": self.result.as_dict() if self.result else None,
        }


def paired_by_group(
    frame: pd.DataFrame,
    *,
    pre: str,
    post: str,
    group: str,
    min_cell: int = MIN_CELL,
    confidence: float = 0.95,
) -> list[SubgroupRow]:
    """The paired analysis of ``pre``/``post`` for each value of ``group`` (sorted by label).

    Rows without a group label are left out of the subgroup table (they still count overall).
    """
    for column in (pre, post, group):
        if column not in frame.columns:
            raise KeyError(column)
    rows: list[SubgroupRow] = []
    labelled = frame[frame[group].notna() & (frame[group].astype(str) != "")]
    for label, part in sorted(labelled.groupby(labelled[group].astype(str)), key=lambda g: g[0]):
        complete = part[[pre, post]].apply(pd.to_numeric, errors="coerce").dropna()
        n = len(complete)
        if n < min_cell:
            rows.append(SubgroupRow(label=str(label), n=n, suppressed=True, result=None))
            continue
        result = paired_analysis(complete[pre], complete[post], confidence=confidence)
        rows.append(SubgroupRow(label=str(label), n=n, suppressed=False, result=result))
    return rows
