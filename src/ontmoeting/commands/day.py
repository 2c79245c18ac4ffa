"""``ontmoeting day checkin|board|repair|lunch|debriefing``: the check-in desk from a terminal,
when the web is down, and the students' debriefing sessions after the day."""

from __future__ import annotations

import argparse
from pathlib import Path

from django.utils.translation import gettext as _

from ontmoeting.commands import EXIT_BAD_INPUT, EXIT_OK, _day_debriefing
from ontmoeting.commands._editions import edition_of_year
from ontmoeting.commands._parsing import Subcommands


def register(sub: Subcommands) -> None:
    day = sub.add_parser("day", help=_("the day itself: check people in, see who is missing"))
    actions = day.add_subparsers(dest="action", metavar=_("ACTION"), required=True)
    checkin = actions.add_parser(
        "checkin",
        help=_("record that people arrived (or left early, or undo)"),
        description=_(
            "Record an arrival for each ref, as one tap at the desk: someone present already is "
            "left as they are. With --leave, record that they left early; with --undo, take back "
            "each person's last action. Exit code 2 when a ref is unknown (the others are "
            "recorded)."
        ),
    )
    checkin.add_argument("year", type=int, metavar=_("YEAR"), help=_("year of the edition"))
    checkin.add_argument("refs", nargs="+", metavar=_("REF"), help=_("refs of the people"))
    what = checkin.add_mutually_exclusive_group()
    what.add_argument("--leave", action="store_true", help=_("they leave early"))
    what.add_argument("--undo", action="store_true", help=_("take back their last action"))
    checkin.set_defaults(handler=run_checkin)

    board = actions.add_parser(
        "board",
        help=_("who is expected, present and missing, and which pairs and groups miss someone"),
    )
    board.add_argument("year", type=int, metavar=_("YEAR"), help=_("year of the edition"))
    board.set_defaults(handler=run_board)

    repair = actions.add_parser(
        "repair",
        help=_("repair the published plan for absent people, with the fewest changes"),
        description=_(
            "Print the changes the repair of the published plan makes when these people are "
            "absent. With --apply, mark them absent, save the result as a new plan version, "
            "publish it and tell the people whose day changed. Exit code 2 when there is no "
            "published plan, a ref is unknown, or the repair would break a hard rule."
        ),
    )
    repair.add_argument("year", type=int, metavar=_("YEAR"), help=_("year of the edition"))
    repair.add_argument(
        "--absent", nargs="+", required=True, metavar=_("REF"), help=_("refs of the absent")
    )
    repair.add_argument(
        "--apply", action="store_true", help=_("save, publish and tell; without it, only print")
    )
    repair.set_defaults(handler=run_repair)

    lunch = actions.add_parser(
        "lunch",
        help=_("the lunch headcount with totals per diet, and the caterer's PDF"),
        description=_(
            "Count the meals: by default everyone expected (for the caterer's deadline), with "
            "--present everyone who arrived. Diets are read from what people wrote; what is not "
            "recognised is listed as written."
        ),
    )
    lunch.add_argument("year", type=int, metavar=_("YEAR"), help=_("year of the edition"))
    lunch.add_argument("--present", action="store_true", help=_("count who arrived"))
    lunch.add_argument(
        "--pdf", type=Path, metavar=_("FILE"), help=_("also write the caterer's page as PDF")
    )
    lunch.set_defaults(handler=run_lunch)
    _register_reprint(actions)


def _register_reprint(actions: Subcommands) -> None:
    reprint = actions.add_parser(
        "reprint",
        help=_("after a repair: the desk slip and only the changed door signs and group sheets"),
        description=_(
            "Compare the published plan (or --version) with the version it was made from and "
            "write into DIR the desk slip (who to tell what) and, when any changed, the door "
            "signs and group sheets to print again. Exit code 2 when there is nothing to compare."
        ),
    )
    reprint.add_argument("year", type=int, metavar=_("YEAR"), help=_("year of the edition"))
    reprint.add_argument("out", type=Path, metavar=_("DIR"), help=_("folder to write the PDFs to"))
    reprint.add_argument("--version", type=int, metavar=_("N"), help=_("plan version"))
    reprint.set_defaults(handler=run_reprint)

    _day_debriefing.register(actions)


def run_checkin(args: argparse.Namespace) -> int:
    from ontmoeting.dayof.checkin import DeskError, tap
    from ontmoeting.dayof.models import DeskActionKind

    edition = edition_of_year(args.year)
    if edition is None:
        return EXIT_BAD_INPUT
    kind = (
        DeskActionKind.LEAVE
        if args.leave
        else DeskActionKind.UNDO
        if args.undo
        else DeskActionKind.ARRIVE
    )
    by_ref = dict(edition.participants.filter(ref__in=args.refs).values_list("ref", "pk"))
    failed = False
    for ref in args.refs:
        if ref not in by_ref:
            print(_("%(ref)s: nobody in this edition has this ref") % {"ref": ref})
            failed = True
            continue
        try:
            result = tap(edition, participant_id=by_ref[ref], kind=kind, actor="cli")
        except DeskError as exc:
            print(f"{ref}: {exc}")
            failed = True
            continue
        name = result.participant.person.full_name
        state = _("done") if result.outcome == "done" else _("nothing to do")
        print(
            _("%(ref)s %(name)s: %(action)s — %(state)s")
            % {"ref": ref, "name": name, "action": DeskActionKind(kind).label, "state": state}
        )
    return EXIT_BAD_INPUT if failed else EXIT_OK


def run_board(args: argparse.Namespace) -> int:
    from ontmoeting.dayof.board import board

    edition = edition_of_year(args.year)
    if edition is None:
        return EXIT_BAD_INPUT
    now = board(edition)
    print(_("%(edition)s at %(time)s") % {"edition": edition, "time": f"{now.at:%H:%M}"})
    for role in now.roles:
        print(
            _("  %(role)s: %(expected)d expected, %(present)d present, %(missing)d missing")
            % {
                "role": role.label,
                "expected": role.expected,
                "present": role.present,
                "missing": len(role.missing),
            }
        )
        for person in role.missing:
            print(f"    {person.ref} {person.person.full_name}")
    for title, rows in (
        (_("Pairs missing someone:"), now.pairs),
        (_("Groups missing someone:"), now.groups),
    ):
        if rows:
            print(title)
            for row in rows:
                missing = ", ".join(p.ref for p in row.missing)
                print(f"  {row.what} ({row.room or '—'}): {missing}")
    return EXIT_OK


def run_lunch(args: argparse.Namespace) -> int:
    from django.utils.translation import get_language

    from ontmoeting.dayof.lunch import lunch_count, lunch_pdf

    edition = edition_of_year(args.year)
    if edition is None:
        return EXIT_BAD_INPUT
    count = lunch_count(edition, source="present" if args.present else "planned")
    print(_("%(edition)s: %(n)d meals") % {"edition": edition, "n": count.total})
    print(_("  without a special diet: %(n)d") % {"n": count.standard})
    for name, n in count.diets:
        print(f"  {name}: {n}")
    for text, n in count.other:
        print(_("  as written: %(text)s (%(n)d)") % {"text": text, "n": n})
    if args.pdf:
        args.pdf.write_bytes(lunch_pdf(count, language=get_language() or "nl"))
        print(_("Wrote %(file)s.") % {"file": args.pdf})
    return EXIT_OK


def run_repair(args: argparse.Namespace) -> int:
    from ontmoeting.dayof.repair import CannotRepair, apply_repair, propose_repair

    edition = edition_of_year(args.year)
    if edition is None:
        return EXIT_BAD_INPUT
    absent = list(edition.participants.filter(ref__in=args.absent).select_related("person"))
    unknown = sorted(set(args.absent) - {p.ref for p in absent})
    if unknown:
        print(_("Nobody in this edition has the ref(s): %(refs)s") % {"refs": ", ".join(unknown)})
        return EXIT_BAD_INPUT
    try:
        proposal = propose_repair(edition, absent=absent)
        for text in dict.fromkeys(text for _ref, text in proposal.sentences):
            print(f"  {text}")
        for problem in proposal.problems:
            print(_("  breaks a hard rule: %(problem)s") % {"problem": problem})
        if not args.apply:
            print(_("Nothing was changed; add --apply to save, publish and tell."))
            return EXIT_OK if proposal.feasible else EXIT_BAD_INPUT
        plan = apply_repair(edition, absent=absent, actor="cli")
    except CannotRepair as exc:
        print(exc)
        return EXIT_BAD_INPUT
    print(
        _("Version %(v)s is published; the people whose day changed are told.")
        % {"v": plan.version}
    )
    return EXIT_OK


def run_reprint(args: argparse.Namespace) -> int:
    from django.utils.translation import get_language

    from ontmoeting.dayof.reprint import (
        NothingToReprint,
        changes_on_paper,
        door_signs_pdf,
        group_sheets_pdf,
        slip_pdf,
    )

    edition = edition_of_year(args.year)
    if edition is None:
        return EXIT_BAD_INPUT
    try:
        changes = changes_on_paper(edition, version=args.version)
    except NothingToReprint as exc:
        print(exc)
        return EXIT_BAD_INPUT
    language = get_language() or "nl"
    args.out.mkdir(parents=True, exist_ok=True)
    files = {"desk-slip.pdf": slip_pdf(changes, language=language)}
    if changes.signs:
        files["door-signs.pdf"] = door_signs_pdf(changes, language=language)
    if changes.sheets:
        files["group-sheets.pdf"] = group_sheets_pdf(changes, language=language)
    for line in changes.slip:
        print(f"  {line.participant.ref} {line.participant.person.full_name}")
    print(
        _("Door signs to print again:"), ", ".join(s.room.name for s in changes.signs) or _("none")
    )
    print(
        _("Group sheets to print again:"),
        ", ".join(s.group.name for s in changes.sheets) or _("none"),
    )
    for name, content in files.items():
        (args.out / name).write_bytes(content)
        print(_("Wrote %(file)s.") % {"file": args.out / name})
    return EXIT_OK
