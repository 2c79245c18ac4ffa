"""Research pages, the coordinator's wave pages and the public survey page (under /research/)."""

from django.urls import path

from ontmoeting.web.views import surveys, surveys_public

urlpatterns = [
    path("", surveys.research_home, name="research-home"),
    path("instruments/", surveys.instrument_list, name="research-instruments"),
    path("instruments/import/", surveys.instrument_import, name="research-instrument-import"),
    path("instruments/<int:instrument_id>/", surveys.instrument_detail, name="research-instrument"),
    path("editions/<int:edition_id>/", surveys.research_edition, name="research-edition"),
    path("editions/<int:edition_id>/coding/", surveys.coding, name="research-coding"),
    path(
        "editions/<int:edition_id>/coding/answers/<int:answer_id>/",
        surveys.code_answer,
        name="research-code-answer",
    ),
    path(
        "editions/<int:edition_id>/coding/export.<str:fmt>",
        surveys.coding_export,
        name="research-coding-export",
    ),
    # Coordinator pages.
    path("editions/<int:edition_id>/waves/", surveys.waves, name="survey-waves"),
    path(
        "editions/<int:edition_id>/waves/<int:wave_id>/do/<str:action>/",
        surveys.wave_action,
        name="survey-wave-action",
    ),
    path(
        "editions/<int:edition_id>/waves/<int:wave_id>/paper/",
        surveys.paper_entry,
        name="survey-paper",
    ),
    path(
        "editions/<int:edition_id>/waves/<int:wave_id>/paper-form/",
        surveys.paper_form,
        name="survey-paper-form",
    ),
    path(
        "editions/<int:edition_id>/flagged-experts/", surveys.flagged_experts, name="survey-flagged"
    ),
    # The public survey page (by link, no login).
    path("s/<str:token>/", surveys_public.take_survey, name="survey-take"),
]
