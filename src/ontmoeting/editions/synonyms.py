"""A department's own words for roster values: add, change, remove, and list beside the built-in ones.

A word is stored per field in its folded form (``editions/roster/words.py``), so ``Jeugdhulp`` and
``jeugdhulp`` are one word; adding a word that exists changes what it means. Every change is an
audit entry.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from ontmoeting.editions.models import ValueSynonym
from ontmoeting.editions.roster.context import load_vocabularies
from ontmoeting.editions.roster.values import Vocabulary
from ontmoeting.editions.roster.words import BUILTIN_SYNONYMS, FIELDS, fold
from ontmoeting.privacy.audit import Actor, actor_user, record


class SynonymError(ValueError):
    """A word that cannot be added; the message is the translated reason."""


def meanings(
    field: str, vocabularies: dict[str, Vocabulary] | None = None
) -> list[tuple[str, str]]:
    """The codes a word of ``field`` can mean, with their labels in the active language."""
    if field not in FIELDS:
        raise SynonymError(_("unknown column %(field)s") % {"field": field})
    vocabulary = (vocabularies or load_vocabularies())[field]
    return [(code, vocabulary.label(code) or "—") for code in vocabulary.labels]


def all_meanings() -> dict[str, list[tuple[str, str]]]:
    """``meanings`` of every field, loaded once."""
    vocabularies = load_vocabularies()
    return {field: meanings(field, vocabularies) for field in FIELDS}


@transaction.atomic
def save_synonym(*, field: str, word: str, code: str, actor: Actor) -> ValueSynonym:
    """Remember that ``word`` in a column of ``field`` means ``code`` (idempotent)."""
    word = word.strip()
    if not fold(word):
        raise SynonymError(_("write the word as it appears in the roster"))
    if code not in dict(meanings(field)):
        raise SynonymError(_("choose what the word means"))
    synonym, created = ValueSynonym.objects.select_for_update().get_or_create(
        field=field, folded=fold(word), defaults={"word": word, "code": code}
    )
    if not created and (synonym.code, synonym.word) != (code, word):
        synonym.code, synonym.word = code, word
        synonym.save(update_fields=["code", "word"])
    elif not created:
        return synonym
    if created and actor_user(actor) is not None:
        synonym.created_by = actor_user(actor)
        synonym.save(update_fields=["created_by"])
    record("roster.synonym.save", actor=actor, obj=synonym, field=field, word=word, code=code)
    return synonym


@transaction.atomic
def delete_synonym(synonym: ValueSynonym, *, actor: Actor) -> None:
    record(
        "roster.synonym.delete",
        actor=actor,
        obj=synonym,
        field=synonym.field,
        word=synonym.word,
        code=synonym.code,
    )
    synonym.delete()


@dataclass(frozen=True)
class FieldWords:
    """For one field: each meaning with the department's words and the built-in ones."""

    field: str
    name: str
    meanings: list[tuple[str, str, list[ValueSynonym], tuple[str, ...]]]


def words_by_field() -> list[FieldWords]:
    """What the synonyms page shows: per field and meaning, own words and built-in words."""
    own: dict[tuple[str, str], list[ValueSynonym]] = {}
    for synonym in ValueSynonym.objects.all():
        own.setdefault((synonym.field, synonym.code), []).append(synonym)
    result = []
    by_field = all_meanings()
    for field, name in FIELDS.items():
        rows = [
            (code, label, own.get((field, code), []), BUILTIN_SYNONYMS[field].get(code, ()))
            for code, label in by_field[field]
        ]
        result.append(FieldWords(field, str(name), rows))
    return result
