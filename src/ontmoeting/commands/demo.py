"""``ontmoeting demo [--seed N] [--reset] [--out DIR]`` — a realistic, reproducible demo history."""

from __future__ import annotations

import argparse
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from django.utils import dateformat
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ontmoeting.commands import EXIT_BAD_INPUT, EXIT_OK
from ontmoeting.commands._editions import editions_overview
from ontmoeting.commands._parsing import Subcommands

if TYPE_CHECKING:
    from ontmoeting.editions.models import Edition

DEFAULT_SEED = 2009
SERVER = "http://127.0.0.1:8000/"


def register(sub: Subcommands) -> None:
    parser = sub.add_parser(
        "demo",
        help=_("fill the database with a demo history (editions 2009–2026) and staff logins"),
        description=_(
            "Build a realistic demo history: editions 2009–2026 of the encounter day, experts who "
            "return over the years, the current edition recruiting. Prints the staff logins."
        ),
    )
    parser.add_argument(
        "--seed",
        type=int,
        default=DEFAULT_SEED,
        metavar="N",
        help=_("random seed (default: %(default)s)"),
    )
    parser.add_argument(
        "--reset",
        action="store_true",
        help=_("delete the existing demo data and build it again"),
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=None,
        metavar=_("FOLDER"),
        help=_("folder for the sample roster files (default: var/demo)"),
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from django.conf import settings

    from ontmoeting.demo import builder

    missing = builder.missing_tables()
    if missing:
        print(
            _("The database has no tables yet (missing: %(tables)s).")
            % {"tables": ", ".join(missing)}
        )
        print(_("Run 'ontmoeting manage migrate' first."))
        return EXIT_BAD_INPUT
    state = builder.demo_state()
    if not state.empty and not state.is_demo:
        print(
            _(
                "This database holds %(editions)d edition(s) and %(people)d people not made by the "
                "demo; the demo only runs on an empty database or on its own data."
            )
            % {"editions": state.editions - state.demo_editions, "people": state.people}
        )
        return EXIT_BAD_INPUT
    started = time.perf_counter()
    if state.is_demo and not args.reset:
        print(
            _(
                "The demo data is already there (%(editions)d editions, %(people)d people); nothing "
                "was added. Use --reset to build it again."
            )
            % {"editions": state.editions, "people": state.people}
        )
    else:
        if state.is_demo:
            builder.reset_demo()
        builder.build_demo(args.seed)
        print(
            _("Demo built with seed %(seed)d in %(seconds).1f s.")
            % {"seed": args.seed, "seconds": time.perf_counter() - started}
        )
    _print_summary(args.out or Path(settings.VAR_DIR) / "demo")
    passwords = builder.set_up_staff()
    print()
    print(
        _("Log in at %(url)s as coordinator / %(password)s")
        % {"url": SERVER, "password": passwords["coordinator"]}
    )
    print(_("  researcher / %(password)s") % {"password": passwords["researcher"]})
    print(
        _("  helper / %(password)s (a volunteer at the check-in desk on the day)")
        % {"password": passwords["helper"]}
    )
    print(
        _("  finance / %(password)s (pays approved claims: the payment files, never approving)")
        % {"password": passwords["finance"]}
    )
    print(
        _("  admin / %(password)s (also the Django admin at %(url)sadmin/)")
        % {"password": passwords["admin"], "url": SERVER}
    )
    print(
        _(
            "    (an admin sets up an authenticator app at the first login: the page shows the "
            "code to scan or type)"
        )
    )
    print(_("These passwords are new on every run of 'ontmoeting demo'."))
    return EXIT_OK


def _print_summary(out: Path) -> None:
    from ontmoeting.demo.samples import write_samples
    from ontmoeting.editions.enums import TAKING_PART, EditionStatus, Format
    from ontmoeting.editions.selectors import edition_counts, expert_standings
    from ontmoeting.people.models import Person

    every = list(editions_overview().order_by("year"))
    editions = [e for e in every if e.format == Format.ENCOUNTER_DAY]
    print(
        _("%(n)d editions, %(people)d people:")
        % {"n": len(every), "people": Person.objects.count()}
    )
    for edition in editions:
        print(
            f"  {edition.year}  {dateformat.format(edition.date, 'D d b')}  "
            f"{EditionStatus(edition.status).label:<12} "
            + _("%(students)3d students, %(experts)3d experts")
            % {"students": edition.n_students, "experts": edition.n_experts}
        )
    _print_cocreation([e for e in every if e.format == Format.CO_CREATION])
    _print_day(editions)
    _print_research()
    _print_expenses()
    _print_practice_research()
    current = next((e for e in reversed(editions) if e.status == EditionStatus.RECRUITING), None)
    if current is None:
        return
    counts = edition_counts(current)
    print()
    print(
        _(
            "Current edition %(year)d (%(date)s, recruiting): %(students)d students, %(experts)d "
            "experts, of whom %(eligible)d eligible; %(veterans)d veterans, %(newcomers)d newcomers "
            "(%(share).0f%% new, target %(target).0f%%)."
        )
        % {
            "year": current.year,
            "date": current.date.isoformat(),
            "students": counts.students,
            "experts": counts.experts,
            "eligible": counts.eligible_experts,
            "veterans": counts.veteran_experts,
            "newcomers": counts.newcomer_experts,
            "share": 100 * counts.newcomer_share,
            "target": 100 * counts.target_newcomer_share,
        }
    )
    not_eligible = [
        s
        for s in expert_standings(current)
        if s.participant.status in TAKING_PART and not s.eligibility.eligible
    ]
    if not_eligible:
        print(_("Not eligible (a self-help group membership of at least one year is needed):"))
        for standing in not_eligible:
            print(
                f"  {standing.participant.ref} {standing.participant.person.full_name}: "
                f"{standing.eligibility.reason}"
            )
    paths = write_samples(current, out)
    print(
        _("Sample roster files to try the importer with: %(paths)s")
        % {"paths": ", ".join(str(p) for p in paths)}
    )
    _print_in_words(current, out)


def _print_cocreation(meetings: Sequence[Edition]) -> None:
    """Each co-creation meeting: its experts, and its professionals per sector against targets."""
    from ontmoeting.editions.cocreation_counts import cocreation_counts

    for meeting in meetings:
        counts = cocreation_counts(meeting)
        sectors = ", ".join(f"{s.name} {s.professionals}/{s.target}" for s in counts.sectors)
        print(
            f"  {meeting.year}  {dateformat.format(meeting.date, 'D d b')}  "
            + _("%(title)s: %(experts)d experts, %(professionals)d professionals (%(sectors)s)")
            % {
                "title": meeting.title or meeting.get_format_display(),
                "experts": counts.experts,
                "professionals": counts.professionals,
                "sectors": sectors,
            }
        )


def _print_day(editions: Sequence[Edition]) -> None:
    """The last held edition's day as the desk and the repair recorded it."""
    from ontmoeting.dayof.models import Attendance
    from ontmoeting.planning.models import PlanStatus

    for edition in reversed(editions):
        repaired = edition.plans.filter(status=PlanStatus.PUBLISHED, based_on__isnull=False).first()
        if repaired is None:
            continue
        arrived = Attendance.objects.filter(
            participant__edition=edition, arrived__isnull=False
        ).count()
        print()
        print(
            _(
                "The day of %(year)d as it went: %(arrived)d people checked in at the desk; at "
                "%(at)s the plan was repaired for %(absent)d no-shows (version %(v)d, %(n)d "
                "changes). See %(url)sday/ (board, print the changes, lunch)."
            )
            % {
                "year": edition.year,
                "arrived": arrived,
                "at": repaired.change.get("at", "—"),
                "absent": len(repaired.change.get("absent", [])),
                "v": repaired.version,
                "n": repaired.change.get("changes", 0),
                "url": SERVER,
            }
        )
        return


def _print_research() -> None:
    """The evaluation research the demo holds, and where to read it."""
    from ontmoeting.demo.research import research_counts

    research = research_counts()
    if not research.waves:
        return
    print()
    print(
        _(
            "Evaluation research %(first)d–%(last)d: %(waves)d closed survey waves (students "
            "before and after the day, experts' feedback), %(invited)d invitations, "
            "%(completed)d completed responses (%(paper)d typed in from paper forms), "
            "%(open)d open answers of which %(coded)d coded. See %(url)sreports/."
        )
        % {
            "first": research.first_year,
            "last": research.last_year,
            "waves": research.waves,
            "invited": research.invited,
            "completed": research.completed,
            "paper": research.paper,
            "open": research.open_answers,
            "coded": research.coded,
            "url": SERVER,
        }
    )
    if research.draft_year is not None:
        print(
            _("The %(year)d pre survey is prepared and not yet open.")
            % {"year": research.draft_year}
        )


def _print_expenses() -> None:
    """The travel and lunch claims of past editions: per state, payment files, reconciled."""
    from ontmoeting.demo.expenses import expenses_summary
    from ontmoeting.expenses.enums import ClaimStatus

    summary = expenses_summary()
    if not sum(summary.per_state.values()):
        return
    states = ", ".join(
        f"{summary.per_state[status]} {ClaimStatus(status).label}" for status in ClaimStatus.values
    )
    print()
    print(
        _(
            "Travel and lunch claims of past editions: %(states)s; %(batches)d payment files, "
            "%(reconciled)d reconciled with a bank statement. See %(url)seditions/ (claims, "
            "payment files, reconcile with the bank)."
        )
        % {
            "states": states,
            "batches": summary.batches,
            "reconciled": summary.reconciled,
            "url": SERVER,
        }
    )


def _print_in_words(current: Edition, out: Path) -> None:
    """The rosters in the coordinator's words, and what the importer makes of them."""
    from ontmoeting.demo.in_words import write_in_words
    from ontmoeting.editions.roster import import_roster

    now, later = write_in_words(current, out)
    report = import_roster(now, kind=None, edition=current, dry_run=True, actor="demo")
    print(
        _(
            "The same experts as a coordinator writes them (Dutch words, “maart 2019”): "
            "%(file)s; a dry run reads %(words)d different words and finds %(errors)d errors."
        )
        % {"file": now, "words": len(report.readings), "errors": len(report.errors)}
    )
    print(
        _(
            "Next year's roster, half of it without e-mail addresses: %(file)s. Create the "
            "%(year)d edition and import it with --dry-run: the experts are found again by "
            "phone or by name and self-help group, not created twice."
        )
        % {"file": later, "year": current.year + 1}
    )


def _print_practice_research() -> None:
    """Seed 001's practice research: the meeting's tables, the team trajectories, the survey."""
    from django.utils import timezone

    from ontmoeting.cocreation.models import Action, TableNote, TablePlan
    from ontmoeting.cocreation.trajectory_selectors import teams_overview
    from ontmoeting.surveys.models import Response, Wave

    plan = TablePlan.objects.select_related("edition").order_by("-created").first()
    if plan is not None:
        tables = plan.seats.filter(round=1).values("table").distinct().count()
        print()
        print(
            _(
                "%(meeting)s: %(tables)d tables in each of %(rounds)d rounds, %(problems)d findings, "
                "%(notes)d harvest notes. See %(url)seditions/%(id)d/tables/."
            )
            % {
                "meeting": plan.edition,
                "tables": tables,
                "rounds": plan.rounds,
                "problems": len(plan.violations),
                "notes": TableNote.objects.filter(plan=plan).count(),
                "url": SERVER,
                "id": plan.edition_id,
            }
        )
    teams = teams_overview(timezone.localdate())
    if teams:
        print(
            _(
                "Team trajectories: %(teams)d teams, %(actions)d actions, of which %(late)d "
                "overdue. See %(url)steams/."
            )
            % {
                "teams": len(teams),
                "actions": Action.objects.count(),
                "late": sum(row.overdue_actions for row in teams),
                "url": SERVER,
            }
        )
    for wave in Wave.objects.filter(edition__isnull=True).order_by("opens"):
        answers = Response.objects.filter(wave=wave, completed_at__isnull=False).count()
        print(
            ngettext(
                "%(title)s: %(n)d answer. See %(url)sresearch/practice/%(id)d/.",
                "%(title)s: %(n)d answers. See %(url)sresearch/practice/%(id)d/.",
                answers,
            )
            % {"title": wave.title, "n": answers, "url": SERVER, "id": wave.pk}
        )
