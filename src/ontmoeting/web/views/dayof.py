"""The day itself: the check-in desk (search or scan, one tap, undo) and the presence board.

For coordinators and day helpers. A helper sees names, refs, roles and rooms of the people
expected, never their domains of experience or contact details.
"""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ontmoeting.dayof.board import board, find, is_present
from ontmoeting.dayof.checkin import DeskError, DeskResult, tap
from ontmoeting.dayof.lunch import Source, lunch_count, lunch_pdf
from ontmoeting.dayof.models import DeskActionKind
from ontmoeting.dayof.repair import CannotRepair, apply_repair, propose_repair, published_plan
from ontmoeting.editions.enums import EditionStatus
from ontmoeting.editions.models import Edition, Participant
from ontmoeting.web.permissions import StaffRequest, coordinator_required, desk_required

#: Editions whose day is coming or has been: the desk lists them, the nearest first.
DAY_STATUSES = (
    EditionStatus.RECRUITING,
    EditionStatus.PLANNED,
    EditionStatus.PUBLISHED,
    EditionStatus.HELD,
    EditionStatus.EVALUATED,
)


@desk_required
def day_index(request: StaffRequest) -> HttpResponse:
    editions = Edition.objects.filter(status__in=DAY_STATUSES).order_by("-date")
    return render(request, "web/dayof/index.html", {"editions": editions})


def _results(edition: Edition, query: str) -> list[dict[str, object]]:
    return [
        {"participant": p, "present": is_present(p), "key": uuid.uuid4().hex}
        for p in find(edition, query)
    ]


@desk_required
def desk(request: StaffRequest, edition_id: int) -> HttpResponse:
    """GET: search by name or ref, or a scanned badge; each result with its big buttons."""
    edition = get_object_or_404(Edition, pk=edition_id)
    query = request.GET.get("q", "")[:100]
    context = {"edition": edition, "q": query, "results": _results(edition, query)}
    if request.headers.get("HX-Request"):
        return render(request, "web/dayof/_results.html", context)
    return render(request, "web/dayof/desk.html", context)


def _said(result: DeskResult) -> str:
    name = result.participant.person.full_name
    if result.outcome == "already":
        if result.kind == DeskActionKind.UNDO:
            return _("Nothing to undo for %(name)s.") % {"name": name}
        return _("%(name)s was already recorded.") % {"name": name}
    return {
        DeskActionKind.ARRIVE: _("%(name)s is present."),
        DeskActionKind.LEAVE: _("%(name)s has left."),
        DeskActionKind.UNDO: _("Undone for %(name)s."),
    }[DeskActionKind(result.kind)] % {"name": name}


@require_POST
@desk_required
def desk_tap(request: StaffRequest, edition_id: int) -> HttpResponse:
    """Record one tap; a repeated key (a double tap, a resend) counts once."""
    edition = get_object_or_404(Edition, pk=edition_id)
    participant = request.POST.get("participant", "")
    kind = request.POST.get("kind", "")
    query = request.POST.get("q", "")[:100]
    key = request.POST.get("key", "")[:64] or None
    try:
        if not participant.isdigit():
            raise DeskError(_("choose a person"))
        result = tap(
            edition, participant_id=int(participant), kind=kind, actor=request.user, key=key
        )
    except DeskError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _said(result))
    url = reverse("web:day-desk", args=[edition.pk])
    return redirect(f"{url}?{urlencode({'q': query})}" if query else url)


@desk_required
def presence_board(request: StaffRequest, edition_id: int) -> HttpResponse:
    """The board; the page asks for its part again every 10 seconds (HTMX)."""
    edition = get_object_or_404(Edition, pk=edition_id)
    now = board(edition)
    missing = [p for role in now.roles for p in role.missing]
    context = {"edition": edition, "board": now, "missing": missing}
    if request.headers.get("HX-Request"):
        return render(request, "web/dayof/_board.html", context)
    published = published_plan(edition)
    context["repaired"] = published is not None and published.based_on_id is not None
    return render(request, "web/dayof/board.html", context)


@coordinator_required
def lunch(request: StaffRequest, edition_id: int) -> HttpResponse:
    """The caterer's headcount: expected (before the day) and arrived (on the day)."""
    edition = get_object_or_404(Edition, pk=edition_id)
    counts = [lunch_count(edition, source="planned"), lunch_count(edition, source="present")]
    return render(request, "web/dayof/lunch.html", {"edition": edition, "counts": counts})


@coordinator_required
def lunch_download(request: StaffRequest, edition_id: int) -> HttpResponse:
    """The one-page PDF for the caterer (``?source=present`` on the day)."""
    edition = get_object_or_404(Edition, pk=edition_id)
    source: Source = "present" if request.GET.get("source") == "present" else "planned"
    pdf = lunch_pdf(lunch_count(edition, source=source), language=get_language() or "nl")
    response = HttpResponse(pdf, content_type="application/pdf")
    filename = f"{_('lunch')}-{edition.year}-{source}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _absent_from(request: StaffRequest, edition: Edition) -> list[Participant]:
    """The people ticked absent (a cancelled person from the dashboard's warning included)."""
    ids = [int(v) for v in request.POST.getlist("absent") if v.isdigit()]
    return list(edition.participants.filter(pk__in=ids).select_related("person"))


@require_POST
@coordinator_required
def repair(request: StaffRequest, edition_id: int) -> HttpResponse:
    """Propose a repair for the people marked absent; with ``action=apply``, save, publish and
    tell the people concerned."""
    edition = get_object_or_404(Edition, pk=edition_id)
    absent = _absent_from(request, edition)
    try:
        if request.POST.get("action") == "apply":
            plan = apply_repair(edition, absent=absent, actor=request.user)
            messages.success(
                request,
                _("Version %(v)s is published; the people whose day changed are told.")
                % {"v": plan.version},
            )
            return redirect("web:day-reprint", edition.pk)
        proposal = propose_repair(edition, absent=absent)
    except CannotRepair as exc:
        messages.error(request, str(exc))
        return redirect("web:day-board", edition.pk)
    return render(
        request,
        "web/dayof/repair.html",
        {"edition": edition, "proposal": proposal, "absent": absent},
    )
