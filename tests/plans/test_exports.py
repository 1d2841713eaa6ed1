"""The coordination matrix as Excel and PDF."""

import io

import pytest
from django.urls import reverse

from selaras.plans.models import Plan
from selaras.plans.services import LocationData
from tests.plans.helpers import add_activity, submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def planned(plans, cast, reference):
    a = add_activity(plans, reference, cast.planner_a)
    add_activity(
        plans,
        reference,
        cast.planner_a,
        title="Kampanye gizi seimbang",
        budget="40000000",
        locations=[LocationData(reference.jayapura, 40_000_000)],
    )
    submit(plans.plan_a, cast.planner_a)
    b = add_activity(
        plans,
        reference,
        cast.planner_b,
        plan=plans.plan_b,
        title="Rehabilitasi ruang kelas",
        budget="90000000",
        locations=[LocationData(reference.banyumas, 90_000_000)],
    )
    return a, b


def export(client, fmt, code="33"):
    return client.get(reverse("plans:region_matrix", args=[code]), {"tahun": 2024, "format": fmt})


def workbook_rows(response):
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(response.content))
    return wb, [tuple(row) for row in wb.worksheets[0].iter_rows(values_only=True)]


def test_the_excel_export_has_the_rows_and_totals(client, cast, planned):
    client.force_login(cast.coordinator)
    response = export(client, "xlsx")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert 'filename="matriks-33-jawa-tengah-2024.xlsx"' in response["Content-Disposition"]
    wb, rows = workbook_rows(response)
    assert "Jawa Tengah" in rows[0][0]
    header = rows[3]
    assert header[:4] == ("No.", "Instansi", "Status rencana", "Kegiatan")
    activity_rows = [r for r in rows if r and isinstance(r[0], int)]
    assert len(activity_rows) == 1
    (row,) = activity_rows
    assert row[3] == "Pelatihan kader Posyandu"
    assert row[5] == "Kabupaten Cilacap (33.01); Kabupaten Banyumas (33.02)"
    assert row[6] == 300_000_000
    assert row[7:11] == (None, "✓", "✓", None)
    assert rows[-1][1] == "Jumlah seluruhnya" and rows[-1][6] == 300_000_000
    ws = wb.worksheets[0]
    money_cell = next(c for c in ws["G"] if c.value == 300_000_000)
    assert money_cell.number_format == '"Rp"#,##0'
    assert ws.page_setup.orientation == "landscape"
    assert wb.worksheets[1].title == "Per instansi"


def test_the_excel_export_never_holds_another_ministrys_draft(client, cast, planned):
    client.force_login(cast.coordinator)
    _, rows = workbook_rows(export(client, "xlsx"))
    assert not any("Rehabilitasi ruang kelas" in str(cell) for row in rows for cell in row)
    client.force_login(cast.planner_b)
    Plan.objects.filter(owner__code="024").update(status="draft")
    _, rows = workbook_rows(export(client, "xlsx"))
    text = " ".join(str(cell) for row in rows for cell in row)
    assert "Rehabilitasi ruang kelas" in text
    assert "Pelatihan kader Posyandu" not in text


def test_the_pdf_export_is_a_landscape_pdf_with_visible_content(client, cast, planned):
    import pypdfium2 as pdfium

    client.force_login(cast.coordinator)
    response = export(client, "pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    pdf = pdfium.PdfDocument(response.content)
    page = pdf[0]
    width, height = page.get_size()
    assert width > height  # landscape
    text = page.get_textpage().get_text_range()
    assert "Pelatihan kader Posyandu" in text
    assert "Rp300.000.000" in text
    assert "Halaman 1 dari 1" in text
    assert "Rehabilitasi ruang kelas" not in text
    image = page.render(scale=1).to_pil().convert("L")
    histogram = image.histogram()
    dark = sum(histogram[:128])
    assert dark > 1000


def test_the_pdf_export_of_another_ministrys_planner_leaves_out_the_draft(client, cast, planned):
    import pypdfium2 as pdfium

    Plan.objects.filter(owner__code="024").update(status="draft")
    client.force_login(cast.planner_b)
    pdf = pdfium.PdfDocument(export(client, "pdf").content)
    text = "".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
    assert "Rehabilitasi ruang kelas" in text
    assert "Pelatihan kader Posyandu" not in text


def test_a_long_matrix_runs_over_several_numbered_pages(client, plans, cast, reference):
    import pypdfium2 as pdfium

    for i in range(40):
        add_activity(plans, reference, cast.planner_a, title=f"Kegiatan pendampingan nomor {i}")
    submit(plans.plan_a, cast.planner_a)
    client.force_login(cast.coordinator)
    pdf = pdfium.PdfDocument(export(client, "pdf").content)
    pages = len(pdf)
    assert pages > 1
    assert f"Halaman {pages} dari {pages}" in pdf[pages - 1].get_textpage().get_text_range()


def test_an_empty_region_still_exports(client, cast, reference, plans):
    client.force_login(cast.coordinator)
    assert export(client, "pdf").content.startswith(b"%PDF")
    _, rows = workbook_rows(export(client, "xlsx"))
    assert rows[-1][1] == "Jumlah seluruhnya"
