"""Survey exports: columns, labels, the de-identified default, the identified profile."""

from __future__ import annotations

import csv
import io

import pandas as pd
import pyreadstat
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from openpyxl import load_workbook

from ontmoeting.cli import main
from ontmoeting.privacy.models import AuditEntry
from ontmoeting.surveys.exports.dataset import build_dataset
from ontmoeting.surveys.exports.services import export_codebook, export_survey
from tests.reports.survey_data import (
    SECRET_DOMAIN,
    SECRET_EMAIL_DOMAIN,
    SECRET_NAME,
    SECRET_SURNAME,
    make_survey_edition,
)

pytestmark = pytest.mark.django_db

LEAKS = (SECRET_NAME, SECRET_SURNAME, SECRET_EMAIL_DOMAIN, SECRET_DOMAIN, "@")


@pytest.fixture(autouse=True)
def _restore_language():
    """``main`` activates the CLI's language for the thread; give the next test the default."""
    yield
    from django.utils import translation

    translation.deactivate()


def _assert_no_identity(text: str) -> None:
    for secret in LEAKS:
        assert secret not in text, secret


def test_dataset_has_one_row_per_study_code_and_wave_columns():
    data = make_survey_edition(n_students=4, n_answering=3)
    dataset = build_dataset(data.edition)
    frame = dataset.frame
    assert list(frame["study_code"]) == [c.code for c in data.codes]
    assert set(frame["edition_year"]) == {2026}
    for column in ("pre_complete", "post_complete", "pre_att_1", "post_attitudes"):
        assert column in frame.columns
    assert list(frame["pre_complete"].fillna(-1)) == [1, 1, 1, -1]
    assert frame["pre_attitudes"].notna().sum() == 3


def test_scale_scores_in_the_export_equal_the_scoring_module():
    from ontmoeting.surveys.models import Response
    from ontmoeting.surveys.scoring import scale_scores

    data = make_survey_edition(n_students=5)
    frame = build_dataset(data.edition).frame.set_index("study_code")
    scores = scale_scores(Response.objects.filter(wave=data.pre), data.pre.instrument)
    for code, row in scores.iterrows():
        for subscale in scores.columns:
            assert frame.loc[code, f"pre_{subscale}"] == pytest.approx(row[subscale])


def test_deidentified_csv_is_the_default_and_has_no_names_or_emails(tmp_path):
    data = make_survey_edition(n_students=3)
    content = export_survey(edition=data.edition, fmt="csv", actor="cli").decode("utf-8-sig")
    _assert_no_identity(content)
    header = next(csv.reader(io.StringIO(content)))
    assert header[:2] == ["study_code", "edition_year"]
    assert {"first_name", "last_name", "email", "participant_ref"}.isdisjoint(header)


def test_deidentified_xlsx_has_data_and_codebook_without_identities():
    data = make_survey_edition(n_students=3)
    content = export_survey(edition=data.edition, fmt="xlsx", actor="cli")
    workbook = load_workbook(io.BytesIO(content))
    assert workbook.sheetnames == ["data", "codebook"]
    cells = " ".join(
        str(cell.value) for sheet in workbook for row in sheet.iter_rows() for cell in row
    )
    _assert_no_identity(cells)
    codebook = list(workbook["codebook"].iter_rows(values_only=True))
    assert codebook[0][:5] == ("variable", "label", "type", "measure", "values and labels")
    by_name = {row[0]: row for row in codebook[1:]}
    assert by_name["pre_att_1"][4].startswith("1 = strongly disagree")
    assert by_name["pre_attitudes"][6] == "attitudes"


def test_sav_round_trip_keeps_variable_and_value_labels(tmp_path):
    data = make_survey_edition(n_students=4)
    path = tmp_path / "survey.sav"
    export_survey(edition=data.edition, fmt="sav", actor="cli", target=path)
    frame, meta = pyreadstat.read_sav(str(path))
    labels = dict(zip(meta.column_names, meta.column_labels, strict=True))
    assert labels["study_code"] == "Studiecode (pseudoniem)"
    assert labels["pre_att_1"].startswith("voormeting (voor de dag): ")
    assert meta.variable_value_labels["pre_att_1"] == {
        1.0: "strongly disagree",
        2.0: "disagree",
        3.0: "neither",
        4.0: "agree",
        5.0: "strongly agree",
    }
    assert meta.variable_value_labels["pre_complete"] == {0.0: "not completed", 1.0: "completed"}
    assert meta.variable_measure["pre_attitudes"] == "scale"
    assert meta.variable_measure["pre_att_1"] == "ordinal"
    assert list(frame["study_code"]) == [c.code for c in data.codes]
    original = build_dataset(data.edition).frame
    pd.testing.assert_series_equal(
        frame["pre_attitudes"], original["pre_attitudes"], check_names=False
    )


def test_open_answers_are_kept_and_flagged_in_the_codebook():
    data = make_survey_edition(n_students=2)
    dataset = build_dataset(data.edition)
    variable = dataset.variable("pre_open_thoughts")
    assert variable.identifying
    assert "herkenbaar" in variable.note
    assert dataset.frame["pre_open_thoughts"].iloc[0] == "thoughts pre 0"


def test_codebook_html_lists_every_variable():
    data = make_survey_edition(n_students=2)
    html = export_codebook(edition=data.edition, fmt="html").decode()
    dataset = build_dataset(data.edition)
    for variable in dataset.variables:
        assert f"<code>{variable.name}</code>" in html
    assert "<caption>" in html
    _assert_no_identity(html)


def test_subgroup_labels_appear_as_columns():
    covariates = [
        {"expert_domain": "addiction", "expert_experience": "veteran"},
        {"expert_domain": "mental_health", "expert_experience": "newcomer"},
    ]
    data = make_survey_edition(n_students=2, covariates=covariates)
    frame = build_dataset(data.edition).frame
    assert list(frame["expert_domain"]) == ["addiction", "mental_health"]
    assert list(frame["expert_experience"]) == ["veteran", "newcomer"]


def test_identified_export_needs_a_reason_and_a_coordinator(make_staff):
    data = make_survey_edition(n_students=2)
    with pytest.raises(ValidationError):
        export_survey(edition=data.edition, fmt="csv", actor="cli", profile="identified")
    researcher = make_staff("researcher")
    with pytest.raises(PermissionDenied):
        export_survey(
            edition=data.edition,
            fmt="csv",
            actor=researcher,
            profile="identified",
            reason="to send the prize draw winner a voucher",
        )
    assert not AuditEntry.objects.filter(action="surveys.export").exists()


def test_identified_export_by_a_coordinator_is_audited_and_has_no_own_domains(make_staff):
    data = make_survey_edition(n_students=2)
    coordinator = make_staff("coordinator")
    reason = "to send the prize draw winner a voucher"
    content = export_survey(
        edition=data.edition, fmt="csv", actor=coordinator, profile="identified", reason=reason
    ).decode("utf-8-sig")
    assert f"{SECRET_NAME}0" in content
    assert f"student0@{SECRET_EMAIL_DOMAIN}" in content
    assert SECRET_DOMAIN not in content
    entry = AuditEntry.objects.get(action="surveys.export")
    assert entry.actor == coordinator
    assert entry.data["profile"] == "identified"
    assert entry.data["reason"] == reason


def test_cli_export_survey_writes_a_deidentified_sav(tmp_path, capsys):
    data = make_survey_edition(n_students=3)
    out = tmp_path / "survey.sav"
    assert main(["export", "survey", "2026", "--format", "sav", "--out", str(out)]) == 0
    frame, _meta = pyreadstat.read_sav(str(out))
    assert list(frame["study_code"]) == [c.code for c in data.codes]
    assert "first_name" not in frame.columns


def test_cli_export_unknown_year_exits_2(tmp_path, capsys):
    out = tmp_path / "x.csv"
    assert main(["export", "survey", "1999", "--format", "csv", "--out", str(out)]) == 2
    assert not out.exists()


def test_cli_identified_without_reason_exits_2(tmp_path, capsys):
    make_survey_edition(n_students=2)
    out = tmp_path / "x.csv"
    args = ["export", "survey", "2026", "--format", "csv", "--out", str(out)]
    assert main([*args, "--profile", "identified"]) == 2
    assert "reden" in capsys.readouterr().err
    assert not out.exists()


def test_cli_codebook_xlsx(tmp_path):
    make_survey_edition(n_students=2)
    out = tmp_path / "codebook.xlsx"
    assert main(["export", "codebook", "2026", "--out", str(out)]) == 0
    assert load_workbook(out).sheetnames == ["codebook"]


def test_csv_export_reads_back_into_the_analyse_command_with_numbers_as_numbers(tmp_path, capsys):
    """Text is quoted (never a formula), numbers are bare: the researcher's next step still works."""
    import json

    data = make_survey_edition(n_students=6)
    path = tmp_path / "survey.csv"
    export_survey(edition=data.edition, fmt="csv", actor="cli", target=path)
    frame = pd.read_csv(path, encoding="utf-8-sig")
    assert frame["pre_attitudes"].dtype.kind == "f"
    args = ["analyse", "paired", str(path), "--pre", "pre_attitudes", "--post", "post_attitudes"]
    assert main([*args, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["n"] == 6
