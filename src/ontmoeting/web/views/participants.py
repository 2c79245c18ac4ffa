"""Participants of an edition: the list and its bulk actions, a person's page, add, edit,
cancel."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from ontmoeting.editions.bulk import change_statuses
from ontmoeting.editions.enums import ParticipantRole, ParticipantStatus
from ontmoeting.editions.list_export import COLUMN_LABELS, FORMATS, participant_table, table_file
from ontmoeting.editions.models import Edition, Participant
from ontmoeting.editions.participants import (
    PARTICIPANT_FIELDS,
    PERSON_FIELDS,
    SORTS,
    add_participant,
    cancel_participant,
    edition_participant,
    find_person_by_email,
    participant_list,
    update_participant,
)
from ontmoeting.editions.registration import consent_missing_among
from ontmoeting.people.models import Person
from ontmoeting.people.selectors import professional_profile_of, shown_domains
from ontmoeting.planning.history import person_history
from ontmoeting.privacy.audit import record
from ontmoeting.privacy.consent import has_special_consent
from ontmoeting.web.forms.errors import add_service_errors
from ontmoeting.web.forms.participants import LookupForm, ParticipantFilterForm, ParticipantForm
from ontmoeting.web.permissions import StaffRequest, coordinator_required

PER_PAGE = 50


def _participant(edition: Edition, participant_id: int) -> Participant:
    participant = edition_participant(edition, participant_id)
    if participant is None:
        raise Http404
    return participant


def _columns(sort: str) -> list[dict[str, str]]:
    """Sortable headers: label, the link's sort value and the aria-sort state."""
    labels = {key: str(label) for key, label in COLUMN_LABELS.items()}
    current, descending = sort.lstrip("-"), sort.startswith("-")
    columns = []
    for key in SORTS:
        active = key == current
        columns.append(
            {
                "key": key,
                "label": labels[key],
                "aria_sort": ("descending" if descending else "ascending") if active else "none",
                "next": f"-{key}" if active and not descending else key,
            }
        )
    return columns


@coordinator_required
def participant_list_view(request: StaffRequest, edition_id: int) -> HttpResponse:
    edition = get_object_or_404(Edition, pk=edition_id)
    form = ParticipantFilterForm(request.GET or None, edition_format=edition.format)
    query = form.query()
    page = Paginator(participant_list(edition, query), PER_PAGE).get_page(request.GET.get("page"))
    # A list (and a search) reads identities too: audited with who was shown and what was asked.
    record(
        "participant.list",
        actor=request.user,
        obj=edition,
        query={k: v for k, v in request.GET.items() if k != "page" and v},
        page=page.number,
        participants=[p.pk for p in page.object_list],
    )
    context = {
        "edition": edition,
        "form": form,
        "page": page,
        "columns": _columns(query.sort),
        "sort": query.sort,
        "filters": {k: v for k, v in request.GET.items() if k != "page" and k in form.fields and v},
        "statuses": ParticipantStatus.choices,
        "no_consent": consent_missing_among(page.object_list),
    }
    partial = request.htmx and not request.htmx.history_restore_request
    template = "web/participants/_table.html" if partial else "web/participants/list.html"
    return render(request, template, context)


@coordinator_required
def participant_detail(request: StaffRequest, edition_id: int, participant_id: int) -> HttpResponse:
    edition = get_object_or_404(Edition, pk=edition_id)
    participant = _participant(edition, participant_id)
    # Identities and (for experts) domains of experience are special-category data: audited.
    record("participant.view", actor=request.user, obj=participant)
    profile = getattr(participant.person, "expert_profile", None)
    special = has_special_consent(participant.person)
    context = {
        "edition": edition,
        "participant": participant,
        "person": participant.person,
        "profile": profile,
        "special_consent": special,
        "domains": shown_domains(profile),
        "professional": (
            professional_profile_of(participant.person)
            if participant.role == ParticipantRole.PROFESSIONAL
            else None
        ),
        "memberships": list(profile.memberships.select_related("group"))
        if profile and special
        else [],
        "history": person_history(participant.person),
    }
    return render(request, "web/participants/detail.html", context)


@coordinator_required
def participant_add(request: StaffRequest, edition_id: int) -> HttpResponse:
    edition = get_object_or_404(Edition, pk=edition_id)
    lookup = LookupForm(request.GET or None)
    known = None
    initial: dict[str, object] = {}
    if lookup.is_valid() and lookup.cleaned_data["lookup"]:
        known = find_person_by_email(lookup.cleaned_data["lookup"])
        initial["email"] = lookup.cleaned_data["lookup"]
        if known is not None:
            initial.update(
                first_name=known.first_name,
                last_name=known.last_name,
                phone=known.phone,
                gender=known.gender,
                language=known.language,
            )
    form = ParticipantForm(request.POST or None, initial=initial, edition_format=edition.format)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        expert = data["role"] == ParticipantRole.EXPERT
        try:
            participant = add_participant(
                edition=edition,
                actor=request.user,
                role=data["role"],
                professional=form.professional_values(),
                **form.person_values(),
                **form.participation_values(),
                **(form.expert_values() if expert else {}),
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request, _("%(name)s takes part.") % {"name": participant.person.full_name}
            )
            return redirect(
                "web:participant-detail", edition_id=edition.pk, participant_id=participant.pk
            )
    history = person_history(known) if known is not None else []
    context = {
        "edition": edition,
        "form": form,
        "lookup": lookup,
        "known": known,
        "history": history,
        "already": next((h for h in history if h.participant.edition_id == edition.pk), None),
    }
    return render(request, "web/participants/add.html", context)


def _professional_initial(person: Person) -> dict[str, object]:
    profile = professional_profile_of(person)
    if profile is None:
        return {}
    return {
        "sector": profile.sector.code,
        "organisation": profile.organisation,
        "function": profile.function,
        "can_co_facilitate": profile.can_co_facilitate,
    }


@coordinator_required
def participant_edit(request: StaffRequest, edition_id: int, participant_id: int) -> HttpResponse:
    edition = get_object_or_404(Edition, pk=edition_id)
    participant = _participant(edition, participant_id)
    person = participant.person
    profile = getattr(person, "expert_profile", None)
    initial = {
        **{k: getattr(person, k) for k in PERSON_FIELDS},
        **{k: getattr(participant, k) for k in PARTICIPANT_FIELDS},
        "domains": [d.code for d in shown_domains(profile)],
        "can_chair": profile.can_chair if profile else False,
        **_professional_initial(person),
    }
    form = ParticipantForm(
        request.POST or None, initial=initial, editing=True, edition_format=edition.format
    )
    if participant.role != ParticipantRole.PROFESSIONAL:
        form.drop_professional_fields()
    if participant.role != ParticipantRole.EXPERT:
        del form.fields["domains"], form.fields["can_chair"]
    elif not has_special_consent(person):
        # Domains are special-category data: neither shown nor changed without the consent.
        del form.fields["domains"], form.initial["domains"]
    if request.method == "POST" and form.is_valid():
        expert = participant.role == ParticipantRole.EXPERT
        try:
            update_participant(
                participant,
                actor=request.user,
                professional=form.professional_values(),
                **form.person_values(),
                **form.participation_values(),
                **(form.expert_values() if expert else {}),
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect(
                "web:participant-detail", edition_id=edition.pk, participant_id=participant.pk
            )
    return render(
        request,
        "web/participants/edit.html",
        {"edition": edition, "participant": participant, "form": form},
    )


@coordinator_required
def participant_cancel(request: StaffRequest, edition_id: int, participant_id: int) -> HttpResponse:
    edition = get_object_or_404(Edition, pk=edition_id)
    participant = _participant(edition, participant_id)
    if request.method == "POST":
        cancel_participant(participant, actor=request.user)
        messages.success(
            request,
            _("The participation of %(name)s is cancelled.")
            % {"name": participant.person.full_name},
        )
        return redirect(
            "web:participant-detail", edition_id=edition.pk, participant_id=participant.pk
        )
    return render(
        request,
        "web/participants/cancel.html",
        {
            "edition": edition,
            "participant": participant,
            "cancelled": participant.status == ParticipantStatus.CANCELLED,
        },
    )


def _picked(request: StaffRequest) -> list[int]:
    return [int(v) for v in request.POST.getlist("participant") if v.isdigit()]


def _back_to_list(edition: Edition, request: StaffRequest) -> HttpResponse:
    form = ParticipantFilterForm(request.POST, edition_format=edition.format)
    query = {k: v for k, v in request.POST.items() if k in form.fields and v}
    target = reverse("web:participant-list", args=[edition.pk])
    return redirect(f"{target}?{urlencode(query)}" if query else target)


def _bulk_status(request: StaffRequest, edition: Edition) -> HttpResponse:
    ids = _picked(request)
    status = request.POST.get("new_status", "")
    if not ids or status not in ParticipantStatus.values:
        messages.error(request, _("Tick at least one participant and choose a status."))
        return _back_to_list(edition, request)
    result = change_statuses(
        edition=edition, participant_ids=ids, status=status, actor=request.user
    )
    if result.refused:
        names = "; ".join(f"{r.participant.person.full_name}: {r.reason}" for r in result.refused)
        messages.error(
            request,
            _("Nothing was changed. Refused: %(names)s") % {"names": names},
        )
    else:
        messages.success(
            request,
            ngettext(
                "%(count)s participant now has the status %(status)s.",
                "%(count)s participants now have the status %(status)s.",
                result.changed,
            )
            % {"count": result.changed, "status": ParticipantStatus(status).label},
        )
    return _back_to_list(edition, request)


def _bulk_message(request: StaffRequest, edition: Edition) -> HttpResponse:
    ids = _picked(request)
    if not ids:
        messages.error(request, _("Tick at least one participant to send a message to."))
        return _back_to_list(edition, request)
    target = reverse("web:message-send", args=[edition.pk])
    return redirect(f"{target}?{urlencode({'participants': ','.join(map(str, ids))})}")


def _bulk_export(request: StaffRequest, edition: Edition, fmt: str) -> HttpResponse:
    form = ParticipantFilterForm(request.POST, edition_format=edition.format)
    query = form.query()
    header, rows, ids = participant_table(edition, query)
    # A file of names and addresses leaves the app: audited as a read, with what was asked.
    record(
        "participant.export",
        actor=request.user,
        obj=edition,
        format=fmt,
        query={k: v for k, v in request.POST.items() if k in form.fields and v},
        participants=ids,
    )
    content_types = {
        "csv": "text/csv; charset=utf-8",
        "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    }
    response = HttpResponse(table_file(fmt, header, rows), content_type=content_types[fmt])
    name = f"participants-{edition.year}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@coordinator_required
@require_POST
def participant_bulk(request: StaffRequest, edition_id: int) -> HttpResponse:
    """The actions on the ticked rows (status, message) and on the shown list (export)."""
    edition = get_object_or_404(Edition, pk=edition_id)
    action = request.POST.get("action", "")
    if action == "status":
        return _bulk_status(request, edition)
    if action == "message":
        return _bulk_message(request, edition)
    if action.startswith("export-") and action.removeprefix("export-") in FORMATS:
        return _bulk_export(request, edition, action.removeprefix("export-"))
    raise Http404
