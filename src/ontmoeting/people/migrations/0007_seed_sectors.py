"""Seed the three sectors of seed 001's co-creation meetings; coordinators may add more."""

from django.db import migrations

SECTORS = [
    ("ggz", "Geestelijke gezondheidszorg (GGZ)", "Mental health care", "Salute mentale"),
    ("verslavingszorg", "Verslavingszorg", "Addiction care", "Servizi per le dipendenze"),
    ("jeugdhulp", "Jeugdhulp", "Youth care", "Servizi per i minori"),
]


def seed(apps, schema_editor):
    Sector = apps.get_model("people", "Sector")
    for code, nl, en, it in SECTORS:
        Sector.objects.update_or_create(
            code=code, defaults={"name_nl": nl, "name_en": en, "name_it": it, "builtin": True}
        )


class Migration(migrations.Migration):
    dependencies = [("people", "0006_sector_professionalprofile")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
