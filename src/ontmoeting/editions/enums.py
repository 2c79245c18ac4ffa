"""Choices of the editions app: formats, lifecycle, roles and statuses."""

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class Format(models.TextChoices):
    ENCOUNTER_DAY = "encounter_day", _("student encounter day")
    CO_CREATION = "co_creation", _("co-creation meeting")


class EditionStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    RECRUITING = "recruiting", _("recruiting")
    PLANNED = "planned", _("planned")
    PUBLISHED = "published", _("published")
    HELD = "held", _("held")
    EVALUATED = "evaluated", _("evaluated")
    ARCHIVED = "archived", _("archived")


#: The lifecycle: each status and the statuses it may move to. Going back one step is allowed
#: while nothing irreversible has happened (a plan may be re-made, a publication withdrawn, a
#: day marked held too soon reopened); archiving is the one step that cannot be taken back.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    EditionStatus.DRAFT: (EditionStatus.RECRUITING,),
    EditionStatus.RECRUITING: (EditionStatus.PLANNED, EditionStatus.DRAFT),
    EditionStatus.PLANNED: (EditionStatus.PUBLISHED, EditionStatus.RECRUITING),
    EditionStatus.PUBLISHED: (EditionStatus.HELD, EditionStatus.PLANNED),
    EditionStatus.HELD: (EditionStatus.EVALUATED, EditionStatus.PUBLISHED),
    EditionStatus.EVALUATED: (EditionStatus.ARCHIVED, EditionStatus.HELD),
    EditionStatus.ARCHIVED: (),
}


class ParticipantRole(models.TextChoices):
    STUDENT = "student", _("student")
    PROFESSIONAL = "professional", _("professional")
    EXPERT = "expert", _("expert by experience")


def role_choices(edition_format: str) -> list[tuple[str, str | Promise]]:
    """The roles people take in an edition of ``edition_format``: a co-creation meeting has
    experts by experience and professionals, never students."""
    if edition_format == Format.CO_CREATION:
        return [
            (ParticipantRole.EXPERT.value, ParticipantRole.EXPERT.label),
            (ParticipantRole.PROFESSIONAL.value, ParticipantRole.PROFESSIONAL.label),
        ]
    return list(ParticipantRole.choices)


class ParticipantStatus(models.TextChoices):
    INVITED = "invited", _("invited")
    REGISTERED = "registered", _("registered")
    CONFIRMED = "confirmed", _("confirmed")
    DECLINED = "declined", _("declined")
    CANCELLED = "cancelled", _("cancelled")
    PRESENT = "present", _("present")
    ABSENT = "absent", _("absent")


#: Statuses of someone who takes part (or took part) in an edition.
TAKING_PART = (
    ParticipantStatus.INVITED,
    ParticipantStatus.REGISTERED,
    ParticipantStatus.CONFIRMED,
    ParticipantStatus.PRESENT,
)
#: Statuses that count as having taken part in an edition that was held.
TOOK_PART = (ParticipantStatus.PRESENT,)


class BlockKind(models.TextChoices):
    WELCOME = "welcome", _("welcome")
    ONE_TO_ONE = "one_to_one", _("one-to-one conversations")
    LUNCH = "lunch", _("lunch")
    GROUPS = "groups", _("group discussion")
    CLOSING = "closing", _("closing")
    DEBRIEFING = "debriefing", _("debriefing workshop")
    TABLES = "tables", _("mixed table conversations in rounds")
    HARVEST = "harvest", _("plenary harvest")
    OTHER = "other", _("other")


#: The parts of the day a room can be kept out of (the blocks the planning gives rooms to).
ROOM_USES = [
    (BlockKind.WELCOME.value, _("the welcome")),
    (BlockKind.ONE_TO_ONE.value, _("the morning conversations")),
    (BlockKind.LUNCH.value, _("the lunch")),
    (BlockKind.GROUPS.value, _("the afternoon groups")),
    (BlockKind.CLOSING.value, _("the closing")),
]


class RoomKind(models.TextChoices):
    CONVERSATION = "conversation", _("conversation room")
    GROUP = "group", _("group room")
    PLENARY = "plenary", _("plenary hall")
    LUNCH = "lunch", _("lunch room")
    ANY = "any", _("any use")


class TravelMode(models.TextChoices):
    """How an expert means to come, asked when registering (the claim asks again, in its own
    terms: ``expenses.enums.TravelMode``)."""

    PUBLIC_TRANSPORT = "public_transport", _("by bus or train")
    CAR = "car", _("by car")
    BIKE = "bike", _("by bike")
    ON_FOOT = "on_foot", _("on foot")
    BROUGHT = "brought", _("someone brings me")


#: The enumerated roster fields a department may add its own words for, with their names.
SYNONYM_FIELDS = [
    ("domains", _("domain of experience")),
    ("languages", _("language")),
    ("status", _("status")),
    ("training", _("training")),
    ("roles", _("role")),
    ("gender", _("gender")),
    ("can_chair", _("willing to chair")),
    ("sector", _("sector")),
    ("function", _("function")),
    ("co_facilitate", _("willing to co-facilitate")),
]
