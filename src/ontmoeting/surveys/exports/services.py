"""The one entry point for survey exports: profile rules, the audit entry, the file.

A de-identified export names each row by a pseudonym keyed for this export only (two exports
cannot be joined row by row) and leaves open answers out. A researcher may ask, with a reason
that goes into the audit log, for a *linked* export (the edition's stable pseudonyms, the same in
every linked export and on the research pages) and for the open answers (then masked).
"""

from __future__ import annotations

import io
from pathlib import Path

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import get_language, override
from django.utils.translation import gettext as _

from ontmoeting.editions.models import Edition
from ontmoeting.privacy.audit import Actor, record
from ontmoeting.privacy.roles import StaffRole, has_role
from ontmoeting.surveys.enums import Audience
from ontmoeting.surveys.exports.dataset import LANGUAGES, Dataset, Options, build_dataset
from ontmoeting.surveys.exports.writers import (
    CODEBOOK_FORMATS,
    FORMATS,
    codebook_html,
    write,
    write_codebook_xlsx,
    write_csv,
    write_xlsx,
)
from ontmoeting.surveys.pseudonyms import export_scope

DEIDENTIFIED = "deidentified"
IDENTIFIED = "identified"
PROFILES = (DEIDENTIFIED, IDENTIFIED)
MIN_REASON_LENGTH = 10


def check_profile(*, profile: str, actor: Actor, reason: str) -> None:
    """Refuse an identified export to anyone but a coordinator, or without a stated reason.

    ``actor`` may be the label ``"cli"``: whoever runs the command on the server is trusted as
    a coordinator, but must still give the reason.
    """
    if profile not in PROFILES:
        raise ValidationError(
            _("Unknown export profile %(profile)s; choose %(choices)s.")
            % {"profile": profile, "choices": ", ".join(PROFILES)}
        )
    if profile != IDENTIFIED:
        return
    if isinstance(actor, AbstractBaseUser) and not has_role(actor, StaffRole.COORDINATOR):
        raise PermissionDenied(_("Only a coordinator may export identified survey data."))
    if actor is None or (not isinstance(actor, str | AbstractBaseUser)):
        raise PermissionDenied(_("Only a coordinator may export identified survey data."))
    if len(reason.strip()) < MIN_REASON_LENGTH:
        raise ValidationError(
            _("An identified export needs a reason of at least %(n)d characters.")
            % {"n": MIN_REASON_LENGTH}
        )


def _check_options(*, open_answers: bool, linked: bool, reason: str, language: str) -> None:
    if language not in LANGUAGES:
        raise ValidationError(
            _("Unknown language %(language)s; choose %(choices)s.")
            % {"language": language, "choices": ", ".join(LANGUAGES)}
        )
    if (open_answers or linked) and len(reason.strip()) < MIN_REASON_LENGTH:
        raise ValidationError(
            _(
                "Open answers or a linked export need a reason of at least %(n)d characters; "
                "it is recorded in the audit log."
            )
            % {"n": MIN_REASON_LENGTH}
        )


def _options(*, language: str, open_answers: bool, linked: bool) -> Options:
    mask = None
    if open_answers:
        from ontmoeting.surveys.scrub_names import database_scrubber

        mask = database_scrubber().scrub
    return Options(
        scope=None if linked else export_scope(),
        language=language,
        open_answers=open_answers,
        mask=mask,
        linked=linked,
    )


def survey_dataset(
    *,
    edition: Edition,
    actor: Actor,
    audience: str = Audience.STUDENTS,
    profile: str = DEIDENTIFIED,
    reason: str = "",
    language: str | None = None,
    open_answers: bool = False,
    linked: bool = False,
) -> Dataset:
    """The data set in ``profile`` after the profile check (identities only when identified)."""
    language = (language or get_language() or "nl")[:2]
    check_profile(profile=profile, actor=actor, reason=reason)
    _check_options(open_answers=open_answers, linked=linked, reason=reason, language=language)
    options = _options(language=language, open_answers=open_answers, linked=linked)
    dataset = build_dataset(edition, audience=audience, profile=profile, options=options)
    if profile == IDENTIFIED:
        from ontmoeting.surveys.exports.identified import add_identities

        with override(language):
            dataset = add_identities(dataset)
    return dataset


def export_survey(
    *,
    edition: Edition,
    fmt: str,
    actor: Actor,
    target: Path | None = None,
    audience: str = Audience.STUDENTS,
    profile: str = DEIDENTIFIED,
    reason: str = "",
    language: str | None = None,
    open_answers: bool = False,
    linked: bool = False,
) -> bytes:
    """Export ``edition``'s survey data as ``fmt`` (csv, xlsx, sav); returns the file's bytes
    and writes them to ``target`` when given. One audit entry (with the reason) per export."""
    if fmt not in FORMATS:
        raise ValidationError(
            _("Unknown format %(fmt)s; choose %(choices)s.")
            % {"fmt": fmt, "choices": ", ".join(FORMATS)}
        )
    dataset = survey_dataset(
        edition=edition,
        actor=actor,
        audience=audience,
        profile=profile,
        reason=reason,
        language=language,
        open_answers=open_answers,
        linked=linked,
    )
    with override(dataset.language):
        data = _render(dataset, fmt)
    if target is not None:
        target.write_bytes(data)
    record(
        "surveys.export",
        actor=actor,
        obj=edition,
        format=fmt,
        profile=profile,
        audience=audience,
        rows=len(dataset.frame),
        reason=reason,
        language=dataset.language,
        open_answers=open_answers,
        linked=linked,
    )
    return data


def export_codebook(
    *,
    edition: Edition,
    fmt: str,
    audience: str = Audience.STUDENTS,
    language: str | None = None,
    open_answers: bool = False,
) -> bytes:
    """The codebook of the de-identified data set as XLSX or HTML (no data in it), in
    ``language``; with ``open_answers`` it also describes the (masked) open-answer variables."""
    if fmt not in CODEBOOK_FORMATS:
        raise ValidationError(_("A codebook is written as XLSX or HTML."))
    language = (language or get_language() or "nl")[:2]
    _check_options(open_answers=False, linked=False, reason="", language=language)
    dataset = build_dataset(
        edition, audience=audience, options=Options(language=language, open_answers=open_answers)
    )
    with override(language):
        if fmt == "html":
            return codebook_html(dataset).encode("utf-8")
        buffer = io.BytesIO()
        write_codebook_xlsx(dataset, buffer)
        return buffer.getvalue()


def _render(dataset: Dataset, fmt: str) -> bytes:
    if fmt == "csv":
        buffer = io.BytesIO()
        write_csv(dataset, buffer)
        return buffer.getvalue()
    if fmt == "xlsx":
        buffer = io.BytesIO()
        write_xlsx(dataset, buffer)
        return buffer.getvalue()
    # pyreadstat writes to a path only.
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "export.sav"
        write(dataset, path, fmt)
        return path.read_bytes()
