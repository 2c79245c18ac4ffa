"""The one spreadsheet writer: the cell rule (OWASP "CSV Injection"), CSV and XLSX files."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from ontmoeting.privacy.tabular import (
    DANGEROUS_FIRST,
    QUOTE,
    Heading,
    Sheet,
    csv_bytes,
    neutralise,
    restore_text,
    safe_value,
    xlsx_bytes,
)

dangerous_text = st.builds(
    lambda first, rest: first + rest, st.sampled_from(sorted(DANGEROUS_FIRST)), st.text()
)
harmless_text = st.text().filter(lambda t: t[:1] not in DANGEROUS_FIRST)
#: Numbers as a spreadsheet holds them (an IEEE double, 15 significant digits): the app's numbers
#: are euros, kilometres, counts and scores, far inside that range.
numbers = st.one_of(
    st.integers(min_value=-(2**53), max_value=2**53),
    st.floats(min_value=-1e15, max_value=1e15, allow_nan=False, allow_infinity=False),
    st.decimals(min_value=-(10**12), max_value=10**12, places=4),
    st.booleans(),
)
moments = st.one_of(st.dates(), st.datetimes(), st.times())


@given(dangerous_text)
def test_text_starting_with_a_dangerous_character_gets_a_quote_and_is_otherwise_unchanged(text):
    assert safe_value(text) == QUOTE + text


@given(harmless_text)
def test_other_text_is_unchanged(text):
    assert safe_value(text) == text


@given(st.one_of(numbers, moments))
def test_numbers_and_dates_are_untouched(value):
    assert safe_value(value) is value


@pytest.mark.parametrize(
    ("value", "written"),
    [
        (-1, -1),
        (-2.5, -2.5),
        (Decimal("-12.40"), Decimal("-12.40")),
        ("-1+1", "'-1+1"),
        ("=1+1", "'=1+1"),
        ("+32 470 12 34 56", "'+32 470 12 34 56"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        (" =1+1", " =1+1"),
        ("'t Hooft", "'t Hooft"),
        ("", ""),
        (None, None),
        (float("nan"), None),
    ],
)
def test_the_cell_rule_on_examples(value, written):
    assert safe_value(value) == written or (written is None and safe_value(value) is None)


@given(st.text().filter(lambda t: not t.startswith(QUOTE)))
def test_restore_undoes_neutralise(text):
    assert restore_text(neutralise(text)) == text


def test_restore_leaves_a_quote_before_a_harmless_character():
    assert restore_text("'t Hooft") == "'t Hooft"


def test_csv_quotes_text_leaves_numbers_bare_and_has_a_bom():
    data = csv_bytes(["name", "amount"], [['=HYPERLINK("x")', -3], ["a;=1+1", 2.5]], delimiter=";")
    assert data.startswith("\ufeff".encode())
    text = data.decode("utf-8-sig")
    assert text.splitlines() == [
        '"name";"amount"',
        '"\'=HYPERLINK(""x"")";-3',
        '"a;=1+1";2.5',
    ]
    rows = list(csv.reader(io.StringIO(text), delimiter=";", quoting=csv.QUOTE_NONNUMERIC))
    assert rows[1:] == [['\'=HYPERLINK("x")', -3.0], ["a;=1+1", 2.5]]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.one_of(st.text(min_size=1), dangerous_text, numbers), min_size=1, max_size=6))
def test_no_xlsx_cell_is_a_formula_and_numbers_stay_numbers(values):
    sheet = load_workbook(io.BytesIO(xlsx_bytes([Sheet("s", ["h"], [values])]))).active
    for cell in sheet[2]:
        assert cell.data_type != "f"
        if isinstance(cell.value, str):
            assert cell.data_type == "s"
            assert cell.value[:1] not in DANGEROUS_FIRST
    written = [c for c in sheet[2] if c.value is not None]
    bare = [v for v in values if not isinstance(v, str)]
    assert [c.value for c in written if c.data_type in {"n", "b"}] == pytest.approx(
        [float(v) if isinstance(v, Decimal) else v for v in bare]
    )


def test_xlsx_drops_control_characters_before_the_rule():
    """openpyxl refuses a control character; dropped after the rule, ``=1+1`` would be left."""
    sheet = load_workbook(io.BytesIO(xlsx_bytes([Sheet("s", ["h"], [["\x01=1+1", "a\x0bb"]])])))
    assert [c.value for c in sheet.active[2]] == ["'=1+1", "ab"]


def test_xlsx_keeps_dates_and_formats_and_bold_headings():
    spec = Sheet(
        "claims",
        ["name", "total", "on"],
        [["=x", Decimal("12.40"), dt.datetime(2026, 12, 10, 14, 30)], Heading("-codes-")],
        formats={1: "#,##0.00", 2: "yyyy-mm-dd hh:mm"},
        widths={0: 30},
    )
    sheet = load_workbook(io.BytesIO(xlsx_bytes([spec])))["claims"]
    name, total, on = sheet[2]
    assert (name.value, name.data_type) == ("'=x", "s")
    assert (total.value, total.data_type, total.number_format) == (12.4, "n", "#,##0.00")
    assert (on.value, on.number_format) == (dt.datetime(2026, 12, 10, 14, 30), "yyyy-mm-dd hh:mm")
    assert sheet["A1"].font.bold
    assert sheet["A3"].font.bold
    assert sheet["A3"].value == "'-codes-"
    assert sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["A"].width == 30


def test_typed_text_keeps_what_was_typed_as_a_text_cell_and_the_footer_is_bold():
    """The finance workbook's rule: no visible apostrophe, yet never a formula — a string cell
    with Excel's hidden quote prefix, read back the same by openpyxl and by pandas."""
    import pandas as pd

    spec = Sheet(
        "claims",
        ["name", "total"],
        [["=HYPERLINK(1)", Decimal("12.40")], ["@Jan", Decimal("2.00")]],
        formats={1: "#,##0.00"},
        footer=["Total", Decimal("14.40")],
        typed_text=True,
    )
    data = xlsx_bytes([spec])
    sheet = load_workbook(io.BytesIO(data))["claims"]
    first, second = sheet["A2"], sheet["A3"]
    assert (first.value, first.data_type, first.quotePrefix) == ("=HYPERLINK(1)", "s", True)
    assert (second.value, second.quotePrefix) == ("@Jan", True)
    assert (sheet["A4"].value, sheet["B4"].value, sheet["B4"].number_format) == (
        "Total",
        14.4,
        "#,##0.00",
    )
    assert sheet["A4"].font.bold
    frame = pd.read_excel(io.BytesIO(data))
    assert list(frame["name"]) == ["=HYPERLINK(1)", "@Jan", "Total"]
