"""The ``ontmoeting`` command: every sub-command is listed and has its own --help."""

from __future__ import annotations

import pytest

from ontmoeting.cli import build_parser, main


def _subcommands():
    parser = build_parser()
    action = next(a for a in parser._actions if a.dest == "command")
    return sorted(action.choices)


def test_help_lists_the_commands(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["--help"])
    assert exit_.value.code == 0
    out = capsys.readouterr().out
    for name in ("demo", "import", "template", "edition", "manage"):
        assert name in out


@pytest.mark.parametrize("name", ["demo", "import", "template", "edition", "plan", "solve"])
def test_each_command_has_its_own_help(name, capsys):
    assert name in _subcommands()
    with pytest.raises(SystemExit) as exit_:
        main([name, "--help"])
    assert exit_.value.code == 0
    assert f"ontmoeting {name}" in capsys.readouterr().out


@pytest.mark.django_db
def test_edition_status_refuses_a_skipped_step(capsys):
    from tests.factories import EditionFactory

    EditionFactory(year=2026, status="draft")
    assert main(["--lang", "en", "edition", "status", "2026", "published"]) == 2
    assert "cannot go from 'draft' to 'published'" in capsys.readouterr().out


@pytest.mark.django_db
def test_edition_show_unknown_year_is_bad_input(capsys):
    assert main(["--lang", "en", "edition", "show", "1999"]) == 2
    assert "There is no encounter day in 1999." in capsys.readouterr().out
