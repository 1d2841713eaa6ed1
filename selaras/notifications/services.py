"""Telling people, marking read, and their choices.

`notify` is the one way a notification is made: once per event and person
(the unique key), shown and/or mailed as the person chose, the e-mail sent
by a background task in the person's language."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from selaras.core import access
from selaras.core.access import WRITE
from selaras.notifications.models import Notification, NotificationKind, NotificationPreference
from selaras.notifications.selectors import preferences_of

if TYPE_CHECKING:
    from selaras.accounts.models import User


def notify(
    *, kind: str, key: str, recipients: Iterable[User], params: Mapping[str, object] | None = None, url: str = ""
) -> list[Notification]:
    """Tell each recipient once about the event `key`; returns the
    notifications made now (none for a person told before or who chose
    neither the bell nor e-mail)."""
    people = {u.pk: u for u in recipients if u is not None}
    chosen = preferences_of(people.values(), kind)
    made = []
    for pk, user in people.items():
        in_app, email = chosen[pk]
        if not (in_app or email):
            continue
        try:
            with transaction.atomic():
                note = Notification.objects.create(
                    recipient=user, kind=kind, key=key[:200], params=dict(params or {}), url=url, shown=in_app
                )
        except IntegrityError:
            continue  # told already: the same event emitted again
        made.append(note)
        if email and user.email:
            transaction.on_commit(lambda pk=note.pk: _enqueue_email(pk))
    return made


def _enqueue_email(notification_id: int) -> None:
    from selaras.notifications.tasks import send_notification_email

    send_notification_email.enqueue(notification_id=notification_id)


def recipient_language(user) -> str:
    """The person's own language when the account has one, else the site's."""
    language = getattr(user, "language", "") or ""
    return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def notification_email_send(*, notification_id: int) -> bool:
    """Send the notification's e-mail once: claimed by a conditional UPDATE,
    so a task run twice (a requeued worker) mails nothing the second time."""
    now = timezone.now()
    if not Notification.objects.filter(pk=notification_id, email_sent_at__isnull=True).update(email_sent_at=now):
        return False
    note = Notification.objects.select_related("recipient").get(pk=notification_id)
    user = note.recipient
    if not user.email or not user.is_active:
        return False
    try:
        with translation.override(recipient_language(user)):
            message = note.message
            subject = _("[Selaras] %(kind)s") % {"kind": note.get_kind_display()}
            link = settings.SITE_URL.rstrip("/") + note.url if note.url.startswith("/") else note.url
            body = render_to_string(
                "notifications/email.txt", {"user": user, "message": message, "link": link, "notification": note}
            )
            send_mail(subject, body, None, [user.email])
    except Exception:
        # Not sent: let a re-run of the task try again.
        Notification.objects.filter(pk=notification_id).update(email_sent_at=None)
        raise
    return True


def notification_mark_read(*, notification: Notification, by: User) -> Notification:
    if not access.can(by, WRITE, notification):
        raise PermissionDenied(_("Notifikasi ini bukan milik Anda."))
    if notification.read_at is None:
        notification.read_at = timezone.now()
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(read_at=notification.read_at)
    return notification


def notifications_mark_all_read(*, by: User) -> int:
    mine = access.restrict(Notification.objects.filter(read_at__isnull=True), by, WRITE)
    return mine.update(read_at=timezone.now())


@transaction.atomic
def preferences_save(*, user: User, by: User, choices: Mapping[str, tuple[bool, bool]]) -> None:
    """Store the person's (in app, e-mail) choice per kind of event."""
    if by.pk != user.pk:
        raise PermissionDenied(_("Pilihan notifikasi hanya dapat diubah oleh pemiliknya."))
    known = set(NotificationKind.values)
    for kind, (in_app, email) in choices.items():
        if kind not in known:
            continue
        NotificationPreference.objects.update_or_create(
            user=user, kind=kind, defaults={"in_app": bool(in_app), "email": bool(email)}
        )
