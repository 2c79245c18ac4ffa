"""Survey exports: columns, labels, the de-identified default, the identified profile."""

from __future__ import annotations

import csv
import io
import re

import pandas as pd
import pyreadstat
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from openpyxl import load_workbook

from ontmoeting.cli import main
from ontmoeting.privacy.models import AuditEntry
from ontmoeting.surveys.exports.dataset import build_dataset
from ontmoeting.surveys.exports.services import export_codebook, export_survey
from ontmoeting.surveys.models import Answer
from tests.reports.survey_data import (
    SECRET_DOMAIN,
    SECRET_EMAIL_DOMAIN,
    SECRET_NAME,
    SECRET_SURNAME,
    add_paper_forms,
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


def test_dataset_has_one_row_per_respondent_named_by_a_keyed_pseudonym():
    data = make_survey_edition(n_students=4, n_answering=3)
    dataset = build_dataset(data.edition)
    frame = dataset.frame
    assert len(frame) == 4
    assert all(re.fullmatch(r"R-[A-Z2-7]{12}", p) for p in frame["pseudonym"])
    assert set(frame["pseudonym"]).isdisjoint(c.code for c in data.codes)
    assert sorted(dataset.identities) == [c.code for c in data.codes]
    assert set(frame["edition_year"]) == {2026}
    for column in ("pre_complete", "post_complete", "pre_att_1", "post_attitudes"):
        assert column in frame.columns
    by_code = dict(zip(dataset.identities, frame["pre_complete"], strict=True))
    assert [by_code[c.code] for c in data.codes[:3]] == [1, 1, 1]
    assert pd.isna(by_code[data.codes[3].code])
    assert frame["pre_attitudes"].notna().sum() == 3


def test_scale_scores_in_the_export_equal_the_scoring_module():
    from ontmoeting.surveys.models import Response
    from ontmoeting.surveys.scoring import scale_scores

    data = make_survey_edition(n_students=5)
    dataset = build_dataset(data.edition)
    frame = dataset.frame.set_index(pd.Index(dataset.identities))
    scores = scale_scores(Response.objects.filter(wave=data.pre), data.pre.instrument)
    for code, row in scores.iterrows():
        for subscale in scores.columns:
            assert frame.loc[code, f"pre_{subscale}"] == pytest.approx(row[subscale])


def test_deidentified_csv_is_the_default_and_has_no_names_emails_or_codes(tmp_path):
    data = make_survey_edition(n_students=3)
    add_paper_forms(data, [("pre", "MA07GE"), ("post", "MA07GE")])
    content = export_survey(edition=data.edition, fmt="csv", actor="cli").decode("utf-8-sig")
    _assert_no_identity(content)
    for code in [*(c.code for c in data.codes), "MA07GE"]:
        assert code not in content
    header = next(csv.reader(io.StringIO(content)))
    assert header[:3] == ["pseudonym", "edition_year", "link_method"]
    assert {"first_name", "last_name", "email", "participant_ref"}.isdisjoint(header)


def test_csv_writes_whole_numbers_without_decimals():
    data = make_survey_edition(n_students=3)
    content = export_survey(edition=data.edition, fmt="csv", actor="cli").decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(content)))
    assert {row["edition_year"] for row in rows} == {"2026"}
    assert {row["pre_complete"] for row in rows} == {"1"}
    assert all(re.fullmatch(r"[1-5]", row["pre_att_1"]) for row in rows)
    assert "2026.0" not in content


def test_default_export_leaves_open_answers_out():
    data = make_survey_edition(n_students=2)
    dataset = build_dataset(data.edition)
    assert "pre_open_thoughts" not in dataset.frame.columns
    content = export_survey(edition=data.edition, fmt="csv", actor="cli").decode("utf-8-sig")
    assert "thoughts pre" not in content


def test_open_answers_need_a_reason_and_are_masked_and_audited():
    data = make_survey_edition(n_students=2)
    answer = Answer.objects.filter(
        response__wave=data.pre, item__code="open_thoughts", response__study_code=data.codes[0]
    ).get()
    answer.value_text = (
        f"Mijn buurman Jan Peeters (jan.peeters@example.org, 0470 12 34 56) en "
        f"{SECRET_NAME}0 {SECRET_SURNAME} woonden in de Kerkstraat 12, 9000 Gent."
    )
    answer.save()
    with pytest.raises(ValidationError):
        export_survey(edition=data.edition, fmt="csv", actor="cli", open_answers=True)
    reason = "thematic coding of the open answers for the 2026 paper"
    content = export_survey(
        edition=data.edition, fmt="csv", actor="cli", open_answers=True, reason=reason
    ).decode("utf-8-sig")
    assert "pre_open_thoughts" in content
    for leak in ("Jan Peeters", "jan.peeters", "0470 12 34 56", "Kerkstraat 12", SECRET_SURNAME):
        assert leak not in content, leak
    assert "[EMAIL]" in content
    assert "[PHONE]" in content
    entry = AuditEntry.objects.get(action="surveys.export")
    assert entry.data["open_answers"] is True
    assert entry.data["reason"] == reason


def test_two_exports_cannot_be_joined_unless_a_linked_export_is_asked_for():
    data = make_survey_edition(n_students=4)

    def pseudonyms(**options) -> set[str]:
        content = export_survey(edition=data.edition, fmt="csv", actor="cli", **options)
        return {
            row["pseudonym"] for row in csv.DictReader(io.StringIO(content.decode("utf-8-sig")))
        }

    first, second = pseudonyms(), pseudonyms()
    assert len(first) == 4
    assert first.isdisjoint(second)
    reason = "joining the 2026 data with the follow-up study"
    linked = pseudonyms(linked=True, reason=reason)
    assert linked == pseudonyms(linked=True, reason=reason)
    assert linked.isdisjoint(first | second)
    with pytest.raises(ValidationError):
        pseudonyms(linked=True)


def test_pairs_linked_by_the_self_made_code_are_rows_with_both_waves():
    data = make_survey_edition(n_students=3)
    add_paper_forms(
        data,
        [
            ("pre", "MA07GE"),
            ("post", "MA07GE"),
            ("pre", "EL17OO"),
            ("post", "EL11OO"),
            ("post", "ZZ01ZZ"),
        ],
    )
    frame = build_dataset(data.edition).frame
    both = frame[(frame["pre_complete"] == 1) & (frame["post_complete"] == 1)]
    assert len(both) == 5  # 3 by study code, 1 exact self-made code, 1 one-character slip
    assert sorted(both["link_method"]) == [
        "self_code",
        "self_code_tolerant",
        "study_code",
        "study_code",
        "study_code",
    ]
    paper = both[both["link_method"] != "study_code"]
    reversed_ = [
        i.reverse_keyed for i in data.pre.instrument.items.filter(subscale__code="attitudes")
    ]

    def by_hand(value: int) -> float:  # every item answered ``value``, reverse items as 6 - value
        return sum(6 - value if r else value for r in reversed_) / len(reversed_)

    assert list(paper["pre_attitudes"]) == pytest.approx([by_hand(2)] * 2)
    assert list(paper["post_attitudes"]) == pytest.approx([by_hand(4)] * 2)
    assert len(frame) == 3 + 2 + 1  # the lone ZZ01ZZ post form is a row of its own


def test_the_report_and_the_export_agree_on_n():
    from ontmoeting.reports.analysis import edition_report

    data = make_survey_edition(n_students=6, n_answering=5)
    add_paper_forms(
        data, [("pre", "MA07GE"), ("post", "MA07GE"), ("pre", "AN12BR"), ("post", "AN13BR")]
    )
    report = edition_report(data.edition)
    frame = build_dataset(data.edition).frame
    rows = frame[(frame["pre_complete"] == 1) & (frame["post_complete"] == 1)]
    assert report.pairs.total == len(rows) == 7
    assert (report.pairs.by_study_code, report.pairs.by_self_code) == (5, 1)
    assert report.pairs.by_self_code_tolerant == 1
    scale = next(s for s in report.scales if s.code == "attitudes")
    both = rows["pre_attitudes"].notna() & rows["post_attitudes"].notna()
    assert scale.paired.n == int(both.sum())


def test_xlsx_has_data_and_codebook_in_the_export_language():
    data = make_survey_edition(n_students=3)
    content = export_survey(edition=data.edition, fmt="xlsx", actor="cli", language="nl")
    workbook = load_workbook(io.BytesIO(content))
    assert workbook.sheetnames == ["data", "codebook"]
    cells = " ".join(
        str(cell.value) for sheet in workbook for row in sheet.iter_rows() for cell in row
    )
    _assert_no_identity(cells)
    codebook = list(workbook["codebook"].iter_rows(values_only=True))
    assert codebook[0][:6] == (
        "variabele",
        "label",
        "type",
        "SPSS-formaat",
        "meetniveau",
        "waarden en labels",
    )
    by_name = {row[0]: row for row in codebook[1:]}
    assert by_name["pre_att_1"][5].startswith("1 = helemaal oneens")
    assert by_name["pre_att_1"][3] == "F1.0"
    assert by_name["pre_attitudes"][7] == "attitudes"
    data_rows = list(workbook["data"].iter_rows(values_only=True))
    year = data_rows[0].index("edition_year")
    assert {row[year] for row in data_rows[1:]} == {2026}
    assert all(isinstance(row[year], int) for row in data_rows[1:])


@pytest.mark.parametrize(
    ("language", "wave", "agree", "completed"),
    [
        ("nl", "voormeting (voor de dag)", "helemaal oneens", "niet ingevuld"),
        ("en", "pre (before the day)", "strongly disagree", "not completed"),
        ("it", "pre (prima della giornata)", "per niente d'accordo", "non compilato"),
    ],
)
def test_sav_labels_are_in_one_language_and_whole_numbers_are_f_integers(
    tmp_path, language, wave, agree, completed
):
    covariates = [{"expert_experience": "veteran"}, {"expert_experience": "newcomer"}] * 2
    data = make_survey_edition(n_students=4, covariates=covariates)
    path = tmp_path / "survey.sav"
    export_survey(edition=data.edition, fmt="sav", actor="cli", target=path, language=language)
    frame, meta = pyreadstat.read_sav(str(path))
    labels = dict(zip(meta.column_names, meta.column_labels, strict=True))
    assert labels["pre_att_1"].startswith(f"{wave}: ")
    assert meta.variable_value_labels["pre_att_1"][1.0] == agree
    assert meta.variable_value_labels["pre_complete"][0.0] == completed
    assert meta.original_variable_types["edition_year"] == "F4.0"
    assert meta.original_variable_types["pre_att_1"] == "F1.0"
    assert meta.original_variable_types["pre_complete"] == "F1.0"
    assert meta.original_variable_types["pre_attitudes"] == "F8.2"
    assert set(meta.variable_value_labels["expert_experience"]) == {"newcomer", "veteran"}
    assert meta.variable_measure["pre_attitudes"] == "scale"
    assert meta.variable_measure["pre_att_1"] == "ordinal"
    original = build_dataset(data.edition).frame
    pd.testing.assert_series_equal(
        frame["pre_attitudes"].sort_values(ignore_index=True),
        original["pre_attitudes"].sort_values(ignore_index=True),
        check_names=False,
    )


def test_sav_missing_values_are_system_missing_as_the_codebook_says(tmp_path):
    data = make_survey_edition(n_students=3, n_answering=2)
    path = tmp_path / "survey.sav"
    export_survey(edition=data.edition, fmt="sav", actor="cli", target=path)
    frame, meta = pyreadstat.read_sav(str(path), user_missing=True)
    assert meta.missing_ranges == {}
    assert frame["pre_complete"].isna().sum() == 1
    assert frame["pre_attitudes"].isna().sum() == 1


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
    dataset = build_dataset(data.edition)
    rows = dataset.frame.set_index(pd.Index(dataset.identities))
    assert list(rows.loc[[c.code for c in data.codes], "expert_domain"]) == [
        "addiction",
        "mental_health",
    ]
    assert list(rows.loc[[c.code for c in data.codes], "expert_experience"]) == [
        "veteran",
        "newcomer",
    ]


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
    assert len(frame) == len(data.codes)
    assert set(frame["pseudonym"]).isdisjoint(c.code for c in data.codes)
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


def test_the_coding_page_names_a_linked_paper_form_as_the_linked_export_does():
    from ontmoeting.surveys import selectors
    from ontmoeting.surveys.models import Item, Response

    data = make_survey_edition(n_students=2)
    online_pre = Response.objects.get(wave=data.pre, study_code=data.codes[0])
    online_pre.self_code = "MA07GE"
    online_pre.save()
    Response.objects.filter(wave=data.post, study_code=data.codes[0]).delete()
    add_paper_forms(data, [("post", "MA07GE")])
    paper = Response.objects.get(wave=data.post, self_code="MA07GE", study_code=None)
    Answer.objects.create(
        response=paper,
        item=Item.objects.get(instrument=data.post.instrument, code="open_thoughts"),
        value_text="Een gesprek dat ik niet vergeet.",
    )
    shown = next(a for a in selectors.coding_answers(data.edition) if a.text.startswith("Een"))
    dataset = build_dataset(data.edition)  # the edition's stable scope, as a linked export
    row = dataset.frame.iloc[dataset.identities.index(data.codes[0].code)]
    assert row["link_method"] == "self_code"
    assert shown.pseudonym == row["pseudonym"]


def test_string_study_variables_carry_value_labels_in_the_export_language(tmp_path):
    from ontmoeting.people.models import ExperienceDomain

    ExperienceDomain.objects.update_or_create(
        code="addiction",
        defaults={"name_nl": "verslaving", "name_en": "addiction", "name_it": "dipendenza"},
    )
    covariates = [
        {"expert_domain": "addiction", "expert_experience": "veteran"},
        {"expert_domain": "multiple", "expert_experience": "newcomer"},
    ]
    data = make_survey_edition(n_students=2, covariates=covariates)
    path = tmp_path / "survey.sav"
    export_survey(edition=data.edition, fmt="sav", actor="cli", target=path, language="nl")
    frame, meta = pyreadstat.read_sav(str(path))
    assert meta.variable_value_labels["expert_domain"] == {
        "addiction": "verslaving",
        "multiple": "meerdere domeinen",
    }
    assert meta.variable_value_labels["expert_experience"] == {
        "newcomer": "nieuwkomer",
        "veteran": "veteraan",
    }
    assert set(frame["expert_domain"]) == {"addiction", "multiple"}
