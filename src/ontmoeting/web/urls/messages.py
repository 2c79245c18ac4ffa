"""Messages of an edition: outbox, templates, sending to a selection, printed letters."""

from django.urls import path

from ontmoeting.web.views import messages

urlpatterns = [
    path("", messages.outbox_list, name="messages"),
    path("cancel/", messages.outbox_cancel, name="message-cancel"),
    path("<int:message_id>/", messages.message_detail, name="message-detail"),
    path("<int:message_id>/retry/", messages.message_retry, name="message-retry"),
    path("templates/", messages.template_list, name="message-templates"),
    path(
        "templates/<str:kind>/<str:language>/",
        messages.template_edit,
        name="message-template-edit",
    ),
    path("send/", messages.send_messages, name="message-send"),
    path("letters/", messages.letters, name="message-letters"),
    path("letters/<int:batch_id>.pdf", messages.letter_batch_pdf, name="message-letter-batch"),
]
