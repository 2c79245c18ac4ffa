"""The table of the shared cache (rate limits): ``createcachetable`` for every database cache
in the settings (it leaves a table that exists alone)."""

from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [
        ("privacy", "0004_invitations_registrations_to_editions"),
    ]

    operations = [
        migrations.RunPython(create_cache_table, migrations.RunPython.noop, elidable=False),
    ]
