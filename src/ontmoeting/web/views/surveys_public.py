"""The survey page an invitee reaches by the link in their message (no login)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from ontmoeting.surveys import selectors, services
from ontmoeting.surveys.codes import make_self_code
from ontmoeting.web.views.surveys import posted_answers


@never_cache
@require_http_methods(["GET", "POST"])
def take_survey(request: HttpRequest, token: str) -> HttpResponse:
    invite = services.invite_for_token(token)
    if invite is None:
        return render(request, "surveys/public/unknown.html", status=404)
    language = invite.language
    with translation.override(language):
        wave = invite.wave
        response = selectors.response_of(wave, invite.study_code)
        if response is not None and response.completed_at is not None:
            return render(request, "surveys/public/thanks.html", {"wave": wave})
        if not wave.is_accepting(timezone.now()):
            return render(request, "surveys/public/closed.html", {"wave": wave}, status=410)
        errors: dict[str, str] = {}
        missing: list[str] = []
        saved = False
        values = selectors.answer_values(response)
        if request.method == "POST":
            values = posted_answers(request, wave)
            self_code = make_self_code(
                mother_first_name=request.POST.get("sc_mother", ""),
                birth_day=request.POST.get("sc_day", ""),
                birth_town=request.POST.get("sc_town", ""),
            )
            result = services.save_online_answers(
                invite=invite,
                data=values,
                self_code=self_code,
                complete=request.POST.get("action") == "submit",
            )
            errors, missing = result.errors, result.missing
            if result.response is not None and result.response.completed_at is not None:
                return redirect("web:survey-take", token=token)
            saved = not errors
            response = result.response
            if not errors:
                values = selectors.answer_values(response)
        rows = selectors.survey_questions(wave, language, values)
        answered = sum(1 for row in rows if row.value not in (None, "", []))
        return render(
            request,
            "surveys/public/take.html",
            {
                "wave": wave,
                "rows": rows,
                "errors": errors,
                "missing": missing,
                "saved": saved,
                "answered": answered,
                "total": len(rows),
                "has_self_code": bool(response and response.self_code),
                "language": language,
            },
        )
