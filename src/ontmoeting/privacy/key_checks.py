"""The deploy checks every key file shares: outside the data directories, private to its owner.

Used for the field key (expenses/checks.py) and the research key (surveys/checks.py).
"""

from __future__ import annotations

from pathlib import Path

from django.core.checks import CheckMessage, Error

from ontmoeting.privacy.files import data_directories, readable_by_others


def key_file_errors(
    path: Path, *, name: str, carries: str, hint: str, ids: tuple[str, str]
) -> list[CheckMessage]:
    """Errors when the key file ``path`` lies in the data directory (``ids[0]``: a copy of the
    data would carry ``carries``) or other users can read it (``ids[1]``)."""
    errors: list[CheckMessage] = []
    if any(path.resolve().is_relative_to(d) for d in data_directories()):
        errors.append(
            Error(
                f"The {name} file {path} lies in the data directory: a copy of the data "
                f"would carry {carries}.",
                hint=hint,
                id=ids[0],
            )
        )
    if readable_by_others(path):
        errors.append(
            Error(
                f"The {name} file {path} can be read by other users of the machine.",
                hint=f"chmod 600 {path} (owned by the user that runs ontmoeting).",
                id=ids[1],
            )
        )
    return errors
