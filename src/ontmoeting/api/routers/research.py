"""Survey data for researchers: the de-identified data set of the research export."""

from __future__ import annotations

import json
from typing import Literal

from django.http import HttpRequest
from ninja import Query, Router

from ontmoeting.api.auth import caller
from ontmoeting.api.routers.common import EditionId, answers, edition_or_404
from ontmoeting.api.schemas import ResearchOut
from ontmoeting.privacy.audit import record
from ontmoeting.surveys.exports.services import DEIDENTIFIED, survey_dataset

router = Router(tags=["research"])


@router.get(
    "/editions/{edition_id}/research",
    response=answers(ResearchOut),
    summary="The de-identified survey data of an edition (audited)",
)
def research(
    request: HttpRequest,
    edition_id: EditionId,
    audience: Query[Literal["students", "experts"]] = "students",
) -> dict[str, object]:
    """Rows named by pseudonyms keyed for this export only, without open answers: exactly the
    de-identified export of the research pages (``ontmoeting export surveys``)."""
    who = caller(request, "read:research")
    edition = edition_or_404(edition_id)
    dataset = survey_dataset(
        edition=edition, actor=who.user, audience=audience, profile=DEIDENTIFIED
    )
    rows = json.loads(dataset.frame.to_json(orient="records", date_format="iso"))
    record(
        "surveys.export",
        actor=who.user,
        obj=edition,
        format="json",
        profile=DEIDENTIFIED,
        audience=audience,
        rows=len(rows),
        language=dataset.language,
        **who.audit_data(),
    )
    return {
        "edition_year": dataset.edition_year,
        "audience": dataset.audience,
        "profile": dataset.profile,
        "variables": [
            {
                "name": v.name,
                "label": str(v.label),
                "type": v.type,
                "wave": v.wave,
                "subscale": v.subscale,
            }
            for v in dataset.variables
        ],
        "rows": rows,
    }
