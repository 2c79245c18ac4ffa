"""Store the default text of every kind of message in Dutch, English and Italian."""

from django.db import migrations


def add_defaults(apps, schema_editor):
    from ontmoeting.messaging.defaults import DEFAULT_TEMPLATES

    MessageTemplate = apps.get_model("messaging", "MessageTemplate")
    existing = set(
        MessageTemplate.objects.filter(edition__isnull=True).values_list("kind", "language")
    )
    MessageTemplate.objects.bulk_create(
        [
            MessageTemplate(kind=kind, language=language, subject=subject, body=body)
            for (kind, language), (subject, body) in DEFAULT_TEMPLATES.items()
            if (kind, language) not in existing
        ]
    )


class Migration(migrations.Migration):
    dependencies = [("messaging", "0001_initial")]

    operations = [migrations.RunPython(add_defaults, migrations.RunPython.noop)]
