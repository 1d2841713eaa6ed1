"""A finding's evidence as an official reads it: labelled lines, never a
rule's internal keys, codes or record ids."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils import translation

from selaras.sync.evidence_rows import evidence_rows

AUTHORITY = {
    "item": 35,
    "item_level": "kabkota",
    "item_text": "Penerbitan izin rumah sakit kelas C dan D",
    "runner_up": "Penerbitan izin rumah sakit kelas B",
    "runner_up_level": "provinsi",
    "sub_urusan": "1.02.01",
    "words": ["rumah", "kesehatan"],
    "kind": "dekon_binwas",
    "score": 0.278,
}


def test_only_the_labelled_parts_are_read_each_under_its_label():
    with translation.override("id"):
        rows = evidence_rows(AUTHORITY)
    assert rows == [
        ("Butir matriks kewenangan", ["Penerbitan izin rumah sakit kelas C dan D"]),
        ("Kata yang menentukan", ["rumah, kesehatan"]),
        ("Butir terdekat berikutnya", ["Penerbitan izin rumah sakit kelas B"]),
    ]
    with translation.override("en"):
        assert [label for label, _lines in evidence_rows(AUTHORITY)] == [
            "Authority matrix item",
            "Deciding words",
            "Next closest item",
        ]


def test_listed_records_read_by_name_and_an_unreadable_one_not_at_all():
    evidence = {
        "activities": [
            {"uid": "35fc4876-837a-4537-aee8-22d3730f6d26", "title": "Pendampingan keluarga", "owner": "Kemenag"},
            {"agency": "024"},  # a row the reader may not read (`sync.evidence`)
        ],
        "matches": [{"code": "1.02.02.2.01.0012", "name": "Pemicuan STBM", "region": "35.26", "score": 0.7}],
    }
    assert evidence_rows(evidence) == [
        ("Sub kegiatan daerah yang mirip", ["Pemicuan STBM — 1.02.02.2.01.0012"]),
        ("Kegiatan yang mirip", ["Pendampingan keluarga — Kemenag"]),
    ]


@pytest.mark.django_db
def test_the_review_page_shows_no_internal_evidence_key(client, cast, build, reference):
    from selaras.sync.services import check_run_now

    cycle = build.cycle(build.programme(), year=2025)
    theirs = build.plan(cycle, reference.ministry_b, status="submitted")
    build.activity(theirs, title="Rehabilitasi Ruang Kelas SD Negeri", locations=[reference.banyumas])
    ours = build.plan(cycle, reference.ministry_a, status="submitted")
    build.activity(ours, title="Rehabilitasi ruang kelas SD negeri", locations=[reference.banyumas])
    check_run_now(by=cast.admin, scope="plan", plan=ours)
    client.force_login(cast.admin)
    html = client.get(reverse("sync:plan_review", args=[ours.pk]) + "?kategori=duplication").content.decode()
    assert "Kegiatan yang mirip" in html and "Mengapa" in html
    shown_keys = re.findall(r"<dt>([a-z_]+)</dt>", html)
    assert shown_keys == []
