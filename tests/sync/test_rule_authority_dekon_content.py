from selaras.sync.rules.authority_dekon_content import DekonContent


def test_it_flags_implementation_delegated_by_deconcentration(build, check, governments):
    plan = build.plan(build.cycle(build.programme("dekon_binwas")))
    activity = build.activity(
        plan,
        title="Pembangunan ruang kelas baru",
        delegated_content="pelaksanaan",
        recipient=governments.pemprov_jateng,
    )
    (finding,) = check(DekonContent, plan=plan)
    assert finding.activity == activity
    assert finding.severity is None  # the rule's own: error
    assert DekonContent.severity == "error"
    assert "Pembangunan ruang kelas baru" in finding.message_id
    assert "pembangunan" in finding.message_id  # the words that decided
    assert finding.evidence["allowed"] == ["pembinaan", "pengawasan"]


def test_it_accepts_guidance_and_supervision(build, check, governments):
    plan = build.plan(build.cycle(build.programme("dekon_binwas")))
    build.activity(plan, delegated_content="pembinaan", recipient=governments.pemprov_jateng)
    build.activity(plan, delegated_content="pengawasan", recipient=governments.pemprov_jateng)
    assert check(DekonContent, plan=plan) == []


def test_it_warns_when_the_content_is_not_stated(build, check):
    plan = build.plan(build.cycle(build.programme("dekon_binwas")))
    build.activity(plan, delegated_content="")
    (finding,) = check(DekonContent, plan=plan)
    assert finding.severity == "warning"


def test_gwpp_task_programmes_hold_only_gwpp_tasks(build, check):
    plan = build.plan(build.cycle(build.programme("dekon_gwpp")))
    build.activity(plan, delegated_content="tugas_gwpp")
    assert check(DekonContent, plan=plan) == []
    build.activity(plan, delegated_content="pembinaan")
    assert len(check(DekonContent, plan=plan)) == 1


def test_it_ignores_co_administration(build, check):
    plan = build.plan(build.cycle(build.programme("tp_pusat")))
    build.activity(plan, delegated_content="pelaksanaan")
    assert check(DekonContent, plan=plan) == []


def test_the_text_overrules_a_declared_guidance_content(build, check, governments):
    plan = build.plan(build.cycle(build.programme("dekon_binwas")))
    build.activity(
        plan,
        title="Fasilitasi Pemenuhan Obat Esensial Puskesmas",
        description="Dinas Kesehatan Provinsi membeli obat esensial lalu mendistribusikannya ke puskesmas.",
        delegated_content="pembinaan",
        recipient=governments.pemprov_jateng,
    )
    (finding,) = check(DekonContent, plan=plan)
    assert finding.evidence["content"] == "delivery"
    assert set(finding.evidence["delivery"]) == {"pengadaan", "menyalurkan"}


def test_supervision_of_a_build_is_not_building(build, check, governments):
    plan = build.plan(build.cycle(build.programme("dekon_binwas")))
    build.activity(
        plan,
        title="Pemantauan dan Evaluasi Pelaksanaan Tugas Pembantuan Pembangunan SPAM",
        description="Gubernur memantau pelaksanaan tugas pembantuan pembangunan SPAM oleh Pemerintah Kabupaten Cilacap.",
        delegated_content="",
        recipient=governments.pemprov_jateng,
    )
    assert check(DekonContent, plan=plan) == []


def test_gwpp_tasks_need_no_declared_content(build, check, governments):
    plan = build.plan(build.cycle(build.programme("dekon_gwpp")))
    build.activity(plan, delegated_content="", recipient=governments.pemprov_jateng)
    assert check(DekonContent, plan=plan) == []
