"""One text per audience and purpose: the students' kinds, the survey kinds, and their default
texts in Dutch, English and Italian (a text a coordinator already stored is never touched)."""

from django.db import migrations, models

NEW_KINDS = (
    "invitation_student",
    "invitation_professional",
    "confirmation_student",
    "reminder_student",
    "plan_published_student",
    "plan_changed_student",
    "thank_you_student",
    "thank_you_professional",
    "survey_pre",
    "survey_post",
    "survey_expert",
    "survey_reminder",
    "survey_reminder_expert",
    "magic_link_student",
)


def add_defaults(apps, schema_editor):
    from ontmoeting.messaging.defaults import DEFAULT_TEMPLATES

    MessageTemplate = apps.get_model("messaging", "MessageTemplate")
    existing = set(
        MessageTemplate.objects.filter(edition__isnull=True, kind__in=NEW_KINDS).values_list(
            "kind", "language"
        )
    )
    MessageTemplate.objects.bulk_create(
        [
            MessageTemplate(kind=kind, language=language, subject=subject, body=body)
            for (kind, language), (subject, body) in DEFAULT_TEMPLATES.items()
            if kind in NEW_KINDS and (kind, language) not in existing
        ]
    )


def remove_defaults(apps, schema_editor):
    """Going back: the new kinds' texts go (the older code knows no such kinds)."""
    MessageTemplate = apps.get_model("messaging", "MessageTemplate")
    MessageTemplate.objects.filter(kind__in=NEW_KINDS).delete()


class Migration(migrations.Migration):
    dependencies = [("messaging", "0005_link_requests")]

    operations = [
        migrations.AlterField(
            model_name='messagetemplate',
            name='kind',
            field=models.CharField(choices=[('invitation', 'invitation (experts by experience)'), ('invitation_student', 'invitation (students)'), ('invitation_professional', 'invitation (professionals)'), ('confirmation', 'confirmation'), ('confirmation_student', 'confirmation (students)'), ('reminder', 'reminder before the day'), ('reminder_student', 'reminder before the day (students)'), ('plan_published', 'schedule published'), ('plan_published_student', 'schedule published (students)'), ('plan_changed', 'change of schedule'), ('plan_changed_student', 'change of schedule (students)'), ('thank_you', 'thank-you with survey'), ('thank_you_student', 'thank-you (students)'), ('thank_you_professional', 'thank-you (professionals)'), ('survey_pre', 'survey before the day (students)'), ('survey_post', 'survey after the day (students)'), ('survey_expert', 'survey after the day (experts by experience)'), ('survey_reminder', 'survey reminder (students)'), ('survey_reminder_expert', 'survey reminder (experts by experience)'), ('magic_link', 'link to the personal page'), ('magic_link_student', 'link to the personal page (students)'), ('registration_check', 'check of a registration for someone known'), ('cancellation_alert', 'cancellation alert (to coordinators)')], max_length=30, verbose_name='kind'),
        ),
        migrations.AlterField(
            model_name='outboxmessage',
            name='kind',
            field=models.CharField(choices=[('invitation', 'invitation (experts by experience)'), ('invitation_student', 'invitation (students)'), ('invitation_professional', 'invitation (professionals)'), ('confirmation', 'confirmation'), ('confirmation_student', 'confirmation (students)'), ('reminder', 'reminder before the day'), ('reminder_student', 'reminder before the day (students)'), ('plan_published', 'schedule published'), ('plan_published_student', 'schedule published (students)'), ('plan_changed', 'change of schedule'), ('plan_changed_student', 'change of schedule (students)'), ('thank_you', 'thank-you with survey'), ('thank_you_student', 'thank-you (students)'), ('thank_you_professional', 'thank-you (professionals)'), ('survey_pre', 'survey before the day (students)'), ('survey_post', 'survey after the day (students)'), ('survey_expert', 'survey after the day (experts by experience)'), ('survey_reminder', 'survey reminder (students)'), ('survey_reminder_expert', 'survey reminder (experts by experience)'), ('magic_link', 'link to the personal page'), ('magic_link_student', 'link to the personal page (students)'), ('registration_check', 'check of a registration for someone known'), ('cancellation_alert', 'cancellation alert (to coordinators)')], max_length=30, verbose_name='kind'),
        ),
        migrations.RunPython(add_defaults, remove_defaults),
    ]
