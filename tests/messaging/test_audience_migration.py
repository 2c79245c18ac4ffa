"""Migration 0006 adds the audiences' texts and keeps every text a coordinator stored."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from ontmoeting.messaging.defaults import DEFAULT_TEMPLATES
from ontmoeting.messaging.models import MessageTemplate

BEFORE = [("messaging", "0005_link_requests")]
AFTER = [("messaging", "0006_audience_templates")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_the_new_texts_are_added_and_an_edited_one_is_kept():
    old = _migrate(BEFORE)
    try:
        template = old.get_model("messaging", "MessageTemplate")
        template.objects.filter(kind__in=["survey_pre", "invitation_student"]).delete()
        template.objects.create(
            kind="invitation_student", language="nl", subject="Eigen", body="Eigen tekst"
        )
    finally:
        _migrate(AFTER)
    edited = MessageTemplate.objects.get(kind="invitation_student", language="nl", edition=None)
    assert (edited.subject, edited.body) == ("Eigen", "Eigen tekst")
    for kind in ("survey_pre", "invitation_student"):
        for language in ("en", "it") if kind == "invitation_student" else ("nl", "en", "it"):
            row = MessageTemplate.objects.get(kind=kind, language=language, edition=None)
            assert (row.subject, row.body) == DEFAULT_TEMPLATES[(kind, language)]
