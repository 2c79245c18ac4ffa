"""Domain functions that write editions: create one with its programme, move it in its lifecycle."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ontmoeting.editions.enums import Format
from ontmoeting.editions.lifecycle import check_guards
from ontmoeting.editions.models import (
    Edition,
    InvalidTransition,
    ProgrammeBlock,
    SectorTarget,
    Venue,
    default_programme,
)
from ontmoeting.people.models import Sector
from ontmoeting.privacy.audit import Actor, record


@transaction.atomic
def create_edition(
    *,
    year: int,
    date: dt.date,
    window_start: dt.date,
    window_end: dt.date,
    actor: Actor,
    format: str = Format.ENCOUNTER_DAY,
    venue: Venue | None = None,
    target_pairs: int = 108,
    target_newcomer_share: Decimal = Decimal("0.50"),
    title: str = "",
) -> Edition:
    """Create an edition with its format's default programme; idempotent on (year, format).

    Raises ValidationError when the date is outside the academic calendar window.
    """
    existing = Edition.objects.filter(year=year, format=format).first()
    if existing is not None:
        return existing
    edition = Edition(
        year=year,
        date=date,
        window_start=window_start,
        window_end=window_end,
        format=format,
        venue=venue,
        target_pairs=target_pairs,
        target_newcomer_share=target_newcomer_share,
        title=title,
    )
    edition.full_clean()
    edition.save()
    ProgrammeBlock.objects.bulk_create(
        ProgrammeBlock(edition=edition, kind=kind, starts=starts, ends=ends)
        for kind, starts, ends in default_programme(format)
    )
    record("edition.create", actor=actor, obj=edition, year=year, date=date.isoformat())
    return edition


def transition_refusal(edition: Edition, *, to: str) -> str | None:
    """Why ``edition`` may not move to ``to`` now (the lifecycle or a guard), or None; the same
    checks ``transition_edition`` makes, without writing (for the confirmation page)."""
    try:
        edition.check_transition(to)
        check_guards(edition, to)
    except InvalidTransition as exc:
        return " ".join(exc.messages)
    return None


@transaction.atomic
def transition_edition(edition: Edition, *, to: str, actor: Actor) -> Edition:
    """Move ``edition`` to status ``to``; raises InvalidTransition when not allowed.

    Allowed means: the lifecycle lists the step and every guard of ``to`` lets it pass (see
    ``editions.lifecycle``; e.g. ``published`` needs a published plan). Idempotent: asking for
    the status it already has changes nothing.
    """
    locked = Edition.objects.select_for_update().get(pk=edition.pk)
    if locked.status == to:
        return locked
    locked.check_transition(to)
    check_guards(locked, to)
    before = locked.status
    locked.status = to
    locked.save(update_fields=["status"])
    record("edition.transition", actor=actor, obj=locked, before=before, after=to)
    edition.status = to
    return locked


CONTACT_FIELDS = ("contact_name", "contact_phone", "contact_email")


@transaction.atomic
def update_contact(
    edition: Edition,
    *,
    contact_name: str,
    contact_phone: str,
    contact_email: str,
    actor: Actor,
) -> Edition:
    """Set whom participants contact with a question; audited, and a no-op when unchanged."""
    new = {
        "contact_name": contact_name.strip(),
        "contact_phone": contact_phone.strip(),
        "contact_email": contact_email.strip(),
    }
    before = Edition.objects.select_for_update().values(*CONTACT_FIELDS).get(pk=edition.pk)
    for name, value in new.items():
        setattr(edition, name, value)
    if before == new:
        return edition
    Edition.objects.filter(pk=edition.pk).update(**new)
    record("edition.contact", actor=actor, obj=edition, before=before, after=new)
    return edition


@transaction.atomic
def set_sector_targets(edition: Edition, *, targets: Mapping[str, int], actor: Actor) -> Edition:
    """Set how many professionals of each sector (by code) a co-creation meeting aims for;
    0 removes a sector's target. Audited once; a no-op when nothing changes."""
    if edition.format != Format.CO_CREATION:
        raise ValidationError(_("Only a co-creation meeting has targets per sector."))
    sectors = {s.code: s for s in Sector.objects.filter(code__in=list(targets))}
    unknown = sorted(set(targets) - set(sectors))
    if unknown:
        raise ValidationError(_("Unknown sector: %(codes)s.") % {"codes": ", ".join(unknown)})
    before = {
        t.sector.code: t.professionals for t in edition.sector_targets.select_related("sector")
    }
    after = {code: n for code, n in {**before, **targets}.items() if n > 0}
    if after == before:
        return edition
    SectorTarget.objects.filter(edition=edition).exclude(sector__code__in=list(after)).delete()
    for code, number in targets.items():
        if number > 0:
            SectorTarget.objects.update_or_create(
                edition=edition, sector=sectors[code], defaults={"professionals": number}
            )
    record("edition.sector_targets", actor=actor, obj=edition, before=before, after=after)
    return edition
