"""Links in the outbox are stored sealed: existing messages get their links taken out of the
text and sealed (``messaging.sealed``)."""

import re

from django.db import migrations, models

from ontmoeting.messaging import sealed

#: A link that carries a token: personal page, registration (and its check), confirmation, survey.
TOKEN_LINK = re.compile(
    r"https?://[^\s<>\"']+?/(?P<kind>me/link|register/check|register|confirm|s)/[A-Za-z0-9_-]{20,}/"
)


def seal_existing(apps, schema_editor):
    OutboxMessage = apps.get_model("messaging", "OutboxMessage")
    for message in OutboxMessage.objects.filter(sealed_links="").iterator():
        links: dict[str, str] = {}
        for match in TOKEN_LINK.finditer(message.body_text + "\n" + message.subject):
            name = "survey_link" if match.group("kind") == "s" else "link"
            links.setdefault(name, match.group(0))
        if not links:
            continue
        message.subject = sealed.hide(message.subject, links)
        message.body_text = sealed.hide(message.body_text, links)
        message.body_html = sealed.hide(message.body_html, links, html=True)
        message.sealed_links = sealed.seal(links)
        message.save(update_fields=["subject", "body_text", "body_html", "sealed_links"])


class Migration(migrations.Migration):
    dependencies = [
        ("messaging", "0003_registration_check_kind"),
    ]

    operations = [
        migrations.AddField(
            model_name="outboxmessage",
            name="sealed_links",
            field=models.TextField(blank=True, editable=False, verbose_name="links (encrypted)"),
        ),
        migrations.RunPython(seal_existing, migrations.RunPython.noop),
    ]
