"""``ontmoeting day debriefing``: list the class groups' debriefing sessions, or schedule one."""

from __future__ import annotations

import argparse
import datetime as dt
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from ontmoeting.commands import EXIT_BAD_INPUT, EXIT_OK
from ontmoeting.commands._editions import edition_of_year
from ontmoeting.commands._parsing import Subcommands

if TYPE_CHECKING:
    from ontmoeting.editions.models import Edition

#: The options that schedule a session; with --class-group, the first three are needed.
SCHEDULE = ("date", "start", "end")


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("%(value)s is not a date like 2026-12-10 (YYYY-MM-DD).") % {"value": text}
        ) from None


def _time(text: str) -> dt.time:
    try:
        return dt.datetime.strptime(text, "%H:%M").time()
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("%(value)s is not a time like 14:00 (HH:MM).") % {"value": text}
        ) from None


def register(actions: Subcommands) -> None:
    debriefing = actions.add_parser(
        "debriefing",
        help=_("the students' debriefing sessions after the day, one per class group"),
        description=_(
            "Without --class-group, list every class group with its debriefing session and how "
            "many attended. With --class-group, --date, --start and --end, schedule that class "
            "group's session (or change it), in --room (a room of the venue) or --place. Exit "
            "code 2 when the schedule is refused (before the day, a room already taken, …)."
        ),
    )
    debriefing.add_argument("year", type=int, metavar=_("YEAR"), help=_("year of the edition"))
    debriefing.add_argument(
        "--class-group", metavar=_("GROUP"), help=_("the class group to schedule")
    )
    debriefing.add_argument(
        "--date", type=_date, metavar=_("DATE"), help=_("the session's date, as YYYY-MM-DD")
    )
    debriefing.add_argument(
        "--start", type=_time, metavar=_("TIME"), help=_("when it starts, as HH:MM")
    )
    debriefing.add_argument(
        "--end", type=_time, metavar=_("TIME"), help=_("when it ends, as HH:MM")
    )
    where = debriefing.add_mutually_exclusive_group()
    where.add_argument("--room", metavar=_("NAME"), help=_("a room of the edition's venue"))
    where.add_argument("--place", metavar=_("PLACE"), help=_("another place, as written"))
    debriefing.add_argument("--lecturer", metavar=_("NAME"), help=_("who leads the session"))
    debriefing.set_defaults(handler=run_debriefing)


def run_debriefing(args: argparse.Namespace) -> int:
    edition = edition_of_year(args.year)
    if edition is None:
        return EXIT_BAD_INPUT
    if args.class_group is None:
        return _list(edition)
    missing = [f"--{name}" for name in SCHEDULE if getattr(args, name) is None]
    if missing:
        print(_("To schedule a session, also give: %(options)s") % {"options": " ".join(missing)})
        return EXIT_BAD_INPUT
    return _schedule(edition, args)


def _list(edition: Edition) -> int:
    from ontmoeting.dayof.debriefing import class_groups

    rows = class_groups(edition)
    if not rows:
        print(_("No student of this edition has a class group yet."))
    for row in rows:
        session = row.session
        if session is None:
            print(_("%(group)s: no session yet") % {"group": row.class_group})
            continue
        text = (
            _(
                "%(group)s: %(date)s %(starts)s–%(ends)s, %(where)s — %(attended)s of %(students)s attended"
            )
            if row.recorded
            else _(
                "%(group)s: %(date)s %(starts)s–%(ends)s, %(where)s — attendance not recorded yet"
            )
        )
        print(
            text
            % {
                "group": row.class_group,
                "date": session.date.isoformat(),
                "starts": f"{session.starts:%H:%M}",
                "ends": f"{session.ends:%H:%M}",
                "where": session.where,
                "attended": row.attended,
                "students": row.students,
            }
        )
    return EXIT_OK


def _schedule(edition: Edition, args: argparse.Namespace) -> int:
    from django.core.exceptions import ValidationError

    from ontmoeting.dayof.debriefing import schedule_session
    from ontmoeting.dayof.models import DebriefingSession
    from ontmoeting.editions.models import Room

    session = DebriefingSession.objects.filter(
        edition=edition, class_group=args.class_group
    ).first()
    # A change keeps what it does not name: the place, the lecturer and the note.
    room, place = (session.room, session.place) if session else (None, "")
    if args.room:
        rooms = Room.objects.filter(venue=edition.venue) if edition.venue else Room.objects.none()
        room = rooms.filter(name__iexact=args.room).first()
        if room is None:
            print(_("The edition's venue has no room called %(room)s.") % {"room": args.room})
            return EXIT_BAD_INPUT
    elif args.place is not None:
        room, place = None, args.place
    lecturer = session.lecturer if session else ""
    try:
        session = schedule_session(
            edition=edition,
            class_group=args.class_group,
            date=args.date,
            starts=args.start,
            ends=args.end,
            room=room,
            place=place,
            lecturer=lecturer if args.lecturer is None else args.lecturer,
            note=session.note if session else "",
            actor="cli",
            session=session,
        )
    except ValidationError as exc:
        for message in exc.messages:
            print(message)
        return EXIT_BAD_INPUT
    print(
        _("Class group %(group)s: debriefing on %(date)s %(starts)s–%(ends)s, %(where)s.")
        % {
            "group": session.class_group,
            "date": session.date.isoformat(),
            "starts": f"{session.starts:%H:%M}",
            "ends": f"{session.ends:%H:%M}",
            "where": session.where,
        }
    )
    return EXIT_OK
