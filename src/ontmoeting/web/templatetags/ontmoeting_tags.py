"""Small template helpers shared by the pages."""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.filter
def get_item(mapping: dict[Any, Any], key: Any) -> Any:
    """``{{ mapping|get_item:key }}``: a dictionary look-up by a variable key."""
    return mapping.get(key, "")


@register.simple_tag(takes_context=True)
def query_with(context: dict[str, Any], **changes: Any) -> str:
    """The current query string with some parameters changed (for sorting and paging links)."""
    query = context["request"].GET.copy()
    for key, value in changes.items():
        if value in (None, ""):
            query.pop(key, None)
        else:
            query[key] = value
    return "?" + query.urlencode() if query else "?"


@register.simple_tag
def department_contact() -> dict[str, str]:
    """The coordinators' e-mail address and phone number from the settings, for pages that have
    no edition to name a contact from (the error pages, rendered even without a request)."""
    from django.conf import settings

    return {
        "email": getattr(settings, "ONTMOETING_COORDINATOR_EMAIL", ""),
        "phone": getattr(settings, "ONTMOETING_COORDINATOR_PHONE", ""),
    }
