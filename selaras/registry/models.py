"""Reference data: regions, agencies, government affairs, authority rules and
development targets. Everything else in Selaras points at these records."""

from __future__ import annotations

from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from selaras.core.models import AuditedModel

region_code_validator = RegexValidator(
    r"^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$",
    _("Kode wilayah Kemendagri berbentuk 33, 33.02, 33.02.01 atau 33.02.01.2001."),
)


class RegionLevel(models.TextChoices):
    PROVINCE = "provinsi", _("Provinsi")
    REGENCY = "kabkota", _("Kabupaten/Kota")
    DISTRICT = "kecamatan", _("Kecamatan")
    VILLAGE = "desa", _("Desa/Kelurahan")


LEVEL_BY_CODE_PARTS = {1: RegionLevel.PROVINCE, 2: RegionLevel.REGENCY, 3: RegionLevel.DISTRICT, 4: RegionLevel.VILLAGE}


class RegionQuerySet(models.QuerySet):
    def current(self) -> RegionQuerySet:
        return self.filter(valid_until__isnull=True)

    def within(self, code: str) -> RegionQuerySet:
        """The region with this code and everything below it."""
        return self.filter(Q(code=code) | Q(code__startswith=f"{code}."))


class Region(AuditedModel):
    """An administrative region with its official Kemendagri code.

    Regions are split and renamed: a region that stops existing keeps its row
    with `valid_until` set and points at its successors, so old plans still
    resolve their locations.
    """

    code = models.CharField(_("kode"), max_length=13, unique=True, validators=[region_code_validator])
    name = models.CharField(_("nama"), max_length=150)
    level = models.CharField(_("tingkat"), max_length=10, choices=RegionLevel.choices, db_index=True)
    kind = models.CharField(_("jenis"), max_length=20, blank=True, help_text=_("kabupaten, kota, desa, kelurahan"))
    parent = models.ForeignKey(
        "self", models.PROTECT, null=True, blank=True, related_name="children", verbose_name=_("induk")
    )
    valid_from = models.DateField(_("berlaku sejak"), null=True, blank=True)
    valid_until = models.DateField(_("berlaku sampai"), null=True, blank=True)
    successors = models.ManyToManyField(
        "self", blank=True, symmetrical=False, related_name="predecessors", verbose_name=_("pengganti")
    )
    source = models.CharField(_("sumber"), max_length=120, blank=True)

    objects = RegionQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("wilayah")
        verbose_name_plural = _("wilayah")

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def province_code(self) -> str:
        return self.code[:2]

    def ancestor_codes(self) -> list[str]:
        """Codes from the province down to this region, inclusive."""
        parts = self.code.split(".")
        return [".".join(parts[: i + 1]) for i in range(len(parts))]


class RegionBoundary(models.Model):
    """An official boundary of a region as GeoJSON geometry, loaded by an
    administrator. Kept apart from `Region` so lists stay light."""

    region = models.OneToOneField(Region, models.CASCADE, related_name="boundary", verbose_name=_("wilayah"))
    geometry = models.JSONField(_("geometri"))
    source = models.CharField(_("sumber"), max_length=200, blank=True)
    loaded_at = models.DateTimeField(_("dimuat"), auto_now=True)

    class Meta:
        verbose_name = _("batas wilayah")
        verbose_name_plural = _("batas wilayah")

    def __str__(self) -> str:
        return str(self.region)


class AgencyKind(models.TextChoices):
    MINISTRY = "ministry", _("Kementerian/Lembaga")
    UNIT = "unit", _("Unit kerja")
    REGIONAL_GOVERNMENT = "regional_government", _("Pemerintah daerah")
    REGIONAL_OFFICE = "regional_office", _("Perangkat daerah (OPD)")
    PARTNER = "partner", _("Mitra pembangunan")


class AgencyQuerySet(models.QuerySet):
    def valid_in(self, year: int) -> AgencyQuerySet:
        return self.filter(Q(valid_from_year__isnull=True) | Q(valid_from_year__lte=year)).filter(
            Q(valid_until_year__isnull=True) | Q(valid_until_year__gte=year)
        )


class Agency(AuditedModel):
    """A ministry or agency (K/L) and its units, a regional government and its
    offices, or a development partner.

    Ministries are restructured (Kemendikbudristek became three ministries in
    2025): validity years and successors keep old plans meaningful.
    """

    code = models.CharField(_("kode"), max_length=40, unique=True)
    name = models.CharField(_("nama"), max_length=255)
    short_name = models.CharField(_("singkatan"), max_length=60, blank=True)
    kind = models.CharField(_("jenis"), max_length=24, choices=AgencyKind.choices, db_index=True)
    budget_code = models.CharField(_("kode BA"), max_length=3, blank=True, db_index=True)
    parent = models.ForeignKey(
        "self", models.PROTECT, null=True, blank=True, related_name="units", verbose_name=_("induk")
    )
    region = models.ForeignKey(
        Region, models.PROTECT, null=True, blank=True, related_name="agencies", verbose_name=_("wilayah")
    )
    valid_from_year = models.PositiveSmallIntegerField(_("berlaku sejak tahun"), null=True, blank=True)
    valid_until_year = models.PositiveSmallIntegerField(_("berlaku sampai tahun"), null=True, blank=True)
    successors = models.ManyToManyField(
        "self", blank=True, symmetrical=False, related_name="predecessors", verbose_name=_("pengganti")
    )
    source = models.CharField(_("sumber"), max_length=200, blank=True)

    objects = AgencyQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "code"]
        verbose_name = _("instansi")
        verbose_name_plural = _("instansi")

    def __str__(self) -> str:
        return self.short_name or self.name


class AffairLevel(models.TextChoices):
    GROUP = "group", _("Kelompok urusan")
    FIELD = "field", _("Bidang urusan")
    SUB = "sub", _("Sub urusan")


class Affair(AuditedModel):
    """A government affair (urusan) at one of three levels: the group
    (wajib pelayanan dasar …), the field (bidang urusan, e.g. 1.01 Pendidikan)
    and the sub-affair (sub urusan) that the authority matrix divides."""

    code = models.CharField(_("kode"), max_length=20, unique=True)
    name = models.CharField(_("nama"), max_length=255)
    level = models.CharField(_("tingkat"), max_length=8, choices=AffairLevel.choices)
    group = models.CharField(_("kelompok"), max_length=40, blank=True)
    parent = models.ForeignKey(
        "self", models.PROTECT, null=True, blank=True, related_name="children", verbose_name=_("induk")
    )
    source = models.TextField(_("sumber"), blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("urusan")
        verbose_name_plural = _("urusan")

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def is_concurrent(self) -> bool:
        """Only codes 1–3 are concurrent affairs under UU 23/2014 Pasal 11–12."""
        return self.code[:1] in {"1", "2", "3"}

    @property
    def is_absolute(self) -> bool:
        """UU 23/2014 Pasal 10 ayat (1): held wholly by the centre."""
        return self.group == "absolut"

    @property
    def is_general_government(self) -> bool:
        """UU 23/2014 Pasal 25: urusan pemerintahan umum (coded 8 in the budget)."""
        return self.group == "pemerintahan_umum"


class GovernmentLevel(models.TextChoices):
    CENTRE = "pusat", _("Pemerintah Pusat")
    PROVINCE = "provinsi", _("Daerah Provinsi")
    REGENCY = "kabkota", _("Daerah Kabupaten/Kota")


class AuthorityRule(AuditedModel):
    """One item of the UU 23/2014 annex (a lettered task of a cell): which
    level of government holds which task of a sub-affair. An activity is tied
    to the item it carries out (`Activity.authority_item`), and the authority
    checks judge that item. An empty cell of the annex is kept as a rule with
    `has_authority=False`, because "no authority" is itself a fact."""

    affair = models.ForeignKey(Affair, models.CASCADE, related_name="authority_rules", verbose_name=_("sub urusan"))
    level = models.CharField(_("tingkat pemerintahan"), max_length=8, choices=GovernmentLevel.choices)
    text = models.TextField(_("kewenangan"))
    has_authority = models.BooleanField(_("ada kewenangan"), default=True)
    position = models.PositiveSmallIntegerField(_("urutan"), default=0)
    source = models.TextField(_("sumber"), blank=True)

    class Meta:
        ordering = ["affair__code", "level", "position"]
        verbose_name = _("aturan kewenangan")
        verbose_name_plural = _("aturan kewenangan")
        constraints = [
            models.UniqueConstraint(fields=["affair", "level", "position"], name="authority_rule_unique_position")
        ]

    def __str__(self) -> str:
        return f"{self.affair.code} {self.level}: {self.text[:60]}"


class FrameworkKind(models.TextChoices):
    SDG = "sdg", _("Tujuan Pembangunan Berkelanjutan (SDGs)")
    RPJMN = "rpjmn", _("RPJMN")
    RKP = "rkp", _("RKP")
    RPJMD = "rpjmd", _("RPJMD")
    PROGRAMME = "programme", _("Hasil program kerja sama")


class TargetFramework(AuditedModel):
    """A set of development targets: the SDGs, an RPJMN period, a region's
    RPJMD, or a cooperation programme's results framework."""

    code = models.CharField(_("kode"), max_length=40, unique=True)
    name = models.CharField(_("nama"), max_length=255)
    kind = models.CharField(_("jenis"), max_length=12, choices=FrameworkKind.choices)
    start_year = models.PositiveSmallIntegerField(_("tahun awal"), null=True, blank=True)
    end_year = models.PositiveSmallIntegerField(_("tahun akhir"), null=True, blank=True)
    region = models.ForeignKey(Region, models.PROTECT, null=True, blank=True, verbose_name=_("wilayah"))
    source = models.TextField(_("sumber"), blank=True)

    class Meta:
        ordering = ["kind", "code"]
        verbose_name = _("kerangka sasaran")
        verbose_name_plural = _("kerangka sasaran")

    def __str__(self) -> str:
        return self.name

    @property
    def short_label(self) -> str:
        """What a badge beside a target's code shows: "SDGs 16",
        "RPJMN 2020–2024 PN3" — never the framework's internal code."""
        return "SDGs" if self.kind == FrameworkKind.SDG else self.name


class DevelopmentTarget(AuditedModel):
    """A goal, priority or target inside a framework (e.g. SDG 4, or
    PN 4 of RPJMN 2020–2024), with the affairs it fits."""

    framework = models.ForeignKey(TargetFramework, models.CASCADE, related_name="targets", verbose_name=_("kerangka"))
    code = models.CharField(_("kode"), max_length=40)
    name = models.CharField(_("nama"), max_length=500)
    parent = models.ForeignKey(
        "self", models.CASCADE, null=True, blank=True, related_name="children", verbose_name=_("induk")
    )
    affairs = models.ManyToManyField(Affair, blank=True, related_name="targets", verbose_name=_("urusan terkait"))

    class Meta:
        ordering = ["framework__code", "code"]
        verbose_name = _("sasaran pembangunan")
        verbose_name_plural = _("sasaran pembangunan")
        constraints = [models.UniqueConstraint(fields=["framework", "code"], name="target_unique_code")]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"
