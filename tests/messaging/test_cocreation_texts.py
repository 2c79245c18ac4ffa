"""A co-creation meeting's messages say nothing of students: experts by experience and
professionals read texts about tables and the co-creation meeting."""

from __future__ import annotations

import re

import pytest

from ontmoeting.editions.enums import Format
from ontmoeting.messaging.enums import (
    MESSAGE_LANGUAGES,
    PURPOSE_KINDS,
    SURVEY_KINDS,
    MessageKind,
    kind_for,
)
from ontmoeting.messaging.services import effective_template, save_template
from tests.factories import EditionFactory

pytestmark = pytest.mark.django_db

#: Student wording in Dutch, English and Italian.
STUDENT_WORDS = re.compile(r"student|\bduo|studente|studenti", re.IGNORECASE)

#: What participants read (the audience's kind is picked by ``kind_for``); the alert goes to
#: coordinators, and the surveys app sends experts their own survey kinds.
PURPOSES = [k for k in PURPOSE_KINDS if k not in SURVEY_KINDS and k != "cancellation_alert"]


def _read_by(role: str) -> list[str]:
    return sorted({kind_for(purpose, role) for purpose in PURPOSES})


@pytest.mark.parametrize("role", ["expert", "professional"])
def test_no_student_wording_in_what_a_co_creation_participant_reads(role):
    meeting = EditionFactory(year=2026, format=Format.CO_CREATION)
    for kind in _read_by(role):
        for language in MESSAGE_LANGUAGES:
            text = effective_template(kind, language, meeting)
            found = STUDENT_WORDS.findall(text.subject + text.body)
            assert found == [], (kind, language)


def test_co_creation_invitation_names_the_meeting_not_the_encounter_day():
    meeting = EditionFactory(year=2026, format=Format.CO_CREATION)
    day = EditionFactory(year=2026, format=Format.ENCOUNTER_DAY)
    invitation = effective_template(MessageKind.INVITATION, "nl", meeting)
    assert "cocreatiemoment" in invitation.subject
    assert "ontmoetingsdag" in effective_template(MessageKind.INVITATION, "nl", day).subject


def test_the_editions_own_text_still_wins_in_a_co_creation_meeting():
    meeting = EditionFactory(year=2026, format=Format.CO_CREATION)
    save_template(
        kind=MessageKind.INVITATION,
        language="nl",
        subject="Onze tafelgesprekken",
        body="Beste {{ first_name }}, kom je?",
        edition=meeting,
        actor="test",
    )
    text = effective_template(MessageKind.INVITATION, "nl", meeting)
    assert (text.subject, text.source) == ("Onze tafelgesprekken", "edition")
