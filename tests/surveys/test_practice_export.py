"""Research export of a practice round: the golden 2019 data set imported, then exported as CSV
and XLSX, gives back the same answers; multiple answers as 0/1 per option; no names."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from openpyxl import load_workbook

from ontmoeting.privacy.models import AuditEntry
from ontmoeting.surveys import experience_workers as ew
from ontmoeting.surveys import practice
from ontmoeting.surveys.exports.practice import export_practice_round
from tests.factories import ExpertProfileFactory

pytestmark = pytest.mark.django_db

DATA = Path(__file__).parents[1] / "data" / "experience_workers_2019.csv"
STATUS_OPTIONS = ["volunteer", "paid_employee", "self_employed", "none"]
TRAINING_CODES = {"none": 1, "experience_work": 2, "professional": 3, "both": 4}


@pytest.fixture(scope="module")
def golden() -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(DATA.read_text(encoding="utf-8"))))


@pytest.fixture
def wave():
    now = timezone.now()
    wave = practice.create_round(
        title="Ervaringswerkers 2019",
        opens=now - dt.timedelta(days=30),
        closes=now - dt.timedelta(days=1),
        actor="t",
    )
    practice.import_responses(wave=wave, text=DATA.read_text(encoding="utf-8"), actor="t")
    return wave


def _expected(row: dict[str, str]) -> dict[str, str]:
    """The golden row as the export must write it, worked out by hand from the file."""
    out = {"respondent": row["respondent"]}
    for code in ew.ROLE_ITEMS:
        out[code] = row[code]
    chosen = set(filter(None, row["status"].split(";")))
    for option in STATUS_OPTIONS:
        out[f"status_{option}"] = str(int(option in chosen)) if row["status"] else ""
    out["training"] = str(TRAINING_CODES[row["training"]]) if row["training"] else ""
    for code in ew.LIKERT_ITEMS:
        out[code] = row[code]
    out["profile_consent"] = {"yes": "1", "no": "0", "": ""}[row["profile_consent"]]
    return out


def test_golden_data_set_round_trips_through_the_csv_export(wave, golden):
    data = export_practice_round(wave=wave, fmt="csv", actor="t", language="nl")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert len(rows) == len(golden) == 89
    assert sorted(rows, key=lambda r: r["respondent"]) == sorted(
        (_expected(r) for r in golden), key=lambda r: r["respondent"]
    )


def test_xlsx_holds_the_same_data_and_a_codebook(wave, golden):
    data = export_practice_round(wave=wave, fmt="xlsx", actor="t", language="nl")
    book = load_workbook(io.BytesIO(data), read_only=True)
    assert book.sheetnames == ["data", "codebook"]
    sheet = list(book["data"].iter_rows(values_only=True))
    header, body = list(sheet[0]), sheet[1:]
    assert header[0] == "respondent"
    assert "open_support" not in header  # open answers may name people: left out
    by_code = {r[0]: dict(zip(header, r, strict=True)) for r in body}
    first = _expected(golden[0])
    got = by_code[golden[0]["respondent"]]
    assert {k: "" if v is None else str(v) for k, v in got.items()} == first
    assert isinstance(got["equal_position"], int)
    codebook = list(book["codebook"].iter_rows(values_only=True))
    names = [r[0] for r in codebook[1:]]
    assert names == header  # one codebook row per column, in order
    status_row = next(r for r in codebook if r[0] == "status_volunteer")
    assert "0 = " in status_row[5]
    assert "1 = " in status_row[5]


def test_no_names_in_the_export_and_each_export_is_audited(wave):
    invited = ExpertProfileFactory(person__first_name="Griet", person__last_name="Vandamme")
    invite = practice.invite_person(wave=wave, person=invited.person, actor="t")
    wave.closes = timezone.now() + dt.timedelta(days=1)
    wave.status = "open"
    wave.save()
    practice.save_answers(
        invite=invite,
        data={"role_support": "yes", "profile_consent": "yes", "open_support": "Griet Vandamme"},
        complete=True,
        actor="t",
    )
    for fmt in ("csv", "xlsx"):
        data = export_practice_round(wave=wave, fmt=fmt, actor="t")
        text = data.decode("utf-8-sig") if fmt == "csv" else _xlsx_text(data)
        assert "Griet" not in text
        assert "Vandamme" not in text
        assert invite.study_code.code in text
    assert AuditEntry.objects.filter(action="surveys.practice_export").count() == 2


def _xlsx_text(data: bytes) -> str:
    book = load_workbook(io.BytesIO(data), read_only=True)
    return " ".join(
        str(v) for s in book.worksheets for r in s.iter_rows(values_only=True) for v in r
    )


def test_unknown_format_is_refused(wave):
    with pytest.raises(ValidationError):
        export_practice_round(wave=wave, fmt="sav", actor="t")
