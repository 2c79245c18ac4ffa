"""Ship the experience-worker instrument (practice research, seed 001), version 1."""

from django.db import migrations


def forwards(apps, schema_editor):
    from ontmoeting.surveys.experience_workers import ensure_experience_worker_instrument

    ensure_experience_worker_instrument(apps)


class Migration(migrations.Migration):
    dependencies = [("surveys", "0003_practice_rounds")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
