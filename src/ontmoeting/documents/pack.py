"""All documents of an edition: each kind on its own, or the whole pack as one ZIP."""

from __future__ import annotations

import io
import multiprocessing
import os
import signal
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from ontmoeting.documents import sheets
from ontmoeting.documents.ics import day_ics, edition_ics
from ontmoeting.documents.pdf import Source, render_html, split_pdf, warm_up
from ontmoeting.documents.personal import (
    PersonalDay,
    build_day,
    card_html,
    document_language,
)
from ontmoeting.documents.selectors import EditionData, documents_plan, edition_data
from ontmoeting.documents.sheets import ROLE_ORDER
from ontmoeting.editions.models import Edition, Participant
from ontmoeting.planning.models import Plan
from ontmoeting.privacy.audit import Actor, record

PDF = "application/pdf"
ICS = "text/calendar; charset=utf-8"
ZIP = "application/zip"


class NoPlan(ValueError):
    """The edition has no published plan (or not the version asked for)."""


@dataclass(frozen=True)
class Kind:
    """One kind of document in the pack."""

    code: str
    filename: str
    label: Any
    help: Any
    content_type: str


KINDS: dict[str, Kind] = {
    k.code: k
    for k in (
        Kind(
            "schedule_cards",
            "schedule-cards.pdf",
            _("Schedule cards"),
            _("One page per person: their day, partner, room and group."),
            PDF,
        ),
        Kind(
            "badges",
            "badges.pdf",
            _("Name badges"),
            _("A4 sheets of eight badges with a check-in QR code and cut marks."),
            PDF,
        ),
        Kind(
            "door_signs",
            "door-signs.pdf",
            _("Door signs"),
            _("One sign per room: what happens there and whether it is step-free."),
            PDF,
        ),
        Kind(
            "chair_sheets",
            "group-sheets.pdf",
            _("Group sheets for the chairs"),
            _("One page per afternoon group with its members."),
            PDF,
        ),
        Kind(
            "attendance",
            "attendance.pdf",
            _("Attendance lists"),
            _("Per role, with a box to tick and a column to sign."),
            PDF,
        ),
        Kind(
            "calendar",
            "programme.ics",
            _("Programme calendar"),
            _("The programme of the day for a calendar app (ICS)."),
            ICS,
        ),
    )
}


def load(edition: Edition, *, version: int | None = None) -> EditionData:
    """The data of the edition's published plan (or plan ``version``); NoPlan when missing."""
    plan = documents_plan(edition, version=version)
    if plan is None:
        if version is not None:
            raise NoPlan(
                _("Edition %(year)s has no plan version %(v)s.")
                % {"year": edition.year, "v": version}
            )
        raise NoPlan(
            _(
                "Edition %(year)s has no published plan yet. Publish a plan first, or choose a "
                "plan version."
            )
            % {"year": edition.year}
        )
    return edition_data(edition, plan, with_domains=True)


def days(data: EditionData) -> list[PersonalDay]:
    """The day of every participant, from the loaded data (no further queries)."""
    return [
        build_day(
            participant,
            edition=data.edition,
            plan=data.plan,
            blocks=data.blocks,
            rooms=data.rooms,
            pairs=data.pairs_of.get(participant.pk, []),
            group=data.group_of.get(participant.pk),
        )
        for participant in data.participants
    ]


def person_stem(participant: Participant) -> str:
    """A stable file name for a person's own files: role, reference or id, name."""
    ident = slugify(participant.ref) or str(participant.pk)
    name = slugify(participant.person.full_name) or "person"
    return f"{participant.role}-{ident}-{name}"


def cards_source(data: EditionData, *, language: str, role: str | None = None) -> Source:
    """Schedule cards (each in its person's language), all or those of ``role``."""
    cards = [
        card_html(day, language=document_language(day.participant))
        for day in days(data)
        if role is None or day.participant.role == role
    ]
    return Source(
        render_html(
            "documents/pdf/schedule_cards.html",
            {"cards": cards, "title": _("Schedule cards")},
            language=language,
        ),
        ("card.css",),
    )


def edition_calendar(data: EditionData, *, language: str) -> bytes:
    return edition_ics(data.edition, blocks=data.blocks, language=language)


def kind_bytes(kind: str, data: EditionData, *, language: str, order: str = "last_name") -> bytes:
    """One kind of document for the edition (``KINDS``)."""
    if kind == "calendar":
        return edition_calendar(data, language=language)
    sources: dict[str, Callable[[], Source]] = {
        "schedule_cards": lambda: cards_source(data, language=language),
        "badges": lambda: sheets.badges_source(data, language=language),
        "door_signs": lambda: sheets.door_signs_source(data, language=language),
        "chair_sheets": lambda: sheets.chair_sheets_source(data, language=language),
        "attendance": lambda: sheets.attendance_source(data, language=language, order=order),
    }
    return sources[kind]().pdf()


# --- the whole pack, laid out by up to ``workers`` processes --------------------------------

Task = tuple[str, str, Source]  # (mode "pdf" or "split", file name, source)


def _run(task: Task) -> tuple[str, bytes, dict[str, bytes]]:
    mode, name, source = task
    if mode == "split":
        whole, parts = split_pdf(source.html, anchor_prefix="card-", stylesheets=source.stylesheets)
        return name, whole, parts
    return name, source.pdf(), {}


def _default_signals() -> None:
    """In a layout process: SIGTERM and SIGINT end it again. A process forked from the worker
    (``ontmoeting worker``) inherits the worker's handlers, which only ask for a graceful stop;
    the pool ends its processes with SIGTERM, and they would wait for work forever."""
    for name in ("SIGTERM", "SIGINT", "SIGQUIT"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_DFL)


def _lay_out(
    tasks: list[Task], workers: int, meanwhile: Callable[[], None] | None = None
) -> list[tuple[str, bytes, dict[str, bytes]]]:
    """Run the layout tasks, and ``meanwhile`` in this process; the tasks go to forked
    processes when ``workers`` > 1 (they need no database: the HTML is rendered before)."""
    if workers <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        results = [_run(task) for task in tasks]
        if meanwhile is not None:
            meanwhile()
        return results
    warm_up()
    context = multiprocessing.get_context("fork")
    with context.Pool(min(workers, len(tasks)), initializer=_default_signals) as pool:
        pending = pool.map_async(_run, tasks, chunksize=1)
        if meanwhile is not None:
            meanwhile()
        return pending.get()


def default_workers() -> int:
    """Layout processes for the pack: the machine's cores, at most four."""
    return max(1, min(4, os.cpu_count() or 1))


def pack_files(data: EditionData, *, language: str, workers: int | None = None) -> dict[str, bytes]:
    """Every file of the pack by its path in the ZIP: one PDF per kind (the schedule cards one
    per role, ``schedule-cards-<role>.pdf``), the programme calendar, and per person a
    schedule card (``cards/``) and a calendar (``calendars/``)."""
    roles = [r for r in ROLE_ORDER if any(p.role == r for p in data.participants)]
    tasks: list[Task] = [
        ("split", f"schedule-cards-{role}.pdf", cards_source(data, language=language, role=role))
        for role in roles
    ]
    tasks += [
        ("pdf", KINDS["badges"].filename, sheets.badges_source(data, language=language)),
        ("pdf", KINDS["attendance"].filename, sheets.attendance_source(data, language=language)),
        (
            "pdf",
            KINDS["chair_sheets"].filename,
            sheets.chair_sheets_source(data, language=language),
        ),
        ("pdf", KINDS["door_signs"].filename, sheets.door_signs_source(data, language=language)),
    ]
    calendars: dict[str, bytes] = {}
    every_day = days(data)

    def make_calendars() -> None:
        calendars[KINDS["calendar"].filename] = edition_calendar(data, language=language)
        for day in every_day:
            calendars[f"calendars/{person_stem(day.participant)}.ics"] = day_ics(
                day, language=document_language(day.participant)
            )

    results = _lay_out(tasks, default_workers() if workers is None else workers, make_calendars)
    files: dict[str, bytes] = {}
    own: dict[str, bytes] = {}
    for name, content, parts in results:
        files[name] = content
        own.update(parts)
    files[KINDS["calendar"].filename] = calendars.pop(KINDS["calendar"].filename)
    for day in every_day:
        key = str(day.participant.pk)
        if key in own:
            files[f"cards/{person_stem(day.participant)}.pdf"] = own[key]
    files.update(calendars)
    return files


def zip_bytes(files: dict[str, bytes], *, folder: str) -> bytes:
    """``files`` in a ZIP under ``folder/`` (PDFs stored: they are compressed already)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in files.items():
            method = zipfile.ZIP_STORED if name.endswith(".pdf") else zipfile.ZIP_DEFLATED
            archive.writestr(f"{folder}/{name}", content, compress_type=method)
    return buffer.getvalue()


def pack_folder(edition: Edition, plan: Plan) -> str:
    return f"documents-{edition.year}-v{plan.version}"


def edition_pack_zip(
    data: EditionData, *, language: str, actor: Actor, workers: int | None = None
) -> bytes:
    """The whole pack as one ZIP; the making is audited (it prints names and, with consent,
    domains of experience)."""
    assert data.plan is not None
    files = pack_files(data, language=language, workers=workers)
    record(
        "documents.pack",
        actor=actor,
        obj=data.edition,
        plan_version=data.plan.version,
        files=len(files),
    )
    return zip_bytes(files, folder=pack_folder(data.edition, data.plan))


def write_pack(
    data: EditionData, out: Path, *, language: str, actor: Actor, workers: int | None = None
) -> list[Path]:
    """Write the pack's files under ``out`` (folders made as needed); returns the paths."""
    assert data.plan is not None
    files = pack_files(data, language=language, workers=workers)
    written = []
    for name, content in files.items():
        path = out / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
        written.append(path)
    record(
        "documents.pack",
        actor=actor,
        obj=data.edition,
        plan_version=data.plan.version,
        files=len(files),
        out=str(out),
    )
    return written
