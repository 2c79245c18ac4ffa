"""The one PDF renderer: a Django template rendered to HTML, laid out by WeasyPrint."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from django.template.loader import render_to_string
from django.utils import translation

CSS_DIR = Path(__file__).resolve().parent / "css"
BASE_STYLESHEET = "print.css"


@cache
def _font_config() -> Any:
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration()


@cache
def _stylesheet(name: str) -> Any:
    from weasyprint import CSS

    return CSS(filename=str(CSS_DIR / name), font_config=_font_config())


def _stylesheets(names: Iterable[str]) -> list[Any]:
    return [_stylesheet(BASE_STYLESHEET), *(_stylesheet(n) for n in names)]


def render_html(template_name: str, context: dict[str, Any], *, language: str) -> str:
    """The template rendered in ``language`` (the HTML WeasyPrint lays out)."""
    with translation.override(language):
        return render_to_string(template_name, {**context, "language": language})


def render_document(
    template_name: str,
    context: dict[str, Any],
    *,
    language: str,
    stylesheets: Sequence[str] = (),
) -> Any:
    """A laid-out ``weasyprint.Document`` (to split into pages or write once)."""
    from weasyprint import HTML

    html = render_html(template_name, context, language=language)
    return HTML(string=html, base_url=str(CSS_DIR)).render(
        stylesheets=_stylesheets(stylesheets), font_config=_font_config()
    )


def html_to_pdf(html: str, *, stylesheets: Sequence[str] = ()) -> bytes:
    """Lay out already rendered ``html`` and write it as PDF (no database, no translation:
    safe in a forked worker)."""
    from weasyprint import HTML

    document = HTML(string=html, base_url=str(CSS_DIR)).render(
        stylesheets=_stylesheets(stylesheets), font_config=_font_config()
    )
    return bytes(document.write_pdf())


def split_pdf(
    html: str, *, anchor_prefix: str, stylesheets: Sequence[str] = ()
) -> tuple[bytes, dict[str, bytes]]:
    """Lay out ``html`` once; return the whole PDF and one PDF per anchor starting with
    ``anchor_prefix`` (the pages from that anchor up to the next one), keyed by the anchor's rest.
    """
    from weasyprint import HTML

    document = HTML(string=html, base_url=str(CSS_DIR)).render(
        stylesheets=_stylesheets(stylesheets), font_config=_font_config()
    )
    pages_of: dict[str, list[Any]] = {}
    current: str | None = None
    for page in document.pages:
        anchors = [a for a in page.anchors if a.startswith(anchor_prefix)]
        if anchors:
            current = anchors[0].removeprefix(anchor_prefix)
        if current is not None:
            pages_of.setdefault(current, []).append(page)
    parts = {key: bytes(document.copy(pages).write_pdf()) for key, pages in pages_of.items()}
    return bytes(document.write_pdf()), parts


@dataclass(frozen=True)
class Source:
    """Rendered HTML and its extra stylesheets: what a worker lays out into a PDF."""

    html: str
    stylesheets: tuple[str, ...] = ()

    def pdf(self) -> bytes:
        return html_to_pdf(self.html, stylesheets=self.stylesheets)


def warm_up() -> None:
    """Load fonts and stylesheets once (before forking workers, so they share them)."""
    for name in CSS_DIR.glob("*.css"):
        _stylesheet(name.name)


def render_pdf(
    template_name: str,
    context: dict[str, Any],
    *,
    language: str,
    stylesheets: Sequence[str] = (),
) -> bytes:
    """Render ``template_name`` with ``context`` in ``language`` to PDF bytes (A4, system fonts).

    ``context["title"]`` becomes the document title. Extra ``stylesheets`` are names of files
    in ``documents/css/`` added after the base print stylesheet.
    """
    document = render_document(template_name, context, language=language, stylesheets=stylesheets)
    return bytes(document.write_pdf())
