"""The money journey in a real browser, in Dutch; axe-core passes on every page visited.

After the day, an expert files a claim on a phone (magic link, receipt photo, the question about
other organisations); a coordinator types in a second expert's paper form and may not approve
it; a second coordinator approves both (four eyes); a finance user, who approved nothing, makes
the SEPA file (checked against the official XSD and by the file checker), uploads the bank's
camt.053 statement, and the claims show paid — to finance and to the expert on the phone.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from django.utils import translation

from ontmoeting.demo.bank import Paid, camt053_batch
from ontmoeting.expenses import sepa, sepa_check
from ontmoeting.expenses.enums import ClaimStatus
from ontmoeting.expenses.models import Claim
from ontmoeting.privacy.tokens import issue_link
from tests.factories import EditionFactory
from tests.web.expenses_factories import expert, held, pdf_bytes, png_bytes

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


def staff_login(page, base, user):
    page.context.clear_cookies()
    page.goto(f"{base}/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", "correct horse battery staple")
    page.locator("form:has(#id_password) button[type=submit]").click()
    page.wait_for_load_state()


def phone_page(browser):
    context = browser.new_context(locale="nl-BE", viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.set_default_timeout(30_000)
    return page


def expert_signs_in(page, participant, base):
    page.goto(issue_link(participant.person, participant=participant))
    page.click("[data-testid=sign-in]")
    page.wait_for_load_state()
    page.goto(f"{base}/me/expenses/")


def status_label(status) -> str:
    with translation.override("nl"):
        return str(status.label)


def test_claim_on_a_phone_to_a_reconciled_payment(
    live_server, browser, page, axe, make_staff, settings, tmp_path
):
    settings.SITE_URL = live_server.url
    settings.ONTMOETING_RECEIPTS_DIR = tmp_path / "receipts"
    base = live_server.url
    edition = held(EditionFactory())
    marleen = expert(edition)
    jan = expert(edition)
    first = make_staff("coordinator", "first")
    second = make_staff("coordinator", "second")
    finance = make_staff("finance", "boekhouding")
    root = f"{base}/editions/{edition.pk}/expenses/"

    # 1. After the day, the expert files the claim on a phone; the total is worked out live.
    phone = phone_page(browser)
    expert_signs_in(phone, marleen, base)
    axe(phone)
    phone.check("input[name=travel_mode][value=public_transport]")
    phone.fill("#id_ticket_amount", "12.40")
    phone.set_input_files(
        "#id_ticket_receipt", {"name": "ticket.png", "mimeType": "image/png", "buffer": png_bytes()}
    )
    phone.fill("#id_iban", "BE68 5390 0754 7034")
    phone.fill("#id_account_holder", "Marleen Peeters")
    phone.wait_for_selector("[data-testid=total-amount]:has-text('12,40')")
    phone.click("[data-testid=send-claim]")  # not yet: the question about other organisations
    phone.wait_for_load_state()
    assert Claim.objects.filter(participant=marleen, status=ClaimStatus.SUBMITTED).count() == 0
    phone.check("input[name=other_received][value=no]")
    phone.set_input_files(
        "#id_ticket_receipt", {"name": "ticket.png", "mimeType": "image/png", "buffer": png_bytes()}
    )
    axe(phone)
    phone.click("[data-testid=send-claim]")
    phone.wait_for_selector("[data-testid=my-expenses-status]")
    assert "BE•• •••• •••• 7034" in phone.inner_text("[data-testid=iban-masked]")
    axe(phone)
    own = Claim.objects.get(participant=marleen)
    assert own.status == ClaimStatus.SUBMITTED

    # 2. The first coordinator types in Jan's paper form, and may not approve it.
    staff_login(page, base, first)
    page.goto(f"{root}new/")
    axe(page)
    page.select_option("#id_participant", str(jan.pk))
    page.check("input[name=travel_mode][value=car]")
    page.fill("#id_km", "40")
    page.check("input[name=lunch][value=paid]")
    page.fill("#id_lunch_amount", "11.20")
    page.set_input_files(
        "#id_lunch_receipt",
        {"name": "lunch.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes()},
    )
    page.fill("#id_iban", "BE71 0961 2345 6769")
    page.fill("#id_account_holder", "Jan Janssens")
    page.check("input[name=other_received][value=no]")
    page.click("[data-testid=send-claim]")
    page.wait_for_selector("[data-testid=four-eyes]")
    axe(page)
    paper = Claim.objects.get(participant=jan)
    assert (paper.on_behalf, paper.entered_by_id, paper.status) == (True, first.pk, "submitted")
    assert page.locator("[data-testid=approve]").count() == 0

    # 3. A second coordinator approves both; the history names who did what.
    staff_login(page, base, second)
    for claim in (own, paper):
        page.goto(f"{root}{claim.pk}/")
        page.click("[data-testid=approve]")
        page.wait_for_load_state()
        assert page.inner_text("[data-testid=claim-status]").strip() == status_label(
            ClaimStatus.APPROVED
        )
    assert "first" in page.inner_text("[data-testid=claim-history]")
    axe(page)
    page.goto(f"{root}batches/")
    assert page.locator("[data-testid=make-batch]").count() == 0  # finance makes the file
    assert page.locator("[data-testid=finance-only]").is_visible()

    # 4. Finance lands on the payment files, makes the SEPA file and checks it.
    staff_login(page, base, finance)
    assert page.url.endswith(f"/editions/{edition.pk}/expenses/batches/")
    axe(page)
    page.click("[data-testid=make-batch]")
    page.wait_for_load_state()
    axe(page)
    batch = edition.payment_batches.get()
    with page.expect_download() as download_info:
        page.click(f"[data-testid=sepa-{batch.pk}]")
    xml = Path(download_info.value.path()).read_bytes()
    sepa.validate(xml)
    assert sepa_check.problems(xml) == []
    totals = sepa.totals(xml)
    # 12.40 ticket + 40 km x € 0.4265 (the seeded federal rate of Q4 2026) = 17.06 + 11.20 lunch
    assert totals.count == 2
    assert totals.control_sum == totals.sum_of_amounts == Decimal("40.66")

    # 5. The bank's statement comes back; finance uploads it and the claims are paid.
    claims = list(batch.claims.order_by("pk"))
    statement = tmp_path / "uittreksel-2026-250.xml"
    statement.write_bytes(
        camt053_batch(
            statement_id="2026-250",
            iban=sepa.debtor()["IBAN"],
            booked=batch.execution_date,
            batch_message_id=batch.message_id,
            payments=[Paid(c.end_to_end_id, c.total, c.account_holder) for c in claims],
        )
    )
    page.click("[data-testid=reconcile-link]")
    page.wait_for_load_state()
    axe(page)
    page.set_input_files("input[type=file]", str(statement))
    page.locator("[data-testid=reconcile-upload] button[type=submit]").click()
    page.wait_for_selector("[data-testid=reconcile-report]")
    assert page.locator("[data-testid=report-reconciled]").count() == 1
    assert page.locator("[data-testid=batch-claims] [data-testid=claim-paid]").count() == 2
    axe(page)
    assert set(Claim.objects.values_list("status", flat=True)) == {ClaimStatus.PAID}
    batch.refresh_from_db()
    assert batch.reconciled_at is not None

    # 6. The expert sees the claim paid on the phone.
    phone.goto(f"{base}/me/expenses/")
    assert "onkostennota betaald" in phone.inner_text("[data-testid=claim-status]")
    axe(phone)
    phone.context.close()
