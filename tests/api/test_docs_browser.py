"""The API docs page renders in a real browser under the site's CSP, with
every asset from this site."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_swagger_docs_render_without_csp_violations_or_foreign_requests(browser, live_server):
    problems, foreign = [], []
    page = browser.new_page()
    try:
        page.on("console", lambda m: problems.append(m.text) if m.type in ("error", "warning") else None)
        page.on("pageerror", lambda e: problems.append(str(e)))
        page.on(
            "request", lambda r: foreign.append(r.url) if not r.url.startswith((live_server.url, "data:")) else None
        )
        response = page.goto(f"{live_server.url}/api/docs/")
        assert response.status == 200
        assert "script-src 'self'" in response.headers["content-security-policy"]
        # Swagger UI has fetched the schema and drawn our endpoints.
        page.wait_for_selector("text=/api/regions/", timeout=20000)
        assert page.locator(".swagger-ui .info .title").inner_text().startswith("Selaras API")
    finally:
        page.close()
    csp = [m for m in problems if "Content Security Policy" in m or "Refused to" in m]
    assert csp == []
    assert foreign == []
