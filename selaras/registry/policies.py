"""Access policies for reference data, registered into the one permission
layer (`selaras.core.access`): public to read (the open-data portal shows
it), written by national administrators only."""

from __future__ import annotations

from django.db.models import Q

from selaras.core.access import EVERYTHING, NOTHING, READ, WRITE, Grants, policy

REFERENCE_MODELS = (
    "registry.region",
    "registry.regionboundary",
    "registry.agency",
    "registry.affair",
    "registry.authorityrule",
    "registry.targetframework",
    "registry.developmenttarget",
)


def public(grants: Grants) -> Q:
    return EVERYTHING


def admin_only(grants: Grants) -> Q:
    return EVERYTHING if grants.is_admin else NOTHING


for _label in REFERENCE_MODELS:
    policy(_label, READ)(public)
    policy(_label, WRITE)(admin_only)
