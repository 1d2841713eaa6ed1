"""API for accounts: who am I (`/api/me/`), API tokens (`/api/token/`) and
memberships (`/api/memberships/`, granted and revoked by administrators)."""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.authtoken.models import Token
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from selaras.accounts import selectors, services, throttle
from selaras.accounts.authentication import TokenAuthentication
from selaras.accounts.models import Membership, Role, User
from selaras.core.api import QueryFilter, ScopedViewSetMixin
from selaras.core.context import acting_as
from selaras.registry.models import Agency, Region


class MembershipSerializer(serializers.ModelSerializer):
    user = serializers.SlugRelatedField(slug_field="username", queryset=User.objects.all())
    agency = serializers.SlugRelatedField(
        slug_field="code", queryset=Agency.objects.all(), required=False, allow_null=True
    )
    region = serializers.SlugRelatedField(
        slug_field="code", queryset=Region.objects.all(), required=False, allow_null=True
    )
    scope_kind = serializers.CharField(read_only=True)
    scope_label = serializers.CharField(read_only=True)

    class Meta:
        model = Membership
        fields = ["id", "user", "role", "agency", "region", "scope_kind", "scope_label", "is_active"]
        read_only_fields = ["is_active"]
        # The service decides about duplicates (it reactivates a revoked one).
        validators = []


class MembershipViewSet(
    ScopedViewSetMixin,
    mixins.CreateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.ReadOnlyModelViewSet,
):
    """Roles held within scopes. Everyone sees their own; national
    administrators see and grant all; DELETE revokes (the row stays, inactive,
    for the history)."""

    queryset = Membership.objects.select_related("user", "agency", "region").order_by("pk")
    serializer_class = MembershipSerializer
    query_filters = (
        QueryFilter("user", "user__username", gettext_lazy("Nama pengguna")),
        QueryFilter("role", "role", gettext_lazy("Peran"), enum=tuple(Role.values)),
        QueryFilter("agency", "agency__code", gettext_lazy("Kode instansi")),
        QueryFilter("region", "region__code", gettext_lazy("Kode wilayah")),
        QueryFilter(
            "active",
            description=gettext_lazy("true: hanya yang aktif"),
            enum=("true", "false"),
            method=lambda qs, v: qs.filter(is_active=v == "true"),
        ),
    )

    def perform_create(self, serializer) -> None:
        data = serializer.validated_data
        with acting_as(self.request.user, "api"):
            try:
                serializer.instance = services.membership_grant(
                    user=data["user"],
                    role=data["role"],
                    agency=data.get("agency"),
                    region=data.get("region"),
                    by=self.request.user,
                )
            except DjangoValidationError as exc:
                raise ValidationError(_as_api_errors(exc)) from None
        self._check_write(serializer.instance)

    def perform_destroy(self, instance) -> None:
        with acting_as(self.request.user, "api"):
            try:
                services.membership_revoke(membership=instance, by=self.request.user)
            except DjangoValidationError as exc:
                raise ValidationError(_as_api_errors(exc)) from None


def _as_api_errors(exc: DjangoValidationError):
    return exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}


class MeSerializer(serializers.ModelSerializer):
    memberships = serializers.SerializerMethodField()

    class Meta:
        model = User
        fields = ["id", "username", "email", "full_name", "position", "totp_enabled", "memberships"]

    @extend_schema(responses=MembershipSerializer(many=True))
    def get_memberships(self, user) -> list[dict]:
        active = selectors.memberships_of(user=user, viewer=user).filter(is_active=True)
        return MembershipSerializer(active, many=True).data


class MeView(APIView):
    """The signed-in user and their active memberships."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses=MeSerializer)
    def get(self, request):
        return Response(MeSerializer(request.user).data)


class TokenRequestSerializer(serializers.Serializer):
    username = serializers.CharField(label=gettext_lazy("Nama pengguna atau e-mail"))
    password = serializers.CharField(
        label=gettext_lazy("Kata sandi"), trim_whitespace=False, style={"input_type": "password"}
    )
    code = serializers.CharField(label=gettext_lazy("Kode verifikasi dua langkah"), required=False, allow_blank=True)


class TokenView(APIView):
    """Exchange a username (or e-mail) and password for an API token.

    Goes through the same login service as the sign-in page, so failures
    count towards the lockout and a locked account gets no token; an account
    with two-step verification must also send its current code."""

    permission_classes = [AllowAny]
    authentication_classes = []

    @extend_schema(
        request=TokenRequestSerializer,
        responses={200: inline_serializer("TokenResponse", {"token": serializers.CharField()})},
    )
    def post(self, request):
        form = TokenRequestSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        try:
            user = services.login_attempt(
                request=request._request,
                identifier=form.validated_data["username"],
                password=form.validated_data["password"],
            )
        except services.LoginRefused as refused:
            raise ValidationError({"non_field_errors": [refused.message]}) from None
        if user.totp_enabled:
            code = form.validated_data.get("code", "")
            if not code.strip():
                raise ValidationError({"code": [_("Kode verifikasi dua langkah belum diisi.")]})
            try:
                services.totp_check(user=user, code=code, address=throttle.client_address(request))
            except services.LoginRefused as refused:
                raise ValidationError({"code": [refused.message]}) from None
        token, _created = Token.objects.get_or_create(user=user)
        return Response({"token": token.key}, status=status.HTTP_200_OK)

    @extend_schema(request=None, responses={204: None})
    def delete(self, request):
        """Revoke the token used for this request (sign out of the API)."""
        found = TokenAuthentication().authenticate(request)
        if found is None:
            raise ValidationError({"non_field_errors": [_("Kirim token yang hendak dicabut di header Authorization.")]})
        found[1].delete()
        return Response(status=status.HTTP_204_NO_CONTENT)


# The project's router (`selaras.api_urls`) registers these, so /api/ lists them.
routes = (("memberships", MembershipViewSet, "membership"),)
views = (("me/", MeView, "me"), ("token/", TokenView, "token"))
