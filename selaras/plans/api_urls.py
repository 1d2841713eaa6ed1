"""API routes of the plans app, included under /api/ by `selaras.api_urls`.

A SimpleRouter (no root view of its own): the project's router owns /api/."""

from __future__ import annotations

from rest_framework.routers import SimpleRouter

from selaras.plans import api

router = SimpleRouter()
router.register("programmes", api.ProgrammeViewSet, basename="programme")
router.register("cycles", api.CycleViewSet, basename="cycle")
router.register("plans", api.PlanViewSet, basename="plan")
router.register("activities", api.ActivityViewSet, basename="activity")
router.register("activity-locations", api.LocationViewSet, basename="activity-location")
router.register("plan-revisions", api.RevisionViewSet, basename="plan-revision")
router.register("plan-transitions", api.TransitionViewSet, basename="plan-transition")
router.register("regional-plans", api.RegionalPlanViewSet, basename="regional-plan")
router.register("regional-sub-activities", api.SubActivityViewSet, basename="regional-sub-activity")

urlpatterns = router.urls
