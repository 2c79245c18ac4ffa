from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EditionsConfig(AppConfig):
    name = "ontmoeting.editions"
    label = "editions"
    verbose_name = _("Editions")

    def ready(self) -> None:
        from ontmoeting.editions.retention import purge_contact, purge_special_category
        from ontmoeting.privacy.retention import register_purge

        # The retention policy (privacy/retention.py) for the data editions can date.
        register_purge("contact", purge_contact)
        register_purge("special_category", purge_special_category)
