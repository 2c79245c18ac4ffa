"""The engine's findings in the user's words: one presenter for the plan page, the CLI and the
documents.

The engine returns data (:mod:`ontmoeting.engine.results`): a code, the people, rooms and groups
involved and the numbers. :class:`Names` knows what the user calls them ("Tuur Dubois (E097)",
"Groep 5", the domain "verslaving"); :func:`violation_text`, :func:`check_text`,
:func:`note_text` and :func:`reason_text` turn one finding into a sentence in the active
language. Soft findings read as findings ("Tuur Dubois (E097) chairs a group for the first
time"), never as the rule's name. Groups are numbered from 1, as everywhere people see them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils.formats import number_format
from django.utils.text import capfirst, get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from ontmoeting.editions.enums import BlockKind

#: The rule each code belongs to, as the compliance tables label it.
RULE_LABELS = {
    "knows": gettext_lazy("know each other"),
    "language": gettext_lazy("a common language"),
    "accessibility": gettext_lazy("accessibility needs met"),
    "availability": gettext_lazy("taking part"),
    "unserved": gettext_lazy("an expert for every student"),
    "assignment": gettext_lazy("everyone in exactly one group"),
    "group_count": gettext_lazy("number of groups"),
    "chair": gettext_lazy("one willing chair per group"),
    "newcomer_chair": gettext_lazy("chair has chaired before"),
    "size": gettext_lazy("group size"),
    "keep_together": gettext_lazy("morning pairs together"),
    "apart": gettext_lazy("people who know each other apart"),
    "fixed": gettext_lazy("locks respected"),
    "spread": gettext_lazy("categories spread evenly"),
    "isolated_minority": gettext_lazy("no minority member alone"),
    "stability": gettext_lazy("stability"),
    "capacity": gettext_lazy("room capacity"),
    "step_free": gettext_lazy("step-free room"),
    "rooms": gettext_lazy("a free room"),
    "quota": gettext_lazy("quotas"),
    "lock": gettext_lazy("wishes kept"),
    "locked_pair": gettext_lazy("locked pairs kept"),
    "table_rounds": gettext_lazy("number of rounds"),
    "table_mix": gettext_lazy("mixed tables"),
    "co_facilitator": gettext_lazy("a willing co-facilitator per table"),
    "organisation": gettext_lazy("colleagues at different tables"),
    "repeat_meeting": gettext_lazy("nobody meets the same person twice"),
}

BLOCK_WORDS = {
    "welcome": gettext_lazy("the welcome"),
    "one_to_one": gettext_lazy("the morning conversations"),
    "lunch": gettext_lazy("the lunch"),
    "groups": gettext_lazy("the afternoon groups"),
    "closing": gettext_lazy("the closing"),
}

OBJECTIVE_LABELS = {
    "pairing.interest": gettext_lazy("Morning: interests met"),
    "pairing.no_preference_veteran": gettext_lazy("Morning: veterans for students without a wish"),
    "pairing.domain_spread": gettext_lazy("Morning: domains bunched in a class (penalty)"),
    "pairing.experience_spread": gettext_lazy("Morning: veterans bunched in a class (penalty)"),
    "pairing.trios": gettext_lazy("Morning: trios (penalty)"),
    "pairing.unserved": gettext_lazy("Morning: students without an expert"),
    "pairing.total": gettext_lazy("Morning: total"),
    "grouping.diversity": gettext_lazy("Afternoon: diversity"),
    "grouping.balance": gettext_lazy("Afternoon: balance (penalty)"),
    "grouping.chair_experience": gettext_lazy("Afternoon: chairs who chaired before"),
    "grouping.stability": gettext_lazy("Afternoon: people moved (penalty)"),
    "grouping.isolated_minority": gettext_lazy("Afternoon: minority members alone (penalty)"),
    "grouping.total": gettext_lazy("Afternoon: total"),
    "rooms.wasted_group_seats": gettext_lazy("Rooms: empty seats in the afternoon"),
    "rooms.wasted_conversation_seats": gettext_lazy("Rooms: empty seats in the morning"),
    "rooms.walking": gettext_lazy("Rooms: metres walked"),
    "rooms.other_kind_rooms": gettext_lazy("Rooms: rooms used for another purpose"),
    "rooms.total": gettext_lazy("Rooms: total cost"),
}


def rule_label(rule: str) -> str:
    """The label of a rule in the compliance tables."""
    return str(RULE_LABELS.get(rule, rule))


def objective_label(key: str) -> str:
    return str(OBJECTIVE_LABELS.get(key, key))


@dataclass
class Names:
    """What the user calls people, groups, rooms and domains.

    ``people``: engine ref -> full name (the ref is added); ``domains``: code -> name;
    ``groups``: group index (from 0) -> name (default "Group n+1" in the active language);
    ``sectors``: code -> name (the sectors of professionals at a co-creation meeting).
    """

    people: Mapping[str, str] = field(default_factory=dict)
    domains: Mapping[str, str] = field(default_factory=dict)
    groups: Mapping[int, str] = field(default_factory=dict)
    sectors: Mapping[str, str] = field(default_factory=dict)

    def person(self, ref: str) -> str:
        name = self.people.get(ref, "")
        return f"{name} ({ref})" if name else ref

    def persons(self, refs: Iterable[str], limit: int = 12) -> str:
        refs = list(refs)
        shown = [self.person(r) for r in refs[:limit]]
        if len(refs) > limit:
            more = len(refs) - limit
            shown.append(ngettext("%(n)s more", "%(n)s more", more) % {"n": more})
        return str(get_text_list(shown, _("and")))

    def group(self, index: int | None) -> str:
        if index is None:
            return ""
        return self.groups.get(index) or _("Group %(n)s") % {"n": index + 1}

    def group_list(self, indices: Iterable[int]) -> str:
        return str(get_text_list([self.group(i) for i in indices], _("and")))

    def domain(self, code: str) -> str:
        return str(self.domains.get(code, code))

    def sector(self, code: str) -> str:
        return str(self.sectors.get(code, code))

    @staticmethod
    def block(kind: str) -> str:
        return str(BLOCK_WORDS.get(kind, BlockKind(kind).label if kind in BlockKind else kind))


def _num(value: Any) -> str:
    return str(number_format(value, decimal_pos=1 if isinstance(value, float) else None))


def _refs(v: Mapping[str, Any]) -> list[str]:
    return list(v.get("refs") or ())


def _p(v: Mapping[str, Any]) -> Mapping[str, Any]:
    return v.get("params") or {}


def _value_phrase(category: str, value: str, names: Names) -> str:
    """A category value as a phrase: "experience of addiction", "a veteran", "class 1B"."""
    if category == "domain":  # mid-sentence, a domain's name reads in lower case
        return _("experience of %(domain)s") % {"domain": names.domain(value).lower()}
    if category == "experience":
        return _("a veteran") if value == "veteran" else _("a newcomer")
    if category == "class_group":
        return _("class %(name)s") % {"name": value}
    if category == "gender":
        return _("gender %(value)s") % {"value": value}
    return f"{category} {value}"


def _suggestion(p: Mapping[str, Any], max_size: int) -> str:
    """ " Use larger groups (up to 11 gives 21 groups)" or " Use 22 groups", or ""."""
    if "suggest_groups" not in p:
        return ""
    if p["suggest_max"] > max_size:
        return _("larger groups (up to %(max)s people gives %(groups)s groups)") % {
            "max": p["suggest_max"],
            "groups": p["suggest_groups"],
        }
    return _("%(groups)s groups") % {"groups": p["suggest_groups"]}


# ------------------------------------------------------------------------- pair findings


def _pair(v: Mapping[str, Any], n: Names) -> dict[str, str]:
    refs = _refs(v)
    return {"student": n.person(refs[0]), "expert": n.person(refs[1]) if len(refs) > 1 else ""}


def _w_knows(v: Mapping[str, Any], n: Names) -> str:
    return _(
        "%(student)s and %(expert)s know each other but talk together in the morning."
    ) % _pair(v, n)


def _w_language(v: Mapping[str, Any], n: Names) -> str:
    return _("%(student)s and %(expert)s have no language in common.") % _pair(v, n)


def _w_accessibility(v: Mapping[str, Any], n: Names) -> str:
    return _(
        "%(student)s and %(expert)s: one of them needs a language or sign language the other "
        "does not speak."
    ) % _pair(v, n)


def _w_not_taking_part(v: Mapping[str, Any], n: Names) -> str:
    refs = _refs(v)
    return ngettext(
        "%(people)s no longer takes part but still has a place in the plan.",
        "%(people)s no longer take part but still have a place in the plan.",
        len(refs),
    ) % {"people": n.persons(refs)}


def _w_unserved(v: Mapping[str, Any], n: Names) -> str:
    return _("%(student)s has no expert for the morning.") % {"student": n.person(_refs(v)[0])}


def _w_cannot_be_served(v: Mapping[str, Any], n: Names) -> str:
    p = _p(v)
    students = _refs(v)
    text = ngettext(
        "%(count)s student cannot get an expert: %(students)s.",
        "%(count)s students cannot all get an expert: %(students)s.",
        len(students),
    ) % {"count": len(students), "students": n.persons(students)}
    if p.get("experts"):
        text += " " + ngettext(
            "Together they may only meet %(experts)s (%(places)s place).",
            "Together they may only meet %(experts)s (%(places)s places).",
            p["places"],
        ) % {"experts": n.persons(p["experts"]), "places": p["places"]}
    else:
        text += " " + _("No expert who takes part may meet them.")
    if p.get("blocked"):
        rules = [f"{rule_label(r)} ({k})" for r, k in p["blocked"].items()]
        text += " " + _("The other experts are ruled out by: %(rules)s.") % {
            "rules": ", ".join(rules)
        }
    if p.get("left_out"):
        text += " " + ngettext(
            "%(n)s expert does not take part or is not eligible.",
            "%(n)s experts do not take part or are not eligible.",
            p["left_out"],
        ) % {"n": p["left_out"]}
    return text


def _w_paired_twice(v: Mapping[str, Any], n: Names) -> str:
    refs = _refs(v)
    return _("%(student)s talks with more than one expert: %(experts)s.") % {
        "student": n.person(refs[0]),
        "experts": n.persons(refs[1:]),
    }


def _w_over_capacity(v: Mapping[str, Any], n: Names) -> str:
    refs, p = _refs(v), _p(v)
    return _(
        "%(expert)s has %(count)s students in the morning but takes at most %(max)s: %(students)s."
    ) % {
        "expert": n.person(refs[0]),
        "count": p["count"],
        "max": p["max"],
        "students": n.persons(refs[1:]),
    }


def _w_locked_pair_dropped(v: Mapping[str, Any], n: Names) -> str:
    p = _p(v)
    pair = _pair(v, n)
    if p.get("why") == "already_locked":
        return _(
            "The lock of %(student)s with %(expert)s was let go: the student is already locked with %(other)s."
        ) % {
            **pair,
            "other": n.person(p["with"]),
        }
    return _("The lock of %(student)s with %(expert)s was let go: %(who)s no longer take part.") % {
        **pair,
        "who": n.persons(p.get("who", [])),
    }


def _w_preference_dropped(v: Mapping[str, Any], n: Names) -> str:
    return _(
        "The wish to pair %(student)s with %(expert)s breaks a hard rule and was not kept."
    ) % _pair(v, n)


def _w_quota_domain(v: Mapping[str, Any], n: Names) -> str:
    p = _p(v)
    return _(
        "Quota not met: at most %(reached)s students can meet an expert with %(domain)s "
        "(%(required)s asked for)."
    ) % {
        "reached": p["reached"],
        "domain": _value_phrase("domain", p["domain"], n),
        "required": p["required"],
    }


def _w_quota_class_share(v: Mapping[str, Any], n: Names) -> str:
    p = _p(v)
    return _(
        "Quota not met: class %(class_group)s has %(count)s students with an expert with "
        "%(domain)s (at most %(allowed)s allowed)."
    ) % {
        "class_group": p["class_group"],
        "count": p["count"],
        "domain": _value_phrase("domain", p["domain"], n),
        "allowed": p["allowed"],
    }


def _w_step_free_places(v: Mapping[str, Any], n: Names) -> str:
    return _(
        "The step-free rooms hold %(places)s pairs in the morning, but %(needed)s pairs need one."
    ) % _p(v)


# ------------------------------------------------------------------------ group findings


def _w_no_groups(v: Mapping[str, Any], n: Names) -> str:
    return _("There are no afternoon groups for the %(members)s people who take part.") % _p(v)


def _w_not_in_group(v: Mapping[str, Any], n: Names) -> str:
    return _("Not in any group: %(people)s.") % {"people": n.persons(_refs(v))}


def _w_in_two_groups(v: Mapping[str, Any], n: Names) -> str:
    return _("In more than one group: %(people)s.") % {"people": n.persons(_refs(v))}


def _w_not_participant(v: Mapping[str, Any], n: Names) -> str:
    return _("In a group but not taking part: %(people)s.") % {"people": n.persons(_refs(v))}


def _w_group_count(v: Mapping[str, Any], n: Names) -> str:
    return _("%(groups)s groups, %(required)s asked for.") % _p(v)


def _w_no_chair(v: Mapping[str, Any], n: Names) -> str:
    return _("%(group)s has no chair.") % {"group": n.group(v.get("group"))}


def _w_chair_not_member(v: Mapping[str, Any], n: Names) -> str:
    return _("%(chair)s chairs %(group)s but is not in it.") % {
        "chair": n.person(_refs(v)[0]),
        "group": n.group(v.get("group")),
    }


def _w_chair_unwilling(v: Mapping[str, Any], n: Names) -> str:
    return _("%(chair)s chairs %(group)s but is not willing to chair.") % {
        "chair": n.person(_refs(v)[0]),
        "group": n.group(v.get("group")),
    }


def _w_too_few_chairs(v: Mapping[str, Any], n: Names) -> str:
    p = _p(v)
    text = _(
        "%(groups)s groups need %(groups)s chairs; %(chairs)s experts are willing to chair."
    ) % {
        "groups": p["groups"],
        "chairs": p["chairs"],
    }
    if p.get("willing", p["chairs"]) > p["chairs"]:
        text += " " + _(
            "(%(willing)s are willing, but some must stay with each other and cannot chair "
            "different groups.)"
        ) % {"willing": p["willing"]}
    suggestion = _suggestion(p, p.get("max_size", 0))
    if suggestion:
        text += " " + _("Use %(suggestion)s or ask more experts to chair.") % {
            "suggestion": suggestion
        }
    else:
        text += " " + _("Ask more experts to chair.")
    return text


def _w_chairs_locked_elsewhere(v: Mapping[str, Any], n: Names) -> str:
    return _(
        "%(groups)s cannot get a chair: the willing experts %(people)s are locked in other groups."
    ) % {
        "groups": n.group_list(v.get("groups") or ()),
        "people": n.persons(_refs(v)),
    }


def _w_locked_chair_unwilling(v: Mapping[str, Any], n: Names) -> str:
    return _("%(person)s is locked as chair of %(group)s but is not willing to chair.") % {
        "person": n.person(_refs(v)[0]),
        "group": n.group(v.get("group")),
    }


def _w_chair_locks_contradict(v: Mapping[str, Any], n: Names) -> str:
    return _("%(people)s are locked as chairs of different groups but must stay together.") % {
        "people": n.persons(_refs(v))
    }


def _w_first_time_chair(v: Mapping[str, Any], n: Names) -> str:
    return _("%(chair)s chairs a group for the first time (%(group)s).") % {
        "chair": n.person(_refs(v)[0]),
        "group": n.group(v.get("group")),
    }


def _w_group_size(v: Mapping[str, Any], n: Names) -> str:
    p = _p(v)
    return _("%(group)s has %(size)s people; groups of %(min)s to %(max)s are allowed.") % {
        "group": n.group(v.get("group")),
        "size": p["size"],
        "min": p["min_size"],
        "max": p["max_size"],
    }


def _w_sizes_impossible(v: Mapping[str, Any], n: Names) -> str:
    p = _p(v)
    return _(
        "%(members)s people cannot form %(groups)s groups of %(min)s to %(max)s people (that "
        "takes between %(at_least)s and %(at_most)s people)."
    ) % {
        "members": p["members"],
        "groups": p["groups"],
        "min": p["min_size"],
        "max": p["max_size"],
        "at_least": p["at_least"],
        "at_most": p["at_most"],
    }


def _w_together_too_big(v: Mapping[str, Any], n: Names) -> str:
    p = _p(v)
    return _(
        "%(count)s people must stay together (%(people)s), more than the largest group (%(max)s)."
    ) % {
        "count": p["count"],
        "people": n.persons(_refs(v)),
        "max": p["max_size"],
    }


def _w_locked_group_too_big(v: Mapping[str, Any], n: Names) -> str:
    p = _p(v)
    return _("%(count)s people are locked in %(group)s, more than the largest group (%(max)s).") % {
        "count": p["count"],
        "group": n.group(v.get("group")),
        "max": p["max_size"],
    }


def _w_blocks_cannot_pack(v: Mapping[str, Any], n: Names) -> str:
    p = _p(v)
    units = {int(k): c for k, c in (p.get("units") or {}).items()}
    parts = []
    if units.get(2):
        parts.append(ngettext("%(n)s pair", "%(n)s pairs", units[2]) % {"n": units[2]})
    if units.get(3):
        parts.append(ngettext("%(n)s trio", "%(n)s trios", units[3]) % {"n": units[3]})
    text = _(
        "The morning partners stay together in the afternoon (%(units)s), and so they cannot "
        "be spread over %(groups)s groups of %(min)s to %(max)s people."
    ) % {
        "units": str(get_text_list(parts, _("and"))) or "—",
        "groups": p["groups"],
        "min": p["min_size"],
        "max": p["max_size"],
    }
    return (
        text
        + " "
        + _("Allow a wider range of group sizes, or put morning partners in different groups.")
    )


def _w_pair_split(v: Mapping[str, Any], n: Names) -> str:
    parts = [
        _("%(a)s (%(group_a)s) and %(b)s (%(group_b)s)")
        % {
            "a": n.person(a),
            "group_a": n.group(ga),
            "b": n.person(b),
            "group_b": n.group(gb),
        }
        for a, ga, b, gb in _p(v).get("pairs", [])
    ]
    return _("Morning partners in different groups: %(pairs)s.") % {"pairs": "; ".join(parts)}


def _w_apart_linked(v: Mapping[str, Any], n: Names) -> str:
    refs = _refs(v)
    return _(
        "%(a)s and %(b)s must be kept apart, but morning pairs link them into one group: %(chain)s."
    ) % {"a": n.person(refs[0]), "b": n.person(refs[1]), "chain": n.persons(_p(v).get("chain", []))}


def _w_together_apart(v: Mapping[str, Any], n: Names) -> str:
    pairs = [
        _("%(a)s and %(b)s") % {"a": n.person(a), "b": n.person(b)}
        for a, b in _p(v).get("pairs", [])
    ]
    return _("In %(group)s, people who know each other: %(pairs)s.") % {
        "group": n.group(v.get("group")),
        "pairs": "; ".join(pairs),
    }


def _w_apart_self(v: Mapping[str, Any], n: Names) -> str:
    return _("%(person)s is asked to be kept apart from themselves.") % {
        "person": n.person(_refs(v)[0])
    }


def _w_locked_apart(v: Mapping[str, Any], n: Names) -> str:
    refs = _refs(v)
    return _("%(a)s and %(b)s must be kept apart but are both locked in %(group)s.") % {
        "a": n.person(refs[0]),
        "b": n.person(refs[1]),
        "group": n.group(v.get("group")),
    }


def _w_apart_clique(v: Mapping[str, Any], n: Names) -> str:
    p = _p(v)
    return _(
        "%(count)s people must all be kept apart, but there are only %(groups)s groups: %(people)s."
    ) % {
        "count": p["count"],
        "groups": p["groups"],
        "people": n.persons(_refs(v)),
    }


def _w_lock_broken(v: Mapping[str, Any], n: Names) -> str:
    p = _p(v)
    bits = []
    if p.get("elsewhere"):
        bits.append(
            _("locked in %(group)s but placed elsewhere: %(people)s")
            % {"group": n.group(v.get("group")), "people": n.persons(p["elsewhere"])}
        )
    if p.get("chair"):
        bits.append(
            _("%(person)s is locked as chair of %(group)s")
            % {"person": n.person(p["chair"]), "group": n.group(v.get("group"))}
        )
    return _("Lock not kept: %(what)s.") % {"what": "; ".join(bits)}


def _w_locks_contradict(v: Mapping[str, Any], n: Names) -> str:
    locks = [
        _("%(person)s in %(group)s") % {"person": n.person(r), "group": n.group(g)}
        for r, g in _p(v).get("locks", [])
    ]
    return _("These people must stay together but are locked in different groups: %(locks)s.") % {
        "locks": "; ".join(locks)
    }


def _w_lock_dropped(v: Mapping[str, Any], n: Names) -> str:
    p = _p(v)
    why = {
        "not_taking_part": _("they no longer take part"),
        "no_such_group": _("the new plan has %(groups)s groups") % {"groups": p.get("groups", 0)},
        "chairs_other_group": _("they are locked as chair of another group"),
    }.get(p.get("why", ""), "")
    args = {"person": n.person(_refs(v)[0]), "group": n.group(v.get("group")), "why": why}
    if p.get("what") == "chair":
        return _("The lock of %(person)s as chair of %(group)s was let go: %(why)s.") % args
    return _("The lock of %(person)s in %(group)s was let go: %(why)s.") % args


def _w_uneven(v: Mapping[str, Any], n: Names) -> str:
    parts = [
        _("%(count)s with %(what)s (about %(expected)s expected)")
        % {
            "count": x["count"],
            "what": _value_phrase(x["category"], x["value"], n),
            "expected": _num(float(x["expected"])),
        }
        for x in _p(v).get("values", [])
    ]
    return _("%(group)s is unevenly mixed: %(parts)s.") % {
        "group": n.group(v.get("group")),
        "parts": "; ".join(parts),
    }


def _w_alone(v: Mapping[str, Any], n: Names) -> str:
    parts = [
        _("%(person)s is the only one with %(what)s")
        % {"person": n.person(x["ref"]), "what": _value_phrase(x["category"], x["value"], n)}
        for x in _p(v).get("alone", [])
    ]
    return _("In %(group)s: %(parts)s.") % {
        "group": n.group(v.get("group")),
        "parts": "; ".join(parts),
    }


def _w_moved(v: Mapping[str, Any], n: Names) -> str:
    return _("Moved to %(group)s: %(people)s.") % {
        "group": n.group(v.get("group")),
        "people": n.persons(_refs(v)),
    }


# ------------------------------------------------------------------------- room findings


def _w_too_few_rooms(v: Mapping[str, Any], n: Names) -> str:
    p = _p(v)
    if p["rooms"] < p["groups"]:
        text = _(
            "%(groups)s groups of %(size)s need %(groups)s rooms with at least %(size)s seats in "
            "the afternoon; the venue has %(rooms)s."
        ) % {"groups": p["groups"], "size": p["size"], "rooms": p.get("rooms_of_size", p["rooms"])}
    else:
        text = _(
            "The %(groups)s largest rooms free in the afternoon seat %(seats)s of the %(members)s "
            "people."
        ) % {"groups": p["groups"], "seats": p["seats"], "members": p["members"]}
    options = []
    suggestion = _suggestion(p, p.get("max_size", 0))
    if suggestion:
        options.append(_("use %(suggestion)s") % {"suggestion": suggestion})
    options.append(_("add rooms"))
    if p.get("blocked_rooms"):
        options.append(
            ngettext(
                "allow the %(n)s room marked as not free in the afternoon",
                "allow the %(n)s rooms marked as not free in the afternoon",
                p["blocked_rooms"],
            )
            % {"n": p["blocked_rooms"]}
        )
    return f"{text} {capfirst(str(get_text_list(options, _('or'))))}."


def _w_too_few_step_free_rooms(v: Mapping[str, Any], n: Names) -> str:
    return _(
        "%(people)s people need a step-free room for their group (with their morning partners); "
        "the step-free rooms free in the afternoon seat %(seats)s. Mark more rooms as step-free "
        "if they are, or add one."
    ) % _p(v)


def _w_chairs_need_step_free(v: Mapping[str, Any], n: Names) -> str:
    return _(
        "%(step_free_chairs)s of the %(chairs)s experts willing to chair need a step-free room, "
        "but only %(step_free_rooms)s rooms free in the afternoon are step-free: %(groups)s groups "
        "cannot all get a chair."
    ) % _p(v)


def _w_no_room(v: Mapping[str, Any], n: Names) -> str:
    p = _p(v)
    if p.get("step_free"):
        return _("%(group)s (%(size)s people) has no room; it needs a step-free one.") % {
            "group": n.group(v.get("group")),
            "size": p.get("size", "?"),
        }
    return _("%(group)s (%(size)s people) has no room.") % {
        "group": n.group(v.get("group")),
        "size": p.get("size", "?"),
    }


def _w_groups_cannot_all_have_rooms(v: Mapping[str, Any], n: Names) -> str:
    rooms = list(v.get("rooms") or ())
    return _(
        "%(groups)s fit only in %(count)s rooms (%(rooms)s); the other rooms are too small%(sf)s."
    ) % {
        "groups": n.group_list(v.get("groups") or ()),
        "count": len(rooms),
        "rooms": ", ".join(rooms) or "—",
        "sf": _(" or not step-free") if _p(v).get("step_free") else "",
    }


def _w_conversation_no_room(v: Mapping[str, Any], n: Names) -> str:
    return _("The conversation of %(expert)s (%(seats)s people) has no room in the morning.") % {
        "expert": n.person(_refs(v)[0]),
        "seats": _p(v).get("seats", "?"),
    }


def _w_conversation_rooms_not_found(v: Mapping[str, Any], n: Names) -> str:
    return _("No room plan for the morning conversations was found in time.")


def _room_of(v: Mapping[str, Any]) -> str:
    rooms = v.get("rooms") or ()
    return str(_p(v).get("room") or (rooms[0] if rooms else "?"))


def _w_room_overfull(v: Mapping[str, Any], n: Names) -> str:
    p = _p(v)
    if v.get("group") is not None:
        return _("%(group)s has %(people)s people in %(room)s, which seats %(seats)s.") % {
            "group": n.group(v.get("group")),
            "people": p["people"],
            "room": _room_of(v),
            "seats": p["seats"],
        }
    return _("%(room)s holds %(people)s people during %(block)s but seats %(seats)s.") % {
        "room": _room_of(v),
        "people": p["people"],
        "seats": p["seats"],
        "block": n.block(p.get("block", "one_to_one")),
    }


def _w_room_not_step_free(v: Mapping[str, Any], n: Names) -> str:
    if v.get("group") is not None:
        return _("%(people)s need a step-free room, but %(room)s of %(group)s is not.") % {
            "people": n.persons(_refs(v)),
            "room": _room_of(v),
            "group": n.group(v.get("group")),
        }
    return _("%(people)s need a step-free room, but %(room)s is not (%(block)s).") % {
        "people": n.persons(_refs(v)),
        "room": _room_of(v),
        "block": n.block(_p(v).get("block", "one_to_one")),
    }


def _w_room_unavailable(v: Mapping[str, Any], n: Names) -> str:
    rooms = ", ".join(v.get("rooms") or ()) or _room_of(v)
    if v.get("group") is not None:
        return _("%(group)s is in %(room)s, which is not free during %(block)s.") % {
            "group": n.group(v.get("group")),
            "room": rooms,
            "block": n.block(_p(v).get("block", "groups")),
        }
    return _("%(room)s is used but not free during %(block)s.") % {
        "room": rooms,
        "block": n.block(_p(v).get("block", "")),
    }


def _w_room_shared(v: Mapping[str, Any], n: Names) -> str:
    return _("%(groups)s share %(room)s.") % {
        "groups": n.group_list(_p(v).get("groups", [])),
        "room": _room_of(v),
    }


def _w_plenary_too_small(v: Mapping[str, Any], n: Names) -> str:
    p = _p(v)
    return _(
        "%(block)s needs seats for %(people)s people; the free rooms (%(rooms)s) seat %(seats)s."
    ) % {
        "block": n.block(p["block"]).capitalize(),
        "people": p["people"],
        "rooms": ", ".join(v.get("rooms") or ()) or "—",
        "seats": p["seats"],
    }


def _w_plenary_not_step_free(v: Mapping[str, Any], n: Names) -> str:
    return _("%(block)s is in %(rooms)s, which is not step-free, though someone needs it.") % {
        "block": n.block(_p(v)["block"]).capitalize(),
        "rooms": ", ".join(v.get("rooms") or ()),
    }


# ------------------------------------------------------------- co-creation table findings
# (a table is a group of its round: the app names groups "Table 2, round 1")


def _w_round_count(v: Mapping[str, Any], n: Names) -> str:
    return _("%(rounds)s rounds of tables, %(required)s asked for.") % _p(v)


def _w_table_no_expert(v: Mapping[str, Any], n: Names) -> str:
    return _("%(table)s has no expert by experience.") % {"table": n.group(v.get("group"))}


def _w_table_one_sector(v: Mapping[str, Any], n: Names) -> str:
    sectors = [n.sector(s) for s in _p(v).get("sectors", [])]
    if not sectors:
        return _("%(table)s has no professionals.") % {"table": n.group(v.get("group"))}
    return _("%(table)s has professionals of one sector only (%(sector)s).") % {
        "table": n.group(v.get("group")),
        "sector": ", ".join(sectors),
    }


def _w_one_sector_only(v: Mapping[str, Any], n: Names) -> str:
    sectors = [n.sector(s) for s in _p(v).get("sectors", [])]
    if not sectors:
        return _("The professionals taking part have no sector, so no table mixes sectors.")
    return _(
        "All professionals taking part work in one sector (%(sector)s), so no table mixes "
        "sectors. Invite professionals of another sector."
    ) % {"sector": ", ".join(sectors)}


def _w_no_co_facilitator(v: Mapping[str, Any], n: Names) -> str:
    return _("%(table)s has no professional willing to co-facilitate.") % {
        "table": n.group(v.get("group"))
    }


def _w_co_facilitator_unwilling(v: Mapping[str, Any], n: Names) -> str:
    return _(
        "%(person)s co-facilitates %(table)s but is not a professional at that table willing to "
        "co-facilitate."
    ) % {"person": n.person(_refs(v)[0]), "table": n.group(v.get("group"))}


def _w_same_organisation(v: Mapping[str, Any], n: Names) -> str:
    pairs = [
        _("%(a)s and %(b)s") % {"a": n.person(a), "b": n.person(b)}
        for a, b in _p(v).get("pairs", [])
    ]
    return _("At %(table)s, colleagues of the same organisation: %(pairs)s.") % {
        "table": n.group(v.get("group")),
        "pairs": "; ".join(pairs),
    }


def _w_met_before(v: Mapping[str, Any], n: Names) -> str:
    pairs = [
        _("%(a)s and %(b)s (together in round %(round)s)")
        % {"a": n.person(a), "b": n.person(b), "round": int(r) + 1}
        for a, b, r, _t in _p(v).get("pairs", [])
    ]
    return _("At %(table)s, people who met before: %(pairs)s.") % {
        "table": n.group(v.get("group")),
        "pairs": "; ".join(pairs),
    }


VIOLATIONS: dict[str, Callable[[Mapping[str, Any], Names], str]] = {
    "knows": _w_knows,
    "language": _w_language,
    "accessibility": _w_accessibility,
    "not_taking_part": _w_not_taking_part,
    "unserved": _w_unserved,
    "students_cannot_be_served": _w_cannot_be_served,
    "student_paired_twice": _w_paired_twice,
    "expert_over_capacity": _w_over_capacity,
    "locked_pair_dropped": _w_locked_pair_dropped,
    "preference_dropped": _w_preference_dropped,
    "quota_domain": _w_quota_domain,
    "quota_class_share": _w_quota_class_share,
    "step_free_places": _w_step_free_places,
    "no_groups": _w_no_groups,
    "not_in_group": _w_not_in_group,
    "in_two_groups": _w_in_two_groups,
    "not_participant": _w_not_participant,
    "group_count": _w_group_count,
    "no_chair": _w_no_chair,
    "chair_not_member": _w_chair_not_member,
    "chair_unwilling": _w_chair_unwilling,
    "too_few_chairs": _w_too_few_chairs,
    "chairs_locked_elsewhere": _w_chairs_locked_elsewhere,
    "locked_chair_unwilling": _w_locked_chair_unwilling,
    "chair_locks_contradict": _w_chair_locks_contradict,
    "first_time_chair": _w_first_time_chair,
    "group_size": _w_group_size,
    "sizes_impossible": _w_sizes_impossible,
    "together_too_big": _w_together_too_big,
    "locked_group_too_big": _w_locked_group_too_big,
    "blocks_cannot_pack": _w_blocks_cannot_pack,
    "pair_split": _w_pair_split,
    "apart_linked": _w_apart_linked,
    "together_apart": _w_together_apart,
    "apart_self": _w_apart_self,
    "locked_apart": _w_locked_apart,
    "apart_clique": _w_apart_clique,
    "lock_broken": _w_lock_broken,
    "locks_contradict": _w_locks_contradict,
    "lock_dropped": _w_lock_dropped,
    "uneven": _w_uneven,
    "alone": _w_alone,
    "moved": _w_moved,
    "too_few_rooms": _w_too_few_rooms,
    "too_few_step_free_rooms": _w_too_few_step_free_rooms,
    "chairs_need_step_free": _w_chairs_need_step_free,
    "no_room": _w_no_room,
    "groups_cannot_all_have_rooms": _w_groups_cannot_all_have_rooms,
    "conversation_no_room": _w_conversation_no_room,
    "conversation_rooms_not_found": _w_conversation_rooms_not_found,
    "room_overfull": _w_room_overfull,
    "room_not_step_free": _w_room_not_step_free,
    "room_unavailable": _w_room_unavailable,
    "room_shared": _w_room_shared,
    "plenary_too_small": _w_plenary_too_small,
    "plenary_not_step_free": _w_plenary_not_step_free,
    "round_count": _w_round_count,
    "table_no_expert": _w_table_no_expert,
    "table_one_sector": _w_table_one_sector,
    "one_sector_only": _w_one_sector_only,
    "no_co_facilitator": _w_no_co_facilitator,
    "co_facilitator_unwilling": _w_co_facilitator_unwilling,
    "same_organisation": _w_same_organisation,
    "met_before": _w_met_before,
}


def violation_text(v: Mapping[str, Any], names: Names) -> str:
    """One violation (the JSON of ``Violation.to_json``) as a sentence in the active language.

    A violation saved before violations were data (it has a ``message`` and no ``code``) is
    shown as it was saved.
    """
    if "code" not in v:
        return str(v.get("message", v.get("rule", "")))
    return VIOLATIONS[v["code"]](v, names)


# ------------------------------------------------------------------------- rule checks


def _ok_text(c: Mapping[str, Any], n: Names) -> str:
    p = _p(c)
    refs = _refs(c)
    code = c["code"]
    if code == "chaired_by":
        return _("chaired by %(chair)s") % {"chair": n.person(refs[0])}
    if code == "chaired_before":
        return _("%(chair)s has chaired before") % {"chair": n.person(refs[0])}
    if code == "group_size":
        return _("%(size)s people (%(min)s to %(max)s allowed)") % {
            "size": p["size"],
            "min": p["min_size"],
            "max": p["max_size"],
        }
    if code == "room_fits":
        return _("%(room)s: %(people)s people, %(seats)s seats") % p
    if code == "co_facilitated_by":
        return _("co-facilitated by %(person)s") % {"person": n.person(refs[0])}
    if code == "sectors_mixed":
        return _("sectors: %(sectors)s") % {
            "sectors": ", ".join(n.sector(s) for s in p.get("sectors", []))
        }
    return str(
        {
            "pairs_together": _("morning partners together"),
            "apart_kept": _("nobody who must be kept apart"),
            "locks_kept": _("locks kept"),
            "spread_even": _("categories spread evenly"),
            "nobody_alone": _("no minority member alone"),
            "nobody_moved": _("nobody moved"),
            "everyone_once": _("everyone in exactly one group"),
            "group_count": _("%(groups)s groups") % {"groups": p.get("groups", "")},
            "has_expert": _("an expert by experience at the table"),
            "organisations_apart": _("no colleagues of one organisation"),
            "all_new": _("nobody met before"),
            "round_count": _("%(rounds)s rounds") % {"rounds": p.get("rounds", "")},
        }.get(code, code)
    )


def check_text(c: Mapping[str, Any], names: Names) -> str:
    """One rule check (``RuleCheck.to_json``): what holds, or what fails, as a phrase."""
    if "code" not in c:
        return str(c.get("detail", ""))
    if c["ok"]:
        return _ok_text(c, names)
    return violation_text(c, names)


# ------------------------------------------------------------------------------- notes


def note_text(note: Mapping[str, Any] | str, names: Names) -> str:
    """One line of the engine's explanation (``Note.to_json``) in the active language."""
    if isinstance(note, str):
        return note
    p = _p(note)
    code = str(note["code"])
    phrases: dict[str, Callable[[], str]] = {
        "pairs_made": lambda: (
            _(
                "%(pairs)s of %(students)s students paired with %(experts)s experts (%(trios)s "
                "trios); %(surplus)s experts without a student."
            )
            % p
        ),
        "left_out": lambda: (
            _(
                "Not planned: %(students)s students and %(experts)s experts who do not take part or are not eligible."
            )
            % p
        ),
        "groups_formed": lambda: _("%(groups)s groups of %(smallest)s to %(largest)s people.") % p,
        "no_groups": lambda: _("No afternoon groups could be formed; the problems above say why."),
        "groups_raised_for_locks": lambda: (
            _("%(groups)s groups instead of %(before)s, because the locks name a group that far.")
            % p
        ),
        "locks_kept": lambda: (
            _("%(members)s locked people and %(chairs)s locked chairs kept in their groups.") % p
        ),
        "locked_pairs_kept": lambda: _("%(count)s locked pairs kept as they were.") % p,
        "milp_no_solution": lambda: _(
            "No plan that meets the quotas was found in time; the quotas were left out."
        ),
        "milp_stopped_early": lambda: _(
            "The search for the quotas stopped early; the best plan found is shown."
        ),
        "repaired": lambda: (
            _(
                "%(absent)s absent, %(late)s late: %(pairs_changed)s students got another "
                "expert; %(changes)s changes in all."
            )
            % p
        ),
        "regrouped": lambda: _(
            "A group rule still failed, so the groups were formed again with as few moves as possible."
        ),
        "groups_not_repairable": lambda: _(
            "No valid afternoon grouping exists with these groups after the absences."
        ),
        "repair_not_proven_minimal": lambda: (
            _(
                "The search for the fewest group changes stopped after %(seconds)s s; the best "
                "repair found is shown, perhaps not the smallest."
            )
            % p
        ),
        "repair_exact_stopped": lambda: (
            _(
                "The search for the fewest group changes found nothing in %(seconds)s s, so the "
                "groups were formed again with as few moves as possible."
            )
            % p
        ),
        "tables_formed": lambda: (
            ngettext(
                "%(rounds)s round of %(tables)s tables; %(repeats)s repeat meetings.",
                "%(rounds)s rounds of %(tables)s tables; %(repeats)s repeat meetings.",
                p["rounds"],
            )
            % p
        ),
        "no_tables": lambda: (
            _("No tables could be formed for round %(round)s; the problems above say why.")
            % {"round": int(p.get("round", 0)) + 1}
        ),
        "no_chair_left": lambda: (
            _("%(group)s: no willing chair left.") % {"group": names.group(p.get("group"))}
        ),
    }
    return phrases[code]() if code in phrases else code


def reason_text(reason: Mapping[str, Any] | str, names: Names) -> str:
    """Why a pair was chosen (one ``Note`` of ``Pair.reasons``) as a short phrase."""
    if isinstance(reason, str):
        return reason
    p = _p(reason)
    code = reason["code"]
    phrases: dict[str, Callable[[], str]] = {
        "interest": lambda: (
            _("wish %(rank)s: %(domain)s")
            % {"rank": p["rank"], "domain": names.domain(p["domain"])}
        ),
        "no_interest_available": lambda: _(
            "none of the student's wishes available: the best remaining expert"
        ),
        "no_interest_veteran": lambda: _("no wish given: an experienced expert"),
        "no_interest": lambda: _("no wish given"),
        "common_language": lambda: (
            _("common language: %(languages)s") % {"languages": ", ".join(p["languages"])}
        ),
        "no_common_language": lambda: _("no common language"),
        "needs_met": lambda: _("needs met: %(needs)s") % {"needs": ", ".join(p["needs"])},
        "needs_step_free": lambda: _("needs a step-free room"),
        "trio": lambda: _("trio: the expert takes a second student (too few experts)"),
        "locked": lambda: _("locked by the coordinator"),
        "set_by_hand": lambda: _("set by hand"),
    }
    return phrases[code]() if code in phrases else str(code)


# ---------------------------------------------------------------------- plan summaries


@dataclass(frozen=True)
class PlanFindings:
    """A plan's findings as sentences, hard ones apart from soft ones."""

    hard: list[str]
    soft: list[str]


def findings(violations: Sequence[Mapping[str, Any]], names: Names) -> PlanFindings:
    """Sentences for ``violations`` (dicts), hard first, in the order given."""
    return PlanFindings(
        hard=[violation_text(v, names) for v in violations if v.get("hard", True)],
        soft=[violation_text(v, names) for v in violations if not v.get("hard", True)],
    )
