"""A second factor (an authenticator app, recovery codes): required for admins and the Django
admin, available to all staff. Before: no second factor for any role."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from ontmoeting.privacy.models import AuditEntry
from tests.web.signin.helpers import PASSWORD, app_for, code_of, log_in

pytestmark = pytest.mark.django_db


def enrol(client):
    """Set up the app from the account page as a person does; returns (device, recovery codes)."""
    page = client.get("/account/").content.decode()
    device = TOTPDevice.objects.get(confirmed=False)
    response = client.post("/account/", {"password": PASSWORD, "code": code_of(device)})
    assert response.status_code == 200, response.content.decode()
    codes = re.findall(r"<li><code>(\w+)</code></li>", response.content.decode())
    return device, codes, page


def test_an_admin_must_set_up_the_app_before_any_page(client, make_staff):
    make_staff("admin")
    assert log_in(client, "admin").status_code == 302
    response = client.get("/staff/")
    assert response.status_code == 302
    assert response.url == "/login/code/?next=/staff/"
    response = client.get(response.url)
    assert response.url == "/account/?next=%2Fstaff%2F"
    page = client.get("/account/").content.decode()
    assert "Je account kan gevoelige gegevens zien" in page
    assert client.get("/admin/").status_code == 302


def test_setting_up_shows_an_inline_qr_code_and_ten_recovery_codes_once(client, make_staff):
    admin = make_staff("admin")
    log_in(client, "admin")
    device, codes, page = enrol(client)
    assert re.search(r'<div class="qr" role="img"[^>]*><svg [^>]*viewBox', page)
    assert "<img" not in page
    assert "style=" not in page
    assert "otpauth://totp/ontmoeting%3Aadmin?secret=" in page
    device.refresh_from_db()
    assert device.confirmed
    assert len(codes) == 10 == len(set(codes))
    assert sorted(t.token for t in StaticToken.objects.filter(device__user=admin)) == sorted(codes)
    assert client.get("/staff/").status_code == 200  # verified by the enrolment itself
    assert list(
        AuditEntry.objects.filter(action__startswith="staff.second").values_list(
            "action", flat=True
        )
    ) == ["staff.second_factor.enrol"]
    again = client.get("/account/").content.decode()  # the codes are not shown again
    assert not any(code in again for code in codes)


def test_a_wrong_code_or_password_does_not_set_up_the_app(client, make_staff):
    make_staff("coordinator")
    client.force_login(make_staff("coordinator", username="carla"))
    client.get("/account/")
    device = TOTPDevice.objects.get()
    wrong_code = client.post("/account/", {"password": PASSWORD, "code": "000000"})
    assert "Deze code klopt niet" in wrong_code.content.decode()
    wrong_password = client.post("/account/", {"password": "nope", "code": code_of(device)})
    assert "Dit is niet je wachtwoord." in wrong_password.content.decode()
    device.refresh_from_db()
    assert not device.confirmed


def test_the_login_asks_for_the_code_when_the_user_has_an_app(client, make_staff):
    device = app_for(make_staff("coordinator"))
    log_in(client, "coordinator")
    response = client.get("/editions/")
    assert response.url == "/login/code/?next=/editions/"
    page = client.get(response.url).content.decode()
    assert "Tweede stap: je code" in page
    wrong = client.post("/login/code/", {"code": "123456", "next": "/editions/"})
    assert "Deze code klopt niet" in wrong.content.decode()
    assert client.get("/editions/").status_code == 302
    # A wrong code slows the next try down (1 s, then 2, 4...): even the right code waits.
    throttled = client.post("/login/code/", {"code": code_of(device), "next": "/editions/"})
    assert throttled.status_code == 200
    TOTPDevice.objects.update(throttling_failure_timestamp=timezone.now() - dt.timedelta(seconds=5))
    right = client.post("/login/code/", {"code": code_of(device), "next": "/editions/"})
    assert right.url == "/editions/"
    assert client.get("/editions/").status_code == 200


def test_the_code_page_sends_only_to_this_site(client, make_staff):
    device = app_for(make_staff("coordinator"))
    log_in(client, "coordinator")
    response = client.post(
        "/login/code/", {"code": code_of(device), "next": "https://evil.example/"}
    )
    assert response.url == "/"


def test_a_recovery_code_works_once(client, make_staff):
    make_staff("admin")
    log_in(client, "admin")
    _device, codes, _page = enrol(client)
    client.post("/logout/")
    log_in(client, "admin")
    assert client.post("/login/code/", {"code": codes[0]}).status_code == 302
    assert client.get("/staff/").status_code == 200
    client.post("/logout/")
    log_in(client, "admin")
    response = client.post("/login/code/", {"code": codes[0]})
    assert response.status_code == 200
    assert client.get("/staff/").status_code == 302


def test_the_django_admin_is_behind_the_same_second_factor(client, make_staff):
    admin = make_staff("admin")
    admin.is_staff = True
    admin.save()
    device = app_for(admin)
    log_in(client, "admin")
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response.url == "/login/code/?next=/admin/"
    client.post("/login/code/", {"code": code_of(device)})
    assert client.get("/admin/").status_code == 200


def test_a_coordinator_without_an_app_signs_in_with_the_password(client, make_staff):
    make_staff("coordinator")
    log_in(client, "coordinator")
    assert client.get("/editions/").status_code == 200


def test_new_recovery_codes_need_the_password_and_replace_the_old(client, make_staff):
    make_staff("admin")
    log_in(client, "admin")
    _device, old, _page = enrol(client)
    refused = client.post("/account/", {"password": "wrong"})
    assert "Dit is niet je wachtwoord." in refused.content.decode()
    response = client.post("/account/", {"password": PASSWORD})
    new = re.findall(r"<li><code>(\w+)</code></li>", response.content.decode())
    assert len(new) == 10
    assert set(new).isdisjoint(old)
    assert set(StaticToken.objects.values_list("token", flat=True)) == set(new)


def test_an_unverified_user_with_an_app_cannot_set_up_another(client, make_staff):
    """Knowing the password is not enough to replace someone's app."""
    device = app_for(make_staff("coordinator"))
    log_in(client, "coordinator")
    response = client.get("/account/")
    assert response.url.startswith("/login/code/")
    client.post("/account/", {"password": PASSWORD, "code": code_of(device)})
    assert TOTPDevice.objects.count() == 1


def test_an_admin_removes_a_lost_app_and_the_owner_sets_up_a_new_one(client, make_staff):
    owner = make_staff("coordinator")
    app_for(owner)
    client.force_login(make_staff("admin"))
    page = client.get(f"/staff/{owner.pk}/").content.decode()
    assert "Aanmelden in twee stappen verwijderen" in page
    response = client.post(f"/staff/{owner.pk}/second-factor/")
    assert response.url == f"/staff/{owner.pk}/"
    assert not TOTPDevice.objects.filter(user=owner).exists()
    assert AuditEntry.objects.filter(action="staff.second_factor.remove").count() == 1
    assert client.get(f"/staff/{owner.pk}/second-factor/").status_code == 405
