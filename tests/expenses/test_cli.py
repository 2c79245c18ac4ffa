"""The expenses CLI: the rates, the finance workbook of an edition, and checking a SEPA file."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

from ontmoeting.cli import main
from ontmoeting.expenses.services import approve_claim
from tests.factories import EditionFactory
from tests.web.expenses_factories import expert, private_receipts, submitted

__all__ = ["private_receipts"]


@pytest.mark.django_db
def test_rates_lists_every_seeded_figure_with_its_period(capsys):
    from ontmoeting.expenses.enums import RateKind
    from ontmoeting.expenses.models import Rate

    assert main(["expenses", "rates"]) == 0
    rows = [line.split() for line in capsys.readouterr().out.splitlines()[1:]]
    assert len(rows) == Rate.objects.count()
    assert {row[0] for row in rows} == set(RateKind.values)
    assert ["car_km", "2024-01-01", "2024-03-31", "0.4269"] in [row[:4] for row in rows]


def test_check_sepa_refuses_a_bad_file(tmp_path, capsys):
    path = tmp_path / "bad.xml"
    path.write_bytes(b'<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.001.001.03"/>')
    assert main(["expenses", "check-sepa", str(path)]) == 2
    assert "Niet geldig" in capsys.readouterr().out


@pytest.mark.django_db
@pytest.mark.usefixtures("private_receipts")
def test_finance_names_the_edition_by_its_year(tmp_path, make_staff, capsys):
    edition = EditionFactory(year=2026)
    approved = approve_claim(claim=submitted(expert(edition)), actor=make_staff("coordinator"))
    submitted(expert(edition))  # not approved: not in the workbook
    out = tmp_path / "financien.xlsx"
    assert main(["expenses", "finance", "--edition", "2026", "--out", str(out)]) == 0
    rows = list(load_workbook(out).active.iter_rows(values_only=True))
    values = dict(zip(rows[0], rows[1], strict=True))
    assert (len(rows), values["Totaal"]) == (3, float(approved.total))  # and the totals row
    assert capsys.readouterr().out == f"{out} geschreven.\n"


@pytest.mark.django_db
def test_finance_for_a_year_without_edition_names_the_years_and_writes_nothing(tmp_path, capsys):
    EditionFactory(year=2026)
    out = tmp_path / "financien.xlsx"
    assert main(["expenses", "finance", "--edition", "1999", "--out", str(out)]) == 2
    assert capsys.readouterr().out == (
        "Er is geen editie van de ontmoetingsdag in 1999 (edities: 2026).\n"
    )
    assert not out.exists()
