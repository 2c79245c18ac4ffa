"""``ontmoeting privacy purge|export|erase``: the GDPR lifecycle of people's data.

``purge`` applies the retention policy (``privacy/retention.py``); it is idempotent and safe to
run daily from cron or a systemd timer (docs/privacy.md).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

from ontmoeting.commands import EXIT_BAD_INPUT, EXIT_OK
from ontmoeting.commands._parsing import Subcommands


def _category_labels() -> dict[str, str]:
    return {
        "contact": _("name and contact details of people who did not return"),
        "messages": _("stored e-mails and letters past their retention"),
        "special_category": _("domains of experience and memberships without consent to keep"),
    }


def _erasure_labels() -> dict[str, str]:
    """What each count of an erasure (``privacy.subject.register_erasure``) stands for."""
    return {
        "messages": _("stored messages deleted"),
        "study_code_links": _("links between the person and their study codes removed"),
        "participations": _("participations emptied (role and status stay for the counts)"),
        "held_and_invitations": _("held registrations and personal invitations deleted"),
        "expert_profile": _("expert profile deleted, with domains and memberships"),
        "consents": _("consents deleted"),
        "links": _("personal access links deleted"),
        "person": _("name and contact details emptied"),
        "document_packs": _("kept document packs of their editions deleted"),
    }


def register(sub: Subcommands) -> None:
    privacy = sub.add_parser("privacy", help=_("retention purge, a person's data, erasure"))
    actions = privacy.add_subparsers(dest="action", metavar=_("ACTION"), required=True)
    purge = actions.add_parser(
        "purge",
        help=_("remove the personal data the retention policy no longer allows to keep"),
        description=_(
            "Apply the retention policy: remove the contact data of people who did not return "
            "within the retention period, the domains of experience and memberships of experts "
            "whose edition is over (unless their special-category consent covers longer), and "
            "old stored messages. Research answers stay under their study codes. Safe to run "
            "every day; a second run removes nothing."
        ),
    )
    purge.add_argument(
        "--dry-run", action="store_true", help=_("only say what would be removed; change nothing")
    )
    purge.set_defaults(handler=run_purge)
    register_person_commands(actions)


def run_purge(args: argparse.Namespace) -> int:
    from ontmoeting.privacy.retention import purge

    report = purge(actor="cli", dry_run=args.dry_run)
    labels = _category_labels()
    print(_("Would remove:") if report.dry_run else _("Removed:"))
    for category, count in report.counts.items():
        print(f"  {category}: {count} — {labels.get(category, category)}")
    if report.dry_run:
        print(_("Dry run: nothing was changed."))
    return EXIT_OK


def _add_person_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "reference",
        metavar=_("PERSON"),
        help=_("the person's e-mail address, or their participant reference with --year"),
    )
    parser.add_argument(
        "--year",
        type=int,
        default=None,
        metavar=_("YEAR"),
        help=_("the edition the participant reference is of"),
    )


def register_person_commands(actions: Any) -> None:
    export = actions.add_parser(
        "export",
        help=_("a copy of everything held on one person (JSON, HTML or PDF)"),
        description=_(
            "Write a copy of everything the app holds on one person: identity, expert profile, "
            "participations, survey answers under their study codes, messages, claims, "
            "consents and links. PERSON is an e-mail address, or a participant reference with "
            "--year. The read is audited."
        ),
    )
    _add_person_argument(export)
    export.add_argument(
        "--format", choices=["json", "html", "pdf"], default="json", help=_("json, html or pdf")
    )
    export.add_argument(
        "--out",
        type=Path,
        default=None,
        metavar=_("FILE"),
        help=_("file to write (default: print)"),
    )
    export.set_defaults(handler=run_export)
    erase = actions.add_parser(
        "erase",
        help=_("erase one person; research answers stay under their study codes only"),
        description=_(
            "Erase one person: name, contact details, expert profile, memberships, domains, "
            "consents, links, messages and held registrations; their participations are "
            "emptied and the link to their survey answers removed (the answers stay, "
            "pseudonymous). Claims stay as bookkeeping law requires. Needs --confirm."
        ),
    )
    _add_person_argument(erase)
    erase.add_argument("--confirm", action="store_true", help=_("yes, erase this person"))
    erase.set_defaults(handler=run_erase)


def _person(args: argparse.Namespace) -> Any:
    from ontmoeting.editions.subject import person_by_reference

    person = person_by_reference(args.reference, year=args.year)
    if person is None:
        if "@" not in args.reference and args.year is None:
            print(_("A participant reference needs --year (or give an e-mail address)."))
        else:
            print(_("No person found for %(ref)s.") % {"ref": args.reference})
    return person


def run_export(args: argparse.Namespace) -> int:
    import json

    from django.utils.translation import get_language

    from ontmoeting.documents.person_copy import person_copy_html, person_copy_pdf
    from ontmoeting.privacy.subject import person_copy

    person = _person(args)
    if person is None:
        return EXIT_BAD_INPUT
    copy = person_copy(person, actor="cli")
    language = get_language() or "nl"
    if args.format == "json":
        data: bytes = json.dumps(copy.as_json(), ensure_ascii=False, indent=2).encode()
    elif args.format == "html":
        data = person_copy_html(copy, language=language).encode()
    else:
        data = person_copy_pdf(copy, language=language)
    if args.out is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        args.out.write_bytes(data)
        print(_("Written to %(path)s.") % {"path": args.out})
    return EXIT_OK


def run_erase(args: argparse.Namespace) -> int:
    from ontmoeting.privacy.subject import erase_person

    if not args.confirm:
        print(_("Erasing cannot be undone: add --confirm to erase this person."))
        return EXIT_BAD_INPUT
    person = _person(args)
    if person is None:
        return EXIT_BAD_INPUT
    counts = erase_person(person, actor="cli")
    labels = _erasure_labels()
    print(_("Erased:"))
    for key, count in counts.items():
        print(f"  {key}: {count} — {labels.get(key, key)}")
    return EXIT_OK
