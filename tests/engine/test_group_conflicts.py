"""Conflicts that make every grouping invalid are named before the search, one finding per
conflict with the people and groups involved; a problem without any has none."""

from __future__ import annotations

import pytest

from ontmoeting.engine.group_conflicts import find_conflicts
from ontmoeting.engine.group_model import GroupingProblem, GroupMember, MemberIndex, components
from ontmoeting.engine.grouping import solve_grouping
from ontmoeting.engine.results import Violation

MEMBERS = [
    GroupMember("A", "expert", can_chair=True),
    GroupMember("B", "expert", can_chair=True),
    GroupMember("C", "student"),
    GroupMember("D", "expert"),
    GroupMember("E", "student"),
    GroupMember("F", "student"),
]


def conflicts(n_groups: int = 2, **changes) -> list[Violation]:
    fields = {"members": MEMBERS, "n_groups": n_groups, "min_size": 1, "max_size": 3, **changes}
    idx = MemberIndex(GroupingProblem(**fields))
    return find_conflicts(idx, components(idx), n_groups)


def test_a_problem_without_conflicts_has_none():
    assert conflicts(keep_together=[("A", "C")], apart=[("A", "B")], fixed={"D": 1}) == []


def test_someone_to_be_kept_apart_from_themselves():
    assert conflicts(apart=[("C", "C")]) == [Violation("apart_self", ("C",))]


def test_people_kept_apart_but_linked_by_a_chain_of_pairs_kept_together():
    found = conflicts(keep_together=[("A", "C"), ("C", "E")], apart=[("E", "A")])
    assert found == [Violation("apart_linked", ("E", "A"), params={"chain": ["A", "C", "E"]})]


def test_a_chain_kept_together_larger_than_a_group():
    found = conflicts(keep_together=[("A", "C"), ("C", "E"), ("E", "F")])
    assert found == [
        Violation("together_too_big", ("A", "C", "E", "F"), params={"count": 4, "max_size": 3})
    ]


def test_people_kept_together_but_locked_in_different_groups():
    found = conflicts(keep_together=[("A", "C")], fixed={"A": 0, "C": 1})
    assert found == [
        Violation(
            "locks_contradict", ("A", "C"), params={"locks": [["A", 0], ["C", 1]]}, groups=(0, 1)
        )
    ]


def test_two_chair_locks_on_people_kept_together():
    found = conflicts(keep_together=[("A", "B")], fixed_chairs={0: "A", 1: "B"})
    assert Violation("chair_locks_contradict", ("A", "B"), groups=(0, 1)) in found


def test_a_chair_lock_on_someone_unwilling_to_chair():
    found = conflicts(fixed_chairs={1: "D"})
    assert found == [Violation("locked_chair_unwilling", ("D",), group=1)]


def test_people_kept_apart_but_locked_in_the_same_group():
    found = conflicts(fixed={"C": 1, "E": 1}, apart=[("C", "E")])
    assert found == [Violation("locked_apart", ("C", "E"), group=1)]


def test_more_people_locked_in_a_group_than_it_seats():
    found = conflicts(fixed={"C": 0, "D": 0, "E": 0, "F": 0})
    assert found == [
        Violation(
            "locked_group_too_big",
            ("C", "D", "E", "F"),
            group=0,
            params={"count": 4, "max_size": 3},
        )
    ]


def test_fewer_willing_chairs_than_groups():
    found = conflicts(n_groups=3)
    assert found == [
        Violation(
            "too_few_chairs",
            ("A", "B"),
            params={"groups": 3, "chairs": 2, "willing": 2, "linked": False},
        )
    ]


def test_every_willing_chair_locked_in_one_group_leaves_the_other_without():
    found = conflicts(fixed={"A": 0, "B": 0})
    assert found == [Violation("chairs_locked_elsewhere", ("A", "B"), groups=(1,))]


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"fixed": {"A": 0, "B": 0}}, "chairs_locked_elsewhere"),
        ({"fixed_chairs": {1: "D"}}, "locked_chair_unwilling"),
    ],
)
def test_grouping_with_a_chair_conflict_forms_no_groups_and_names_it(changes, code):
    problem = GroupingProblem(members=MEMBERS, n_groups=2, min_size=1, max_size=4, **changes)
    result = solve_grouping(problem, time_limit=1.0)
    assert result.groups == ()
    assert not result.feasible
    assert code in {v.code for v in result.violations}
    assert [n.code for n in result.notes] == ["no_groups"]
