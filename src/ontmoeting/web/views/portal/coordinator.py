"""Coordinator pages: invitation links, and registering someone from a paper form or a call."""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from ontmoeting.editions.held import apply_held, discard_held
from ontmoeting.editions.invitations import (
    create_invitation,
    invite_person,
    invite_students,
    revoke_invitation,
    revoke_invitations,
    students_to_invite,
)
from ontmoeting.editions.models import Edition
from ontmoeting.editions.participants import find_person_by_email
from ontmoeting.editions.registration import (
    RegistrationClosed,
    mark_checked,
    register_expert,
    registration_open,
)
from ontmoeting.editions.selectors import edition_invitations, open_held, registrations_to_check
from ontmoeting.messaging.bulk import BulkPreview, preview_bulk
from ontmoeting.messaging.enums import MessageKind
from ontmoeting.messaging.selectors import CHOSEN
from ontmoeting.privacy.audit import Actor
from ontmoeting.privacy.models import ConsentHow
from ontmoeting.web.forms.errors import add_service_errors
from ontmoeting.web.permissions import StaffRequest, coordinator_required
from ontmoeting.web.views.messages import LANGUAGE_NAMES
from ontmoeting.web.views.portal.common import flash, pop_flash, private
from ontmoeting.web.views.portal.forms import (
    InvitationForm,
    OnBehalfForm,
    PersonInvitationForm,
)
from ontmoeting.web.views.portal.register import consent_texts


def _revoke(edition: Edition, pk: str | None, actor: Actor) -> None:
    revoke_invitation(get_object_or_404(edition.invitations, pk=_pk(pk)), actor=actor)


def _keep(edition: Edition, pk: str | None, actor: Actor) -> None:
    mark_checked(get_object_or_404(registrations_to_check(edition), pk=_pk(pk)), actor=actor)


def _drop(edition: Edition, pk: str | None, actor: Actor) -> None:
    registration = get_object_or_404(registrations_to_check(edition), pk=_pk(pk))
    mark_checked(registration, actor=actor, keep=False)


def _apply(edition: Edition, pk: str | None, actor: Actor) -> None:
    apply_held(get_object_or_404(open_held(edition), pk=_pk(pk)), actor=actor)


def _discard(edition: Edition, pk: str | None, actor: Actor) -> None:
    discard_held(get_object_or_404(open_held(edition), pk=_pk(pk)), actor=actor)


def _pk(raw: str | None) -> int:
    if raw is None or not raw.isdigit():
        raise Http404
    return int(raw)


#: What the buttons beside a link, a registration to check or a held registration do; each
#: finds its object within this edition only.
REVIEW_ACTIONS: dict[str, Callable[[Edition, str | None, Actor], None]] = {
    "revoke": _revoke,
    "keep": _keep,
    "drop": _drop,
    "apply-held": _apply,
    "discard-held": _discard,
}


def _students_preview(edition: Edition) -> BulkPreview:
    """What "send links to students" would send, shown before it is sent (nothing stored)."""
    ids = list(students_to_invite(edition).values_list("pk", flat=True))
    return preview_bulk(
        edition=edition, kind=MessageKind.INVITATION, selection=CHOSEN, extra={}, ids=ids
    )


@coordinator_required
@private
@require_http_methods(["GET", "POST"])
def invitations(request: StaffRequest, edition_id: int) -> HttpResponse:
    edition = get_object_or_404(Edition, pk=edition_id)
    action = request.POST.get("action")
    group_form = InvitationForm(request.POST if action == "group" else None, prefix="group")
    person_form = PersonInvitationForm(
        request.POST if action == "person" else None, prefix="person"
    )
    new_link = ""
    if action == "revoke-selected":
        ids = [int(v) for v in request.POST.getlist("invitation") if v.isdigit()]
        count = revoke_invitations(edition=edition, ids=ids, actor=request.user)
        flash(
            request,
            ngettext("%(count)s link closed.", "%(count)s links closed.", count) % {"count": count},
        )
        return redirect("web:invitations", edition_id=edition.pk)
    if action in REVIEW_ACTIONS:
        try:
            REVIEW_ACTIONS[action](edition, request.POST.get("id"), request.user)
        except ValidationError as error:
            flash(request, " ".join(error.messages))
        else:
            flash(request, _("Done."))
        return redirect("web:invitations", edition_id=edition.pk)
    if action == "group" and group_form.is_valid():
        _invitation, new_link = create_invitation(
            edition=edition,
            self_help_group=group_form.cleaned_data["self_help_group"],
            max_uses=group_form.cleaned_data["max_uses"],
            actor=request.user,
        )
    elif action == "person" and person_form.is_valid():
        person = find_person_by_email(person_form.cleaned_data["email"])
        if person is None:
            person_form.add_error("email", _("Nobody with this email address is known yet."))
        else:
            new_link = invite_person(
                edition=edition,
                person=person,
                actor=request.user,
                send=person_form.cleaned_data["send"],
            )
    elif action == "students":
        count = invite_students(edition=edition, actor=request.user)
        flash(request, _("%(count)s students get a link to confirm.") % {"count": count})
        return redirect("web:invitations", edition_id=edition.pk)
    students_preview = _students_preview(edition) if action == "students-preview" else None
    rows = edition_invitations(edition)
    return render(
        request,
        "portal/coordinator/invitations.html",
        {
            "edition": edition,
            "rows": rows,
            "to_check": registrations_to_check(edition),
            "held": open_held(edition),
            "group_form": group_form,
            "person_form": person_form,
            "new_link": new_link,
            "students_preview": students_preview,
            "invite_list": list(students_to_invite(edition)) if students_preview else [],
            "language_names": LANGUAGE_NAMES,
            "open": registration_open(edition),
            "flash": pop_flash(request),
        },
    )


@coordinator_required
@private
@require_http_methods(["GET", "POST"])
def register_on_behalf(request: StaffRequest, edition_id: int) -> HttpResponse:
    """The registration form, filled in by a coordinator; recorded as ``on_behalf``."""
    edition = get_object_or_404(Edition, pk=edition_id)
    form = OnBehalfForm(request.POST or None, language=request.LANGUAGE_CODE)
    if request.method == "POST" and form.is_valid():
        try:
            participant = register_expert(
                edition=edition,
                data=form.registration(),
                actor=request.user,
                how=ConsentHow.ON_BEHALF,
            )
        except RegistrationClosed as error:
            form.add_error(None, error.messages)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            flash(
                request,
                _("%(name)s is registered.") % {"name": participant.person.full_name},
            )
            return redirect("web:register-on-behalf", edition_id=edition.pk)
    return render(
        request,
        "portal/coordinator/on_behalf.html",
        {
            "edition": edition,
            "form": form,
            "open": registration_open(edition),
            "flash": pop_flash(request),
            **consent_texts(request.LANGUAGE_CODE),
        },
    )
