from django.contrib import admin

from ontmoeting.people.models import (
    ExperienceDomain,
    ExpertProfile,
    Membership,
    Person,
    SelfHelpGroup,
)
from ontmoeting.privacy.admin_audit import AuditedReadsMixin

# ModelAdmin and its inlines are generic only in django-stubs: subscripting them at run time
# needs django_stubs_ext.monkeypatch(), which the settings do not call; hence the type-arg
# ignores.


@admin.register(ExperienceDomain)
class ExperienceDomainAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["code", "name_nl", "name_en", "name_it", "builtin"]
    search_fields = ["code", "name_nl", "name_en", "name_it"]


@admin.register(SelfHelpGroup)
class SelfHelpGroupAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["name", "domain", "town", "contact_person"]
    list_filter = ["domain"]
    list_select_related = ["domain"]
    search_fields = ["name", "town"]


class MembershipInline(admin.TabularInline):  # type: ignore[type-arg]
    model = Membership
    extra = 0
    autocomplete_fields = ["group"]


@admin.register(ExpertProfile)
class ExpertProfileAdmin(AuditedReadsMixin, admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["person", "can_chair", "chaired_before", "training"]
    list_filter = ["can_chair", "chaired_before", "training", "domains"]
    list_select_related = ["person"]
    search_fields = ["person__first_name", "person__last_name", "person__email"]
    filter_horizontal = ["domains", "pending_domains"]
    inlines = [MembershipInline]
    raw_id_fields = ["person"]


@admin.register(Person)
class PersonAdmin(AuditedReadsMixin, admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["last_name", "first_name", "email", "language"]
    search_fields = ["first_name", "last_name", "email"]
