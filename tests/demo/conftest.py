"""The demo built once for the tests of this folder."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from ontmoeting.demo.builder import STAFF_USERS, reset_demo
from ontmoeting.privacy.models import AuditEntry
from tests.demo.building import SEED, Built, fingerprint, research_fingerprint, run_demo


@pytest.fixture(scope="package")
def built(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo built once for this folder (committed), removed again afterwards."""
    out = tmp_path_factory.mktemp("demo")
    with django_db_blocker.unblock():
        before = AuditEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        code, output = run_demo("--seed", str(SEED), "--out", str(out))
        yield Built(
            code=code,
            output=output,
            fingerprint=fingerprint(),
            research_fingerprint=research_fingerprint(),
            out=out,
        )
        reset_demo()
        get_user_model().objects.filter(username__in=[u for u, _r, _a in STAFF_USERS]).delete()
        # Every entry the build and the tests of this folder wrote (the demo's claims are
        # audited under their users' names, not "demo").
        AuditEntry.objects.filter(pk__gt=before).delete()
