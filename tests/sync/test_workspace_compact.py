"""The review workspace fits on a screen: one table row per finding, rules
named in words, the score shown once, the detail pane, and the reason a
returned plan was sent back at the top of the plan's page."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.sync.review_data import Review, build_review, login, make_finding

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def review(cast, reference) -> Review:
    return build_review(cast, reference)


def nine_findings(review) -> None:
    """Six more findings of catalogue rules, nine in all."""
    for i, (rule, category) in enumerate(
        [
            ("duplication.regional", "duplication"),
            ("duplication.central", "duplication"),
            ("consistency.no_location", "consistency"),
            ("consistency.no_schedule", "consistency"),
            ("authority.funding_instrument", "authority"),
            ("coverage.crowded_affair", "coverage"),
        ]
    ):
        make_finding(
            key=f"nine:{i}",
            rule=rule,
            category=category,
            severity="warning",
            plan=review.plan_a,
            activity=review.activity_a,
            region_codes=["33.02"],
            score=0.52 if category == "duplication" else None,
            message_id=f"Temuan nomor {i} (skor 0.52): periksa." if category == "duplication" else f"Temuan nomor {i}.",
        )


def test_nine_findings_make_one_compact_table_row_each(client, cast, review):
    nine_findings(review)
    html = login(client, cast.coordinator).get(reverse("sync:plan_review", args=[review.plan_a.pk])).content.decode()
    assert html.count('<tr id="baris-') == 9
    assert html.count('<article id="temuan-') == 1  # only the pane holds a card
    assert len(html) < 60_000


def test_rules_are_named_in_words_never_by_code(client, cast, review):
    nine_findings(review)
    html = login(client, cast.coordinator).get(reverse("sync:plan_review", args=[review.plan_a.pk])).content.decode()
    assert "Kegiatan mirip sub kegiatan daerah di wilayah yang sama" in html
    assert "Kegiatan tanpa lokasi" in html
    for code in ("duplication.regional", "duplication.central", "consistency.no_location", "authority.tp_regional"):
        assert code not in html


def test_the_score_is_shown_once_as_a_percentage(client, cast, review):
    nine_findings(review)
    finding = review.plan_a.findings.get(key="nine:0")
    login(client, cast.coordinator)
    html = client.get(reverse("sync:finding_detail", args=[finding.pk]), **HTMX).content.decode()
    assert "52%" in html and "skor 0.52" not in html and "Temuan nomor 0: periksa." in html


def test_a_row_loads_its_finding_into_the_detail_pane(client, cast, review):
    login(client, cast.coordinator)
    page = client.get(reverse("sync:plan_review", args=[review.plan_a.pk])).content.decode()
    url = reverse("sync:finding_detail", args=[review.f_duplication.pk])
    assert f'href="{url}" hx-get="{url}" hx-target="#panel-temuan"' in page
    fragment = client.get(url, **HTMX).content.decode()
    assert fragment.lstrip().startswith(f'<article id="temuan-{review.f_duplication.pk}"') and "<html" not in fragment
    assert "Pelatihan Kader Posyandu Terpadu" in fragment
    # Without JavaScript the same link is a page of its own, back to the review.
    full = client.get(url).content.decode()
    assert "<html" in full and reverse("sync:plan_review", args=[review.plan_a.pk]) in full


def test_the_detail_pane_keeps_the_other_side_hidden_from_the_owner(client, cast, review):
    login(client, cast.planner_a)
    html = client.get(reverse("sync:finding_detail", args=[review.f_duplication.pk]), **HTMX).content.decode()
    assert "Pelatihan Kader Posyandu Terpadu" not in html and "Kementerian Pendidikan" not in html
    assert (
        login(client, cast.planner_b).get(reverse("sync:finding_detail", args=[review.f_duplication.pk])).status_code
        == 404
    )


def test_a_decision_also_updates_the_finding_row(client, cast, review):
    login(client, cast.coordinator)
    url = reverse("sync:finding_decide", args=[review.f_authority.pk, "accept"])
    html = client.post(url, {}, **HTMX).content.decode()
    row = html.split("<template>", 1)[1]
    assert f'<tr id="baris-{review.f_authority.pk}"' in row and 'hx-swap-oob="true"' in row
    assert "Diterima" in row and "Kabupaten Banyumas" in row


def test_the_review_page_links_the_plan_its_flags_and_its_letter(client, cast, review):
    login(client, cast.coordinator)
    html = client.get(reverse("sync:plan_review", args=[review.plan_a.pk])).content.decode()
    assert reverse("plans:plan_detail", args=[review.plan_a.pk]) in html
    assert reverse("flags:plan", args=[review.plan_a.pk]) in html
    plan_page = client.get(reverse("plans:plan_detail", args=[review.plan_a.pk])).content.decode()
    assert reverse("sync:plan_review", args=[review.plan_a.pk]) in plan_page


def test_a_returned_plan_shows_why_at_the_top(client, cast, review):
    from selaras.plans.services import plan_transition

    plan_transition(plan=review.plan_a, action="return", by=cast.coordinator, comment="Lengkapi lokasi desa.")
    html = login(client, cast.planner_a).get(reverse("plans:plan_detail", args=[review.plan_a.pk])).content.decode()
    banner = html.index('class="sync-returned"')
    assert banner < html.index('class="plan-summary')
    assert "Lengkapi lokasi desa." in html[banner : html.index("</section>", banner)]


def test_a_plan_not_returned_shows_no_reason(client, cast, review):
    html = login(client, cast.planner_a).get(reverse("plans:plan_detail", args=[review.plan_a.pk])).content.decode()
    assert 'class="sync-returned"' not in html
