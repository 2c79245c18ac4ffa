"""Practice research rounds (under /research/practice/): report, coding, the respondent's page."""

from django.urls import path

from ontmoeting.web.views import practice_survey

urlpatterns = [
    path("", practice_survey.rounds, name="practice-survey-rounds"),
    path("new/", practice_survey.create_round, name="practice-survey-new"),
    path("<int:wave_id>/", practice_survey.report, name="practice-survey-report"),
    path("<int:wave_id>/status/", practice_survey.round_status, name="practice-survey-status"),
    path("<int:wave_id>/export.<str:fmt>", practice_survey.export, name="practice-survey-export"),
    path("<int:wave_id>/coding/", practice_survey.coding, name="practice-survey-coding"),
    path(
        "<int:wave_id>/coding/answers/<int:answer_id>/",
        practice_survey.code_answer,
        name="practice-survey-code-answer",
    ),
    path("<int:wave_id>/import/", practice_survey.import_responses, name="practice-survey-import"),
    path(
        "<int:wave_id>/respondents/",
        practice_survey.respondents,
        name="practice-survey-respondents",
    ),
    path("<int:wave_id>/paper/", practice_survey.paper_entry, name="practice-survey-paper"),
    # The respondent's page (by personal link, no login).
    path("s/<str:token>/", practice_survey.take, name="practice-survey-take"),
]
