from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "ontmoeting.privacy"
    label = "privacy"
    verbose_name = _("Privacy")

    def ready(self) -> None:
        from ontmoeting.privacy import checks  # noqa: F401  (registers the deploy check)
        from ontmoeting.privacy.roles import sync_roles
        from ontmoeting.privacy.subject import register_own

        register_own()  # consents and links in a person's copy and their erasure

        # Runs after every app's permissions exist; keeps the role groups exact.
        post_migrate.connect(sync_roles, dispatch_uid="ontmoeting.sync_roles")
