"""The ``ontmoeting`` command: every sub-command is listed, has its own --help, and speaks the
chosen language (--lang, else ONTMOETING_LANGUAGE, else Dutch) — argparse's own words included."""

from __future__ import annotations

import argparse
import gettext

import pytest

from ontmoeting.cli import build_parser, main, requested_language


def _subcommands():
    parser = build_parser()
    action = next(a for a in parser._actions if a.dest == "command")
    return sorted(action.choices)


def _help(argv, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(argv)
    assert exit_.value.code == 0
    return capsys.readouterr().out


def _error(argv, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(argv)
    assert exit_.value.code == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    return captured.err


def test_help_lists_the_commands(capsys):
    out = _help(["--help"], capsys)
    for name in ("demo", "import", "template", "edition", "manage", "plan", "documents"):
        assert name in out


@pytest.mark.parametrize("name", ["demo", "import", "template", "edition", "plan", "solve"])
def test_each_command_has_its_own_help(name, capsys):
    assert name in _subcommands()
    assert f"ontmoeting {name}" in _help([name, "--help"], capsys)


def test_help_is_dutch_by_default_argparse_words_included(capsys):
    out = _help(["plan", "--help"], capsys)
    assert out.startswith("gebruik: ontmoeting plan [-h] ACTIE ...")
    assert "Maak een nieuwe planningsversie voor de ontmoetingsdag van JAAR" in out
    assert "positionele argumenten:" in out
    assert "opties:" in out
    assert "-h, --help  toon deze hulp en stop" in out
    for english in ("usage:", "positional arguments", "options:", "show this help", "publish a"):
        assert english not in out


def test_help_in_english_with_lang_en(capsys):
    out = _help(["--lang", "en", "plan", "--help"], capsys)
    assert out.startswith("usage: ontmoeting plan [-h] ACTION ...")
    assert "Make a new plan version for the encounter day of YEAR" in out
    assert "positional arguments:" in out
    assert "-h, --help  show this help message and exit" in out


def test_help_in_italian_with_lang_it(capsys):
    out = _help(["--lang", "it", "plan", "--help"], capsys)
    assert out.startswith("uso: ontmoeting plan [-h] AZIONE ...")
    assert "Crea una nuova versione del piano per la giornata dell'incontro di ANNO" in out
    assert "argomenti posizionali:" in out
    assert "opzioni:" in out
    assert "-h, --help  mostra questo aiuto ed esci" in out


def test_language_comes_from_the_environment_and_lang_wins(capsys, monkeypatch):
    monkeypatch.setenv("ONTMOETING_LANGUAGE", "it")
    assert _help(["edition", "--help"], capsys).startswith("uso: ontmoeting edition")
    assert _help(["--lang", "en", "edition", "--help"], capsys).startswith("usage: ")
    monkeypatch.setenv("ONTMOETING_LANGUAGE", "de")  # not a language we speak: the default
    assert _help(["edition", "--help"], capsys).startswith("gebruik: ")


def test_lang_counts_only_before_the_command():
    assert requested_language(["--lang", "it", "plan", "2026"]) == "it"
    assert requested_language(["--lang=en", "plan", "2026"]) == "en"
    assert requested_language(["plan", "2026", "--lang", "it"]) is None
    assert requested_language(["--lang", "de", "plan"]) is None


def test_errors_are_dutch_and_name_what_is_missing(capsys):
    err = _error(["plan", "publish"], capsys)
    assert "ontmoeting plan publish: fout: deze argumenten zijn verplicht: JAAR" in err
    err = _error(["edition", "status", "2026", "gone"], capsys)
    assert "argument STATUS: ongeldige keuze: 'gone' (kies uit 'draft'," in err
    err = _error(["--lang", "de", "edition", "list"], capsys)
    assert "fout: argument --lang: ongeldige keuze: 'de'" in err
    err = _error(["plan", "publishh", "2026"], capsys)
    assert "publishh is geen jaartal en ook geen van de acties: make, publish." in err
    err = _error(["edition", "create", "2027", "--date", "9 Dec"], capsys)
    assert "argument --date: 9 Dec is geen datum zoals 2026-12-10 (JJJJ-MM-DD)." in err


def test_argparse_gets_its_own_gettext_back_after_main(capsys):
    _help(["--help"], capsys)
    assert argparse._ is gettext.gettext
    assert argparse.ngettext is gettext.ngettext


@pytest.mark.django_db
def test_edition_status_refuses_a_skipped_step(capsys):
    from tests.factories import EditionFactory

    EditionFactory(year=2026, status="draft")
    assert main(["edition", "status", "2026", "held"]) == 2
    assert "kan niet van 'concept' naar 'gehouden' gaan" in capsys.readouterr().out
    assert main(["edition", "status", "2026", "recruiting"]) == 0
    assert "in werving" in capsys.readouterr().out


@pytest.mark.django_db
def test_edition_show_unknown_year_is_bad_input(capsys):
    assert main(["edition", "show", "1999"]) == 2
    assert (
        capsys.readouterr().out == "Er is geen editie van de ontmoetingsdag in 1999 (edities: —).\n"
    )
