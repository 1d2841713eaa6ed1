"""API routes of the sync app, included under /api/ by `selaras.api_urls`.

A SimpleRouter (no root view of its own): the project's router owns /api/."""

from __future__ import annotations

from django.urls import path
from rest_framework.routers import SimpleRouter

from selaras.sync import api

router = SimpleRouter()
router.register("check-runs", api.CheckRunViewSet, basename="check-run")
router.register("findings", api.FindingViewSet, basename="finding")
router.register("review-notes", api.ReviewNoteViewSet, basename="review-note")
router.register("letters", api.LetterViewSet, basename="letter")

urlpatterns = [*router.urls, path("similarity/", api.SimilarityView.as_view(), name="similarity")]
