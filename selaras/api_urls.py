"""Every API endpoint, under /api/. Each app's `api.py` holds its viewsets;
this file only names them. The OpenAPI document is at /api/schema/ and its
browsable docs at /api/docs/, served entirely from this site."""

from __future__ import annotations

import base64
import hashlib
import re
from functools import cache

from django.conf import settings
from django.template.loader import get_template
from django.urls import include, path
from django.utils.csp import CSP
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from selaras.accounts.api import MembershipViewSet, MeView, TokenView
from selaras.audit.api import AuditEntryViewSet
from selaras.core.job_api import JobViewSet
from selaras.registry import api as registry_api

router = DefaultRouter()
router.register("regions", registry_api.RegionViewSet, basename="region")
router.register("agencies", registry_api.AgencyViewSet, basename="agency")
router.register("affairs", registry_api.AffairViewSet, basename="affair")
router.register("authority-rules", registry_api.AuthorityRuleViewSet, basename="authority-rule")
router.register("target-frameworks", registry_api.TargetFrameworkViewSet, basename="target-framework")
router.register("development-targets", registry_api.DevelopmentTargetViewSet, basename="development-target")
router.register("memberships", MembershipViewSet, basename="membership")
router.register("audit", AuditEntryViewSet, basename="audit-entry")
router.register("jobs", JobViewSet, basename="job")


@cache
def _inline_style_hashes() -> tuple[str, ...]:
    """CSP hashes of the <style> blocks in drf-spectacular's page template:
    the page is theirs, so its few lines of inline CSS are allowed by hash
    rather than by opening style-src to every inline style."""
    source = get_template(SwaggerDocsView.template_name).template.source
    blocks = re.findall(r"<style>(.*?)</style>", source, flags=re.DOTALL)
    return tuple("'sha256-" + base64.b64encode(hashlib.sha256(b.encode()).digest()).decode() + "'" for b in blocks)


class SwaggerDocsView(SpectacularSwaggerSplitView):
    """Swagger UI from drf-spectacular-sidecar's static files, with its
    start-up script loaded from a URL (`?script`), so no inline script needs
    allowing under the site's Content-Security-Policy."""

    url_name = "api:schema"

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        policy = {key: list(value) for key, value in settings.SECURE_CSP.items()}
        policy["style-src"] = [*policy.get("style-src", [CSP.SELF]), *_inline_style_hashes()]
        response._csp_config = policy
        return response


app_name = "api"
urlpatterns = [
    path("", include(router.urls)),
    path("", include("selaras.plans.api_urls")),
    path("", include("selaras.sync.api_urls")),
    path("me/", MeView.as_view(), name="me"),
    path("token/", TokenView.as_view(), name="token"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SwaggerDocsView.as_view(), name="docs"),
]
