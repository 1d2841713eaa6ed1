"""The crawl: every member of the demo cast, and an anonymous visitor, follows
every link from the home page — a few pages of each shape of address — after
a draft plan was exported to its workbook and imported back, and no page
answers a server error."""

from __future__ import annotations

import io
import re
from collections import Counter, deque
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.test import Client, override_settings
from django.urls import reverse

PAGES_PER_SHAPE = 3
# A safety net against a link that generates endless new addresses.
PAGES_PER_VISITOR = 400
SKIPPED_PREFIXES = ("/static/", "/media/", "/i18n/", "/accounts/logout/", "/keluar/")
SKIPPED_WORDS = ("logout", "keluar")


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.hrefs.append(href)


def links_of(html: str, base: str) -> list[str]:
    """Same-host addresses linked from a page, without fragments."""
    parser = _Links()
    parser.feed(html)
    found = []
    for href in parser.hrefs:
        if href.startswith(("mailto:", "tel:", "javascript:", "#")):
            continue
        url = urlsplit(urljoin("http://testserver" + base, href))
        if url.scheme not in ("http", "https") or url.netloc != "testserver":
            continue
        found.append(url.path + (f"?{url.query}" if url.query else ""))
    return found


def shape(address: str) -> str:
    """The address with every number in its path replaced and its query
    reduced to the names of its parameters: pages of one shape are served
    by the same code."""
    url = urlsplit(address)
    path = re.sub(r"\d+", "#", url.path)
    keys = sorted({k for k, _v in parse_qsl(url.query, keep_blank_values=True)})
    return path + ("?" + "&".join(keys) if keys else "")


def skipped(address: str) -> bool:
    path = urlsplit(address).path
    return path.startswith(SKIPPED_PREFIXES) or any(word in path for word in SKIPPED_WORDS)


def crawl(client: Client, starts: tuple[str, ...] = ("/",)) -> tuple[list[tuple[str, int]], int]:
    """Breadth-first over the site as `client` sees it: (address, status)
    of every server error, and the number of pages visited."""
    seen = set(starts)
    per_shape: Counter[str] = Counter(shape(s) for s in starts)
    downloads: set[str] = set()
    queue = deque(starts)
    errors = []
    visited = 0
    while queue and visited < PAGES_PER_VISITOR:
        address = queue.popleft()
        if shape(address) in downloads:
            continue
        response = client.get(address)
        visited += 1
        if response.status_code >= 500:
            errors.append((address, response.status_code))
            continue
        if response.status_code in (301, 302, 303, 307, 308):
            targets = [response["Location"]]
        elif response.get("Content-Type", "").startswith("text/html") and not response.streaming:
            targets = links_of(response.content.decode(errors="replace"), urlsplit(address).path)
        else:
            # A file (workbook, PDF): one of each shape is enough, and they are slow to build.
            downloads.add(shape(address))
            continue
        for target in targets:
            url = urlsplit(urljoin("http://testserver" + address, target))
            if url.netloc != "testserver":
                continue
            target = url.path + (f"?{urlencode(parse_qsl(url.query, keep_blank_values=True))}" if url.query else "")
            if target in seen or skipped(target):
                continue
            seen.add(target)
            if per_shape[shape(target)] >= PAGES_PER_SHAPE:
                continue
            per_shape[shape(target)] += 1
            queue.append(target)
    return errors, visited


def test_shapes_group_addresses_served_by_the_same_code():
    assert shape("/rencana/12/") == shape("/rencana/345/") == "/rencana/#/"
    assert shape("/wilayah/33.02/?tahun=2024&format=xlsx") == "/wilayah/#.#/?format&tahun"
    assert links_of('<a href="/a/">a</a><a href="https://example.org/">x</a><a href="#top">t</a>', "/") == ["/a/"]


@pytest.fixture(scope="module")
def demo_site(django_db_setup, django_db_blocker, tmp_path_factory):
    """The reference slice and the whole demo, loaded once for the module
    and rolled back after it; then a draft plan exported and imported back,
    as a planner does with the workbook."""
    from selaras.accounts.demo import DEMO_CAST
    from selaras.accounts.models import User
    from selaras.core.context import acting_as
    from selaras.plans.imports import plan_import
    from selaras.plans.models import Plan, PlanStatus
    from selaras.plans.spreadsheets.exporter import build_export

    media = override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media"))
    with media, django_db_blocker.unblock(), transaction.atomic():
        assert "memory" in connection.settings_dict["NAME"] or "test" in connection.settings_dict["NAME"]
        call_command("load_reference", stdout=io.StringIO())
        call_command("demo_data", stdout=io.StringIO())
        draft = (
            Plan.objects.filter(status=PlanStatus.DRAFT, activities__isnull=False)
            .select_related("owner")
            .order_by("pk")
            .first()
        )
        planner = User.objects.filter(
            username__in=[u.username for u in DEMO_CAST if u.agency_code == draft.owner.code]
        ).first()
        assert planner is not None, f"no demo planner of {draft.owner}"
        workbook = io.BytesIO()
        build_export(draft).save(workbook)
        with acting_as(planner, "test"):
            plan_import(plan=draft, by=planner, file=workbook.getvalue(), name="ekspor.xlsx")
        users = {u.username: User.objects.get(username=u.username) for u in DEMO_CAST}
        # The re-imported plan and its history are visited by everyone, whatever the links lead to first.
        starts = (
            "/",
            reverse("plans:plan_detail", args=[draft.pk]),
            reverse("audit:history", args=["plans.plan", draft.pk]),
        )
        yield users, starts
        transaction.set_rollback(True)


# The mark makes pytest-django create the test database before the module fixture loads into it.
@pytest.mark.django_db
def test_no_page_answers_a_server_error_to_anyone(demo_site):
    users, starts = demo_site
    visitors = {"(pengunjung anonim)": None, **users}
    failures = []
    total = 0
    for name, user in visitors.items():
        client = Client(raise_request_exception=False)
        if user is not None:
            client.force_login(user)
        errors, visited = crawl(client, starts)
        total += visited
        failures += [f"{status} {address} ({name})" for address, status in errors]
    assert total > len(visitors) * 10, total
    assert not failures, "Kesalahan server:\n" + "\n".join(failures)
