"""Seed plausible Belgian rates for 2024–2026 (settings to check every year; see rates.py)."""

from django.db import migrations


def seed(apps, schema_editor):
    from ontmoeting.expenses.rates import SEED_RATES

    YearRates = apps.get_model("expenses", "YearRates")
    for year, values in SEED_RATES.items():
        YearRates.objects.get_or_create(
            year=year,
            defaults={**values, "notes": "Seeded; check against the official amounts of the year."},
        )


class Migration(migrations.Migration):
    dependencies = [("expenses", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
