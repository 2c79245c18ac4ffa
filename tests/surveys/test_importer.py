"""Importing a licensed instrument from the department's own file (fake texts, written to tmp)."""

from __future__ import annotations

import json

import pytest
from openpyxl import Workbook

from ontmoeting.cli import main
from ontmoeting.surveys.importer import InstrumentImportError, import_instrument
from ontmoeting.surveys.models import Instrument, Item, Subscale


def fake_spec() -> dict:
    return {
        "instrument": {
            "slug": "fake-cami",
            "name": "Fake licensed scale",
            "version": 1,
            "language": "en",
            "validated": True,
            "licence_note": "Licensed to the department; do not share.",
        },
        "subscales": [
            {"code": "benevolence", "label": "Benevolence", "min_items": 2},
            {"code": "restrict", "label": "Restrictiveness", "min_items": 1},
        ],
        "items": [
            {
                "code": "q1",
                "kind": "likert",
                "subscale": "benevolence",
                "scale_min": 1,
                "scale_max": 5,
                "text_en": "Fake item one.",
                "labels_en": "1=disagree|5=agree",
            },
            {
                "code": "q2",
                "kind": "likert",
                "subscale": "benevolence",
                "reverse": "yes",
                "scale_min": 1,
                "scale_max": 5,
                "text_en": "Fake item two.",
                "text_nl": "Nep twee.",
            },
            {
                "code": "q3",
                "kind": "likert",
                "subscale": "restrict",
                "scale_min": 1,
                "scale_max": 5,
                "text_en": "Fake item three.",
            },
            {"code": "q4", "kind": "single", "text_en": "Pick one.", "labels_en": "a=A|b=B"},
            {"code": "q5", "kind": "open", "text_en": "Tell us."},
        ],
    }


def write_xlsx(path, spec: dict) -> None:
    book = Workbook()
    meta = book.active
    meta.title = "instrument"
    meta.append(["field", "value"])
    for key, value in spec["instrument"].items():
        meta.append([key, "yes" if value is True else value])
    for name in ("subscales", "items"):
        sheet = book.create_sheet(name)
        columns = sorted({k for row in spec[name] for k in row})
        sheet.append(columns)
        for row in spec[name]:
            sheet.append([row.get(c) for c in columns])
    book.save(path)


@pytest.mark.django_db
def test_import_json_creates_instrument_items_and_subscales(tmp_path):
    path = tmp_path / "cami.json"
    path.write_text(json.dumps(fake_spec()), encoding="utf-8")
    instrument = import_instrument(path, actor="test")
    assert (instrument.slug, instrument.version, instrument.validated, instrument.source) == (
        "fake-cami",
        1,
        True,
        "imported",
    )
    assert [i.code for i in instrument.items.all()] == ["q1", "q2", "q3", "q4", "q5"]
    q2 = instrument.items.get(code="q2")
    assert q2.reverse_keyed
    assert q2.subscale.code == "benevolence"
    assert q2.texts == {"nl": "Nep twee.", "en": "Fake item two."}
    assert instrument.items.get(code="q1").scale_labels == {
        "1": {"en": "disagree"},
        "5": {"en": "agree"},
    }
    assert instrument.items.get(code="q4").choices == [
        {"value": "a", "labels": {"en": "A"}},
        {"value": "b", "labels": {"en": "B"}},
    ]
    assert instrument.subscales.get(code="benevolence").min_items_answered == 2


@pytest.mark.django_db
def test_import_xlsx_equals_json(tmp_path):
    path = tmp_path / "cami.xlsx"
    write_xlsx(path, fake_spec())
    instrument = import_instrument(path, actor="test")
    assert instrument.items.count() == 5
    assert instrument.items.get(code="q2").reverse_keyed
    assert instrument.items.get(code="q4").kind == "single"


@pytest.mark.django_db
def test_import_errors_name_row_and_column_and_write_nothing(tmp_path):
    spec = fake_spec()
    spec["items"][1]["scale_max"] = "lots"
    spec["items"][2]["subscale"] = "nonexistent"
    spec["items"][3]["kind"] = "slider"
    path = tmp_path / "bad.xlsx"
    write_xlsx(path, spec)
    before = (Instrument.objects.count(), Item.objects.count(), Subscale.objects.count())
    with pytest.raises(InstrumentImportError) as info:
        import_instrument(path, actor="test")
    text = "\n".join(info.value.errors)
    assert "werkblad 'items', rij 3, kolom 'scale_max'" in text
    assert "werkblad 'items', rij 4, kolom 'subscale'" in text
    assert "werkblad 'items', rij 5, kolom 'kind'" in text
    assert (Instrument.objects.count(), Item.objects.count(), Subscale.objects.count()) == before


@pytest.mark.django_db
def test_import_same_version_twice_is_refused(tmp_path):
    path = tmp_path / "cami.json"
    path.write_text(json.dumps(fake_spec()), encoding="utf-8")
    import_instrument(path, actor="test")
    with pytest.raises(InstrumentImportError, match="al geïmporteerd"):
        import_instrument(path, actor="test")
    assert Instrument.objects.filter(slug="fake-cami").count() == 1


@pytest.mark.django_db
def test_import_k_larger_than_subscale_is_an_error(tmp_path):
    spec = fake_spec()
    spec["subscales"][1]["min_items"] = 3
    path = tmp_path / "k.json"
    path.write_text(json.dumps(spec), encoding="utf-8")
    with pytest.raises(InstrumentImportError, match=r"subscales\[1\]\.min_items"):
        import_instrument(path, actor="test")


@pytest.mark.django_db
def test_cli_import_instrument_reports_errors_with_exit_code_2(tmp_path, capsys):
    path = tmp_path / "broken.json"
    path.write_text("{not json", encoding="utf-8")
    assert main(["surveys", "import-instrument", str(path)]) == 2
    assert "geen geldige JSON" in capsys.readouterr().err
    good = tmp_path / "good.json"
    good.write_text(json.dumps(fake_spec()), encoding="utf-8")
    assert main(["surveys", "import-instrument", str(good)]) == 0
    assert Instrument.objects.filter(slug="fake-cami").count() == 1


@pytest.mark.django_db
def test_a_zip_bomb_instrument_is_refused_naming_the_file(tmp_path):
    from tests.hostile_files import zip_bomb_xlsx

    path = tmp_path / "cami.xlsx"
    path.write_bytes(zip_bomb_xlsx())
    with pytest.raises(InstrumentImportError) as info:
        import_instrument(path, actor="test")
    (error,) = info.value.errors
    assert error.startswith("cami.xlsx: het .xlsx-bestand is verdacht sterk ingepakt")
    assert not Instrument.objects.filter(slug="fake-cami").exists()


@pytest.mark.django_db
def test_cli_refuses_an_instrument_with_xml_entities_without_a_traceback(tmp_path, capsys):
    from tests.hostile_files import entities_xlsx

    path = tmp_path / "cami.xlsx"
    path.write_bytes(entities_xlsx())
    assert main(["surveys", "import-instrument", str(path)]) == 2
    captured = capsys.readouterr()
    assert captured.err == (
        "cami.xlsx: het .xlsx-bestand declareert een documenttype met entiteiten "
        "(in xl/worksheets/sheet1.xml); een rekenblad heeft dat nooit nodig, dus het wordt "
        "niet gelezen\n"
        "Er is niets geïmporteerd.\n"
    )
    assert "Traceback" not in captured.out


@pytest.mark.django_db
def test_rows_past_the_limit_name_the_sheet_and_row(tmp_path, settings):
    settings.ONTMOETING_INSTRUMENT_MAX_ROWS = 3
    path = tmp_path / "cami.xlsx"
    write_xlsx(path, fake_spec())
    with pytest.raises(InstrumentImportError) as info:
        import_instrument(path, actor="test")
    assert info.value.errors == [
        "werkblad 'instrument', rij 5: het bestand heeft meer dan 3 rijen onder de kolomnamen; "
        "splits het op in delen"
    ]


@pytest.mark.django_db
def test_json_nested_too_deeply_is_refused(tmp_path):
    path = tmp_path / "deep.json"
    path.write_text("[" * 100_000 + "]" * 100_000)
    with pytest.raises(InstrumentImportError, match="te diep genest"):
        import_instrument(path, actor="test")
