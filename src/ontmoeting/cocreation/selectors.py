"""Reads of the co-creation meetings: a table plan by round and table with names, its findings
in the user's words, and the harvest as rows for the one spreadsheet writer."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from django.utils.translation import gettext as _

from ontmoeting.cocreation.enums import SeatRole
from ontmoeting.cocreation.models import TableNote, TablePlan, TableSeat
from ontmoeting.editions.enums import Format, ParticipantRole
from ontmoeting.editions.models import Edition, Participant
from ontmoeting.people.models import Sector
from ontmoeting.planning.inputs import engine_ref
from ontmoeting.planning.wording import Names, PlanFindings, findings
from ontmoeting.privacy.tabular import Sheet


@dataclass(frozen=True)
class SeatView:
    """One person at a table: name, what they bring (sector and organisation, or "expert by
    experience") and their role at the table."""

    participant: Participant
    name: str
    ref: str
    role: str  # SeatRole
    is_expert: bool
    sector: str
    organisation: str

    @property
    def background(self) -> str:
        """ "GGZ · Zorggroep Mariatroon" for a professional, "expert by experience" else."""
        if self.is_expert:
            return _("expert by experience")
        return " · ".join(x for x in (self.sector, self.organisation) if x)


@dataclass(frozen=True)
class TableView:
    round: int  # from 1
    number: int  # from 1
    facilitator: SeatView | None
    co_facilitator: SeatView | None
    members: tuple[SeatView, ...]  # the others
    note: str = ""

    @property
    def everyone(self) -> tuple[SeatView, ...]:
        lead = tuple(s for s in (self.facilitator, self.co_facilitator) if s is not None)
        return lead + self.members

    @property
    def size(self) -> int:
        return len(self.everyone)


@dataclass(frozen=True)
class RoundView:
    number: int  # from 1
    tables: tuple[TableView, ...]


@dataclass(frozen=True)
class TablePlanView:
    plan: TablePlan
    rounds: tuple[RoundView, ...]
    people: int
    findings: PlanFindings = field(default_factory=lambda: PlanFindings(hard=[], soft=[]))

    def table(self, round: int, number: int) -> TableView | None:
        for r in self.rounds:
            for t in r.tables:
                if r.number == round and t.number == number:
                    return t
        return None


def co_creation_of_year(year: int) -> Edition | None:
    """The co-creation meeting of ``year`` (the first, if there are several), or None."""
    return Edition.objects.filter(year=year, format=Format.CO_CREATION).order_by("pk").first()


def co_creation_years() -> list[int]:
    editions = Edition.objects.filter(format=Format.CO_CREATION).order_by("year")
    return list(editions.values_list("year", flat=True).distinct())


def table_plan_json(view: TablePlanView) -> dict[str, Any]:
    """A table plan as plain JSON (the CLI's ``--json``): rounds and tables from 1, each
    person's ref, name and role at the table, and the violations as data."""
    plan = view.plan
    return {
        "edition": plan.edition.year,
        "version": plan.version,
        "rounds": [
            {
                "round": r.number,
                "tables": [
                    {
                        "table": t.number,
                        "people": [
                            {"ref": s.ref, "name": s.name, "role": s.role} for s in t.everyone
                        ],
                    }
                    for t in r.tables
                ],
            }
            for r in view.rounds
        ],
        "violations": list(plan.violations),
        "findings": {"hard": view.findings.hard, "soft": view.findings.soft},
    }


def latest_table_plan(edition: Edition) -> TablePlan | None:
    return edition.table_plans.order_by("-version").first()


def _seat_view(seat: TableSeat) -> SeatView:
    p = seat.participant
    pro = getattr(p.person, "professional_profile", None)
    is_expert = p.role == ParticipantRole.EXPERT
    return SeatView(
        participant=p,
        name=p.person.full_name,
        ref=engine_ref(p),
        role=seat.role,
        is_expert=is_expert,
        sector=pro.sector.name if pro and not is_expert else "",
        organisation=pro.organisation if pro and not is_expert else "",
    )


def _seats(plan: TablePlan) -> list[TableSeat]:
    return list(
        plan.seats.select_related(
            "participant__person",
            "participant__person__professional_profile",
            "participant__person__professional_profile__sector",
        ).order_by("round", "table", "pk")
    )


def table_plan_view(
    plan: TablePlan,
    *,
    with_findings: bool = True,
    violations: list[dict[str, Any]] | None = None,
) -> TablePlanView:
    """``plan`` by round and table with names, the harvest notes and (``with_findings``) its
    violations worded: ``violations`` (JSON) or else the stored ones (a fixed number of
    queries)."""
    seats = _seats(plan)
    notes = {(n.round, n.table): n.text for n in plan.notes.order_by("created", "pk")}
    by_table: dict[tuple[int, int], list[SeatView]] = {}
    for seat in seats:
        by_table.setdefault((seat.round, seat.table), []).append(_seat_view(seat))
    rounds: dict[int, list[TableView]] = {}
    for (r, t), views in sorted(by_table.items()):
        role = {v.role: v for v in reversed(views)}
        rounds.setdefault(r, []).append(
            TableView(
                round=r,
                number=t,
                facilitator=role.get(SeatRole.FACILITATOR),
                co_facilitator=role.get(SeatRole.CO_FACILITATOR),
                members=tuple(v for v in views if v.role == SeatRole.MEMBER),
                note=notes.get((r, t), ""),
            )
        )
    people = {s.participant_id for s in seats}
    view = TablePlanView(
        plan=plan,
        rounds=tuple(RoundView(r, tuple(ts)) for r, ts in sorted(rounds.items())),
        people=len(people),
    )
    if with_findings:
        names = table_names({v.ref: v.name for vs in by_table.values() for v in vs})
        found = plan.violations if violations is None else violations
        view = replace(view, findings=table_findings(found, names))
    return view


def table_names(people: dict[str, str]) -> Names:
    """The names of a table plan: its people and the sectors (one query)."""
    return Names(people=people, sectors={s.code: s.name for s in Sector.objects.all()})


def table_label(round: int, table: int) -> str:
    """ "Table 3, round 1" (both from 1), as findings name a table."""
    return _("Table %(table)s, round %(round)s") % {"table": table, "round": round}


def table_findings(violations: list[dict[str, Any]], names: Names) -> PlanFindings:
    """Sentences for a table plan's violations: each worded with the names of its round, so a
    table reads "Table 2, round 1" (the shared wording of :mod:`ontmoeting.planning.wording`)."""
    hard: list[str] = []
    soft: list[str] = []
    for v in violations:
        params = v.get("params") or {}
        r = params.get("round") if isinstance(params, dict) else None
        n = names
        if isinstance(r, int) and v.get("group") is not None:
            group = v["group"]
            assert isinstance(group, int)
            n = replace(names, groups={group: table_label(r + 1, group + 1)})
        worded = findings([v], n)
        hard += worded.hard
        soft += worded.soft
    return PlanFindings(hard=hard, soft=soft)


# ------------------------------------------------------------------ the harvest


def harvest_rows(plan: TablePlan) -> tuple[list[str], list[list[object]]]:
    """The harvest of ``plan``: a header and one row per round and table with its
    facilitator, co-facilitator, members and notes."""
    view = table_plan_view(plan, with_findings=False)
    rows: list[list[object]] = []
    for r in view.rounds:
        for t in r.tables:
            rows.append(
                [
                    r.number,
                    t.number,
                    t.facilitator.name if t.facilitator else "",
                    t.co_facilitator.name if t.co_facilitator else "",
                    ", ".join(s.name for s in t.members),
                    t.note,
                ]
            )
    header = [
        _("Round"),
        _("Table"),
        _("Facilitator"),
        _("Co-facilitator"),
        _("Members"),
        _("Notes"),
    ]
    return header, rows


def harvest_sheet(plan: TablePlan) -> Sheet:
    """The harvest of ``plan`` as one worksheet (for the one writer,
    :func:`~ontmoeting.privacy.tabular.xlsx_bytes`)."""
    header, rows = harvest_rows(plan)
    return Sheet(
        title=str(_("Harvest")),
        header=header,
        rows=rows,
        widths={2: 24, 3: 24, 4: 60, 5: 80},
        wrap=frozenset({4, 5}),
    )


def notes_of(plan: TablePlan) -> dict[tuple[int, int], TableNote]:
    return {(n.round, n.table): n for n in plan.notes.order_by("created", "pk")}
