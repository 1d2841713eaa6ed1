"""Affairs (urusan, bidang, sub urusan) and the authority matrix."""

from __future__ import annotations

import csv

import pytest

from selaras.registry.loaders.affairs import AUTHORITY_CSV, URUSAN_CSV, load_affairs
from selaras.registry.models import Affair, AffairLevel, AuthorityRule

pytestmark = pytest.mark.django_db


def rows(path):
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_groups_and_fields_match_urusan_csv():
    load_affairs()
    urusan = rows(URUSAN_CSV)
    loaded = dict(Affair.objects.exclude(level=AffairLevel.SUB).values_list("code", "name"))
    assert loaded == {r["code"]: r["name"] for r in urusan}
    education = Affair.objects.get(code="1.01")
    assert (education.level, education.group, education.parent.code) == (
        AffairLevel.FIELD,
        "wajib_pelayanan_dasar",
        "1",
    )


def test_authority_rules_match_the_matrix_row_for_row():
    load_affairs()
    matrix = rows(AUTHORITY_CSV)
    assert AuthorityRule.objects.count() == len(matrix)
    no_authority = [r for r in matrix if r["authority"].startswith("---")]
    assert AuthorityRule.objects.filter(has_authority=False).count() == len(no_authority) > 0
    subs = {(r["urusan_code"], r["sub_urusan"]) for r in matrix}
    assert Affair.objects.filter(level=AffairLevel.SUB).count() == len(subs)


def test_sub_urusan_are_numbered_in_order_and_say_the_numbering_is_ours():
    load_affairs()
    first = Affair.objects.get(code="1.01.01")
    assert (first.name, first.parent.code) == ("Manajemen Pendidikan", "1.01")
    assert Affair.objects.get(code="1.01.02").name == "Kurikulum"
    assert "bukan kode resmi" in first.source
    rule = AuthorityRule.objects.get(affair__code="1.01.03", level="provinsi", position=1)
    assert (rule.has_authority, rule.text) == (False, "--- (tidak ada kewenangan tercantum)")
    assert "UU 23/2014" in rule.source


def test_a_second_load_changes_nothing_and_a_dropped_rule_is_removed(tmp_path):
    load_affairs()
    again = load_affairs()
    assert not again["affairs"].changed and not again["authority_rules"].changed

    trimmed = tmp_path / "authority-matrix.csv"
    lines = AUTHORITY_CSV.read_text(encoding="utf-8").splitlines()
    # Drop the second pusat item of Manajemen Pendidikan.
    trimmed.write_text("\n".join(lines[:2] + lines[3:]) + "\n", encoding="utf-8")
    result = load_affairs(matrix_path=trimmed)

    assert result["authority_rules"].retired == ["1.01.01 pusat 2"]
    assert AuthorityRule.objects.count() == len(lines) - 2


def test_it_rejects_a_matrix_row_for_an_unknown_field(tmp_path):
    from selaras.registry.loaders import ReferenceDataError

    bad = tmp_path / "authority-matrix.csv"
    bad.write_text("urusan_code,urusan,sub_urusan,level,authority\n9.99,X,Y,pusat,Z\n", encoding="utf-8")
    with pytest.raises(ReferenceDataError, match=r"baris 2: bidang urusan 9\.99"):
        load_affairs(matrix_path=bad)
