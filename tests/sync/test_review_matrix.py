"""The review page's region × field-of-affair matrix: a row counts each
activity located at its place or inside it once, whatever the number of its
places there, in the column of its affair's field."""

from __future__ import annotations

import pytest

from selaras.registry.models import Affair, AffairLevel
from selaras.sync.matrix import review_matrix

pytestmark = pytest.mark.django_db


def test_a_row_counts_each_activity_inside_it_once_per_field(build, reference, cast):
    health = Affair.objects.create(code="1.02", name="Kesehatan", level=AffairLevel.FIELD)
    education = Affair.objects.create(code="1.01", name="Pendidikan", level=AffairLevel.FIELD)
    puskesmas = Affair.objects.create(code="1.02.01", name="Upaya Kesehatan", level=AffairLevel.SUB, parent=health)
    schools = Affair.objects.create(code="1.01.02", name="Pendidikan Dasar", level=AffairLevel.SUB, parent=education)
    cycle = build.cycle(build.programme(), year=2025)
    ours = build.plan(cycle, reference.ministry_a)
    theirs = build.plan(cycle, reference.ministry_b)
    build.activity(ours, affair=puskesmas, locations=[reference.jateng])  # province-wide
    build.activity(ours, affair=puskesmas, locations=[reference.banyumas])
    build.activity(theirs, affair=puskesmas, locations=[reference.cilacap, reference.banyumas])
    build.activity(theirs, affair=health, locations=[reference.banyumas_kec])  # a field, at a kecamatan
    build.activity(theirs, affair=schools, locations=[reference.banyumas_kec])
    build.activity(theirs, affair=schools, locations=[reference.jayapura])  # outside every row
    build.activity(theirs, locations=[reference.banyumas])  # no affair

    matrix = review_matrix(cast.admin, ours)

    assert matrix.affairs == [("1.01", "Pendidikan"), ("1.02", "Kesehatan"), ("", "—")]
    cells = {row.code: [c.activities for c in row.cells] for row in matrix.rows}
    assert cells == {
        # Jawa Tengah: every activity of the province; the one in two kabupaten once
        "33": [1, 4, 1],
        # Banyumas: not the province-wide one
        "33.02": [1, 3, 1],
    }


def test_a_plan_in_more_places_than_a_page_holds_is_read_by_province(build, reference, cast, monkeypatch, client):
    from django.urls import reverse

    from selaras.sync import matrix as matrix_module

    monkeypatch.setattr(matrix_module, "MAX_PLACE_ROWS", 2)
    cycle = build.cycle(build.programme(), year=2025)
    ours = build.plan(cycle, reference.ministry_a)
    build.activity(ours, locations=[reference.cilacap, reference.banyumas])
    build.activity(ours, locations=[reference.banyumas_kec])
    build.activity(ours, locations=[reference.jayapura])
    build.activity(build.plan(cycle, reference.ministry_b), locations=[reference.banyumas])

    matrix = review_matrix(cast.admin, ours)

    assert matrix.by_province and matrix.places == 4
    assert [(row.code, row.name, [c.activities for c in row.cells]) for row in matrix.rows] == [
        ("33", "Jawa Tengah", [3]),
        ("91", "Papua", [1]),
    ]
    client.force_login(cast.admin)
    html = client.get(reverse("sync:plan_review", args=[ours.pk])).content.decode()
    assert "Rencana ini mencakup 4 wilayah: barisnya dikelompokkan per provinsi." in html
    assert f'href="{reverse("plans:region_matrix", args=["33"])}?tahun=2025"' in html
