"""``ontmoeting analyse``: JSON keys, published values through the CLI, exit codes."""

from __future__ import annotations

import json

import pytest

from ontmoeting.cli import main
from tests.surveys.test_stats import DENIS_ITEMS, SLEEP_GROUP1, SLEEP_GROUP2

REQUIRED_KEYS = {
    "n",
    "mean_diff",
    "t",
    "df",
    "p",
    "wilcoxon_w",
    "wilcoxon_p",
    "d_z",
    "d_z_ci",
    "d_av",
}


@pytest.fixture(autouse=True)
def _restore_language():
    """``main`` activates the CLI's language for the thread; give the next test the default."""
    yield
    from django.utils import translation

    translation.deactivate()


@pytest.fixture
def sleep_csv(tmp_path):
    path = tmp_path / "sleep.csv"
    lines = ["id,drug1,drug2"] + [
        f"{i},{a},{b}" for i, (a, b) in enumerate(zip(SLEEP_GROUP1, SLEEP_GROUP2, strict=True))
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _json(capsys):
    return json.loads(capsys.readouterr().out)


def test_analyse_paired_json_reproduces_r_sleep(sleep_csv, capsys):
    code = main(
        ["analyse", "paired", str(sleep_csv), "--pre", "drug1", "--post", "drug2", "--json"]
    )
    assert code == 0
    out = _json(capsys)
    assert set(out) >= REQUIRED_KEYS
    assert out["n"] == 10
    assert out["df"] == 9
    assert out["mean_diff"] == pytest.approx(-1.58, abs=5e-5)
    assert out["t"] == pytest.approx(-4.0621, abs=5e-5)
    assert out["p"] == pytest.approx(0.002833, abs=5e-7)
    assert out["wilcoxon_w"] == 0
    assert out["wilcoxon_p"] == pytest.approx(0.009091, abs=5e-7)
    assert out["d_z"] == pytest.approx(-1.2846, abs=5e-5)
    assert out["d_z_ci"] == pytest.approx([-2.1180, -0.4146], abs=5e-5)


def test_analyse_paired_reads_semicolons_decimal_commas_and_drops_missing(tmp_path, capsys):
    path = tmp_path / "nl.csv"
    path.write_text("voor;na\n1,5;2\n2;3,5\n;4\n3;\n4;4,5\n", encoding="utf-8")
    assert (
        main(
            [
                "analyse",
                "paired",
                str(path),
                "--pre",
                "voor",
                "--post",
                "na",
                "--json",
            ]
        )
        == 0
    )
    out = _json(capsys)
    assert out["n"] == 3
    assert out["n_dropped"] == 2
    assert out["mean_diff"] == pytest.approx((-0.5 - 1.5 - 0.5) / 3)


def test_analyse_paired_without_json_prints_a_table(sleep_csv, capsys):
    assert (
        main(
            [
                "analyse",
                "paired",
                str(sleep_csv),
                "--pre",
                "drug1",
                "--post",
                "drug2",
            ]
        )
        == 0
    )
    out = capsys.readouterr().out
    assert "t = -4.0621, df = 9, p = 0.002833" in out
    assert "V = 0.0, p = 0.009091" in out
    assert "pre − post" in out


def test_analyse_paired_unknown_column_exits_2_and_names_the_columns(sleep_csv, capsys):
    code = main(["analyse", "paired", str(sleep_csv), "--pre", "drug1", "--post", "nope"])
    assert code == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "nope" in captured.err
    assert "drug1, drug2" in captured.err


def test_analyse_paired_missing_file_exits_2(tmp_path, capsys):
    code = main(["analyse", "paired", str(tmp_path / "x.csv"), "--pre", "a", "--post", "b"])
    assert code == 2
    assert "Bestand niet gevonden" in capsys.readouterr().err


def test_analyse_paired_empty_file_exits_2(tmp_path, capsys):
    path = tmp_path / "empty.csv"
    path.write_text("", encoding="utf-8")
    assert main(["analyse", "paired", str(path), "--pre", "a", "--post", "b"]) == 2
    assert capsys.readouterr().err == f"{path} is leeg.\n"


def test_analyse_paired_with_fewer_than_two_pairs_exits_2(tmp_path, capsys):
    path = tmp_path / "one.csv"
    path.write_text("a,b\n1,2\n,3\n", encoding="utf-8")
    assert main(["analyse", "paired", str(path), "--pre", "a", "--post", "b", "--json"]) == 2
    assert "Minstens 2 volledige paren nodig" in capsys.readouterr().err


def test_analyse_alpha_json_matches_denis(tmp_path, capsys):
    path = tmp_path / "items.csv"
    rows = ["q1,q2,q3,q4,q5"] + [",".join(str(v) for v in row) for row in DENIS_ITEMS]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    assert main(["analyse", "alpha", str(path), "--items", "q1,q2,q3,q4,q5", "--json"]) == 0
    out = _json(capsys)
    assert out["alpha"] == pytest.approx(0.6332, abs=5e-5)
    assert out["ci"] == pytest.approx([0.0858, 0.8959], abs=5e-5)
    assert out["alpha_if_deleted"]["q5"] == pytest.approx(0.8238, abs=5e-5)
    assert "Feldt" in out["ci_method"]


def test_analyse_alpha_table_lists_alpha_if_deleted(tmp_path, capsys):
    path = tmp_path / "items.csv"
    rows = ["q1,q2,q3,q4,q5"] + [",".join(str(v) for v in row) for row in DENIS_ITEMS]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    assert main(["analyse", "alpha", str(path), "--items", "q1,q2,q3,q4,q5"]) == 0
    out = capsys.readouterr().out
    assert "alpha  0.6332" in out
    assert "q5  0.8238" in out


def test_analyse_alpha_needs_two_items(tmp_path, capsys):
    path = tmp_path / "items.csv"
    path.write_text("q1,q2\n1,2\n", encoding="utf-8")
    assert main(["analyse", "alpha", str(path), "--items", "q1"]) == 2
    assert "minstens twee kolommen" in capsys.readouterr().err
