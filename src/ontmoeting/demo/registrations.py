"""A self-help group's registration link in the current edition, as a coordinator meets it.

Through the link of one group (at most 25 registrations) a newcomer registered, whose
membership is too recent for this year: her registration waits for the coordinator's check.
A second form was sent with the address of an expert we already know and a changed name and
phone number: nothing about them changed; the registration is held and they were asked, at
their own address, whether it is theirs. Both show on the edition's invitations page.
"""

from __future__ import annotations

import datetime as dt

from ontmoeting.editions.enums import ParticipantRole, TravelMode
from ontmoeting.editions.held import register_from_link
from ontmoeting.editions.invitations import create_invitation
from ontmoeting.editions.models import Edition
from ontmoeting.editions.registration import ExpertRegistration
from ontmoeting.people.models import SelfHelpGroup

ACTOR = "demo"


def add_link_registrations(edition: Edition, *, today: dt.date) -> None:
    """One newcomer to check and one registration held for a known expert, in ``edition``."""
    group = SelfHelpGroup.objects.order_by("name").first()
    if group is None:
        return
    known = (
        edition.participants.filter(role=ParticipantRole.EXPERT)
        .exclude(person__email="")
        .select_related("person")
        .order_by("ref")
        .first()
    )
    invitation, _link = create_invitation(
        edition=edition, self_help_group=group, actor=ACTOR, max_uses=25
    )
    newcomer = ExpertRegistration(
        first_name="Hilde",
        last_name="Wouters",
        email="hilde.wouters@example.org",
        self_help_group=group,
        member_since=dt.date(today.year, 5, 1),
        general_consent=True,
        travel=TravelMode.PUBLIC_TRANSPORT,
        diet="vegetarisch",
    )
    register_from_link(
        edition=edition,
        data=newcomer,
        invitation=invitation,
        person=None,
        actor=ACTOR,
        today=today,
    )
    if known is None:
        return
    person = known.person
    register_from_link(
        edition=edition,
        data=ExpertRegistration(
            first_name=person.first_name,
            last_name=f"{person.last_name}-Maes",
            email=person.email,
            phone="0499 12 34 56",
            self_help_group=group,
            member_since=dt.date(today.year - 3, 1, 1),
            general_consent=True,
            travel=TravelMode.CAR,
        ),
        invitation=invitation,
        person=None,
        actor=ACTOR,
        today=today,
    )
