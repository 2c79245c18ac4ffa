"""Messages of an edition (coordinators): the outbox, templates with preview, sending, letters."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from ontmoeting.editions.models import Edition
from ontmoeting.messaging import selectors
from ontmoeting.messaging.bulk import BULK_KINDS, SAMPLE_LINK, preview_bulk, queue_bulk
from ontmoeting.messaging.enums import MESSAGE_LANGUAGES, MessageKind, MessageStatus
from ontmoeting.messaging.models import LetterBatch, OutboxMessage
from ontmoeting.messaging.rendering import PLACEHOLDERS, render_html, render_text, with_contact
from ontmoeting.messaging.services import (
    base_values,
    effective_template,
    letters_pdf,
    make_letter_batch,
    reset_template,
    retry_now,
    save_template,
    validate_template,
)
from ontmoeting.privacy.audit import record
from ontmoeting.web.forms.errors import add_service_errors
from ontmoeting.web.permissions import StaffRequest, coordinator_required

PAGE_SIZE = 50
LANGUAGE_NAMES = {
    "nl": gettext_lazy("Dutch"),
    "en": gettext_lazy("English"),
    "it": gettext_lazy("Italian"),
}
#: Sample values for previews (a made-up person: a preview never shows a real one by accident).
SAMPLE_VALUES = {
    "first_name": "Anna",
    "last_name": "Jansen",
    "link": SAMPLE_LINK,
    "survey_link": SAMPLE_LINK,
    "partner_first_name": "Samir",
    "room": "B.2.14",
    "group": "3",
    "chair_first_name": "Marleen",
    "changes": "10:00 – 12:00: room B.2.14 → C.1.03",
}


def _edition(edition_id: int) -> Edition:
    return get_object_or_404(Edition.objects.select_related("venue"), pk=edition_id)


class OutboxFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=gettext_lazy("Status"),
        required=False,
        choices=[("", gettext_lazy("all")), *MessageStatus.choices],
    )
    kind = forms.ChoiceField(
        label=gettext_lazy("Kind"),
        required=False,
        choices=[("", gettext_lazy("all")), *MessageKind.choices],
    )


@coordinator_required
def outbox_list(request: StaffRequest, edition_id: int) -> HttpResponse:
    edition = _edition(edition_id)
    form = OutboxFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    rows = selectors.outbox(edition, status=filters.get("status"), kind=filters.get("kind"))
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "messaging/outbox.html",
        {
            "edition": edition,
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "counts": selectors.outbox_counts(edition),
        },
    )


@coordinator_required
def message_detail(request: StaffRequest, edition_id: int, message_id: int) -> HttpResponse:
    edition = _edition(edition_id)
    try:
        message = selectors.message_detail(edition, message_id)
    except OutboxMessage.DoesNotExist:
        raise Http404 from None
    # A message carries a person's name, address and what was said to them: audited.
    record("message.view", actor=request.user, obj=message, person=message.person_id)
    return render(request, "messaging/detail.html", {"edition": edition, "message": message})


@coordinator_required
@require_POST
def message_retry(request: StaffRequest, edition_id: int, message_id: int) -> HttpResponse:
    edition = _edition(edition_id)
    message = get_object_or_404(OutboxMessage, edition=edition, pk=message_id)
    if retry_now(message=message, actor=request.user):
        messages.success(request, _("The message will be sent in the next round."))
    else:
        messages.info(request, _("This message is not waiting or failed; nothing to retry."))
    return redirect("web:message-detail", edition.pk, message.pk)


@coordinator_required
def template_list(request: StaffRequest, edition_id: int) -> HttpResponse:
    edition = _edition(edition_id)
    return render(
        request,
        "messaging/templates.html",
        {
            "edition": edition,
            "rows": selectors.template_overview(edition),
            "language_names": LANGUAGE_NAMES,
        },
    )


class TemplateForm(forms.Form):
    subject = forms.CharField(label=gettext_lazy("Subject"), max_length=200)
    body = forms.CharField(
        label=gettext_lazy("Text"),
        widget=forms.Textarea(attrs={"rows": 18}),
        help_text=gettext_lazy("Placeholders are written like {{ first_name }}; see the list."),
    )
    scope = forms.ChoiceField(
        label=gettext_lazy("Use this text for"),
        choices=[
            ("edition", gettext_lazy("this edition only")),
            ("global", gettext_lazy("all editions without a text of their own")),
        ],
        widget=forms.RadioSelect,
        initial="edition",
    )

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if "subject" in data and "body" in data:
            try:
                validate_template(subject=data["subject"], body=data["body"])
            except ValidationError as error:
                add_service_errors(self, error)
        return data


def _kind_language(kind: str, language: str) -> None:
    if kind not in MessageKind.values or language not in MESSAGE_LANGUAGES:
        raise Http404


@coordinator_required
def template_edit(request: StaffRequest, edition_id: int, kind: str, language: str) -> HttpResponse:
    edition = _edition(edition_id)
    _kind_language(kind, language)
    current = effective_template(kind, language, edition)
    initial = {
        "subject": current.subject,
        "body": current.body,
        "scope": "global" if current.source == "global" else "edition",
    }
    form = TemplateForm(request.POST or None, initial=initial)
    preview = None
    if request.method == "POST" and request.POST.get("action") == "reset":
        if reset_template(kind=kind, language=language, edition=edition, actor=request.user):
            messages.success(request, _("This edition uses the shared text again."))
        return redirect("web:message-template-edit", edition.pk, kind, language)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if request.POST.get("action") == "save":
            save_template(
                kind=kind,
                language=language,
                subject=data["subject"],
                body=data["body"],
                edition=edition if data["scope"] == "edition" else None,
                actor=request.user,
            )
            messages.success(request, _("The text is saved."))
            return redirect("web:message-templates", edition.pk)
        preview = _preview(edition, kind, language, data["subject"], data["body"])
    elif request.method == "GET":
        preview = _preview(edition, kind, language, current.subject, current.body)
    return render(
        request,
        "messaging/template_edit.html",
        {
            "edition": edition,
            "form": form,
            "kind": kind,
            "kind_label": MessageKind(kind).label,
            "language": language,
            "language_name": LANGUAGE_NAMES[language],
            "source": current.source,
            "placeholders": PLACEHOLDERS,
            "preview": preview,
        },
    )


@dataclass(frozen=True)
class TemplatePreview:
    """A message template rendered with the sample values, as text and as HTML."""

    subject: str
    text: str
    html: str
    language: str


def _preview(
    edition: Edition, kind: str, language: str, subject: str, body: str
) -> TemplatePreview:
    values = {**base_values(person=None, edition=edition, language=language), **SAMPLE_VALUES}
    values.setdefault("days_before", 7)
    if kind != MessageKind.CANCELLATION_ALERT:
        body = with_contact(subject, body, values)
    return TemplatePreview(
        subject=" ".join(render_text(subject, values).split()),
        text=render_text(body, values),
        html=render_html(body, values),
        language=language,
    )


class SendForm(forms.Form):
    kind = forms.ChoiceField(
        label=gettext_lazy("Message"),
        choices=[(k, MessageKind(k).label) for k in BULK_KINDS],
    )
    selection = forms.ChoiceField(label=gettext_lazy("To"), choices=selectors.selection_choices)
    survey_link = forms.URLField(
        label=gettext_lazy("Survey link (for the thank-you)"), required=False, assume_scheme="https"
    )
    changes = forms.CharField(
        label=gettext_lazy("What changed (for a change of schedule)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


def _send_initial(request: StaffRequest, edition: Edition) -> dict[str, str]:
    """``?kind=`` chooses the message; a thank-you starts with everyone present (once anyone is)."""
    kind = request.GET.get("kind", "")
    if kind not in BULK_KINDS:
        return {}
    selection = selectors.default_selection(edition, kind)
    return {"kind": kind, **({"selection": selection} if selection else {})}


@coordinator_required
def send_messages(request: StaffRequest, edition_id: int) -> HttpResponse:
    edition = _edition(edition_id)
    form = SendForm(request.POST or None, initial=_send_initial(request, edition))
    preview = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        extra = {"survey_link": data["survey_link"], "changes": data["changes"]}
        if request.POST.get("action") == "confirm":
            queued, skipped = queue_bulk(
                edition=edition,
                kind=data["kind"],
                selection=data["selection"],
                extra=extra,
                actor=request.user,
            )
            messages.success(
                request,
                _("%(queued)s messages queued; %(skipped)s were already queued today.")
                % {"queued": queued, "skipped": skipped},
            )
            return redirect("web:messages", edition.pk)
        preview = preview_bulk(
            edition=edition, kind=data["kind"], selection=data["selection"], extra=extra
        )
    return render(
        request,
        "messaging/send.html",
        {"edition": edition, "form": form, "preview": preview, "language_names": LANGUAGE_NAMES},
    )


@coordinator_required
def letters(request: StaffRequest, edition_id: int) -> HttpResponse:
    edition = _edition(edition_id)
    if request.method == "POST":
        batch = make_letter_batch(edition=edition, actor=request.user)
        if batch is None:
            messages.info(request, _("There are no letters waiting to be printed."))
            return redirect("web:message-letters", edition.pk)
        messages.success(request, _("The letters are in a new print batch."))
        return redirect("web:message-letters", edition.pk)
    return render(
        request,
        "messaging/letters.html",
        {
            "edition": edition,
            "pending": list(selectors.pending_letters(edition)),
            "batches": list(selectors.letter_batches(edition)),
        },
    )


@coordinator_required
def letter_batch_pdf(request: StaffRequest, edition_id: int, batch_id: int) -> HttpResponse:
    edition = _edition(edition_id)
    batch = get_object_or_404(LetterBatch, edition=edition, pk=batch_id)
    pdf = letters_pdf(batch, language=translation.get_language() or "nl")
    response = HttpResponse(pdf, content_type="application/pdf")
    stamp = timezone.localtime(batch.created).strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="letters-{edition.year}-{stamp}.pdf"'
    return response
