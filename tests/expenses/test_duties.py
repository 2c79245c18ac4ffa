"""Four eyes and separation of duties: every way around them is tried and refused.

Who entered a claim is recorded once; whoever entered it, changed it on the expert's behalf or
sent it does not approve or reject it; a payment file is made and marked paid by a finance user
who had no hand in its claims; and each step is in the claim's history with who did it.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from ontmoeting.expenses.duties import hands_on_claims, may_pay
from ontmoeting.expenses.enums import ClaimStatus
from ontmoeting.expenses.models import Claim, ClaimEvent
from ontmoeting.expenses.payments import create_batch, mark_batch_paid
from ontmoeting.expenses.services import approve_claim, reject_claim, save_claim
from tests.factories import EditionFactory, PersonFactory
from tests.web.expenses_factories import claim_input, expert, held, private_receipts, submitted

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("private_receipts")]
__all__ = ["private_receipts"]


@pytest.fixture
def staff(make_staff):
    return {
        "first": make_staff("coordinator", "first"),
        "second": make_staff("coordinator", "second"),
        "third": make_staff("coordinator", "third"),
        "finance": make_staff("finance", "finance"),
        "finance2": make_staff("finance", "finance2"),
    }


def _draft_on_behalf(participant, actor):
    claim, _check = save_claim(
        participant=participant, data=claim_input(), actor=actor, on_behalf=True
    )
    return claim


def _send_on_behalf(participant, actor):
    held(participant.edition)
    claim, _check = save_claim(
        participant=participant, data=claim_input(), actor=actor, on_behalf=True, submit=True
    )
    return claim


def _refused(call, code):
    with pytest.raises(Exception) as error:  # noqa: PT011 (the code is checked below)
        call()
    assert getattr(error.value, "code", None) == code, error.value
    return error.value


# --- Four eyes: entering, changing on behalf and sending -------------------------------------


def test_enterer_stays_recorded_and_cannot_approve_after_another_sends(staff):
    participant = expert()
    _draft_on_behalf(participant, staff["first"])
    claim = _send_on_behalf(participant, staff["second"])
    assert (claim.on_behalf, claim.entered_by, claim.submitted_by) == (
        True,
        staff["first"],
        staff["second"],
    )
    _refused(lambda: approve_claim(claim=claim, actor=staff["first"]), "four_eyes")
    _refused(lambda: reject_claim(claim=claim, actor=staff["first"], reason="x"), "four_eyes")
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.SUBMITTED
    approve_claim(claim=claim, actor=staff["third"])


def test_an_on_behalf_editor_cannot_approve(staff):
    participant = expert()
    _draft_on_behalf(participant, staff["first"])
    _draft_on_behalf(participant, staff["second"])  # changes the draft, does not send it
    claim = _send_on_behalf(participant, staff["first"])
    assert (claim.entered_by, claim.submitted_by) == (staff["first"], staff["first"])
    saves = claim.events.filter(from_status=ClaimStatus.DRAFT, to_status=ClaimStatus.DRAFT)
    assert [event.actor for event in saves] == [staff["second"]]
    _refused(lambda: approve_claim(claim=claim, actor=staff["second"]), "four_eyes")
    _refused(lambda: reject_claim(claim=claim, actor=staff["second"], reason="x"), "four_eyes")
    approve_claim(claim=claim, actor=staff["third"])


def test_a_coordinator_completing_an_experts_draft_cannot_approve(staff):
    participant = expert()
    save_claim(participant=participant, data=claim_input(), actor="portal")
    claim = _send_on_behalf(participant, staff["first"])
    assert (claim.entered_by, claim.submitted_by) == (None, staff["first"])
    _refused(lambda: approve_claim(claim=claim, actor=staff["first"]), "four_eyes")
    approve_claim(claim=claim, actor=staff["second"])


def test_the_submitter_cannot_approve_even_with_the_field_cleared(staff):
    """The events are the record: clearing the fields does not open the way."""
    claim = _send_on_behalf(expert(), staff["first"])
    Claim.objects.filter(pk=claim.pk).update(entered_by=None, submitted_by=None)
    claim.refresh_from_db()
    _refused(lambda: approve_claim(claim=claim, actor=staff["first"]), "four_eyes")


def test_entered_by_is_never_overwritten(staff):
    participant = expert()
    _draft_on_behalf(participant, staff["first"])
    _draft_on_behalf(participant, staff["second"])
    claim = _send_on_behalf(participant, staff["third"])
    assert claim.entered_by == staff["first"]


def test_the_self_claim_rule_still_holds(staff):
    coordinator = staff["first"]
    coordinator.email = "first@example.org"
    coordinator.save()
    claim = submitted(expert(person=PersonFactory(email="first@example.org")))
    _refused(lambda: approve_claim(claim=claim, actor=coordinator), "four_eyes")


# --- Separation of payment duties ------------------------------------------------------------


def _approved(edition, approver, amount="12.40"):
    claim = submitted(expert(edition), ticket_amount=Decimal(amount))
    return approve_claim(claim=claim, actor=approver)


def test_a_coordinator_without_the_finance_role_cannot_make_a_batch(staff):
    edition = EditionFactory()
    _approved(edition, staff["first"])
    _refused(lambda: create_batch(edition=edition, actor=staff["second"]), "separation_of_duties")
    assert Claim.objects.filter(batch__isnull=False).count() == 0


def test_the_approver_cannot_make_the_batch_even_holding_the_finance_role(staff, roles):
    from django.contrib.auth.models import Group

    edition = EditionFactory()
    both = staff["first"]
    both.groups.add(Group.objects.get(name="finance"))
    mine = _approved(edition, both)
    _approved(edition, staff["second"])
    error = _refused(lambda: create_batch(edition=edition, actor=both), "separation_of_duties")
    assert str(mine.pk) in " ".join(error.messages)  # names the claim
    assert Claim.objects.filter(batch__isnull=False).count() == 0
    create_batch(edition=edition, actor=staff["finance"])


def test_a_finance_user_who_entered_a_claim_cannot_make_the_batch(staff, roles):
    from django.contrib.auth.models import Group

    edition = EditionFactory()
    enterer = staff["third"]
    enterer.groups.add(Group.objects.get(name="finance"))
    claim = _send_on_behalf(expert(edition), enterer)
    approve_claim(claim=claim, actor=staff["second"])
    _refused(lambda: create_batch(edition=edition, actor=enterer), "separation_of_duties")
    assert hands_on_claims(enterer, [claim.pk]) == [claim.pk]
    assert hands_on_claims(staff["finance"], [claim.pk]) == []


def test_the_approver_cannot_mark_the_batch_paid(staff, roles):
    from django.contrib.auth.models import Group

    edition = EditionFactory()
    approver = staff["first"]
    claim = _approved(edition, approver)
    batch = create_batch(edition=edition, actor=staff["finance"])
    approver.groups.add(Group.objects.get(name="finance"))  # finance role added later
    _refused(lambda: mark_batch_paid(batch=batch, actor=approver), "separation_of_duties")
    _refused(lambda: mark_batch_paid(batch=batch, actor=staff["second"]), "separation_of_duties")
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.APPROVED
    batch.refresh_from_db()
    assert batch.paid_at is None


def test_the_batch_maker_may_mark_it_paid_and_so_may_another_finance_user(staff):
    edition = EditionFactory()
    _approved(edition, staff["first"])
    batch = create_batch(edition=edition, actor=staff["finance"])
    mark_batch_paid(batch=batch, actor=staff["finance"])
    assert Claim.objects.get().status == ClaimStatus.PAID
    _approved(edition, staff["first"], "5.00")
    other = create_batch(edition=edition, actor=staff["finance"])
    mark_batch_paid(batch=other, actor=staff["finance2"])
    assert set(Claim.objects.values_list("status", flat=True)) == {ClaimStatus.PAID}


def test_with_the_setting_off_the_coordinator_pays_as_before(staff, settings):
    settings.ONTMOETING_SEPARATE_PAYMENT_DUTIES = False
    edition = EditionFactory()
    coordinator = staff["first"]
    _approved(edition, coordinator)
    assert may_pay(coordinator)
    batch = create_batch(edition=edition, actor=coordinator)
    mark_batch_paid(batch=batch, actor=coordinator)
    assert Claim.objects.get().status == ClaimStatus.PAID


def test_who_may_pay(staff, make_staff):
    assert may_pay(staff["finance"])
    assert not may_pay(staff["first"])
    assert not may_pay(make_staff("researcher"))
    assert not may_pay(make_staff("helper"))


# --- The history ------------------------------------------------------------------------------


def test_every_step_is_in_the_history_with_who(staff):
    edition = EditionFactory()
    participant = expert(edition)
    _draft_on_behalf(participant, staff["first"])
    _draft_on_behalf(participant, staff["second"])
    claim = _send_on_behalf(participant, staff["first"])
    approve_claim(claim=claim, actor=staff["third"])
    batch = create_batch(edition=edition, actor=staff["finance"])
    mark_batch_paid(batch=batch, actor=staff["finance2"])
    steps = [
        (e.from_status, e.to_status, e.actor.username, e.note)
        for e in ClaimEvent.objects.filter(claim=claim)
    ]
    assert [step[:3] for step in steps] == [
        ("", "draft", "first"),
        ("draft", "draft", "second"),
        ("draft", "submitted", "first"),
        ("submitted", "approved", "third"),
        ("approved", "approved", "finance"),
        ("approved", "paid", "finance2"),
    ]
    assert steps[4][3] == steps[5][3] == batch.message_id
    assert all(e.at is not None for e in ClaimEvent.objects.filter(claim=claim))


def test_an_experts_own_saves_are_not_staff_events():
    participant = expert()
    save_claim(participant=participant, data=claim_input(), actor="portal")
    claim, _check = save_claim(participant=participant, data=claim_input(), actor="portal")
    assert list(claim.events.values_list("from_status", "to_status")) == [("", "draft")]
