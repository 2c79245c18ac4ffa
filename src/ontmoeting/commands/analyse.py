"""``ontmoeting analyse paired|alpha FILE.csv``: the statistics of the reports on any table.

So that results can be checked against other software (R, SPSS, JASP), the same functions the
reports use run on a plain CSV (``,`` or ``;`` between columns). Exit 0 on success, 2 on a file
or column that cannot be used (with a message on stderr, nothing on stdout).
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

from ontmoeting.commands import EXIT_BAD_INPUT, EXIT_OK
from ontmoeting.commands._parsing import Subcommands


def register(sub: Subcommands) -> None:
    analyse = sub.add_parser(
        "analyse",
        help=_("paired t-test, Wilcoxon, effect sizes and Cronbach's alpha on a CSV file"),
        description=_(
            "Run the statistics of the evaluation report on any CSV file (',' or ';' between "
            "columns; with ';' a decimal comma is read). Rows with a missing value in a used "
            "column are dropped and counted."
        ),
    )
    what = analyse.add_subparsers(dest="analysis", metavar=_("ANALYSIS"), required=True)

    paired = what.add_parser(
        "paired",
        help=_("paired t-test, Wilcoxon signed-rank, d_z and d_av with confidence intervals"),
        description=_(
            "Compare two paired columns. Differences are PRE - POST (as R's "
            "t.test(pre, post, paired = TRUE)). Wilcoxon: zeros dropped; exact when fewer than "
            "50 pairs and no ties, otherwise the normal approximation with continuity "
            "correction (as R); W is R's V, the sum of the ranks of positive differences. "
            "d_z = mean difference / SD of differences (CI: noncentral t); d_av = mean "
            "difference / root mean of the two variances (CI: Algina-Keselman approximation)."
        ),
    )
    paired.add_argument("file", type=Path, metavar=_("FILE"), help=_("a CSV file"))
    paired.add_argument(
        "--pre", required=True, metavar=_("COL"), help=_("column of the pre scores")
    )
    paired.add_argument(
        "--post", required=True, metavar=_("COL"), help=_("column of the post scores")
    )
    paired.add_argument("--json", action="store_true", help=_("print JSON instead of a table"))
    paired.add_argument(
        "--confidence",
        type=float,
        default=0.95,
        metavar=_("LEVEL"),
        help=_("confidence level (default 0.95)"),
    )
    paired.set_defaults(handler=run_paired)

    alpha = what.add_parser(
        "alpha",
        help=_("Cronbach's alpha with a Feldt confidence interval and alpha-if-item-deleted"),
        description=_(
            "Cronbach's alpha of the named item columns (rows with any missing item dropped), "
            "its Feldt (1987) confidence interval and alpha if each item is deleted. "
            "Negatively worded items named with --reverse are first recoded as "
            "MIN + MAX - answer on the answer scale given with --scale MIN MAX, as in SPSS."
        ),
    )
    alpha.add_argument("file", type=Path, metavar=_("FILE"), help=_("a CSV file"))
    alpha.add_argument(
        "--items",
        required=True,
        metavar=_("COL,COL,..."),
        help=_("the item columns, comma-separated"),
    )
    alpha.add_argument(
        "--reverse",
        action="append",
        default=[],
        metavar=_("COL,COL,..."),
        help=_("reverse-key these columns of --items first (needs --scale)"),
    )
    alpha.add_argument(
        "--scale",
        nargs=2,
        type=float,
        metavar=(_("MIN"), _("MAX")),
        help=_(
            "the lowest and the highest answer of the items, e.g. --scale 1 5: a reversed "
            "answer is MIN + MAX - answer"
        ),
    )
    alpha.add_argument("--json", action="store_true", help=_("print JSON instead of a table"))
    alpha.add_argument(
        "--confidence",
        type=float,
        default=0.95,
        metavar=_("LEVEL"),
        help=_("confidence level (default 0.95)"),
    )
    alpha.set_defaults(handler=run_alpha)


def _clean(value: Any) -> Any:
    """JSON-safe: NaN and infinities become null."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_clean(v) for v in value]
    return value


def _fmt(value: float, digits: int = 4) -> str:
    return "—" if value is None or not math.isfinite(value) else f"{value:.{digits}f}"


def _fail(message: str) -> int:
    print(message, file=sys.stderr)
    return EXIT_BAD_INPUT


def _table_problem(error: Any) -> int:
    """The message of a ``TableError`` in the active language."""
    messages = {
        "not_found": _("File not found: %(file)s"),
        "unreadable": _("Cannot read %(file)s: %(error)s"),
        "empty": _("%(file)s is empty."),
        "not_csv": _("Cannot read %(file)s as CSV: %(error)s"),
        "no_column": _("Column(s) not found: %(missing)s; the file has: %(present)s"),
    }
    template = messages.get(error.kind)
    return _fail(template % error.params if template else str(error))


def _load(path: Path, columns: list[str]) -> Any:
    from ontmoeting.surveys.stats.tables import numeric_columns, read_table

    frame, sep = read_table(path)
    data = numeric_columns(frame, columns, sep=sep)
    for column, count in data.unreadable.items():
        if count:
            print(
                _("Note: %(n)d value(s) in column %(column)s are not numbers; treated as missing.")
                % {"n": count, "column": column},
                file=sys.stderr,
            )
    return data.frame


def _check_confidence(confidence: float) -> str | None:
    if not 0 < confidence < 1:
        return _("--confidence must lie between 0 and 1 (e.g. 0.95).")
    return None


def run_paired(args: argparse.Namespace) -> int:
    from ontmoeting.surveys.stats.paired import WILCOXON_EXACT, paired_analysis
    from ontmoeting.surveys.stats.tables import TableError

    if problem := _check_confidence(args.confidence):
        return _fail(problem)
    if args.pre == args.post:
        return _fail(_("--pre and --post name the same column."))
    try:
        frame = _load(args.file, [args.pre, args.post])
    except TableError as exc:
        return _table_problem(exc)
    result = paired_analysis(frame[args.pre], frame[args.post], confidence=args.confidence)
    if result.n < 2:
        return _fail(
            _(
                "Need at least 2 complete pairs; found %(n)d "
                "(%(dropped)d row(s) with a missing value dropped)."
            )
            % {"n": result.n, "dropped": result.n_dropped}
        )
    if args.json:
        print(json.dumps(_clean(result.as_dict()), ensure_ascii=False))
        return EXIT_OK
    ci = _("%(level)s CI") % {"level": f"{args.confidence:.0%}"}
    wilcoxon = (
        _("exact")
        if result.wilcoxon_method == WILCOXON_EXACT
        else _("normal approximation with continuity correction")
    )
    rows = [
        (
            _("pairs used"),
            _("n = %(n)d  (dropped with a missing value: %(dropped)d)")
            % {"n": result.n, "dropped": result.n_dropped},
        ),
        (_("mean pre / post"), f"{_fmt(result.mean_pre)} / {_fmt(result.mean_post)}"),
        (
            _("mean difference"),
            f"{_fmt(result.mean_diff)}  {ci} "
            f"[{_fmt(result.mean_diff_ci[0])}, {_fmt(result.mean_diff_ci[1])}]",
        ),
        (
            _("paired t-test"),
            f"t = {_fmt(result.t)}, df = {result.df}, p = {_fmt(result.p, 6)}",
        ),
        (
            "Wilcoxon",
            f"V = {_fmt(result.wilcoxon_w, 1)}, p = {_fmt(result.wilcoxon_p, 6)}  ({wilcoxon})",
        ),
        (
            "d_z",
            f"{_fmt(result.d_z)}  {ci} [{_fmt(result.d_z_ci[0])}, {_fmt(result.d_z_ci[1])}]  "
            f"({_('noncentral t')})",
        ),
        (
            "d_av",
            f"{_fmt(result.d_av)}  {ci} [{_fmt(result.d_av_ci[0])}, {_fmt(result.d_av_ci[1])}]"
            "  (Algina–Keselman)",
        ),
    ]
    width = max(len(label) for label, _value in rows)
    lines = [
        _("Paired comparison of %(pre)s (pre) and %(post)s (post); differences are pre − post")
        % {"pre": args.pre, "post": args.post},
        *(f"  {label:<{width}}  {value}" for label, value in rows),
    ]
    print("\n".join(lines))
    return EXIT_OK


def _columns(text: str) -> list[str]:
    return [c.strip() for c in text.split(",") if c.strip()]


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def _reverse_problem(args: argparse.Namespace, items: list[str]) -> str | None:
    """Why ``--reverse``/``--scale`` cannot be used with these ``items``, or None."""
    reverse = [c for text in args.reverse for c in _columns(text)]
    stray = [c for c in reverse if c not in items]
    if stray:
        return _("--reverse names column(s) that are not in --items: %(columns)s") % {
            "columns": ", ".join(stray)
        }
    if args.scale is not None:
        low, high = args.scale
        if not (math.isfinite(low) and math.isfinite(high) and low < high):
            return _("--scale takes the lowest answer first, then the highest: e.g. --scale 1 5")
    return None


def _scale_problem(frame: Any, reverse: list[str], scale: tuple[float, float] | None) -> str | None:
    """The answer scale is needed to reverse and must hold every answer of the reversed items."""
    if not reverse:
        return None
    values = frame[reverse].stack()
    if scale is None:
        seen = (
            _("the answers in these columns run from %(low)s to %(high)s")
            % {"low": _number(values.min()), "high": _number(values.max())}
            if len(values)
            else _("these columns hold no answers")
        )
        return _(
            "--reverse needs the answer scale of the items: add --scale MIN MAX "
            "(e.g. --scale 1 5; %(seen)s)."
        ) % {"seen": seen}
    low, high = scale
    outside = values[(values < low) | (values > high)]
    if len(outside):
        return _("An answer (%(value)s) lies outside the scale %(low)s to %(high)s.") % {
            "value": _number(outside.iloc[0]),
            "low": _number(low),
            "high": _number(high),
        }
    return None


def run_alpha(args: argparse.Namespace) -> int:
    from ontmoeting.surveys.stats.reliability import cronbach_alpha
    from ontmoeting.surveys.stats.tables import TableError

    if problem := _check_confidence(args.confidence):
        return _fail(problem)
    items = _columns(args.items)
    if len(items) < 2:
        return _fail(_("--items needs at least two columns, e.g. --items q1,q2,q3"))
    if len(set(items)) != len(items):
        return _fail(_("--items names a column twice."))
    if problem := _reverse_problem(args, items):
        return _fail(problem)
    reverse = list(dict.fromkeys(c for text in args.reverse for c in _columns(text)))
    scale = (args.scale[0], args.scale[1]) if args.scale is not None else None
    try:
        frame = _load(args.file, items)
    except TableError as exc:
        return _table_problem(exc)
    if problem := _scale_problem(frame, reverse, scale):
        return _fail(problem)
    result = cronbach_alpha(
        frame, confidence=args.confidence, reverse=reverse, scale=scale if reverse else None
    )
    if result.n < 2 or not math.isfinite(result.alpha):
        return _fail(
            _("Cannot compute alpha: %(n)d complete rows and no variance in the total.")
            % {"n": result.n}
            if result.n >= 2
            else _("Need at least 2 complete rows; found %(n)d.") % {"n": result.n}
        )
    if args.json:
        print(json.dumps(_clean(result.as_dict()), ensure_ascii=False))
        return EXIT_OK
    ci = _("%(level)s CI") % {"level": f"{args.confidence:.0%}"}
    lines = [
        _("Cronbach's alpha of %(k)d items over %(n)d complete rows (%(dropped)d dropped)")
        % {"k": result.k, "n": result.n, "dropped": len(frame) - result.n},
        f"  alpha  {_fmt(result.alpha)}  {ci} [{_fmt(result.ci[0])}, {_fmt(result.ci[1])}]"
        "  (Feldt 1987)",
    ]
    if result.reversed_items and result.scale is not None:
        lines.insert(
            1,
            "  "
            + _("reverse-keyed as %(low)s + %(high)s - answer: %(items)s")
            % {
                "low": _number(result.scale[0]),
                "high": _number(result.scale[1]),
                "items": ", ".join(result.reversed_items),
            },
        )
    if result.if_deleted:
        lines.append("  " + _("alpha if item deleted:"))
        width = max(len(c) for c in result.if_deleted)
        lines.extend(
            f"    {column:<{width}}  {_fmt(value)}" for column, value in result.if_deleted.items()
        )
    print("\n".join(lines))
    return EXIT_OK
