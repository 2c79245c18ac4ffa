from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "ontmoeting.surveys"
    label = "surveys"
    verbose_name = _("Surveys")

    def ready(self) -> None:
        from ontmoeting.privacy.subject import register_erasure, register_section
        from ontmoeting.surveys import checks  # noqa: F401  (registers the deploy checks)
        from ontmoeting.surveys.vault import person_study_rows, unlink_person

        # A person's copy holds their answers; erasure keeps the answers under the study code
        # and removes only the link to the person (privacy/subject.py).
        register_section("survey_answers", _("Survey answers"), person_study_rows, order=40)
        register_erasure("study_code_links", unlink_person, step=20)
