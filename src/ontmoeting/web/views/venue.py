"""The programme of the day, the edition's venue and the venue's rooms."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ontmoeting.editions.models import Edition, ProgrammeBlock, Room
from ontmoeting.editions.selectors import programme, venue_rooms
from ontmoeting.editions.venue_services import (
    block_overlaps,
    create_venue,
    delete_block,
    delete_room,
    room_in_use,
    save_block,
    save_room,
    set_edition_venue,
)
from ontmoeting.web.forms.errors import add_service_errors
from ontmoeting.web.forms.venue import BlockForm, NewVenueForm, RoomForm, VenueChoiceForm
from ontmoeting.web.permissions import StaffRequest, coordinator_required

# ---------------------------------------------------------------------------------- programme


@coordinator_required
def block_list(request: StaffRequest, edition_id: int) -> HttpResponse:
    edition = get_object_or_404(Edition, pk=edition_id)
    blocks = programme(edition)
    return render(
        request,
        "web/venue/programme.html",
        {
            "edition": edition,
            "blocks": blocks,
            "overlaps": block_overlaps(blocks),
            "form": BlockForm(rooms=venue_rooms(edition)),
        },
    )


@coordinator_required
def block_edit(request: StaffRequest, edition_id: int, block_id: int | None = None) -> HttpResponse:
    edition = get_object_or_404(Edition, pk=edition_id)
    block = get_object_or_404(ProgrammeBlock, pk=block_id, edition=edition) if block_id else None
    initial = (
        {
            "kind": block.kind,
            "title": block.title,
            "starts": block.starts,
            "ends": block.ends,
            "unavailable_rooms": list(block.unavailable_rooms.all()),
        }
        if block
        else {}
    )
    form = BlockForm(request.POST or None, initial=initial, rooms=venue_rooms(edition))
    if request.method == "POST" and form.is_valid():
        try:
            saved = save_block(
                edition=edition, actor=request.user, block=block, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            overlaps = [
                o
                for o in block_overlaps(programme(edition))
                if saved.pk in (o.first.pk, o.second.pk)
            ]
            messages.success(request, _("Programme saved."))
            for overlap in overlaps:
                messages.warning(
                    request,
                    _("%(first)s overlaps %(second)s.")
                    % {"first": overlap.first, "second": overlap.second},
                )
            return redirect("web:block-list", edition_id=edition.pk)
    return render(
        request, "web/venue/block_form.html", {"edition": edition, "form": form, "block": block}
    )


@require_POST
@coordinator_required
def block_delete(request: StaffRequest, edition_id: int, block_id: int) -> HttpResponse:
    edition = get_object_or_404(Edition, pk=edition_id)
    block = get_object_or_404(ProgrammeBlock, pk=block_id, edition=edition)
    delete_block(block, actor=request.user)
    messages.success(request, _("Block deleted."))
    return redirect("web:block-list", edition_id=edition.pk)


# ------------------------------------------------------------------------------ venue, rooms


@coordinator_required
def venue_detail(request: StaffRequest, edition_id: int) -> HttpResponse:
    edition = get_object_or_404(Edition.objects.select_related("venue"), pk=edition_id)
    rooms = list(venue_rooms(edition) or [])
    return render(
        request,
        "web/venue/venue.html",
        {
            "edition": edition,
            "rooms": rooms,
            "choice": VenueChoiceForm(initial={"venue": edition.venue_id}),
            "new_venue": NewVenueForm(),
            "seats": sum(r.capacity for r in rooms),
        },
    )


@require_POST
@coordinator_required
def venue_choose(request: StaffRequest, edition_id: int) -> HttpResponse:
    edition = get_object_or_404(Edition, pk=edition_id)
    if "name" in request.POST:
        new = NewVenueForm(request.POST)
        if not new.is_valid():
            messages.error(request, _("Give the new venue a name."))
            return redirect("web:venue-detail", edition_id=edition.pk)
        venue = create_venue(**new.cleaned_data, actor=request.user)
    else:
        choice = VenueChoiceForm(request.POST)
        if not choice.is_valid():
            messages.error(request, _("Choose a venue from the list."))
            return redirect("web:venue-detail", edition_id=edition.pk)
        venue = choice.cleaned_data["venue"]
    set_edition_venue(edition, venue=venue, actor=request.user)
    messages.success(request, _("Venue saved."))
    return redirect("web:venue-detail", edition_id=edition.pk)


def _room(edition: Edition, room_id: int) -> Room:
    if edition.venue_id is None:
        raise Http404
    return get_object_or_404(Room, pk=room_id, venue_id=edition.venue_id)


@coordinator_required
def room_edit(request: StaffRequest, edition_id: int, room_id: int | None = None) -> HttpResponse:
    edition = get_object_or_404(Edition.objects.select_related("venue"), pk=edition_id)
    if edition.venue is None:
        messages.error(request, _("Choose the venue first."))
        return redirect("web:venue-detail", edition_id=edition.pk)
    room = _room(edition, room_id) if room_id else None
    initial = (
        {
            k: getattr(room, k)
            for k in ("name", "capacity", "kind", "floor", "step_free", "excluded_uses")
        }
        if room
        else {}
    )
    form = RoomForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            save_room(venue=edition.venue, actor=request.user, room=room, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Room saved."))
            return redirect("web:venue-detail", edition_id=edition.pk)
    return render(
        request,
        "web/venue/room_form.html",
        {
            "edition": edition,
            "form": form,
            "room": room,
            "in_use": room is not None and room_in_use(room),
        },
    )


@require_POST
@coordinator_required
def room_delete(request: StaffRequest, edition_id: int, room_id: int) -> HttpResponse:
    edition = get_object_or_404(Edition, pk=edition_id)
    if edition.venue_id is None:
        return redirect("web:venue-detail", edition_id=edition.pk)
    room = _room(edition, room_id)
    try:
        delete_room(room, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Room %(name)s deleted.") % {"name": room.name})
    return redirect("web:venue-detail", edition_id=edition.pk)
