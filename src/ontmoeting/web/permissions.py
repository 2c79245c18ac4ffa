"""The one permission check of the web app: which staff role may open a view."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.models import PermissionsMixin, User
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.http.response import HttpResponseBase
from django_htmx.middleware import HtmxDetails

from ontmoeting.expenses.duties import may_pay
from ontmoeting.privacy.roles import StaffRole, has_role

#: A view: a page, a redirect or a file download (a FileResponse streams).
View = Callable[..., HttpResponseBase]


class HtmxRequest(HttpRequest):
    """A request as every view gets it: django-htmx's middleware adds ``htmx``."""

    htmx: HtmxDetails


class StaffRequest(HtmxRequest):
    """The request of a view guarded by ``role_required``: the guard let only a signed-in staff
    user through (an annotation, true because of the guard)."""

    user: User


def role_required(*roles: str) -> Callable[[View], View]:
    """Allow the view to users holding any of ``roles``; others get 403, visitors the login."""
    return _guard(lambda user: any(has_role(user, role) for role in roles), roles)


def _guard(allowed: Callable[[Any], bool], roles: tuple[str, ...]) -> Callable[[View], View]:
    """Allow the view to users for whom ``allowed`` holds; ``roles`` are the roles it allows by
    default (the marker the permission tests read)."""

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not allowed(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        # A marker on the function (tests/web/test_permission_matrix.py reads it); functions
        # take attributes at run time, but a Callable type does not declare them.
        wrapped.allowed_roles = roles  # type: ignore[attr-defined]
        return wrapped

    return decorator


coordinator_required = role_required(StaffRole.COORDINATOR)
staff_required = role_required(StaffRole.COORDINATOR, StaffRole.RESEARCHER, StaffRole.ADMIN)
admin_required = role_required(StaffRole.ADMIN)
#: Pages of every staff member, a day helper included (their own account).
any_staff_required = role_required(
    StaffRole.COORDINATOR,
    StaffRole.RESEARCHER,
    StaffRole.ADMIN,
    StaffRole.HELPER,
    StaffRole.FINANCE,
)
#: The check-in desk and the presence board on the day.
desk_required = role_required(StaffRole.COORDINATOR, StaffRole.HELPER)
#: Making payment files, downloading them and marking them paid: finance users (coordinators
#: too when ``ONTMOETING_SEPARATE_PAYMENT_DUTIES`` is off; expenses/duties.py).
payments_required = _guard(may_pay, (StaffRole.FINANCE,))
#: The payment files of an edition, to look at: coordinators and finance users.
batches_required = role_required(StaffRole.COORDINATOR, StaffRole.FINANCE)


def user_roles(request: HttpRequest) -> dict[str, bool]:
    """Template context: which roles the current user holds (for the navigation)."""
    user = request.user
    held: set[str] = set()
    if isinstance(user, PermissionsMixin) and user.is_authenticated and user.is_active:
        held = (
            set(StaffRole.values)
            if user.is_superuser
            else set(user.groups.values_list("name", flat=True))  # one query for every role
        )
    return {f"is_{role}": role in held for role in StaffRole.values}
