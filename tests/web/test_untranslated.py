"""No Dutch page shows an English source string of the catalogues.

Every staff page (the URL configuration walked as in ``test_permission_matrix``, for each role
that may open it) and the pages and documents a participant gets are rendered in Dutch, with
data that makes them say something: a published plan with its warnings, a plan the engine could
not group (its reasons), a failed planning run, claims, a survey wave with answers, a message in
the outbox, the personal pages of a signed-in expert and student.

A msgid gives itself away when one of its *telltales* appears in a page's text:

- only msgids whose Dutch translation differs count (one that reads the same in Dutch, such as
  "IBAN" or "Status", proves nothing);
- a msgid is cut at its placeholders (``%(name)s``, ``{{ name }}``, ``{name}``) and its markup;
  each literal part with at least 4 letters is a telltale;
- a telltale counts only when one of its words is not Dutch, that is, occurs in no Dutch
  translation of the catalogue: "Lunch", "Student" or "Planning" are Dutch words too, and a
  Dutch page may show them;
- it is matched as whole words (a hyphen joins: "Message-ID" is not "message") and ignoring
  case (``capfirst`` or ``upper`` hides nothing) in the text a person reads: tags stripped,
  entities decoded, ``title``, ``placeholder``, ``aria-label``, ``alt`` and button values
  included; left out are scripts, styles, what a person typed into a text area, e-mail and web
  addresses (data) and the ``{{ placeholders }}`` the message editor lists (code);
- the language switcher names each language in that language ("English", "italiano"): those
  names are meant to be shown as they are.

So an English sentence of the engine or a view on a Dutch page (a translation gone missing, a
string shown without ``gettext``, a stored code shown instead of its label) fails the test,
naming the page and the msgid. The English control below proves the check sees such sentences.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.conf import settings
from django.test import Client
from django.utils.translation import get_language_info

from ontmoeting.editions.invitations import create_invitation
from ontmoeting.engine.model import PlanSettings
from ontmoeting.messaging.services import queue_message
from ontmoeting.planning.jobs import enqueue_plan, run_pending_jobs
from ontmoeting.planning.publish import publish_plan
from ontmoeting.planning.services import plan_edition
from ontmoeting.surveys import services as surveys
from ontmoeting.surveys import vault
from ontmoeting.surveys.defaults import ensure_default_instruments
from ontmoeting.surveys.models import Answer
from tests.documents.builders import pdf_text
from tests.factories import (
    EditionFactory,
    KnowsLinkFactory,
    ParticipantFactory,
    ProgrammeBlockFactory,
)
from tests.surveys.helpers import LIKERT_ALL_4, answer, open_wave, token_for
from tests.web.expenses_factories import private_receipts, submitted
from tests.web.plans_factories import QUICK, plannable_edition
from tests.web.portal_factories import path_of, sign_in
from tests.web.test_permission_matrix import ROLES, _url, staff_pages

pytestmark = pytest.mark.django_db
__all__ = ["private_receipts"]

CATALOGUE = Path(__file__).resolve().parents[2] / "src/ontmoeting/locale/nl/LC_MESSAGES/django.po"
#: Placeholders and markup: where a msgid is cut into its literal parts.
CUT = re.compile(r"%\(\w+\)[-+ #0-9.]*[sdfr]|%[sd]|\{\{.*?\}\}|\{\w*\}|<[^>]*>")
#: A word of running text ("e-mail", "cliënt's"); a token with a digit or "_" is no word.
WORD = re.compile(r"(?<![\w-])[^\W\d_]+(?:['’-][^\W\d_]+)*(?![\w-])")
#: Attributes a person reads or hears.
READ_ATTRIBUTES = {"title", "placeholder", "aria-label", "alt"}
#: Elements whose content is not interface text: code, and what a person typed into a field.
SKIPPED = {"script", "style", "textarea", "code"}
#: Not interface text: addresses are data ("anna@example.org", "https://example.org/…"), the
#: placeholders the message editor lists ("{{ room }}") are code.
NOT_TEXT = re.compile(r"\S+@\S+|https?://\S+|\{\{.*?\}\}")


def _messages():
    """(msgid, Dutch) of every message of the Dutch catalogue, plural forms included."""
    with CATALOGUE.open("rb") as f:
        catalogue = read_po(f, locale="nl")
    for message in catalogue:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for index, msgid in enumerate(ids):
            yield msgid, strings[min(index, len(strings) - 1)]


def telltales() -> dict[str, str]:
    """The literal parts of English msgids a Dutch page must never show -> their msgid."""
    messages = list(_messages())
    dutch = {w.lower() for _msgid, nl in messages for w in WORD.findall(CUT.sub(" ", nl))}
    found: dict[str, str] = {}
    for msgid, nl in messages:
        if nl == msgid:
            continue
        for part in CUT.split(msgid.replace("%%", "%")):
            part = " ".join(part.split()).strip(" .,:;·–—()[]\"'")
            words = WORD.findall(part)
            if sum(map(len, words)) >= 4 and any(w.lower() not in dutch for w in words):
                found.setdefault(part.lower(), msgid)
    return found


class _Reader(HTMLParser):
    """The text of a page as a person reads it (see the module's docstring)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag in SKIPPED:
            self._skipping += 1
        self.parts += [v or "" for k, v in attributes.items() if k in READ_ATTRIBUTES]
        if tag == "input" and attributes.get("type") in ("submit", "button"):
            self.parts.append(attributes.get("value") or "")

    def handle_endtag(self, tag):
        if tag in SKIPPED:
            self._skipping -= 1

    def handle_data(self, data):
        if not self._skipping:
            self.parts.append(data)


def page_text(html: str) -> str:
    reader = _Reader()
    reader.feed(html)
    reader.close()
    return " ".join(NOT_TEXT.sub(" ", unescape(" ".join(reader.parts))).split())


def readable_text(response) -> str | None:
    """What a person reads in a page or a PDF; None for other downloads."""
    kind = response.headers.get("Content-Type", "")
    if kind.startswith("text/html"):
        text = page_text(response.content.decode())
    elif kind.startswith("application/pdf"):
        text = " ".join(" ".join(pdf_text(response.content)).split())
    else:
        return None
    for name in {get_language_info(code)["name_local"] for code, _name in settings.LANGUAGES}:
        text = text.replace(name, " ")
    return text


def untranslated(text: str, found: dict[str, str]) -> list[str]:
    """The msgids whose telltales ``text`` shows; a telltale inside a longer one that matched
    there ("chairs" inside "experts are willing to chair") names only the longer one's msgid."""
    lowered = text.lower()
    spans = [
        (match.start(), match.end(), msgid)
        for part, msgid in found.items()
        if part in lowered
        for match in re.finditer(rf"(?<![\w-]){re.escape(part)}(?![\w-])", lowered)
    ]
    return sorted(
        {
            msgid
            for start, end, msgid in spans
            if not any(s <= start and end <= e and e - s > end - start for s, e, _m in spans)
        }
    )


#: The documents of an edition and the pages of a signed-in participant.
DOCUMENTS = ("schedule_cards", "badges", "door_signs", "chair_sheets", "attendance")
PERSONAL_PAGES = (
    "/me/",
    "/me/needs/",
    "/me/cancel/",
    "/me/consent/",
    "/me/expenses/",
    "/me/schedule.pdf",
)


@dataclass
class World:
    edition: object
    users: dict
    staff_values: dict
    participant_pages: list  # (client, url)
    extra_staff_urls: list


@pytest.fixture
def world(make_staff, settings):
    """One edition with everything its pages can say something about."""
    edition, students, experts = plannable_edition(n_pairs=12, chairs=3)
    plan, _result = plan_edition(edition, actor="test", seed=1, settings=QUICK)
    publish_plan(plan, actor="test")
    # afterwards a student turns out to know their morning expert
    a, b = sorted((students[0], plan.pairs.get(student=students[0]).expert), key=lambda p: p.pk)
    KnowsLinkFactory(edition=edition, a=a, b=b)
    # groups of 2-4 need more chairs than the three willing ones: a version without groups
    no_groups = PlanSettings(group_min_size=2, group_max_size=4, time_limit=1.0)
    plan_edition(edition, actor="test", seed=1, settings=no_groups)
    # a run that fails: an edition with a student and no expert
    empty = EditionFactory(year=2027)
    ParticipantFactory(edition=empty, role="student", ref="S1")
    job = enqueue_plan(empty, actor="test", settings=QUICK)
    run_pending_jobs()

    claim = submitted(experts[1])
    submitted(experts[2])
    message = queue_message(
        kind="confirmation",
        person=experts[0].person,
        participant=experts[0],
        context={},
        actor="test",
    )
    ProgrammeBlockFactory(edition=edition, kind="debriefing", starts=dt.time(16), ends=dt.time(17))
    ensure_default_instruments()
    wave = open_wave(edition, "pre")
    surveys.invite_wave(wave=wave, actor="test")
    invitees = vault.invitees(wave)
    for invitee in invitees[:3]:
        answer(invitee.invite, {**LIKERT_ALL_4, "open_thoughts": "Meer tijd om te praten"})

    users = {role: make_staff(role) for role in ROLES}
    staff_values = {
        "edition_id": edition.pk,
        "year": edition.year,
        "participant_id": experts[0].pk,
        "version": 1,
        "claim_id": claim.pk,
        "message_id": message.pk,
        "user_id": users["coordinator"].pk,
        "block_id": edition.blocks.first().pk,
        "room_id": edition.venue.rooms.first().pk,
        "wave_id": wave.pk,
        "instrument_id": wave.instrument_id,
        "answer_id": Answer.objects.filter(item__code="open_thoughts").first().pk,
        "kind": "invitation",
        "language": "nl",
    }
    base = f"/editions/{edition.pk}"
    extra_staff_urls = [
        f"{base}/plans/2/",
        f"/editions/{empty.pk}/plans/runs/{job.pk}/",
        *(f"{base}/documents/{kind}/" for kind in DOCUMENTS),
        "/account/password/",
        "/account/password/done/",
    ]
    participant_pages = []
    # an expert whose claim is sent, an expert filling one in, a student
    for participant in (experts[1], experts[3], students[1]):
        signed_in = Client()
        sign_in(signed_in, participant)
        participant_pages += [(signed_in, url) for url in PERSONAL_PAGES]
    visitor = Client()
    _invitation, link = create_invitation(edition=edition, self_help_group=None, actor="test")
    participant_pages += [
        (visitor, url)
        for url in (
            "/login/",
            "/login/reset/",
            "/login/reset/sent/",
            "/login/reset/done/",
            "/me/new-link/",
            path_of(link),
            "/register/done/",
            f"/research/s/{token_for(invitees[-1].invite)}/",
        )
    ]
    return World(edition, users, staff_values, participant_pages, extra_staff_urls)


def _pages(world):
    """(client, url) of every page to read: each staff page for each role that may open it,
    then what participants and visitors see."""
    clients = {}
    for role in ROLES:
        clients[role] = Client()
        clients[role].force_login(world.users[role])
    for route, allowed in staff_pages():
        for role in allowed:
            yield clients[role], _url(route, world.staff_values)
    for url in world.extra_staff_urls:
        yield clients["coordinator"], url
    yield from world.participant_pages


def test_no_dutch_page_shows_an_english_source_string(world):
    found = telltales()
    read, shown = set(), []
    for client, url in _pages(world):
        response = client.get(url)
        text = readable_text(response) if response.status_code == 200 else None
        if text is None:
            continue
        read.add(url)
        shown += [(url, msgid) for msgid in untranslated(text, found)]
    assert shown == [], "\n".join(map(str, shown))
    base = f"/editions/{world.edition.pk}"
    claim = world.staff_values["claim_id"]
    key_pages = {
        f"{base}/plans/1/",
        f"{base}/expenses/{claim}/",
        "/me/",
        "/me/expenses/",
        "/login/",
    }
    assert key_pages | set(world.extra_staff_urls) <= read
    assert len(read) > 60


@pytest.mark.english
def test_the_check_finds_the_engines_english_on_an_english_page(world):
    """The control: the same pages in English show the engine's reasons in English, and the
    check names their msgids, so a Dutch page that showed them would fail."""
    client = Client()
    client.force_login(world.users["coordinator"])
    response = client.get(f"/editions/{world.edition.pk}/plans/2/")
    text = readable_text(response)
    assert "8 groups need 8 chairs; 3 experts are willing to chair." in text
    assert {
        "%(groups)s groups need %(groups)s chairs; %(chairs)s experts are willing to chair.",
        "There are no afternoon groups for the %(members)s people who take part.",
    } <= set(untranslated(text, telltales()))


def test_dutch_words_placeholders_and_addresses_are_not_telltales():
    found = telltales()
    dutch = (
        "Lunch om 12:00 in Restaurant · Student S001 · Planning 2026 · Status: bevestigd · "
        "Verzonden 1, uitgesteld 0, mislukt 0. · anna@example.org · {{ room }} lokaal · "
        "Message-ID"
    )
    assert untranslated(page_text(f"<p>{dutch}</p>"), found) == []
    english = '<button title="Log out">x</button><p>SENT, WAITING FOR APPROVAL</p>'
    assert set(untranslated(page_text(english), found)) >= {
        "Log out",
        "sent, waiting for approval",
    }
