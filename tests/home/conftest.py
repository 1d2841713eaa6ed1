"""The home tests run in the permission matrix's world (tests/permissions):
its plans, findings and letters give every role something to do."""

from tests.permissions.conftest import fast_password_hashing, world  # noqa: F401
