"""The administration speaks Indonesian and carries Selaras's name."""

from __future__ import annotations

import pytest
from django import forms

from tests.conftest import PASSWORD


@pytest.mark.django_db
def test_the_admin_is_branded_selaras_not_django(client):
    from selaras.accounts.models import User

    User.objects.create_superuser(username="root", email="root@selaras.test", password=PASSWORD)
    assert client.login(username="root", password=PASSWORD)
    html = client.get("/admin/").content.decode()
    assert "Django" not in html
    assert "Selaras — Administrasi" in html
    assert "<title>Administrasi Selaras | Selaras</title>" in html


@pytest.mark.django_db
def test_an_empty_choice_reads_in_indonesian():
    from selaras.plans.models import Programme

    class ProgrammeKindForm(forms.ModelForm):
        class Meta:
            model = Programme
            fields = ["partner"]

    html = str(ProgrammeKindForm()["partner"])
    assert "— pilih —" in html
    assert "Select an option" not in html
