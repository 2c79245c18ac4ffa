"""The coding page and its QDA export: researchers read open answers scrubbed, under keyed
pseudonyms; a coordinator may read the original text, and that read is audited."""

from __future__ import annotations

import csv
import io

import pytest

from ontmoeting.privacy.models import AuditEntry
from ontmoeting.surveys import services, vault
from ontmoeting.surveys.models import Answer, CodedSegment
from ontmoeting.surveys.pseudonyms import keyed_pseudonym, study_scope
from tests.surveys.helpers import LIKERT_ALL_4, answer, edition_with_debriefing, open_wave, students

pytestmark = pytest.mark.django_db

STORY = (
    "Mijn buurvrouw Annelies Verstraete (annelies.v@example.org, 0470 12 34 56) woont in de "
    "Kerkstraat 12, 9000 Gent."
)
SCRUBBED = "Mijn buurvrouw [NAME] ([EMAIL], [PHONE]) woont in de [ADDRESS]."
SECRETS = ["Annelies", "Verstraete", "annelies.v@example.org", "0470 12 34 56", "Kerkstraat 12"]
PAPER_STORY = "Signora Rossi mi ha chiamato al 333 123 4567."


@pytest.fixture
def data():
    """An edition whose post wave holds the story (online, by a study code) and an Italian
    paper form (by a self-made code); the person named in the story is in the database."""
    edition = edition_with_debriefing(2026)
    people = students(edition, 2)
    people[1].person.first_name, people[1].person.last_name = "Annelies", "Verstraete"
    people[1].person.save()
    post = open_wave(edition, "post")
    services.invite_wave(wave=post, actor="t")
    invite = vault.invitees(post)[0].invite
    online = answer(invite, {**LIKERT_ALL_4, "open_thoughts": STORY})
    paper = services.enter_paper_response(
        wave=post,
        self_code="MA07GE",
        answers={**LIKERT_ALL_4, "open_thoughts": PAPER_STORY},
        actor="t",
    )
    scope = study_scope(2026, "students")
    return {
        "edition": edition,
        "story": online.answers.get(item__code="open_thoughts"),
        "code": invite.study_code.code,
        "pseudonym": keyed_pseudonym(scope, invite.study_code.code),
        "paper_pseudonym": keyed_pseudonym(scope, "self:MA07GE"),
        "paper": paper,
    }


def _page(client, data, query: str = ""):
    return client.get(f"/research/editions/{data['edition'].pk}/coding/{query}")


def _code(client, data, excerpt: str, *, original: bool = False):
    code = services.create_code(label="neighbours", actor="t")
    post = {"codes": [code.pk], "excerpt": excerpt} | ({"text": "original"} if original else {})
    url = f"/research/editions/{data['edition'].pk}/coding/answers/{data['story'].pk}/"
    return client.post(url, post)


def test_researchers_read_the_scrubbed_text_under_keyed_pseudonyms(client, make_staff, data):
    client.force_login(make_staff("researcher"))
    response = _page(client, data)
    body = response.content.decode()
    texts = {a.pk: a.text for a in response.context["answers"]}
    assert texts[data["story"].pk] == SCRUBBED
    assert [s for s in [*SECRETS, data["code"], "MA07GE", "Rossi", "333 123"] if s in body] == []
    assert [a.pseudonym for a in response.context["answers"]] == [
        data["pseudonym"],
        data["paper_pseudonym"],
    ]
    assert AuditEntry.objects.filter(action="surveys.open_answers_read").count() == 0


def test_a_researcher_asking_for_the_original_text_is_refused(client, make_staff, data):
    client.force_login(make_staff("researcher"))
    assert _page(client, data, "?text=original").status_code == 403
    assert _code(client, data, "Kerkstraat", original=True).status_code == 403
    assert AuditEntry.objects.filter(action="surveys.open_answers_read").count() == 0


def test_a_coordinator_reads_the_original_text_and_the_read_is_audited(client, make_staff, data):
    coordinator = make_staff("coordinator")
    client.force_login(coordinator)
    masked = _page(client, data)
    assert 'data-testid="show-original"' in masked.content.decode()
    assert STORY not in masked.content.decode()
    assert AuditEntry.objects.filter(action="surveys.open_answers_read").count() == 0

    response = _page(client, data, "?text=original")

    texts = [a.text for a in response.context["answers"]]
    assert texts == [STORY, PAPER_STORY]
    entry = AuditEntry.objects.get(action="surveys.open_answers_read")
    assert (entry.actor, entry.object_type, entry.object_id) == (
        coordinator,
        "editions.edition",
        str(data["edition"].pk),
    )
    assert entry.data["answers"] == [
        data["story"].pk,
        data["paper"].answers.get(item__code="open_thoughts").pk,
    ]


def test_a_researcher_codes_an_excerpt_of_the_scrubbed_text(client, make_staff, data):
    client.force_login(make_staff("researcher"))
    response = _code(client, data, "woont in de [ADDRESS]")
    assert response.status_code == 302
    assert list(CodedSegment.objects.values_list("excerpt", flat=True)) == ["woont in de [ADDRESS]"]
    page = _page(client, data)
    (shown,) = [a for a in page.context["answers"] if a.segments]
    assert [s.excerpt for s in shown.segments] == ["woont in de [ADDRESS]"]


def test_a_researcher_cannot_probe_the_hidden_text_with_an_excerpt(client, make_staff, data):
    """An excerpt taken from the original text is refused: else its acceptance would tell
    what the scrubber hid."""
    client.force_login(make_staff("researcher"))
    _code(client, data, "Kerkstraat 12")
    assert CodedSegment.objects.count() == 0


def test_an_excerpt_a_coordinator_took_from_the_original_is_scrubbed_for_researchers(
    client, make_staff, data
):
    client.force_login(make_staff("coordinator"))
    response = _code(client, data, "Annelies Verstraete (annelies", original=True)
    assert response.status_code == 302
    assert response["Location"].endswith(f"?text=original#answer-{data['story'].pk}")
    client.force_login(make_staff("researcher"))
    page = _page(client, data)
    (shown,) = [a for a in page.context["answers"] if a.segments]
    assert [s.excerpt for s in shown.segments] == ["[NAME] ([EMAIL]"]
    rows = _qda_rows(client, data)
    assert [r["excerpts"] for r in rows] == ["neighbours: [NAME] ([EMAIL]", ""]


def _qda_rows(client, data) -> list[dict[str, str]]:
    response = client.get(f"/research/editions/{data['edition'].pk}/coding/export.csv")
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_the_qda_export_holds_scrubbed_texts_under_keyed_pseudonyms(client, make_staff, data):
    client.force_login(make_staff("researcher"))
    response = client.get(f"/research/editions/{data['edition'].pk}/coding/export.csv")
    content = response.content.decode("utf-8-sig")
    rows = _qda_rows(client, data)
    assert [(r["pseudonym"], r["text"]) for r in rows] == [
        (data["pseudonym"], SCRUBBED),
        (data["paper_pseudonym"], "Signora [NAME] mi ha chiamato al [PHONE]."),
    ]
    assert "study_code" not in content.splitlines()[0]
    assert [s for s in [*SECRETS, data["code"], "self:", "MA07GE"] if s in content] == []
    assert Answer.objects.get(pk=data["story"].pk).value_text == STORY  # stored as given
