"""The member index of the grouping: it refuses a problem that names someone who is not a
member or a group that does not exist, finds the minorities by their definition, and merges the
keep-together pairs into units (checked against a plain graph search)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ontmoeting.engine.group_model import (
    GroupingProblem,
    GroupMember,
    MemberIndex,
    components,
    minorities,
)

A = GroupMember("A", "expert", can_chair=True, chaired_before=True)
B = GroupMember("B", "expert", can_chair=True)
C = GroupMember("C", "student")
D = GroupMember("D", "expert")


def problem(**changes):
    fields = {"members": [A, B, C, D], "n_groups": 2, "min_size": 1, "max_size": 3, **changes}
    return GroupingProblem(**fields)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"members": [A, B, C, GroupMember("A", "student")]}, "member 'A' is listed twice"),
        ({"keep_together": [("A", "Z")]}, "keep_together names 'Z', who is not a member"),
        ({"apart": [("Z", "A")]}, "apart names 'Z', who is not a member"),
        ({"fixed": {"Z": 0}}, "fixed names 'Z', who is not a member"),
        ({"fixed_chairs": {0: "Z"}}, "fixed_chairs names 'Z', who is not a member"),
        ({"n_groups": 0}, "n_groups must be at least 1"),
        ({"fixed": {"C": 2}}, "C is fixed to group 2, which does not exist"),
        ({"fixed": {"C": -1}}, "C is fixed to group -1, which does not exist"),
        ({"fixed_chairs": {2: "A"}}, "A is fixed as chair of group 2, which does not exist"),
    ],
)
def test_member_index_refuses_a_problem_naming_what_does_not_exist(changes, message):
    with pytest.raises(ValueError, match=f"^{message}$"):
        MemberIndex(problem(**changes))


def test_member_index_checks_the_locks_against_the_fitted_number_of_groups():
    open_count = problem(n_groups=None, fixed={"C": 2})
    MemberIndex(open_count)  # no count yet: nothing to check the lock against
    MemberIndex(open_count, n_groups=3)
    with pytest.raises(ValueError, match="C is fixed to group 2, which does not exist"):
        MemberIndex(open_count, n_groups=2)


def test_member_index_looks_members_up_and_chooses_the_chair():
    idx = MemberIndex(problem())
    assert idx.member("C") == C
    assert [idx.willing(r) for r in "ABCD"] == [True, True, False, False]
    assert idx.chair_of(["C", "B", "A"]) == "A"  # chaired before wins over the order
    assert idx.chair_of(["C", "B"]) == "B"
    assert idx.chair_of(["C", "D"]) == ""


def member(ref: str, **categories: str) -> GroupMember:
    return GroupMember(ref, "student", categories=categories)


def test_minorities_are_the_values_at_most_half_the_mean_count_and_at_least_two():
    # domain: a 8, b 2, c 2 -> mean 4 per value: b and c (2 <= 4 / 2) are minorities, a is not
    people = [member(f"P{i}", domain="a") for i in range(8)]
    people += [member("Q1", domain="b"), member("Q2", domain="b")]
    people += [member("R1", domain="c"), member("R2", domain="c")]
    assert minorities(people, ["domain"], n_groups=3) == [("domain", "b"), ("domain", "c")]


def test_a_value_only_one_person_has_is_no_minority_to_protect():
    # a 8, b 1 -> mean 4.5: b is rare enough, but one person cannot be kept from being alone
    people = [member(f"P{i}", domain="a") for i in range(8)] + [member("Q1", domain="b")]
    assert minorities(people, ["domain"], n_groups=3) == []


def test_minorities_spread_over_many_groups_are_no_longer_minorities():
    people = [member(f"P{i}", domain="a") for i in range(20)]
    people += [member(f"Q{i}", domain="b") for i in range(4)]
    # 4 carriers: fewer than two per group over 3 groups (4 < 6) -> a minority
    assert minorities(people, ["domain"], n_groups=3) == [("domain", "b")]
    # over 2 groups, 4 carriers can be two per group (4 < 4 fails) -> not a minority
    assert minorities(people, ["domain"], n_groups=2) == []


def test_minorities_skip_categories_nobody_has_and_keep_the_given_order():
    people = [member(f"P{i}", gender="f", domain="a") for i in range(8)]
    people += [member(f"Q{i}", gender="m", domain="b") for i in range(2)]
    assert minorities(people, ["class_group", "gender", "domain"], n_groups=4) == [
        ("gender", "m"),
        ("domain", "b"),
    ]


def test_member_index_minorities_follow_the_problem_categories():
    people = [member(f"P{i}", gender="f", domain="a") for i in range(8)]
    people += [member(f"Q{i}", gender="m", domain="b") for i in range(2)]
    base = GroupingProblem(members=people, n_groups=2, min_size=1, max_size=10)
    assert MemberIndex(base).minority == [("domain", "b"), ("gender", "m")]
    only_gender = GroupingProblem(
        members=people, n_groups=2, min_size=1, max_size=10, minority_categories=["gender"]
    )
    assert MemberIndex(only_gender).minority == [("gender", "m")]
    # without a count the groups the sizes need are assumed: 10 // 4 = 2 groups
    open_count = GroupingProblem(members=people, n_groups=None, min_size=1, max_size=4)
    assert MemberIndex(open_count).minority == [("domain", "b"), ("gender", "m")]


def reachable(n: int, edges: list[tuple[int, int]]) -> list[set[int]]:
    """Connected components by depth-first search (the reference)."""
    neighbours: dict[int, set[int]] = {i: set() for i in range(n)}
    for a, b in edges:
        neighbours[a].add(b)
        neighbours[b].add(a)
    seen: set[int] = set()
    out = []
    for start in range(n):
        if start in seen:
            continue
        stack, comp = [start], set()
        while stack:
            x = stack.pop()
            if x not in comp:
                comp.add(x)
                stack.extend(neighbours[x] - comp)
        seen |= comp
        out.append(comp)
    return out


@settings(max_examples=150, deadline=None)
@given(
    st.integers(1, 12).flatmap(
        lambda n: st.tuples(
            st.just(n), st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)))
        )
    )
)
def test_components_are_the_connected_parts_of_the_keep_together_pairs(case):
    n, edges = case
    people = [GroupMember(f"M{i}", "student") for i in range(n)]
    keep = [(f"M{a}", f"M{b}") for a, b in edges]
    idx = MemberIndex(
        GroupingProblem(members=people, n_groups=1, min_size=1, max_size=n, keep_together=keep)
    )
    comps = components(idx)
    assert sorted(map(sorted, comps)) == sorted(map(sorted, reachable(n, edges)))
    assert all(c == sorted(c) for c in comps)
