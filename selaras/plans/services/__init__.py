"""Everything that writes plans, by sub-domain: programmes, cycles, plans,
activities, a plan's whole content and the workflow. Views, the API,
spreadsheet imports and commands all call these.

Each service checks permission through `selaras.core.access`, validates,
and runs in one transaction: nothing is half-saved. Import from here
(`from selaras.plans import services`); the sub-modules are the layout.
"""

from selaras.core.versioning import changes_since, check_version
from selaras.plans.models import PlanStatus, ProgrammeKind
from selaras.plans.services.activities import (
    RECIPIENT_LEVELS,
    ActivityData,
    IndicatorData,
    LocationData,
    activity_create,
    activity_delete,
    activity_update,
    apply_activity_data,
    eligible_recipients,
    recipient_level_error,
    replace_activity_parts,
    validate_delegation,
    validate_locations,
)
from selaras.plans.services.common import bump, require
from selaras.plans.services.content import plan_replace_activities
from selaras.plans.services.cycles import (
    CYCLE_DEADLINE_FIELDS,
    cycle_open,
    cycle_record_legal_acts,
    cycle_update,
    default_deadlines,
    has_default_deadlines,
)
from selaras.plans.services.plans import plan_create, plan_update
from selaras.plans.services.programmes import (
    PROGRAMME_FIELDS,
    check_programme_fields,
    programme_create,
    programme_update,
)
from selaras.plans.services.workflow import allowed_transitions, may_act, plan_transition

__all__ = [
    "CYCLE_DEADLINE_FIELDS",
    "PROGRAMME_FIELDS",
    "RECIPIENT_LEVELS",
    "ActivityData",
    "IndicatorData",
    "LocationData",
    "PlanStatus",
    "ProgrammeKind",
    "activity_create",
    "activity_delete",
    "activity_update",
    "allowed_transitions",
    "apply_activity_data",
    "bump",
    "changes_since",
    "check_programme_fields",
    "check_version",
    "cycle_open",
    "cycle_record_legal_acts",
    "cycle_update",
    "default_deadlines",
    "eligible_recipients",
    "has_default_deadlines",
    "may_act",
    "plan_create",
    "plan_replace_activities",
    "plan_transition",
    "plan_update",
    "programme_create",
    "programme_update",
    "recipient_level_error",
    "replace_activity_parts",
    "require",
    "validate_delegation",
    "validate_locations",
]
