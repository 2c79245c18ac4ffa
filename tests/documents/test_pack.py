"""The whole pack of an edition and ``ontmoeting documents YEAR --out DIR``."""

from __future__ import annotations

import io
import signal
import zipfile

import pytest

from ontmoeting.cli import main
from ontmoeting.documents.pack import NoPlan, edition_pack_zip, load, pack_files
from ontmoeting.planning.models import PlanStatus
from ontmoeting.privacy.models import AuditEntry
from tests.documents.builders import build_edition, pdf_text

pytestmark = pytest.mark.django_db

KIND_FILES = {
    "schedule-cards-student.pdf",
    "schedule-cards-expert.pdf",
    "badges.pdf",
    "door-signs.pdf",
    "group-sheets.pdf",
    "attendance.pdf",
    "programme.ics",
}


def test_pack_has_every_kind_and_a_card_and_calendar_per_person():
    built = build_edition(pairs=3)
    files = pack_files(load(built.edition), language="nl", workers=1)
    people = built.students + built.experts
    assert {n for n in files if "/" not in n} == KIND_FILES
    assert len([n for n in files if n.startswith("cards/")]) == len(people)
    assert len([n for n in files if n.startswith("calendars/")]) == len(people)
    student = built.students[0]
    card = files[
        f"cards/student-{student.ref.lower()}-{student.person.first_name.lower()}-"
        f"{student.person.last_name.lower()}.pdf"
    ]
    pages = pdf_text(card)
    assert len(pages) == 1
    assert student.person.first_name in pages[0]
    assert len(pdf_text(files["schedule-cards-student.pdf"])) == 3


def test_pack_zip_in_worker_processes_matches_and_is_audited():
    built = build_edition(pairs=2)
    data = load(built.edition)
    content = edition_pack_zip(data, language="nl", actor="test", workers=2)
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        names = archive.namelist()
        assert all(n.startswith("documents-2026-v1/") for n in names)
        assert len(names) == len(KIND_FILES) + 2 * 4
        badges = archive.read("documents-2026-v1/badges.pdf")
    assert len(pdf_text(badges)) == 1
    assert AuditEntry.objects.filter(action="documents.pack").count() == 1


def test_a_layout_process_forked_by_the_worker_ends_on_sigterm():
    """``ontmoeting worker`` answers SIGTERM with a graceful stop, and a process it forks
    inherits that; the pool ends its layout processes with SIGTERM (when it holds their queue's
    lock, they can end no other way), so each one puts the default back first."""
    import multiprocessing

    from ontmoeting.documents.pack import _default_signals

    saved = signal.getsignal(signal.SIGTERM)
    signal.signal(signal.SIGTERM, lambda *_args: None)  # as the worker's graceful stop
    try:
        with multiprocessing.get_context("fork").Pool(1, initializer=_default_signals) as pool:
            inherited = pool.apply(signal.getsignal, (signal.SIGTERM,))
    finally:
        signal.signal(signal.SIGTERM, saved)
    assert inherited == signal.SIG_DFL


def test_load_without_a_published_plan_says_so():
    built = build_edition(pairs=1, status=PlanStatus.DRAFT)
    with pytest.raises(NoPlan, match="geen gepubliceerde planning"):
        load(built.edition)
    assert load(built.edition, version=1).plan == built.plan
    with pytest.raises(NoPlan, match="geen planningsversie 7"):
        load(built.edition, version=7)


def test_cli_writes_the_documents(tmp_path, capsys):
    build_edition(pairs=2)
    out = tmp_path / "docs"
    assert main(["documents", "2026", "--out", str(out), "--workers", "1"]) == 0
    written = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    assert set(written) >= KIND_FILES
    assert len([p for p in written if p.startswith("cards/")]) == 4
    assert "15 bestanden voor" in capsys.readouterr().out


def test_cli_without_published_plan_exits_2(tmp_path, capsys):
    build_edition(pairs=1, status=PlanStatus.DRAFT)
    out = tmp_path / "docs"
    assert main(["documents", "2026", "--out", str(out)]) == 2
    assert "geen gepubliceerde planning" in capsys.readouterr().out
    assert not out.exists()
    code = main(["documents", "2026", "--out", str(out), "--plan-version", "1", "--workers", "1"])
    assert code == 0
    assert (out / "badges.pdf").exists()


def test_cli_without_edition_exits_2(tmp_path, capsys):
    assert main(["documents", "1999", "--out", str(tmp_path)]) == 2
    assert "1999" in capsys.readouterr().out
