from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MessagingConfig(AppConfig):
    name = "ontmoeting.messaging"
    label = "messaging"
    verbose_name = _("Messages")

    def ready(self) -> None:
        from ontmoeting.editions.notices import register_outbox
        from ontmoeting.messaging import checks  # noqa: F401  (registers the deploy checks)
        from ontmoeting.messaging.retention import purge_messages
        from ontmoeting.messaging.services import queue_message
        from ontmoeting.privacy.retention import register_purge

        # Registration, cancellation and invitations (editions) queue their messages here.
        register_outbox(queue_message)
        # Stored messages carry names, addresses and links: kept as the policy says.
        register_purge("messages", purge_messages)
        # A person's copy and their erasure (privacy/subject.py).
        from ontmoeting.messaging.subject import erase_messages, message_rows
        from ontmoeting.privacy.subject import register_erasure, register_section

        register_section("messages", _("Messages"), message_rows, order=45)
        register_erasure("messages", erase_messages, step=20)
