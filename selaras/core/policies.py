"""Access policy for background jobs, registered into the one permission
layer: the person who started one and national administrators read it (its
progress, reason for failure, result) and may run it again; only
administrators read its technical detail (a traceback names code and data
paths). Jobs change only through `selaras.core.jobs`, never through the
permission layer."""

from __future__ import annotations

from django.db.models import Q

from selaras.core.access import EVERYTHING, NOTHING, READ, WRITE, Grants, policy

RERUN = "rerun"
READ_DETAIL = "read_detail"


@policy("core.job", READ)
def _job_read(grants: Grants) -> Q:
    if grants.is_admin:
        return EVERYTHING
    return Q(started_by_id=grants.user_id) if grants.user_id else NOTHING


@policy("core.job", WRITE)
def _job_write(grants: Grants) -> Q:
    return NOTHING


@policy("core.job", RERUN)
def _job_rerun(grants: Grants) -> Q:
    # The job's own app may narrow this further (`jobs.job_rerun_guard`).
    return _job_read(grants)


@policy("core.job", READ_DETAIL)
def _job_read_detail(grants: Grants) -> Q:
    return EVERYTHING if grants.is_admin else NOTHING
