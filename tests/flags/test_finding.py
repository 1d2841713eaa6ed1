"""A coordinator makes a region's flag a finding of the review; re-runs keep
it and resolve it once the region withdraws the flag; accepted, it becomes a
letter point with the flag's words."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from selaras.flags import services as flag_services
from selaras.sync import services
from selaras.sync.letters.compose import point_from_finding
from selaras.sync.models import Finding, FindingStatus, RunScope
from selaras.sync.rules.base import all_rules

pytestmark = pytest.mark.django_db


def test_the_rule_code_is_catalogued():
    assert all_rules()["flag.region"].category == "region"


def test_the_coordinator_makes_a_flag_a_finding(flag, cast, stage):
    finding = services.finding_from_flag(flag=flag, by=cast.coordinator)
    assert (finding.rule, finding.plan, finding.activity) == ("flag.region", stage.plan_b, stage.activity_jateng)
    assert finding.region_codes == ["33"]
    assert "Sudah ada di APBD 2025." in finding.message_id
    flag.refresh_from_db()
    assert flag.finding_raised_at is not None


def test_a_flag_becomes_a_finding_once(flag, cast):
    services.finding_from_flag(flag=flag, by=cast.coordinator)
    with pytest.raises(ValidationError):
        services.finding_from_flag(flag=flag, by=cast.coordinator)
    assert Finding.objects.count() == 1


@pytest.mark.parametrize("who", ["planner_b", "officer_jateng"])
def test_only_a_coordinator_makes_a_finding(flag, cast, who):
    with pytest.raises(PermissionDenied):
        services.finding_from_flag(flag=flag, by=getattr(cast, who))
    assert not Finding.objects.exists()


def test_a_rerun_keeps_the_finding_and_withdrawing_resolves_it(flag, cast, stage):
    finding = services.finding_from_flag(flag=flag, by=cast.coordinator)
    services.check_run_now(by=cast.coordinator, scope=RunScope.PLAN, plan=stage.plan_b)
    finding.refresh_from_db()
    assert finding.status == FindingStatus.OPEN
    flag_services.flag_withdraw(flag=flag, by=cast.officer_jateng)
    services.check_run_now(by=cast.coordinator, scope=RunScope.PLAN, plan=stage.plan_b)
    finding.refresh_from_db()
    assert finding.status == FindingStatus.RESOLVED


def test_an_accepted_flag_finding_reads_as_a_letter_point(flag, cast):
    finding = services.finding_from_flag(flag=flag, by=cast.coordinator)
    services.finding_accept(finding=finding, by=cast.coordinator)
    point = point_from_finding(finding)
    assert "Jawa Tengah" in point.text and "Sudah ada di APBD 2025." in point.text
