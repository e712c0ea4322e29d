"""The edges of the service, tried as an attacker would: headers, hostile bodies, request ids,
and a 403 in the log."""

import json
import logging
import re

import pytest
from django.test import Client

from childpath.audit.models import AuditEvent
from childpath.cases.models import Case
from childpath.lib.logging import OneLineForbidden
from childpath.lib.parsers import depth_of

UUID4 = r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}"
DEEP = b"[" * 100_000 + b"]" * 100_000


# --- headers ----------------------------------------------------------------------------------


def test_every_page_has_a_strict_content_security_policy(caseworker, login, case):
    response = login(caseworker).get(f"/cases/{case.reference}/")
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "style-src 'self'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert "frame-ancestors 'none'" in policy


@pytest.mark.parametrize(
    "url",
    [
        "/accounts/login/",
        "/",
        "/cases/",
        "/cases/new/",
        "/cases/{ref}/",
        "/cases/{ref}/edit/",
        "/cases/{ref}/rights/",
        "/cases/{ref}/rights/handout/",
        "/accounts/two-factor/",
        "/accounts/two-factor/add/",
        "/directory/",
        "/pathways/",
        "/jurisdiction/",
        "/api/v1/docs/",
        "/admin/",
    ],
)
def test_no_page_has_inline_script_or_style(coordinator, login, case, url):
    coordinator.is_staff = coordinator.is_superuser = url == "/admin/"
    coordinator.save()
    client = login(coordinator) if url != "/accounts/login/" else Client()
    html = client.get(url.format(ref=case.reference)).content.decode()
    # A JSON data block (type="application/json") is never run, and CSP does not cover it.
    inline = r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>"
    assert not re.search(inline, html), "inline <script>"
    assert "<style" not in html
    assert not re.search(r"\sstyle=", html), "style attribute"
    assert not re.search(r"\son[a-z]+=", html), "inline event handler"


@pytest.mark.parametrize(
    "url",
    ["/cases/{ref}/", "/cases/{ref}/rights/handout/", "/cases/", "/api/v1/cases/{ref}"],
)
def test_case_data_is_never_stored_by_a_browser_or_proxy(coordinator, login, case, url):
    response = login(coordinator).get(url.format(ref=case.reference))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


def test_the_api_answer_with_a_token_says_no_store(caseworker, api_login, case):
    response = api_login(caseworker).get(f"/api/v1/cases/{case.reference}")
    assert "no-store" in response["Cache-Control"]


def test_it_sends_the_referrer_and_permissions_policies(db):
    response = Client().get("/accounts/login/")
    assert response["Referrer-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]


def test_it_sends_hsts_over_https(db):
    response = Client().get("/accounts/login/", secure=True)
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")


def test_production_cookies_are_secure_and_http_only(settings):
    # DEBUG is off and SECURE_COOKIES unset, as in production.
    assert settings.SESSION_COOKIE_SECURE and settings.CSRF_COOKIE_SECURE
    assert settings.SESSION_COOKIE_HTTPONLY and settings.CSRF_COOKIE_HTTPONLY


# --- hostile bodies ---------------------------------------------------------------------------


def test_it_measures_depth_without_recursion():
    assert depth_of(DEEP) == 100_000
    assert depth_of(b'{"a": ["[[[[", {"b": 1}]}') == 3
    assert depth_of(b'"\\"[[["') == 0


def test_a_deeply_nested_case_body_answers_400_and_saves_nothing(caseworker, api_login, caplog):
    before = Case.objects.count()
    with caplog.at_level(logging.ERROR):
        response = api_login(caseworker).post(
            "/api/v1/cases", DEEP, content_type="application/json"
        )
    assert response.status_code == 400
    assert "nested deeper than 32 levels" in response.json()["detail"]
    assert Case.objects.count() == before
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


def test_a_deeply_nested_body_to_the_anonymous_token_endpoint_answers_400(db):
    response = Client().post("/api/v1/auth/token", DEEP, content_type="application/json")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"


def test_a_body_over_the_size_limit_answers_413_in_json(caseworker, api_login, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    before = Case.objects.count()
    body = json.dumps({"child": {"given_names": "x" * 2000}})
    response = api_login(caseworker).post("/api/v1/cases", body, content_type="application/json")
    assert response.status_code == 413
    assert "larger than 1000 bytes" in response.json()["detail"]
    assert Case.objects.count() == before


def test_a_page_body_over_the_size_limit_answers_413_with_a_page(caseworker, login, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = login(caseworker).post("/cases/new/", {"observations": "x" * 2000})
    assert response.status_code == 413
    assert "larger than 1000 bytes" in response.content.decode()


def test_invalid_json_answers_400(caseworker, api_login):
    response = api_login(caseworker).post(
        "/api/v1/cases", b'{"child": NaN}', content_type="application/json"
    )
    assert response.status_code == 400


# --- request ids ------------------------------------------------------------------------------


def _read_case_with_id(client: Client, case: Case, request_id: str, **extra) -> AuditEvent:
    start = AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    response = client.get(f"/cases/{case.reference}/", HTTP_X_REQUEST_ID=request_id, **extra)
    assert response.status_code == 200
    return AuditEvent.objects.filter(pk__gt=start, action="case.read").get()


def test_a_client_chosen_request_id_is_not_stored(caseworker, login, case):
    chosen = "00000000-0000-0000-0000-000000000000"
    event = _read_case_with_id(login(caseworker), case, chosen)
    assert event.request_id != chosen


def test_a_client_chosen_uuid_is_not_stored_without_a_trusted_proxy(caseworker, login, case):
    chosen = "3f0c4e9a-2d1b-4c55-9a7e-0b6f3c2d1e4f"
    assert _read_case_with_id(login(caseworker), case, chosen).request_id != chosen


def test_a_trusted_proxys_uuid_is_stored(caseworker, login, case, settings):
    settings.CHILDPATH_TRUSTED_PROXY = True
    chosen = "3f0c4e9a-2d1b-4c55-9a7e-0b6f3c2d1e4f"
    assert _read_case_with_id(login(caseworker), case, chosen).request_id == chosen


@pytest.mark.parametrize(
    "chosen", ["00000000-0000-0000-0000-000000000000", "not-a-uuid", "'; DROP TABLE x; --"]
)
def test_even_a_trusted_proxy_cannot_set_a_nil_or_malformed_id(
    caseworker, login, case, settings, chosen
):
    settings.CHILDPATH_TRUSTED_PROXY = True
    event = _read_case_with_id(login(caseworker), case, chosen)
    assert event.request_id != chosen
    assert re.fullmatch(
        r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}", event.request_id
    )


# --- a 403 in the log -------------------------------------------------------------------------


def test_a_403_is_logged_in_one_line(analyst, login, caplog):
    """An analyst may not record a concern: the view raises PermissionDenied."""
    client = login(analyst)
    with caplog.at_level(logging.WARNING, logger="django.request"):
        page = client.get("/cases/new/")
    assert page.status_code == 403
    records = [r for r in caplog.records if getattr(r, "status_code", None) == 403]
    assert records
    # Django attaches the PermissionDenied's traceback; the console handler's filter (which
    # has run on these same records) drops it.
    formatter = logging.Formatter()
    for record in records:
        OneLineForbidden().filter(record)
        assert "\n" not in formatter.format(record)
        assert record.exc_info is None


def test_the_filter_drops_the_traceback_of_a_403_only():
    try:
        raise PermissionError("no")
    except PermissionError:
        import sys

        info = sys.exc_info()
    forbidden = logging.LogRecord("django.request", 30, "x", 1, "Forbidden", (), info)
    forbidden.status_code = 403
    failure = logging.LogRecord("django.request", 40, "x", 1, "Error", (), info)
    failure.status_code = 500
    OneLineForbidden().filter(forbidden)
    OneLineForbidden().filter(failure)
    assert forbidden.exc_info is None and failure.exc_info is not None


def test_the_console_handler_applies_the_one_line_filter():
    handlers = logging.getLogger().handlers
    assert any(isinstance(f, OneLineForbidden) for handler in handlers for f in handler.filters)
