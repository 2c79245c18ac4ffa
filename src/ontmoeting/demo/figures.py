"""The figures the demo history follows: seed 000 (sizes, domains) and seed 001 (survey).

Shares are fractions or percentages as the seeds report them; the self-help groups are realistic
kinds of groups (their contacts in the demo are fictitious).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

FIRST_YEAR = 2009
CURRENT_YEAR = 2026
#: The demo's "today": the current edition is being recruited, the day itself is ahead.
TODAY = dt.date(2026, 11, 22)
CURRENT_DATE = dt.date(2026, 12, 10)

#: Pairs per edition: 20 in 2009, 108 in 2018 (seed 000), about that since.
PAIRS: dict[int, int] = {
    2009: 20,
    2010: 26,
    2011: 34,
    2012: 45,
    2013: 57,
    2014: 68,
    2015: 80,
    2016: 91,
    2017: 101,
    2018: 108,
    2019: 110,
    2020: 104,
    2021: 106,
    2022: 111,
    2023: 108,
    2024: 105,
    2025: 109,
    2026: 108,
}
#: Experts present minus students present: a few more experts some years, fewer others.
#: 2026: three more, who turn out not to be eligible (membership under one year).
EXPERT_SURPLUS: dict[int, int] = {
    2009: 0,
    2010: 1,
    2011: 0,
    2012: -1,
    2013: 2,
    2014: 0,
    2015: -2,
    2016: 1,
    2017: 3,
    2018: 0,
    2019: -2,
    2020: 2,
    2021: -3,
    2022: 1,
    2023: 2,
    2024: -1,
    2025: 3,
    2026: 3,
}
INELIGIBLE_CURRENT = 3

DOMAINS = (
    "addiction",
    "mental_health",
    "disability",
    "unemployment",
    "divorce",
    "youth_protection",
    "poverty",
)
#: Domain mix of newly recruited experts in 2009 and from 2018; linear in between.
MIX_2009 = {"addiction": 0.85, "mental_health": 0.10, "poverty": 0.05}
MIX_2018 = {
    "addiction": 0.24,
    "mental_health": 0.22,
    "disability": 0.12,
    "unemployment": 0.10,
    "divorce": 0.11,
    "youth_protection": 0.11,
    "poverty": 0.10,
}
#: A second domain often goes with the first.
RELATED = {
    "addiction": ("mental_health", "poverty", "unemployment"),
    "mental_health": ("addiction", "unemployment", "poverty"),
    "disability": ("unemployment", "poverty"),
    "unemployment": ("poverty", "mental_health"),
    "divorce": ("youth_protection", "poverty"),
    "youth_protection": ("divorce", "poverty", "addiction"),
    "poverty": ("unemployment", "youth_protection"),
}
#: What students want to learn about (weights for their ranked interests).
INTEREST_WEIGHTS = {
    "mental_health": 0.24,
    "youth_protection": 0.20,
    "addiction": 0.16,
    "poverty": 0.14,
    "disability": 0.11,
    "divorce": 0.08,
    "unemployment": 0.07,
}

#: Seed 001, work status (n = 89, %).
STATUS_MIX: tuple[tuple[tuple[str, ...], float], ...] = (
    (("volunteer",), 56),
    (("paid_employee",), 28),
    (("self_employed",), 3),
    (("none",), 5),
    (("volunteer", "paid_employee"), 5),
    (("paid_employee", "self_employed"), 1),
    (("volunteer", "none"), 1),
)
#: Seed 001, training (n = 89, %).
TRAINING_MIX = (("none", 26), ("experience_work", 49.4), ("professional", 15.7), ("both", 9))
#: Seed 001, roles (multiple answers, % of respondents).
ROLE_SHARES = (
    ("critical_voice", 0.488),
    ("bridge_figure", 0.438),
    ("signal_function", 0.191),
    ("support", 0.618),
    ("lifeworld", 0.281),
    ("accessibility", 0.225),
    ("policy_influence", 0.371),
    ("public_image", 0.348),
)
NO_ROLE_SHARE = 0.024
CAN_CHAIR_SHARE = 0.35
PEOPLE_PER_GROUP = 5.4  # pairs per afternoon group (about 20 groups for 108 pairs)


@dataclass(frozen=True)
class GroupSpec:
    name: str
    domain: str
    town: str
    origin: str  # locale of its members and contact person


#: Self-help groups experts are recruited from (names of real kinds of groups; fictitious contacts).
SELF_HELP_GROUPS = (
    GroupSpec("AA Vlaanderen", "addiction", "Gent", "nl_BE"),
    GroupSpec("NA Vlaanderen", "addiction", "Antwerpen", "nl_BE"),
    GroupSpec("Al-Anon Familiegroepen", "addiction", "Brussel", "nl_BE"),
    GroupSpec("Gokkers Anoniem Vlaanderen", "addiction", "Leuven", "nl_BE"),
    GroupSpec("Associazione Alcolisti Anonimi Italia", "addiction", "Roma", "it_IT"),
    GroupSpec("Club Alcologici Territoriali Genk", "addiction", "Genk", "it_IT"),
    GroupSpec("Similes", "mental_health", "Leuven", "nl_BE"),
    GroupSpec("Ups & Downs", "mental_health", "Antwerpen", "nl_BE"),
    GroupSpec("Herstelgroep Psychische Kwetsbaarheid", "mental_health", "Kortrijk", "nl_BE"),
    GroupSpec("Progetto Itaca", "mental_health", "Milano", "it_IT"),
    GroupSpec("Lotgenoten Autisme Vlaanderen", "disability", "Gent", "nl_BE"),
    GroupSpec("Spierziekten lotgenotencontact", "disability", "Mol", "nl_BE"),
    GroupSpec("MS-lotgenoten Limburg", "disability", "Hasselt", "nl_BE"),
    GroupSpec("Zelfhulpgroep Werkzoekenden", "unemployment", "Mechelen", "nl_BE"),
    GroupSpec("Werkzoekendenplatform Oost-Vlaanderen", "unemployment", "Aalst", "nl_BE"),
    GroupSpec("Vechtscheiding lotgenoten", "divorce", "Hasselt", "nl_BE"),
    GroupSpec("Ouders na scheiding", "divorce", "Leuven", "nl_BE"),
    GroupSpec("Associazione Padri Separati", "divorce", "Bologna", "it_IT"),
    GroupSpec("Ouders van geplaatste kinderen", "youth_protection", "Antwerpen", "nl_BE"),
    GroupSpec("Grootouders van geplaatste kleinkinderen", "youth_protection", "Kortrijk", "nl_BE"),
    GroupSpec("Jongeren uit de jeugdhulp", "youth_protection", "Gent", "nl_BE"),
    GroupSpec("Armoede-vereniging 'Welzijnsschakels'", "poverty", "Brussel", "nl_BE"),
    GroupSpec("Vereniging waar armen het woord nemen 'De Keeting'", "poverty", "Mechelen", "nl_BE"),
    GroupSpec("Armoedeplatform Limburg", "poverty", "Genk", "nl_BE"),
)

DIETS = (
    ("vegetarian", 0.12),
    ("vegan", 0.03),
    ("halal", 0.04),
    ("gluten-free", 0.02),
    ("lactose-free", 0.02),
)
EXPERT_NEEDS = (
    ("wheelchair user", True, 0.04),
    ("rollator, no stairs", True, 0.03),
    ("hard of hearing", False, 0.02),
    ("visually impaired", False, 0.01),
)
STUDENT_NEEDS = (
    ("wheelchair user", True, 0.012),
    ("crutches after an injury, step-free access", True, 0.01),
    ("hard of hearing", False, 0.01),
)

# -- evaluation research (seed 000: qualitative and quantitative, since 2014) ------------------
FIRST_SURVEY_YEAR = 2014
#: Share of the invited who complete a wave online, drawn per edition between the bounds.
PRE_ONLINE = (0.80, 0.88)
POST_ONLINE = (0.66, 0.78)
EXPERT_ONLINE = (0.50, 0.62)
#: Experts who fill in the feedback form on paper (their study code printed on it).
EXPERT_PAPER = 0.18
#: Students' mean score before the day per subscale (keyed: high = the direction the seed
#: reports after the day: fewer negative attitudes, more critical thinking, more mutual).
PRE_MEAN = {"attitudes": 3.55, "critical": 3.25, "positioning": 3.2}
#: Mean change after the day per subscale: (in 2014, added per year since); with the noise of
#: the answers this is an effect of d ≈ 0.3 to 0.6 that grows a little over the years.
CHANGE = {"attitudes": (0.20, 0.010), "critical": (0.22, 0.012), "positioning": (0.16, 0.008)}
