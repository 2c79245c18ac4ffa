"""Scale scores: the mean of a subscale's items after reverse keying, when at least k are answered."""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd
from django.db.models import QuerySet

from ontmoeting.surveys.enums import ItemKind
from ontmoeting.surveys.models import Answer, Instrument, Item, Response, Subscale


def score_rows(
    rows: dict[str, dict[str, float]],
    *,
    items: list[Item],
    subscales: list[Subscale],
) -> pd.DataFrame:
    """Pure part of the scoring: ``rows`` maps a pseudonym to ``{item code: raw value}``.

    Returns one row per pseudonym (index ``study_code``, in the order given) and one float column
    per subscale code; a cell is NaN when fewer than the subscale's k items are answered.
    """
    by_subscale: dict[int, list[Item]] = {s.pk: [] for s in subscales}
    for item in items:
        if item.kind == ItemKind.LIKERT and item.subscale_id in by_subscale:
            by_subscale[item.subscale_id].append(item)
    data: dict[str, list[float]] = {}
    for subscale in subscales:
        column: list[float] = []
        for values in rows.values():
            keyed = [
                item.keyed(values[item.code])
                for item in by_subscale[subscale.pk]
                if values.get(item.code) is not None and not np.isnan(values[item.code])
            ]
            enough = len(keyed) >= max(subscale.min_items_answered, 1)
            column.append(float(np.mean(keyed)) if enough else np.nan)
        data[subscale.code] = column
    frame = pd.DataFrame(data, index=pd.Index(list(rows), name="study_code"), dtype=float)
    return frame


def item_matrix(responses: Iterable[Response], instrument: Instrument) -> pd.DataFrame:
    """Raw numeric answers: one row per response pseudonym, one column per Likert item code."""
    responses = list(responses)
    items = [i for i in instrument.items.all() if i.kind == ItemKind.LIKERT]
    answers = Answer.objects.filter(
        response__in=[r.pk for r in responses], item__in=[i.pk for i in items]
    ).values_list("response_id", "item__code", "value_number")
    by_response: dict[int, dict[str, float]] = {r.pk: {} for r in responses}
    for response_id, code, number in answers:
        if number is not None:
            by_response[response_id][code] = float(number)
    index = pd.Index([r.pseudonym for r in responses], name="study_code")
    return pd.DataFrame(
        [by_response[r.pk] for r in responses], index=index, columns=[i.code for i in items]
    ).astype(float)


def scale_scores(responses: Iterable[Response], instrument: Instrument) -> pd.DataFrame:
    """Scale scores per response: index study code, one column per subscale code (k rule).

    ``responses`` may be a queryset or list of ``Response`` of waves using ``instrument``; a
    paper response without a study code is indexed ``self:<self-code>``. Items are reverse keyed
    (min + max - value) before the mean.
    """
    responses = list(
        responses.select_related("study_code") if isinstance(responses, QuerySet) else responses
    )
    matrix = item_matrix(responses, instrument)
    rows = {
        pseudonym: {code: value for code, value in row.items() if not pd.isna(value)}
        for pseudonym, row in zip(matrix.index, matrix.to_dict("records"), strict=True)
    }
    return score_rows(
        rows, items=list(instrument.items.all()), subscales=list(instrument.subscales.all())
    )
