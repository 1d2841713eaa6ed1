import pytest


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


# The plan slice of the cast, shared with the plans tests.
from tests.plans.conftest import plans  # noqa: E402, F401
