"""Every message kind, for every audience, reads as written for that audience.

The checks are word lists a reader would notice, independent of how the kinds are chosen:
students are addressed with "je" ("tu" in Italian) and read nothing about travel costs (only
experts claim them); nobody is thanked for having been there before the day; a survey link only
in the messages that invite to a survey; the invitations say what the day is for each side.
"""

from __future__ import annotations

import re

import pytest

from ontmoeting.messaging.enums import PURPOSE_KINDS, SURVEY_KINDS, MessageKind, kind_for
from ontmoeting.messaging.services import queue_message
from ontmoeting.surveys import services as surveys
from tests.factories import EditionFactory, ParticipantFactory, PersonFactory
from tests.messaging.outbox_mail import mail_body
from tests.surveys.helpers import edition_with_debriefing, experts, open_wave, students

pytestmark = pytest.mark.django_db

ROLES = ("student", "expert", "professional")
LANGUAGES = ("nl", "it", "en")
SURVEY_URL = "https://survey.example.org/s/token"
LINK = "https://example.org/p/link"

#: Purposes sent before (or regardless of) the day: no thanks for having been there.
BEFORE_THE_DAY = {
    MessageKind.INVITATION,
    MessageKind.CONFIRMATION,
    MessageKind.REMINDER,
    MessageKind.PLAN_PUBLISHED,
    MessageKind.PLAN_CHANGED,
    MessageKind.MAGIC_LINK,
    MessageKind.REGISTRATION_CHECK,
    MessageKind.SURVEY_PRE,
    MessageKind.SURVEY_REMINDER,  # a pre wave's reminder comes before the day
}

TRAVEL_COSTS = {
    "nl": r"reiskost|terugbeta|onkost|vergoed",
    "it": r"spese di viaggio|rimbors",
    "en": r"travel cost|pay back|reimburs",
}
THANKS_FOR_BEING_THERE = {
    "nl": r"dat u er was|dat je er was|meedeed|bedankt voor de ontmoetingsdag|"
    r"dank u wel voor de ontmoetingsdag",
    "it": r"essere stat|aver partecipato|grazie per la giornata",
    "en": r"for being with us|for taking part|thank you for the encounter day",
}
#: Words that address someone formally / informally.
FORMAL = {"nl": r"\b(u|uw)\b", "it": r"\b(lei|la sua|le sue|gentile|il suo)\b"}
INFORMAL = {"nl": r"\b(je|jij|jou|jouw|jezelf)\b", "it": r"\b(tu|tuo|tua|ti|ciao)\b"}


def _render(kind: str, role: str, language: str):
    participant = ParticipantFactory(
        edition=EditionFactory(),
        person=PersonFactory(first_name="Ada", language=language),
        role=role,
    )
    context = {
        "link": LINK,
        "survey_link": SURVEY_URL,
        "partner_first_name": "Sara",
        "room": "A1",
        "group": "3",
        "chair_first_name": "Jan",
        "changes": "Lokaal B2",
    }
    message = queue_message(
        kind=kind,
        person=participant.person,
        participant=participant,
        context=context,
        actor="test",
    )
    return message, f"{message.subject}\n{mail_body(message)}".lower()


#: Who each purpose goes to. Survey waves go to students, or (the experts' feedback wave,
#: ``surveys.services.create_wave``) to experts; the pre wave is the students' own.
AUDIENCES = {
    **{k: ROLES for k in PURPOSE_KINDS if k != MessageKind.CANCELLATION_ALERT},
    MessageKind.SURVEY_PRE: ("student",),
    MessageKind.SURVEY_POST: ("student", "expert"),
    MessageKind.SURVEY_REMINDER: ("student", "expert"),
    # A team's contact (a professional or an experience worker), addressed with "u".
    MessageKind.ACTION_REMINDER: ("professional", "expert"),
}
CASES = [
    (kind, role, language)
    for kind, roles in AUDIENCES.items()
    for role in roles
    for language in LANGUAGES
]


@pytest.mark.parametrize(("kind", "role", "language"), CASES)
def test_every_kind_reads_as_written_for_its_audience(kind, role, language):
    message, text = _render(kind, role, language)
    assert message.kind == kind_for(kind, role)
    assert "ada" in text
    if role != "expert":
        assert not re.search(TRAVEL_COSTS[language], text), (message.kind, text)
    if kind in BEFORE_THE_DAY:
        assert not re.search(THANKS_FOR_BEING_THERE[language], text), (message.kind, text)
    invites_to_survey = message.kind in SURVEY_KINDS or message.kind == MessageKind.THANK_YOU
    assert (SURVEY_URL in text) == invites_to_survey, message.kind
    if language in FORMAL and message.kind != MessageKind.REGISTRATION_CHECK:
        formal, informal = FORMAL[language], INFORMAL[language]
        if role == "student":
            assert re.search(informal, text), (message.kind, text)
            assert not re.search(formal, text), (message.kind, re.search(formal, text))
        else:
            assert re.search(formal, text), (message.kind, text)
            assert not re.search(informal, text), (message.kind, re.search(informal, text))


@pytest.mark.parametrize(
    ("language", "expert_says", "student_says"),
    [
        ("nl", "praat u met een student", "één op één met een ervaringsdeskundige"),
        ("it", "parla con uno studente", "a tu per tu con un esperto"),
        ("en", "you talk with a social work student", "one to one with an expert by experience"),
    ],
)
def test_each_invitation_tells_its_reader_about_the_one_to_one_conversation(
    language, expert_says, student_says
):
    expert_message, expert_text = _render("invitation", "expert", language)
    student_message, student_text = _render("invitation", "student", language)
    assert (expert_message.kind, student_message.kind) == ("invitation", "invitation_student")
    assert expert_says in expert_text
    assert student_says in student_text
    assert student_says not in expert_text
    assert re.search(TRAVEL_COSTS[language], expert_text)  # experts are told they are paid back


def _wave_messages(wave):
    from ontmoeting.messaging.models import OutboxMessage

    return list(OutboxMessage.objects.filter(dedupe_key__startswith="survey-").order_by("pk"))


def test_the_students_pre_survey_speaks_of_the_coming_day_and_its_reminder_thanks_no_one():
    edition = edition_with_debriefing()
    students(edition, 1)
    experts(edition, 1)
    wave = open_wave(edition, "pre")
    assert surveys.invite_wave(wave=wave, actor="t") == 1
    [invitation] = _wave_messages(wave)
    text = " ".join(mail_body(invitation).split())
    assert invitation.kind == "survey_pre"
    assert "Voor die dag vragen we je om een korte vragenlijst in te vullen." in text
    assert "/s/" in text or "survey" in text
    assert not re.search(THANKS_FOR_BEING_THERE["nl"], text.lower())
    assert not re.search(TRAVEL_COSTS["nl"], text.lower())
    assert surveys.remind_wave(wave=wave, actor="t") == 1
    reminder = _wave_messages(wave)[-1]
    assert reminder.kind == "survey_reminder"
    assert not re.search(THANKS_FOR_BEING_THERE["nl"], mail_body(reminder).lower())


def test_the_experts_feedback_survey_is_written_to_them():
    edition = edition_with_debriefing()
    students(edition, 1, status="present")
    experts(edition, 1, status="present")
    wave = open_wave(edition, "expert_feedback")
    assert surveys.invite_wave(wave=wave, actor="t") == 1
    [invitation] = _wave_messages(wave)
    assert invitation.kind == "survey_expert"
    assert "Wilt u ons vertellen hoe u de dag vond?" in " ".join(mail_body(invitation).split())
    surveys.remind_wave(wave=wave, actor="t")
    assert _wave_messages(wave)[-1].kind == "survey_reminder_expert"


def test_a_reminder_to_everyone_gives_each_audience_its_own_text():
    from ontmoeting.messaging.bulk import queue_bulk
    from ontmoeting.messaging.models import OutboxMessage

    edition = EditionFactory()
    student = ParticipantFactory(edition=edition, role="student")
    expert = ParticipantFactory(edition=edition, role="expert")
    queued, _skipped = queue_bulk(
        edition=edition, kind="magic_link", selection="everyone", extra={}, actor="t"
    )
    assert queued == 2
    kinds = dict(OutboxMessage.objects.values_list("participant_id", "kind"))
    assert kinds == {student.pk: "magic_link_student", expert.pk: "magic_link"}
    texts = {m.participant_id: mail_body(m) for m in OutboxMessage.objects.all()}
    assert "Met deze link open je je persoonlijke pagina" in texts[student.pk]
    assert "Met deze link opent u uw persoonlijke pagina" in texts[expert.pk]
