"""`selaras check-scenarios`: rows of planned activities checked in a rolled-back transaction."""

import csv

from django.core.management import call_command

from selaras.plans.models import Activity, Programme

HEADER = (
    "id,year,instrument,assigning_agency_code,assigning_agency,affair_code,sub_urusan,activity_title,"
    "activity_description,recipient_level,recipient_region_code,recipient_region,location_codes,"
    "regional_matching_funds,expected,rule,article,explanation"
)


def test_it_writes_the_authority_findings_per_row_and_leaves_nothing_behind(tmp_path, affairs, governments, reference):
    source = tmp_path / "rows.csv"
    source.write_text(
        HEADER
        + "\n"
        + "s1,2025,dekon_gwpp,024,Kementerian Kesehatan,,Tugas GWPP,Koordinasi TP,Gubernur mengoordinasikan TP.,"
        "gwpp,33,Jawa Tengah,33,no,violation,dekon_gwpp_not_kemendagri,,x\n"
        + "s2,2025,tp_pusat,024,Kementerian Kesehatan,1.01,Manajemen Pendidikan,Pengelolaan pendidikan tinggi,"
        "Pemerintah Provinsi Jawa Tengah mengelola pendidikan tinggi nasional.,provinsi,33,Jawa Tengah,33.01;33.02,"
        "no,ok,,,x\n"
        + "s3,2025,tp_pusat,024,Kementerian Kesehatan,1.01,Manajemen Pendidikan,Pengelolaan pendidikan tinggi,"
        "Sama.,kabkota,33.02,Kabupaten Banyumas,33.02;33.01,yes,violation,matching_funds,,x\n",
        encoding="utf-8",
    )
    out = tmp_path / "out.csv"
    call_command("check_scenarios", str(source), str(out))
    rows = {r["id"]: r for r in csv.DictReader(out.open(encoding="utf-8"))}
    assert rows["s1"]["rules"] == "authority.dekon_gwpp_not_kemendagri"
    assert rows["s2"]["outcome"] == "ok"
    assert set(rows["s3"]["rules"].split(";")) == {
        "authority.matching_funds",
        "authority.location_outside_recipient_area",
    }
    assert not Programme.objects.filter(code__startswith="SKENARIO-").exists()
    assert not Activity.objects.exists()
