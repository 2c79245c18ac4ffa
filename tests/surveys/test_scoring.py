"""Scale scores: reverse keying and the k rule; the default instruments."""

from __future__ import annotations

import math

import pytest
from django.utils import translation

from ontmoeting.surveys.defaults import EXPERT_SLUG, STUDENT_SLUG, ensure_default_instruments
from ontmoeting.surveys.enums import InstrumentSource, ResponseSource
from ontmoeting.surveys.models import Answer, Instrument, Item, Response, StudyCode, Subscale
from ontmoeting.surveys.scoring import scale_scores
from tests.factories import EditionFactory
from tests.surveys.helpers import edition_with_debriefing, open_wave


def _instrument():
    instrument = Instrument.objects.create(name="T", slug="t", version=1)
    scale = Subscale.objects.create(
        instrument=instrument, code="s", label="S", min_items_answered=2
    )
    for order, (code, reverse) in enumerate([("a", False), ("b", True), ("c", False)]):
        Item.objects.create(
            instrument=instrument,
            code=code,
            texts={"en": code},
            kind="likert",
            scale_min=1,
            scale_max=5,
            reverse_keyed=reverse,
            subscale=scale,
            order=order,
        )
    return instrument


@pytest.mark.django_db
def test_scale_scores_reverse_key_and_need_k_items():
    instrument = _instrument()
    edition = edition_with_debriefing()
    wave = open_wave(edition, "pre")
    wave.instrument = instrument
    wave.save()
    items = {i.code: i for i in instrument.items.all()}
    rows = {
        "AAAA-1111": {"a": 5, "b": 1, "c": 2},
        "BBBB-2222": {"a": 4},
        "CCCC-3333": {"b": 2, "c": 3},
    }
    for code, values in rows.items():
        study_code = StudyCode.objects.create(code=code, edition=edition, audience="students")
        response = Response.objects.create(wave=wave, study_code=study_code)
        for item_code, value in values.items():
            Answer.objects.create(response=response, item=items[item_code], value_number=value)
    scores = scale_scores(Response.objects.filter(wave=wave).order_by("pk"), instrument)
    assert list(scores.index) == ["AAAA-1111", "BBBB-2222", "CCCC-3333"]
    assert list(scores.columns) == ["s"]
    # (5 + (6-1) + 2) / 3 = 4; only one item answered -> missing (k = 2); (6-2 + 3) / 2 = 3.5
    assert scores.loc["AAAA-1111", "s"] == pytest.approx(4.0)
    assert math.isnan(scores.loc["BBBB-2222", "s"])
    assert scores.loc["CCCC-3333", "s"] == pytest.approx(3.5)


@pytest.mark.django_db
def test_scale_scores_index_paper_responses_by_self_code():
    instrument = _instrument()
    edition = edition_with_debriefing()
    wave = open_wave(edition, "post")
    wave.instrument = instrument
    wave.save()
    response = Response.objects.create(wave=wave, self_code="MA07GE", source=ResponseSource.PAPER)
    for item in instrument.items.all():
        Answer.objects.create(response=response, item=item, value_number=3)
    scores = scale_scores([response], instrument)
    assert list(scores.index) == ["self:MA07GE"]
    assert scores.loc["self:MA07GE", "s"] == 3.0


@pytest.mark.django_db
def test_default_instruments_have_three_subscales_with_reverse_keyed_items():
    EditionFactory()
    instruments = ensure_default_instruments()
    again = ensure_default_instruments()
    assert again[STUDENT_SLUG].pk == instruments[STUDENT_SLUG].pk
    student = instruments[STUDENT_SLUG]
    assert not student.validated
    assert "not validated" in student.licence_note
    codes = [s.code for s in student.subscales.all()]
    assert codes == ["attitudes", "critical", "positioning"]
    for subscale in student.subscales.all():
        items = list(subscale.items.all())
        assert 4 <= len(items) <= 6
        assert any(i.reverse_keyed for i in items)
        assert all(set(i.texts) == {"nl", "en", "it"} for i in items)
        assert all(set(i.scale_labels["1"]) == {"nl", "en", "it"} for i in items)
    expert = instruments[EXPERT_SLUG]
    assert {i.code for i in expert.items.exclude(flag_when={})} == {"energy", "come_back"}
    assert Instrument.objects.filter(slug__in=[STUDENT_SLUG, EXPERT_SLUG]).count() == 2


@pytest.mark.django_db
def test_default_instruments_are_named_in_the_readers_language():
    instruments = ensure_default_instruments()
    student, expert = instruments[STUDENT_SLUG], instruments[EXPERT_SLUG]
    assert str(student) == "Ontmoetingsdag: studenten (ontmoeting) v1"
    assert expert.display_name == "Ontmoetingsdag: feedback van ervaringsdeskundigen"
    assert student.display_licence_note.startswith("Geschreven voor het project ontmoeting;")
    with translation.override("it"):
        assert student.display_name == "Giornata dell'incontro: studenti (ontmoeting)"
    own = Instrument.objects.create(
        name=student.name, slug="own", version=1, source=InstrumentSource.IMPORTED
    )
    assert own.display_name == "Encounter day: students (ontmoeting)"  # shown as it was written
