"""The roster upload form, and keeping an uploaded file safely between preview and confirm."""

from __future__ import annotations

import re
import secrets
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from ontmoeting.editions.roster import KINDS, Kind
from ontmoeting.privacy.uploads import max_bytes, megabytes

ALLOWED_SUFFIXES = (".xlsx", ".csv")
SESSION_KEY = "roster_uploads"
TOKEN_PATTERN = re.compile(r"^[A-Za-z0-9_-]{32}$")
#: An upload not confirmed within a day is deleted at the next upload.
STALE_AFTER_SECONDS = 24 * 60 * 60
KIND_LABELS = {
    "students": _("Students"),
    "experts": _("Experts by experience"),
    "professionals": _("Professionals"),
}
AUTO = "auto"


class RosterUploadForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Who is in the file?"),
        choices=[(AUTO, _("Recognise it from the columns")), *((k, KIND_LABELS[k]) for k in KINDS)],
        widget=forms.RadioSelect,
        initial=AUTO,
    )
    file = forms.FileField(
        label=_("Roster file (.xlsx or .csv, at most 10 MB)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )

    def __init__(self, *args: Any, kinds: tuple[Kind, ...] = KINDS, **kwargs: Any) -> None:
        """``kinds``: the rosters the edition takes (its format decides)."""
        super().__init__(*args, **kwargs)
        field = self.fields["kind"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(AUTO, _("Recognise it from the columns"))] + [
            (k, KIND_LABELS[k]) for k in kinds
        ]

    def clean_file(self) -> UploadedFile:
        upload: UploadedFile = self.cleaned_data["file"]
        if Path(upload.name or "").suffix.lower() not in ALLOWED_SUFFIXES:
            raise forms.ValidationError(
                _("Only .xlsx and .csv files can be imported; save the roster in one of those.")
            )
        limit = max_bytes("roster")
        if (upload.size or 0) > limit:
            raise forms.ValidationError(
                _(
                    "The file is larger than %(limit)s MB; a roster is much smaller. "
                    "Is this the right file?"
                )
                % {"limit": megabytes(limit)}
            )
        return upload


class ConfirmForm(forms.Form):
    token = forms.RegexField(regex=TOKEN_PATTERN, widget=forms.HiddenInput)


def decisions_from(data: Mapping[str, str], rows: Iterable[int]) -> dict[int, int | None]:
    """The coordinator's answers for the probable matches: ``match-<row>`` = person id or "new";
    rows without a (valid) answer are left out."""
    decisions: dict[int, int | None] = {}
    for row in rows:
        answer = str(data.get(f"match-{row}", ""))
        if answer == "new":
            decisions[row] = None
        elif answer.isdigit():
            decisions[row] = int(answer)
    return decisions


def mappings_from(data: Mapping[str, str]) -> tuple[dict[str, dict[str, str]], bool]:
    """The words mapped in the preview (``word-N``, ``field-N``, ``code-N``) and whether the
    coordinator asked to remember them for the department."""
    mappings: dict[str, dict[str, str]] = {}
    for key, word in data.items():
        if not key.startswith("word-"):
            continue
        suffix = key.removeprefix("word-")
        name, code = str(data.get(f"field-{suffix}", "")), str(data.get(f"code-{suffix}", ""))
        if name and code and str(word).strip():
            mappings.setdefault(name, {})[str(word).strip()[:200]] = code
    return mappings, data.get("remember") == "on"


@dataclass(frozen=True)
class StagedUpload:
    """An uploaded roster kept under MEDIA_ROOT/uploads, known only to this session."""

    token: str
    edition_id: int
    kind: Kind | None
    filename: str
    suffix: str
    #: Words mapped for this file only (field → word → code).
    mappings: dict[str, dict[str, str]] = field(default_factory=dict)

    @property
    def path(self) -> Path:
        return upload_dir() / f"{self.token}{self.suffix}"

    def exists(self) -> bool:
        return self.path.is_file()

    def remember(
        self, request: HttpRequest, *, kind: Kind | None, mappings: dict[str, dict[str, str]]
    ) -> StagedUpload:
        """Keep the recognised kind and this file's mapped words in the session."""
        uploads = dict(request.session.get(SESSION_KEY, {}))
        if self.token in uploads:
            uploads[self.token] = {**uploads[self.token], "kind": kind or "", "mappings": mappings}
            request.session[SESSION_KEY] = uploads
        return replace(self, kind=kind, mappings=mappings)

    def discard(self, request: HttpRequest) -> None:
        """Delete the file and forget it (safe to call twice)."""
        self.path.unlink(missing_ok=True)
        uploads = dict(request.session.get(SESSION_KEY, {}))
        if uploads.pop(self.token, None) is not None:
            request.session[SESSION_KEY] = uploads


def upload_dir() -> Path:
    path = Path(settings.MEDIA_ROOT) / "uploads"
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path


def forget_old_uploads(max_age_seconds: int = STALE_AFTER_SECONDS) -> None:
    """Delete uploads nobody confirmed within ``max_age_seconds`` (previews left behind)."""
    cutoff = time.time() - max_age_seconds
    for path in upload_dir().iterdir():
        if path.is_file() and path.stat().st_mtime < cutoff:
            path.unlink(missing_ok=True)


def stage_upload(
    request: HttpRequest, *, upload: UploadedFile, edition_id: int, kind: Kind | None
) -> StagedUpload:
    """Write ``upload`` under a random name and remember it in the session."""
    forget_old_uploads()
    staged = StagedUpload(
        token=secrets.token_urlsafe(24),
        edition_id=edition_id,
        kind=kind,
        filename=Path(upload.name or "roster").name,
        suffix=Path(upload.name or "").suffix.lower(),
    )
    try:
        with staged.path.open("wb") as handle:
            for chunk in upload.chunks():
                handle.write(chunk)
    except BaseException:
        staged.path.unlink(missing_ok=True)  # a half-written file is never left behind
        raise
    uploads: dict[str, Any] = dict(request.session.get(SESSION_KEY, {}))
    uploads[staged.token] = {
        "edition": edition_id,
        "kind": kind or "",
        "filename": staged.filename,
        "suffix": staged.suffix,
    }
    request.session[SESSION_KEY] = uploads
    return staged


def staged_upload(request: HttpRequest, *, token: str, edition_id: int) -> StagedUpload | None:
    """The upload of this session with ``token`` for this edition, or None."""
    if not TOKEN_PATTERN.match(token or ""):
        return None
    entry = request.session.get(SESSION_KEY, {}).get(token)
    if not entry or entry.get("edition") != edition_id:
        return None
    kind = entry.get("kind")
    if entry.get("suffix") not in ALLOWED_SUFFIXES or kind not in (*KINDS, ""):
        return None
    return StagedUpload(
        token=token,
        edition_id=edition_id,
        kind=kind or None,
        filename=entry["filename"],
        suffix=entry["suffix"],
        mappings=dict(entry.get("mappings") or {}),
    )
