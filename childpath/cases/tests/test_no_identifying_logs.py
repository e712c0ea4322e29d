"""Nothing identifying in URLs or logs (DESIGN.md 7; finding 4): the searches by name and date
of birth run against a real server, and its captured logs never hold the values searched."""

import logging
from datetime import date

import pytest
import requests

from childpath.cases import services

NAME = "Mirela Exemplova"
BORN = "2011-07-23"


class Capture(logging.Handler):
    """Every record of every logger, formatted with everything it carries."""

    def __init__(self) -> None:
        super().__init__(level=logging.DEBUG)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        text = logging.Formatter("%(name)s %(message)s").format(record)
        self.lines.append(f"{text} {vars(record)!r}")


@pytest.fixture
def captured():
    handler = Capture()
    loggers = [
        logging.getLogger(name) for name in ("", "django", "django.server", "django.request")
    ]
    saved = [(logger, logger.level) for logger in loggers]
    for logger in loggers:
        logger.addHandler(handler)
        logger.setLevel(logging.DEBUG)
    yield handler
    for logger, level in saved:
        logger.removeHandler(handler)
        logger.setLevel(level)


@pytest.fixture
def browser(live_server, caseworker, login, settings):
    """A requests session signed in as the caseworker, with the CSRF cookie and header."""
    # The test server speaks plain HTTP: cookies marked Secure would never be sent back.
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = False
    session = requests.Session()
    session.cookies.set("sessionid", login(caseworker).cookies["sessionid"].value)
    session.get(f"{live_server.url}/cases/")
    session.headers["X-CSRFToken"] = session.cookies.get("csrftoken") or ""
    session.headers["Referer"] = f"{live_server.url}/cases/"
    return session


def _leaks(captured: Capture) -> list[str]:
    return [line for line in captured.lines if "Exemplova" in line or BORN in line]


@pytest.mark.django_db(transaction=True)
def test_it_keeps_a_page_search_out_of_the_server_log(live_server, browser, captured, make_case):
    make_case(given_names="Mirela", family_name="Exemplova", date_of_birth=date(2011, 7, 23))
    response = browser.post(f"{live_server.url}/cases/", data={"name": NAME, "date_of_birth": BORN})
    assert response.status_code == 200
    assert "1 case found" in response.text
    assert any("/cases/" in line for line in captured.lines)  # the access log ran
    assert _leaks(captured) == []


@pytest.mark.django_db(transaction=True)
def test_it_keeps_an_api_search_out_of_the_server_log(live_server, browser, captured, make_case):
    make_case(given_names="Mirela", family_name="Exemplova", date_of_birth=date(2011, 7, 23))
    response = browser.post(
        f"{live_server.url}/api/v1/cases/search", json={"name": NAME, "date_of_birth": BORN}
    )
    assert response.status_code == 200
    assert len(response.json()) == 1
    assert any("/api/v1/cases/search" in line for line in captured.lines)
    assert _leaks(captured) == []


@pytest.mark.django_db(transaction=True)
def test_it_keeps_the_body_of_a_failed_search_out_of_the_error_log(
    live_server, browser, captured, monkeypatch, settings
):
    settings.DEBUG_PROPAGATE_EXCEPTIONS = False

    def broken(**kwargs):
        raise RuntimeError("the search index is down (fictional)")

    monkeypatch.setattr(services, "search", broken)
    response = browser.post(
        f"{live_server.url}/api/v1/cases/search", json={"name": NAME, "date_of_birth": BORN}
    )
    assert response.status_code == 500
    assert any("Internal Server Error" in line for line in captured.lines)
    assert _leaks(captured) == []


def test_it_hides_every_posted_value_and_local_from_error_reports(rf):
    from django.views.debug import ExceptionReporter

    request = rf.post("/cases/", {"name": NAME, "date_of_birth": BORN})
    try:
        name = NAME  # noqa: F841  (a local the report must not show)
        raise RuntimeError("fictional")
    except RuntimeError as error:
        report = ExceptionReporter(request, type(error), error, error.__traceback__)
        text = report.get_traceback_text()
    assert "Exemplova" not in text
    assert BORN not in text
