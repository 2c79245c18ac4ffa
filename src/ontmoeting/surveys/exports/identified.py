"""The coordinator-only "identified" profile: identities joined to the pseudonymous rows.

This is the one export module that reads the vault (``StudyCodeVault``); researcher code paths
never call it (the service refuses anyone but a coordinator, asks for a reason and audits).
Never added: a person's own domains of experience (special-category data).
"""

from __future__ import annotations

from dataclasses import replace

from django.utils.translation import gettext as _

from ontmoeting.surveys.exports.dataset import Dataset, Variable
from ontmoeting.surveys.models import StudyCodeVault

IDENTITY_COLUMNS = ("participant_ref", "study_code", "first_name", "last_name", "email")


def add_identities(dataset: Dataset) -> Dataset:
    """``dataset`` with the participant's reference, study code, name and email after the
    pseudonym (rows of paper forms without a study code stay without an identity)."""
    identities = list(dataset.identities)
    entries = StudyCodeVault.objects.filter(
        study_code__code__in=[i for i in identities if not i.startswith("self:")]
    ).select_related("study_code", "participant__person")
    by_code = {e.study_code.code: e.participant for e in entries}
    people = [by_code.get(identity) for identity in identities]
    columns = {
        "participant_ref": [p.ref if p else None for p in people],
        "study_code": [None if i.startswith("self:") else i for i in identities],
        "first_name": [p.person.first_name if p else None for p in people],
        "last_name": [p.person.last_name if p else None for p in people],
        "email": [p.person.email if p else None for p in people],
    }
    frame = dataset.frame.copy()
    for position, (name, values) in enumerate(columns.items(), start=1):
        frame.insert(position, name, values)
    labels = {
        "participant_ref": _("Participant reference"),
        "study_code": _("Study code"),
        "first_name": _("First name"),
        "last_name": _("Last name"),
        "email": _("Email"),
    }
    note = _("identity: coordinator-only identified export")
    added = [
        Variable(name, labels[name], "string", note=note, identifying=True)
        for name in IDENTITY_COLUMNS
    ]
    variables = [dataset.variables[0], *added, *dataset.variables[1:]]
    return replace(dataset, profile="identified", frame=frame, variables=variables)
