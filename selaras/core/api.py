"""What every API endpoint shares: the permission check, the scoped queryset,
declared query filters, pagination and clear error messages.

Every viewset builds on `ScopedViewSetMixin`, so reading goes through
`selaras.core.access.restrict(..., READ)` and every write is checked against
WRITE for the concrete record before it is kept. Viewsets over records with a
workflow build on `ServiceViewSetMixin` instead: every write goes through the
app's services, a stale `version` answers 409 with what changed meanwhile.

It stays whole over 400 lines: the permissions, mixins and error handlers
build on one another, and every app's API imports them from here.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import models, transaction
from django.db.models import ProtectedError, RestrictedError
from django.http import Http404, JsonResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import defaults
from rest_framework import exceptions, serializers, status
from rest_framework.filters import BaseFilterBackend
from rest_framework.pagination import LimitOffsetPagination
from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.response import Response

from selaras.core import access
from selaras.core.context import acting_as
from selaras.core.text import MAX_ID, parse_id
from selaras.core.versioning import StaleEdit

# Django's own logger for failed requests, so an API 500 reaches the same
# logs and administrators' mail as any other.
logger = logging.getLogger("django.request")


def _model_of(view) -> type[models.Model] | None:
    queryset = getattr(view, "queryset", None)
    if queryset is not None:
        return queryset.model
    serializer_class = getattr(view, "serializer_class", None)
    meta = getattr(serializer_class, "Meta", None)
    return getattr(meta, "model", None)


def _public_to_anonymous(model: type[models.Model]) -> bool:
    """Whether an anonymous visitor may read some of this kind at all; if
    not, the endpoint answers 401/403 instead of an empty list."""
    return access.policy_for(model, access.READ)(access.Grants()) != access.NOTHING


class ScopedPermission(BasePermission):
    """The API face of `selaras.core.access`.

    Reading: the queryset is already restricted; anonymous visitors are
    turned away from kinds they can never see. Creating: `can_create` for the
    coarse question, then the concrete record is checked in `perform_create`.
    Changing or deleting: `can(user, WRITE, obj)`.
    """

    message = gettext_lazy("Anda tidak berwenang melakukan tindakan ini pada data ini.")

    def has_permission(self, request, view) -> bool:
        model = _model_of(view)
        if model is None:
            # A view that is not about a kind of record decides for itself.
            return True
        user = request.user
        if request.method in SAFE_METHODS:
            return bool(user and user.is_authenticated) or _public_to_anonymous(model)
        if not (user and user.is_authenticated):
            return False
        if request.method == "POST":
            # Every POST to a list endpoint creates; refuse before the body
            # is even read, so a read-only endpoint also answers 403, not 405.
            return access.can_create(user, model)
        return True

    def has_object_permission(self, request, view, obj) -> bool:
        if request.method in SAFE_METHODS:
            return access.can(request.user, access.READ, obj)
        return access.can(request.user, access.WRITE, obj)


def _id_message(raw: str) -> str:
    return _("Tulis bilangan bulat positif, 1 sampai %(max)s; nilai %(value)r tidak sah.") % {
        "max": MAX_ID,
        "value": raw,
    }


class Pagination(LimitOffsetPagination):
    default_limit = 100
    max_limit = 1000


@dataclass(frozen=True)
class QueryFilter:
    """One query parameter of a list endpoint: `?name=value` becomes
    `queryset.filter(**{lookup: value})` after `parse` (which raises
    ValueError for a bad value), or `method(queryset, value)`."""

    name: str
    lookup: str = ""
    description: str = ""
    type: type = str
    parse: Callable[[str], Any] | None = None
    method: Callable[[models.QuerySet, Any], models.QuerySet] | None = None
    enum: tuple[str, ...] | None = None

    def apply(self, queryset: models.QuerySet, raw: str) -> models.QuerySet:
        if self.type is int:
            # Every number in a filter is an id or a year: one check for all
            # of them before any custom parse, so none reaches the database
            # as an overflow.
            try:
                parse_id(raw)
            except ValueError:
                raise exceptions.ValidationError({self.name: [_id_message(raw)]}) from None
        parse = self.parse or (parse_id if self.type is int else str)
        try:
            value = parse(raw.strip())
            if self.enum is not None and value not in self.enum:
                raise exceptions.ValidationError(
                    {self.name: [_("Pilih salah satu dari: %(choices)s.") % {"choices": ", ".join(self.enum)}]}
                )
            if self.method is not None:
                return self.method(queryset, value)
            return queryset.filter(**{self.lookup: value})
        except (TypeError, ValueError):
            raise exceptions.ValidationError(
                {self.name: [_("Nilai %(value)r tidak sah untuk parameter ini.") % {"value": raw}]}
            ) from None

    def openapi(self) -> dict:
        schema: dict[str, Any] = (
            {"type": "integer", "minimum": 1, "maximum": MAX_ID} if self.type is int else {"type": "string"}
        )
        if self.enum:
            schema["enum"] = list(self.enum)
        return {
            "name": self.name,
            "in": "query",
            "required": False,
            "description": str(self.description),
            "schema": schema,
        }


class DeclaredFilterBackend(BaseFilterBackend):
    """Applies the view's `query_filters` on list requests and documents
    them in the OpenAPI schema."""

    def filter_queryset(self, request, queryset, view):
        if getattr(view, "action", None) != "list":
            return queryset
        for f in getattr(view, "query_filters", ()):
            raw = request.query_params.get(f.name)
            if raw not in (None, ""):
                queryset = f.apply(queryset, raw)
        return queryset

    def get_schema_operation_parameters(self, view):
        return [f.openapi() for f in getattr(view, "query_filters", ())]


class ScopedViewSetMixin:
    """Base for every Selaras viewset.

    Subclasses set `queryset` (the unrestricted base, with its
    select_related) and `serializer_class`; `get_queryset` narrows it to
    what the requesting user may read. Writes run in one transaction, as the
    requesting user for the audit trail (token-authenticated requests are
    authenticated after the audit middleware ran), and are refused — and
    rolled back — when the resulting record is outside the user's WRITE scope.
    """

    permission_classes = [ScopedPermission]
    pagination_class = Pagination
    filter_backends = [DeclaredFilterBackend]
    query_filters: tuple[QueryFilter, ...] = ()

    def get_queryset(self):
        return access.restrict(super().get_queryset(), self.request.user, access.READ)

    def _check_write(self, instance: models.Model) -> None:
        if not access.can(self.request.user, access.WRITE, instance):
            raise exceptions.PermissionDenied(ScopedPermission.message)

    def perform_create(self, serializer) -> None:
        with acting_as(self.request.user, "api"), transaction.atomic():
            instance = serializer.save()
            self._check_write(instance)

    def perform_update(self, serializer) -> None:
        with acting_as(self.request.user, "api"), transaction.atomic():
            instance = serializer.save()
            self._check_write(instance)

    def perform_destroy(self, instance) -> None:
        with acting_as(self.request.user, "api"), transaction.atomic():
            instance.delete()


# --- writes through the services ---------------------------------------------------
class ServicePermission(ScopedPermission):
    """Scoped reading as everywhere; for writes only "signed in" here,
    because the services check the concrete record (and answer why: not
    yours, locked, wrong step of the workflow)."""

    def has_permission(self, request, view) -> bool:
        if request.method in SAFE_METHODS:
            return super().has_permission(request, view)
        return bool(request.user and request.user.is_authenticated)

    def has_object_permission(self, request, view, obj) -> bool:
        # The object came from the READ-restricted queryset; writes are the
        # services' to judge.
        return True


class ServiceViewSetMixin(ScopedViewSetMixin):
    """Base for viewsets whose writes go through an app's services.

    It never saves a serializer itself: a subclass that allows creating,
    changing or deleting names the service in its own `perform_create`,
    `perform_update` or `perform_destroy`. A stale `version` answers 409 with
    the current version and what changed meanwhile; the app's own "this is
    frozen" errors (`conflicts`, exception class → code) answer 409; a
    service's refusal answers 403 with its reason (`refusal_codes` names the
    code of particular refusals).
    """

    permission_classes = [ServicePermission]
    conflicts: tuple[tuple[type[Exception], str], ...] = ()
    refusal_codes: tuple[tuple[type[Exception], str], ...] = ()

    def _no_service(self, what: str):
        raise ImproperlyConfigured(
            f"{type(self).__name__} {what} without a service: override perform_{what} to call one."
        )

    def perform_create(self, serializer) -> None:
        self._no_service("create")

    def perform_update(self, serializer) -> None:
        self._no_service("update")

    def perform_destroy(self, instance) -> None:
        self._no_service("destroy")

    def acting(self):
        return acting_as(self.request.user, "api")

    def handle_exception(self, exc):
        if isinstance(exc, StaleEdit):
            return Response(stale_edit_body(exc), status=status.HTTP_409_CONFLICT)
        for kind, code in self.conflicts:
            if isinstance(exc, kind):
                return Response({"detail": _first_message(exc), "code": code}, status=status.HTTP_409_CONFLICT)
        if isinstance(exc, DjangoPermissionDenied) and str(exc):
            # The service's own sentence says why (e.g. which step is refused).
            code = next((c for kind, c in self.refusal_codes if isinstance(exc, kind)), "permission_denied")
            return Response({"detail": str(exc), "code": code}, status=status.HTTP_403_FORBIDDEN)
        return super().handle_exception(exc)


def _first_message(exc) -> str:
    messages = getattr(exc, "messages", None)
    return str(messages[0]) if messages else str(exc)


def stale_edit_body(exc: StaleEdit) -> dict:
    """The 409 answer to an edit made on a stale copy, the same for every app."""
    return {
        "detail": _first_message(exc),
        "code": "stale",
        "current_version": exc.current_version,
        "changes": exc.changes,
    }


def expected_version(request, *, required: bool = False) -> int | None:
    """The `version` a client read before editing, from the body or (for
    DELETE) the query string; anything but a whole number is a 400 naming
    the field, never a server error."""
    raw = request.data.get("version") if hasattr(request.data, "get") else None
    if raw in (None, ""):
        raw = request.query_params.get("version")
    if raw in (None, ""):
        if required:
            raise exceptions.ValidationError({"version": [_("Sertakan versi data yang Anda ubah.")]})
        return None
    try:
        return serializers.IntegerField(min_value=0).run_validation(raw)
    except exceptions.ValidationError:
        raise exceptions.ValidationError(
            {"version": [_("Versi harus berupa bilangan bulat, yaitu versi data yang terakhir Anda baca.")]}
        ) from None


def readable(model: type[models.Model], user) -> models.QuerySet:
    """Every record of this kind the user may read."""
    return access.restrict(model._default_manager.all(), user, access.READ)


def readable_one(model: type[models.Model], user, pk, field: str):
    """The record `pk` if the user may read it; otherwise a 400 on `field`
    that says "not found or not yours to see", never which of the two."""
    if pk in (None, ""):
        return None
    try:
        return readable(model, user).get(pk=parse_id(str(pk)))
    except (model.DoesNotExist, TypeError, ValueError):
        raise exceptions.ValidationError(
            {field: [_("Data %(pk)s tidak ditemukan atau tidak dapat Anda lihat.") % {"pk": pk}]}
        ) from None


class ReadableRelatedField(serializers.PrimaryKeyRelatedField):
    """A reference by id to a record the requesting user may read; anything
    else is "does not exist", never a leak of its existence."""

    def get_queryset(self):
        return readable(self.queryset.model, self.context["request"].user)


def exception_handler(exc, context):
    """DRF's handler, with Django's own errors turned into clear API answers
    and every error body carrying a `detail` sentence a person can read."""
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(
            exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        )
    elif isinstance(exc, (ProtectedError, RestrictedError)):
        names = sorted(
            {str(obj._meta.verbose_name) for obj in exc.protected_objects}
            if hasattr(exc, "protected_objects")
            else set()
        )
        return Response(
            {
                "detail": _("Data ini masih dipakai oleh data lain dan tidak dapat dihapus."),
                "code": "protected",
                "used_by": names,
            },
            status=status.HTTP_409_CONFLICT,
        )
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound(_("Data tidak ditemukan atau tidak dapat Anda lihat."))
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(ScopedPermission.message)

    # Imported here: DRF's settings import this module while rest_framework.views loads.
    from rest_framework.views import exception_handler as drf_exception_handler

    response = drf_exception_handler(exc, context)
    if response is None:
        return _unexpected(exc, context)
    if isinstance(exc, exceptions.ValidationError):
        errors = response.data if isinstance(response.data, dict) else {"non_field_errors": response.data}
        response.data = {"detail": _("Data yang dikirim tidak valid."), "code": "invalid", "errors": errors}
    elif isinstance(response.data, dict) and "detail" in response.data:
        detail = response.data["detail"]
        response.data = {"detail": str(detail), "code": getattr(detail, "code", getattr(exc, "default_code", "error"))}
    return response


def _unexpected(exc, context) -> Response:
    """An error nobody foresaw: logged with its traceback, as Django logs a
    500, and answered in JSON like every other API error."""
    from rest_framework.views import set_rollback

    request = context.get("request")
    logger.error(
        "Internal Server Error: %s",
        getattr(request, "path", ""),
        exc_info=(type(exc), exc, exc.__traceback__),
        extra={"status_code": 500, "request": getattr(request, "_request", request)},
    )
    set_rollback()
    return Response(_server_error_body(), status=status.HTTP_500_INTERNAL_SERVER_ERROR)


def _server_error_body() -> dict:
    return {
        "detail": _("Terjadi kesalahan pada server. Kesalahan ini sudah dicatat; silakan coba lagi nanti."),
        "code": "server_error",
    }


# --- the site's error pages, in JSON under /api/ ------------------------------------
def _is_api(request) -> bool:
    return request.path.startswith("/api/")


def page_not_found(request, exception):
    if _is_api(request):
        return JsonResponse(
            {"detail": _("Alamat API ini tidak ada."), "code": "not_found"}, status=status.HTTP_404_NOT_FOUND
        )
    return defaults.page_not_found(request, exception)


def server_error(request):
    if _is_api(request):
        return JsonResponse(_server_error_body(), status=status.HTTP_500_INTERNAL_SERVER_ERROR)
    return defaults.server_error(request)
