"""Access policy for background jobs, registered into the one permission
layer: the person who started one and national administrators read it (its
progress, reason for failure, result). Jobs change only through
`selaras.core.jobs`, never through the permission layer."""

from __future__ import annotations

from django.db.models import Q

from selaras.core.access import EVERYTHING, NOTHING, READ, WRITE, Grants, policy


@policy("core.job", READ)
def _job_read(grants: Grants) -> Q:
    if grants.is_admin:
        return EVERYTHING
    return Q(started_by_id=grants.user_id) if grants.user_id else NOTHING


@policy("core.job", WRITE)
def _job_write(grants: Grants) -> Q:
    return NOTHING
