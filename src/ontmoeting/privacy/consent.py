"""Consent: versioned texts, consent given and withdrawn, and the special-category check.

Two kinds of consent: the general one (taking part, contact details, needs) and a separate,
explicit one for special-category data (the domains of experience). Without the special one the
domains are never stored; withdrawing it deletes them from the profile.

The privacy app sits below the apps that hold the data a consent covers, so it does not delete
that data itself: an app registers an *eraser* for a kind of consent (people does so for the
domains, in its ``AppConfig.ready()``), and ``withdraw_consent`` runs the erasers of the kind it
withdraws, inside its transaction, and records what each deleted. In the same way an app may
register an *activator*, run when a consent is given (people brings the domains it held as
pending into use). A person here is a
``people.Person``, passed in as an object and never imported.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import models, transaction
from django.db.models import QuerySet
from django.utils import timezone

from ontmoeting.privacy.audit import Actor, record
from ontmoeting.privacy.consent_defaults import DEFAULT_TEXTS, PUBLISHED
from ontmoeting.privacy.models import Consent, ConsentHow, ConsentKind, ConsentText

FALLBACK_LANGUAGES = ("nl", "en")

#: An eraser: deletes the data of a person that a consent covered; returns how many items. It
#: takes the ``people.Person`` that withdrew, a type this module cannot name (hence ``Any``).
Eraser = Callable[[Any], int]

#: kind of consent → audit key (e.g. "domains_deleted") → the eraser counted under that key
_ERASERS: dict[str, dict[str, Eraser]] = {}


#: kind of consent → audit key (e.g. "domains_activated") → what to do when it is given
_ACTIVATORS: dict[str, dict[str, Eraser]] = {}


def register_activator(kind: str, key: str, activator: Eraser) -> None:
    """Run ``activator`` when a consent of ``kind`` is given (people moves the domains held as
    pending into use); its count is audited as ``key``. Registering again replaces it."""
    _ACTIVATORS.setdefault(str(kind), {})[key] = activator


def register_eraser(kind: str, key: str, eraser: Eraser) -> None:
    """Run ``eraser`` when a consent of ``kind`` is withdrawn; its count is audited as ``key``.

    Registering again under the same kind and key replaces the eraser (no double deletion).
    """
    _ERASERS.setdefault(str(kind), {})[key] = eraser


def ensure_default_texts() -> int:
    """Create the shipped version-1 texts that are missing; returns how many were created."""
    created = 0
    for (kind, language), body in DEFAULT_TEXTS.items():
        _text, new = ConsentText.objects.get_or_create(
            kind=kind,
            language=language,
            version=1,
            defaults={"body": body, "published_at": PUBLISHED},
        )
        created += new
    return created


def current_text(kind: str, language: str | None = None) -> ConsentText | None:
    """The latest published text of ``kind`` in ``language`` (falling back to Dutch, English).

    When no text of ``kind`` exists at all, the shipped version 1 is created first.
    """
    texts = ConsentText.objects.filter(kind=kind, published_at__lte=timezone.now())
    for code in dict.fromkeys([(language or "nl")[:2], *FALLBACK_LANGUAGES]):
        text = texts.filter(language=code).order_by("-version").first()
        if text is not None:
            return text
    text = texts.order_by("-version").first()
    if text is None and ensure_default_texts():
        return current_text(kind, language)
    return text


def active_consents(person: models.Model) -> QuerySet[Consent]:
    """The consents ``person`` gave and did not withdraw, with their texts."""
    return Consent.objects.filter(person_id=person.pk, withdrawn_at__isnull=True).select_related(
        "text"
    )


def has_consent(person: models.Model, kind: str) -> bool:
    return active_consents(person).filter(text__kind=kind).exists()


def has_special_consent(person: models.Model) -> bool:
    """True when ``person`` gave, and did not withdraw, consent for special-category data."""
    return has_consent(person, ConsentKind.SPECIAL_CATEGORY)


def has_general_consent(person: models.Model) -> bool:
    return has_consent(person, ConsentKind.GENERAL)


@transaction.atomic
def give_consent(
    person: models.Model, *, text: ConsentText, actor: Actor, how: str = ConsentHow.ONLINE
) -> Consent:
    """Record consent to ``text``; idempotent: an active consent of that kind is kept as is
    when it is to the same text, and replaced (withdrawn, then given) for a newer version."""
    current = active_consents(person).filter(text__kind=text.kind).first()
    if current is not None and current.text_id == text.pk:
        return current
    now = timezone.now()
    if current is not None:
        active_consents(person).filter(text__kind=text.kind).update(withdrawn_at=now)
    consent = Consent.objects.create(person_id=person.pk, text=text, given_at=now, how=how)
    activated = {key: run(person) for key, run in _ACTIVATORS.get(str(text.kind), {}).items()}
    record(
        "consent.give",
        actor=actor,
        obj=person,
        kind=text.kind,
        version=text.version,
        language=text.language,
        how=how,
        **activated,
    )
    return consent


@transaction.atomic
def withdraw_consent(
    person: models.Model, *, kind: str, actor: Actor, how: str = ConsentHow.ONLINE
) -> int:
    """Withdraw the active consent of ``kind`` and run its erasers (for special-category data
    the domains of experience are deleted from the profile). Returns how many consents were
    withdrawn (0: nothing to do, idempotent)."""
    withdrawn = active_consents(person).filter(text__kind=kind).update(withdrawn_at=timezone.now())
    erased = {key: eraser(person) for key, eraser in _ERASERS.get(str(kind), {}).items()}
    if withdrawn or any(erased.values()):
        record("consent.withdraw", actor=actor, obj=person, kind=kind, how=how, **erased)
    return withdrawn
