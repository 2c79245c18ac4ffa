from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from ontmoeting.editions.models import (
    Edition,
    KnowsLink,
    Participant,
    ProgrammeBlock,
    Room,
    Venue,
)
from ontmoeting.privacy.admin_audit import AuditedReadsMixin

# ModelAdmin and its inlines are generic only in django-stubs: subscripting them at run time
# needs django_stubs_ext.monkeypatch(), which the settings do not call; hence the type-arg
# ignores.


class RoomInline(admin.TabularInline):  # type: ignore[type-arg]
    model = Room
    extra = 0


@admin.register(Venue)
class VenueAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["name", "town"]
    inlines = [RoomInline]


class ProgrammeBlockInline(admin.TabularInline):  # type: ignore[type-arg]
    model = ProgrammeBlock
    extra = 0


@admin.register(Edition)
class EditionAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["year", "format", "date", "status", "target_pairs", "venue"]
    list_filter = ["format", "status"]
    list_select_related = ["venue"]
    inlines = [ProgrammeBlockInline]


@admin.register(Participant)
class ParticipantAdmin(AuditedReadsMixin, admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["ref", "person", "edition", "role", "status", "class_group"]
    list_filter = ["edition", "role", "status"]
    list_select_related = ["person", "edition"]
    search_fields = ["ref", "person__first_name", "person__last_name", "person__email"]
    raw_id_fields = ["person"]


@admin.register(KnowsLink)
class KnowsLinkAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["edition", "a", "b"]
    list_select_related = ["edition", "a__person", "b__person", "a__edition", "b__edition"]
    raw_id_fields = ["a", "b"]
    verbose_name = _("knows link")
