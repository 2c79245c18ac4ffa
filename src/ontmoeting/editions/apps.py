from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EditionsConfig(AppConfig):
    name = "ontmoeting.editions"
    label = "editions"
    verbose_name = _("Editions")

    def ready(self) -> None:
        from ontmoeting.editions.enums import EditionStatus
        from ontmoeting.editions.lifecycle import not_before_the_day, register_guard

        register_guard(EditionStatus.HELD, not_before_the_day)
        from ontmoeting.editions.retention import purge_contact, purge_special_category
        from ontmoeting.privacy.retention import register_purge

        # The retention policy (privacy/retention.py) for the data editions can date.
        register_purge("contact", purge_contact)
        register_purge("special_category", purge_special_category)
        # A person's copy and their erasure (privacy/subject.py).
        from ontmoeting.editions import subject
        from ontmoeting.privacy.subject import register_erasure, register_section

        register_section(
            "participations", _("Participations"), subject.participation_rows, order=30
        )
        register_section("held_registrations", _("Registrations held"), subject.held_rows, order=35)
        register_erasure("participations", subject.erase_participations, step=30)
        register_erasure("held_and_invitations", subject.erase_held_and_invitations, step=30)
