"""Seed plausible Belgian rates for 2024–2026 (settings to check every year; see rates.py)."""

from decimal import Decimal

from django.db import migrations

#: The rates this migration seeded (kept here: rates.py now reads Rate rows, see 0006).
SEED_RATES: dict[int, dict[str, object]] = {
    2024: {
        "car_km_rate": Decimal("0.4269"),
        "motorbike_km_rate": Decimal("0.4269"),
        "bicycle_km_rate": Decimal("0.3500"),
        "lunch_max": Decimal("15.00"),
        "flat_daily_allowance": Decimal("40.67"),
        "flat_yearly_ceiling": Decimal("1626.77"),
        "real_km_yearly_cap": 2000,
    },
    2025: {
        "car_km_rate": Decimal("0.4270"),
        "motorbike_km_rate": Decimal("0.4270"),
        "bicycle_km_rate": Decimal("0.3600"),
        "lunch_max": Decimal("15.00"),
        "flat_daily_allowance": Decimal("42.31"),
        "flat_yearly_ceiling": Decimal("1692.51"),
        "real_km_yearly_cap": 2000,
    },
    2026: {
        "car_km_rate": Decimal("0.4300"),
        "motorbike_km_rate": Decimal("0.4300"),
        "bicycle_km_rate": Decimal("0.3700"),
        "lunch_max": Decimal("15.00"),
        "flat_daily_allowance": Decimal("43.16"),
        "flat_yearly_ceiling": Decimal("1726.49"),
        "real_km_yearly_cap": 2000,
    },
}


def seed(apps, schema_editor):
    YearRates = apps.get_model("expenses", "YearRates")
    for year, values in SEED_RATES.items():
        YearRates.objects.get_or_create(
            year=year,
            defaults={**values, "notes": "Seeded; check against the official amounts of the year."},
        )


class Migration(migrations.Migration):
    dependencies = [("expenses", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
