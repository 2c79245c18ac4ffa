"""Running the demo command in tests, and fingerprints of what it wrote (no primary keys)."""

from __future__ import annotations

import argparse
import contextlib
import io
from dataclasses import dataclass
from pathlib import Path

from django.test import override_settings
from django.utils import translation

from ontmoeting.commands import demo as demo_command
from ontmoeting.editions.models import Participant
from ontmoeting.surveys.models import Answer

#: The seed `ontmoeting demo` (and so `make demo`) builds with: the tests see what a newcomer sees.
SEED = 2009


#: A fast hasher where a test does not log in with the printed passwords.
FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def run_demo(*argv: str, real_hasher: bool = False) -> tuple[int, str]:
    """Run ``ontmoeting demo ARGV`` (in Dutch, as it speaks by default) and return its exit code
    and output."""
    parser = argparse.ArgumentParser()
    demo_command.register(parser.add_subparsers())
    args = parser.parse_args(["demo", *argv])
    buffer = io.StringIO()
    hashers = {} if real_hasher else {"PASSWORD_HASHERS": FAST_HASHERS}
    with (
        contextlib.redirect_stdout(buffer),
        translation.override("nl"),
        override_settings(**hashers),
    ):
        code = args.handler(args)
    return code, buffer.getvalue()


def fingerprint() -> list[tuple[object, ...]]:
    """Names, refs and statuses of every participation, independent of primary keys."""
    return sorted(
        Participant.objects.values_list(
            "edition__year",
            "ref",
            "role",
            "status",
            "person__first_name",
            "person__last_name",
            "person__email",
            "class_group",
            "edition__date",
        )
    )


def research_fingerprint() -> list[str]:
    """Every survey answer with its wave, source, self-made code and completion, independent of
    primary keys and of the (cryptographically random) study codes."""
    return sorted(
        str(row)
        for row in Answer.objects.values_list(
            "response__wave__edition__year",
            "response__wave__kind",
            "response__source",
            "response__self_code",
            "response__completed_at",
            "item__code",
            "value_number",
            "value_choices",
            "value_text",
        )
    )


@dataclass(frozen=True)
class Built:
    code: int
    output: str
    fingerprint: list[tuple[object, ...]]
    research_fingerprint: list[str]
    out: Path
