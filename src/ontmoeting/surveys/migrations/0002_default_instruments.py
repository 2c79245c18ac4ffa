"""Ship the built-in (not validated) instruments."""

from django.db import migrations


def forwards(apps, schema_editor):
    from ontmoeting.surveys.defaults import ensure_default_instruments

    ensure_default_instruments(apps)


class Migration(migrations.Migration):
    dependencies = [("surveys", "0001_initial")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
