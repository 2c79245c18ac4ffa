"""Seed the Belgian figures of 2023–2026 as Rate rows with validity periods and sources
(see seed_rates.py; unconfirmed figures are marked and listed on the rates page)."""

from django.db import migrations


def seed(apps, schema_editor):
    from ontmoeting.expenses.seed_rates import seed_figures

    Rate = apps.get_model("expenses", "Rate")
    for figure in seed_figures():
        Rate.objects.get_or_create(
            kind=figure.kind,
            valid_from=figure.valid_from,
            defaults={
                "valid_to": figure.valid_to,
                "value": figure.value,
                "source": figure.source,
                "confirmed": figure.confirmed,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("expenses", "0005_bic_address_declaration_override_rates_statements")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
