"""Guards on the lifecycle: conditions that higher apps set on entering a status.

The editions app sits below planning, so it cannot ask whether a plan is published. Instead a
higher app registers a guard for a status (planning does so in its ``AppConfig.ready()``);
``transition_edition`` runs the guards of the target status, inside its transaction and after
the lifecycle table allowed the step. A guard returns ``None`` to let the edition pass, or the
reason it may not, in the active language; the transition then raises ``InvalidTransition``.
"""

from __future__ import annotations

from collections.abc import Callable

from ontmoeting.editions.models import Edition, InvalidTransition

#: A guard: ``None`` when ``edition`` may enter the status, else why not.
Guard = Callable[[Edition], str | None]

_GUARDS: dict[str, list[Guard]] = {}


def register_guard(status: str, guard: Guard) -> None:
    """Run ``guard`` before an edition enters ``status``; registering it twice changes nothing."""
    guards = _GUARDS.setdefault(str(status), [])
    if guard not in guards:
        guards.append(guard)


def unregister_guard(status: str, guard: Guard) -> None:
    """Remove ``guard`` from ``status`` (tests); nothing happens when it is not registered."""
    guards = _GUARDS.get(str(status), [])
    if guard in guards:
        guards.remove(guard)


def check_guards(edition: Edition, target: str) -> None:
    """Raise InvalidTransition with the reason of the first guard of ``target`` that refuses."""
    for guard in _GUARDS.get(str(target), []):
        reason = guard(edition)
        if reason:
            raise InvalidTransition(reason)
