"""Version 1 of the consent texts in Dutch, English and Italian (plain language)."""

from django.db import migrations

from ontmoeting.privacy.consent_defaults import DEFAULT_TEXTS, PUBLISHED

def add_texts(apps, schema_editor):
    ConsentText = apps.get_model("privacy", "ConsentText")
    for (kind, language), body in DEFAULT_TEXTS.items():
        ConsentText.objects.get_or_create(
            kind=kind,
            language=language,
            version=1,
            defaults={"body": body, "published_at": PUBLISHED},
        )


def remove_texts(apps, schema_editor):
    ConsentText = apps.get_model("privacy", "ConsentText")
    ConsentText.objects.filter(version=1, consents__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("privacy", "0002_links_invitations_consent")]

    operations = [migrations.RunPython(add_texts, remove_texts)]
