"""Keep what a C library prints away from the command's own output.

The MILP solver (HiGHS, inside SciPy) now and then prints a diagnostic line straight to file
descriptor 1, past Python's ``sys.stdout``. On the command line that line would land in the
middle of ``--json`` output; :func:`library_output_to_stderr` points descriptor 1 at standard
error while the engine runs, so such lines still reach the user but never the data.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator


@contextlib.contextmanager
def library_output_to_stderr() -> Iterator[None]:
    """While inside, anything written to file descriptor 1 goes to standard error."""
    sys.stdout.flush()
    try:
        saved = os.dup(1)
    except OSError:  # no descriptor 1 (an embedded interpreter): nothing to protect
        yield
        return
    try:
        os.dup2(2, 1)
        yield
    finally:
        sys.stdout.flush()
        os.dup2(saved, 1)
        os.close(saved)
