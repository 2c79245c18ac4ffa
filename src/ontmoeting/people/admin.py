from django.contrib import admin

from ontmoeting.people.models import (
    ExperienceDomain,
    ExpertProfile,
    Membership,
    Person,
    SelfHelpGroup,
)


@admin.register(ExperienceDomain)
class ExperienceDomainAdmin(admin.ModelAdmin):
    list_display = ["code", "name_nl", "name_en", "name_it", "builtin"]
    search_fields = ["code", "name_nl", "name_en", "name_it"]


@admin.register(SelfHelpGroup)
class SelfHelpGroupAdmin(admin.ModelAdmin):
    list_display = ["name", "domain", "town", "contact_person"]
    list_filter = ["domain"]
    list_select_related = ["domain"]
    search_fields = ["name", "town"]


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["group"]


@admin.register(ExpertProfile)
class ExpertProfileAdmin(admin.ModelAdmin):
    list_display = ["person", "can_chair", "chaired_before", "training"]
    list_filter = ["can_chair", "chaired_before", "training", "domains"]
    list_select_related = ["person"]
    search_fields = ["person__first_name", "person__last_name", "person__email"]
    filter_horizontal = ["domains"]
    inlines = [MembershipInline]
    raw_id_fields = ["person"]


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["last_name", "first_name", "email", "language"]
    search_fields = ["first_name", "last_name", "email"]
