"""``ontmoeting api-token create|list|revoke``: personal tokens of the JSON API.

Run on the server by whoever may manage it: ``create`` makes a token for the named staff user
(only scopes their role allows) and prints it once; ``list`` shows tokens (never their secret);
``revoke`` ends one by its prefix. Making and revoking are audited (by 'cli').
"""

from __future__ import annotations

import argparse

from django.utils.translation import gettext as _

from ontmoeting.commands import EXIT_BAD_INPUT, EXIT_OK
from ontmoeting.commands._parsing import Subcommands


def register(sub: Subcommands) -> None:
    tokens = sub.add_parser("api-token", help=_("personal tokens of the JSON API"))
    actions = tokens.add_subparsers(dest="action", metavar=_("ACTION"), required=True)
    create = actions.add_parser(
        "create",
        help=_("make a token for a staff user and print it (shown once)"),
        description=_(
            "Make an API token for USERNAME with the given scopes (each must be allowed by "
            "their role) and print it. It is shown only this once; only its hash is kept."
        ),
    )
    create.add_argument("username", metavar=_("USERNAME"), help=_("the staff user"))
    create.add_argument(
        "--name", required=True, metavar=_("NAME"), help=_("what the token is for")
    )
    create.add_argument(
        "--scope",
        action="append",
        required=True,
        metavar=_("SCOPE"),
        help=_("a scope, e.g. read:editions (repeat for more)"),
    )
    create.add_argument(
        "--days", type=int, default=90, metavar="N", help=_("days it is valid (default 90)")
    )
    create.set_defaults(handler=run_create)
    listing = actions.add_parser("list", help=_("list the tokens (never their secret)"))
    listing.add_argument(
        "username", nargs="?", metavar=_("USERNAME"), help=_("only this user's tokens")
    )
    listing.set_defaults(handler=run_list)
    revoke = actions.add_parser("revoke", help=_("revoke a token by its prefix"))
    revoke.add_argument("prefix", metavar=_("PREFIX"), help=_("the part after ont_ and before _"))
    revoke.set_defaults(handler=run_revoke)


def run_create(args: argparse.Namespace) -> int:
    from django.contrib.auth.models import User
    from django.core.exceptions import ValidationError

    from ontmoeting.privacy.api_tokens import create_token

    user = User.objects.filter(username=args.username).first()
    if user is None:
        print(_("No staff user %(name)s.") % {"name": args.username})
        return EXIT_BAD_INPUT
    try:
        made = create_token(user, name=args.name, scopes=args.scope, days=args.days, actor="cli")
    except ValidationError as error:
        print(" ".join(error.messages))
        return EXIT_BAD_INPUT
    print(made.text)
    return EXIT_OK


def run_list(args: argparse.Namespace) -> int:
    from ontmoeting.privacy.api_tokens import all_tokens, is_active

    tokens = all_tokens()
    if args.username:
        tokens = tokens.filter(user__username=args.username)
    for token in tokens:
        state = _("active") if is_active(token) else _("revoked or expired")
        used = token.last_used.isoformat(timespec="minutes") if token.last_used else "—"
        print(
            f"ont_{token.prefix}\t{token.user.get_username()}\t{token.name}\t"
            f"{','.join(token.scopes)}\t{token.expires.date().isoformat()}\t{used}\t{state}"
        )
    return EXIT_OK


def run_revoke(args: argparse.Namespace) -> int:
    from ontmoeting.privacy.api_tokens import revoke_token, token_by_prefix

    prefix = args.prefix.removeprefix("ont_").split("_")[0]
    token = token_by_prefix(prefix)
    if token is None:
        print(_("No token with prefix %(prefix)s.") % {"prefix": prefix})
        return EXIT_BAD_INPUT
    if revoke_token(token, actor="cli"):
        print(_("Revoked %(name)s.") % {"name": token.name})
    else:
        print(_("%(name)s was revoked already.") % {"name": token.name})
    return EXIT_OK
