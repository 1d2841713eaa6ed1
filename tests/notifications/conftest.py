"""The plans fixture of tests/plans, tasks run at once, and a helper that
submits plan A (with one activity) the way the planner would."""

from __future__ import annotations

import pytest

from tests.plans.conftest import activity_data, plans  # noqa: F401  (shared fixture)


@pytest.fixture(autouse=True)
def immediate_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run what waits for the commit (events, then the e-mails they enqueue)."""

    def run():
        return django_capture_on_commit_callbacks(execute=True)

    return run


@pytest.fixture
def submit(plans, cast, reference, committed):  # noqa: F811
    from selaras.plans import services

    def run():
        services.activity_create(plan=plans.plan_a, by=cast.planner_a, data=activity_data(reference, plans.affair))
        with committed():
            return services.plan_transition(plan=plans.plan_a, action="submit", by=cast.planner_a)

    return run
