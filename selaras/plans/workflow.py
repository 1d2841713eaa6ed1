"""The plan workflow: every allowed transition, and who may make it, in one
table. Services in `selaras.plans.services` carry the transitions out."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from selaras.plans.models import PlanStatus as S

OWNER = "owner"  # the plan's own planners (or the regional government's officers)
COORDINATOR = "coordinator"  # the unit coordinating the programme


@dataclass(frozen=True)
class Transition:
    action: str
    label: object
    sources: frozenset[str]
    target: str
    actor: str
    freezes_revision: bool = False
    needs_comment: bool = False


TRANSITIONS: dict[str, Transition] = {
    t.action: t
    for t in (
        Transition("submit", _("Ajukan"), frozenset({S.DRAFT, S.RETURNED}), S.SUBMITTED, OWNER, freezes_revision=True),
        Transition("start_review", _("Mulai penelaahan"), frozenset({S.SUBMITTED}), S.IN_REVIEW, COORDINATOR),
        Transition(
            "return",
            _("Kembalikan untuk perbaikan"),
            frozenset({S.SUBMITTED, S.IN_REVIEW}),
            S.RETURNED,
            COORDINATOR,
            needs_comment=True,
        ),
        Transition("endorse", _("Setujui"), frozenset({S.IN_REVIEW}), S.ENDORSED, COORDINATOR),
        Transition("start_implementation", _("Mulai pelaksanaan"), frozenset({S.ENDORSED}), S.IN_IMPLEMENTATION, OWNER),
        Transition("close", _("Tutup"), frozenset({S.IN_IMPLEMENTATION}), S.CLOSED, COORDINATOR),
    )
}


def transitions_from(status: str) -> list[Transition]:
    return [t for t in TRANSITIONS.values() if status in t.sources]
