"""The payment pages with separated duties: finance users pay, coordinators approve.

Each way around is tried through the pages: a coordinator without the finance role, a researcher,
a day helper and an admin posting to the batch and paid URLs; an approver holding the finance
role; and with ``ONTMOETING_SEPARATE_PAYMENT_DUTIES`` off the coordinator pays as before. The
claim page shows every step of the claim, one row each.
"""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import Group

from ontmoeting.expenses import sepa
from ontmoeting.expenses.enums import ClaimStatus
from ontmoeting.expenses.models import Claim, PaymentBatch
from ontmoeting.expenses.payments import create_batch
from ontmoeting.expenses.services import approve_claim, save_claim
from tests.factories import EditionFactory
from tests.web.expenses_factories import claim_input, expert, held, private_receipts, submitted

pytestmark = pytest.mark.django_db
__all__ = ["private_receipts"]


@pytest.fixture(autouse=True)
def _receipts(private_receipts):
    return private_receipts


def base(edition):
    return f"/editions/{edition.pk}/expenses/"


@pytest.fixture
def approved(make_staff):
    """An edition with one claim a coordinator approved, and that coordinator."""
    edition = EditionFactory()
    coordinator = make_staff("coordinator", "approver")
    claim = approve_claim(claim=submitted(expert(edition)), actor=coordinator)
    return edition, claim, coordinator


def test_a_finance_user_makes_downloads_and_marks_paid(client, make_staff, approved):
    edition, claim, _coordinator = approved
    client.force_login(make_staff("finance"))
    page = client.get(f"{base(edition)}batches/")
    assert page.status_code == 200
    assert 'data-testid="make-batch"' in page.content.decode()
    assert client.post(f"{base(edition)}batches/").status_code == 302
    batch = PaymentBatch.objects.get()
    response = client.get(f"{base(edition)}batches/{batch.pk}/sepa.xml")
    assert response.status_code == 200
    sepa.validate(response.content)
    assert sepa.totals(response.content).control_sum == claim.total
    assert client.post(f"{base(edition)}batches/{batch.pk}/paid/").status_code == 302
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.PAID


def test_a_finance_user_lands_on_the_payment_files(client, make_staff, approved):
    edition, _claim, _coordinator = approved
    client.force_login(make_staff("finance"))
    response = client.get("/")
    assert response.status_code == 302
    assert response.url == f"{base(edition)}batches/"


def test_a_coordinator_sees_the_files_but_cannot_make_or_pay_them(client, make_staff, approved):
    edition, claim, coordinator = approved
    batch = create_batch(edition=edition, actor=make_staff("finance"))
    approve_claim(claim=submitted(expert(edition)), actor=coordinator)
    client.force_login(make_staff("coordinator", "other"))
    page = client.get(f"{base(edition)}batches/")
    assert page.status_code == 200
    body = page.content.decode()
    assert 'data-testid="make-batch"' not in body
    assert 'data-testid="finance-only"' in body
    assert f'data-testid="mark-paid-{batch.pk}"' not in body
    assert client.post(f"{base(edition)}batches/").status_code == 403
    assert client.get(f"{base(edition)}batches/{batch.pk}/sepa.xml").status_code == 403
    assert client.post(f"{base(edition)}batches/{batch.pk}/paid/").status_code == 403
    assert PaymentBatch.objects.count() == 1
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.APPROVED


@pytest.mark.parametrize("role", ["researcher", "helper", "admin"])
def test_other_roles_get_403_on_the_payment_urls(client, make_staff, approved, role):
    edition, claim, _coordinator = approved
    batch = create_batch(edition=edition, actor=make_staff("finance"))
    client.force_login(make_staff(role))
    assert client.get(f"{base(edition)}batches/").status_code == 403
    assert client.post(f"{base(edition)}batches/").status_code == 403
    assert client.get(f"{base(edition)}batches/{batch.pk}/sepa.xml").status_code == 403
    assert client.post(f"{base(edition)}batches/{batch.pk}/paid/").status_code == 403
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.APPROVED


def test_a_visitor_is_sent_to_the_login(client, approved):
    edition, _claim, _coordinator = approved
    response = client.post(f"{base(edition)}batches/")
    assert response.status_code == 302
    assert "/login/" in response.url


def test_a_finance_user_cannot_approve(client, make_staff):
    edition = EditionFactory()
    claim = submitted(expert(edition))
    client.force_login(make_staff("finance"))
    assert client.get(f"{base(edition)}{claim.pk}/").status_code == 403
    assert client.post(f"{base(edition)}{claim.pk}/approve/").status_code == 403
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.SUBMITTED


def test_an_approver_with_the_finance_role_is_refused_by_name(client, approved):
    edition, claim, coordinator = approved
    coordinator.groups.add(Group.objects.get(name="finance"))
    client.force_login(coordinator)
    response = client.post(f"{base(edition)}batches/", follow=True)
    assert response.status_code == 200
    shown = " ".join(str(message) for message in response.context["messages"])
    assert str(claim.pk) in shown
    assert not PaymentBatch.objects.exists()


def test_the_approver_cannot_mark_paid_through_the_page(client, make_staff, approved):
    edition, claim, coordinator = approved
    batch = create_batch(edition=edition, actor=make_staff("finance"))
    coordinator.groups.add(Group.objects.get(name="finance"))
    client.force_login(coordinator)
    assert client.post(f"{base(edition)}batches/{batch.pk}/paid/").status_code == 302
    claim.refresh_from_db()
    batch.refresh_from_db()
    assert (claim.status, batch.paid_at) == (ClaimStatus.APPROVED, None)


def test_with_the_setting_off_the_coordinator_pays_as_before(client, settings, approved):
    settings.ONTMOETING_SEPARATE_PAYMENT_DUTIES = False
    edition, claim, coordinator = approved
    client.force_login(coordinator)
    assert 'data-testid="make-batch"' in client.get(f"{base(edition)}batches/").content.decode()
    assert client.post(f"{base(edition)}batches/").status_code == 302
    batch = PaymentBatch.objects.get()
    assert client.get(f"{base(edition)}batches/{batch.pk}/sepa.xml").status_code == 200
    client.post(f"{base(edition)}batches/{batch.pk}/paid/")
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.PAID


def test_an_on_behalf_editor_sees_no_approve_button(client, make_staff):
    edition = held(EditionFactory())
    participant = expert(edition)
    first, second = make_staff("coordinator", "first"), make_staff("coordinator", "second")
    save_claim(participant=participant, data=claim_input(), actor=first, on_behalf=True)
    save_claim(participant=participant, data=claim_input(), actor=second, on_behalf=True)
    claim, _check = save_claim(
        participant=participant, data=claim_input(), actor=first, on_behalf=True, submit=True
    )
    client.force_login(second)
    body = client.get(f"{base(edition)}{claim.pk}/").content.decode()
    assert 'data-testid="four-eyes"' in body
    assert 'data-testid="approve"' not in body
    assert client.post(f"{base(edition)}{claim.pk}/approve/").status_code == 302
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.SUBMITTED


def test_the_claim_page_shows_every_step_with_who(client, make_staff):
    edition = held(EditionFactory())
    participant = expert(edition)
    first, second = make_staff("coordinator", "first"), make_staff("coordinator", "second")
    finance = make_staff("finance", "payer")
    for _save in range(2):  # created, then changed
        save_claim(participant=participant, data=claim_input(), actor=first, on_behalf=True)
    claim, _check = save_claim(
        participant=participant, data=claim_input(), actor=first, on_behalf=True, submit=True
    )
    approve_claim(claim=claim, actor=second)
    batch = create_batch(edition=edition, actor=finance)
    client.force_login(finance)
    client.post(f"{base(edition)}batches/{batch.pk}/paid/")
    client.force_login(second)
    body = client.get(f"{base(edition)}{claim.pk}/").content.decode()
    history = body[body.index('data-testid="claim-history"') :]
    rows = re.findall(r'<tr data-testid="claim-event">(.*?)</tr>', history, flags=re.S)
    events = list(Claim.objects.get(pk=claim.pk).events.all())
    # created, changed by the enterer, sent, approved, put into the file, paid
    assert len(rows) == len(events) == 6
    who = [re.findall(r"<td>(.*?)</td>", row, flags=re.S)[1] for row in rows]
    assert who == ["first", "first", "first", "second", "payer", "payer"]
    assert sum(batch.message_id in row for row in rows) == 2  # put into the file, and paid
