"""Every API endpoint, under /api/, on one router so that /api/ lists them
all. Each app's API module ends with `routes` (prefix, viewset, basename) and
`views` (path, view, name) for the few endpoints that are not viewsets; this
file only names the apps. The OpenAPI document is at /api/schema/ and its
browsable docs at /api/docs/, served entirely from this site."""

from __future__ import annotations

import base64
import hashlib
import re
from functools import cache

from django.conf import settings
from django.template.loader import get_template
from django.urls import path
from django.utils.csp import CSP
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from selaras.accounts import api as accounts_api
from selaras.audit import api as audit_api
from selaras.core import job_api
from selaras.flags import api as flags_api
from selaras.meetings import api as meetings_api
from selaras.notifications import api as notifications_api
from selaras.plans import api as plans_api
from selaras.registry import api as registry_api
from selaras.sync import api as sync_api

# In the order of the apps (see docs/adding-a-model.md).
APPS = (
    job_api,
    registry_api,
    audit_api,
    accounts_api,
    plans_api,
    flags_api,
    sync_api,
    notifications_api,
    meetings_api,
)


class ProjectRouter(DefaultRouter):
    """DefaultRouter whose root also lists the endpoints that are plain
    views (`me/`, `token/`, `similarity/`, the schema and its docs)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.named_views: dict[str, str] = {}

    def get_api_root_view(self, api_urls=None):
        root = {prefix: self.routes[0].name.format(basename=basename) for prefix, _vs, basename in self.registry}
        root.update(self.named_views)
        return self.APIRootView.as_view(api_root_dict=root)


router = ProjectRouter()
view_paths = []
for module in APPS:
    for prefix, viewset, basename in module.routes:
        router.register(prefix, viewset, basename=basename)
    for route, view, name in module.views:
        router.named_views[route.rstrip("/")] = name
        view_paths.append(path(route, view.as_view(), name=name))
router.named_views.update(schema="schema", docs="docs")


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
    *router.urls,
    *view_paths,
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SwaggerDocsView.as_view(), name="docs"),
]
