"""Review at scale: the review, run and cycle pages read a constant number
of queries whatever the number of findings, show them a page at a time with
filters and counters computed in the database, and bulk decisions write in a
constant number of queries."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from selaras.audit.models import AuditEntry
from selaras.sync.models import CheckRun, Finding, FindingStatus
from tests.sync.review_data import Review, build_review, login

pytestmark = pytest.mark.django_db

# Queries of one page, whatever its number of findings (measured: 22 on the review page).
PAGE_QUERY_BOUND = 30
BULK_QUERY_BOUND = 15


@pytest.fixture
def review(cast, reference) -> Review:
    return build_review(cast, reference)


@pytest.fixture
def sub_activity(reference):
    from selaras.plans.models import RegionalPlan, RegionalSubActivity

    regional = RegionalPlan.objects.create(region=reference.banyumas, year=2024)
    return RegionalSubActivity.objects.create(
        regional_plan=regional,
        code="1.02.02.2.01",
        name="Pembinaan Posyandu Banyumas",
        budget=Decimal("50000000"),
        location=reference.banyumas_kec,
    )


def add_findings(review: Review, n: int, *, sub=None, run=None, plan=True, start=0) -> list[Finding]:
    """`n` findings of plan A of every shape the page shows: own activity
    only, another ministry's activity, a region's sub-activity, and activities
    listed as evidence; spread over two regencies and none."""
    shapes = ["authority", "duplication", "regional", "listed"]
    regions = [["33.01"], ["33.02"], []]
    rows = []
    for i in range(start, start + n):
        shape = shapes[i % len(shapes)]
        extra: dict = {}
        if shape == "duplication":
            extra = {"other_activity": review.activity_b, "score": 0.8, "evidence": {"why": "mirip"}}
        elif shape == "regional" and sub is not None:
            extra = {"regional_sub_activity": sub, "score": 0.7}
        elif shape == "listed":
            extra = {"evidence": {"activities": [{"uid": str(review.activity_b.uid), "agency": "Kemendikdasmen"}]}}
        rows.append(
            Finding(
                key=f"scale:{i}",
                rule=f"{'duplication' if shape in ('duplication', 'regional') else 'authority'}.scale_{shape}",
                category="duplication" if shape in ("duplication", "regional") else "authority",
                severity=("error", "warning")[i % 2],
                plan=review.plan_a if plan else None,
                cycle=review.cycle,
                activity=review.activity_a if plan else None,
                region_codes=regions[i % len(regions)],
                message_id=f"Temuan skala nomor {i}.",
                message_en=f"Scale finding {i}.",
                content_hash=f"h{i}",
                last_run=run,
                **extra,
            )
        )
    return Finding.objects.bulk_create(rows)


def _queries(client, url, params=None) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, params or {})
    assert response.status_code == 200
    return len(ctx.captured_queries), response.content.decode()


# --- query counts of the pages ----------------------------------------------------
@pytest.mark.parametrize("who", ["coordinator", "planner_a"])
def test_the_review_page_reads_as_many_queries_for_60_findings_as_for_10(client, cast, review, sub_activity, who):
    login(client, getattr(cast, who))
    url = reverse("sync:plan_review", args=[review.plan_a.pk])
    add_findings(review, 7, sub=sub_activity)  # 10 with the three of build_review
    few, html_few = _queries(client, url)
    add_findings(review, 50, sub=sub_activity, start=7)
    many, html_many = _queries(client, url)
    assert "Halaman 1 dari 2" in html_many
    assert html_few.count('<tr id="baris-') == 10 and html_many.count('<tr id="baris-') == 50
    assert many == few, f"{few} queries for 10 findings, {many} for 60"
    assert many <= PAGE_QUERY_BOUND


def test_the_run_page_reads_as_many_queries_for_60_findings_as_for_10(client, cast, review, sub_activity):
    run = CheckRun.objects.create(scope="plan", plan=review.plan_a, year=2024)
    login(client, cast.coordinator)
    url = reverse("sync:run_detail", args=[run.pk])
    add_findings(review, 10, sub=sub_activity, run=run)
    few, _ = _queries(client, url)
    add_findings(review, 50, sub=sub_activity, run=run, start=10)
    many, _ = _queries(client, url)
    assert many == few, f"{few} queries for 10 findings, {many} for 60"
    assert many <= PAGE_QUERY_BOUND


def test_the_cycle_page_reads_as_many_queries_for_60_findings_as_for_10(client, cast, review, sub_activity):
    login(client, cast.coordinator)
    url = reverse("sync:cycle_findings", args=[review.cycle.pk])
    add_findings(review, 5, sub=sub_activity)
    add_findings(review, 5, plan=False, start=5)
    few, _ = _queries(client, url)
    add_findings(review, 25, sub=sub_activity, start=10)
    add_findings(review, 25, plan=False, start=35)
    many, _ = _queries(client, url)
    assert many == few, f"{few} queries for 10 findings, {many} for 60"
    assert many <= PAGE_QUERY_BOUND


# --- pages and filters ----------------------------------------------------------
def test_the_review_page_shows_fifty_findings_a_page_and_every_finding_across_pages(client, cast, review):
    login(client, cast.coordinator)
    add_findings(review, 117)  # 120 with the three of build_review
    url = reverse("sync:plan_review", args=[review.plan_a.pk])
    seen: set[int] = set()
    for page in (1, 2, 3):
        html = client.get(url, {"page": page}).content.decode()
        ids = {int(chunk.split('"', 1)[0]) for chunk in html.split('<tr id="baris-')[1:]}
        assert len(ids) == (50 if page < 3 else 20)
        seen |= ids
    assert seen == set(Finding.objects.filter(plan=review.plan_a).values_list("pk", flat=True))


def test_the_counters_count_every_finding_not_only_the_page(cast, review):
    from selaras.sync.selectors import FindingFilters, plan_workspace

    add_findings(review, 117)
    Finding.objects.filter(key__in=["scale:0", "scale:1"]).update(status=FindingStatus.DISMISSED)
    ws = plan_workspace(cast.coordinator, review.plan_a, FindingFilters(), page=2)
    assert ws.counts == {"total": 120, "open": 118, "dismissed": 2}
    assert len(ws.page.object_list) == 50 and ws.page.paginator.count == 120
    shown = {g.rule: (g.count, g.open_count) for g in ws.groups}
    # A rule's header counts all its findings under the filter, also those
    # on the pages before and after (scale_regional runs on to page 3).
    assert shown["duplication.scale_duplication"] == (29, 28)
    assert shown["duplication.scale_regional"] == (29, 29)
    assert sum(len(r.findings) for r in next(g for g in ws.groups if g.rule.endswith("regional")).regions) == 10


def test_filters_apply_in_the_database_across_pages(client, cast, review):
    from selaras.sync.selectors import FindingFilters, plan_workspace

    add_findings(review, 117)
    ws = plan_workspace(cast.coordinator, review.plan_a, FindingFilters(region="33.01", category="authority"))
    expected = {
        f.pk
        for f in Finding.objects.filter(plan=review.plan_a, category="authority")
        if any(c == "33.01" or c.startswith("33.01.") for c in f.region_codes)
    }
    assert ws.page.paginator.count == len(expected) and {f.pk for f in ws.page.object_list} == expected
    # A finding in a province touches every regency below it, and the reverse.
    assert FindingFilters(region="33").apply(Finding.objects.all()).count() == 2 * 39 + 3
    Finding.objects.filter(key="scale:0").update(region_codes=["33"])
    assert Finding.objects.get(key="scale:0") in FindingFilters(region="33.02.05").apply(Finding.objects.all())
    assert Finding.objects.get(key="scale:0") not in FindingFilters(region="34").apply(Finding.objects.all())


def test_the_page_links_keep_the_filters(client, cast, review):
    login(client, cast.coordinator)
    add_findings(review, 117)
    html = client.get(reverse("sync:plan_review", args=[review.plan_a.pk]), {"category": "authority"}).content.decode()
    assert "?category=authority&amp;page=2" in html


# --- bulk decisions -------------------------------------------------------------
def _bulk_queries(client, review, ids, **data) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.post(reverse("sync:findings_bulk", args=[review.plan_a.pk]), {"finding": ids, **data})
    assert response.status_code == 302
    return len(ctx.captured_queries)


def test_a_bulk_dismiss_writes_as_many_queries_for_200_findings_as_for_20(client, cast, review):
    login(client, cast.coordinator)
    few = [f.pk for f in add_findings(review, 20)]
    many = [f.pk for f in add_findings(review, 200, start=20)]
    n_few = _bulk_queries(client, review, few, action="dismiss", reason="Bukan duplikasi.")
    n_many = _bulk_queries(client, review, many, action="dismiss", reason="Bukan duplikasi.")
    assert n_few == n_many and n_many <= BULK_QUERY_BOUND
    dismissed = Finding.objects.filter(status=FindingStatus.DISMISSED)
    assert set(dismissed.values_list("pk", flat=True)) == set(few) | set(many)
    assert set(dismissed.values_list("reason", flat=True)) == {"Bukan duplikasi."}
    assert set(dismissed.values_list("reviewed_by", flat=True)) == {cast.coordinator.pk}
    # One audit entry per bulk action, listing the findings.
    entries = AuditEntry.objects.filter(message__contains="dismissed").order_by("pk")
    assert [sorted(e.changes["findings"]) for e in entries] == [sorted(few), sorted(many)]


def test_a_bulk_accept_of_all_filtered_findings_decides_them_and_no_other(client, cast, review):
    login(client, cast.coordinator)
    add_findings(review, 60)
    resolved = Finding.objects.filter(key="scale:4").update(status=FindingStatus.RESOLVED)
    assert resolved == 1
    n = _bulk_queries(client, review, [], action="accept", scope="filtered", category="authority", region="33.01")
    assert n <= BULK_QUERY_BOUND
    accepted = set(Finding.objects.filter(status=FindingStatus.ACCEPTED).values_list("key", flat=True))
    assert accepted == {
        f.key
        for f in Finding.objects.filter(plan=review.plan_a, category="authority").exclude(key="scale:4")
        if "33.01" in f.region_codes
    }
    assert accepted and Finding.objects.get(key="scale:4").status == FindingStatus.RESOLVED


def test_a_bulk_decision_by_the_owner_changes_nothing(client, cast, review):
    ids = [f.pk for f in add_findings(review, 5)]
    login(client, cast.planner_a)
    client.post(reverse("sync:findings_bulk", args=[review.plan_a.pk]), {"finding": ids, "action": "accept"})
    assert not Finding.objects.filter(status=FindingStatus.ACCEPTED).exists()


def test_a_bulk_decision_including_a_resolved_finding_changes_nothing(cast, review):
    from django.core.exceptions import ValidationError

    from selaras.sync.services import findings_bulk

    findings = add_findings(review, 5)
    Finding.objects.filter(pk=findings[0].pk).update(status=FindingStatus.RESOLVED)
    with pytest.raises(ValidationError):
        findings_bulk(findings=findings, by=cast.coordinator, action="accept")
    assert not Finding.objects.filter(status=FindingStatus.ACCEPTED).exists()


# --- the national run page ------------------------------------------------------
def test_the_run_page_lists_findings_beyond_the_first_500(client, cast, review):
    run = CheckRun.objects.create(scope="plan", plan=review.plan_a, year=2024)
    add_findings(review, 520, run=run)
    login(client, cast.coordinator)
    url = reverse("sync:run_detail", args=[run.pk])
    shown = set()
    for page in range(1, 12):
        html = client.get(url, {"page": page}).content.decode()
        shown |= {n for n in range(520) if f"Temuan skala nomor {n}.<" in html}
    assert shown == set(range(520))
    html = client.get(url, {"severity": "error", "region": "33.02"}).content.decode()
    assert "Temuan skala nomor 4.<" in html and "Temuan skala nomor 1.<" not in html
