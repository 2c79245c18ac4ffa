"""The whole pack made by the worker: the page enqueues it, shows its state and, once it is
ready, offers the ZIP of the plan published now; nothing is made inside a web request."""

from __future__ import annotations

import datetime as dt
import io
import stat
import zipfile

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from ontmoeting.background.worker import WorkerOptions, run
from ontmoeting.documents.builds import enqueue_pack, pack_path, requeue_if_silent
from ontmoeting.documents.models import BuildStatus, PackBuild
from ontmoeting.planning.models import Plan, PlanStatus
from ontmoeting.privacy.models import AuditEntry
from tests.documents.builders import build_edition, flat, pdf_text

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def private_var(settings, tmp_path):
    """The packs are kept under VAR_DIR: a folder of this test's own."""
    settings.VAR_DIR = tmp_path / "var"
    return settings.VAR_DIR


def _page(client, edition) -> str:
    response = client.get(f"/editions/{edition.pk}/documents/")
    assert response.status_code == 200
    return response.content.decode()


def _work() -> None:
    run(WorkerOptions(batch=True, schedule=False))


def test_coordinator_makes_the_pack_in_the_worker_and_downloads_it(client, make_staff, private_var):
    built = build_edition(
        pairs=2,
        names=[("Lotte", "Claes"), ("Mehdi", "Aerts"), ("Rita", "Peeters"), ("Jan", "Wouters")],
    )
    coordinator = make_staff("coordinator")
    client.force_login(coordinator)
    base = f"/editions/{built.edition.pk}/documents/"

    response = client.post(base + "pack/make/")
    assert response.status_code == 302
    assert client.post(base + "pack/make/").status_code == 302  # a second click: same making
    build = PackBuild.objects.get()
    assert (build.status, build.plan_version, build.language) == (BuildStatus.QUEUED, 1, "nl")
    assert DBTaskResult.objects.count() == 1  # one task, not two
    html = _page(client, built.edition)
    assert 'data-status="queued"' in html
    assert 'hx-trigger="every 1s"' in html  # the page follows the making
    assert 'data-testid="make-pack"' not in html
    assert 'data-testid="download-pack"' not in html

    _work()

    build.refresh_from_db()
    assert build.status == BuildStatus.DONE, build.error
    html = _page(client, built.edition)
    assert 'data-status="done"' in html
    assert "every 1s" not in html
    assert 'data-testid="download-pack"' in html
    partial = client.get(base + "pack/status/", headers={"HX-Request": "true"})
    assert 'data-testid="download-pack"' in partial.content.decode()

    path = pack_path(build)
    assert path.is_relative_to(private_var)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert build.size == path.stat().st_size

    response = client.get(base + "pack.zip")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert 'filename="documents-2026-v1.zip"' in response["Content-Disposition"]
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        names = archive.namelist()
        assert all(n.startswith("documents-2026-v1/") for n in names)
        assert len(names) == build.files == 7 + 2 * 4
        badges = pdf_text(archive.read("documents-2026-v1/badges.pdf"))
        card = pdf_text(
            archive.read("documents-2026-v1/cards/student-" + _ref(built) + "-lotte-claes.pdf")
        )
        students = pdf_text(archive.read("documents-2026-v1/schedule-cards-student.pdf"))
    assert len(badges) == 1
    assert "Lotte" in flat(badges[0])
    assert "Rita" in flat(badges[0])
    assert len(card) == 1
    assert "Lotte" in card[0]
    assert len(students) == 2
    made = AuditEntry.objects.get(action="documents.pack.build")
    assert made.actor == coordinator
    download = AuditEntry.objects.get(action="documents.pack")
    assert (download.actor, download.data["plan_version"]) == (coordinator, 1)


def _ref(built) -> str:
    return built.students[0].ref.lower()


@pytest.mark.parametrize("role", ["researcher", "admin", "helper", "finance", None])
def test_only_coordinators_make_or_download_the_pack(
    client, make_staff, django_user_model, private_var, role
):
    built = build_edition(pairs=1)
    build = enqueue_pack(built.edition, language="nl", actor="test")
    _work()
    build.refresh_from_db()
    assert build.status == BuildStatus.DONE
    user = make_staff(role) if role else django_user_model.objects.create_user("visitor-staffless")
    client.force_login(user)
    base = f"/editions/{built.edition.pk}/documents/"
    assert client.get(base + "pack.zip").status_code == 403
    assert client.post(base + "pack/make/").status_code == 403
    assert client.get(base + "pack/status/", headers={"HX-Request": "true"}).status_code == 403
    assert PackBuild.objects.count() == 1
    assert not AuditEntry.objects.filter(action="documents.pack").exists()


def test_a_pack_that_cannot_be_made_shows_failed(client, make_staff, settings, tmp_path):
    (tmp_path / "var").write_text("not a folder")  # the disk refuses the file
    settings.VAR_DIR = tmp_path / "var"
    built = build_edition(pairs=1)
    client.force_login(make_staff("coordinator"))
    client.post(f"/editions/{built.edition.pk}/documents/pack/make/")
    _work()
    build = PackBuild.objects.get()
    assert build.status == BuildStatus.FAILED
    assert build.file == ""
    html = _page(client, built.edition)
    assert 'data-status="failed"' in html
    assert "NotADirectoryError" in build.error
    assert "NotADirectoryError" in html  # the coordinator sees why
    assert 'data-testid="download-pack"' not in html
    assert 'data-testid="make-pack"' in html  # it can be tried again
    response = client.get(f"/editions/{built.edition.pk}/documents/pack.zip")
    assert response.status_code == 302


def test_a_pack_of_an_older_plan_version_is_never_served_as_current(
    client, make_staff, private_var
):
    built = build_edition(pairs=1)
    old = enqueue_pack(built.edition, language="nl", actor="test")
    _work()
    built.plan.status = PlanStatus.DRAFT
    built.plan.save()
    Plan.objects.create(edition=built.edition, version=2, status=PlanStatus.PUBLISHED)
    client.force_login(make_staff("coordinator"))
    response = client.get(f"/editions/{built.edition.pk}/documents/pack.zip")
    assert response.status_code == 302
    html = _page(client, built.edition)
    assert 'data-testid="pack-outdated"' in html
    assert 'data-testid="download-pack"' not in html
    new = enqueue_pack(built.edition, language="nl", actor="test")
    assert new != old
    assert new.plan_version == 2


def test_a_making_nothing_was_heard_of_is_shown_failed_and_started_again(private_var):
    built = build_edition(pairs=1)
    stuck = enqueue_pack(built.edition, language="nl", actor="test")
    long_ago = timezone.now() - dt.timedelta(hours=1)
    PackBuild.objects.filter(pk=stuck.pk).update(status=BuildStatus.RUNNING, heartbeat=long_ago)
    again = enqueue_pack(built.edition, language="nl", actor="test")
    stuck.refresh_from_db()
    assert stuck.status == BuildStatus.FAILED
    assert again.status == BuildStatus.QUEUED


def test_a_making_whose_worker_died_goes_back_in_the_queue(private_var):
    built = build_edition(pairs=1)
    build = enqueue_pack(built.edition, language="nl", actor="test")
    long_ago = timezone.now() - dt.timedelta(minutes=2)
    PackBuild.objects.filter(pk=build.pk).update(status=BuildStatus.RUNNING, heartbeat=long_ago)
    assert requeue_if_silent(build.pk, silent_for=dt.timedelta(minutes=1))
    _work()
    build.refresh_from_db()
    assert build.status == BuildStatus.DONE, build.error


def test_a_kept_pack_goes_when_a_person_of_its_edition_is_erased(private_var):
    from ontmoeting.privacy.subject import erase_person

    built = build_edition(pairs=1)
    build = enqueue_pack(built.edition, language="nl", actor="test")
    _work()
    build.refresh_from_db()
    path = pack_path(build)
    assert path.is_file()
    counts = erase_person(built.students[0].person, actor="test")
    assert counts["document_packs"] == 1
    assert not path.exists()
    build.refresh_from_db()
    assert build.file == ""


def test_a_kept_pack_goes_with_its_edition(private_var):
    built = build_edition(pairs=1)
    build = enqueue_pack(built.edition, language="nl", actor="test")
    _work()
    build.refresh_from_db()
    path = pack_path(build)
    assert path.is_file()
    built.edition.delete()
    assert not path.exists()
