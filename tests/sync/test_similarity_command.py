"""`selaras similarity PAIRS.csv OUT.csv`."""

from __future__ import annotations

import csv

import pytest
from django.core.management import CommandError, call_command


def test_it_keeps_extra_columns_and_writes_score_and_duplicate(tmp_path):
    src = tmp_path / "pairs.csv"
    src.write_text(
        "id,text_a,text_b,note\n"
        "1,Bimtek Kader Posyandu,Bimbingan Teknis Kader Posyandu,x\n"
        "2,Pembangunan Ruang Kelas Baru SD,Pembangunan Ruang Kelas Baru SMP,y\n",
        encoding="utf-8",
    )
    out = tmp_path / "out.csv"
    call_command("similarity", str(src), str(out))
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert [r["id"] for r in rows] == ["1", "2"] and [r["note"] for r in rows] == ["x", "y"]
    assert [r["duplicate"] for r in rows] == ["1", "0"]
    assert float(rows[0]["score"]) >= 0.5 > float(rows[1]["score"])
    assert "sasaran/jenjang" in rows[1]["why"]


def test_a_higher_threshold_turns_a_duplicate_off(tmp_path):
    src = tmp_path / "pairs.csv"
    src.write_text("text_a,text_b\nPelatihan Kader Posyandu,Pelatihan Kader Posyandu Balita\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    call_command("similarity", str(src), str(out), "--threshold", "0.99")
    assert next(csv.DictReader(out.open(encoding="utf-8")))["duplicate"] == "0"


def test_it_rejects_a_file_without_the_text_columns_and_writes_nothing(tmp_path):
    src = tmp_path / "pairs.csv"
    src.write_text("a,b\nx,y\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    with pytest.raises(CommandError, match="text_a"):
        call_command("similarity", str(src), str(out))
    assert not out.exists()
