"""Admins manage staff accounts; nobody else can."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from ontmoeting.privacy.models import AuditEntry
from ontmoeting.privacy.staff import role_of


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["coordinator", "researcher"])
def test_only_admins_reach_staff_accounts(client, make_staff, role):
    client.force_login(make_staff(role))
    assert client.get("/staff/").status_code == 403
    assert client.post("/staff/new/", {"username": "x", "role": "admin"}).status_code == 403
    assert not get_user_model().objects.filter(username="x").exists()


@pytest.mark.django_db
def test_admin_creates_an_account_with_a_one_time_password(client, make_staff):
    client.force_login(make_staff("admin"))
    response = client.post(
        "/staff/new/", {"username": "lotte", "email": "lotte@example.org", "role": "researcher"}
    )
    assert response.status_code == 200
    password = response.context["password"]
    user = get_user_model().objects.get(username="lotte")
    assert user.check_password(password)
    assert role_of(user) == "researcher"
    assert AuditEntry.objects.filter(action="staff.create", object_id=str(user.pk)).count() == 1


@pytest.mark.django_db
def test_admin_changes_a_role_and_deactivates(client, make_staff):
    admin = make_staff("admin")
    coordinator = make_staff("coordinator")
    client.force_login(admin)
    response = client.post(f"/staff/{coordinator.pk}/", {"role": "researcher"})
    assert response.status_code == 302
    coordinator.refresh_from_db()
    assert (role_of(coordinator), coordinator.is_active) == ("researcher", False)


@pytest.mark.django_db
def test_admin_cannot_deactivate_themselves(client, make_staff):
    admin = make_staff("admin")
    client.force_login(admin)
    response = client.post(f"/staff/{admin.pk}/", {"role": "admin"})
    assert response.status_code == 200
    assert "Je kan je eigen account niet deactiveren." in response.content.decode()
    admin.refresh_from_db()
    assert admin.is_active


@pytest.mark.django_db
def test_staff_list_query_count_does_not_grow(client, make_staff, django_assert_max_num_queries):
    client.force_login(make_staff("admin"))
    # 9: an admin's session is checked against its second-factor device on every request.
    with django_assert_max_num_queries(9):
        client.get("/staff/")
    for i in range(3):
        make_staff("coordinator", username=f"c{i}")
    with django_assert_max_num_queries(9):
        assert client.get("/staff/").status_code == 200
