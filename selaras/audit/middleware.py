from __future__ import annotations

from selaras.core.context import acting_as


class AuditActorMiddleware:
    """Makes the signed-in user the actor of every change made in a request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path_info
        via = "admin" if path.startswith("/admin/") else "api" if path.startswith("/api/") else "web"
        user = request.user if getattr(request, "user", None) and request.user.is_authenticated else None
        with acting_as(user, via):
            return self.get_response(request)
