"""The retention purges of the data editions can date: contact data and special-category data.

Registered with ``privacy.retention.register_purge`` in ``EditionsConfig.ready()``; the policy
is described in ``privacy/retention.py``. Each purge returns how many people it touches (a dry
run rolls the work back).
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from ontmoeting.editions.models import Participant
from ontmoeting.people.models import ExpertProfile, Membership, Person
from ontmoeting.privacy.models import AccessToken, Consent, ConsentKind
from ontmoeting.privacy.retention import retention, years_before


def people_past_contact_retention(today: dt.date) -> QuerySet[Person]:
    """People not yet anonymised whose last edition (or, never taking part, whose record) is
    older than the contact retention."""
    cutoff = years_before(today, retention("contact_years"))
    recent = Participant.objects.filter(person_id=OuterRef("pk"), edition__date__gt=cutoff)
    any_part = Participant.objects.filter(person_id=OuterRef("pk"))
    return (
        Person.objects.filter(anonymised__isnull=True)
        .exclude(Exists(recent))
        .filter(Exists(any_part) | Q(created__date__lt=cutoff))
    )


def anonymise_people(people: QuerySet[Person]) -> int:
    """Remove name, contact details, needs and links of ``people``; returns how many."""
    ids = list(people.values_list("pk", flat=True))
    Participant.objects.filter(person_id__in=ids).update(accessibility="", diet="")
    AccessToken.objects.filter(person_id__in=ids).delete()
    return Person.objects.filter(pk__in=ids).update(
        first_name="",
        last_name="",
        email="",
        phone="",
        postal_address="",
        anonymised=timezone.now(),
    )


def purge_contact(today: dt.date) -> int:
    """Contact data of people who did not return within the retention period."""
    return anonymise_people(people_past_contact_retention(today))


def profiles_past_special_retention(today: dt.date) -> QuerySet[ExpertProfile]:
    """Expert profiles holding special-category data (domains, pending domains, memberships)
    whose last edition is over, without a special-category consent that covers longer (an
    anonymised person's consent covers nothing any more)."""
    ongoing = Participant.objects.filter(person_id=OuterRef("person_id"), edition__date__gte=today)
    consented = Consent.objects.filter(
        person_id=OuterRef("person_id"),
        withdrawn_at__isnull=True,
        text__kind=ConsentKind.SPECIAL_CATEGORY,
    )
    holds = ExpertProfile.objects.filter(
        Exists(ExpertProfile.domains.through.objects.filter(expertprofile_id=OuterRef("pk")))
        | Exists(
            ExpertProfile.pending_domains.through.objects.filter(expertprofile_id=OuterRef("pk"))
        )
        | Exists(Membership.objects.filter(expert_id=OuterRef("pk")))
    )
    return holds.exclude(Exists(ongoing)).filter(
        ~Exists(consented) | Q(person__anonymised__isnull=False)
    )


def purge_special_category(today: dt.date) -> int:
    """Domains and memberships of experts whose edition is over and whose consent does not
    cover longer (run after the contact purge: an anonymised person's consent covers nothing)."""
    ids = list(profiles_past_special_retention(today).values_list("pk", flat=True))
    ExpertProfile.domains.through.objects.filter(expertprofile_id__in=ids).delete()
    ExpertProfile.pending_domains.through.objects.filter(expertprofile_id__in=ids).delete()
    Membership.objects.filter(expert_id__in=ids).delete()
    return len(ids)
