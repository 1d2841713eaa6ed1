"""Reading a filled plan workbook into `ActivityData`, checking every cell.

Values come from python-calamine (fast, values only); formulas and merged
cells are found in the XML (see `workbook`). Codes are resolved with one
query per kind into dictionaries, so 20,000 rows cost a handful of queries.
Every problem is collected with its sheet, row and column; the caller gets
either the full list of activities or a `SpreadsheetImportError` with all
the errors — never part of the file.

It stays whole over 400 lines: every check of the workbook shares the same
references and error list, one pass from cells to activities.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from selaras.core.formatting import format_rupiah
from selaras.plans.models import DelegatedContent, ExecutingLevel, FundingSource, Programme, RecipientLevel
from selaras.plans.services import ActivityData, IndicatorData, LocationData, recipient_level_error
from selaras.plans.spreadsheets import cells, workbook
from selaras.plans.spreadsheets.errors import ImportErrorList, SpreadsheetImportError, column_letter
from selaras.plans.spreadsheets.layout import (
    ACTIVITIES,
    CODE,
    INDICATORS,
    LOCATIONS,
    NUMBER,
    RECIPIENT_LEVEL_WORDS,
    YES_NO,
    Column,
    SheetLayout,
    item_code,
    normalise_header,
)
from selaras.registry.models import Affair, Agency, AgencyKind, AuthorityRule, DevelopmentTarget, Region

Progress = Callable[[int, int, str], None]

# SQLite allows 32,766 bound variables; stay far below for any backend.
_IN_CHUNK = 900


@dataclass
class Row:
    """One non-empty data row: its Excel row number and parsed values."""

    number: int
    values: dict[str, object] = field(default_factory=dict)
    raw: dict[str, object] = field(default_factory=dict)


@dataclass
class SheetRows:
    layout: SheetLayout
    name: str
    letters: dict[str, str]  # column key → Excel letter
    rows: list[Row]

    def where(self, row: Row | int, key: str) -> dict:
        column = self.layout.by_key(key)
        return {
            "sheet": self.name,
            "row": row if isinstance(row, int) else row.number,
            "column": self.letters.get(key, ""),
            "header": column.header,
        }


class References:
    """The reference records a workbook may name, each kind loaded once."""

    def __init__(self) -> None:
        self.affairs = {a.code: a for a in Affair.objects.all()}
        self.agencies = {a.code: a for a in Agency.objects.all()}
        self.targets = {
            f"{t.framework.code}:{t.code}".casefold(): t for t in DevelopmentTarget.objects.select_related("framework")
        }
        self.items = {
            item_code(i).casefold(): i
            for i in AuthorityRule.objects.filter(has_authority=True).select_related("affair")
        }

    @staticmethod
    def regions(codes: set[str]) -> dict[str, Region]:
        found: dict[str, Region] = {}
        ordered = sorted(codes)
        for i in range(0, len(ordered), _IN_CHUNK):
            for region in Region.objects.filter(code__in=ordered[i : i + _IN_CHUNK]):
                found[region.code] = region
        return found


def _choices(choices) -> dict[str, str]:
    """Accept a choice's code or its Indonesian label, case-insensitively."""
    accepted = {}
    for choice in choices:
        accepted[str(choice.value).casefold()] = choice.value
        accepted[str(choice.label).casefold()] = choice.value
    return accepted


def _sheet_rows(opened: workbook.Workbook, layout: SheetLayout, name: str, errors: ImportErrorList) -> SheetRows | None:
    """The rows of one data sheet with each cell converted by its column
    kind, or None when the sheet is too large or its header unusable. Rows
    are streamed: only non-blank ones are kept, cut to the header's width."""
    loaded = opened.sheet(name, errors, workbook.plan_sheet_limits())
    if loaded is None:
        return None
    sheet_data, scan = loaded
    stream = workbook.iter_rows(sheet_data)
    header_row = next(stream, [])
    positions: dict[str, int] = {}
    expected = {normalise_header(c.header): c for c in layout.columns}
    for index, text in enumerate(header_row):
        column = expected.get(normalise_header(text))
        if column is None:
            continue
        if column.key in positions:
            errors.add(
                _("Kolom “%(header)s” muncul lebih dari sekali.") % {"header": column.header},
                sheet=name,
                row=1,
                column=column_letter(index),
                header=column.header,
            )
            continue
        positions[column.key] = index
    letters = {key: column_letter(i) for key, i in positions.items()}
    missing = [c for c in layout.columns if c.required and c.key not in positions]
    for column in missing:
        errors.add(
            _("Kolom wajib “%(header)s” tidak ada di baris judul. Gunakan templat Selaras tanpa mengubah judul kolom.")
            % {"header": column.header},
            sheet=name,
            row=1,
        )
    headers_by_letter = {letters[c.key]: c.header for c in layout.columns if c.key in letters}
    workbook.check_cells(sheet_data, scan, name, errors, headers_by_letter)
    if missing:
        return None
    rows: list[Row] = []
    sheet = SheetRows(layout, name, letters, rows)
    width = len(header_row)
    for offset, values in enumerate(stream, start=2):
        if all(cells.is_blank(v) for v in values[:width]):
            continue
        row = Row(offset)
        for column in layout.columns:
            index = positions.get(column.key)
            raw = values[index] if index is not None and index < len(values) else ""
            row.raw[column.key] = raw
            try:
                row.values[column.key] = _convert(column, raw)
            except cells.CellError as exc:
                errors.add(str(exc), **sheet.where(row, column.key))
                row.values[column.key] = None
        rows.append(row)
    return sheet


def _convert(column: Column, raw: object) -> object:
    if column.kind == NUMBER:
        value = cells.as_decimal(raw, allow_negative=column.key in ("baseline", "target"))
    elif column.kind == YES_NO:
        value = cells.as_bool(raw)
    elif column.kind == CODE:
        value = cells.as_code(raw)
    else:
        value = cells.as_text(raw) if column.key != "description" else ("" if cells.is_blank(raw) else str(raw).strip())
    if column.required and (value is None or value == ""):
        raise cells.CellError(_("Wajib diisi."))
    if column.max_length and isinstance(value, str) and len(value) > column.max_length:
        raise cells.CellError(
            _("Terlalu panjang: %(length)s karakter, paling banyak %(max)s.")
            % {"length": len(value), "max": column.max_length}
        )
    return value


def _find_sheet(names: list[str], wanted: str) -> str | None:
    by_folded = {n.strip().casefold(): n for n in names}
    return by_folded.get(wanted.casefold())


def read_plan_workbook(
    file, *, name: str | None = None, progress: Progress | None = None, programme: Programme | None = None
) -> list[ActivityData]:
    """Every activity of the workbook, or `SpreadsheetImportError` listing
    every problem found. With `programme`, a recipient level the programme's
    instrument cannot take is reported at its cell too."""
    errors = ImportErrorList()
    source = workbook.as_source(file, name)
    if not workbook.check_size(source, errors):
        errors.raise_if_any()
    opened = workbook.open_xlsx(source, errors)
    if opened is None:
        errors.raise_if_any()
    try:
        names = opened.sheet_names
        found = {layout.name: _find_sheet(names, layout.name) for layout in (ACTIVITIES, LOCATIONS, INDICATORS)}
        if found[ACTIVITIES.name] is None:
            errors.add(
                _("Lembar “%(sheet)s” tidak ditemukan. Lembar yang ada: %(names)s. Gunakan templat Selaras.")
                % {"sheet": ACTIVITIES.name, "names": ", ".join(names) or "-"},
                sheet=ACTIVITIES.name,
            )
            errors.raise_if_any()
        if progress:
            progress(0, 0, _("Membaca buku kerja"))
        sheets = {
            layout.name: _sheet_rows(opened, layout, found[layout.name], errors)
            for layout in (ACTIVITIES, LOCATIONS, INDICATORS)
            if found[layout.name] is not None
        }
    finally:
        opened.close()
    activities = _build(sheets, errors, progress, programme)
    errors.raise_if_any()
    return activities


def _build(
    sheets: dict[str, SheetRows | None],
    errors: ImportErrorList,
    progress: Progress | None,
    programme: Programme | None = None,
) -> list[ActivityData]:
    refs = References()
    funding = _choices(FundingSource)
    levels = _choices(ExecutingLevel)
    content = _choices(DelegatedContent)
    recipient_levels = {
        **_choices(RecipientLevel),
        **{word.casefold(): level.value for level, word in RECIPIENT_LEVEL_WORDS.items()},
    }
    acts_sheet = sheets.get(ACTIVITIES.name)
    if acts_sheet is None:
        return []
    total = sum(len(s.rows) for s in sheets.values() if s)
    done = 0

    by_code: dict[str, tuple[ActivityData, Row]] = {}
    activities: list[ActivityData] = []
    for row in acts_sheet.rows:
        v = row.values
        where = lambda key, row=row: acts_sheet.where(row, key)  # noqa: E731
        code = v["code"] or ""
        if code and code in by_code:
            errors.add(
                _("Kode kegiatan “%(code)s” sudah dipakai di baris %(row)s; setiap kegiatan perlu kode sendiri.")
                % {"code": code, "row": by_code[code][1].number},
                **where("code"),
            )
        affair = None
        if v["affair"]:
            affair = refs.affairs.get(v["affair"]) or _float_code(refs.affairs, row.raw["affair"])
            if affair is None:
                errors.add(_("Kode urusan “%(code)s” tidak dikenal.") % {"code": v["affair"]}, **where("affair"))
        source_value = funding.get(str(v["funding_source"] or "").casefold())
        if v["funding_source"] and source_value is None:
            errors.add(
                _("Sumber dana “%(value)s” tidak dikenal. Pilih salah satu: %(choices)s.")
                % {"value": v["funding_source"], "choices": ", ".join(c.value for c in FundingSource)},
                **where("funding_source"),
            )
        level = ExecutingLevel.CENTRE.value
        if v["executing_level"]:
            level = levels.get(str(v["executing_level"]).casefold())
            if level is None:
                errors.add(
                    _("Tingkat pelaksana “%(value)s” tidak dikenal. Pilih salah satu: %(choices)s.")
                    % {"value": v["executing_level"], "choices": ", ".join(c.value for c in ExecutingLevel)},
                    **where("executing_level"),
                )
        delegated = ""
        if v["delegated_content"]:
            delegated = content.get(str(v["delegated_content"]).casefold())
            if delegated is None:
                errors.add(
                    _("Muatan pelimpahan “%(value)s” tidak dikenal. Pilih salah satu: %(choices)s.")
                    % {"value": v["delegated_content"], "choices": ", ".join(c.value for c in DelegatedContent)},
                    **where("delegated_content"),
                )
        agency = _agency(refs, v["implementing_agency"], errors, where("implementing_agency"))
        recipient = _agency(refs, v["recipient"], errors, where("recipient"))
        if recipient is not None and recipient.kind != AgencyKind.REGIONAL_GOVERNMENT:
            errors.add(
                _("Penerima “%(code)s” bukan pemerintah daerah.") % {"code": v["recipient"]}, **where("recipient")
            )
        targets = []
        for part in str(v["targets"] or "").replace(",", ";").split(";"):
            key = part.strip()
            if not key:
                continue
            target = refs.targets.get(key.casefold())
            if target is None:
                errors.add(
                    _("Sasaran “%(code)s” tidak dikenal; tulis kerangka:kode, mis. sdg:3.") % {"code": key},
                    **where("targets"),
                )
            else:
                targets.append(target)
        recipient_level = _recipient_level(
            v["recipient_level"], recipient_levels, programme, errors, where("recipient_level")
        )
        item = _item(refs, v["authority_item"], affair, errors, where("authority_item"))
        quarters = [n for n in (1, 2, 3, 4) if v[f"q{n}"]]
        data = ActivityData(
            title=v["title"] or "",
            funding_source=source_value or "",
            budget=v["budget"] or Decimal("0.00"),
            code=code,
            description=v["description"] or "",
            affair=affair,
            partner_budget=v["partner_budget"],
            output=v["output"] or "",
            quarters=quarters,
            executing_level=level or "",
            implementing_agency=agency,
            implementing_office=v["implementing_office"] or "",
            recipient=recipient,
            delegated_content=delegated or "",
            recipient_level=recipient_level,
            authority_item=item,
            requires_matching_funds=bool(v["requires_matching_funds"]),
            targets=targets,
            locations=[],
            indicators=[],
        )
        activities.append(data)
        if code and code not in by_code:
            by_code[code] = (data, row)
        done += 1
    if progress:
        progress(done, total, _("Memeriksa lokasi"))

    locations = sheets.get(LOCATIONS.name)
    if locations is not None:
        _locations(locations, by_code, refs, errors)
        done += len(locations.rows)
    indicators = sheets.get(INDICATORS.name)
    if indicators is not None:
        for row in indicators.rows:
            owner = _owner(indicators, row, by_code, errors)
            if owner is not None:
                v = row.values
                owner.indicators.append(
                    IndicatorData(v["indicator"] or "", v["unit"] or "", v["baseline"], v["target"])
                )
    if progress:
        progress(total, total, _("Isi berkas telah diperiksa"))
    return activities


def _float_code(table: dict, raw: object):
    # An affair code typed as a number loses its trailing zero (1.10 → 1.1).
    if isinstance(raw, float):
        return table.get(f"{raw:.2f}")
    return None


def _recipient_level(
    value: str, accepted: dict[str, str], programme: Programme | None, errors: ImportErrorList, where: dict
) -> str:
    """The level by its word (GWPP, Provinsi, Kabupaten/Kota), code or label."""
    if not value:
        return ""
    level = accepted.get(value.casefold())
    if level is None:
        errors.add(
            _("Tingkat penerima “%(value)s” tidak dikenal. Pilih salah satu: %(choices)s.")
            % {"value": value, "choices": ", ".join(RECIPIENT_LEVEL_WORDS.values())},
            **where,
        )
        return ""
    problem = recipient_level_error(programme, level) if programme is not None and programme.is_delegation else ""
    if problem:
        errors.add(problem, **where)
    return level


def _item(refs: References, code: str, affair, errors: ImportErrorList, where: dict):
    if not code:
        return None
    item = refs.items.get(code.replace(" ", "").casefold())
    if item is None:
        errors.add(
            _("Butir kewenangan “%(code)s” tidak dikenal. Pilih dari daftar (sub urusan:tingkat:urutan).")
            % {"code": code},
            **where,
        )
    elif affair is not None and affair.pk not in (item.affair_id, item.affair.parent_id):
        errors.add(
            _("Butir kewenangan “%(code)s” bukan butir urusan %(affair)s.") % {"code": code, "affair": affair.code},
            **where,
        )
        return None
    return item


def _agency(refs: References, code: str, errors: ImportErrorList, where: dict):
    if not code:
        return None
    agency = refs.agencies.get(code)
    if agency is None and code.isdigit() and len(code) < 3:
        agency = refs.agencies.get(code.zfill(3))  # a BA code typed as a number: 24 → 024
    if agency is None:
        errors.add(_("Kode instansi “%(code)s” tidak dikenal.") % {"code": code}, **where)
    return agency


def _owner(sheet: SheetRows, row: Row, by_code: dict, errors: ImportErrorList) -> ActivityData | None:
    code = row.values.get("activity")
    if not code:
        return None
    found = by_code.get(code)
    if found is None:
        errors.add(
            _("Kode kegiatan “%(code)s” tidak ada di lembar Kegiatan.") % {"code": code}, **sheet.where(row, "activity")
        )
        return None
    return found[0]


def _locations(sheet: SheetRows, by_code: dict, refs: References, errors: ImportErrorList) -> None:
    codes = {r.values["region"] for r in sheet.rows if r.values.get("region")}
    regions = refs.regions(codes | {f"{r.raw['region']:.2f}" for r in sheet.rows if isinstance(r.raw["region"], float)})
    first_row: dict[int, Row] = {}
    seen: dict[tuple[int, str], int] = {}
    for row in sheet.rows:
        owner = _owner(sheet, row, by_code, errors)
        code = row.values.get("region")
        if not code:
            continue
        region = regions.get(code) or (
            regions.get(f"{row.raw['region']:.2f}") if isinstance(row.raw["region"], float) else None
        )
        if region is None:
            errors.add(
                _("Kode wilayah “%(code)s” tidak dikenal. Tulis kode Kemendagri sebagai teks, mis. 33.02.")
                % {"code": code},
                **sheet.where(row, "region"),
            )
            continue
        if region.valid_until is not None:
            errors.add(
                _("Wilayah %(code)s sudah tidak berlaku sejak %(date)s.")
                % {"code": region.code, "date": region.valid_until.isoformat()},
                **sheet.where(row, "region"),
            )
            continue
        if owner is None:
            continue
        key = (id(owner), region.code)
        if key in seen:
            errors.add(
                _("Wilayah %(code)s sudah dicantumkan untuk kegiatan ini di baris %(row)s.")
                % {"code": region.code, "row": seen[key]},
                **sheet.where(row, "region"),
            )
            continue
        seen[key] = row.number
        first_row.setdefault(id(owner), row)
        owner.locations.append(
            LocationData(region, row.values["budget"] or Decimal("0.00"), row.values.get("target_share"))
        )
    for data, act_row in by_code.values():
        budgets = [loc.budget for loc in data.locations]
        if any(budgets) and sum(budgets) != data.budget:
            errors.add(
                _(
                    "Jumlah anggaran lokasi kegiatan %(code)s (%(sum)s) tidak sama dengan anggaran kegiatan "
                    "(%(budget)s, lembar Kegiatan baris %(row)s)."
                )
                % {
                    "code": data.code,
                    "sum": format_rupiah(sum(budgets)),
                    "budget": format_rupiah(data.budget),
                    "row": act_row.number,
                },
                **sheet.where(first_row[id(data)], "budget"),
            )


__all__ = ["References", "SpreadsheetImportError", "read_plan_workbook"]
