"""The numbers of the evaluation report: pseudonymous aggregates only.

Built from the de-identified data set (:func:`ontmoeting.surveys.exports.dataset.build_dataset`)
and the researcher selectors of the surveys app; never from the vault. Subgroup cells with fewer
than :data:`MIN_CELL` complete pairs are suppressed (count shown, statistics withheld).

The statistics keep R's sign (pre - post); the report reads every change as post - pre through
:mod:`ontmoeting.reports.change` (``ScaleRow.change``, ``SubgroupChangeRow.change``,
``TrendRow.change``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import pandas as pd

from ontmoeting.editions.enums import Format
from ontmoeting.editions.models import Edition
from ontmoeting.reports.change import Change, TrendChange
from ontmoeting.surveys.enums import Audience, ItemKind, WaveKind
from ontmoeting.surveys.exports.dataset import (
    COVARIATE_LABELS,
    EXPERIENCE_VALUES,
    WAVE_PREFIX,
    Dataset,
    build_dataset,
    build_datasets,
    spss_name,
)
from ontmoeting.surveys.linkage import LinkageTable
from ontmoeting.surveys.models import Instrument, Item, Subscale, Wave
from ontmoeting.surveys.selectors import response_rates
from ontmoeting.surveys.stats import (
    AlphaResult,
    PairedResult,
    Proportion,
    SubgroupRow,
    TrendResult,
    change_trend,
    cronbach_alpha,
    paired_analysis,
    paired_by_group,
    wilson,
)
from ontmoeting.surveys.stats.groups import MIN_CELL

STUDENT_GROUP_VARIABLES = ("expert_domain", "expert_experience")


@dataclass(frozen=True)
class RateRow:
    wave: str
    kind: str
    invited: int
    started: int
    completed: int
    paper: int
    online_rate: Proportion


@dataclass(frozen=True)
class ScaleRow:
    code: str
    label: str
    n_items: int
    min_items: int
    alpha_pre: AlphaResult | None
    alpha_post: AlphaResult | None
    paired: PairedResult | None

    @property
    def change(self) -> Change | None:
        """The paired comparison read as post - pre (what the report shows)."""
        return Change.from_paired(self.paired) if self.paired is not None else None


@dataclass(frozen=True)
class SubgroupChangeRow:
    """A subgroup's label, its number of complete pairs and (unless suppressed) its change."""

    label: str
    n: int
    suppressed: bool
    change: Change | None

    @classmethod
    def from_row(cls, row: SubgroupRow) -> SubgroupChangeRow:
        change = Change.from_paired(row.result) if row.result is not None else None
        return cls(label=row.label, n=row.n, suppressed=row.suppressed, change=change)


@dataclass(frozen=True)
class SubgroupTable:
    variable: str
    label: str
    scale_code: str
    scale_label: str
    rows: list[SubgroupChangeRow]


@dataclass
class EditionReport:
    edition: Edition
    instrument: Instrument | None
    rates: list[RateRow]
    pairs: LinkageTable | None
    scales: list[ScaleRow]
    subgroups: list[SubgroupTable]
    min_cell: int = MIN_CELL
    charts: dict[str, str] = field(default_factory=dict)

    @property
    def has_data(self) -> bool:
        return any(s.paired is not None or s.alpha_pre is not None for s in self.scales)


@dataclass(frozen=True)
class TrendRow:
    code: str
    label: str
    trend: TrendResult

    @property
    def change(self) -> TrendChange:
        """Per edition the mean change and the slope, read as post - pre."""
        return TrendChange.from_trend(self.trend)


@dataclass
class TrendsReport:
    years: list[int]
    rows: list[TrendRow]
    charts: dict[str, str] = field(default_factory=dict)


def _keyed_items(frame: pd.DataFrame, prefix: str, items: list[Item]) -> pd.DataFrame:
    """The items' answers of completed responses, reverse keyed, one column per item code."""
    complete = frame.get(f"{prefix}_complete")
    if complete is None:
        return pd.DataFrame()
    rows = frame[complete == 1]
    out = {}
    for item in items:
        column = spss_name(f"{prefix}_{item.code}")
        if column in rows.columns:
            out[item.code] = (
                rows[column]
                .astype(float)
                .map(lambda v, item=item: item.keyed(v) if pd.notna(v) else v)
            )
    return pd.DataFrame(out)


def _alpha(frame: pd.DataFrame, prefix: str, items: list[Item]) -> AlphaResult | None:
    matrix = _keyed_items(frame, prefix, items)
    if matrix.shape[1] < 2:
        return None
    result = cronbach_alpha(matrix)
    return result if result.n >= 2 and math.isfinite(result.alpha) else None


def _student_waves(edition: Edition) -> dict[str, Wave]:
    return {
        w.kind: w
        for w in Wave.objects.filter(edition=edition, audience=Audience.STUDENTS).select_related(
            "instrument"
        )
    }


def _scales(instrument: Instrument) -> list[tuple[Subscale, list[Item]]]:
    items = [i for i in instrument.items.all() if i.kind == ItemKind.LIKERT]
    return [
        (s, [i for i in items if i.subscale_id == s.pk])
        for s in sorted(instrument.subscales.all(), key=lambda s: (s.order, s.code))
    ]


def _rates(edition: Edition) -> list[RateRow]:
    rows = []
    for rate in response_rates(Wave.objects.filter(edition=edition)):
        online = rate.completed - rate.paper
        rows.append(
            RateRow(
                wave=str(rate.wave.get_kind_display()),
                kind=rate.wave.kind,
                invited=rate.invited,
                started=rate.started,
                completed=rate.completed,
                paper=rate.paper,
                online_rate=wilson(min(online, rate.invited), rate.invited),
            )
        )
    return rows


def _paired(frame: pd.DataFrame, code: str) -> PairedResult | None:
    pre, post = f"pre_{code}", f"post_{code}"
    if pre not in frame.columns or post not in frame.columns:
        return None
    result = paired_analysis(frame[pre], frame[post])
    return result if result.n >= 2 else None


def _pairs(dataset: Dataset | None, waves: dict[str, Wave]) -> LinkageTable | None:
    """The pre↔post linkage of the data set the statistics use: one truth for n."""
    if dataset is None or dataset.linkage is None:
        return None
    if WaveKind.PRE not in waves or WaveKind.POST not in waves:
        return None
    return dataset.linkage.table(WaveKind.PRE, WaveKind.POST)


def edition_report(edition: Edition, *, min_cell: int = MIN_CELL) -> EditionReport:
    """Response rates, alpha per wave, pre/post tests and effect sizes, subgroup tables."""
    waves = _student_waves(edition)
    wave = waves.get(WaveKind.PRE) or waves.get(WaveKind.POST)
    instrument = wave.instrument if wave else None
    dataset: Dataset | None = build_dataset(edition) if wave else None
    frame = dataset.frame if dataset is not None else pd.DataFrame()
    scales: list[ScaleRow] = []
    subgroups: list[SubgroupTable] = []
    if instrument is not None:
        for subscale, items in _scales(instrument):
            scales.append(
                ScaleRow(
                    code=subscale.code,
                    label=subscale.label_in(),
                    n_items=len(items),
                    min_items=subscale.min_items_answered,
                    alpha_pre=_alpha(frame, WAVE_PREFIX[WaveKind.PRE], items)
                    if WaveKind.PRE in waves
                    else None,
                    alpha_post=_alpha(frame, WAVE_PREFIX[WaveKind.POST], items)
                    if WaveKind.POST in waves
                    else None,
                    paired=_paired(frame, subscale.code),
                )
            )
        for variable in STUDENT_GROUP_VARIABLES:
            if variable not in frame.columns:
                continue
            labelled = frame.assign(
                **{variable: frame[variable].map(lambda v: EXPERIENCE_VALUES.get(v, v))}
            )
            for row in scales:
                pre, post = f"pre_{row.code}", f"post_{row.code}"
                if pre not in frame.columns or post not in frame.columns:
                    continue
                subgroups.append(
                    SubgroupTable(
                        variable=variable,
                        label=str(COVARIATE_LABELS[variable]),
                        scale_code=row.code,
                        scale_label=row.label,
                        rows=[
                            SubgroupChangeRow.from_row(r)
                            for r in paired_by_group(
                                labelled, pre=pre, post=post, group=variable, min_cell=min_cell
                            )
                        ],
                    )
                )
    return EditionReport(
        edition=edition,
        instrument=instrument,
        rates=_rates(edition),
        pairs=_pairs(dataset, waves),
        scales=scales,
        subgroups=subgroups,
        min_cell=min_cell,
    )


def trends_report() -> TrendsReport:
    """The change per subscale across every encounter-day edition with both waves.

    A fixed number of queries whatever the number of editions.
    """
    waves = list(
        Wave.objects.filter(
            edition__format=Format.ENCOUNTER_DAY,
            audience=Audience.STUDENTS,
            kind__in=[WaveKind.PRE, WaveKind.POST],
        )
        .select_related("edition", "instrument")
        .prefetch_related("instrument__subscales")
    )
    # The query keeps waves of encounter days: every one has its edition.
    edition_of = {wave.pk: wave.edition for wave in waves if wave.edition is not None}
    kinds: dict[int, set[str]] = {}
    for wave in waves:
        kinds.setdefault(edition_of[wave.pk].pk, set()).add(wave.kind)
    complete = {e for e, k in kinds.items() if {WaveKind.PRE, WaveKind.POST} <= k}
    editions = sorted(
        {e.pk: e for e in edition_of.values() if e.pk in complete}.values(),
        key=lambda e: e.year,
    )
    labels: dict[str, str] = {}
    for wave in sorted(waves, key=lambda w: edition_of[w.pk].year):
        if wave.edition_id in complete and wave.kind == WaveKind.PRE:
            for subscale in sorted(
                wave.instrument.subscales.all(), key=lambda s: (s.order, s.code)
            ):
                labels.setdefault(subscale.code, subscale.label_in())
    datasets = build_datasets(editions)
    stacked = [datasets[e.pk].frame.assign(year=e.year) for e in editions]
    rows = []
    if stacked:
        data = pd.concat(stacked, ignore_index=True)
        for code, label in labels.items():
            pre, post = f"pre_{code}", f"post_{code}"
            if pre in data.columns and post in data.columns:
                trend = change_trend(data, year="year", pre=pre, post=post)
                rows.append(TrendRow(code, label, trend))
    return TrendsReport(years=[e.year for e in editions], rows=rows)
