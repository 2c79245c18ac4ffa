"""Keyed pseudonyms: trying every self-made code finds nothing without the research key."""

from __future__ import annotations

import csv
import hashlib
import hmac
import io
import itertools
import string

import pytest
from django.conf import settings

from ontmoeting.surveys.exports.services import export_survey
from ontmoeting.surveys.pseudonyms import keyed_pseudonym, research_key, study_scope
from tests.reports.survey_data import add_paper_forms, make_survey_edition

pytestmark = pytest.mark.django_db

PLANTED = ["MA07GE", "JO23AN", "EL31BR"]
#: The attacker's search space: every mother's-name pair and day, with the towns of Flanders
#: they would guess first (the planted codes lie inside it): 676 x 31 x 4 = 83,824 codes.
TOWNS = ["GE", "AN", "BR", "LE"]


def _space():
    pairs = ("".join(p) for p in itertools.product(string.ascii_uppercase, repeat=2))
    for mother, day, town in itertools.product(pairs, range(1, 32), TOWNS):
        yield f"{mother}{day:02d}{town}"


def _pseudonyms(content: bytes) -> set[str]:
    rows = csv.DictReader(io.StringIO(content.decode("utf-8-sig")))
    return {row["pseudonym"] for row in rows}


def _edition_with_paper_only_respondents():
    data = make_survey_edition(n_students=1)
    add_paper_forms(data, [("pre", code) for code in PLANTED])
    return data


def _guesses(code: str, year: int) -> list[str]:
    """What someone without the key would try: the old unsalted hash, HMACs under keys they
    might guess (none, the Django secret), each in the scopes the software uses."""
    identity = f"self:{code}"
    old = "P-" + hashlib.sha256(f"{year}:{code}".encode()).hexdigest()[:10].upper()
    scope = study_scope(year, "students")
    return [
        old,
        keyed_pseudonym(scope, identity, key=settings.SECRET_KEY.encode()),
        keyed_pseudonym(scope, identity, key=b"\0"),
        "R-" + hmac.new(b"", identity.encode(), hashlib.sha256).hexdigest()[:12].upper(),
    ]


def test_brute_force_over_the_self_code_space_without_the_key_finds_nothing():
    data = _edition_with_paper_only_respondents()
    exported = _pseudonyms(export_survey(edition=data.edition, fmt="csv", actor="cli"))
    assert len(exported) == 1 + len(PLANTED)
    found = [
        code for code in _space() if any(g in exported for g in _guesses(code, data.edition.year))
    ]
    assert found == []


def test_the_same_search_with_the_key_and_scope_of_a_linked_export_finds_every_code():
    """The control: the search above is able to find codes when the pseudonym can be rebuilt."""
    data = _edition_with_paper_only_respondents()
    exported = _pseudonyms(
        export_survey(
            edition=data.edition,
            fmt="csv",
            actor="cli",
            linked=True,
            reason="linking pre and post with the follow-up study",
        )
    )
    key, scope = research_key(), study_scope(data.edition.year, "students")
    found = sorted(
        code for code in _space() if keyed_pseudonym(scope, f"self:{code}", key=key) in exported
    )
    assert found == sorted(PLANTED)


def test_another_installation_key_gives_other_pseudonyms(settings, tmp_path):
    identity = "self:MA07GE"
    before = keyed_pseudonym("study:2025:students", identity)
    settings.ONTMOETING_RESEARCH_KEY = "another-installation-" + "x" * 32
    assert keyed_pseudonym("study:2025:students", identity) != before
    assert keyed_pseudonym("study:2024:students", identity) != keyed_pseudonym(
        "study:2025:students", identity
    )


def test_a_short_research_key_is_refused(settings):
    from django.core.exceptions import ImproperlyConfigured

    settings.ONTMOETING_RESEARCH_KEY = "too-short"
    with pytest.raises(ImproperlyConfigured):
        keyed_pseudonym("study:2025:students", "self:MA07GE")


def test_production_without_a_research_key_is_an_error(settings, tmp_path):
    from django.core.exceptions import ImproperlyConfigured

    settings.ONTMOETING_RESEARCH_KEY = ""
    settings.ONTMOETING_RESEARCH_KEY_FILE = tmp_path / "absent"
    settings.PRODUCTION = True
    with pytest.raises(ImproperlyConfigured):
        research_key()
    assert not (tmp_path / "absent").exists()
