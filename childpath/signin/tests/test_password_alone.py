"""No case page and no API answer is reachable with the password alone (DESIGN.md section 7).

Every route of the instance is tried with a session signed in by password only (as Django's
own login would leave it), for a caseworker of the lead agency, who sees the case with both
factors, and for an administrator.
"""

import re
import uuid

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from conftest import verified_client

# /help/: the public help pages for children, without sign-in and without any case (DESIGN.md
# 6.10).
OPEN = ("/accounts/login/", "/accounts/logout/", "/i18n/", "/healthz", "/admin/login/", "/help/")
# The API's own description and documentation say nothing about any case.
OPEN_API = ("/api/v1/schema/", "/api/v1/docs/")


def _routes(patterns=None, prefix: str = "") -> list[str]:
    found: list[str] = []
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            found += _routes(entry.url_patterns, route)
        elif isinstance(entry, URLPattern):
            found.append(route)
    return found


def _concrete(route: str, reference: str) -> str:
    route = route.replace("^", "").replace("$", "").replace("\\Z", "")
    route = re.sub(r"\(\?P<reference>[^)]*\)", reference, route)
    route = re.sub(r"\(\?P<\w+>[^)]*\)", "x", route)
    route = route.replace("<str:reference>", reference)
    route = re.sub(r"<int:\w+>", "1", route)
    route = re.sub(r"<uuid:\w+>", str(uuid.uuid4()), route)
    route = re.sub(r"<(?:str|slug|path):\w+>", "x", route)
    return "/" + route


def _urls(reference: str) -> list[str]:
    urls = []
    for route in _routes():
        if "<format>" in route or route.startswith("admin/"):
            continue  # the administration: covered by "/admin/" below
        url = _concrete(route, reference)
        if not url.startswith(OPEN + OPEN_API) and not url.startswith("/static/"):
            urls.append(url)
    return [*sorted(set(urls)), "/admin/", "/admin/accounts/user/"]


def _password_only(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize("persona", ["caseworker", "administrator"])
def test_no_page_or_api_answer_with_the_password_alone(request, persona, case):
    user = request.getfixturevalue(persona)
    urls = _urls(case.reference)
    assert f"/cases/{case.reference}/" in urls and f"/api/v1/cases/{case.reference}" in urls
    leaks = []
    for url in urls:
        response = _password_only(user).get(url)
        if url.startswith("/api/"):
            ok = response.status_code in (401, 403)
        else:
            ok = response.status_code == 302 and response["Location"].startswith(OPEN[0])
        if not ok:
            leaks.append(f"{url}: {response.status_code}")
    assert leaks == []


def test_the_same_pages_answer_with_both_factors(caseworker, case):
    """The check above is not empty: with both factors the case page and API answer."""
    client = verified_client(caseworker)
    assert client.get(f"/cases/{case.reference}/").status_code == 200
    assert client.get(f"/api/v1/cases/{case.reference}").status_code == 200


def test_no_write_with_the_password_alone(caseworker, case):
    client = _password_only(caseworker)
    response = client.post(
        "/api/v1/cases",
        {"child": {"given_names": "Nobody"}, "encounter": {}},
        content_type="application/json",
    )
    assert response.status_code in (401, 403)
