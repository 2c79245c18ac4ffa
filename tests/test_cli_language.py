"""Every text of the ``ontmoeting`` command speaks the user's language: the whole parser tree,
every sub-command and every sub-sub-command, in Dutch (the default) and Italian, down to the
placeholders of the arguments; and the messages the commands print."""

from __future__ import annotations

import argparse
from collections.abc import Iterator

import pytest
from django.utils import translation

from ontmoeting.cli import build_parser, main
from ontmoeting.commands._parsing import argparse_in_active_language

#: Texts a language writes as English does, per language: each a symbol or a loanword. Keep it
#: small: anything a person reads as a word of their own language belongs in the catalogue.
SAME_AS_ENGLISH = {
    "nl": {
        "N",  # a number: --seed N, --plan-version N, --limit N
        "STATUS",  # Dutch keeps the loanword: ontmoeting edition status JAAR STATUS
        "REF",  # the column is called ref in Dutch rosters too: ontmoeting day checkin JAAR REF
    },
    "it": {
        "N",
        "FILE",  # Italian says "file": ontmoeting import {students,experts} FILE
        "FILE.xlsx|FILE.html",  # the same word, with the suffixes the codebook is written as
    },
}

#: Commands whose ``--help`` is not ours: ``ontmoeting manage --help`` is Django's manage.py.
FOREIGN_HELP = {("manage",)}


def _shown_metavar(action: argparse.Action) -> str | None:
    """The placeholder --help shows for ``action``'s value, when it is a word and not choices."""
    if action.nargs == 0 or action.help == argparse.SUPPRESS:
        return None
    if action.metavar is not None:
        metavar = action.metavar
        return " ".join(metavar) if isinstance(metavar, tuple) else metavar
    if action.choices is not None:
        return None  # shown as {a,b,c}: the values the user types, the same in every language
    return action.dest if not action.option_strings else action.dest.upper()


def _texts(parser: argparse.ArgumentParser, path: tuple[str, ...]) -> Iterator[tuple[str, str]]:
    """(where, text) for every text --help shows of ``parser`` and of the parsers below it."""
    where = " ".join(("ontmoeting", *path))
    for kind, text in (("description", parser.description), ("epilog", parser.epilog)):
        if text:
            yield f"{where}: {kind}", text
    for action in parser._actions:
        name = "/".join(action.option_strings) or action.dest
        if action.help and action.help != argparse.SUPPRESS:
            yield f"{where} {name}: help", action.help
        if metavar := _shown_metavar(action):
            yield f"{where} {name}: metavar", metavar
        if isinstance(action, argparse._SubParsersAction):
            for choice in action._choices_actions:
                if choice.help:
                    yield f"{where} {choice.dest}: help in the list", choice.help
            for command, sub in action.choices.items():
                yield from _texts(sub, (*path, command))


def _all_texts(language: str) -> list[tuple[str, str]]:
    with translation.override(language), argparse_in_active_language():
        return list(_texts(build_parser(), ()))


def _commands(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()) -> Iterator[tuple]:
    """The path of every command and sub-command, e.g. ("expenses", "rotate-key")."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for command, sub in action.choices.items():
                yield (*path, command)
                yield from _commands(sub, (*path, command))


def _every_command() -> list[tuple[str, ...]]:
    with translation.override("en"):
        return list(_commands(build_parser()))


def test_the_walk_reaches_the_nested_commands():
    commands = _every_command()
    for nested in [("expenses", "rotate-key"), ("privacy", "purge"), ("solve", "mdgp")]:
        assert nested in commands
    where = {where for where, _text in _all_texts("en")}
    assert "ontmoeting expenses rotate-key: description" in where
    assert "ontmoeting privacy export --out: metavar" in where


@pytest.mark.parametrize("language", ["nl", "it"])
def test_every_help_text_is_translated(language):
    english = _all_texts("en")
    translated = _all_texts(language)
    assert [where for where, _text in translated] == [where for where, _text in english]
    untranslated = [
        f"{where}: {text!r}"
        for (where, text), (_where, other) in zip(english, translated, strict=True)
        if text == other and text not in SAME_AS_ENGLISH[language]
    ]
    assert untranslated == []


@pytest.mark.parametrize("language", ["nl", "it"])
def test_the_allow_list_holds_only_texts_still_the_same(language):
    pairs = zip(_all_texts("en"), _all_texts(language), strict=True)
    same = {english for (_where, english), (_at, text) in pairs if english == text}
    assert same >= SAME_AS_ENGLISH[language]


ARGPARSE_ENGLISH = (
    "usage:",
    "positional arguments",
    "options:",
    "show this help message",
    "subcommands",
)


@pytest.mark.parametrize(
    "command", [c for c in _every_command() if c[:1] not in FOREIGN_HELP], ids=" ".join
)
def test_help_of_every_command_is_dutch(command, capsys):
    with pytest.raises(SystemExit) as exit_:
        main([*command, "--help"])
    assert exit_.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith(f"gebruik: ontmoeting {' '.join(command)} ")
    assert "-h, --help" in out
    assert [word for word in ARGPARSE_ENGLISH if word in out] == []


def test_a_wrong_choice_is_refused_in_dutch_and_in_english_with_lang_en(capsys):
    with pytest.raises(SystemExit):
        main(["export", "survey", "2026", "--format", "odt", "--out", "x.csv"])
    assert "argument --format: ongeldige keuze: 'odt' (kies uit 'csv'" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["--lang", "en", "export", "survey", "2026", "--format", "odt", "--out", "x.csv"])
    assert "argument --format: invalid choice: 'odt' (choose from 'csv'" in capsys.readouterr().err


def test_a_word_for_a_number_is_refused_in_words_not_python_type_names(capsys):
    with pytest.raises(SystemExit):
        main(["edition", "show", "abc"])
    assert capsys.readouterr().err.endswith("argument JAAR: abc is geen geheel getal.\n")
    with pytest.raises(SystemExit):
        main(["--lang", "en", "outbox", "send", "--interval", "0,5"])
    assert capsys.readouterr().err.endswith(
        "argument --interval: 0,5 is not a number like 2.5 (with a decimal point).\n"
    )


def test_erase_without_confirm_is_refused_in_dutch_and_in_english_with_lang_en(capsys):
    assert main(["privacy", "erase", "someone@example.org"]) == 2
    assert capsys.readouterr().out == (
        "Wissen kan niet ongedaan gemaakt worden: voeg --confirm toe om deze persoon te wissen.\n"
    )
    assert main(["--lang", "en", "privacy", "erase", "someone@example.org"]) == 2
    assert capsys.readouterr().out == (
        "Erasing cannot be undone: add --confirm to erase this person.\n"
    )


def test_analyse_refuses_bad_confidence_in_dutch_and_in_english_with_lang_en(tmp_path, capsys):
    table = tmp_path / "scores.csv"
    table.write_text("pre,post\n1,2\n2,3\n3,5\n")
    argv = ["analyse", "paired", str(table), "--pre", "pre", "--post", "post", "--confidence", "2"]
    assert main(argv) == 2
    nl = capsys.readouterr()
    assert (nl.out, nl.err) == ("", "--confidence moet tussen 0 en 1 liggen (bv. 0.95).\n")
    assert main(["--lang", "en", *argv]) == 2
    assert capsys.readouterr().err == "--confidence must lie between 0 and 1 (e.g. 0.95).\n"


@pytest.mark.django_db
def test_the_erase_report_says_in_dutch_what_each_count_stands_for(capsys):
    from tests.factories import PersonFactory

    PersonFactory(first_name="Marc", email="marc@example.org")
    assert main(["privacy", "erase", "marc@example.org", "--confirm"]) == 0
    heading, *lines = capsys.readouterr().out.splitlines()
    assert heading == "Gewist:"
    assert "  person: 1 — naam en contactgegevens leeggemaakt" in lines
    assert "  consents: 0 — toestemmingen verwijderd" in lines
    # Every count is followed by its meaning, never by the bare key again.
    assert [line for line in lines if line.endswith(line.split(":")[0].strip())] == []
