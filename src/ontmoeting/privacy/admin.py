from django.contrib import admin
from django.http import HttpRequest

from ontmoeting.privacy.models import AuditEntry

# ModelAdmin is generic only in django-stubs: subscripting it at run time needs
# django_stubs_ext.monkeypatch(), which the settings do not call; hence the type-arg ignore.


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["when", "actor", "actor_label", "action", "object_type", "object_id"]
    list_filter = ["action", "object_type"]
    readonly_fields = [f.name for f in AuditEntry._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:  # written by the system only
        return False

    def has_change_permission(self, request: HttpRequest, obj: AuditEntry | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: AuditEntry | None = None) -> bool:
        return False
