"""Invitations and registrations come over from the privacy app (``privacy.0004``).

``privacy.0004`` renamed their tables to ``editions_invitation`` and ``editions_registration``;
here the models enter the editions app's state on those tables (no schema change), and their
content types follow them, so permissions given on them stay attached.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

MOVED = ("invitation", "registration")


def relabel_content_types(from_app, to_app):
    def relabel(apps, schema_editor):
        ContentType = apps.get_model("contenttypes", "ContentType")
        for model in MOVED:
            if not ContentType.objects.filter(app_label=to_app, model=model).exists():
                ContentType.objects.filter(app_label=from_app, model=model).update(app_label=to_app)

    return relabel


class Migration(migrations.Migration):

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("editions", "0002_programmeblock_unavailable_rooms_room_excluded_uses"),
        ("people", "0002_seed_domains"),
        ("privacy", "0004_invitations_registrations_to_editions"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Invitation',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('token_hash', models.CharField(max_length=64, unique=True, verbose_name='token hash (SHA-256)')),
                        ('created', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                        ('expires', models.DateTimeField(verbose_name='expires')),
                        ('created_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='created by')),
                        ('edition', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='invitations', to='editions.edition', verbose_name='edition')),
                        ('person', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='invitations', to='people.person', verbose_name='person')),
                        ('self_help_group', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='invitations', to='people.selfhelpgroup', verbose_name='self-help group')),
                    ],
                    options={
                        'verbose_name': 'invitation',
                        'verbose_name_plural': 'invitations',
                        'ordering': ['-created'],
                    },
                ),
                migrations.CreateModel(
                    name='Registration',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('how', models.CharField(choices=[('online', 'online, by the person'), ('on_behalf', 'entered by a coordinator (paper form or phone)')], default='online', max_length=20, verbose_name='how')),
                        ('travel', models.CharField(blank=True, choices=[('public_transport', 'by bus or train'), ('car', 'by car'), ('bike', 'by bike'), ('on_foot', 'on foot'), ('brought', 'someone brings me')], max_length=20, verbose_name='travel')),
                        ('created', models.DateTimeField(auto_now_add=True, verbose_name='registered')),
                        ('updated', models.DateTimeField(auto_now=True, verbose_name='updated')),
                        ('invitation', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='registrations', to='editions.invitation', verbose_name='invitation')),
                        ('participant', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='registration', to='editions.participant', verbose_name='participant')),
                    ],
                    options={
                        'verbose_name': 'registration',
                        'verbose_name_plural': 'registrations',
                    },
                ),
            ]
        ),
        migrations.RunPython(
            relabel_content_types("privacy", "editions"),
            relabel_content_types("editions", "privacy"),
        ),
    ]
