"""Access policy for the audit trail, registered into the one permission
layer: the history of a record is visible to whoever may read the record.
Nobody writes audit entries through the permission layer."""

from __future__ import annotations

from django.apps import apps
from django.db.models import Q

from selaras.core.access import EVERYTHING, NOTHING, READ, WRITE, Grants, any_of, policies_for, policy


@policy("audit.auditentry", READ)
def _audit_read(grants: Grants) -> Q:
    if grants.is_anonymous:
        return NOTHING
    if grants.is_admin:
        return EVERYTHING
    from django.contrib.contenttypes.models import ContentType

    parts = []
    for label, read_q in policies_for(READ).items():
        if label == "audit.auditentry":
            continue
        model = apps.get_model(label)
        q = read_q(grants)
        ct = ContentType.objects.get_for_model(model)
        if q == EVERYTHING:
            parts.append(Q(content_type=ct))
        elif q != NOTHING:
            visible = model._default_manager.filter(q).values("pk")
            parts.append(Q(content_type=ct, object_pk__in=visible))
    return any_of(parts)


@policy("audit.auditentry", WRITE)
def _audit_write(grants: Grants) -> Q:
    return NOTHING
