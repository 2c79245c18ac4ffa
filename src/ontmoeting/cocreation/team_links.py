"""The personal link of a team's contact: with it they see and update their team's actions.

The link is a ``privacy.tokens`` token of purpose ``team_actions`` for the contact person. It
works for a while (``DEFAULT_LINK_HOURS``) and for several visits; a new link replaces the older
ones (they stop working), and ``stop_team_links`` ends them all. What the link opens is scoped by
``Team.contact``: the person's own teams, never another's.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ontmoeting.cocreation.models import Team
from ontmoeting.people.models import Person
from ontmoeting.privacy.audit import Actor, record
from ontmoeting.privacy.models import TokenPurpose
from ontmoeting.privacy.tokens import TokenCheck, check_token, issue_link, revoke_tokens

PURPOSE = TokenPurpose.TEAM_ACTIONS


@transaction.atomic
def issue_team_link(*, team: Team, actor: Actor) -> str:
    """A new personal link for ``team``'s contact (their older team links stop working)."""
    if team.contact is None:
        raise ValidationError(_("The team has no contact person yet."))
    revoke_tokens(team.contact, purpose=PURPOSE)
    url = issue_link(team.contact, purpose=PURPOSE)
    record("team.link.issue", actor=actor, obj=team, person=team.contact.pk)
    return url


@transaction.atomic
def stop_team_links(*, person: Person, actor: Actor) -> int:
    """Every team link of ``person`` stops working; returns how many."""
    count = revoke_tokens(person, purpose=PURPOSE)
    record("team.link.stop", actor=actor, obj=person, revoked=count)
    return count


def check_team_link(raw: str) -> TokenCheck:
    """Whether ``raw`` is a working team link (ok, malformed, unknown or expired)."""
    return check_token(raw, purpose=PURPOSE)
