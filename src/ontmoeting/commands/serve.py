"""``ontmoeting serve``: the production web server (gunicorn), static files by WhiteNoise.

It collects the static files into ``STATIC_ROOT`` first (WhiteNoise serves them from there), loads
the application once (``settings.WSGI_APPLICATION``: in production it refuses to start when a
deployment check fails) and forks the web workers. SIGTERM or SIGINT stop it gracefully (running
requests finish within the graceful timeout); SIGHUP starts fresh workers. Logging follows
``settings.LOGGING`` (plain, or JSON lines with ``ONTMOETING_LOG_FORMAT=json``).

``--with-worker`` also runs one ``ontmoeting worker`` beside it and stops it with the server:
what ``make demo`` does. A deployment runs the worker as a service of its own (docs/deploy.md).
"""

from __future__ import annotations

import argparse
import copy
import os
import signal
import subprocess  # nosec B404
import sys
from typing import Any

from django.utils.translation import gettext as _

from ontmoeting.commands import EXIT_OK
from ontmoeting.commands._parsing import Subcommands

#: The access log in plain text: no client address, no user agent, no query string (links may
#: carry tokens there); JSON lines take the same fields (config/logging.py).
ACCESS_LOG_FORMAT = '"%(m)s %(U)s" %(s)s %(b)s %(M)sms'
#: Seconds a stopping worker (web or task) gets to finish what it does.
GRACEFUL_SECONDS = 30
#: The most web workers the default gives (each holds the whole application in memory).
MAX_DEFAULT_WORKERS = 8


def default_workers() -> int:
    """``WEB_CONCURRENCY`` when set, else two per processor plus one, at most eight."""
    from_env = os.environ.get("WEB_CONCURRENCY", "")
    if from_env.isdigit() and int(from_env) > 0:
        return int(from_env)
    return min(2 * (os.cpu_count() or 1) + 1, MAX_DEFAULT_WORKERS)


def register(sub: Subcommands) -> None:
    serve = sub.add_parser(
        "serve",
        help=_("run the web server (gunicorn)"),
        description=_(
            "Run the web application with gunicorn, a production web server: it collects the "
            "static files first and serves them itself. Put a reverse proxy with TLS in front "
            "of it and run 'ontmoeting worker' beside it (docs/deploy.md). SIGTERM stops it "
            "gracefully; SIGHUP starts fresh web workers."
        ),
    )
    serve.add_argument(
        "--bind",
        default="127.0.0.1:8000",
        metavar=_("ADDRESS"),
        help=_("address and port to listen on, or unix:PATH (default 127.0.0.1:8000)"),
    )
    serve.add_argument(
        "--workers",
        type=int,
        default=None,
        metavar="N",
        help=_(
            "web worker processes (default WEB_CONCURRENCY, else 2 per processor + 1, at most 8)"
        ),
    )
    serve.add_argument(
        "--threads",
        type=int,
        default=1,
        metavar="N",
        help=_("threads per web worker (default 1)"),
    )
    serve.add_argument(
        "--timeout",
        type=int,
        default=60,
        metavar=_("SECONDS"),
        help=_("restart a web worker silent for this long (default 60)"),
    )
    serve.add_argument(
        "--access-log",
        action="store_true",
        help=_("log every request (method, path, status, duration; no addresses)"),
    )
    serve.add_argument(
        "--no-collectstatic",
        action="store_true",
        help=_("do not collect the static files first (they were collected already)"),
    )
    serve.add_argument(
        "--with-worker",
        action="store_true",
        help=_("also run one task worker, stopped with the server (for the demo)"),
    )
    serve.set_defaults(handler=run_serve)


def gunicorn_options(args: argparse.Namespace) -> dict[str, Any]:
    """gunicorn's settings for the command's arguments."""
    from django.conf import settings

    logconfig = copy.deepcopy(settings.LOGGING)
    # gunicorn logs every request once it is handed a logging configuration: without
    # --access-log those lines stay below the level its logger writes.
    logconfig.setdefault("loggers", {})["gunicorn.access"] = {
        "handlers": ["server"] if args.access_log else [],
        "level": "INFO" if args.access_log else "WARNING",
        "propagate": False,
    }
    options: dict[str, Any] = {
        "bind": [args.bind],
        "workers": args.workers or default_workers(),
        "threads": args.threads,
        "worker_class": "gthread" if args.threads > 1 else "sync",
        "timeout": args.timeout,
        "graceful_timeout": GRACEFUL_SECONDS,
        "keepalive": 5,
        # A fresh worker now and then keeps a slow leak from growing (spread, not all at once).
        "max_requests": 1000,
        "max_requests_jitter": 100,
        # Load once, then fork: a failed deployment check stops the server at once.
        "preload_app": True,
        "proc_name": "ontmoeting",
        # Managed by signals (systemd), not by a control socket in the home directory.
        "control_socket_disable": True,
        "logconfig_dict": logconfig,
        "access_log_format": ACCESS_LOG_FORMAT,
    }
    if settings.ONTMOETING_TRUSTED_PROXIES:
        options["forwarded_allow_ips"] = ",".join(settings.ONTMOETING_TRUSTED_PROXIES)
    return options


def _application(options: dict[str, Any]) -> Any:
    from gunicorn.app.base import BaseApplication  # type: ignore[import-untyped]

    class Server(BaseApplication):  # type: ignore[misc]
        def load_config(self) -> None:
            for key, value in options.items():
                self.cfg.set(key, value)

        def load(self) -> Any:
            from django.core.servers.basehttp import get_internal_wsgi_application
            from django.db import connections
            from django.urls import get_resolver

            application = get_internal_wsgi_application()
            # Import every view once, here: the forked workers share it and answer at once.
            get_resolver().url_patterns  # noqa: B018
            connections.close_all()  # no connection is shared with the forked workers
            return application

    return Server()


def _start_task_worker() -> subprocess.Popen[bytes]:
    """``ontmoeting worker`` in a process of its own, with this one's Python and settings."""
    code = "import sys; from ontmoeting.cli import main; sys.exit(main(sys.argv[1:]))"
    # A fixed command: this Python and our own entry point, no shell, no user input.
    return subprocess.Popen([sys.executable, "-c", code, "worker"])  # nosec B603


def _stop(process: subprocess.Popen[bytes]) -> None:
    """Stop the task worker: a Ctrl-C reached it with the server, so give it a moment to end by
    itself (a second signal would stop its running task at once), then SIGTERM, then SIGKILL."""
    try:
        process.wait(timeout=5)
        return
    except subprocess.TimeoutExpired:
        pass
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=GRACEFUL_SECONDS)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def run_serve(args: argparse.Namespace) -> int:
    from django.core.management import call_command

    if not args.no_collectstatic:
        call_command("collectstatic", interactive=False, verbosity=0)
    server = _application(gunicorn_options(args))
    arbiter = os.getpid()
    task_worker = _start_task_worker() if args.with_worker else None
    try:
        server.run()
    except SystemExit as stopped:  # gunicorn ends with sys.exit, in its arbiter and its workers
        if os.getpid() != arbiter:
            raise  # a forked web worker leaves as gunicorn says
        return stopped.code if isinstance(stopped.code, int) else EXIT_OK
    finally:
        if task_worker is not None and os.getpid() == arbiter:
            _stop(task_worker)
    return EXIT_OK
