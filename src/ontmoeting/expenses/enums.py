"""Choices of the expenses app: claim states, line kinds and the two ways of reimbursing."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ClaimStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    SUBMITTED = "submitted", _("sent, waiting for approval")
    APPROVED = "approved", _("approved")
    REJECTED = "rejected", _("rejected")
    PAID = "paid", _("paid")


#: The moves a claim may make. Rejected and paid are final.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    ClaimStatus.DRAFT: (ClaimStatus.SUBMITTED,),
    ClaimStatus.SUBMITTED: (ClaimStatus.APPROVED, ClaimStatus.REJECTED),
    ClaimStatus.APPROVED: (ClaimStatus.PAID,),
    ClaimStatus.REJECTED: (),
    ClaimStatus.PAID: (),
}

#: Claims that count towards a person's yearly totals and the edition's committed budget.
COUNTED = (ClaimStatus.SUBMITTED, ClaimStatus.APPROVED, ClaimStatus.PAID)


class Regime(models.TextChoices):
    """Belgian volunteer law: real costs with proof, or a flat allowance — not both in a year."""

    REAL = "real", _("my real costs (with tickets and receipts)")
    FLAT = "flat", _("a fixed amount for the day")


class LineKind(models.TextChoices):
    PUBLIC_TRANSPORT = "public_transport", _("bus, tram or train ticket")
    CAR = "car", _("car")
    MOTORBIKE = "motorbike", _("motorbike")
    BICYCLE = "bicycle", _("bicycle or on foot")
    PARKING = "parking", _("parking")
    LUNCH = "lunch", _("lunch")
    FLAT = "flat", _("fixed amount for the day")


#: Lines paid per kilometre (the rate of the year times the distance).
KM_KINDS = (LineKind.CAR, LineKind.MOTORBIKE, LineKind.BICYCLE)
#: Lines paid as the amount on a ticket or receipt, which must be attached.
RECEIPT_KINDS = (LineKind.PUBLIC_TRANSPORT, LineKind.PARKING, LineKind.LUNCH)
#: Lines a flat-allowance claim may hold besides the allowance: travel per kilometre, which
#: the law lets volunteers add up to a yearly kilometre cap.
FLAT_EXTRA_KINDS = KM_KINDS


class TravelMode(models.TextChoices):
    """How the expert came (the form's first question)."""

    PUBLIC_TRANSPORT = "public_transport", _("by bus, tram or train")
    CAR = "car", _("by car")
    MOTORBIKE = "motorbike", _("by motorbike")
    BICYCLE = "bicycle", _("by bicycle or on foot")
    NONE = "none", _("someone brought me / no costs")


class RateKind(models.TextChoices):
    """One figure of the Belgian rules, valid over a period (see rates.py)."""

    CAR_KM = "car_km", _("car: euro per km")
    MOTORBIKE_KM = "motorbike_km", _("motorbike: euro per km")
    BICYCLE_KM = "bicycle_km", _("bicycle or on foot: euro per km")
    LUNCH_MAX = "lunch_max", _("lunch: at most (euro)")
    FLAT_DAILY = "flat_daily", _("flat allowance per day (euro)")
    FLAT_YEARLY = "flat_yearly", _("flat allowance: yearly ceiling (euro)")
    KM_YEARLY_CAP = "km_yearly_cap", _("travel km that may be added to a flat allowance, per year")


class StatementFormat(models.TextChoices):
    CAMT053 = "camt053", _("camt.053 (XML)")
    CSV = "csv", _("CSV")
