"""Fixtures for the roster import tests: an edition, roster files and table counts."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.editions.roster.roster_helpers import table_counts
from tests.factories import EditionFactory


@pytest.fixture
def edition(db):
    """The 2026 encounter day on 10 December 2026."""
    return EditionFactory(year=2026)


@pytest.fixture
def roster_file(tmp_path) -> Callable[..., Path]:
    """Write ``lines`` (joined with newlines) to ``tmp_path/name`` and return the path."""

    def write(name: str, *lines: str, encoding: str = "utf-8") -> Path:
        path = tmp_path / name
        path.write_bytes(("\n".join(lines) + "\n").encode(encoding))
        return path

    return write


@pytest.fixture
def counts() -> Callable[[], dict[str, int]]:
    return table_counts
