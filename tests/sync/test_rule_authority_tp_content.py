import pytest

from selaras.sync.rules.authority_tp_content import TpContentIsBinwas


@pytest.mark.parametrize("content", ["pembinaan", "pengawasan", "tugas_gwpp"])
def test_it_flags_guidance_supervision_or_gwpp_tasks_as_co_administration(build, check, content):
    plan = build.plan(build.cycle(build.programme("tp_pusat")))
    activity = build.activity(plan, title="Monitoring sekolah", delegated_content=content)
    (finding,) = check(TpContentIsBinwas, plan=plan)
    assert finding.activity == activity
    assert "Monitoring sekolah" in finding.message_id
    assert finding.evidence == {"kind": "tp_pusat", "delegated_content": content}


def test_it_accepts_implementation(build, check):
    plan = build.plan(build.cycle(build.programme("tp_provinsi")))
    build.activity(plan, delegated_content="pelaksanaan")
    assert check(TpContentIsBinwas, plan=plan) == []


def test_it_ignores_deconcentration(build, check):
    plan = build.plan(build.cycle(build.programme("dekon_binwas")))
    build.activity(plan, delegated_content="pembinaan")
    assert check(TpContentIsBinwas, plan=plan) == []
