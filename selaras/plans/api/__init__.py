"""API over programmes, cycles, plans, activities, revisions and regional
plans, one module per sub-domain.

Reads go through `restrict` (via `ScopedViewSetMixin` or the selectors);
writes go through `selaras.plans.services`, never `serializer.save()`, so the
API enforces exactly what the pages enforce. A stale `version` answers 409
with what changed meanwhile; a locked plan answers 409; a refused transition
answers 403 with the reason.

`routes` lists this app's endpoints; `selaras.api_urls` registers them on the
project's router.
"""

from __future__ import annotations

from selaras.plans.api.activities import ActivityViewSet, LocationViewSet
from selaras.plans.api.history import RevisionViewSet, TransitionViewSet
from selaras.plans.api.plans import PlanViewSet
from selaras.plans.api.programmes import CycleViewSet, ProgrammeViewSet
from selaras.plans.api.regional import RegionalPlanViewSet, SubActivityViewSet

routes = (
    ("programmes", ProgrammeViewSet, "programme"),
    ("cycles", CycleViewSet, "cycle"),
    ("plans", PlanViewSet, "plan"),
    ("activities", ActivityViewSet, "activity"),
    ("activity-locations", LocationViewSet, "activity-location"),
    ("plan-revisions", RevisionViewSet, "plan-revision"),
    ("plan-transitions", TransitionViewSet, "plan-transition"),
    ("regional-plans", RegionalPlanViewSet, "regional-plan"),
    ("regional-sub-activities", SubActivityViewSet, "regional-sub-activity"),
)
views = ()
