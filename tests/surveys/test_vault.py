"""Study codes in bulk: the same codes ``study_code_for`` gives one by one, random and unique."""

from __future__ import annotations

import pytest

from ontmoeting.surveys.codes import ALPHABET
from ontmoeting.surveys.models import StudyCode, StudyCodeVault
from ontmoeting.surveys.vault import study_code_for, study_codes_for
from tests.factories import EditionFactory, ParticipantFactory

pytestmark = pytest.mark.django_db


def test_study_codes_in_bulk_keep_existing_codes_and_draw_unique_new_ones():
    edition = EditionFactory(year=2026)
    known, *new = ParticipantFactory.create_batch(4, edition=edition)
    existing = study_code_for(known, audience="students")

    codes = study_codes_for([known, *new], audience="students")

    assert codes[known.pk] == existing
    assert sorted(codes) == sorted(p.pk for p in [known, *new])
    assert len({c.code for c in codes.values()}) == 4
    for participant in new:
        code = codes[participant.pk]
        assert (code.edition_id, code.audience) == (edition.pk, "students")
        assert set(code.code.replace("-", "")) <= set(ALPHABET)
        assert StudyCodeVault.objects.get(participant=participant).study_code == code
        assert study_code_for(participant, audience="students") == code


def test_study_codes_in_bulk_twice_make_nothing_new():
    participants = ParticipantFactory.create_batch(3, edition=EditionFactory(year=2026))
    first = study_codes_for(participants, audience="experts")

    again = study_codes_for(participants, audience="experts")

    assert again == first
    assert StudyCode.objects.count() == StudyCodeVault.objects.count() == 3


def test_study_codes_in_bulk_of_nobody_is_empty():
    assert study_codes_for([], audience="students") == {}
