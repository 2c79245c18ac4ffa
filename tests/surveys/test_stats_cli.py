"""``ontmoeting analyse``: JSON keys, published values through the CLI, exit codes."""

from __future__ import annotations

import json
import re

import numpy as np
import pandas as pd
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


def test_analyse_paired_json_states_its_sign_unambiguously(sleep_csv, capsys):
    """A rise from drug 1 to drug 2 is a negative mean_diff in the JSON, and it says so."""
    args = ["analyse", "paired", str(sleep_csv), "--pre", "drug1", "--post", "drug2", "--json"]
    assert main(args) == 0
    out = _json(capsys)
    assert out["mean_pre"] < out["mean_post"]
    assert out["mean_diff"] < 0
    sign = out["methods"]["sign"]
    assert "mean_diff = mean(pre − post)" in sign
    assert "a rise from pre to post gives a negative mean_diff" in sign
    assert out["wilcoxon_n"] == 9  # one zero difference of ten is dropped


def _hand_alpha(values: np.ndarray) -> float:
    """(k / (k - 1)) * (1 - sum of item variances / variance of the total), ddof = 1."""
    k = values.shape[1]
    return k / (k - 1) * (1 - values.var(axis=0, ddof=1).sum() / values.sum(axis=1).var(ddof=1))


@pytest.fixture
def worded_csv(tmp_path):
    """Three items worded one way and q4 the other way round, on a 1-5 scale: q4 falls where
    the others rise (a planted negatively worded item)."""
    rng = np.random.default_rng(11)
    trait = rng.normal(0, 1, 60)
    columns = {
        f"q{i}": np.clip(np.round(3 + trait + rng.normal(0, 0.7, 60)), 1, 5) for i in (1, 2, 3)
    }
    columns["q4"] = np.clip(np.round(3 - trait + rng.normal(0, 0.7, 60)), 1, 5)
    frame = pd.DataFrame(columns).astype(int)
    path = tmp_path / "worded.csv"
    frame.to_csv(path, index=False)
    return path, frame


def test_analyse_alpha_reverse_keys_items_on_the_given_scale(worded_csv, capsys):
    path, frame = worded_csv
    items = ["analyse", "alpha", str(path), "--items", "q1,q2,q3,q4", "--json"]
    assert main(items) == 0
    plain = _json(capsys)
    assert main([*items, "--reverse", "q4", "--scale", "1", "5"]) == 0
    reversed_ = _json(capsys)
    recoded = frame.assign(q4=6 - frame["q4"]).to_numpy(dtype=float)  # SPSS: 1 + 5 - x
    assert reversed_["alpha"] == pytest.approx(_hand_alpha(recoded), abs=1e-12)
    assert plain["alpha"] == pytest.approx(_hand_alpha(frame.to_numpy(dtype=float)), abs=1e-12)
    assert reversed_["alpha"] > 0.8 > plain["alpha"]
    assert reversed_["reversed_items"] == ["q4"]
    assert reversed_["scale"] == [1, 5]
    assert plain["reversed_items"] == []
    without_q1 = np.delete(recoded, 0, axis=1)
    assert reversed_["alpha_if_deleted"]["q1"] == pytest.approx(_hand_alpha(without_q1))


def test_analyse_alpha_table_names_the_reversed_items(worded_csv, capsys):
    path, _frame = worded_csv
    args = ["analyse", "alpha", str(path), "--items", "q1,q2,q3,q4"]
    assert main(["--lang", "en", *args, "--reverse", "q4", "--scale", "1", "5"]) == 0
    assert "reverse-keyed as 1 + 5 - answer: q4" in capsys.readouterr().out


def test_analyse_alpha_refuses_a_reversed_item_outside_items(worded_csv, capsys):
    path, _frame = worded_csv
    args = ["analyse", "alpha", str(path), "--items", "q1,q2,q3", "--reverse", "q4,q9"]
    assert main([*args, "--scale", "1", "5"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "q4, q9" in captured.err
    assert "--items" in captured.err


def test_analyse_alpha_reverse_needs_the_scale_and_shows_the_answers_range(tmp_path, capsys):
    """The scale is never guessed (nobody here chose 1 or 5); the message shows what was seen."""
    path = tmp_path / "items.csv"
    path.write_text("q1,q2\n2,3\n3,3\n4,2\n", encoding="utf-8")
    args = ["analyse", "alpha", str(path), "--items", "q1,q2", "--reverse", "q2"]
    assert main(args) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "--scale LAAGSTE HOOGSTE" in captured.err  # the message is in Dutch by default
    assert re.search(r"\b2\b\D+\b3\)", captured.err)  # q2's answers run from 2 to 3


@pytest.mark.parametrize("scale", [["5", "1"], ["3", "3"], ["1", "nan"]])
def test_analyse_alpha_refuses_a_scale_that_is_not_min_then_max(worded_csv, capsys, scale):
    path, _frame = worded_csv
    args = ["analyse", "alpha", str(path), "--items", "q1,q2,q3,q4", "--reverse", "q4"]
    assert main([*args, "--scale", *scale]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "--scale 1 5" in captured.err


@pytest.mark.parametrize("scale", [["1"], ["a", "5"]])
def test_analyse_alpha_scale_takes_two_numbers(worded_csv, capsys, scale):
    path, _frame = worded_csv
    args = ["analyse", "alpha", str(path), "--items", "q1,q2,q3,q4", "--reverse", "q4"]
    with pytest.raises(SystemExit) as exit_:
        main([*args, "--scale", *scale])
    assert exit_.value.code == 2
    assert "--scale" in capsys.readouterr().err


def test_analyse_alpha_refuses_answers_outside_the_scale(worded_csv, capsys):
    path, _frame = worded_csv
    args = ["analyse", "alpha", str(path), "--items", "q1,q2,q3,q4", "--reverse", "q4"]
    assert main([*args, "--scale", "1", "4"]) == 2  # q4 holds 5s
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "(5)" in captured.err
