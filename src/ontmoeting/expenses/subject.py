"""What expenses holds on a person, for their copy (``privacy/subject.py``).

Claims are not erased with the person: the bookkeeping law requires keeping records of costs
paid back (the general consent text says so); the retention of bookkeeping records applies.
"""

from __future__ import annotations

from ontmoeting.expenses.models import Claim
from ontmoeting.people.models import Person
from ontmoeting.privacy.subject import Rows


def claim_rows(person: Person) -> Rows:
    rows = Claim.objects.filter(participant__person=person).select_related("edition")
    return [
        {
            "edition": c.edition.year,
            "status": c.status,
            "total": c.total,
            "account": c.iban_masked,
            "account_holder": c.account_holder,
            "submitted": c.submitted_at,
            "paid": c.paid_at,
        }
        for c in rows.order_by("created")
    ]
