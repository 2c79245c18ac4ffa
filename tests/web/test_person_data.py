"""From the staff pages: a coordinator hands a person a copy of their data (JSON or PDF), an
admin erases a person on request."""

from __future__ import annotations

import io
import json

import pytest
from pypdf import PdfReader

from ontmoeting.people.models import Person
from ontmoeting.privacy.models import AuditEntry
from tests.factories import EditionFactory
from tests.web.w1_helpers import expert

pytestmark = pytest.mark.django_db


@pytest.fixture
def participant():
    return expert(EditionFactory(year=2026), ref="E1", name="Marc Peeters")


def _signed_in(client, make_staff, role):
    user = make_staff(role)
    client.force_login(user)
    return client, user


def _copy_url(participant, fmt):
    return f"/editions/{participant.edition_id}/participants/{participant.pk}/copy.{fmt}"


def test_the_person_page_offers_the_copy_and_it_downloads_as_json(client, make_staff, participant):
    client, user = _signed_in(client, make_staff, "coordinator")
    page = client.get(f"/editions/{participant.edition_id}/participants/{participant.pk}/")
    assert _copy_url(participant, "json") in page.content.decode()

    response = client.get(_copy_url(participant, "json"))

    assert response["Content-Disposition"].startswith("attachment;")
    data = json.loads(response.content)
    assert data["person"][0]["last_name"] == "Peeters"
    assert data["participations"][0]["reference"] == "E1"
    entry = AuditEntry.objects.get(action="privacy.export")
    assert (entry.actor, entry.object_id) == (user, str(participant.person_id))


def test_the_copy_downloads_as_a_printable_pdf(client, make_staff, participant):
    client, _user = _signed_in(client, make_staff, "coordinator")

    response = client.get(_copy_url(participant, "pdf"))

    assert response["Content-Type"] == "application/pdf"
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    assert "Peeters" in text


@pytest.mark.parametrize("role", ["researcher", "admin"])
def test_only_coordinators_get_a_copy(client, make_staff, participant, role):
    client, _user = _signed_in(client, make_staff, role)
    assert client.get(_copy_url(participant, "json")).status_code == 403


def test_an_unknown_format_is_404(client, make_staff, participant):
    client, _user = _signed_in(client, make_staff, "coordinator")
    assert client.get(_copy_url(participant, "exe")).status_code == 404


def test_coordinators_cannot_erase(client, make_staff):
    client, _user = _signed_in(client, make_staff, "coordinator")
    assert client.get("/staff/erasure/").status_code == 403


def test_an_admin_erases_only_with_confirmation_and_a_known_person(client, make_staff, participant):
    client, _user = _signed_in(client, make_staff, "admin")

    unconfirmed = client.post("/staff/erasure/", {"reference": "e1@example.org"})
    unknown = client.post("/staff/erasure/", {"reference": "nobody@example.org", "confirm": "on"})

    assert unconfirmed.context["form"].errors["confirm"]
    assert unknown.context["form"].non_field_errors()
    assert Person.objects.get(pk=participant.person_id).last_name == "Peeters"


def test_an_admin_erases_a_person_by_reference_and_year(client, make_staff, participant):
    client, _user = _signed_in(client, make_staff, "admin")

    response = client.post("/staff/erasure/", {"reference": "E1", "year": "2026", "confirm": "on"})

    assert response.status_code == 302
    person = Person.objects.get(pk=participant.person_id)
    assert (person.first_name, person.last_name, person.email) == ("", "", "")
    assert AuditEntry.objects.filter(action="privacy.erase", object_id="").count() == 1
