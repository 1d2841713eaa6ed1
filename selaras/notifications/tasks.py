"""Background tasks of notifications: the e-mails."""

from __future__ import annotations

from django.tasks import task

from selaras.notifications import services


@task
def send_notification_email(*, notification_id: int) -> bool:
    return services.notification_email_send(notification_id=notification_id)
