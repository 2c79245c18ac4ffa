"""The demo history planned in plain Python (no database): who took part in which edition.

Follows seed 000: 20 pairs in 2009, 108 in 2018 and about that since; experts mostly with
addiction experience in 2009, the wider set of domains by 2018; veterans who return (and lose
enthusiasm over the years) next to newcomers; students new every year. Work status, training and
roles follow the survey of seed 001. Everything is drawn from one seed.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from ontmoeting.demo.figures import (
    CAN_CHAIR_SHARE,
    CURRENT_DATE,
    CURRENT_YEAR,
    DIETS,
    DOMAINS,
    EXPERT_NEEDS,
    EXPERT_SURPLUS,
    FIRST_YEAR,
    INELIGIBLE_CURRENT,
    INTEREST_WEIGHTS,
    MIX_2009,
    MIX_2018,
    NO_ROLE_SHARE,
    PAIRS,
    PEOPLE_PER_GROUP,
    RELATED,
    ROLE_SHARES,
    SELF_HELP_GROUPS,
    STATUS_MIX,
    STUDENT_NEEDS,
    TRAINING_MIX,
    GroupSpec,
)
from ontmoeting.demo.names import EXPERT_DOMAINS, STUDENT_DOMAIN, Name, NameMaker


@dataclass
class ExpertSpec:
    key: int
    name: Name
    email: str
    phone: str
    gender: str
    language: str
    languages: list[str]
    domains: list[str]
    memberships: list[tuple[str, dt.date]]  # (group name, since)
    can_chair: bool
    statuses: list[str]
    training: str
    roles: list[str]
    accessibility: str
    needs_step_free: bool
    diet: str
    chaired_before: bool = False
    times_present: int = 0


@dataclass
class StudentSpec:
    name: Name
    email: str
    gender: str
    language: str
    languages: list[str]
    class_group: str
    interests: list[str]
    accessibility: str
    needs_step_free: bool
    diet: str


@dataclass
class EditionSpec:
    year: int
    date: dt.date
    window_start: dt.date
    window_end: dt.date
    target_pairs: int
    target_newcomer_share: str
    status: str
    students: list[tuple[StudentSpec, str, str]] = field(default_factory=list)  # spec, ref, status
    experts: list[tuple[int, str, str]] = field(default_factory=list)  # expert key, ref, status
    knows: list[tuple[str, str]] = field(default_factory=list)  # (student ref, expert ref)

    @property
    def current(self) -> bool:
        return self.year == CURRENT_YEAR


@dataclass
class History:
    seed: int
    groups: tuple[GroupSpec, ...]
    contacts: dict[str, tuple[str, str]]  # group name → (contact person, contact email)
    experts: dict[int, ExpertSpec]
    editions: list[EditionSpec]


def _pick(rng: random.Random, weighted: dict[str, float]) -> str:
    keys = list(weighted)
    return rng.choices(keys, weights=[weighted[k] for k in keys])[0]


def domain_mix(year: int) -> dict[str, float]:
    """The domain mix of experts recruited in ``year`` (2009 → 2018 linearly, then stable)."""
    t = min(max((year - FIRST_YEAR) / (2018 - FIRST_YEAR), 0.0), 1.0)
    return {d: (1 - t) * MIX_2009.get(d, 0.0) + t * MIX_2018.get(d, 0.0) for d in DOMAINS}


def _weekday_between(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    days = [start + dt.timedelta(n) for n in range((end - start).days + 1)]
    return rng.choice([d for d in days if d.weekday() in (1, 2, 3)])  # Tuesday to Thursday


def _edition_status(year: int) -> str:
    if year == CURRENT_YEAR:
        return "recruiting"
    return "evaluated" if year >= CURRENT_YEAR - 2 else "archived"


class _Planner:
    def __init__(self, seed: int) -> None:
        self.seed = seed
        # A seeded generator on purpose: the demo history must be the same on every run.
        self.rng = random.Random(seed)  # nosec B311
        self.names = NameMaker(seed, self.rng)
        self.experts: dict[int, ExpertSpec] = {}
        self.groups_by_domain: dict[str, list[GroupSpec]] = {}
        for group in SELF_HELP_GROUPS:
            self.groups_by_domain.setdefault(group.domain, []).append(group)

    # -- people -----------------------------------------------------------------------------
    def _diet(self) -> str:
        roll = self.rng.random()
        for diet, share in DIETS:
            if roll < share:
                return diet
            roll -= share
        return ""

    def _needs(self, table: tuple[tuple[str, bool, float], ...]) -> tuple[str, bool]:
        roll = self.rng.random()
        for need, step_free, share in table:
            if roll < share:
                return need, step_free
            roll -= share
        return "", False

    def _roles(self) -> list[str]:
        if self.rng.random() < NO_ROLE_SHARE:
            return ["no_specific_role"]
        roles = [role for role, share in ROLE_SHARES if self.rng.random() < share]
        return roles or ["support"]

    def new_expert(self, year: int, day: dt.date, *, eligible: bool = True) -> ExpertSpec:
        rng = self.rng
        origin = rng.choices(("nl_BE", "nl_NL", "it_IT"), weights=(72, 10, 18))[0]
        gender = rng.choices(("f", "m", "x"), weights=(50, 48, 2))[0]
        name = self.names.name(origin=origin, gender=gender)
        first = _pick(rng, domain_mix(year))
        domains = [first]
        if rng.random() < 0.22:
            domains.append(rng.choice(RELATED[first]))
        # Recruited through a group of the first domain; Italians mostly through Italian groups.
        candidates = self.groups_by_domain[first]
        italian = [g for g in candidates if g.origin == "it_IT"]
        if origin == "it_IT" and italian and rng.random() < 0.6:
            group = rng.choice(italian)
        else:
            group = rng.choice([g for g in candidates if g.origin != "it_IT"] or candidates)
        if eligible:
            since = day - dt.timedelta(days=rng.randint(400, 365 * 14))
        else:
            since = day - dt.timedelta(days=rng.randint(90, 330))
        memberships = [(group.name, since)]
        if len(domains) > 1 and rng.random() < 0.5:
            other = rng.choice(self.groups_by_domain[domains[1]])
            if other.name != group.name:
                extra_since = day - dt.timedelta(days=rng.randint(30, 365 * 6))
                if not eligible:  # a second membership must not make them eligible after all
                    extra_since = max(extra_since, since)
                memberships.append((other.name, extra_since))
        if origin == "it_IT":
            language = "it" if rng.random() < 0.4 else "nl"
            second = "nl" if language == "it" else "it"
            # The preferred language first, as the roster importer reads the list.
            languages = [language, *([second] if language == "nl" or rng.random() < 0.7 else [])]
        else:
            language = "nl"
            languages = ["nl"] + [x for x, p in (("en", 0.25), ("fr", 0.15)) if rng.random() < p]
        need, step_free = self._needs(EXPERT_NEEDS)
        has_email = rng.random() > 0.15  # some experts are reached by phone only
        statuses = list(rng.choices([s for s, _ in STATUS_MIX], [w for _, w in STATUS_MIX])[0])
        key = len(self.experts) + 1
        expert = ExpertSpec(
            key=key,
            name=name,
            email=self.names.email(name, rng.choice(EXPERT_DOMAINS)) if has_email else "",
            phone=self.names.phone(origin) if (not has_email or rng.random() < 0.8) else "",
            gender=gender,
            language=language,
            languages=languages,
            domains=domains,
            memberships=memberships,
            can_chair=rng.random() < CAN_CHAIR_SHARE,
            statuses=statuses,
            training=rng.choices([t for t, _ in TRAINING_MIX], [w for _, w in TRAINING_MIX])[0],
            roles=self._roles(),
            accessibility=need,
            needs_step_free=step_free,
            diet=self._diet(),
        )
        self.experts[key] = expert
        return expert

    def new_student(self, year: int, class_group: str) -> StudentSpec:
        rng = self.rng
        origin = rng.choices(("nl_BE", "nl_NL", "it_IT"), weights=(80, 8, 12))[0]
        gender = rng.choices(("f", "m", "x"), weights=(76, 22, 2))[0]
        name = self.names.name(origin=origin, gender=gender)
        if origin == "it_IT" and rng.random() < 0.45:
            language, languages = "it", ["it", "en"]  # exchange student from Italy
        elif origin == "it_IT":
            language, languages = "nl", ["nl", "it"]
        elif rng.random() < 0.05:
            language, languages = "en", ["en"]  # exchange student taught in English
        else:
            language, languages = "nl", ["nl", *(["en"] if rng.random() < 0.6 else [])]
        interests: list[str] = []
        weights = dict(INTEREST_WEIGHTS)
        for _ in range(3):
            choice = _pick(rng, weights)
            interests.append(choice)
            weights.pop(choice)
        need, step_free = self._needs(STUDENT_NEEDS)
        return StudentSpec(
            name=name,
            email=self.names.email(name, STUDENT_DOMAIN),
            gender=gender,
            language=language,
            languages=languages,
            class_group=class_group,
            interests=interests,
            accessibility=need,
            needs_step_free=step_free,
            diet=self._diet(),
        )

    # -- editions ---------------------------------------------------------------------------
    def returning_experts(self, last: dict[int, str], seen: set[int], wanted: int) -> list[int]:
        """Who comes back: most of last year's experts, fewer the more often they came."""
        rng = self.rng
        back = []
        for key, status in sorted(last.items()):
            expert = self.experts[key]
            chance = max(0.2, 0.64 - 0.08 * expert.times_present) if status == "present" else 0.3
            if rng.random() < chance:
                back.append(key)
        for key in sorted(seen - set(last)):  # a rare veteran comes back after a gap
            if rng.random() < 0.015:
                back.append(key)
        rng.shuffle(back)
        return back[:wanted]

    def edition(self, year: int, last: dict[int, str], seen: set[int]) -> EditionSpec:
        rng = self.rng
        current = year == CURRENT_YEAR
        window_start, window_end = dt.date(year, 11, 20), dt.date(year, 12, 15)
        day = (
            CURRENT_DATE
            if current
            else _weekday_between(rng, dt.date(year, 11, 25), dt.date(year, 12, 12))
        )
        pairs = PAIRS[year]
        n_experts = pairs + EXPERT_SURPLUS[year]
        spec = EditionSpec(
            year=year,
            date=day,
            window_start=window_start,
            window_end=window_end,
            target_pairs=pairs,
            target_newcomer_share=rng.choice(("0.40", "0.45", "0.50")),
            status=_edition_status(year),
        )
        # Experts: veterans first, then newcomers; a few more invited who do not come.
        n_dropping = 3 if current else rng.randint(1, 4)
        keys = self.returning_experts(last, seen, n_experts + n_dropping)
        ineligible = INELIGIBLE_CURRENT if current else 0
        while len(keys) < n_experts + n_dropping:
            eligible = len(keys) < n_experts + n_dropping - ineligible
            keys.append(self.new_expert(year, day, eligible=eligible).key)
        # The ineligible newcomers are the last ones added: keep them among those taking part.
        taking_part = keys[-ineligible:] if ineligible else []
        rest = keys[: len(keys) - ineligible] if ineligible else keys
        order = list(range(len(rest)))
        rng.shuffle(order)
        dropping = {rest[i] for i in order[:n_dropping]}
        taking_part = [k for k in rest if k not in dropping] + taking_part
        expert_status: dict[int, str] = {}
        for key in taking_part:
            if current:
                expert_status[key] = "confirmed" if rng.random() < 0.72 else "registered"
            else:
                expert_status[key] = "present"
        for key in dropping:
            expert_status[key] = "declined" if current else rng.choice(("absent", "cancelled"))
        ordered = sorted(
            expert_status, key=lambda k: (self.experts[k].name.last, self.experts[k].name.first, k)
        )
        prefix = "" if current else f"{year}-"
        spec.experts = [
            (k, f"{prefix}E{i:03d}", expert_status[k]) for i, k in enumerate(ordered, 1)
        ]
        # Students: first-years, new every year, in class groups of about eighteen.
        n_students = pairs + (2 if current else rng.randint(1, 4))
        n_classes = max(2, min(6, round(pairs / 18)))
        students = [
            self.new_student(year, f"1{'ABCDEF'[i % n_classes]}") for i in range(n_students)
        ]
        students.sort(key=lambda s: (s.class_group, s.name.last, s.name.first))
        absent = set(rng.sample(range(n_students), n_students - pairs))
        for i, student in enumerate(students, 1):
            if current:
                status = (
                    "declined"
                    if i - 1 in absent
                    else ("confirmed" if rng.random() < 0.65 else "invited")
                )
            else:
                status = rng.choice(("absent", "cancelled")) if i - 1 in absent else "present"
            spec.students.append((student, f"{prefix}S{i:03d}", status))
        # Who chaired an afternoon group (held editions): willing experts, veterans first.
        if not current:
            present = [k for k in ordered if expert_status[k] == "present"]
            for key in present:
                self.experts[key].times_present += 1
            n_groups = max(4, round(pairs / PEOPLE_PER_GROUP))
            willing = [k for k in present if self.experts[k].can_chair]
            willing.sort(key=lambda k: (not self.experts[k].chaired_before, rng.random()))
            for key in willing[:n_groups]:
                self.experts[key].chaired_before = True
        else:
            # A rare student knows an expert (a neighbour, an aunt): never pair them.
            expert_refs = [ref for _k, ref, st in spec.experts if st != "declined"]
            student_refs = [ref for _s, ref, st in spec.students if st != "declined"]
            spec.knows = sorted(
                zip(rng.sample(student_refs, 3), rng.sample(expert_refs, 3), strict=True)
            )
        return spec


def plan_history(seed: int = 2009) -> History:
    """The whole demo history from ``seed``; the same seed gives the same history."""
    planner = _Planner(seed)
    contacts = {}
    for group in SELF_HELP_GROUPS:
        contact = planner.names.contact_person(group.origin)
        slug = "".join(c for c in group.name.lower() if c.isalnum())[:24]
        contacts[group.name] = (contact, f"contact@{slug}.example.org")
    editions: list[EditionSpec] = []
    last: dict[int, str] = {}
    seen: set[int] = set()
    for year in range(FIRST_YEAR, CURRENT_YEAR + 1):
        spec = planner.edition(year, last, seen)
        editions.append(spec)
        last = {key: status for key, _ref, status in spec.experts}
        seen |= set(last)
    return History(
        seed=seed,
        groups=SELF_HELP_GROUPS,
        contacts=contacts,
        experts=planner.experts,
        editions=editions,
    )
