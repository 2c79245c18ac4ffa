"""The export command says "de-identified" in each language's own words; on the command line
the profile is still typed as ``deidentified``."""

from __future__ import annotations

import pytest
from django.utils import translation

from ontmoeting.cli import main
from ontmoeting.surveys.exports.services import export_codebook
from tests.reports.survey_data import make_survey_edition

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _restore_language():
    """``main`` activates the CLI's language for the thread; give the next test the default."""
    yield
    translation.deactivate()


@pytest.mark.parametrize(
    ("language", "word"),
    [("nl", "gedeïdentificeerde"), ("en", "de-identified"), ("it", "de-identificati")],
)
def test_export_says_de_identified_in_the_users_language(tmp_path, capsys, language, word):
    make_survey_edition(n_students=2)
    out = tmp_path / "survey.csv"
    args = ["export", "survey", "2026", "--format", "csv", "--out", str(out)]
    assert main(["--lang", language, *args, "--profile", "deidentified"]) == 0
    printed = capsys.readouterr().out
    assert word in printed
    assert "deidentified" not in printed
    assert out.exists()


def test_the_profile_help_shows_the_typed_value_and_the_word(capsys):
    with pytest.raises(SystemExit):
        main(["--lang", "en", "export", "survey", "--help"])
    help_text = " ".join(capsys.readouterr().out.split())
    assert "{deidentified,identified}" in help_text  # what is typed stays as it was
    assert "deidentified: de-identified data" in help_text


def test_the_codebook_names_its_profile_in_words_not_the_typed_value():
    data = make_survey_edition(n_students=2)
    with translation.override("en"):
        html = export_codebook(edition=data.edition, fmt="html").decode()
    assert 'data-testid="profile">De-identified export. One row per respondent' in html
    assert "deidentified" not in html
