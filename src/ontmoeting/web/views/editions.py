"""Editions: the list, a new edition, the dashboard and the lifecycle steps."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ontmoeting.dayof.repair import gone_from_plan
from ontmoeting.editions.cocreation_counts import cocreation_counts
from ontmoeting.editions.dashboard import edition_dashboard
from ontmoeting.editions.enums import EditionStatus, Format
from ontmoeting.editions.lifecycle import CONSEQUENCES
from ontmoeting.editions.models import Edition
from ontmoeting.editions.selectors import edition_of, edition_overview
from ontmoeting.editions.services import (
    create_edition,
    set_sector_targets,
    transition_edition,
    transition_refusal,
    update_contact,
)
from ontmoeting.privacy.roles import StaffRole, has_role
from ontmoeting.web.forms.editions import (
    ContactForm,
    EditionForm,
    SectorTargetsForm,
    TransitionForm,
)
from ontmoeting.web.forms.errors import add_service_errors
from ontmoeting.web.permissions import StaffRequest, coordinator_required, staff_required


@staff_required
def edition_list(request: StaffRequest) -> HttpResponse:
    editions = edition_overview().select_related("venue")
    form = EditionForm() if has_role(request.user, StaffRole.COORDINATOR) else None
    return render(request, "web/editions/list.html", {"editions": editions, "form": form})


@coordinator_required
def edition_create(request: StaffRequest) -> HttpResponse:
    form = EditionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if edition_of(data["year"], data["format"]) is not None:
            form.add_error("year", _("There is already an edition of this format in this year."))
        else:
            try:
                edition = create_edition(**data, actor=request.user)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Edition %(name)s created.") % {"name": edition})
                return redirect("web:edition-dashboard", edition_id=edition.pk)
    return render(request, "web/editions/form.html", {"form": form})


def next_page(edition: Edition) -> tuple[str, str]:
    """Where the next step of the edition's status is done: (url, label)."""
    pages = {
        EditionStatus.DRAFT: (reverse("web:venue-detail", args=[edition.pk]), _("Venue and rooms")),
        EditionStatus.RECRUITING: (
            reverse("web:roster-upload", args=[edition.pk]),
            _("Import roster"),
        ),
        EditionStatus.PLANNED: (reverse("web:plan-list", args=[edition.pk]), _("Plans")),
        EditionStatus.PUBLISHED: (reverse("web:day-board", args=[edition.pk]), _("The day")),
        EditionStatus.HELD: (reverse("web:day-debriefing", args=[edition.pk]), _("Debriefing")),
        EditionStatus.EVALUATED: (
            reverse("web:report_edition", args=[edition.year]),
            _("Evaluation report"),
        ),
    }
    if edition.format == Format.CO_CREATION:
        # No students' debriefing workshop after a co-creation meeting: the claims come next.
        pages[EditionStatus.HELD] = (
            reverse("web:expenses", args=[edition.pk]),
            _("Travel and lunch claims"),
        )
        # Its tables replace the encounter day's plans.
        pages[EditionStatus.PLANNED] = (reverse("web:tables", args=[edition.pk]), _("Tables"))
    return pages.get(EditionStatus(edition.status), ("", ""))


@staff_required
def edition_dashboard_view(request: StaffRequest, edition_id: int) -> HttpResponse:
    edition = get_object_or_404(Edition.objects.select_related("venue"), pk=edition_id)
    coordinator = has_role(request.user, StaffRole.COORDINATOR)
    next_url, next_label = next_page(edition) if coordinator else ("", "")
    return render(
        request,
        "web/editions/dashboard.html",
        {
            "edition": edition,
            "dashboard": edition_dashboard(edition),
            "cocreation": (
                cocreation_counts(edition) if edition.format == Format.CO_CREATION else None
            ),
            "gone_from_plan": gone_from_plan(edition) if coordinator else [],
            "show_names": coordinator,
            "can_edit": coordinator,
            "next_url": next_url,
            "next_label": next_label,
        },
    )


@coordinator_required
def edition_settings(request: StaffRequest, edition_id: int) -> HttpResponse:
    """The edition's contact for participants (on their pages and in every message), and for a
    co-creation meeting its targets per sector."""
    edition = get_object_or_404(Edition.objects.select_related("venue"), pk=edition_id)
    form = ContactForm(request.POST or None, instance=edition)
    if request.method == "POST" and form.is_valid():
        update_contact(edition, **form.cleaned_data, actor=request.user)
        messages.success(request, _("The contact for participants is saved."))
        return redirect("web:edition-dashboard", edition_id=edition.pk)
    targets = SectorTargetsForm(edition=edition) if edition.format == Format.CO_CREATION else None
    return render(
        request,
        "web/editions/settings.html",
        {"edition": edition, "form": form, "targets_form": targets},
    )


@require_POST
@coordinator_required
def edition_targets(request: StaffRequest, edition_id: int) -> HttpResponse:
    """Save how many professionals of each sector a co-creation meeting aims for."""
    edition = get_object_or_404(
        Edition.objects.select_related("venue"), pk=edition_id, format=Format.CO_CREATION
    )
    targets = SectorTargetsForm(request.POST, edition=edition)
    if targets.is_valid():
        try:
            set_sector_targets(edition, targets=targets.targets(), actor=request.user)
        except ValidationError as exc:
            add_service_errors(targets, exc)
        else:
            messages.success(request, _("The targets per sector are saved."))
            return redirect("web:edition-dashboard", edition_id=edition.pk)
    return render(
        request,
        "web/editions/settings.html",
        {"edition": edition, "form": ContactForm(instance=edition), "targets_form": targets},
    )


@require_POST
@coordinator_required
def edition_transition(request: StaffRequest, edition_id: int) -> HttpResponse:
    """Move the edition on (or back) after the coordinator confirmed, having read what changes;
    a step the lifecycle or a guard refuses is explained and nothing changes."""
    edition = get_object_or_404(Edition, pk=edition_id)
    form = TransitionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Unknown status."))
        return redirect("web:edition-dashboard", edition_id=edition.pk)
    target = form.cleaned_data["to"]
    if request.POST.get("confirm") != "yes":
        order = list(EditionStatus.values)
        return render(
            request,
            "web/editions/transition_confirm.html",
            {
                "edition": edition,
                "target": target,
                "target_label": EditionStatus(target).label,
                "forward": order.index(target) > order.index(edition.status),
                "consequences": CONSEQUENCES.get(target, ()),
                "refusal": transition_refusal(edition, to=target),
            },
        )
    try:
        transition_edition(edition, to=target, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("The edition is now %(status)s.") % {"status": EditionStatus(edition.status).label},
        )
    return redirect("web:edition-dashboard", edition_id=edition.pk)
