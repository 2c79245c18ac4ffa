"""The demo's co-creation meeting at its tables: two rounds of mixed tables and, for round 1,
a few harvest notes in Dutch as staff typed them on the day.

Not wired into :mod:`ontmoeting.demo.builder` here: the builder calls :func:`plan_demo_tables`
once the demo's co-creation edition (its experts and professionals) exists.
"""

from __future__ import annotations

from ontmoeting.cocreation.models import TablePlan
from ontmoeting.cocreation.tables import NothingToSeat, plan_tables, save_note, table_inputs
from ontmoeting.editions.models import Edition
from ontmoeting.engine.tables import solve_tables

ACTOR = "demo"

#: What the tables of round 1 said, in turn (table 1 gets the first, and so on).
HARVEST_ROUND_1 = (
    "Ervaringsdeskundigen vertellen dat de intake vaak voelt als een verhoor: dezelfde vragen "
    "bij elke nieuwe hulpverlener. Voorstel: één gedeeld verhaal dat de cliënt zelf beheert.",
    "De GGZ-medewerkers merken dat ze weinig weten van zelfhulpgroepen in de buurt. Afspraak: "
    "een lijst met contactpersonen van groepen doorgeven aan het onthaal.",
    "Jeugdhulp en verslavingszorg werken langs elkaar heen bij gezinnen met een ouder in "
    "behandeling. Een ervaringsdeskundige stelt voor om samen één gezinsgesprek te voeren.",
    "Over taal: 'zorgmijder' klinkt als een verwijt. Liever spreken over mensen die de weg naar "
    "hulp (nog) niet vinden, en vragen wat hen tegenhoudt.",
    "Wachtlijsten: wat helpt in de tussentijd? Lotgenotencontact en een vast aanspreekpunt "
    "werden het vaakst genoemd.",
)


def plan_demo_tables(
    edition: Edition, *, rounds: int = 2, min_size: int = 5, max_size: int = 8
) -> TablePlan | None:
    """Seat ``edition``'s co-creation meeting for ``rounds`` rounds and write the harvest of
    round 1; None when it has nobody to seat. Every table gets a co-facilitator when enough
    professionals are willing (tried with the engine first). Idempotent: an edition that already
    has a table plan keeps it."""
    existing = edition.table_plans.order_by("-version").first()
    if existing is not None:
        return existing
    inputs = table_inputs(edition)
    if len({m.role for m in inputs.members}) < 2:
        return None  # no experts or no professionals: nothing to seat
    trial = solve_tables(
        inputs.problem(rounds=rounds, min_size=min_size, max_size=max_size, co_facilitator=True),
        seed=1,
        time_limit=1.0,
    )
    co_facilitator = not any(v.code == "no_co_facilitator" for v in trial.violations)
    try:
        plan, _result = plan_tables(
            edition,
            actor=ACTOR,
            rounds=rounds,
            min_size=min_size,
            max_size=max_size,
            co_facilitator=co_facilitator,
            seed=1,
        )
    except NothingToSeat:
        return None
    tables = sorted(set(plan.seats.filter(round=1).values_list("table", flat=True)))
    for table, text in zip(tables, HARVEST_ROUND_1, strict=False):
        save_note(plan, round=1, table=table, text=text, actor=ACTOR)
    return plan
