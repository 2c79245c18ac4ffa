"""The published Belgian figures seeded by migration 0006, each with its source.

A figure we could not check against a published source is seeded with ``confirmed=False``; the
rates page lists those in a warning until a coordinator enters the official value.

- the flat volunteer allowance per day and per year (law of 3 July 2005 on the rights of
  volunteers, art. 10; indexed every 1 January);
- the kilometre allowance of federal staff (royal decree of 18 January 1965, art. 13), revised
  every quarter by a circular in the Belgian Official Gazette; volunteers may receive it for a
  car, motorbike or moped;
- the tax-free bicycle allowance per km (indexed every year);
- the kilometres of real travel costs a volunteer on the flat allowance may add (2,000 km a
  year, programme law of 19 May 2009);
- the department's own maximum for a lunch receipt.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import NamedTuple


class SeedFigure(NamedTuple):
    kind: str
    valid_from: date
    valid_to: date | None
    value: Decimal
    source: str
    confirmed: bool


BOSA = (
    "https://bosa.belgium.be/nl/themas/werken-bij-de-overheid/verloning-en-voordelen/"
    "toelagen-en-vergoedingen/vergoeding-voor-0 (tabel 'Eigen vervoer', omzendbrief nr. {n})"
)
FLAT_2023 = "https://www.genk.be/kostenvergoedingen (2023: € 40,67 per dag, € 1626,77 per jaar)"
FLAT_2024 = (
    "https://www.vlaanderenvrijwilligt.be/wetgeving/kostenvergoedingen/ (2024: 41,48 euro per "
    "dag, 1659,29 euro per jaar)"
)
BIKE_2024 = (
    "https://zoomvzw.be/nieuws/detail/kilometervergoeding-voor-vrijwilligers-gewijzigd/6113 and "
    "https://www.twizzit.com/v2/blog/article/volunteer-allowances-maximum-2024 (€ 0,35/km in 2024)"
)
KM_CAP = (
    "Programmawet van 19 mei 2009 (2.000 km per jaar naast de forfaitaire kostenvergoeding); "
    "https://www.dynamoproject.be/faq/onkostenvergoedingen-voor-vrijwilligers-wat-zijn-de-"
    "maximumbedragen and https://kando.be/info/welke-vergoedingen-voor-vrijwilligers-zijn-er-/"
)
UNCONFIRMED = (
    "NIET BEVESTIGD: {what}. Zoek het officiële bedrag op en vul het in op de pagina met de "
    "tarieven."
)
#: The 2025 flat allowance, published by the Flemish education department.
FLAT_2025 = (
    "https://onderwijs.vlaanderen.be/nl/onderwijs-en-vorming/zomerscholen/info-voor-organisatoren/"
    "vrijwilligersstatuut-zomerschool (2025: 42,31 euro per dag en 1692,51 euro per jaar)"
)

#: Quarterly federal kilometre rates published by BOSA (confirmed), per first day.
CAR_KM_CONFIRMED: tuple[tuple[date, date, str, int], ...] = (
    (date(2023, 1, 1), date(2023, 3, 31), "0.4259", 713),
    (date(2023, 4, 1), date(2023, 6, 30), "0.4246", 717),
    (date(2023, 7, 1), date(2023, 9, 30), "0.4237", 721),
    (date(2023, 10, 1), date(2023, 12, 31), "0.4259", 725),
    (date(2024, 1, 1), date(2024, 3, 31), "0.4269", 733),
    (date(2024, 4, 1), date(2024, 6, 30), "0.4265", 737),
)
#: The last confirmed kilometre rate, carried forward (unconfirmed) quarter by quarter.
LAST_CAR_KM = "0.4265"


def _quarters(first: date, last_year: int) -> list[tuple[date, date]]:
    out: list[tuple[date, date]] = []
    year, month = first.year, first.month
    while year <= last_year:
        end_month = month + 2
        end_day = 31 if end_month in (3, 12) else 30
        out.append((date(year, month, 1), date(year, end_month, end_day)))
        month += 3
        if month > 12:
            year, month = year + 1, 1
    return out


def _km_figures() -> list[SeedFigure]:
    figures: list[SeedFigure] = []
    for kind in ("car_km", "motorbike_km"):
        for start, end, value, circular in CAR_KM_CONFIRMED:
            figures.append(
                SeedFigure(kind, start, end, Decimal(value), BOSA.format(n=circular), True)
            )
        for start, end in _quarters(date(2024, 7, 1), 2026):
            what = (
                "de federale kilometervergoeding van dit kwartaal is niet gevonden; het laatst "
                f"gepubliceerde bedrag (€ {LAST_CAR_KM}, omzendbrief nr. 737) is overgenomen"
            )
            figures.append(
                SeedFigure(
                    kind, start, end, Decimal(LAST_CAR_KM), UNCONFIRMED.format(what=what), False
                )
            )
    return figures


def _yearly_figures() -> list[SeedFigure]:
    def year(kind: str, y: int, value: str, source: str, confirmed: bool) -> SeedFigure:
        return SeedFigure(kind, date(y, 1, 1), date(y, 12, 31), Decimal(value), source, confirmed)

    not_found = "geen gepubliceerd bedrag voor {y} gevonden; het vorige bedrag is overgenomen"
    return [
        year("flat_daily", 2023, "40.67", FLAT_2023, True),
        year("flat_yearly", 2023, "1626.77", FLAT_2023, True),
        year("flat_daily", 2024, "41.48", FLAT_2024, True),
        year("flat_yearly", 2024, "1659.29", FLAT_2024, True),
        year("flat_daily", 2025, "42.31", FLAT_2025, True),
        year("flat_yearly", 2025, "1692.51", FLAT_2025, True),
        year("flat_daily", 2026, "42.31", UNCONFIRMED.format(what=not_found.format(y=2026)), False),
        year(
            "flat_yearly",
            2026,
            "1692.51",
            UNCONFIRMED.format(what=not_found.format(y=2026)),
            False,
        ),
        year(
            "bicycle_km",
            2023,
            "0.27",
            UNCONFIRMED.format(
                what="zoomvzw.be noemt € 0,25 voor 2023, andere bronnen € 0,27 (inkomstenjaar 2023)"
            ),
            False,
        ),
        year("bicycle_km", 2024, "0.35", BIKE_2024, True),
        year(
            "bicycle_km",
            2025,
            "0.36",
            UNCONFIRMED.format(what="de fietsvergoeding van 2025 is niet gevonden"),
            False,
        ),
        year("bicycle_km", 2026, "0.36", UNCONFIRMED.format(what=not_found.format(y=2026)), False),
    ]


def seed_figures() -> list[SeedFigure]:
    """Every seeded figure of 2023-2026."""
    cap_2026 = (
        "2.000 km is het wettelijke plafond; of het in 2026 verhoogd is (bv. tot 4.000 km voor "
        "sommige vrijwilligers) is niet gevonden. Vrijwilligers die geregeld kwetsbare mensen "
        "vervoeren hebben geen plafond (zoomvzw.be)"
    )
    return [
        *_km_figures(),
        *_yearly_figures(),
        SeedFigure(
            "km_yearly_cap", date(2023, 1, 1), date(2025, 12, 31), Decimal(2000), KM_CAP, True
        ),
        SeedFigure(
            "km_yearly_cap",
            date(2026, 1, 1),
            None,
            Decimal(2000),
            UNCONFIRMED.format(what=cap_2026),
            False,
        ),
        SeedFigure(
            "lunch_max", date(2023, 1, 1), None, Decimal("15.00"), "regel van de opleiding", True
        ),
    ]
