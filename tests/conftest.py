"""The shared cast for every test: a small slice of reference data and one
user per role and scope, as STYLE.md asks (a coordinator, planners of two
ministries, regional officers of Jawa Tengah and Papua, a viewer, an
administrator, and an anonymous visitor)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pytest

PASSWORD = "rahasia-uji-123"


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # PBKDF2 at Django's cost takes over a second per user on the 2-core
    # machine; tests exercise logins, not the strength of the hash.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _files_outside_the_checkout(settings, tmp_path):
    # Saved lookup indexes and finished exports go to a folder of the test
    # run, never into the developer's var/ (where a stale index from a test
    # would answer the demo's lookups).
    settings.SIMILARITY_INDEX_DIR = tmp_path / "lookup-index"
    settings.SELARAS_EXPORT_DIR = tmp_path / "exports"


@pytest.fixture(autouse=True)
def _indonesian_by_default():
    # The active language belongs to the thread: a test that switches to
    # English must not leave the next one speaking it.
    from django.utils import translation

    with translation.override("id"):
        yield


@dataclass
class Reference:
    jateng: object
    banyumas: object
    cilacap: object
    banyumas_kec: object
    papua: object
    jayapura: object
    kemendagri: object
    bangda: object
    supd4: object
    ministry_a: object
    ministry_a_unit: object
    ministry_b: object
    pemprov_jateng: object
    unicef: object


@pytest.fixture
def reference(db) -> Reference:
    from selaras.registry.models import Agency, AgencyKind, Region, RegionLevel

    def region(code, name, level, parent=None, kind=""):
        return Region.objects.create(code=code, name=name, level=level, parent=parent, kind=kind)

    jateng = region("33", "Jawa Tengah", RegionLevel.PROVINCE)
    cilacap = region("33.01", "Kabupaten Cilacap", RegionLevel.REGENCY, jateng, "kabupaten")
    banyumas = region("33.02", "Kabupaten Banyumas", RegionLevel.REGENCY, jateng, "kabupaten")
    banyumas_kec = region("33.02.01", "Lumbir", RegionLevel.DISTRICT, banyumas)
    papua = region("91", "Papua", RegionLevel.PROVINCE)
    jayapura = region("91.03", "Kabupaten Jayapura", RegionLevel.REGENCY, papua, "kabupaten")

    def agency(code, name, short, kind, parent=None, region=None, budget_code=""):
        return Agency.objects.create(
            code=code, name=name, short_name=short, kind=kind, parent=parent, region=region, budget_code=budget_code
        )

    kemendagri = agency("010", "Kementerian Dalam Negeri", "Kemendagri", AgencyKind.MINISTRY, budget_code="010")
    bangda = agency("010.bangda", "Ditjen Bina Pembangunan Daerah", "Ditjen Bina Bangda", AgencyKind.UNIT, kemendagri)
    supd4 = agency("010.bangda.supd4", "Direktorat SUPD IV", "SUPD IV", AgencyKind.UNIT, bangda)
    ministry_a = agency("024", "Kementerian Kesehatan", "Kemenkes", AgencyKind.MINISTRY, budget_code="024")
    ministry_a_unit = agency("024.kesmas", "Ditjen Kesehatan Masyarakat", "Ditjen Kesmas", AgencyKind.UNIT, ministry_a)
    ministry_b = agency(
        "139", "Kementerian Pendidikan Dasar dan Menengah", "Kemendikdasmen", AgencyKind.MINISTRY, budget_code="139"
    )
    pemprov = agency(
        "pemda.33", "Pemerintah Provinsi Jawa Tengah", "Pemprov Jateng", AgencyKind.REGIONAL_GOVERNMENT, region=jateng
    )
    unicef = agency("mitra.unicef", "United Nations Children's Fund", "UNICEF", AgencyKind.PARTNER)
    return Reference(
        jateng,
        banyumas,
        cilacap,
        banyumas_kec,
        papua,
        jayapura,
        kemendagri,
        bangda,
        supd4,
        ministry_a,
        ministry_a_unit,
        ministry_b,
        pemprov,
        unicef,
    )


@dataclass
class Cast:
    admin: object
    coordinator: object
    planner_a: object
    planner_b: object
    officer_jateng: object
    officer_papua: object
    viewer: object
    anonymous: None = None

    def members(self) -> dict[str, object]:
        return {name: getattr(self, name) for name in self.__dataclass_fields__}


@pytest.fixture
def cast(reference) -> Cast:
    from selaras.accounts.models import Membership, Role, User

    def user(username, role, agency=None, region=None):
        u = User.objects.create_user(
            username=username, email=f"{username}@selaras.test", password=PASSWORD, full_name=username.title()
        )
        Membership.objects.create(user=u, role=role, agency=agency, region=region)
        return u

    return Cast(
        admin=user("admin", Role.ADMIN),
        coordinator=user("koordinator", Role.COORDINATOR, agency=reference.supd4),
        planner_a=user("perencana_a", Role.PLANNER, agency=reference.ministry_a),
        planner_b=user("perencana_b", Role.PLANNER, agency=reference.ministry_b),
        officer_jateng=user("daerah_jateng", Role.REGIONAL, region=reference.jateng),
        officer_papua=user("daerah_papua", Role.REGIONAL, region=reference.papua),
        viewer=user("pemantau", Role.VIEWER),
    )


# --- headless Chromium --------------------------------------------------------
# One Playwright instance per test session: the sync API runs an event loop
# in this thread, and a second instance started beside it fails. Every
# browser test (any directory) uses these fixtures. Debian's /usr/bin/chromium,
# never a downloaded browser.
# Playwright's sync API runs an event loop in this thread; Django's ORM
# calls from fixtures would otherwise refuse to run beside it.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.skip("Browser tests need Debian's Chromium at /usr/bin/chromium (apt-get install -y chromium).")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def csp_violations() -> list[str]:
    return []


@pytest.fixture
def page(browser, live_server, csp_violations):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900}, locale="id-ID")
    page = context.new_page()
    page.set_default_timeout(10_000)

    def watch(message):
        if "Content Security Policy" in message.text:
            csp_violations.append(message.text)

    page.on("console", watch)
    yield page
    context.close()
