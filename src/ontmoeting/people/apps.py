from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "ontmoeting.people"
    label = "people"
    verbose_name = _("People")

    def ready(self) -> None:
        from ontmoeting.people.services import activate_pending_domains, forget_domains
        from ontmoeting.privacy.consent import register_activator, register_eraser
        from ontmoeting.privacy.models import ConsentKind

        # Withdrawing the special-category consent deletes the domains of experience it covered.
        register_eraser(ConsentKind.SPECIAL_CATEGORY, "domains_deleted", forget_domains)
        # Giving it brings the domains held as pending (from a roster) into use.
        register_activator(
            ConsentKind.SPECIAL_CATEGORY, "domains_activated", activate_pending_domains
        )
        # A person's copy and their erasure (privacy/subject.py).
        from ontmoeting.people import subject
        from ontmoeting.privacy.subject import register_erasure, register_section

        register_section("person", _("Person"), subject.person_rows, order=10)
        register_section("expert_profile", _("Expert profile"), subject.profile_rows, order=20)
        register_erasure("expert_profile", subject.erase_profile, step=40)
        register_erasure("person", subject.empty_person, step=90)
