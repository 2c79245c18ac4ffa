"""factory_boy factories for every model."""

from __future__ import annotations

import datetime as dt

import factory

from ontmoeting.editions.enums import EditionStatus, Format, ParticipantRole, ParticipantStatus
from ontmoeting.editions.models import (
    Edition,
    KnowsLink,
    Participant,
    ProgrammeBlock,
    Room,
    Venue,
)
from ontmoeting.people.models import (
    ExperienceDomain,
    ExpertProfile,
    Membership,
    Person,
    SelfHelpGroup,
)


class ExperienceDomainFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExperienceDomain
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"domain_{n}")
    name_nl = factory.LazyAttribute(lambda o: o.code)
    name_en = factory.LazyAttribute(lambda o: o.code)
    name_it = factory.LazyAttribute(lambda o: o.code)


class SelfHelpGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SelfHelpGroup

    name = factory.Sequence(lambda n: f"Zelfhulpgroep {n}")
    town = "Gent"


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    first_name = factory.Sequence(lambda n: f"Firstname{n}")
    last_name = factory.Sequence(lambda n: f"Lastname{n}")
    email = factory.LazyAttribute(lambda o: f"{o.first_name.lower()}@example.org")


class ExpertProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExpertProfile

    person = factory.SubFactory(PersonFactory)
    languages = factory.LazyFunction(lambda: ["nl"])


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    expert = factory.SubFactory(ExpertProfileFactory)
    group = factory.SubFactory(SelfHelpGroupFactory)
    since = dt.date(2015, 1, 1)


class VenueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Venue

    name = factory.Sequence(lambda n: f"Campus {n}")


class RoomFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Room

    venue = factory.SubFactory(VenueFactory)
    name = factory.Sequence(lambda n: f"Lokaal {n}")
    capacity = 12


class EditionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Edition
        django_get_or_create = ("year", "format")

    year = 2026
    format = Format.ENCOUNTER_DAY
    date = factory.LazyAttribute(lambda o: dt.date(o.year, 12, 10))
    window_start = factory.LazyAttribute(lambda o: dt.date(o.year, 11, 30))
    window_end = factory.LazyAttribute(lambda o: dt.date(o.year, 12, 18))
    status = EditionStatus.RECRUITING


class ProgrammeBlockFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgrammeBlock

    edition = factory.SubFactory(EditionFactory)
    kind = "welcome"
    starts = dt.time(9)
    ends = dt.time(10)


class ParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participant

    edition = factory.SubFactory(EditionFactory)
    person = factory.SubFactory(PersonFactory)
    role = ParticipantRole.STUDENT
    status = ParticipantStatus.CONFIRMED
    ref = factory.Sequence(lambda n: f"R{n:04d}")


class KnowsLinkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = KnowsLink

    edition = factory.SelfAttribute("a.edition")
    a = factory.SubFactory(ParticipantFactory)
    b = factory.SubFactory(ParticipantFactory, edition=factory.SelfAttribute("..a.edition"))


def consent_special(person, *, how="online"):
    """Record ``person``'s special-category consent (the current text), as the portal does."""
    from ontmoeting.privacy.consent import current_text, give_consent

    return give_consent(person, text=current_text("special_category"), actor="test", how=how)
