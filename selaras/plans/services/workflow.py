"""The plan workflow: which transitions a user may make, and making one
(with the frozen revision and the audit event it leaves)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from selaras.audit.recorder import record_event
from selaras.core import access, events
from selaras.core.access import READ
from selaras.core.versioning import check_version
from selaras.plans import policies
from selaras.plans.errors import TransitionNotAllowed
from selaras.plans.models import Plan, PlanRevision, PlanTransition
from selaras.plans.revisions import plan_snapshot
from selaras.plans.services.common import bump
from selaras.plans.workflow import COORDINATOR, OWNER, TRANSITIONS, Transition

if TYPE_CHECKING:
    from selaras.accounts.models import User


def allowed_transitions(plan: Plan, user: User) -> list[Transition]:
    """The transitions this user may make on this plan now (for buttons)."""
    result = []
    for t in TRANSITIONS.values():
        if plan.status in t.sources and may_act(user, plan, t):
            result.append(t)
    return result


def may_act(user: User, plan: Plan, transition: Transition) -> bool:
    """Whether `user` plays the role (owner or coordinator) this transition needs."""
    return access.can(user, policies.OWN if transition.actor == OWNER else policies.COORDINATE, plan)


@transaction.atomic
def plan_transition(
    *, plan: Plan, action: str, by: User, comment: str = "", expected_version: int | None = None
) -> Plan:
    transition = TRANSITIONS.get(action)
    if transition is None:
        raise ValidationError(_("Tindakan tidak dikenal: %(action)s") % {"action": action})
    plan = Plan.objects.select_for_update().select_related("cycle__programme", "owner").get(pk=plan.pk)
    check_version(plan, expected_version)
    if not access.can(by, READ, plan) and transition.actor == COORDINATOR:
        raise TransitionNotAllowed(_("Anda tidak berwenang atas rencana ini."))
    if plan.status not in transition.sources:
        raise TransitionNotAllowed(
            _("Rencana berstatus “%(status)s” tidak dapat di-“%(action)s”.")
            % {"status": plan.get_status_display(), "action": transition.label}
        )
    if not may_act(by, plan, transition):
        raise TransitionNotAllowed(
            _("Peran Anda tidak dapat melakukan “%(action)s” pada rencana ini.") % {"action": transition.label}
        )
    if transition.needs_comment and not comment.strip():
        raise ValidationError({"comment": _("Berikan alasan atau catatan perbaikan.")})
    if transition.action == "submit" and not plan.activities.exists():
        raise ValidationError(_("Rencana tanpa kegiatan tidak dapat diajukan."))
    before = plan.status
    plan.status = transition.target
    revision_number = None
    if transition.freezes_revision:
        plan.revision += 1
        revision_number = plan.revision
        PlanRevision.objects.create(plan=plan, number=plan.revision, created_by=by, snapshot=plan_snapshot(plan))
    bump(plan)
    plan.save()
    done = PlanTransition.objects.create(
        plan=plan,
        action=transition.action,
        from_status=before,
        to_status=plan.status,
        by=by,
        comment=comment,
        revision=revision_number,
    )
    # Named by its label for people; the save above already recorded the status change.
    record_event(plan, str(transition.label) + (f" — {comment}" if comment else ""))
    events.emit("plan.transition", plan_id=plan.pk, transition_id=done.pk, action=transition.action)
    return plan
