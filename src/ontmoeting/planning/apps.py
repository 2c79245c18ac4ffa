from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlanningConfig(AppConfig):
    name = "ontmoeting.planning"
    label = "planning"
    verbose_name = _("Planning")

    def ready(self) -> None:
        from ontmoeting.editions.enums import EditionStatus
        from ontmoeting.editions.lifecycle import register_guard
        from ontmoeting.editions.venue_services import register_room_guard
        from ontmoeting.planning.guards import room_in_a_saved_plan
        from ontmoeting.planning.publish import needs_a_published_plan

        register_guard(EditionStatus.PUBLISHED, needs_a_published_plan)
        register_room_guard(room_in_a_saved_plan)
