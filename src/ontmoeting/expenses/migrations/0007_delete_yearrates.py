"""The rates per calendar year are replaced by Rate rows with validity periods (0006)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("expenses", "0006_seed_rate_periods")]
    operations = [migrations.DeleteModel(name="YearRates")]
