"""Notifications: what happened that a person should know about, shown in
the bell and, by their choice, sent by e-mail."""

from __future__ import annotations

from collections import defaultdict

from django.conf import settings
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class NotificationKind(models.TextChoices):
    """Every event a person may be told about (also the subscription key of
    a preference). Flags are raised by the flags app, which emits
    `flag.raised` / `flag.answered` through `selaras.core.events`."""

    PLAN_SUBMITTED = "plan.submitted", _("Rencana diajukan untuk ditelaah")
    PLAN_RETURNED = "plan.returned", _("Rencana saya dikembalikan untuk perbaikan")
    PLAN_ENDORSED = "plan.endorsed", _("Rencana saya disetujui")
    LETTER_ISSUED = "letter.issued", _("Surat rekomendasi untuk rencana saya diterbitkan")
    LETTER_ANSWERED = "letter.answered", _("Surat rekomendasi ditanggapi")
    FINDING_DECIDED = "finding.decided", _("Temuan pada rencana saya diputuskan")
    FLAG_RAISED = "flag.raised", _("Tanda dari daerah pada kegiatan saya")
    FLAG_ANSWERED = "flag.answered", _("Tanda saya dijawab")
    JOB_SUCCEEDED = "job.succeeded", _("Impor atau pemeriksaan saya selesai")
    JOB_FAILED = "job.failed", _("Impor atau pemeriksaan saya gagal")
    FOLLOWUP_REMINDER = "followup.reminder", _("Tindak lanjut rapat saya mendekati tenggat")
    FOLLOWUP_OVERDUE = "followup.overdue", _("Tindak lanjut rapat saya melewati tenggat")
    FOLLOWUP_ASSIGNED = "followup.assigned", _("Tindak lanjut rapat ditugaskan kepada saya")
    FOLLOWUP_DONE = "followup.done", _("Tindak lanjut rapat saya koordinasikan ditandai selesai")
    FOLLOWUP_VERIFIED = "followup.verified", _("Tindak lanjut rapat saya diverifikasi")


# The important events go by e-mail too unless the person turns it off.
EMAIL_BY_DEFAULT = frozenset(
    {
        NotificationKind.PLAN_SUBMITTED,
        NotificationKind.PLAN_RETURNED,
        NotificationKind.PLAN_ENDORSED,
        NotificationKind.LETTER_ISSUED,
        NotificationKind.LETTER_ANSWERED,
        NotificationKind.FLAG_RAISED,
        NotificationKind.JOB_FAILED,
        NotificationKind.FOLLOWUP_REMINDER,
        NotificationKind.FOLLOWUP_OVERDUE,
        NotificationKind.FOLLOWUP_ASSIGNED,
    }
)

# One sentence per kind, filled from `Notification.params` in the reader's
# language when shown (so a stored notification follows a language switch).
MESSAGES = {
    NotificationKind.PLAN_SUBMITTED: _("%(actor)s mengajukan rencana %(plan)s untuk ditelaah."),
    NotificationKind.PLAN_RETURNED: _("Rencana %(plan)s dikembalikan untuk perbaikan: %(comment)s"),
    NotificationKind.PLAN_ENDORSED: _("Rencana %(plan)s disetujui."),
    NotificationKind.LETTER_ISSUED: _("Surat rekomendasi %(number)s untuk rencana %(plan)s diterbitkan."),
    NotificationKind.LETTER_ANSWERED: _("%(actor)s menanggapi butir %(point)s surat %(number)s (rencana %(plan)s)."),
    NotificationKind.FINDING_DECIDED: _("%(count)s temuan pada rencana %(plan)s diputuskan."),
    NotificationKind.FLAG_RAISED: _("%(actor)s menandai kegiatan %(activity)s: %(comment)s"),
    NotificationKind.FLAG_ANSWERED: _("%(actor)s menjawab tanda Anda pada kegiatan %(activity)s."),
    NotificationKind.JOB_SUCCEEDED: _("Pekerjaan “%(job)s” selesai."),
    NotificationKind.JOB_FAILED: _("Pekerjaan “%(job)s” gagal: %(error)s"),
    NotificationKind.FOLLOWUP_REMINDER: _(
        "Tindak lanjut rapat %(meeting)s jatuh tempo pada %(due)s (%(days)s hari lagi): %(followup)s"
    ),
    NotificationKind.FOLLOWUP_OVERDUE: _("Tindak lanjut rapat %(meeting)s melewati tenggat %(due)s: %(followup)s"),
    NotificationKind.FOLLOWUP_ASSIGNED: _("%(actor)s menugaskan tindak lanjut rapat %(meeting)s: %(followup)s"),
    NotificationKind.FOLLOWUP_DONE: _(
        "%(actor)s menandai selesai tindak lanjut rapat %(meeting)s; mohon diverifikasi: %(followup)s"
    ),
    NotificationKind.FOLLOWUP_VERIFIED: _("%(actor)s memverifikasi tindak lanjut rapat %(meeting)s: %(followup)s"),
}


class Notification(models.Model):
    """One event told to one person. The row is also the delivery record:
    `key` names the event, so the same event told twice finds its row and
    nothing is shown or mailed again; `shown` is false when the person
    wanted the event by e-mail only."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="notifications", verbose_name=_("penerima")
    )
    kind = models.CharField(_("jenis"), max_length=32, choices=NotificationKind.choices)
    key = models.CharField(_("kunci peristiwa"), max_length=200)
    params = models.JSONField(_("rincian"), default=dict, blank=True)
    url = models.CharField(_("tautan"), max_length=500, blank=True)
    shown = models.BooleanField(_("tampil di aplikasi"), default=True)
    read_at = models.DateTimeField(_("dibaca"), null=True, blank=True)
    email_sent_at = models.DateTimeField(_("e-mail terkirim"), null=True, blank=True)
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("notifikasi")
        verbose_name_plural = _("notifikasi")
        constraints = [
            models.UniqueConstraint(fields=["recipient", "kind", "key"], name="notification_once_per_event"),
        ]
        indexes = [models.Index(fields=["recipient", "shown", "read_at"], name="notification_unread")]

    def __str__(self) -> str:
        return self.message

    @property
    def message(self) -> str:
        params: defaultdict[str, object] = defaultdict(str, self.params or {})
        return gettext(str(MESSAGES.get(self.kind, self.get_kind_display()))) % params

    @property
    def is_unread(self) -> bool:
        return self.read_at is None


class NotificationPreference(models.Model):
    """A person's choice for one kind of event: in the bell, by e-mail,
    both or neither. Without a row the defaults apply (see `preferences`)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="notification_preferences", verbose_name=_("pengguna")
    )
    kind = models.CharField(_("jenis"), max_length=32, choices=NotificationKind.choices)
    in_app = models.BooleanField(_("di aplikasi"), default=True)
    email = models.BooleanField(_("e-mail"), default=False)

    class Meta:
        verbose_name = _("pilihan notifikasi")
        verbose_name_plural = _("pilihan notifikasi")
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="notification_preference_once")]

    def __str__(self) -> str:
        return f"{self.user} · {self.kind}"
