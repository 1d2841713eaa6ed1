"""Development target frameworks: SDGs and RPJMN national priorities."""

from __future__ import annotations

import pytest

from selaras.registry.loaders.affairs import load_affairs
from selaras.registry.loaders.targets import load_targets
from selaras.registry.models import DevelopmentTarget

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded():
    load_affairs()
    return load_targets()


def test_there_are_17_sdgs_with_indonesian_names(loaded):
    sdgs = DevelopmentTarget.objects.filter(framework__code="sdg")
    assert sdgs.count() == 17
    assert sdgs.get(code="1").name == "Tanpa Kemiskinan"
    assert sdgs.get(code="4").name == "Pendidikan Berkualitas"


def test_rpjmn_priorities_are_seven_then_eight(loaded):
    assert DevelopmentTarget.objects.filter(framework__code="rpjmn-2020-2024").count() == 7
    assert DevelopmentTarget.objects.filter(framework__code="rpjmn-2025-2029").count() == 8
    pn1 = DevelopmentTarget.objects.get(framework__code="rpjmn-2020-2024", code="PN1")
    assert pn1.name == "Memperkuat ketahanan ekonomi untuk pertumbuhan yang berkualitas dan berkeadilan"


def test_targets_point_at_the_affairs_they_fit(loaded):
    def affairs(code):
        return set(
            DevelopmentTarget.objects.get(framework__code="sdg", code=code).affairs.values_list("code", flat=True)
        )

    assert affairs("3") == {"1.02"}
    assert affairs("4") == {"1.01"}
    assert affairs("6") == {"1.03"}


def test_a_second_load_changes_nothing_and_an_admin_unlink_is_restored(loaded):
    again = load_targets()
    assert not again["frameworks"].changed and not again["targets"].changed

    sdg4 = DevelopmentTarget.objects.get(framework__code="sdg", code="4")
    sdg4.affairs.clear()
    restored = load_targets()
    assert restored["targets"].relinked == 1
    assert list(sdg4.affairs.values_list("code", flat=True)) == ["1.01"]
