"""The demo's evaluation research: waves 2014 to 2025, answers that follow the seed's findings,
paper forms to link, coded open answers, and the reports a researcher reads.

The findings are checked with plain ORM reads and arithmetic here, not with the report code.
"""

from __future__ import annotations

import re
import statistics
from collections import defaultdict

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from ontmoeting.demo.builder import reset_demo
from ontmoeting.demo.open_answers import QUAL_CODES
from ontmoeting.editions.models import Edition, Participant
from ontmoeting.surveys.codes import SELF_CODE_PATTERN
from ontmoeting.surveys.defaults import EXPERT_SLUG, STUDENT_SLUG
from ontmoeting.surveys.models import (
    Answer,
    CodedSegment,
    QualCode,
    Response,
    StudyCode,
    Wave,
    WaveInvite,
)
from ontmoeting.surveys.vault import experts_flagged_for_recruitment

pytestmark = pytest.mark.django_db
YEARS = range(2014, 2026)


def _scores(subscale: str) -> dict[tuple[int, str], list[float]]:
    """(year, wave) → the subscale scores (mean of the keyed items) of completed responses."""
    rows = Answer.objects.filter(
        item__subscale__code=subscale,
        response__completed_at__isnull=False,
        response__wave__kind__in=["pre", "post"],
    ).values_list(
        "response_id",
        "response__wave__edition__year",
        "response__wave__kind",
        "item__reverse_keyed",
        "item__scale_min",
        "item__scale_max",
        "value_number",
    )
    per_response: dict[tuple[int, str, int], list[float]] = defaultdict(list)
    for response, year, kind, reversed_, low, high, value in rows:
        per_response[(year, kind, response)].append(low + high - value if reversed_ else value)
    scores: dict[tuple[int, str], list[float]] = defaultdict(list)
    for (year, kind, _response), values in per_response.items():
        if len(values) >= 3:
            scores[(year, kind)].append(statistics.mean(values))
    return scores


def _effect(scores: dict[tuple[int, str], list[float]], year: int) -> float:
    """(mean post - mean pre) / the pooled SD of the two waves."""
    pre, post = scores[(year, "pre")], scores[(year, "post")]
    pooled = ((statistics.variance(pre) + statistics.variance(post)) / 2) ** 0.5
    return (statistics.mean(post) - statistics.mean(pre)) / pooled


def test_every_edition_from_2014_has_closed_pre_post_and_feedback_waves(built):
    waves = set(
        Wave.objects.filter(edition__isnull=False).values_list(
            "edition__year", "kind", "audience", "status", "instrument__slug"
        )
    )
    expected = {
        (year, kind, audience, "closed", slug)
        for year in YEARS
        for kind, audience, slug in (
            ("pre", "students", STUDENT_SLUG),
            ("post", "students", STUDENT_SLUG),
            ("expert_feedback", "experts", EXPERT_SLUG),
        )
    }
    assert waves == expected | {(2026, "pre", "students", "draft", STUDENT_SLUG)}
    assert not WaveInvite.objects.filter(wave__edition__year=2026).exists()
    assert not WaveInvite.objects.filter(invited_at__isnull=True).exists()
    for wave in Wave.objects.filter(edition__isnull=False).select_related("edition"):
        if wave.kind == "pre":
            assert wave.closes.date() < wave.edition.date
        else:
            assert wave.opens.date() >= wave.edition.date
        completed = wave.responses.filter(completed_at__isnull=False)
        assert not completed.filter(completed_at__gt=wave.closes).exists()
        assert not completed.filter(completed_at__lt=wave.opens).exists()


def test_students_before_the_day_and_those_present_after_it_are_invited(built):
    for year in (2014, 2025):
        students = Participant.objects.filter(edition__year=year, role="student")
        invited = WaveInvite.objects.filter(wave__edition__year=year)
        assert (
            invited.filter(wave__kind="pre").count() == students.exclude(status="declined").count()
        )
        assert (
            invited.filter(wave__kind="post").count() == students.filter(status="present").count()
        )
        assert (
            invited.filter(wave__kind="expert_feedback").count()
            == Participant.objects.filter(
                edition__year=year, role="expert", status="present"
            ).count()
        )
    # one study code per person and edition, shared by their waves
    # (the practice rounds of experience workers, seed 001, belong to no edition)
    assert (
        StudyCode.objects.filter(edition__isnull=False).count()
        == WaveInvite.objects.filter(wave__edition__isnull=False)
        .values("study_code")
        .distinct()
        .count()
    )


@pytest.mark.parametrize(("kind", "low", "high"), [("pre", 0.75, 0.92), ("post", 0.6, 0.85)])
def test_online_response_rates_are_realistic(built, kind, low, high):
    for year in YEARS:
        invited = WaveInvite.objects.filter(wave__edition__year=year, wave__kind=kind).count()
        online = Response.objects.filter(
            wave__edition__year=year,
            wave__kind=kind,
            source="online",
            completed_at__isnull=False,
        ).count()
        assert low <= online / invited <= high, (year, online, invited)
    started = Response.objects.filter(completed_at__isnull=True)
    assert started.exists()  # a few forms started online and never sent
    assert not started.filter(source="paper").exists()


def test_after_the_day_students_think_more_critically_and_stigmatise_less(built):
    critical = _scores("critical")
    attitudes = _scores("attitudes")
    for year in YEARS:
        assert statistics.mean(critical[(year, "post")]) > statistics.mean(
            critical[(year, "pre")]
        ), year
    # the attitudes scale is keyed towards fewer negative attitudes
    risen = [
        y
        for y in YEARS
        if statistics.mean(attitudes[(y, "post")]) > statistics.mean(attitudes[(y, "pre")])
    ]
    assert len(risen) >= 10
    for scores in (critical, attitudes):
        effects = [_effect(scores, year) for year in YEARS]
        assert 0.25 <= statistics.mean(effects) <= 0.7
        assert max(effects) - min(effects) > 0.1  # it varies from year to year


def test_students_agree_less_with_stigmatising_statements_after_the_day(built):
    """The reverse-keyed attitude items, as ticked (e.g. "people with a mental illness are
    unpredictable"): agreement falls after the day in most years."""
    agreement = defaultdict(list)
    for year, kind, value in Answer.objects.filter(
        item__subscale__code="attitudes",
        item__reverse_keyed=True,
        response__completed_at__isnull=False,
        response__wave__kind__in=["pre", "post"],
    ).values_list("response__wave__edition__year", "response__wave__kind", "value_number"):
        agreement[(year, kind)].append(value)
    fell = [
        y
        for y in YEARS
        if statistics.mean(agreement[(y, "post")]) < statistics.mean(agreement[(y, "pre")])
    ]
    assert len(fell) >= 10


def test_reverse_keyed_items_are_answered_consistently_with_the_construct(built):
    """Who agrees with "a person is much more than their problems" disagrees with "most
    service users could solve their problems if they tried harder"."""
    forward, backward = defaultdict(list), defaultdict(list)
    for response, reversed_, value in Answer.objects.filter(
        item__subscale__code="attitudes", response__wave__kind="pre"
    ).values_list("response_id", "item__reverse_keyed", "value_number"):
        (backward if reversed_ else forward)[response].append(value)
    both = [r for r in forward if r in backward]
    assert len(both) > 500
    correlation = statistics.correlation(
        [statistics.mean(forward[r]) for r in both], [statistics.mean(backward[r]) for r in both]
    )
    assert correlation < -0.15  # not mirrored, it would be clearly positive


def test_some_likert_answers_are_missing_but_scores_stay_computable(built):
    likert = Answer.objects.filter(response__wave__kind="pre", value_number__isnull=False)
    responses = Response.objects.filter(wave__kind="pre", completed_at__isnull=False)
    per_response = likert.count() / responses.count()
    assert 14 < per_response < 15  # 15 Likert items, a few left empty


def _hamming(a: str, b: str) -> int:
    return sum(x != y for x, y in zip(a, b, strict=True))


def test_paper_forms_link_by_self_code_with_some_slips(built):
    paper = Response.objects.filter(source="paper", wave__audience="students")
    assert not paper.filter(study_code__isnull=False).exists()
    assert all(SELF_CODE_PATTERN.fullmatch(c) for c in paper.values_list("self_code", flat=True))
    slips = unmatched = 0
    for year in YEARS:
        rows = Response.objects.filter(
            wave__edition__year=year, wave__kind__in=["pre", "post"]
        ).exclude(self_code="")
        codes = defaultdict(list)
        for kind, code, source in rows.values_list("wave__kind", "self_code", "source"):
            codes[kind].append((code, source))
        for kind in ("pre", "post"):
            assert len({c for c, _s in codes[kind]}) == len(codes[kind])  # unique in a wave
        pre = dict(codes["pre"])
        paper_post = [c for c, s in codes["post"] if s == "paper"]
        assert any(pre.get(c) == "paper" for c in paper_post), year  # paper-paper
        assert any(pre.get(c) == "online" for c in paper_post), year  # online-paper
        for code in paper_post:
            if code in pre:
                continue
            if any(_hamming(code, c) == 1 for c in pre):
                slips += 1
            else:
                unmatched += 1
    assert slips >= 5
    assert unmatched >= 5
    online_with_self_code = Response.objects.filter(source="online").exclude(self_code="")
    assert online_with_self_code.filter(study_code__isnull=False).count() > 1000


def test_open_answers_are_dutch_some_with_personal_data_and_most_coded(built):
    assert set(QualCode.objects.values_list("label", flat=True)) == {c for c, _d in QUAL_CODES}
    assert {"stigma doorbroken", "kritisch denken over hulpverlening", "hoop"} <= set(
        QualCode.objects.values_list("label", flat=True)
    )
    open_answers = Answer.objects.filter(
        item__kind="open", response__wave__edition__isnull=False
    ).exclude(value_text="")
    for year in YEARS:
        assert 18 <= open_answers.filter(response__wave__edition__year=year).count() <= 42
    analysed = open_answers.filter(response__wave__edition__year__lte=2024)
    coded = analysed.filter(segments__isnull=False).distinct().count()
    assert coded / analysed.count() > 0.5
    latest = open_answers.filter(response__wave__edition__year=2025)
    assert latest.filter(segments__isnull=False).exists()
    assert latest.filter(segments__isnull=True).count() > latest.count() / 2  # being coded
    for segment in CodedSegment.objects.select_related("answer"):
        assert segment.excerpt
        assert segment.excerpt in segment.answer.value_text
    texts = list(open_answers.values_list("value_text", flat=True))
    with_email = [t for t in texts if re.search(r"[\w.]+@example\.org", t)]
    with_phone = [t for t in texts if re.search(r"\b04\d\d \d\d \d\d \d\d\b", t)]
    with_street = [t for t in texts if re.search(r"straat \d+, \d{4} ", t)]
    assert len(with_email) >= 3
    assert len(with_phone) >= 3
    assert len(with_street) >= 3
    assert sum(" ik " in f" {t.lower()} " for t in texts) > len(texts) / 3  # Dutch


def test_experts_feedback_flags_some_for_the_next_recruitment(built):
    feedback = Response.objects.filter(wave__kind="expert_feedback")
    assert not feedback.filter(study_code__isnull=True).exists()
    assert feedback.filter(source="paper").exists()  # typed in, study code printed on the form
    flagged = experts_flagged_for_recruitment(Edition.objects.get(format="encounter_day", year=2026))
    assert flagged
    assert all(f.year == 2025 or f.year < 2025 for f in flagged)
    assert all(f.reasons for f in flagged)


def test_reports_list_the_editions_for_a_researcher(built):
    client = Client()
    client.force_login(get_user_model().objects.get(username="researcher"))
    page = client.get(reverse("web:reports"))
    assert page.status_code == 200
    html = page.content.decode()
    table = html[html.index('data-testid="editions"') :]
    table = table[: table.index("</table>")]
    rows = re.findall(r'<th scope="row">(\d{4})</th>\s*<td>(\d+)</td>\s*<td>(\d+)</td>', table)
    assert [int(y) for y, _w, _c in rows] == list(range(2026, 2013, -1))
    for year, waves, completed in rows:
        assert int(waves) == Wave.objects.filter(edition__year=year).count()
        assert (
            int(completed)
            == Response.objects.filter(wave__edition__year=year, completed_at__isnull=False).count()
        )
    trends = client.get(reverse("web:report_trends"))
    assert trends.status_code == 200
    assert 'data-testid="trend-critical"' in trends.content.decode()
    assert "data:image/png;base64," in trends.content.decode()
    assert client.get(reverse("web:report_edition", args=[2025])).status_code == 200


def test_the_command_tells_where_the_research_is(built):
    assert "/reports/" in built.output
    assert "2014–2025" in built.output


def test_reset_deletes_the_research(built):
    reset_demo()
    for model in (Wave, StudyCode, WaveInvite, Response, Answer, CodedSegment, QualCode):
        assert not model.objects.exists(), model
