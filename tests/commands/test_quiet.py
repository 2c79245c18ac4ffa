"""What a C library prints to file descriptor 1 while the engine runs goes to standard error,
so ``ontmoeting plan --json`` output stays JSON."""

from __future__ import annotations

import os

from ontmoeting.commands._quiet import library_output_to_stderr


def test_writes_to_descriptor_1_go_to_stderr_and_stdout_comes_back(capfd):
    print("before")
    with library_output_to_stderr():
        os.write(1, b"HighsMipSolverData::diagnostic\n")
    print("after")
    out, err = capfd.readouterr()
    assert out == "before\nafter\n"
    assert err == "HighsMipSolverData::diagnostic\n"
