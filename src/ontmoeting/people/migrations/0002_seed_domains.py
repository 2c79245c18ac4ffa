"""Seed the experience domains with their stable codes (seed 000)."""

from django.db import migrations

DOMAINS = [
    ("addiction", "Verslaving", "Addiction", "Dipendenze"),
    ("mental_health", "Geestelijke gezondheid", "Mental health", "Salute mentale"),
    ("disability", "Handicap", "Disability", "Disabilità"),
    ("unemployment", "Werkloosheid", "Unemployment", "Disoccupazione"),
    ("divorce", "Vechtscheiding", "Contentious divorce", "Separazione conflittuale"),
    ("youth_protection", "Jeugdbescherming", "Children in youth protection", "Tutela dei minori"),
    ("poverty", "Armoede", "Poverty", "Povertà"),
]


def seed(apps, schema_editor):
    ExperienceDomain = apps.get_model("people", "ExperienceDomain")
    for code, nl, en, it in DOMAINS:
        ExperienceDomain.objects.update_or_create(
            code=code, defaults={"name_nl": nl, "name_en": en, "name_it": it, "builtin": True}
        )


class Migration(migrations.Migration):
    dependencies = [("people", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
