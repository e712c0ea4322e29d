"""No trace of a visitor (DESIGN.md 6.10): no cookie, no referrer, no path or address in a log."""

import io
import logging
from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.test import Client

from childpath.help.notrace import GunicornLogger, HideHelpVisitors

pytestmark = pytest.mark.django_db
PAGES = [
    "/help/",
    "/help/en/",
    "/help/sv/need/sleep/",
    "/help/uk/staying-safe/",
    "/help/es/feedback/",
]


@pytest.mark.parametrize("url", PAGES)
def test_it_sets_no_cookie_for_a_visitor(url):
    response = Client().get(url)
    assert response.status_code == 200
    assert not response.cookies


def test_it_sets_no_cookie_for_a_signed_in_professional(caseworker, login):
    client = login(caseworker)
    response = client.get("/help/en/")
    # The session is renewed on every other page (SESSION_SAVE_EVERY_REQUEST), never here.
    assert not response.cookies
    assert client.get("/").cookies  # and it still is elsewhere


def test_it_does_not_see_the_professionals_session(caseworker, login):
    signed_in = login(caseworker).get("/help/en/").content.decode()
    assert caseworker.username not in signed_in
    assert signed_in == Client().get("/help/en/").content.decode()


def test_it_sets_no_cookie_when_feedback_is_sent():
    response = Client().post("/help/en/feedback/", {"code": "ABCD-EFGH"})
    assert response.status_code == 400
    assert not response.cookies


def test_it_sends_no_referrer_and_keeps_nothing_in_the_cache():
    response = Client().get("/help/en/")
    assert response["Referrer-Policy"] == "no-referrer"
    assert "no-store" in response["Cache-Control"]
    assert '<meta name="referrer" content="no-referrer">' in response.content.decode()


def test_it_leaves_other_pages_alone():
    response = Client().get("/accounts/login/")
    assert response["Referrer-Policy"] != "no-referrer"


@pytest.fixture
def log_output():
    """What the project's console handler writes, while the test runs."""
    handler = next(
        h
        for h in logging.getLogger().handlers
        if any(isinstance(f, HideHelpVisitors) for f in h.filters)
    )
    stream = io.StringIO()
    previous = handler.setStream(stream)
    try:
        yield stream
    finally:
        handler.setStream(previous)


def test_it_writes_no_help_path_in_the_request_log(log_output):
    response = Client().get("/help/en/need/nothing-here/", REMOTE_ADDR="198.51.100.7")
    assert response.status_code == 404
    text = log_output.getvalue()
    assert "/help/…" in text  # the line is there, for the operator
    assert "nothing-here" not in text and "198.51.100.7" not in text


def test_it_still_logs_other_paths(log_output):
    Client().get("/nothing-here/")
    assert "/nothing-here/" in log_output.getvalue()


def test_it_hides_the_request_line_of_runserver():
    record = logging.LogRecord(
        "django.server",
        logging.INFO,
        "",
        0,
        '"%s" %s %s',
        ("GET /help/sv/ HTTP/1.1", "200", "5"),
        None,
    )
    HideHelpVisitors().filter(record)
    assert "/help/sv/" not in record.getMessage()


def _gunicorn_line(path: str, query: str = "") -> str:
    logger = GunicornLogger.__new__(GunicornLogger)
    logger.cfg = SimpleNamespace(access_log_format=_default_format())
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": f"{path}?{query}" if query else path,
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "198.51.100.7",
        "HTTP_REFERER": "https://search.example/?q=help",
        "HTTP_USER_AGENT": "Fictional/1.0",
    }
    resp = SimpleNamespace(status="200 OK", sent=1234, headers=[("Location", path)])
    req = SimpleNamespace(headers=[("X-FORWARDED-FOR", "198.51.100.7")])
    atoms = logger.atoms(resp, req, environ, timedelta(milliseconds=5))
    return _default_format() % logger.atoms_wrapper_class(atoms)


def _default_format() -> str:
    from gunicorn.config import AccessLogFormat  # type: ignore[import-untyped]

    return AccessLogFormat.default


def test_it_keeps_address_path_and_referrer_out_of_the_gunicorn_access_log():
    line = _gunicorn_line("/help/sv/need/sleep/", "lat=59.33&lon=18.07")
    for secret in ("198.51.100.7", "sleep", "59.33", "search.example", "Fictional/1.0"):
        assert secret not in line
    assert "/help/…" in line and " 200 " in line


def test_it_keeps_the_gunicorn_access_log_of_other_pages():
    assert "/cases/" in _gunicorn_line("/cases/")


def test_it_hides_the_help_pages_static_files_in_the_access_log():
    assert "help.css" not in _gunicorn_line("/static/help/help.css")


def test_it_hides_any_log_line_written_while_a_help_page_is_served(log_output, monkeypatch):
    from childpath.help import selectors

    def noisy(*args, **kwargs):
        logging.getLogger("childpath.somewhere").warning("looked up %s", "59.33,18.07")
        return []

    monkeypatch.setattr(selectors, "places", noisy)
    assert Client().get("/help/en/need/sleep/?lat=59.33&lon=18.07").status_code == 200
    text = log_output.getvalue()
    assert "59.33" not in text and "/help/… WARNING" in text


def test_it_lets_a_child_share_where_they_are_and_nothing_else():
    policy = Client().get("/help/en/")["Permissions-Policy"]
    assert "geolocation=(self)" in policy and "camera=()" in policy
