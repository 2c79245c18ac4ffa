"""The full path of a claim in a real browser; axe-core passes on every page visited.

An expert signs in by magic link, fills in the claim with a receipt and sends it (the total
appears live); a coordinator enters a second expert's paper form; that coordinator approves the
expert's own claim, a second coordinator approves the paper claim (four eyes), makes the SEPA
file (validated against the official XSD) and marks it paid.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from django.utils import translation

from ontmoeting.expenses import sepa
from ontmoeting.expenses.enums import ClaimStatus
from ontmoeting.expenses.models import Claim
from ontmoeting.privacy.tokens import issue_link
from tests.factories import EditionFactory
from tests.web.expenses_factories import expert, pdf_bytes, png_bytes

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def staff_login(page, base, user):
    page.context.clear_cookies()
    page.goto(f"{base}/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", "correct horse battery staple")
    page.locator("form:has(#id_password) button[type=submit]").click()
    page.wait_for_load_state()


def test_claim_from_receipt_to_payment(live_server, page, axe, make_staff, settings, tmp_path):
    settings.SITE_URL = live_server.url
    settings.ONTMOETING_RECEIPTS_DIR = tmp_path / "receipts"
    base = live_server.url
    edition = EditionFactory()
    marleen = expert(edition)
    jan = expert(edition)
    first = make_staff("coordinator", "first")
    second = make_staff("coordinator", "second")
    root = f"{base}/editions/{edition.pk}/expenses/"

    # 1. The expert signs in by magic link (a GET shows a button; the POST signs in).
    page.goto(issue_link(marleen.person, participant=marleen))
    axe(page)
    page.click("[data-testid=sign-in]")
    page.wait_for_load_state()
    page.goto(f"{base}/me/expenses/")
    axe(page)

    # 2. Fills in the claim; the total is worked out live by the server.
    page.check("input[name=travel_mode][value=public_transport]")
    page.fill("#id_ticket_amount", "12.40")
    page.set_input_files(
        "#id_ticket_receipt", {"name": "ticket.png", "mimeType": "image/png", "buffer": png_bytes()}
    )
    page.fill("#id_iban", "BE68 5390 0754 7034")
    page.fill("#id_account_holder", "Marleen Peeters")
    page.wait_for_selector("[data-testid=total-amount]:has-text('12,40')")
    axe(page)
    page.click("[data-testid=send-claim]")
    page.wait_for_selector("[data-testid=my-expenses-status]")
    assert "BE•• •••• •••• 7034" in page.inner_text("[data-testid=iban-masked]")
    axe(page)
    own = Claim.objects.get(participant=marleen)
    assert own.status == ClaimStatus.SUBMITTED

    # 3. The first coordinator enters Jan's paper form.
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
    page.click("[data-testid=send-claim]")
    page.wait_for_selector("[data-testid=four-eyes]")
    axe(page)
    paper = Claim.objects.get(participant=jan)
    assert (paper.on_behalf, paper.entered_by_id, paper.status) == (True, first.pk, "submitted")
    assert page.locator("[data-testid=approve]").count() == 0

    # 4. The first coordinator approves the expert's own claim.
    page.goto(f"{root}{own.pk}/")
    axe(page)
    page.click("[data-testid=approve]")
    page.wait_for_load_state()
    axe(page)

    # 5. A second coordinator approves the paper claim (four eyes), makes and pays the file.
    staff_login(page, base, second)
    page.goto(root)
    axe(page)
    page.goto(f"{root}{paper.pk}/")
    page.click("[data-testid=approve]")
    page.wait_for_load_state()
    with translation.override("nl"):
        approved = str(ClaimStatus.APPROVED.label)
    assert page.inner_text("[data-testid=claim-status]").strip() == approved
    page.goto(f"{root}batches/")
    axe(page)
    page.click("[data-testid=make-batch]")
    page.wait_for_load_state()
    axe(page)
    batch = edition.payment_batches.get()
    with page.expect_download() as download_info:
        page.click(f"[data-testid=sepa-{batch.pk}]")
    xml = Path(download_info.value.path()).read_bytes()
    sepa.validate(xml)
    totals = sepa.totals(xml)
    assert totals.count == 2
    assert totals.control_sum == totals.sum_of_amounts == Decimal("12.40") + Decimal("28.40")
    page.click(f"[data-testid=mark-paid-{batch.pk}]")
    page.wait_for_load_state()
    axe(page)
    assert set(Claim.objects.values_list("status", flat=True)) == {ClaimStatus.PAID}
    page.goto(root)
    assert "40,80" in page.inner_text("[data-testid=budget-paid]")
    axe(page)

    # 6. The expert sees the claim paid.
    page.context.clear_cookies()
    page.goto(issue_link(marleen.person, participant=marleen))
    page.click("[data-testid=sign-in]")
    page.wait_for_load_state()
    page.goto(f"{base}/me/expenses/")
    assert page.locator("[data-testid=claim-status]").is_visible()
    axe(page)
