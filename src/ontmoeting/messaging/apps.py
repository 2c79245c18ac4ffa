from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MessagingConfig(AppConfig):
    name = "ontmoeting.messaging"
    label = "messaging"
    verbose_name = _("Messages")

    def ready(self) -> None:
        from ontmoeting.editions.notices import register_outbox
        from ontmoeting.messaging import checks  # noqa: F401  (registers the deploy checks)
        from ontmoeting.messaging.services import queue_message

        # Registration, cancellation and invitations (editions) queue their messages here.
        register_outbox(queue_message)
