from rest_framework.permissions import BasePermission


class ScopedPermission(BasePermission):
    pass
