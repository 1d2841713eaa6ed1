""" "Tugas saya" for meetings: owners see the follow-ups their agency or
region still owes (with due dates, so overdue ones come first);
coordinators see those reported done, awaiting their verification.
Registered from `MeetingsConfig.ready` when the home app is installed."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from selaras.home.selectors import ITEMS_PER_KIND, Task, task_provider
from selaras.meetings import selectors


def _url(pk: int) -> str:
    return reverse("meetings:followup_detail", args=[pk])


@task_provider("meetings")
def followup_tasks(user) -> list[Task]:
    tasks: list[Task] = []
    owed = selectors.my_followups(user)
    for followup in owed[:ITEMS_PER_KIND]:
        tasks.append(
            Task(
                kind="followup_due",
                label=_("Tindak lanjut rapat: %(text)s") % {"text": followup.text[:120]},
                url=_url(followup.pk),
                detail=followup.meeting.title,
                deadline=followup.due_date,
            )
        )
    for followup in selectors.followups_to_verify(user)[:ITEMS_PER_KIND]:
        tasks.append(
            Task(
                kind="followup_verify",
                label=_("Verifikasi tindak lanjut: %(text)s") % {"text": followup.text[:120]},
                url=_url(followup.pk),
                detail=followup.meeting.title,
            )
        )
    return tasks
