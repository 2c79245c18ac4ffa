"""Choices of the messaging app: kinds of message and the states of an outbox row."""

from collections.abc import Iterable

from django.db import models
from django.utils.translation import gettext_lazy as _

from ontmoeting.editions.enums import Format


class MessageKind(models.TextChoices):
    """One kind per purpose and audience: experts (and professionals) are addressed with "u",
    students with "je". Senders name the purpose; ``kind_for`` picks the audience's kind."""

    INVITATION = "invitation", _("invitation (experts by experience)")
    INVITATION_STUDENT = "invitation_student", _("invitation (students)")
    INVITATION_PROFESSIONAL = "invitation_professional", _("invitation (professionals)")
    CONFIRMATION = "confirmation", _("confirmation")
    CONFIRMATION_STUDENT = "confirmation_student", _("confirmation (students)")
    REMINDER = "reminder", _("reminder before the day")
    REMINDER_STUDENT = "reminder_student", _("reminder before the day (students)")
    PLAN_PUBLISHED = "plan_published", _("schedule published")
    PLAN_PUBLISHED_STUDENT = "plan_published_student", _("schedule published (students)")
    PLAN_CHANGED = "plan_changed", _("change of schedule")
    PLAN_CHANGED_STUDENT = "plan_changed_student", _("change of schedule (students)")
    THANK_YOU = "thank_you", _("thank-you with survey")
    THANK_YOU_STUDENT = "thank_you_student", _("thank-you (students)")
    THANK_YOU_PROFESSIONAL = "thank_you_professional", _("thank-you (professionals)")
    SURVEY_PRE = "survey_pre", _("survey before the day (students)")
    SURVEY_POST = "survey_post", _("survey after the day (students)")
    SURVEY_EXPERT = "survey_expert", _("survey after the day (experts by experience)")
    SURVEY_REMINDER = "survey_reminder", _("survey reminder (students)")
    SURVEY_REMINDER_EXPERT = "survey_reminder_expert", _("survey reminder (experts by experience)")
    MAGIC_LINK = "magic_link", _("link to the personal page")
    MAGIC_LINK_STUDENT = "magic_link_student", _("link to the personal page (students)")
    REGISTRATION_CHECK = "registration_check", _("check of a registration for someone known")
    CANCELLATION_ALERT = "cancellation_alert", _("cancellation alert (to coordinators)")
    ACTION_REMINDER = "action_reminder", _("reminder of a team's actions (team contacts)")


#: (purpose, participant role) -> the kind that audience reads. A purpose is a kind a sender
#: names; a role not listed reads the purpose's own kind (experts and professionals: "u").
AUDIENCE_KINDS: dict[tuple[str, str], str] = {
    (MessageKind.INVITATION, "student"): MessageKind.INVITATION_STUDENT,
    (MessageKind.INVITATION, "professional"): MessageKind.INVITATION_PROFESSIONAL,
    (MessageKind.CONFIRMATION, "student"): MessageKind.CONFIRMATION_STUDENT,
    (MessageKind.REMINDER, "student"): MessageKind.REMINDER_STUDENT,
    (MessageKind.PLAN_PUBLISHED, "student"): MessageKind.PLAN_PUBLISHED_STUDENT,
    (MessageKind.PLAN_CHANGED, "student"): MessageKind.PLAN_CHANGED_STUDENT,
    (MessageKind.THANK_YOU, "student"): MessageKind.THANK_YOU_STUDENT,
    (MessageKind.THANK_YOU, "professional"): MessageKind.THANK_YOU_PROFESSIONAL,
    (MessageKind.MAGIC_LINK, "student"): MessageKind.MAGIC_LINK_STUDENT,
    (MessageKind.SURVEY_POST, "expert"): MessageKind.SURVEY_EXPERT,
    (MessageKind.SURVEY_REMINDER, "expert"): MessageKind.SURVEY_REMINDER_EXPERT,
}

#: The kinds a sender names (every kind that is not another's audience variant).
PURPOSE_KINDS: tuple[str, ...] = tuple(
    k for k in MessageKind.values if k not in set(AUDIENCE_KINDS.values())
)

#: Kinds that carry a personal survey link (only the surveys app sends them, per wave).
SURVEY_KINDS = frozenset(
    {
        MessageKind.SURVEY_PRE,
        MessageKind.SURVEY_POST,
        MessageKind.SURVEY_EXPERT,
        MessageKind.SURVEY_REMINDER,
        MessageKind.SURVEY_REMINDER_EXPERT,
    }
)


def kind_for(kind: str, role: str | None) -> str:
    """The kind a participant of ``role`` reads for the purpose ``kind`` (itself when the
    audience has no text of its own, or ``kind`` already is an audience's kind)."""
    return AUDIENCE_KINDS.get((kind, role or ""), kind)


class MessageStatus(models.TextChoices):
    QUEUED = "queued", _("waiting to be sent")
    SENDING = "sending", _("being sent")
    SENT = "sent", _("sent")
    FAILED = "failed", _("failed")
    LETTER = "letter", _("printed letter")
    CANCELLED = "cancelled", _("cancelled")


class AttemptResult(models.TextChoices):
    STARTED = "started", _("handing over to the mail server")
    SENT = "sent", _("accepted by the mail server")
    DEFERRED = "deferred", _("refused for now; will retry")
    FAILED = "failed", _("failed for good")
    UNCERTAIN = "uncertain", _("interrupted; delivery unknown")


#: The languages messages are written in (templates exist for each).
MESSAGE_LANGUAGES: tuple[str, ...] = ("nl", "en", "it")

#: The kinds only students read, and the students' surveys: a co-creation meeting has no students.
STUDENT_KINDS = frozenset(
    {kind for (_purpose, role), kind in AUDIENCE_KINDS.items() if role == "student"}
    | {MessageKind.SURVEY_PRE, MessageKind.SURVEY_POST, MessageKind.SURVEY_REMINDER}
)


def kinds_of_format(edition_format: str, kinds: Iterable[str] = MessageKind.values) -> list[str]:
    """``kinds`` an edition of ``edition_format`` uses: no students' kinds for a co-creation
    meeting."""
    if edition_format == Format.CO_CREATION:
        return [k for k in kinds if k not in STUDENT_KINDS]
    return list(kinds)
