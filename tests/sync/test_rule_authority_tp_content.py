"""TP whose content is Pasal 4 guidance/supervision, read from the text."""

import pytest

from selaras.registry.models import AuthorityRule
from selaras.sync.rules.authority_tp_content import TpContentIsBinwas


@pytest.mark.parametrize("content", ["pembinaan", "pengawasan", "tugas_gwpp"])
def test_it_flags_declared_guidance_supervision_or_gwpp_tasks(build, check, content):
    plan = build.plan(build.cycle(build.programme("tp_pusat")))
    activity = build.activity(plan, title="Rapat tahunan", delegated_content=content)
    (finding,) = check(TpContentIsBinwas, plan=plan)
    assert finding.activity == activity
    assert "Rapat tahunan" in finding.message_id
    assert finding.evidence["delegated_content"] == content


def test_it_reads_supervision_of_regency_governments_whatever_is_declared(build, check, governments):
    plan = build.plan(build.cycle(build.programme("tp_pusat")))
    build.activity(
        plan,
        title="Verifikasi dan Evaluasi Kabupaten/Kota Layak Anak",
        description="Provinsi mengevaluasi pemenuhan indikator oleh Pemerintah Kabupaten Banyumas.",
        delegated_content="pelaksanaan",
        recipient=governments.pemprov_jateng,
    )
    (finding,) = check(TpContentIsBinwas, plan=plan)
    assert finding.evidence["content"] == "binwas"
    assert "evaluasi" in finding.evidence["binwas"]
    assert "mengevaluasi" in finding.message_id


def test_it_accepts_carrying_out_the_affair_even_with_monitoring_words(build, check, governments):
    plan = build.plan(build.cycle(build.programme("tp_pusat")))
    build.activity(
        plan,
        title="Penyediaan Vaksin Program Nasional dan Pemantauan Rantai Dingin",
        description="Provinsi mendistribusikan vaksin ke kabupaten/kota dan memantau suhu rantai dingin.",
        delegated_content="pelaksanaan",
    )
    assert check(TpContentIsBinwas, plan=plan) == []


def test_a_supervision_word_that_is_the_items_substance_does_not_count(build, check, affairs, governments):
    food = AuthorityRule.objects.create(
        affair=affairs.management, level="provinsi", text="Pelaksanaan pengawasan keamanan pangan segar", position=9
    )
    programme = build.programme("tp_provinsi", assigner=governments.pemprov_jateng)
    plan = build.plan(build.cycle(programme), owner=governments.pemprov_jateng)
    build.activity(
        plan,
        title="Pengawasan Keamanan Pangan Segar di Sentra Beras",
        description="Pemerintah Kabupaten Cilacap mengawasi keamanan pangan segar dari penggilingan.",
        affair=affairs.management,
        authority_item=food,
        delegated_content="pelaksanaan",
    )
    assert check(TpContentIsBinwas, plan=plan) == []


def test_it_ignores_deconcentration(build, check):
    plan = build.plan(build.cycle(build.programme("dekon_binwas")))
    build.activity(plan, title="Evaluasi kinerja dinas kabupaten/kota", delegated_content="pembinaan")
    assert check(TpContentIsBinwas, plan=plan) == []
