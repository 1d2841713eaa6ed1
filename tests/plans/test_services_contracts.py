"""The plans services' contracts: field names are checked, and a plan's
content is replaced within the limits the models set."""

import dataclasses

import pytest
from django.core.exceptions import ValidationError

from selaras.plans import services
from selaras.plans.models import Activity, ProgrammeKind
from tests.plans.conftest import activity_data


def test_programme_create_refuses_a_field_it_does_not_know(cast, reference):
    with pytest.raises(ValueError, match="Unknown programme fields"):
        services.programme_create(
            by=cast.coordinator,
            code="RI-X-2026",
            name="Program uji",
            kind=ProgrammeKind.COOPERATION,
            coordinator=reference.supd4,
            start_year=2026,
            end_year=2027,
            status="frozen",
        )


def test_replacing_content_refuses_text_longer_than_the_model_allows(plans, cast, reference):
    limit = Activity._meta.get_field("recipient_level").max_length
    data = dataclasses.replace(activity_data(reference, plans.affair), recipient_level="x" * (limit + 1))
    with pytest.raises(ValidationError, match="length"):
        services.plan_replace_activities(plan=plans.plan_a, by=cast.planner_a, activities=[data])
    assert not plans.plan_a.activities.exists()


def test_replacing_content_accepts_text_at_the_model_limit(plans, cast, reference):
    limit = Activity._meta.get_field("output").max_length
    data = dataclasses.replace(activity_data(reference, plans.affair), output="o" * limit)
    services.plan_replace_activities(plan=plans.plan_a, by=cast.planner_a, activities=[data])
    assert plans.plan_a.activities.get().output == "o" * limit
