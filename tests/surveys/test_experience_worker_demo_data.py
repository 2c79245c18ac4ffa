"""The demo's raw data of 2019 is the golden test's: they cannot drift apart."""

from pathlib import Path

from ontmoeting.demo.practice_survey import DATA_2019


def test_the_demo_ships_the_golden_data_set():
    golden = Path(__file__).parents[1] / "data" / "experience_workers_2019.csv"
    assert DATA_2019.read_bytes() == golden.read_bytes()
