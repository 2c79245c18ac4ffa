"""Invitations and registrations move to the editions app (``editions.0003`` takes them up).

Their tables are renamed to the names the editions app gives them, then the models leave the
privacy app's state: no row is copied, none is lost.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("privacy", "0003_default_consent_texts")]

    operations = [
        migrations.AlterModelTable(name="registration", table="editions_registration"),
        migrations.AlterModelTable(name="invitation", table="editions_invitation"),
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="registration"),
                migrations.DeleteModel(name="invitation"),
            ]
        ),
    ]
