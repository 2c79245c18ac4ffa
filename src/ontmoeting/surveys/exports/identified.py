"""The coordinator-only "identified" profile: identities joined to the pseudonymous rows.

This is the one export module that reads the vault (``StudyCodeVault``); researcher code paths
never call it (the service refuses anyone but a coordinator, asks for a reason and audits).
Never added: a person's own domains of experience (special-category data).
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from ontmoeting.surveys.exports.dataset import Dataset, Variable
from ontmoeting.surveys.models import StudyCodeVault

IDENTITY_COLUMNS = ("participant_ref", "first_name", "last_name", "email")


def add_identities(dataset: Dataset) -> Dataset:
    """``dataset`` with the participant's reference, name and email after the study code."""
    codes = list(dataset.frame["study_code"])
    entries = StudyCodeVault.objects.filter(study_code__code__in=codes).select_related(
        "study_code", "participant__person"
    )
    by_code = {e.study_code.code: e.participant for e in entries}
    frame = dataset.frame.copy()
    frame.insert(1, "participant_ref", [getattr(by_code.get(c), "ref", None) for c in codes])
    frame.insert(
        2, "first_name", [p.person.first_name if (p := by_code.get(c)) else None for c in codes]
    )
    frame.insert(
        3, "last_name", [p.person.last_name if (p := by_code.get(c)) else None for c in codes]
    )
    frame.insert(4, "email", [p.person.email if (p := by_code.get(c)) else None for c in codes])
    note = _("identity: coordinator-only identified export")
    added = [
        Variable(name, label, "string", note=note, identifying=True)
        for name, label in (
            ("participant_ref", str(_("Participant reference"))),
            ("first_name", str(_("First name"))),
            ("last_name", str(_("Last name"))),
            ("email", str(_("Email"))),
        )
    ]
    variables = [dataset.variables[0], *added, *dataset.variables[1:]]
    return Dataset(dataset.edition_year, dataset.audience, "identified", frame, variables)
