"""``ontmoeting export survey|codebook|covariates YEAR``: the research data of an edition.

The de-identified profile is the default. ``--profile identified`` (names and emails joined
from the vault) needs ``--reason`` and is recorded in the audit log.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from django.utils.translation import gettext as _

from ontmoeting.commands import EXIT_BAD_INPUT, EXIT_OK
from ontmoeting.commands._editions import edition_of_year
from ontmoeting.commands._parsing import Subcommands


def register(sub: Subcommands) -> None:
    export = sub.add_parser(
        "export",
        help=_("export the survey data of an edition (CSV, XLSX, SPSS .sav) and its codebook"),
        description=_(
            "Export research data. The default profile is de-identified: one row per respondent "
            "(waves linked by study code or by the self-made code of paper forms), named by a "
            "pseudonym made for this export only; edition year, subgroup labels and answers. "
            "Open answers are left out unless --open-answers is given (then masked)."
        ),
    )
    what = export.add_subparsers(dest="what", metavar=_("WHAT"), required=True)

    survey = what.add_parser(
        "survey",
        help=_("one row per study code: answers, scale scores and completion per wave"),
        description=_(
            "Write the survey data of the edition of YEAR. --format sav keeps variable and value "
            "labels for SPSS; --format xlsx adds a 'codebook' sheet."
        ),
    )
    survey.add_argument("year", type=int, metavar=_("YEAR"), help=_("the edition's year"))
    survey.add_argument(
        "--format", choices=["csv", "xlsx", "sav"], required=True, help=_("the file format")
    )
    survey.add_argument(
        "--out", type=Path, required=True, metavar=_("FILE"), help=_("file to write")
    )
    survey.add_argument(
        "--profile",
        choices=["deidentified", "identified"],
        default="deidentified",
        help=_(
            "deidentified: de-identified data, study codes only (the default); identified: "
            "names and emails joined (coordinators only, needs --reason)"
        ),
    )
    survey.add_argument(
        "--reason",
        default="",
        metavar=_("REASON"),
        help=_("why identified data is needed (audited)"),
    )
    survey.add_argument(
        "--audience", choices=["students", "experts"], default="students", help=_("whose answers")
    )
    survey.add_argument(
        "--language",
        choices=["nl", "en", "it"],
        default=None,
        help=_("language of the variable and value labels (default: the command's language)"),
    )
    survey.add_argument(
        "--open-answers",
        action="store_true",
        help=_(
            "include the open answers, masked (names, e-mails, phones, addresses); needs --reason"
        ),
    )
    survey.add_argument(
        "--linked",
        action="store_true",
        help=_("use the edition's stable pseudonyms, so files can be joined; needs --reason"),
    )
    survey.add_argument("--force", action="store_true", help=_("overwrite an existing file"))
    survey.set_defaults(handler=run_survey)

    codebook = what.add_parser(
        "codebook",
        help=_("the codebook: variable, label, type, values and labels, subscale, missing codes"),
    )
    codebook.add_argument("year", type=int, metavar=_("YEAR"), help=_("the edition's year"))
    codebook.add_argument(
        "--out",
        type=Path,
        required=True,
        metavar=_("FILE.xlsx|FILE.html"),
        help=_("file to write: .xlsx or .html"),
    )
    codebook.add_argument(
        "--audience", choices=["students", "experts"], default="students", help=_("whose answers")
    )
    codebook.add_argument(
        "--language",
        choices=["nl", "en", "it"],
        default=None,
        help=_("language of the codebook (default: the command's language)"),
    )
    codebook.add_argument(
        "--open-answers",
        action="store_true",
        help=_("also describe the open-answer variables of an export with --open-answers"),
    )
    codebook.add_argument("--force", action="store_true", help=_("overwrite an existing file"))
    codebook.set_defaults(handler=run_codebook)

    covariates = what.add_parser(
        "covariates",
        help=_(
            "label study codes with subgroups from the plan (expert's domain, newcomer/veteran)"
        ),
    )
    covariates.add_argument("year", type=int, metavar=_("YEAR"), help=_("the edition's year"))
    covariates.set_defaults(handler=run_covariates)


def _fail(message: str) -> int:
    print(message, file=sys.stderr)
    return EXIT_BAD_INPUT


def run_survey(args: argparse.Namespace) -> int:
    from django.core.exceptions import PermissionDenied, ValidationError

    from ontmoeting.surveys.exports.services import export_survey

    edition = edition_of_year(args.year, out=sys.stderr)
    if edition is None:
        return EXIT_BAD_INPUT
    if args.out.exists() and not args.force:
        return _fail(
            _("%(file)s exists already; use --force to overwrite it.") % {"file": args.out}
        )
    try:
        export_survey(
            edition=edition,
            fmt=args.format,
            actor="cli",
            target=args.out,
            audience=args.audience,
            profile=args.profile,
            reason=args.reason,
            language=args.language,
            open_answers=args.open_answers,
            linked=args.linked,
        )
    except (ValidationError, PermissionDenied) as exc:
        return _fail(" ".join(getattr(exc, "messages", [str(exc)])))
    wrote = (
        _("Wrote the identified survey data of %(year)s to %(file)s.")
        if args.profile == "identified"
        else _("Wrote the de-identified survey data of %(year)s to %(file)s.")
    )
    print(wrote % {"year": args.year, "file": args.out})
    return EXIT_OK


def run_codebook(args: argparse.Namespace) -> int:
    from ontmoeting.surveys.exports.services import export_codebook

    edition = edition_of_year(args.year, out=sys.stderr)
    if edition is None:
        return EXIT_BAD_INPUT
    fmt = args.out.suffix.lower().lstrip(".")
    if fmt not in {"xlsx", "html"}:
        return _fail(_("A codebook is written as .xlsx or .html."))
    if args.out.exists() and not args.force:
        return _fail(
            _("%(file)s exists already; use --force to overwrite it.") % {"file": args.out}
        )
    args.out.write_bytes(
        export_codebook(
            edition=edition,
            fmt=fmt,
            audience=args.audience,
            language=args.language,
            open_answers=args.open_answers,
        )
    )
    print(_("Wrote the codebook to %(file)s.") % {"file": args.out})
    return EXIT_OK


def run_covariates(args: argparse.Namespace) -> int:
    from ontmoeting.surveys.exports.covariates import attach_study_covariates

    edition = edition_of_year(args.year, out=sys.stderr)
    if edition is None:
        return EXIT_BAD_INPUT
    changed = attach_study_covariates(edition=edition, actor="cli")
    print(_("Subgroup labels updated on %(n)d study codes.") % {"n": changed})
    return EXIT_OK
