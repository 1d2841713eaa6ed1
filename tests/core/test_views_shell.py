"""The home page and the shell every page shares: navigation, account
links, language switch, error pages, CSP-friendly markup."""

import re

import pytest
from django.test import override_settings
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_home_page_explains_selaras_and_counts_reference_data(client, reference):
    response = client.get(reverse("home:home"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Selaras membantu kementerian/lembaga" in html
    pairs = re.findall(r'<span class="stat-value">([^<]+)</span>\s*<span class="stat-label">([^<]+)</span>', html)
    stats = {label: value for value, label in pairs}
    assert stats["provinsi"] == "2"
    assert stats["kabupaten/kota"] == "3"
    assert stats["kementerian/lembaga"] == "3"


def test_the_navigation_shows_only_pages_that_exist(client, reference):
    html = client.get(reverse("home:home")).content.decode()
    nav = html[html.index('class="main-nav"') : html.index("</nav>", html.index('class="main-nav"'))]
    assert '<a href="/" aria-current="page">Beranda</a>' in nav
    assert '<a href="/wilayah/">Wilayah</a>' in nav
    assert '<a href="/instansi/">Instansi</a>' in nav
    # Items whose app is not installed yet are left out, never a broken link.
    for href in re.findall(r'href="([^"]+)"', nav):
        assert client.get(href).status_code in (200, 302)


def test_the_current_section_is_marked_in_the_navigation(client, reference):
    html = client.get(reverse("registry:region_detail", args=["33"])).content.decode()
    assert '<a href="/wilayah/" aria-current="page">Wilayah</a>' in html
    assert '<a href="/instansi/">Instansi</a>' in html


def test_an_anonymous_visitor_gets_a_login_link(client, reference):
    html = client.get(reverse("home:home")).content.decode()
    assert 'href="/accounts/login/?next=/"' in html
    assert "Keluar" not in html


def test_a_signed_in_user_gets_profile_and_a_logout_form(client, cast):
    client.force_login(cast.planner_a)
    html = client.get(reverse("home:home")).content.decode()
    assert re.search(r'<a class="account-name" href="/accounts/profil/">[^<]+</a>', html)
    assert re.search(
        r'<form method="post" action="/accounts/logout/"[^>]*>\s*<input type="hidden" name="csrfmiddlewaretoken"', html
    )


def test_the_skip_link_comes_first_and_points_at_main(client, reference):
    html = client.get(reverse("home:home")).content.decode()
    body = html[html.index("<body>") :]
    first_link = re.search(r"<a [^>]*>", body).group(0)
    assert 'class="skip-link"' in first_link and 'href="#isi"' in first_link
    assert '<main id="isi"' in html


def test_the_language_switch_posts_to_set_language_and_is_remembered(client, reference):
    html = client.get(reverse("registry:region_list")).content.decode()
    assert 'action="/i18n/setlang/"' in html
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/wilayah/"})
    assert response.status_code == 302 and response["Location"] == "/wilayah/"
    english = client.get(reverse("home:home")).content.decode()
    assert '<html lang="en">' in english
    assert ">Regions</a>" in english and ">Agencies</a>" in english


def test_pages_have_no_inline_styles_or_unnonced_scripts(client, cast):
    client.force_login(cast.coordinator)
    for url in ["/", "/wilayah/", "/wilayah/33/", "/instansi/", "/instansi/010/"]:
        html = client.get(url).content.decode()
        assert "style=" not in html and "<style" not in html, url
        for script in re.findall(r"<script[^>]*>", html):
            assert 'src="/static/' in script or "nonce=" in script, (url, script)


def test_static_assets_are_served_by_the_app(client):
    for path in ["/static/selaras/css/selaras.css", "/static/selaras/js/selaras.js", "/static/vendor/htmx/htmx.min.js"]:
        response = client.get(path)
        assert response.status_code == 200, path


@override_settings(DEBUG=False)
def test_an_unknown_page_gets_the_selaras_404(client, reference):
    response = client.get("/tidak-ada/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Halaman tidak ditemukan" in html and 'class="site-header"' in html
