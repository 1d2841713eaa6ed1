from django.contrib.auth.backends import ModelBackend


class UsernameOrEmailBackend(ModelBackend):
    pass
