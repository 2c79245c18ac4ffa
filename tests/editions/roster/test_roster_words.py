"""Values in the coordinator's words: codes, labels in nl/en/it, synonyms, lists and month-year
dates as people type them, the department's own words, and problems grouped by cause."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from ontmoeting.editions.roster import import_roster
from ontmoeting.editions.roster.context import load_vocabularies
from ontmoeting.editions.roster.values import parse_date, split_list
from ontmoeting.editions.roster.words import BUILTIN_SYNONYMS, fold
from ontmoeting.editions.synonyms import SynonymError, save_synonym
from ontmoeting.people.enums import Language, Role, Training, WorkStatus
from ontmoeting.people.models import ExpertProfile
from ontmoeting.privacy.models import AuditEntry
from tests.editions.roster.roster_helpers import EXPERT_HEADER, expert, table_counts

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 11, 30)


@pytest.fixture
def words():
    return load_vocabularies()


@pytest.mark.parametrize(
    ("field", "written", "code"),
    [
        # The words of the real roster that were refused before (issue 13).
        ("training", "ervaringswerk", "experience_work"),
        ("training", "professioneel", "professional"),
        ("domains", "jeugdhulp", "youth_protection"),
        ("domains", "beperking", "disability"),
        ("domains", "echtscheiding", "divorce"),
        ("domains", "scheiding", "divorce"),
        ("domains", "psychische problemen", "mental_health"),
        ("domains", "GGZ", "mental_health"),
        ("domains", "G.G.Z.", "mental_health"),
        ("domains", "werkzoekend", "unemployment"),
        ("domains", "dipendenza", "addiction"),
        ("status", "ervaringswerker", "paid_employee"),
        ("gender", "onbekend", ""),
        ("gender", "Vrouw", "f"),
        ("can_chair", "neen", "no"),
        ("can_chair", "Ja graag", "yes"),
        # Case and accents do not count.
        ("roles", "BELEIDSBEÏNVLOEDING", "policy_influence"),
        ("roles", "beleidsbeinvloeding", "policy_influence"),
        ("languages", "Français", "fr"),
        ("domains", "Povertà", "poverty"),
    ],
)
def test_a_coordinators_word_means_its_value(words, field, written, code):
    assert words[field].get(written) == code


@pytest.mark.parametrize("language", ["nl", "en", "it"])
@pytest.mark.parametrize(
    ("field", "choices"),
    [("training", Training), ("status", WorkStatus), ("roles", Role), ("languages", Language)],
)
def test_every_label_in_every_language_means_its_code(words, field, choices, language):
    for choice in choices:
        with translation.override(language):
            label = str(choice.label)
        assert words[field].get(label) == choice.value, (language, label)
        assert words[field].get(label.upper()) == choice.value
        assert words[field].get(choice.value) == choice.value


def test_every_built_in_synonym_means_what_the_list_says(words):
    """No built-in word is taken by another value's label or synonym of the same column."""
    for field, by_code in BUILTIN_SYNONYMS.items():
        for code, synonyms in by_code.items():
            for synonym in synonyms:
                assert words[field].get(synonym) == code, (field, synonym)


@pytest.mark.parametrize(
    "written", ["nl,en", "nl en", "nl/en", "nl;en", "nl | en", "Nederlands en Engels", "NL, EN"]
)
def test_a_list_of_languages_as_people_type_it(words, written):
    assert words["languages"].several(written) == ["nl", "en"]


def test_a_label_with_a_separator_word_is_one_value(words):
    assert words["training"].one("ervaringswerk en professioneel") == "both"
    assert words["domains"].several("leven in armoede") == ["poverty"]


@given(
    st.lists(st.sampled_from(["nl", "en", "fr", "it", "de", "ar", "tr"]), min_size=1, max_size=5),
    st.lists(st.sampled_from([";", "|", ",", "/", " en ", " and ", " + ", "; "]), min_size=4),
)
def test_codes_joined_by_any_separator_read_back_in_order(codes, separators):
    text = codes[0]
    for index, code in enumerate(codes[1:]):
        text += separators[index % len(separators)] + code
    assert split_list(text) == codes


@pytest.mark.parametrize(
    "written", ["maart 2019", "Maart 2019", "mrt 2019", "mrt. 2019", "2019-03", "03/2019", "3-2019"]
)
def test_a_month_and_a_year_is_the_first_of_the_month(written):
    read = parse_date(written, today=TODAY)
    assert read.day == dt.date(2019, 3, 1)
    assert read.partial


def test_a_whole_date_is_not_partial_and_a_future_month_is_refused():
    assert parse_date("15/03/2019", today=TODAY).partial is False
    with pytest.raises(ValueError, match="toekomst"):
        parse_date("december 2026", today=TODAY)


def test_an_unknown_word_is_named_with_a_did_you_mean_in_the_users_language(words):
    with translation.override("nl"):
        error = words["training"].unknown("ervaringswerkk")
    assert error.suggestion == "experience_work"
    assert str(error) == (
        "onbekende waarde voor opleiding: “ervaringswerkk”; bedoelt u “opleiding "
        "ervaringswerk”? (gekend: geen opleiding, opleiding ervaringswerk, professionele "
        "opleiding, beide)"
    )
    with translation.override("it"):
        italian = str(Training.EXPERIENCE_WORK.label)
        assert f"intendevi “{italian}”?" in str(words["training"].unknown("ervaringswerkk"))
    assert italian != "training in experience work"


def test_fold_ignores_case_accents_and_punctuation():
    assert fold("  Beleids-Beïnvloeding ") == "beleids beinvloeding"
    assert fold("G.G.Z.") == fold("ggz") == "ggz"


def test_the_same_unknown_word_in_51_rows_is_one_line_of_the_report(edition, roster_file):
    rows = [
        expert(ref=f"E{i:03d}", email=f"e{i}@example.org", training="ervaringswerkk")
        for i in range(51)
    ]
    path = roster_file("experts.csv", EXPERT_HEADER, *rows)
    report = import_roster(path, kind="experts", edition=edition, dry_run=True, actor="test")
    assert len(report.errors) == 51
    [group] = report.error_groups
    assert group.rows == tuple(range(2, 53))
    assert str(group) == (
        "“ervaringswerkk” in kolom training (51 rijen: 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, …"
        "): onbekende waarde voor opleiding: “ervaringswerkk”; bedoelt u “opleiding "
        "ervaringswerk”? (gekend: geen opleiding, opleiding ervaringswerk, professionele "
        "opleiding, beide)"
    )
    [word] = report.unknown_words
    assert (word.first.field, word.first.unknown) == ("training", "ervaringswerkk")
    text = report.as_text()
    assert text.count("ervaringswerkk") == 2  # one grouped line (value and reason), no row list
    assert report.as_text(verbose=True).count("rij 52") == 1


def test_a_word_mapped_for_one_file_imports_the_whole_file(edition, roster_file):
    path = roster_file(
        "experts.csv",
        EXPERT_HEADER,
        expert(domains="lotgenoten"),
        expert(ref="E002", email="b@example.org", domains="lotgenoten|armoede"),
    )
    before = table_counts()
    refused = import_roster(path, kind="experts", edition=edition, dry_run=False, actor="test")
    assert not refused.ok
    assert table_counts() == before
    report = import_roster(
        path,
        kind="experts",
        edition=edition,
        dry_run=False,
        actor="test",
        mappings={"domains": {"lotgenoten": "addiction"}},
    )
    assert report.ok
    codes = sorted(
        sorted(d.code for d in p.pending_domains.all()) for p in ExpertProfile.objects.all()
    )
    assert codes == [["addiction"], ["addiction", "poverty"]]


def test_the_departments_own_word_wins_over_the_built_in_one(edition, roster_file, words):
    assert words["domains"].get("jeugdhulp") == "youth_protection"
    save_synonym(field="domains", word="Jeugdhulp", code="divorce", actor="test")
    assert load_vocabularies()["domains"].get("JEUGDHULP") == "divorce"
    entry = AuditEntry.objects.get(action="roster.synonym.save")
    assert entry.data == {"field": "domains", "word": "Jeugdhulp", "code": "divorce"}


def test_a_synonym_must_mean_a_known_value():
    with pytest.raises(SynonymError):
        save_synonym(field="domains", word="astrologie", code="astrology", actor="test")
    with pytest.raises(SynonymError):
        save_synonym(field="domains", word="  ", code="addiction", actor="test")


def test_the_templates_explanation_lists_the_words_accepted_for_each_code(tmp_path):
    from openpyxl import load_workbook

    from ontmoeting.editions.roster import write_template

    save_synonym(field="domains", word="CGG", code="mental_health", actor="test")
    with translation.override("nl"):
        path = write_template(tmp_path / "experts.xlsx", "experts")
    explanation = load_workbook(path).worksheets[1]
    accepted = {row[0]: row[2] for row in explanation.iter_rows(values_only=True) if row[0]}
    assert "ervaringswerk" in accepted["experience_work"]
    assert "jeugdhulp" in accepted["youth_protection"]
    assert "cgg" in accepted["mental_health"]  # our own word, as compared (folded)


@pytest.mark.parametrize(
    ("needs", "step_free"),
    [
        ("Rolstoel", True),
        ("elektrische rolwagen", True),
        ("ROLLATOR", True),
        ("slechthorend", False),
    ],
)
def test_step_free_needs_are_recognised_whatever_the_case(needs, step_free):
    from ontmoeting.editions.roster.columns import needs_step_free

    assert needs_step_free(needs) is step_free
