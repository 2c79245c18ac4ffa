"""Badges, door signs, chair sheets and attendance lists: real PDFs, read back."""

from __future__ import annotations

import io

import pytest
from django.utils import timezone

from ontmoeting.documents import sheets
from ontmoeting.documents.selectors import edition_data, special_consent_person_ids
from ontmoeting.people.models import ExperienceDomain, ExpertProfile
from tests.documents.builders import build_edition, flat, pdf_text

pytestmark = pytest.mark.django_db

MM = 72 / 25.4
A4_HEIGHT = 297 * MM


def _data(built, *, with_domains=False):
    return edition_data(built.edition, built.plan, with_domains=with_domains)


def _longest_demo_names(count: int) -> list[tuple[str, str]]:
    """The longest first names and the longest last names of the demo history."""
    from ontmoeting.commands.demo import DEFAULT_SEED
    from ontmoeting.demo.history import plan_history

    history = plan_history(DEFAULT_SEED)
    names = {(e.name.first, e.name.last) for e in history.experts.values()}
    names |= {
        (s.name.first, s.name.last) for spec in history.editions for s, _r, _s in spec.students
    }
    by_first = sorted(names, key=lambda n: (-len(n[0]), n))[: count // 2]
    by_last = sorted(names - set(by_first), key=lambda n: (-len(n[1]), n))[: count - count // 2]
    return by_first + by_last


def _cells() -> list[tuple[float, float, float, float]]:
    """Each badge's rectangle on the sheet in PDF points (left, bottom, right, top)."""
    cells = []
    for position in range(sheets.BADGES_PER_PAGE):
        left = (10 + 95 * (position % 2)) * MM
        top = A4_HEIGHT - (18.5 + 65 * (position // 2)) * MM
        cells.append((left, top - 65 * MM, left + 95 * MM, top))
    return cells


def test_size_class_shrinks_then_wraps():
    assert sheets.size_class("Ann", sheets.FIRST_NAME_SIZES) == "xl"
    assert sheets.size_class("Marie-Christine", sheets.FIRST_NAME_SIZES) == "m"
    assert sheets.size_class("Priscilla Margherita", sheets.FIRST_NAME_SIZES) == "s"
    assert sheets.size_class("x" * 40, sheets.FIRST_NAME_SIZES) == "xs"


def test_badges_one_sheet_per_eight_people():
    built = build_edition(pairs=9)
    pages = pdf_text(sheets.badges_pdf(_data(built), language="nl"))
    assert len(pages) == 3
    text = flat(" ".join(pages))
    assert text.count("Ontmoetingsdag 2026") == 18
    assert "Ervaringsdeskundige · voorzitter van een groep" in text
    assert "Person0" in text


def test_badges_longest_demo_names_are_whole_and_inside_their_badge():
    names = _longest_demo_names(14)
    names.append(("Maximiliaanchristoffelwilhelmina", "Vandenbroeckdekerckhovevanhecke"))
    names.append(("Maria Grazia Annunziata", "Lo Presti Bonfiglio della Rovere"))
    built = build_edition(pairs=8, names=names)
    content = sheets.badges_pdf(_data(built), language="nl")
    text = flat(" ".join(pdf_text(content)))
    for first, last in names:
        assert first in text
        assert last in text

    import pypdfium2 as pdfium

    cells = _cells()
    document = pdfium.PdfDocument(content)
    assert len(document) == 2
    for page in document:
        textpage = page.get_textpage()
        for index in range(textpage.count_chars()):
            char = textpage.get_text_range(index, 1)
            if not char.strip():
                continue
            left, bottom, right, top = textpage.get_charbox(index)
            inside = [
                c
                for c in cells
                if c[0] + 4 * MM <= left
                and right <= c[2] - 4 * MM
                and c[1] + 3 * MM <= bottom
                and top <= c[3] - 4 * MM
            ]
            assert inside, f"{char!r} at {left:.0f},{bottom:.0f} lies outside every badge"
        textpage.close()
        page.close()
    document.close()


def test_badges_first_page_renders_to_a_non_blank_png():
    import pypdfium2 as pdfium

    built = build_edition(pairs=4)
    document = pdfium.PdfDocument(sheets.badges_pdf(_data(built), language="nl"))
    image = document[0].render(scale=1).to_pil().convert("L")
    document.close()
    assert abs(image.size[0] - 595) <= 1
    assert abs(image.size[1] - 842) <= 1
    histogram = image.histogram()
    dark = sum(histogram[:128])
    assert 0.01 * image.size[0] * image.size[1] < dark < 0.5 * image.size[0] * image.size[1]
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    assert buffer.getvalue().startswith(b"\x89PNG")


def test_qr_png_is_a_square_qr_code():
    from PIL import Image

    image = Image.open(io.BytesIO(sheets.qr_png("123:abcdefghijklmnopqrstuvwxyz0123456789")))
    assert image.size[0] == image.size[1] >= 23
    assert image.getpixel((1, 1)) == 0  # the finder pattern's dark corner, inside the border


def test_door_signs_one_per_room_in_use():
    built = build_edition(pairs=4)
    pages = [flat(p) for p in pdf_text(sheets.door_signs_pdf(_data(built), language="nl"))]
    rooms = ["A.1.01", "Aula", "B.2.15", "C.0.01", "C.0.02", "Restaurant"]
    assert len(pages) == len(rooms)
    assert all(page.startswith(room) for page, room in zip(pages, rooms, strict=True))
    talk, aula, old, group1 = pages[0], pages[1], pages[2], pages[3]
    assert "Drempelvrije toegang" in talk
    assert "10:00–12:00 Één-op-ééngesprekken 2 gesprekken" in talk
    assert "Geen drempelvrije toegang: enkel trappen" in old
    assert "09:00–10:00 Welkom" in aula
    assert "15:30–16:00 Afsluiting" in aula
    assert "13:30–15:30 Groepsgesprek Groep 1" in group1


def _expert_with_domain(built, code="addiction"):
    expert = built.experts[1]
    domain, _created = ExperienceDomain.objects.get_or_create(
        code=code,
        defaults={"name_nl": "verslaving", "name_en": "addiction", "name_it": "dipendenza"},
    )
    profile = ExpertProfile.objects.get(person=expert.person)
    profile.domains.add(domain)
    return expert


def _give_special_consent(person):
    from ontmoeting.privacy.consent import give_consent
    from ontmoeting.privacy.models import ConsentKind, ConsentText

    text, _created = ConsentText.objects.get_or_create(
        version=1,
        language="nl",
        kind=ConsentKind.SPECIAL_CATEGORY,
        defaults={"body": "You may show my domains.", "published_at": timezone.now()},
    )
    give_consent(person, text=text, actor="test")


def test_chair_sheet_hides_domains_without_consent():
    built = build_edition(pairs=4)
    _expert_with_domain(built)
    pages = [
        flat(p)
        for p in pdf_text(sheets.chair_sheets_pdf(_data(built, with_domains=True), language="nl"))
    ]
    assert len(pages) == 2
    assert "verslaving" not in " ".join(pages).lower()
    first = built.experts[0].person
    assert f"{first.first_name} {first.last_name[0]}. (voorzitter)" in pages[0]
    assert first.last_name not in pages[0]
    assert "4 leden" in pages[0]


def test_chair_sheet_shows_domains_of_an_expert_who_consented():
    built = build_edition(pairs=4)
    expert = _expert_with_domain(built)
    _give_special_consent(expert.person)
    pages = [
        flat(p)
        for p in pdf_text(sheets.chair_sheets_pdf(_data(built, with_domains=True), language="nl"))
    ]
    assert "verslaving" in pages[0].lower()
    assert "verslaving" not in pages[1].lower()


def test_special_consent_ids_agree_with_the_privacy_check():
    from ontmoeting.privacy.consent import has_special_consent

    built = build_edition(pairs=3)
    _give_special_consent(built.experts[0].person)
    people = [p.person for p in built.experts + built.students]
    assert (
        special_consent_person_ids(p.pk for p in people)
        == {p.pk for p in people if has_special_consent(p)}
        == {built.experts[0].person_id}
    )


def test_attendance_lists_per_role_sorted_by_name():
    names = [
        ("Zoe", "Aerts"),
        ("Anna", "Wouters"),
        ("Bart", "Maes"),
        ("Xavier", "Claes"),
        ("Yves", "Bos"),
        ("Carl", "Peeters"),
    ]
    built = build_edition(pairs=3, names=names)
    data = _data(built)
    by_last = [flat(p) for p in pdf_text(sheets.attendance_pdf(data, language="nl"))]
    assert len(by_last) == 2
    assert "Aanwezigheid: student" in by_last[0]
    assert by_last[0].index("Aerts") < by_last[0].index("Maes") < by_last[0].index("Wouters")
    assert "Handtekening" in by_last[0]
    assert "Aanwezigheid: ervaringsdeskundige" in by_last[1]
    by_first = flat(pdf_text(sheets.attendance_pdf(data, language="nl", order="first_name"))[0])
    assert by_first.index("Anna") < by_first.index("Bart") < by_first.index("Zoe")
    with pytest.raises(ValueError, match="order"):
        sheets.attendance_lists(data, order="age")


@pytest.mark.parametrize("pairs", [1, 3])
def test_edition_data_queries_do_not_grow(pairs, django_assert_max_num_queries):
    built = build_edition(pairs=pairs)
    _give_special_consent(built.experts[0].person)
    with django_assert_max_num_queries(8):
        data = edition_data(built.edition, built.plan, with_domains=True)
        sheets.chair_sheets(data)
        sheets.badges(data)
        sheets.door_signs(data)
        sheets.attendance_lists(data)
