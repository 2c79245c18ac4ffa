"""IBANs the bank takes: checksum, national format, SEPA scheme countries; BIC and address for
accounts outside the EEA; the domain service checks on every write (not only the form)."""

from __future__ import annotations

import random

import pytest
from django.core.exceptions import ValidationError
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from schwifty import IBAN, registry
from schwifty.exceptions import SchwiftyException

from ontmoeting.expenses.crypto import decrypt
from ontmoeting.expenses.iban import (
    SEPA_COUNTRIES,
    SEPA_EEA,
    SEPA_NON_EEA,
    check_bic,
    check_iban,
    needs_bic_and_address,
)
from ontmoeting.expenses.models import Claim
from ontmoeting.expenses.services import ClaimError, save_claim
from tests.web.expenses_factories import claim_input, expert, held, private_receipts

__all__ = ["private_receipts"]

#: Countries with an IBAN that are not in the EPC list of SEPA scheme countries.
NON_SEPA = [
    "AE",
    "BA",
    "BR",
    "EG",
    "GE",
    "IL",
    "JO",
    "KW",
    "KZ",
    "LB",
    "PK",
    "QA",
    "SA",
    "TN",
    "TR",
]
#: The EU 27, as published by the EU (europa.eu, "EU countries"), typed here independently.
EU_27 = [
    "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE",
    "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE",
]  # fmt: skip
SWISS = "CH9300762011623852957"
BAD_CHECKSUM = "BE71096123456768"


def _random_iban(country: str, seed: int) -> str:
    try:
        return str(IBAN.random(country_code=country, random=random.Random(seed)).compact)
    except SchwiftyException:
        assume(False)
        raise


def test_the_sepa_lists_hold_the_eea_and_no_typos():
    assert set(EU_27) | {"IS", "LI", "NO"} <= SEPA_EEA
    assert not SEPA_EEA & SEPA_NON_EEA
    assert {"CH", "GB", "MC", "SM", "VA", "AD", "AL", "MD", "ME", "MK", "RS"} <= SEPA_NON_EEA
    for code in SEPA_COUNTRIES:  # each is a country schwifty knows an IBAN format of
        assert registry.get_iban_spec(code).iban_length > 0


@settings(max_examples=150, suppress_health_check=[HealthCheck.filter_too_much])
@given(country=st.sampled_from(sorted(SEPA_COUNTRIES)), seed=st.integers(0, 2**32 - 1))
def test_a_valid_iban_of_a_sepa_country_is_accepted(country, seed):
    iban = _random_iban(country, seed)
    assert check_iban(iban) == iban
    assert needs_bic_and_address(iban) == (country in SEPA_NON_EEA)


@settings(max_examples=150, suppress_health_check=[HealthCheck.filter_too_much])
@given(
    country=st.sampled_from(sorted(SEPA_COUNTRIES)),
    seed=st.integers(0, 2**32 - 1),
    digits=st.integers(0, 99),
)
def test_a_changed_check_digit_is_refused(country, seed, digits):
    iban = _random_iban(country, seed)
    assume(f"{digits:02d}" != iban[2:4])
    with pytest.raises(ValidationError) as caught:
        check_iban(f"{iban[:2]}{digits:02d}{iban[4:]}")
    assert caught.value.code == "invalid"


@settings(max_examples=100, suppress_health_check=[HealthCheck.filter_too_much])
@given(country=st.sampled_from(NON_SEPA), seed=st.integers(0, 2**32 - 1))
def test_an_iban_outside_sepa_is_refused_naming_the_country(country, seed):
    iban = _random_iban(country, seed)
    IBAN(iban)  # a valid IBAN all the same
    with pytest.raises(ValidationError) as caught:
        check_iban(iban)
    assert caught.value.code == "not_sepa"


@settings(max_examples=150, suppress_health_check=[HealthCheck.filter_too_much])
@given(
    country=st.sampled_from(sorted(SEPA_COUNTRIES)),
    seed=st.integers(0, 2**32 - 1),
    spaces=st.lists(st.sampled_from([" ", "  ", "\t", "\u00a0", "\n"]), min_size=40, max_size=40),
    lower=st.lists(st.booleans(), min_size=40, max_size=40),
)
def test_odd_spacing_and_lower_case_are_accepted(country, seed, spaces, lower):
    iban = _random_iban(country, seed)
    typed = "".join(
        (char.lower() if low else char) + (space if index % 3 == 2 else "")
        for index, (char, space, low) in enumerate(zip(iban, spaces, lower, strict=False))
    )
    assert check_iban(" " + typed + " ") == iban


def test_the_refusal_names_the_country():
    with pytest.raises(ValidationError) as caught:
        check_iban("BR1800360305000010009795493C1")
    assert "Brazil" in caught.value.messages[0]  # "Brazilië" in Dutch


@pytest.mark.parametrize("value", ["BR1800360305000010009795493C1", "SA0380000000608010167519"])
def test_known_non_sepa_ibans_are_refused(value):
    IBAN(value)
    with pytest.raises(ValidationError):
        check_iban(value)


def test_bic_checked_with_schwifty():
    assert check_bic(" ubswchzh80a ") == "UBSWCHZH80A"
    assert check_bic("GKCCBEBB") == "GKCCBEBB"
    for bad in ("GKCCBEB", "GKCCBEBB1", "GKCCXXBB", "GKCC-BEBB"):
        with pytest.raises(ValidationError):
            check_bic(bad)


# --- the domain service ------------------------------------------------------------------


@pytest.fixture
def _receipts(private_receipts):
    return private_receipts


@pytest.mark.django_db
@pytest.mark.usefixtures("_receipts")
@pytest.mark.parametrize("submit", [False, True])
def test_the_service_refuses_a_bad_checksum_on_save(submit):
    participant = expert()
    held(participant.edition)
    with pytest.raises(ClaimError) as caught:
        save_claim(
            participant=participant,
            data=claim_input(iban=BAD_CHECKSUM),
            actor="portal",
            submit=submit,
        )
    assert set(caught.value.message_dict) == {"iban"}
    assert not Claim.objects.exists()


@pytest.mark.django_db
@pytest.mark.usefixtures("_receipts")
def test_the_service_refuses_a_non_sepa_iban_entered_on_behalf(make_staff):
    coordinator = make_staff("coordinator")
    with pytest.raises(ClaimError) as caught:
        save_claim(
            participant=expert(),
            data=claim_input(iban="SA0380000000608010167519"),
            actor=coordinator,
            on_behalf=True,
        )
    assert set(caught.value.message_dict) == {"iban"}
    assert not Claim.objects.exists()


@pytest.mark.django_db
@pytest.mark.usefixtures("_receipts")
def test_a_swiss_account_needs_bic_and_address_to_be_sent():
    participant = expert()
    held(participant.edition)
    claim, _check = save_claim(  # a draft may wait for them
        participant=participant, data=claim_input(iban=SWISS), actor="portal"
    )
    assert decrypt(claim.iban_encrypted) == SWISS
    with pytest.raises(ClaimError) as caught:
        save_claim(participant=participant, data=claim_input(iban=""), actor="portal", submit=True)
    assert set(caught.value.message_dict) == {
        "bic",
        "holder_street",
        "holder_postcode",
        "holder_town",
        "holder_country",
    }
    claim, _check = save_claim(
        participant=participant,
        data=claim_input(
            iban="",
            bic="ubswchzh80a",
            holder_street="Bahnhofstrasse  45",
            holder_postcode="8001",
            holder_town="Zürich",
            holder_country="ch",
        ),
        actor="portal",
        submit=True,
    )
    claim.refresh_from_db()
    assert claim.status == "submitted"
    assert (claim.bic, claim.holder_street, claim.holder_postcode, claim.holder_town) == (
        "UBSWCHZH80A",
        "Bahnhofstrasse 45",
        "8001",
        "Zürich",
    )
    assert claim.holder_country == "CH"


@pytest.mark.django_db
@pytest.mark.usefixtures("_receipts")
def test_a_belgian_account_needs_no_bic_but_a_bad_bic_is_refused():
    participant = expert()
    held(participant.edition)
    claim, _check = save_claim(
        participant=participant,
        data=claim_input(iban=" be68 5390 0754 7034 "),
        actor="portal",
        submit=True,
    )
    assert decrypt(claim.iban_encrypted) == "BE68539007547034"
    with pytest.raises(ClaimError) as caught:
        save_claim(participant=expert(), data=claim_input(bic="NOTABIC"), actor="portal")
    assert set(caught.value.message_dict) == {"bic"}


def _paper_form(participant, **overrides):
    data = {
        "participant": participant.pk,
        "travel_mode": "car",
        "km": "40",
        "lunch": "provided",
        "regime": "real",
        "iban": SWISS,
        "account_holder": "J. Janssens",
        "other_received": "no",
        "action": "submit",
    }
    data.update(overrides)
    return data


@pytest.mark.django_db
@pytest.mark.usefixtures("_receipts")
def test_the_paper_form_asks_bic_and_address_for_a_swiss_account(client, make_staff):
    participant = expert()
    held(participant.edition)
    url = f"/editions/{participant.edition_id}/expenses/new/"
    client.force_login(make_staff("coordinator"))
    page = client.post(url, _paper_form(participant)).content.decode()
    for name in ("bic", "holder_street", "holder_postcode", "holder_town", "holder_country"):
        assert f'data-testid="error-{name}"' in page, name
    assert 'data-testid="outside-eea" open' in page
    assert not Claim.objects.filter(status="submitted").exists()
    response = client.post(
        url,
        _paper_form(
            participant,
            bic="UBSWCHZH80A",
            holder_street="Bahnhofstrasse 1",
            holder_postcode="8001",
            holder_town="Zürich",
            holder_country="CH",
        ),
    )
    assert response.status_code == 302
    claim = Claim.objects.get()
    assert (claim.status, claim.bic, claim.holder_country) == ("submitted", "UBSWCHZH80A", "CH")


@pytest.mark.django_db
@pytest.mark.usefixtures("_receipts")
@pytest.mark.parametrize("country", ["XX", "ZZ", "C1", "CHE"])
def test_the_holder_country_is_a_real_two_letter_code(country):
    with pytest.raises(ClaimError) as caught:
        save_claim(participant=expert(), data=claim_input(holder_country=country), actor="portal")
    assert set(caught.value.message_dict) == {"holder_country"}
