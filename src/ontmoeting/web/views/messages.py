"""Messages of an edition (coordinators): the outbox, templates with preview, sending, letters."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from ontmoeting.editions.enums import Format
from ontmoeting.editions.models import Edition
from ontmoeting.messaging import selectors
from ontmoeting.messaging.bulk import BULK_KINDS, SAMPLE_LINK, preview_bulk, queue_bulk
from ontmoeting.messaging.cancel import cancel_messages
from ontmoeting.messaging.enums import (
    MESSAGE_LANGUAGES,
    MessageKind,
    MessageStatus,
    kinds_of_format,
)
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
    q = forms.CharField(
        label=gettext_lazy("Search"),
        required=False,
        max_length=200,
        help_text=gettext_lazy("Name, e-mail address or subject."),
    )
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

    def __init__(
        self, *args: Any, edition_format: str = Format.ENCOUNTER_DAY, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["kind"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", gettext_lazy("all"))] + [
            (k, MessageKind(k).label) for k in kinds_of_format(edition_format)
        ]


def _filtered_outbox(edition: Edition, form: OutboxFilterForm) -> QuerySet[OutboxMessage]:
    filters = form.cleaned_data if form.is_valid() else {}
    return selectors.outbox(
        edition, status=filters.get("status"), kind=filters.get("kind"), q=filters.get("q", "")
    )


@coordinator_required
def outbox_list(request: StaffRequest, edition_id: int) -> HttpResponse:
    edition = _edition(edition_id)
    form = OutboxFilterForm(request.GET or None, edition_format=edition.format)
    rows = _filtered_outbox(edition, form)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    # Names and addresses are read here; a search is a read of personal data: audited.
    if form.is_valid() and form.cleaned_data["q"]:
        record("message.search", actor=request.user, obj=edition, query=form.cleaned_data["q"])
    return render(
        request,
        "messaging/outbox.html",
        {
            "edition": edition,
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "filters": {k: v for k, v in query.items() if v},
            "queued_matching": rows.filter(status=MessageStatus.QUEUED).count(),
            "counts": selectors.outbox_counts(edition),
        },
    )


@coordinator_required
@require_POST
def outbox_cancel(request: StaffRequest, edition_id: int) -> HttpResponse:
    """Cancel the ticked queued messages, or (``scope=filter``) every queued one the filter
    shows; the filter comes back in the POST, so "all matching" means what was on screen."""
    edition = _edition(edition_id)
    form = OutboxFilterForm(request.POST, edition_format=edition.format)
    if request.POST.get("scope") == "filter":
        if not form.is_valid():
            raise Http404
        count = cancel_messages(
            edition=edition, actor=request.user, among=_filtered_outbox(edition, form)
        )
    else:
        ids = [int(v) for v in request.POST.getlist("message") if v.isdigit()]
        count = cancel_messages(edition=edition, actor=request.user, ids=ids) if ids else 0
    if count:
        messages.success(
            request,
            ngettext(
                "%(count)s message cancelled; it will not be sent.",
                "%(count)s messages cancelled; they will not be sent.",
                count,
            )
            % {"count": count},
        )
    else:
        messages.info(request, _("No waiting message was cancelled."))
    query = {k: v for k, v in request.POST.items() if k in form.fields and v}
    target = reverse("web:messages", args=[edition.pk])
    return redirect(f"{target}?{urlencode(query)}" if query else target)


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
    participants = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(
        self,
        *args: Any,
        chosen: list[int] | None = None,
        edition_format: str = Format.ENCOUNTER_DAY,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        kind = self.fields["kind"]
        assert isinstance(kind, forms.ChoiceField)
        kind.choices = [
            (k, MessageKind(k).label) for k in kinds_of_format(edition_format, BULK_KINDS)
        ]
        selection = self.fields["selection"]
        assert isinstance(selection, forms.ChoiceField)
        selection.choices = selectors.selection_choices(edition_format)
        if chosen:
            # Ticked on the participant list: that selection comes first and is chosen.
            label = ngettext(
                "the %(count)s participant you ticked",
                "the %(count)s participants you ticked",
                len(chosen),
            ) % {"count": len(chosen)}
            field = self.fields["selection"]
            assert isinstance(field, forms.ChoiceField)
            field.choices = [
                (selectors.CHOSEN, label),
                *selectors.selection_choices(edition_format),
            ]
            self.initial.setdefault("selection", selectors.CHOSEN)
            self.initial["participants"] = ",".join(map(str, chosen))


def _chosen(request: StaffRequest, edition: Edition) -> list[int]:
    """The ticked participants (``?participants=1,2`` or the form's field), of this edition."""
    raw = request.POST.get("participants") or request.GET.get("participants", "")
    ids = {int(v) for v in raw.split(",") if v.strip().isdigit()}
    if not ids:
        return []
    return sorted(edition.participants.filter(pk__in=ids).values_list("pk", flat=True))


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
    chosen = _chosen(request, edition)
    form = SendForm(
        request.POST or None,
        initial=_send_initial(request, edition),
        chosen=chosen,
        edition_format=edition.format,
    )
    preview = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        extra = {"survey_link": data["survey_link"], "changes": data["changes"]}
        ids = chosen if data["selection"] == selectors.CHOSEN else []
        if request.POST.get("action") == "confirm":
            queued, skipped = queue_bulk(
                edition=edition,
                kind=data["kind"],
                selection=data["selection"],
                extra=extra,
                actor=request.user,
                ids=ids,
            )
            messages.success(
                request,
                _("%(queued)s messages queued; %(skipped)s were already queued today.")
                % {"queued": queued, "skipped": skipped},
            )
            return redirect("web:messages", edition.pk)
        preview = preview_bulk(
            edition=edition, kind=data["kind"], selection=data["selection"], extra=extra, ids=ids
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
