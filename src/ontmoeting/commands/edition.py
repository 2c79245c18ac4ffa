"""``ontmoeting edition`` — list editions, show one with its counts, move it in its lifecycle."""

from __future__ import annotations

import argparse

from ontmoeting.cli import EXIT_BAD_INPUT, EXIT_OK


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "edition",
        help="list editions, show one, or move one to its next status",
        description="List editions, show one edition's counts and experts, or change its status.",
    )
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    actions.add_parser("list", help="all editions, newest first").set_defaults(handler=list_)
    show = actions.add_parser("show", help="one edition: counts against targets, experts' standing")
    show.add_argument("year", type=int)
    show.set_defaults(handler=show_)
    advance = actions.add_parser(
        "status", help="move an edition to another status (only allowed transitions)"
    )
    advance.add_argument("year", type=int)
    advance.add_argument(
        "to",
        choices=["draft", "recruiting", "planned", "published", "held", "evaluated", "archived"],
    )
    advance.set_defaults(handler=status_)


def list_(args: argparse.Namespace) -> int:
    from ontmoeting.editions.selectors import edition_overview

    for edition in edition_overview():
        print(
            f"{edition.year}  {edition.date}  {edition.get_status_display():<12} "
            f"{edition.n_students:>4} / {edition.n_experts:>4}  {edition}"
        )
    return EXIT_OK


def _edition(year: int):  # type: ignore[no-untyped-def]
    from django.utils.translation import gettext as _

    from ontmoeting.editions.enums import Format
    from ontmoeting.editions.models import Edition

    edition = Edition.objects.filter(year=year, format=Format.ENCOUNTER_DAY).first()
    if edition is None:
        print(_("There is no encounter day in %(year)s.") % {"year": year})
    return edition


def show_(args: argparse.Namespace) -> int:
    from django.utils.translation import gettext as _

    from ontmoeting.editions.selectors import edition_counts, expert_standings

    edition = _edition(args.year)
    if edition is None:
        return EXIT_BAD_INPUT
    counts = edition_counts(edition)
    print(f"{edition} — {edition.date} — {edition.get_status_display()}")
    print(
        _("Students: %(n)s (target %(t)s pairs)") % {"n": counts.students, "t": counts.target_pairs}
    )
    print(
        _(
            "Experts: %(n)s, eligible %(e)s, veterans %(v)s, newcomers %(c)s (%(share).0f%%; target %(target).0f%%)"
        )
        % {
            "n": counts.experts,
            "e": counts.eligible_experts,
            "v": counts.veteran_experts,
            "c": counts.newcomer_experts,
            "share": 100 * counts.newcomer_share,
            "target": 100 * counts.target_newcomer_share,
        }
    )
    for standing in expert_standings(edition):
        if not standing.eligibility.eligible:
            print(
                _("  not eligible: %(ref)s %(name)s — %(reason)s")
                % {
                    "ref": standing.participant.ref,
                    "name": standing.participant.person.full_name,
                    "reason": standing.eligibility.reason,
                }
            )
    return EXIT_OK


def status_(args: argparse.Namespace) -> int:
    from django.core.exceptions import ValidationError

    from ontmoeting.editions.services import transition_edition

    edition = _edition(args.year)
    if edition is None:
        return EXIT_BAD_INPUT
    try:
        transition_edition(edition, to=args.to, actor="cli")
    except ValidationError as error:
        print(" ".join(error.messages))
        return EXIT_BAD_INPUT
    print(f"{edition}: {edition.get_status_display()}")
    return EXIT_OK
