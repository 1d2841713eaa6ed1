"""The coordinator's review workspace: who may open it, decisions per
finding (HTMX and plain), bulk decisions, filters, notes, the run button and
the region matrix."""

from __future__ import annotations

import pytest
from django.urls import reverse

from selaras.sync.models import CheckRun, FindingStatus, ReviewNote
from tests.sync.review_data import Review, build_review, login

pytestmark = pytest.mark.django_db


@pytest.fixture
def review(cast, reference) -> Review:
    return build_review(cast, reference)


HTMX = {"HTTP_HX_REQUEST": "true"}


def _page(client, plan, **params):
    return client.get(reverse("sync:plan_review", args=[plan.pk]), params)


def test_the_coordinator_opens_the_review_page_with_records_side_by_side(client, cast, review):
    response = _page(login(client, cast.coordinator), review.plan_a)
    assert response.status_code == 200
    html = response.content.decode()
    # The detail pane opens on the first finding of the table.
    assert review.f_authority.message_id in html
    assert reverse("sync:finding_decide", args=[review.f_authority.pk, "accept"]) in html
    # The duplication finding, in the pane, shows both activities, the score and the why.
    html = _page(client, review.plan_a, temuan=review.f_duplication.pk).content.decode()
    assert "Pelatihan Kader Posyandu Terpadu" in html and "Kementerian Pendidikan Dasar dan Menengah" in html
    assert "87%" in html
    assert "kata inti sama: pelatihan, kader, posyandu" in html
    assert "Rp" in html  # budgets in Rupiah
    body = html.split("</head>", 1)[1]
    assert "<script" not in body and ' style="' not in body  # CSP: no inline scripts or styles


def test_another_ministry_cannot_open_the_review_page(client, cast, review):
    response = _page(login(client, cast.planner_b), review.plan_a)
    assert response.status_code == 404


def test_the_owner_sees_its_findings_without_review_buttons(client, cast, review):
    response = _page(login(client, cast.planner_a), review.plan_a, temuan=review.f_duplication.pk)
    assert response.status_code == 200
    html = response.content.decode()
    assert f'id="baris-{review.f_authority.pk}"' in html
    # Ministry B's activity is not the planner's to read: described, not shown.
    assert review.f_duplication.message_id not in html
    assert "Pelatihan Kader Posyandu Terpadu" not in html and "Kementerian Pendidikan" not in html
    assert "Sebuah kegiatan instansi lain di kabupaten/kota yang sama, tahun yang sama." in html
    assert reverse("sync:finding_decide", args=[review.f_authority.pk, "accept"]) not in html
    assert 'id="bulk-form"' not in html


def test_accepting_through_htmx_returns_the_updated_card(client, cast, review):
    login(client, cast.coordinator)
    url = reverse("sync:finding_decide", args=[review.f_authority.pk, "accept"])
    response = client.post(url, {"note": "Mohon dialihkan ke dana dekonsentrasi."}, **HTMX)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith(f'<article id="temuan-{review.f_authority.pk}"')
    assert "Diterima" in html and "<html" not in html
    review.f_authority.refresh_from_db()
    assert review.f_authority.status == FindingStatus.ACCEPTED
    assert review.f_authority.reviewed_by == cast.coordinator


def test_a_decision_through_htmx_also_updates_the_counters_above_the_findings(client, cast, review):
    login(client, cast.coordinator)
    page = _page(client, review.plan_a).content.decode()
    assert 'id="temuan-hitung"' in page
    url = reverse("sync:finding_decide", args=[review.f_authority.pk, "accept"])
    html = client.post(url, {}, **HTMX).content.decode()
    card, _, counters = html.partition("</article>")
    assert 'id="temuan-hitung"' not in card
    assert 'id="temuan-hitung" hx-swap-oob="true"' in counters

    def stat(label):
        return counters.split(f'<span class="stat-label">{label}</span>')[0].rsplit('"stat-value">', 1)[1]

    assert stat("terbuka").startswith("2<") and stat("diterima").startswith("1<")


def test_dismissing_without_a_reason_is_refused_inside_the_card(client, cast, review):
    login(client, cast.coordinator)
    url = reverse("sync:finding_decide", args=[review.f_duplication.pk, "dismiss"])
    response = client.post(url, {"reason": "  "}, **HTMX)
    assert "Alasan penolakan wajib diisi" in response.content.decode()
    review.f_duplication.refresh_from_db()
    assert review.f_duplication.status == FindingStatus.OPEN


def test_dismissing_with_a_reason_without_htmx_redirects_back(client, cast, review):
    login(client, cast.coordinator)
    url = reverse("sync:finding_decide", args=[review.f_duplication.pk, "dismiss"])
    response = client.post(url, {"reason": "Sasaran berbeda: ibu hamil vs balita."})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("sync:plan_review", args=[review.plan_a.pk]))
    review.f_duplication.refresh_from_db()
    assert review.f_duplication.status == FindingStatus.DISMISSED
    assert review.f_duplication.reason == "Sasaran berbeda: ibu hamil vs balita."


def test_the_owner_cannot_accept_its_own_findings(client, cast, review):
    login(client, cast.planner_a)
    response = client.post(reverse("sync:finding_decide", args=[review.f_authority.pk, "accept"]), {})
    assert response.status_code == 403
    review.f_authority.refresh_from_db()
    assert review.f_authority.status == FindingStatus.OPEN


def test_reopening_puts_a_decided_finding_back_to_open(client, cast, review):
    login(client, cast.coordinator)
    client.post(reverse("sync:finding_decide", args=[review.f_alignment.pk, "accept"]), {}, **HTMX)
    client.post(reverse("sync:finding_decide", args=[review.f_alignment.pk, "reopen"]), {}, **HTMX)
    review.f_alignment.refresh_from_db()
    assert review.f_alignment.status == FindingStatus.OPEN


def test_bulk_accept_decides_every_chosen_finding(client, cast, review):
    login(client, cast.coordinator)
    response = client.post(
        reverse("sync:findings_bulk", args=[review.plan_a.pk]),
        {"action": "accept", "finding": [review.f_authority.pk, review.f_alignment.pk]},
    )
    assert response.status_code == 302
    statuses = {
        f.pk: f.status
        for f in (review.f_authority, review.f_alignment, review.f_duplication)
        if not f.refresh_from_db()
    }
    assert statuses == {
        review.f_authority.pk: FindingStatus.ACCEPTED,
        review.f_alignment.pk: FindingStatus.ACCEPTED,
        review.f_duplication.pk: FindingStatus.OPEN,
    }


def test_bulk_dismiss_without_reason_changes_nothing(client, cast, review):
    login(client, cast.coordinator)
    response = client.post(
        reverse("sync:findings_bulk", args=[review.plan_a.pk]),
        {"action": "dismiss", "finding": [review.f_authority.pk, review.f_alignment.pk], "reason": ""},
        follow=True,
    )
    assert "Alasan penolakan wajib diisi" in response.content.decode()
    review.f_authority.refresh_from_db()
    review.f_alignment.refresh_from_db()
    assert {review.f_authority.status, review.f_alignment.status} == {FindingStatus.OPEN}


def test_bulk_ignores_findings_of_other_plans(client, cast, review):
    from tests.sync.review_data import make_finding

    foreign = make_finding(
        key="x:1",
        rule="authority.x",
        category="authority",
        severity="error",
        plan=review.plan_b,
        activity=review.activity_b,
        message_id="Temuan rencana lain.",
    )
    login(client, cast.coordinator)
    client.post(reverse("sync:findings_bulk", args=[review.plan_a.pk]), {"action": "accept", "finding": [foreign.pk]})
    foreign.refresh_from_db()
    assert foreign.status == FindingStatus.OPEN


def test_filters_narrow_the_findings(client, cast, review):
    login(client, cast.coordinator)
    html = _page(client, review.plan_a, category="duplication").content.decode()
    assert review.f_duplication.message_id in html
    assert review.f_authority.message_id not in html
    html = _page(client, review.plan_a, region="33.01").content.decode()
    assert review.f_alignment.message_id in html and review.f_duplication.message_id not in html
    html = _page(client, review.plan_a, severity="error").content.decode()
    assert review.f_authority.message_id in html and review.f_alignment.message_id not in html


def test_findings_are_grouped_by_rule_and_region(client, cast, review):
    from selaras.sync.selectors import plan_workspace

    ws = plan_workspace(cast.coordinator, review.plan_a)
    assert [g.rule for g in ws.groups] == [
        "authority.tp_regional_affair",
        "duplication.activity",
        "alignment.no_target",
    ]
    assert [(r.code, r.name) for r in ws.groups[0].regions] == [("33.02", "Kabupaten Banyumas")]


def test_the_region_matrix_counts_activities_and_open_findings(cast, review):
    from selaras.sync.selectors import plan_workspace

    ws = plan_workspace(cast.coordinator, review.plan_a)
    assert ws.matrix.affairs == [("1.02", "Kesehatan")]
    rows = {row.code: row.cells[0] for row in ws.matrix.rows}
    # Banyumas: the plan's activity and the other ministry's; two open findings there.
    assert (rows["33.02"].activities, rows["33.02"].open_findings) == (2, 2)
    assert (rows["33.01"].activities, rows["33.01"].open_findings) == (1, 1)


def test_the_coordinator_adds_a_note_and_the_owner_cannot(client, cast, review):
    login(client, cast.coordinator)
    client.post(
        reverse("sync:note_add", args=[review.plan_a.pk]), {"text": "Perjelas lokasi desa.", "include_in_letter": "on"}
    )
    assert ReviewNote.objects.filter(plan=review.plan_a, text="Perjelas lokasi desa.", include_in_letter=True).exists()
    login(client, cast.planner_a)
    client.post(reverse("sync:note_add", args=[review.plan_a.pk]), {"text": "Catatan sendiri"})
    assert not ReviewNote.objects.filter(text="Catatan sendiri").exists()


def test_the_run_button_starts_a_background_run_and_shows_the_job(client, cast, review):
    login(client, cast.coordinator)
    response = client.post(reverse("sync:plan_run", args=[review.plan_a.pk]))
    run = CheckRun.objects.get(plan=review.plan_a)
    assert run.job_id is not None and run.started_by == cast.coordinator
    assert response.status_code == 302 and response["Location"] == reverse("core:job_detail", args=[run.job_id])
    assert client.get(response["Location"]).status_code == 200


def test_the_run_and_cycle_pages_list_what_the_user_may_see(client, cast, review):
    login(client, cast.coordinator)
    client.post(reverse("sync:plan_run", args=[review.plan_a.pk]))
    html = client.get(reverse("sync:runs")).content.decode()
    assert str(CheckRun.objects.get().plan) in html
    html = client.get(reverse("sync:cycle_findings", args=[review.cycle.pk])).content.decode()
    assert "Kementerian Kesehatan" in html and "Duplikasi" in html
    assert client.get(reverse("sync:index")).status_code == 200
    login(client, cast.planner_b)
    assert str(review.plan_a) not in client.get(reverse("sync:runs")).content.decode()
