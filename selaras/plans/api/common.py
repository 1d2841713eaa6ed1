"""What the plans API modules share: the service-backed base with the
plans' own conflicts and refusals, and the development-target field."""

from __future__ import annotations

from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from selaras.core.api import ServiceViewSetMixin
from selaras.plans.errors import PlanLocked, TransitionNotAllowed
from selaras.registry.models import DevelopmentTarget

CODE = r"[0-9A-Za-z._-]+"


class PlansServiceViewSetMixin(ServiceViewSetMixin):
    """A locked plan answers 409; a refused workflow step 403 saying which."""

    conflicts = ((PlanLocked, "locked"),)
    refusal_codes = ((TransitionNotAllowed, "transition_not_allowed"),)


@extend_schema_field(OpenApiTypes.STR)
class TargetField(serializers.Field):
    """A development target written as "framework:code", e.g. "sdg:2" or
    "rpjmn-2020-2024:PN3"."""

    default_error_messages = {
        "invalid": gettext_lazy("Tulis sasaran sebagai “kerangka:kode”, mis. sdg:2."),
        "missing": gettext_lazy("Sasaran %(value)s tidak ditemukan."),
    }

    def to_representation(self, value):
        return f"{value.framework.code}:{value.code}"

    def to_internal_value(self, data):
        if not isinstance(data, str) or ":" not in data:
            self.fail("invalid")
        framework, code = data.split(":", 1)
        target = DevelopmentTarget.objects.filter(framework__code=framework.strip(), code=code.strip()).first()
        if target is None:
            raise serializers.ValidationError(self.error_messages["missing"] % {"value": data})
        return target


class TargetListField(serializers.ListField):
    def to_representation(self, data):
        manager = getattr(data, "all", None)
        return super().to_representation(manager() if manager else data)
