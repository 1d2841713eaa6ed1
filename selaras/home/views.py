"""The home page: what Selaras is for and how much reference data is loaded.
It will become each user's own page of tasks ("Tugas saya")."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from selaras.registry.selectors import reference_counts


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "home/home.html", {"counts": reference_counts(user=request.user)})
