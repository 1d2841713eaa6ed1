"""Programmes, their yearly cycles, the agencies' plans and their activities.

Two cycles share these records (DESIGN.md): the cooperation programme's
annual work plans (AWP/RKT) and the delegation plans of the four PP 19/2022
instruments. A plan's content is edited while it is a draft (or returned for
revision); submitting freezes a `PlanRevision`, and an endorsed plan is locked.

It stays whole over 400 lines: these models are one domain, tied by foreign
keys, and read best side by side.
"""

from __future__ import annotations

import uuid
from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from selaras.core.models import AuditedModel
from selaras.registry.models import GovernmentLevel


class ProgrammeKind(models.TextChoices):
    COOPERATION = "cooperation", _("Kerja sama dengan mitra pembangunan")
    DEKON_BINWAS = "dekon_binwas", _("Dekonsentrasi kepada GWPP — pembinaan dan pengawasan")
    DEKON_GWPP = "dekon_gwpp", _("Dekonsentrasi kepada GWPP — tugas GWPP")
    TP_PUSAT = "tp_pusat", _("Tugas pembantuan pusat")
    TP_PROVINSI = "tp_provinsi", _("Tugas pembantuan provinsi")
    REGIONAL = "regional", _("Rencana daerah")

    @classmethod
    def delegation(cls) -> set[str]:
        return {cls.DEKON_BINWAS, cls.DEKON_GWPP, cls.TP_PUSAT, cls.TP_PROVINSI}


class Programme(AuditedModel):
    """A cooperation programme (e.g. GoI–UNICEF 2021–2025) or a delegation
    programme of one PP 19/2022 instrument, run by a coordinating unit over a
    period and focused on locus regions."""

    code = models.CharField(_("kode"), max_length=40, unique=True)
    name = models.CharField(_("nama"), max_length=255)
    kind = models.CharField(_("jenis"), max_length=16, choices=ProgrammeKind.choices)
    description = models.TextField(_("uraian"), blank=True)
    coordinator = models.ForeignKey(
        "registry.Agency", models.PROTECT, related_name="coordinated_programmes", verbose_name=_("unit koordinator")
    )
    partner = models.ForeignKey(
        "registry.Agency",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="partner_programmes",
        verbose_name=_("mitra pembangunan"),
    )
    assigner = models.ForeignKey(
        "registry.Agency",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="assigned_programmes",
        verbose_name=_("pemberi tugas"),
        help_text=_("Untuk tugas pembantuan provinsi: pemerintah provinsi yang menugaskan."),
    )
    participants = models.ManyToManyField(
        "registry.Agency", blank=True, related_name="programmes", verbose_name=_("K/L pelaksana")
    )
    start_year = models.PositiveSmallIntegerField(_("tahun awal"))
    end_year = models.PositiveSmallIntegerField(_("tahun akhir"))
    loci = models.ManyToManyField(
        "registry.Region", blank=True, related_name="programmes", verbose_name=_("wilayah lokus")
    )
    partner_currency = models.CharField(_("mata uang mitra"), max_length=3, blank=True, help_text=_("mis. USD"))

    class Meta:
        ordering = ["-start_year", "code"]
        verbose_name = _("program")
        verbose_name_plural = _("program")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_year__gte=models.F("start_year")), name="programme_period_ordered"
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_delegation(self) -> bool:
        return self.kind in ProgrammeKind.delegation()

    def covers_year(self, year: int) -> bool:
        return self.start_year <= year <= self.end_year


class Cycle(AuditedModel):
    """One year of a programme, with the deadlines the coordinator tracks.

    For delegation programmes PP 19/2022 Pasal 7 and 16 set the ministerial
    regulation by November and the regional decrees by December of the year
    before implementation."""

    programme = models.ForeignKey(Programme, models.CASCADE, related_name="cycles", verbose_name=_("program"))
    year = models.PositiveSmallIntegerField(_("tahun"))
    submission_deadline = models.DateField(_("batas pengajuan"), null=True, blank=True)
    review_deadline = models.DateField(_("batas penelaahan"), null=True, blank=True)
    regulation_deadline = models.DateField(_("batas peraturan menteri/gubernur"), null=True, blank=True)
    decree_deadline = models.DateField(_("batas keputusan kepala daerah"), null=True, blank=True)
    regulation_recorded_on = models.DateField(_("peraturan ditetapkan"), null=True, blank=True)
    decree_recorded_on = models.DateField(_("keputusan daerah ditetapkan"), null=True, blank=True)
    is_open = models.BooleanField(_("terbuka untuk pengajuan"), default=True)

    class Meta:
        ordering = ["-year", "programme__code"]
        verbose_name = _("siklus")
        verbose_name_plural = _("siklus")
        constraints = [models.UniqueConstraint(fields=["programme", "year"], name="cycle_unique_year")]

    def __str__(self) -> str:
        return f"{self.programme.code} {self.year}"


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Draf")
    SUBMITTED = "submitted", _("Diajukan")
    IN_REVIEW = "in_review", _("Dalam penelaahan")
    RETURNED = "returned", _("Dikembalikan untuk perbaikan")
    ENDORSED = "endorsed", _("Disetujui")
    IN_IMPLEMENTATION = "in_implementation", _("Dalam pelaksanaan")
    CLOSED = "closed", _("Ditutup")

    @classmethod
    def editable(cls) -> set[str]:
        return {cls.DRAFT, cls.RETURNED}


class Plan(AuditedModel):
    """An agency's plan for one cycle: an annual work plan of a cooperation
    programme or a delegation plan. One per cycle and owner agency."""

    cycle = models.ForeignKey(Cycle, models.PROTECT, related_name="plans", verbose_name=_("siklus"))
    owner = models.ForeignKey(
        "registry.Agency", models.PROTECT, related_name="plans", verbose_name=_("instansi pemilik")
    )
    title = models.CharField(_("judul"), max_length=255, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=PlanStatus.choices, default=PlanStatus.DRAFT, db_index=True
    )
    revision = models.PositiveIntegerField(_("revisi terakhir"), default=0, editable=False)
    notes = models.TextField(_("catatan"), blank=True)

    class Meta:
        ordering = ["cycle__programme__code", "-cycle__year", "owner__code"]
        verbose_name = _("rencana")
        verbose_name_plural = _("rencana")
        constraints = [models.UniqueConstraint(fields=["cycle", "owner"], name="plan_unique_owner_per_cycle")]

    def __str__(self) -> str:
        return self.title or self.default_title()

    def default_title(self) -> str:
        """What an untitled plan is called: "Rencana Kerja 2025 Kemenkes —
        Program Kerja Sama RI–UNICEF", a title rather than codes."""
        return _("Rencana Kerja %(year)s %(owner)s — %(programme)s") % {
            "year": self.cycle.year,
            "owner": self.owner,
            "programme": self.cycle.programme.name,
        }

    @property
    def is_editable(self) -> bool:
        return self.status in PlanStatus.editable()


class PlanTransition(models.Model):
    """One step of a plan's workflow: who moved it, when, why."""

    plan = models.ForeignKey(Plan, models.CASCADE, related_name="transitions", verbose_name=_("rencana"))
    action = models.CharField(_("tindakan"), max_length=24)
    from_status = models.CharField(_("dari"), max_length=20, choices=PlanStatus.choices)
    to_status = models.CharField(_("ke"), max_length=20, choices=PlanStatus.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("oleh"))
    at = models.DateTimeField(_("waktu"), auto_now_add=True)
    comment = models.TextField(_("komentar"), blank=True)
    revision = models.PositiveIntegerField(_("revisi"), null=True, blank=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("riwayat status rencana")
        verbose_name_plural = _("riwayat status rencana")

    def __str__(self) -> str:
        return f"{self.plan}: {self.from_status} → {self.to_status}"


class PlanRevision(models.Model):
    """A frozen copy of a plan made when it is submitted. Never edited."""

    plan = models.ForeignKey(Plan, models.CASCADE, related_name="revisions", verbose_name=_("rencana"))
    number = models.PositiveIntegerField(_("nomor revisi"))
    created_at = models.DateTimeField(_("dibekukan"), auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("oleh"))
    snapshot = models.JSONField(_("isi"))

    class Meta:
        ordering = ["plan", "number"]
        verbose_name = _("revisi rencana")
        verbose_name_plural = _("revisi rencana")
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="revision_unique_number")]

    def __str__(self) -> str:
        return f"{self.plan} r{self.number}"


class FundingSource(models.TextChoices):
    APBN = "apbn", _("APBN")
    DEKONSENTRASI = "dekonsentrasi", _("Dana dekonsentrasi")
    TUGAS_PEMBANTUAN = "tugas_pembantuan", _("Dana tugas pembantuan")
    PARTNER = "partner", _("Mitra pembangunan")
    APBD = "apbd", _("APBD")
    DAK = "dak", _("DAK")


class ExecutingLevel(models.TextChoices):
    CENTRE = GovernmentLevel.CENTRE.value, GovernmentLevel.CENTRE.label
    PROVINCE = GovernmentLevel.PROVINCE.value, GovernmentLevel.PROVINCE.label
    REGENCY = GovernmentLevel.REGENCY.value, GovernmentLevel.REGENCY.label
    VILLAGE = "desa", _("Desa")


class DelegatedContent(models.TextChoices):
    """What a delegated activity does, in PP 19/2022 Pasal 4 terms."""

    GUIDANCE = "pembinaan", _("Pembinaan (fasilitasi, konsultasi, pendidikan dan pelatihan, penelitian)")
    SUPERVISION = "pengawasan", _("Pengawasan (reviu, pemantauan, evaluasi, inspeksi)")
    IMPLEMENTATION = "pelaksanaan", _("Pelaksanaan urusan")
    GWPP_TASK = "tugas_gwpp", _("Tugas dan wewenang GWPP")


class RecipientLevel(models.TextChoices):
    """Who receives a delegated activity (PP 19/2022 Pasal 1 angka 3–6): the
    governor as representative of the centre (deconcentration only) or a
    regional government as autonomous region (co-administration only)."""

    GWPP = "gwpp", _("Gubernur sebagai wakil Pemerintah Pusat (GWPP)")
    PROVINCE = "provinsi", _("Pemerintah provinsi (daerah otonom)")
    REGENCY = "kabkota", _("Pemerintah kabupaten/kota")


class Activity(AuditedModel):
    """One planned activity: what, which affair, which money, where, for which
    target. `uid` stays the same across revisions so diffs can follow it."""

    plan = models.ForeignKey(Plan, models.CASCADE, related_name="activities", verbose_name=_("rencana"))
    uid = models.UUIDField(_("ID tetap"), default=uuid.uuid4, editable=False, db_index=True)
    code = models.CharField(_("kode"), max_length=30, blank=True)
    title = models.CharField(_("judul kegiatan"), max_length=500)
    description = models.TextField(_("uraian"), blank=True)
    affair = models.ForeignKey(
        "registry.Affair", models.PROTECT, null=True, blank=True, related_name="activities", verbose_name=_("urusan")
    )
    funding_source = models.CharField(_("sumber dana"), max_length=20, choices=FundingSource.choices)
    budget = models.DecimalField(
        _("anggaran (Rp)"),
        max_digits=18,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0"))],
    )
    partner_budget = models.DecimalField(
        _("anggaran dalam mata uang mitra"),
        max_digits=18,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    output = models.CharField(_("keluaran"), max_length=500, blank=True)
    q1 = models.BooleanField(_("triwulan I"), default=False)
    q2 = models.BooleanField(_("triwulan II"), default=False)
    q3 = models.BooleanField(_("triwulan III"), default=False)
    q4 = models.BooleanField(_("triwulan IV"), default=False)
    executing_level = models.CharField(
        _("tingkat pelaksana"), max_length=10, choices=ExecutingLevel.choices, default=ExecutingLevel.CENTRE
    )
    implementing_agency = models.ForeignKey(
        "registry.Agency",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="implemented_activities",
        verbose_name=_("instansi pelaksana"),
    )
    implementing_office = models.CharField(
        _("unit/OPD pelaksana"), max_length=255, blank=True, help_text=_("mis. Dinas Pendidikan Provinsi")
    )
    recipient = models.ForeignKey(
        "registry.Agency",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="received_activities",
        verbose_name=_("pemerintah penerima"),
        help_text=_("Untuk kegiatan yang dilimpahkan atau ditugaskan."),
    )
    recipient_level = models.CharField(_("tingkat penerima"), max_length=10, choices=RecipientLevel.choices, blank=True)
    authority_item = models.ForeignKey(
        "registry.AuthorityRule",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="activities",
        verbose_name=_("butir kewenangan"),
        help_text=_("Butir matriks Lampiran UU 23/2014 yang dilaksanakan kegiatan ini (dikonfirmasi perencana)."),
    )
    delegated_content = models.CharField(
        _("muatan pelimpahan"), max_length=12, choices=DelegatedContent.choices, blank=True
    )
    requires_matching_funds = models.BooleanField(_("memerlukan dana pendamping daerah"), default=False)
    targets = models.ManyToManyField(
        "registry.DevelopmentTarget", blank=True, related_name="activities", verbose_name=_("sasaran pembangunan")
    )
    position = models.PositiveIntegerField(_("urutan"), default=0)

    class Meta:
        ordering = ["plan", "position", "id"]
        verbose_name = _("kegiatan")
        verbose_name_plural = _("kegiatan")

    def __str__(self) -> str:
        return f"{self.code} {self.title}".strip()

    @property
    def quarters(self) -> list[int]:
        return [n for n, on in enumerate((self.q1, self.q2, self.q3, self.q4), start=1) if on]


class ActivityLocation(AuditedModel):
    """Where an activity lands: a province, kabupaten/kota, kecamatan or desa,
    with its share of the budget and of the target."""

    activity = models.ForeignKey(Activity, models.CASCADE, related_name="locations", verbose_name=_("kegiatan"))
    region = models.ForeignKey(
        "registry.Region", models.PROTECT, related_name="activity_locations", verbose_name=_("wilayah")
    )
    budget = models.DecimalField(
        _("anggaran (Rp)"),
        max_digits=18,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0"))],
    )
    target_share = models.DecimalField(
        _("bagian target"),
        max_digits=18,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )

    class Meta:
        ordering = ["activity", "region__code"]
        verbose_name = _("lokasi kegiatan")
        verbose_name_plural = _("lokasi kegiatan")
        constraints = [models.UniqueConstraint(fields=["activity", "region"], name="location_unique_region")]

    def __str__(self) -> str:
        return f"{self.activity_id} @ {self.region}"


class IndicatorTarget(AuditedModel):
    """An output indicator of an activity with its unit, baseline and target."""

    activity = models.ForeignKey(Activity, models.CASCADE, related_name="indicators", verbose_name=_("kegiatan"))
    indicator = models.CharField(_("indikator"), max_length=500)
    unit = models.CharField(_("satuan"), max_length=60, blank=True)
    baseline = models.DecimalField(_("nilai dasar"), max_digits=18, decimal_places=2, null=True, blank=True)
    target = models.DecimalField(_("target"), max_digits=18, decimal_places=2, null=True, blank=True)
    position = models.PositiveIntegerField(_("urutan"), default=0)

    class Meta:
        ordering = ["activity", "position", "id"]
        verbose_name = _("target indikator")
        verbose_name_plural = _("target indikator")

    def __str__(self) -> str:
        return self.indicator


class RegionalPlan(AuditedModel):
    """A region's own sub-activities for one year, imported from its planning
    system (RKPD/SIPD export). The checks compare central plans against it."""

    region = models.ForeignKey(
        "registry.Region", models.PROTECT, related_name="regional_plans", verbose_name=_("wilayah")
    )
    year = models.PositiveSmallIntegerField(_("tahun"))
    source_name = models.CharField(_("berkas sumber"), max_length=255, blank=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("diimpor oleh"),
    )

    class Meta:
        ordering = ["-year", "region__code"]
        verbose_name = _("rencana daerah")
        verbose_name_plural = _("rencana daerah")
        constraints = [models.UniqueConstraint(fields=["region", "year"], name="regional_plan_unique_year")]

    def __str__(self) -> str:
        return f"{self.region} {self.year}"


class RegionalSubActivity(models.Model):
    """One budgeted sub-activity of a regional plan. Replaced wholesale on
    re-import (the region's system is the record), so not audited per row."""

    regional_plan = models.ForeignKey(
        RegionalPlan, models.CASCADE, related_name="sub_activities", verbose_name=_("rencana daerah")
    )
    code = models.CharField(_("kode sub kegiatan"), max_length=40, blank=True)
    name = models.CharField(_("nama sub kegiatan"), max_length=500)
    implementing_office = models.CharField(_("perangkat daerah pelaksana"), max_length=255, blank=True)
    budget = models.DecimalField(_("pagu (Rp)"), max_digits=18, decimal_places=2, default=Decimal("0"))
    location = models.ForeignKey(
        "registry.Region", models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("lokasi")
    )
    location_text = models.CharField(_("keterangan lokasi"), max_length=255, blank=True)
    affair = models.ForeignKey(
        "registry.Affair", models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("urusan")
    )
    row_number = models.PositiveIntegerField(_("baris sumber"), default=0)

    class Meta:
        ordering = ["regional_plan", "row_number"]
        verbose_name = _("sub kegiatan daerah")
        verbose_name_plural = _("sub kegiatan daerah")

    def __str__(self) -> str:
        return self.name
