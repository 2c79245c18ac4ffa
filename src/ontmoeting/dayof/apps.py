from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DayOfConfig(AppConfig):
    name = "ontmoeting.dayof"
    label = "dayof"
    verbose_name = _("The day itself")

    def ready(self) -> None:
        from ontmoeting.dayof.debriefing import room_has_a_session, session_ends
        from ontmoeting.editions.venue_services import register_room_guard
        from ontmoeting.surveys.services import register_debriefing_sessions

        # The post survey reaches each class group after its own debriefing session.
        register_debriefing_sessions(session_ends)
        # A room holding a debriefing session is not deleted from under it.
        register_room_guard(room_has_a_session)
