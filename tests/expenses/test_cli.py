"""The expenses CLI: the rates, and checking a SEPA file."""

from __future__ import annotations

import pytest

from ontmoeting.cli import main


@pytest.mark.django_db
def test_rates_lists_the_seeded_years(capsys):
    assert main(["expenses", "rates"]) == 0
    out = capsys.readouterr().out
    assert [line.split()[0] for line in out.splitlines()[1:]] == ["2024", "2025", "2026"]


def test_check_sepa_refuses_a_bad_file(tmp_path, capsys):
    path = tmp_path / "bad.xml"
    path.write_bytes(b'<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.001.001.03"/>')
    assert main(["expenses", "check-sepa", str(path)]) == 2
    assert "Niet geldig" in capsys.readouterr().out
