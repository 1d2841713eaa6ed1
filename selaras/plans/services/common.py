"""What every plans service shares: the stale-edit check, the version bump
and the permission check that tells a locked plan from a forbidden one."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from selaras.core import access
from selaras.core.access import READ, WRITE
from selaras.plans.errors import PlanLocked
from selaras.plans.models import Plan

if TYPE_CHECKING:
    from selaras.accounts.models import User


def bump(obj) -> None:
    """Count an edit: the next stale copy is refused by `check_version`."""
    obj.version += 1


def require(user: User, action: str, obj) -> None:
    """Refuse unless `user` may `action` on `obj`; a readable but frozen plan
    says it is locked rather than forbidden."""
    if not access.can(user, action, obj):
        if action == WRITE and isinstance(obj, Plan) and access.can(user, READ, obj) and not obj.is_editable:
            raise PlanLocked(
                _("Rencana berstatus “%(status)s” dan terkunci; isinya tidak dapat diubah.")
                % {"status": obj.get_status_display()}
            )
        raise PermissionDenied(_("Anda tidak berwenang mengubah data ini."))
