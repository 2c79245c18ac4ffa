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
