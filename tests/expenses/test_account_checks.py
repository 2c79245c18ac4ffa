"""Stored accounts checked again before a batch: bad ones are left out and named on the page."""

from __future__ import annotations

from decimal import Decimal

import pytest

from ontmoeting.expenses.account_checks import bad_accounts, waiting_bad_accounts
from ontmoeting.expenses.crypto import encrypt
from ontmoeting.expenses.models import Claim, PaymentBatch
from ontmoeting.expenses.payments import create_batch
from ontmoeting.expenses.services import ClaimError, approve_claim
from tests.factories import EditionFactory
from tests.web.expenses_factories import expert, private_receipts, submitted

pytestmark = pytest.mark.django_db
__all__ = ["private_receipts"]


@pytest.fixture(autouse=True)
def _receipts(private_receipts):
    return private_receipts


def approved(edition, coordinator, *, stored_iban: str | None = None, **account):
    """An approved claim; ``stored_iban`` is written straight into the row, as an old claim
    saved before the service checked IBANs would hold it."""
    claim = approve_claim(
        claim=submitted(expert(edition), ticket_amount=Decimal("10.00"), **account),
        actor=coordinator,
    )
    if stored_iban is not None:
        Claim.objects.filter(pk=claim.pk).update(iban_encrypted=encrypt(stored_iban))
        claim.refresh_from_db()
    return claim


def test_bad_stored_accounts_are_named_with_a_reason(make_staff):
    coordinator = make_staff("coordinator")
    edition = EditionFactory()
    good = approved(edition, coordinator)
    brazil = approved(edition, coordinator, stored_iban="BR1800360305000010009795493C1")
    checksum = approved(edition, coordinator, stored_iban="BE71096123456768")
    swiss = approved(edition, coordinator, stored_iban="CH9300762011623852957")  # no BIC
    found = bad_accounts([good, brazil, checksum, swiss])
    assert [bad.claim.pk for bad in found] == [brazil.pk, checksum.pk, swiss.pk]
    assert all(bad.reason for bad in found)
    assert [bad.claim.pk for bad in waiting_bad_accounts(edition)] == [
        brazil.pk,
        checksum.pk,
        swiss.pk,
    ]


def test_the_batch_leaves_bad_accounts_out(make_staff):
    coordinator = make_staff("coordinator")
    edition = EditionFactory()
    good = approved(edition, coordinator)
    swiss_ok = approved(
        edition,
        coordinator,
        iban="CH9300762011623852957",
        bic="UBSWCHZH80A",
        holder_street="Bahnhofstrasse 1",
        holder_postcode="8001",
        holder_town="Zürich",
        holder_country="CH",
    )
    bad = approved(edition, coordinator, stored_iban="SA0380000000608010167519")
    batch = create_batch(edition=edition, actor=make_staff("finance"))
    assert set(Claim.objects.filter(batch=batch).values_list("pk", flat=True)) == {
        good.pk,
        swiss_ok.pk,
    }
    assert (batch.count, batch.total) == (2, Decimal("20.00"))
    bad.refresh_from_db()
    assert bad.batch is None
    assert bad.end_to_end_id == ""


def test_no_batch_when_every_account_is_bad(make_staff):
    coordinator = make_staff("coordinator")
    edition = EditionFactory()
    approved(edition, coordinator, stored_iban="BE71096123456768")
    with pytest.raises(ClaimError) as caught:
        create_batch(edition=edition, actor=make_staff("finance"))
    assert caught.value.code == "bad_accounts"
    assert not PaymentBatch.objects.exists()


def test_the_batches_page_names_them_for_the_coordinator(client, make_staff):
    coordinator = make_staff("coordinator")
    edition = EditionFactory()
    approved(edition, coordinator)
    bad = approved(edition, coordinator, stored_iban="BR1800360305000010009795493C1")
    client.force_login(coordinator)
    page = client.get(f"/editions/{edition.pk}/expenses/batches/").content.decode()
    assert 'data-testid="bad-accounts"' in page
    assert f'data-testid="bad-account-{bad.pk}"' in page
    assert bad.participant.person.full_name in page


def test_the_batches_page_is_quiet_when_all_is_well(client, make_staff):
    coordinator = make_staff("coordinator")
    edition = EditionFactory()
    approved(edition, coordinator)
    client.force_login(coordinator)
    page = client.get(f"/editions/{edition.pk}/expenses/batches/").content.decode()
    assert 'data-testid="bad-accounts"' not in page
