"""Request middleware shared by every app."""

from __future__ import annotations


class IndonesianFirstMiddleware:
    """Indonesian is the default whatever the browser says; English only
    when the user chooses it with the language switch (the cookie).

    Django would otherwise follow Accept-Language, so an official on an
    English-language browser would get English without asking for it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return self.get_response(request)
