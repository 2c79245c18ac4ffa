"""The plan of an edition: make it in the background, read it, edit it, compare and publish."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django_htmx.http import HttpResponseClientRedirect

from ontmoeting.editions.enums import Format
from ontmoeting.editions.models import Edition, Participant
from ontmoeting.engine.model import DEFAULT_PLAN_SETTINGS, PlanSettings
from ontmoeting.planning import edits
from ontmoeting.planning.checking import plan_settings
from ontmoeting.planning.compare import compare_plans
from ontmoeting.planning.edits import EditNeedsConfirmation, EditRefused
from ontmoeting.planning.jobs import enqueue_plan, job_state
from ontmoeting.planning.models import JobStatus, Plan, PlanJob
from ontmoeting.planning.naming import plan_names
from ontmoeting.planning.preview import layout_preview
from ontmoeting.planning.publish import CannotPublish, publish_plan
from ontmoeting.planning.selectors import VersionRow, latest_job, plan_page, plan_versions
from ontmoeting.planning.wording import rule_label, violation_text
from ontmoeting.privacy.audit import record
from ontmoeting.web.permissions import StaffRequest, coordinator_required
from ontmoeting.web.views.plan_filter import PlanFilter, filter_page, read_filter


class RunForm(forms.Form):
    """The settings of a run; the group sizes start at the engine's defaults. The seed and the
    time limit are advanced settings (:data:`ADVANCED`), folded away on the page."""

    group_min_size = forms.IntegerField(
        label=gettext_lazy("Smallest group (chair included)"),
        initial=DEFAULT_PLAN_SETTINGS.group_min_size,
        min_value=2,
    )
    group_max_size = forms.IntegerField(
        label=gettext_lazy("Largest group (chair included)"),
        initial=DEFAULT_PLAN_SETTINGS.group_max_size,
        min_value=2,
    )
    pair_policy = forms.ChoiceField(
        label=gettext_lazy("Morning pairs in the afternoon"),
        choices=[
            ("keep", gettext_lazy("in the same group")),
            ("split", gettext_lazy("in different groups")),
        ],
    )
    time_limit = forms.FloatField(
        label=gettext_lazy("Seconds the search may take"),
        help_text=gettext_lazy("Ten seconds is enough for an edition of a few hundred people."),
        initial=10,
        min_value=1,
        max_value=600,
    )
    seed = forms.IntegerField(
        label=gettext_lazy("Seed"),
        help_text=gettext_lazy(
            "The same seed and the same people give the same plan; another seed may give "
            "another plan that is just as good."
        ),
        initial=0,
        min_value=0,
    )

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        low, high = data.get("group_min_size"), data.get("group_max_size")
        if low and high and low > high:
            raise forms.ValidationError(_("The smallest group cannot be larger than the largest."))
        return data


def _edition(edition_id: int) -> Edition:
    """An encounter day: a co-creation meeting is planned on its Tables page (404 here)."""
    editions = Edition.objects.select_related("venue").exclude(format=Format.CO_CREATION)
    return get_object_or_404(editions, pk=edition_id)


def _plan(edition: Edition, version: int) -> Plan:
    plan = get_object_or_404(Plan, edition=edition, version=version)
    plan.edition = edition
    return plan


def _person(edition: Edition, value: str | None) -> Participant:
    try:
        pk = int(value or "")
    except ValueError:
        raise EditRefused(_("Choose a person.")) from None
    return get_object_or_404(Participant.objects.select_related("person"), edition=edition, pk=pk)


def _number(value: str | None) -> int:
    try:
        return int(value or "")
    except ValueError:
        raise EditRefused(_("Choose a group.")) from None


def _picked(edition: Edition, value: str | None) -> Participant:
    """The person a picker names: "S012 — Name" as the list offers it, a ref, or a full name."""
    text = " ".join((value or "").split())
    ref = text.split(" — ", 1)[0].strip()
    people = Participant.objects.select_related("person").filter(edition=edition)
    found = people.filter(ref__iexact=ref).first() if ref else None
    if found is None and text:
        name = text.split(" — ", 1)[-1].casefold()
        named = [p for p in people if p.person.full_name.casefold() == name]
        found = named[0] if len(named) == 1 else None
    if found is None:
        raise EditRefused(_("No one in this edition is called “%(text)s”.") % {"text": text})
    return found


def _other(edition: Edition, post: QueryDict) -> Participant:
    """The second person of a swap: a picker's text (``pick``) or a list's choice (``b``)."""
    if "pick" in post:
        return _picked(edition, post.get("pick"))
    return _person(edition, post.get("b"))


def _target_group(plan: Plan, post: QueryDict) -> int:
    """The number of the group to move to: a picker's text (a group's name) or ``group``."""
    if "group_pick" not in post:
        return _number(post.get("group"))
    text = " ".join((post.get("group_pick") or "").split())
    for number, name in plan.groups.values_list("number", "name"):
        if name.casefold() == text.casefold():
            return int(number)
    digits = "".join(ch for ch in text if ch.isdigit())
    if digits and plan.groups.filter(number=int(digits)).exists():
        return int(digits)
    raise EditRefused(_("This plan has no group called “%(text)s”.") % {"text": text})


def _run_form(edition: Edition, data: Any = None) -> RunForm:
    """The run form; changing the group sizes refreshes the layout preview (HTMX)."""
    form = RunForm(data)
    url = reverse("web:plan-preview", args=[edition.pk])
    for name in ("group_min_size", "group_max_size", "pair_policy"):
        form.fields[name].widget.attrs.update(
            {
                "hx-get": url,
                "hx-trigger": "change",
                "hx-target": "#layout-preview",
                "hx-swap": "outerHTML",
                "hx-include": "closest form",
            }
        )
    return form


#: Fields of :class:`RunForm` folded away under "Advanced settings".
ADVANCED = ("time_limit", "seed")


def _run_context(edition: Edition, form: RunForm, settings: PlanSettings) -> dict[str, Any]:
    """What the versions page shows: the versions, the latest run and the run form."""
    job = latest_job(edition)
    return {
        "edition": edition,
        "versions": plan_versions(edition),
        "job": job,
        "state": job_state(job) if job else None,
        "form": form,
        "main_fields": [form[name] for name in form.fields if name not in ADVANCED],
        "advanced_fields": [form[name] for name in ADVANCED],
        "advanced_open": any(form[name].errors for name in ADVANCED),
        "preview": layout_preview(edition, settings),
    }


def _preview_settings(data: Any) -> PlanSettings:
    """The group settings of the form (the defaults where they are missing or wrong)."""
    form = RunForm(data)
    form.is_valid()
    clean = form.cleaned_data
    default = DEFAULT_PLAN_SETTINGS
    low = clean.get("group_min_size") or default.group_min_size
    high = clean.get("group_max_size") or default.group_max_size
    policy = clean.get("pair_policy") or default.pair_policy
    return PlanSettings(group_min_size=low, group_max_size=max(low, high), pair_policy=policy)


@coordinator_required
def plan_list(request: StaffRequest, edition_id: int) -> HttpResponse:
    if Edition.objects.filter(pk=edition_id, format=Format.CO_CREATION).exists():
        return redirect("web:tables", edition_id=edition_id)
    edition = _edition(edition_id)
    context = _run_context(edition, _run_form(edition), PlanSettings())
    return render(request, "web/plans/list.html", context)


@coordinator_required
def plan_preview(request: StaffRequest, edition_id: int) -> HttpResponse:
    """The layout the group settings give, before a run (an HTMX partial)."""
    edition = _edition(edition_id)
    preview = layout_preview(edition, _preview_settings(request.GET))
    return render(request, "web/plans/_preview.html", {"preview": preview})


@coordinator_required
@require_POST
def plan_make(request: StaffRequest, edition_id: int) -> HttpResponse:
    edition = _edition(edition_id)
    form = _run_form(edition, request.POST)
    if not form.is_valid():
        context = _run_context(edition, form, _preview_settings(request.POST))
        return render(request, "web/plans/list.html", context, status=400)
    data = form.cleaned_data
    job = enqueue_plan(
        edition,
        actor=request.user,
        seed=data["seed"],
        settings=PlanSettings(
            group_min_size=data["group_min_size"],
            group_max_size=data["group_max_size"],
            pair_policy=data["pair_policy"],
            time_limit=data["time_limit"],
        ),
    )
    return redirect("web:plan-job", edition_id=edition.pk, job_id=job.pk)


def _status_text(state: dict[str, Any]) -> str:
    """The run's status in one sentence: "Running: 40 % done", "Failed: <why>", "Done"."""
    label = str(state["label"])
    message = str(state.get("message") or "")
    if state["status"] == JobStatus.RUNNING:
        percent = round(float(state["progress"]) * 100)
        message = _("%(percent)s %% done") % {"percent": percent}
    if not message or message.casefold() == label.casefold():
        return capfirst(label)
    return _("%(status)s: %(detail)s") % {"status": capfirst(label), "detail": message}


@coordinator_required
def plan_job(request: StaffRequest, edition_id: int, job_id: int) -> HttpResponse:
    edition = _edition(edition_id)
    job = get_object_or_404(PlanJob.objects.select_related("plan"), edition=edition, pk=job_id)
    state = job_state(job)
    context = {"edition": edition, "job": job, "state": state, "status_text": _status_text(state)}
    if request.htmx:
        if job.plan is not None and not state["active"]:
            return HttpResponseClientRedirect(
                reverse("web:plan-detail", args=[edition.pk, job.plan.version])
            )
        return render(request, "web/plans/_job.html", context)
    return render(request, "web/plans/job.html", context)


@coordinator_required
def plan_detail(request: StaffRequest, edition_id: int, version: int) -> HttpResponse:
    edition = _edition(edition_id)
    plan = _plan(edition, version)
    record("plan.view", actor=request.user, obj=plan, version=plan.version)
    page = plan_page(plan)
    wanted = read_filter(request.GET)
    try:
        open_group = int(request.GET.get("open", ""))
    except ValueError:
        open_group = None
    return render(
        request,
        "web/plans/detail.html",
        {
            "edition": edition,
            "plan": plan,
            "page": page,
            "filter": wanted,
            "filtered": filter_page(plan, page, wanted),
            "open_group": open_group,
        },
    )


EDITS = ("lock-pair", "lock-member", "swap-students", "swap-members", "move", "chair")


def _apply(request: StaffRequest, edition: Edition, plan: Plan, action: str) -> Plan:
    post = request.POST
    common = {"actor": request.user}
    confirm = post.get("confirm") == "1"
    if action == "lock-pair":
        locked = post.get("locked") == "1"
        return edits.lock_pair(
            plan, student=_person(edition, post.get("a")), locked=locked, **common
        )
    if action == "lock-member":
        locked = post.get("locked") == "1"
        who = _person(edition, post.get("a"))
        return edits.lock_member(plan, participant=who, locked=locked, **common)
    if action == "swap-students":
        return edits.swap_students(
            plan,
            student_a=_person(edition, post.get("a")),
            student_b=_other(edition, post),
            confirm=confirm,
            **common,
        )
    if action == "swap-members":
        return edits.swap_members(
            plan,
            a=_person(edition, post.get("a")),
            b=_other(edition, post),
            confirm=confirm,
            **common,
        )
    if action == "move":
        return edits.move_member(
            plan,
            participant=_person(edition, post.get("a")),
            group_number=_target_group(plan, post),
            confirm=confirm,
            **common,
        )
    return edits.change_chair(
        plan,
        group_number=_number(post.get("group")),
        chair=_person(edition, post.get("a")),
        confirm=confirm,
        **common,
    )


@coordinator_required
@require_POST
def plan_edit(request: StaffRequest, edition_id: int, version: int, action: str) -> HttpResponse:
    edition = _edition(edition_id)
    plan = _plan(edition, version)
    if action not in EDITS:
        return HttpResponse(status=404)
    back = read_filter(QueryDict(request.POST.get("filter", "").lstrip("?")))
    try:
        draft = _apply(request, edition, plan, action)
    except EditRefused as error:
        messages.error(request, str(error))
        url = reverse("web:plan-detail", args=[edition.pk, plan.version])
        return redirect(url + back.query())
    except EditNeedsConfirmation as needs:
        names = plan_names(plan)
        violations = [
            {**v, "label": rule_label(v["rule"]), "text": violation_text(v, names)}
            for v in needs.violations
        ]
        fields = [(k, v) for k, v in request.POST.items() if k not in ("csrfmiddlewaretoken",)]
        return render(
            request,
            "web/plans/confirm.html",
            {
                "edition": edition,
                "plan": plan,
                "action": action,
                "violations": violations,
                "fields": fields,
            },
            status=409,
        )
    messages.success(
        request,
        _("Saved as version %(new)s. The rules were checked again.") % {"new": draft.version},
    )
    url = reverse("web:plan-detail", args=[edition.pk, draft.version])
    return redirect(url + _back_to(draft, action, request.POST.get("a"), back))


def _back_to(draft: Plan, action: str, who: str | None, back: PlanFilter) -> str:
    """Where the page opens after an edit: the filter kept, at the student's pair or at the
    person in their (now open) group."""
    pk = who if (who or "").isdigit() else None
    if action in ("lock-pair", "swap-students"):
        return back.query() + (f"#pair-{pk}" if pk else "#pairs")
    number = (
        draft.groups.filter(memberships__participant_id=pk).values_list("number", flat=True).first()
        if pk
        else None
    )
    if number is None:
        return back.query() + "#groups"
    return back.query({"open": str(number)}) + f"#member-{pk}"


@coordinator_required
@require_POST
def plan_replan(request: StaffRequest, edition_id: int, version: int) -> HttpResponse:
    edition = _edition(edition_id)
    plan = _plan(edition, version)
    settings = plan_settings(plan.settings)
    job = enqueue_plan(
        edition, actor=request.user, seed=plan.seed + 1, settings=settings, base_plan=plan
    )
    return redirect("web:plan-job", edition_id=edition.pk, job_id=job.pk)


@coordinator_required
@require_POST
def plan_publish(request: StaffRequest, edition_id: int, version: int) -> HttpResponse:
    edition = _edition(edition_id)
    plan = _plan(edition, version)
    try:
        publish_plan(plan, actor=request.user)
    except CannotPublish as error:
        messages.error(request, str(error))
        names = plan_names(plan)
        for v in error.violations[:10]:
            messages.error(request, violation_text(v, names))
    else:
        messages.success(request, _("Version %(v)s is published.") % {"v": plan.version})
    return redirect("web:plan-detail", edition_id=edition.pk, version=plan.version)


@coordinator_required
@require_POST
def plan_undo(request: StaffRequest, edition_id: int, version: int) -> HttpResponse:
    edition = _edition(edition_id)
    plan = _plan(edition, version)
    try:
        before = edits.undo_last_change(plan, actor=request.user)
    except EditRefused as error:
        messages.error(request, str(error))
        return redirect("web:plan-detail", edition_id=edition.pk, version=plan.version)
    messages.success(
        request,
        _("Change undone: back to version %(v)s.") % {"v": before.version},
    )
    return redirect("web:plan-detail", edition_id=edition.pk, version=before.version)


def _chosen_pair(
    versions: list[VersionRow], a: str | None, b: str | None
) -> tuple[Plan, Plan] | None:
    """The two versions numbered ``a`` and ``b`` (None unless both are listed)."""
    by_number = {row.plan.version: row.plan for row in versions}
    try:
        first, second = by_number[int(a or "")], by_number[int(b or "")]
    except (ValueError, KeyError):
        return None
    return first, second


@coordinator_required
def plan_compare(request: StaffRequest, edition_id: int) -> HttpResponse:
    edition = _edition(edition_id)
    versions = plan_versions(edition)
    chosen = _chosen_pair(versions, request.GET.get("a"), request.GET.get("b"))
    a, b = chosen if chosen is not None else (None, None)
    changes = compare_plans(*chosen) if chosen is not None else None
    return render(
        request,
        "web/plans/compare.html",
        {"edition": edition, "versions": versions, "a": a, "b": b, "changes": changes},
    )
