"""Domains of experience stored without a special-category consent are held as pending.

Existing databases hold domains that came from rosters without consent; from now on only
consented domains are in ``ExpertProfile.domains``. They are moved (not deleted): the person
can still consent, and the retention purge removes them after the edition otherwise.
"""

from django.db import migrations


def hold_unconsented_domains(apps, schema_editor):
    ExpertProfile = apps.get_model("people", "ExpertProfile")
    Consent = apps.get_model("privacy", "Consent")
    consented = set(
        Consent.objects.filter(
            withdrawn_at__isnull=True, text__kind="special_category"
        ).values_list("person_id", flat=True)
    )
    used = ExpertProfile.domains.through
    pending = ExpertProfile.pending_domains.through
    held = used.objects.exclude(expertprofile__person_id__in=consented)
    pending.objects.bulk_create(
        [
            pending(expertprofile_id=p, experiencedomain_id=d)
            for p, d in held.values_list("expertprofile_id", "experiencedomain_id")
        ],
        batch_size=500,
        ignore_conflicts=True,
    )
    held.delete()


def use_pending_domains(apps, schema_editor):
    ExpertProfile = apps.get_model("people", "ExpertProfile")
    used = ExpertProfile.domains.through
    pending = ExpertProfile.pending_domains.through
    used.objects.bulk_create(
        [
            used(expertprofile_id=p, experiencedomain_id=d)
            for p, d in pending.objects.values_list("expertprofile_id", "experiencedomain_id")
        ],
        batch_size=500,
        ignore_conflicts=True,
    )
    pending.objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0003_retention_and_pending_domains"),
        ("privacy", "0004_invitations_registrations_to_editions"),
    ]

    operations = [migrations.RunPython(hold_unconsented_domains, use_pending_domains)]
