"""The desk on a phone, in Dutch: a badge scanned by the camera, a search and a tap, a network
that drops and comes back, and the board that follows.

The camera is Chromium's fake capture device playing a Y4M video made here from the QR code of a
real participant's badge token (the code the badge PDF prints). The network drop is Playwright's
offline mode. Every outcome is checked in the database as well as on the page.
"""

from __future__ import annotations

import datetime as dt
import json
import re

import numpy as np
import pytest
import qrcode
from PIL import Image
from playwright.sync_api import expect

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS
from tests.factories import EditionFactory, ParticipantFactory, PersonFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

WIDTH, HEIGHT = 640, 480


def write_y4m(text: str, path, frames: int = 5) -> None:
    """A short Y4M video (4:2:0, full-range luma) of ``text`` as a QR code on white paper."""
    code = qrcode.QRCode(border=4, box_size=8)
    code.add_data(text)
    image = code.make_image(fill_color="black", back_color="white").get_image().convert("L")
    side = min(HEIGHT - 40, image.width)
    image = image.resize((side, side), Image.Resampling.NEAREST)
    paper = Image.new("L", (WIDTH, HEIGHT), 255)
    paper.paste(image, ((WIDTH - side) // 2, (HEIGHT - side) // 2))
    luma = np.asarray(paper, dtype=np.uint8).tobytes()
    chroma = np.full((HEIGHT // 2) * (WIDTH // 2), 128, dtype=np.uint8).tobytes()
    with open(path, "wb") as video:
        video.write(f"YUV4MPEG2 W{WIDTH} H{HEIGHT} F10:1 Ip A1:1 C420jpeg\n".encode())
        for _ in range(frames):
            video.write(b"FRAME\n" + luma + chroma + chroma)


def _edition():
    from django.utils import timezone

    from ontmoeting.editions.enums import EditionStatus

    today = timezone.localdate()
    return EditionFactory(
        year=today.year,
        date=today,
        window_start=today - dt.timedelta(days=7),
        window_end=today + dt.timedelta(days=7),
        status=EditionStatus.PUBLISHED,
    )


def _expert(edition, first, last, ref):
    from ontmoeting.editions.enums import ParticipantRole, ParticipantStatus

    return ParticipantFactory(
        edition=edition,
        person=PersonFactory(first_name=first, last_name=last),
        role=ParticipantRole.EXPERT,
        status=ParticipantStatus.CONFIRMED,
        ref=ref,
    )


def _sign_in(page, live_server, user) -> None:
    page.goto(f"{live_server.url}/login/", timeout=60_000)
    page.fill("#id_username", user.username)
    page.fill("#id_password", "correct horse battery staple")
    page.press("#id_password", "Enter")
    page.wait_for_url(f"{live_server.url}/day/")


@pytest.fixture
def camera_page(browser, tmp_path):
    """A page in a separate Chromium whose camera films the file given to ``open(video)``."""
    opened = []

    def open_with(video):
        camera = browser.browser_type.launch(
            executable_path=CHROMIUM,
            args=[
                *CHROMIUM_ARGS,
                "--use-fake-ui-for-media-stream",
                "--use-fake-device-for-media-stream",
                f"--use-file-for-fake-video-capture={video}",
            ],
        )
        context = camera.new_context(
            locale="nl-BE", viewport={"width": 390, "height": 844}, permissions=["camera"]
        )
        opened.append(camera)
        page = context.new_page()
        page.set_default_timeout(30_000)
        return page

    yield open_with
    for camera in opened:
        camera.close()


def test_a_helper_scans_a_badge_with_the_phone_camera(
    live_server, camera_page, make_staff, axe, tmp_path
):
    from ontmoeting.dayof.models import Attendance, DeskAction
    from ontmoeting.documents.checkin import checkin_token
    from ontmoeting.editions.enums import ParticipantStatus

    helper = make_staff("helper")
    edition = _edition()
    anna = _expert(edition, "Anna", "Peeters", "E001")
    _expert(edition, "Bart", "Claes", "E002")
    video = tmp_path / "badge.y4m"
    write_y4m(checkin_token(anna), video)
    page = camera_page(video)
    sent = []
    page.on(
        "request",
        lambda r: (
            sent.append(json.loads(r.post_data or "{}")) if r.url.endswith("/sync/") else None
        ),
    )
    problems = []
    page.on("console", lambda m: problems.append(m.text) if "Security Policy" in m.text else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    _sign_in(page, live_server, helper)
    page.goto(f"{live_server.url}/day/{edition.pk}/desk/")
    axe(page)

    page.get_by_test_id("desk-scan").click()
    expect(page.get_by_test_id("desk-flash")).to_contain_text("Anna Peeters is aanwezig.")
    expect(page.get_by_test_id("desk-scan-stop")).to_be_visible()
    axe(page)
    anna.refresh_from_db()
    assert anna.status == ParticipantStatus.PRESENT
    assert list(DeskAction.objects.values_list("participant", "kind")) == [(anna.pk, "arrive")]
    assert Attendance.objects.get(participant=anna).arrived is not None
    # The badge stays in front of the camera: within a few seconds it is not sent again.
    page.wait_for_timeout(2_000)
    tokens = [t.get("token") for batch in sent for t in batch.get("taps", [])]
    assert tokens == [checkin_token(anna)]
    page.get_by_test_id("desk-scan-stop").click()
    expect(page.get_by_test_id("desk-scan")).to_be_visible()
    assert DeskAction.objects.count() == 1
    assert problems == []  # the strict CSP held: nothing refused, no script error


def test_a_badge_of_another_edition_is_refused_at_the_scan(
    live_server, camera_page, make_staff, tmp_path
):
    from ontmoeting.dayof.models import DeskAction
    from ontmoeting.documents.checkin import checkin_token

    helper = make_staff("helper")
    edition = _edition()
    other = EditionFactory(year=edition.year - 1)
    stranger = _expert(other, "Chris", "Wouters", "E009")
    video = tmp_path / "stranger.y4m"
    write_y4m(checkin_token(stranger), video)
    page = camera_page(video)
    _sign_in(page, live_server, helper)
    page.goto(f"{live_server.url}/day/{edition.pk}/desk/")
    page.get_by_test_id("desk-scan").click()
    expect(page.get_by_test_id("desk-flash")).to_contain_text(
        "deze persoon neemt niet deel aan deze editie"
    )
    expect(page.locator("#desk-flash p.error")).to_be_visible()
    assert DeskAction.objects.count() == 0


def test_search_tap_and_a_network_drop_lose_nothing_and_the_board_follows(
    live_server, page, make_staff, axe
):
    from django.utils import timezone

    from ontmoeting.dayof.models import Attendance, DeskAction
    from ontmoeting.editions.enums import ParticipantStatus

    helper = make_staff("helper")
    edition = _edition()
    bart = _expert(edition, "Bart", "Peeters", "E002")
    dirk = _expert(edition, "Dirk", "Claes", "E003")
    els = _expert(edition, "Els", "Claes", "E004")
    _expert(edition, "Fien", "Maes", "E005")
    page.set_viewport_size({"width": 390, "height": 844})
    _sign_in(page, live_server, helper)

    # (b) Search by name, one tap.
    page.goto(f"{live_server.url}/day/{edition.pk}/desk/")
    page.fill("[data-testid=desk-q]", "bart")
    page.get_by_test_id("arrive-E002").click()
    expect(page.get_by_test_id("desk-flash")).to_contain_text("Bart Peeters is aanwezig.")
    expect(page.get_by_test_id("leave-E002")).to_be_visible()  # the results follow
    bart.refresh_from_db()
    assert bart.status == ParticipantStatus.PRESENT

    # (c) The network drops: two taps wait on the device, with their own time.
    page.fill("[data-testid=desk-q]", "claes")
    expect(page.get_by_test_id("arrive-E004")).to_be_visible()
    page.context.set_offline(True)
    tapped = {}
    for person, ref in ((dirk, "E003"), (els, "E004")):
        before = timezone.now()
        page.get_by_test_id(f"arrive-{ref}").click()
        tapped[person.pk] = (before, timezone.now())
        page.wait_for_timeout(1_500)
    queue = page.get_by_test_id("desk-queue")
    expect(queue).to_be_visible()
    expect(queue).to_have_attribute("data-count", "2")
    expect(page.get_by_test_id("desk-queue-count")).to_contain_text("2")
    expect(queue).to_contain_text("Dirk Claes")
    expect(queue).to_contain_text("Els Claes")
    expect(page.get_by_test_id("desk-E003")).to_have_class(re.compile(r"\bwaiting\b"))
    stored = page.evaluate(f"localStorage.getItem('ontmoeting.desk.{edition.pk}.waiting')")
    assert sorted(t["participant"] for t in json.loads(stored)) == sorted([dirk.pk, els.pk])
    axe(page)
    assert DeskAction.objects.filter(participant__in=[dirk, els]).count() == 0
    page.wait_for_timeout(3_000)  # long enough that a send time would differ from the tap's

    page.context.set_offline(False)
    expect(queue).to_be_hidden()
    expect(page.get_by_test_id("desk-flash")).to_contain_text("Dirk Claes is aanwezig.")
    expect(page.get_by_test_id("desk-flash")).to_contain_text("Els Claes is aanwezig.")
    assert page.evaluate(f"localStorage.getItem('ontmoeting.desk.{edition.pk}.waiting')") == "[]"
    for person in (dirk, els):
        person.refresh_from_db()
        assert person.status == ParticipantStatus.PRESENT
        before, after = tapped[person.pk]
        arrived = Attendance.objects.get(participant=person).arrived
        slack = dt.timedelta(seconds=1)
        assert before - slack <= arrived <= after + slack, (person, arrived, before, after)
    actions = list(DeskAction.objects.values_list("participant", "kind"))
    assert sorted(actions) == sorted([(bart.pk, "arrive"), (dirk.pk, "arrive"), (els.pk, "arrive")])

    # (d) The board: three of the four experts here, Fien missing.
    page.goto(f"{live_server.url}/day/{edition.pk}/board/")
    counts = page.get_by_test_id("board-counts").locator("tbody tr").first
    expect(counts.locator("td")).to_have_text(["Ervaringsdeskundige", "4", "3", "1"])
    expect(page.get_by_test_id("call-expert")).to_contain_text("1 ervaringsdeskundige ontbreekt")
    axe(page)
