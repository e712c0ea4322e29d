"""The case list pages by position (keyset): every case once, in order, forwards and back."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from childpath.cases.models import Case
from childpath.lib.pagination import cursor_for

LINK = re.compile(r'<a href="\?([^"]*)">(Previous|Next)</a>')


@pytest.fixture
def eight_cases(make_case, monkeypatch):
    monkeypatch.setattr("childpath.cases.views.PAGE_SIZE", 3)
    cases = [make_case() for _ in range(8)]
    # Two cases registered at the same moment: the id breaks the tie.
    moment = timezone.now() - timedelta(days=1)
    Case.objects.filter(pk__in=[cases[3].pk, cases[4].pk]).update(created_at=moment)
    return list(Case.objects.order_by("-created_at", "-id").values_list("reference", flat=True))


def _page(client, query=""):
    body = client.get(f"/cases/?{query}").content.decode()
    shown = re.findall(r'<a href="/cases/(CP-[A-Z0-9-]+)/">', body)
    links = {label: href.replace("&amp;", "&") for href, label in LINK.findall(body)}
    return shown, links, body


def test_it_shows_every_case_once_in_order_following_next(eight_cases, caseworker, login):
    client = login(caseworker)
    seen, query, pages = [], "", 0
    while True:
        shown, links, _body = _page(client, query)
        seen += shown
        pages += 1
        if "Next" not in links:
            break
        query = links["Next"]
    assert seen == eight_cases
    assert pages == 3


def test_it_numbers_the_pages_it_shows(eight_cases, caseworker, login):
    client = login(caseworker)
    _shown, links, _body = _page(client)
    _shown, links, body = _page(client, links["Next"])
    assert "Page 2" in body
    _shown, _links, body = _page(client, links["Next"])
    assert "Page 3" in body


def test_it_goes_back_to_the_same_cases_with_previous(eight_cases, caseworker, login):
    client = login(caseworker)
    first, links, _body = _page(client)
    second, links, _body = _page(client, links["Next"])
    _third, links, _body = _page(client, links["Next"])
    back, links, body = _page(client, links["Previous"])
    assert back == second
    assert "Page 2" in body
    again, links, _body = _page(client, links["Previous"])
    assert again == first
    assert "Previous" not in links


def test_it_shows_the_first_page_for_a_cursor_that_is_not_one(eight_cases, caseworker, login):
    client = login(caseworker)
    for junk in ("after=%00%ff", "after=bm90LWEtY3Vyc29y", "before=", "after=" + "A" * 500):
        shown, _links, _body = _page(client, junk)
        assert shown == eight_cases[:3]


def test_it_shows_a_search_on_one_page_with_no_link_carrying_the_name(
    make_case, caseworker, login, monkeypatch
):
    # A search by name is a POST (DESIGN.md 7): its results are one page, so no Next or
    # Previous link could carry the name into an address.
    monkeypatch.setattr("childpath.cases.views.PAGE_SIZE", 1)
    make_case(given_names="Mostra", family_name="Probni")
    make_case(given_names="Mostra", family_name="Probni")
    body = login(caseworker).post("/cases/", {"name": "Mostra Probni"}).content.decode()
    assert len(re.findall(r'<a href="/cases/(CP-[A-Z0-9-]+)/">', body)) == 2
    assert LINK.findall(body) == []
    assert "Mostra" not in "".join(href for href, _label in LINK.findall(body))


def test_it_names_a_position_without_anything_about_the_child(case):
    cursor = cursor_for(case)
    assert "Testa" not in cursor and "Exempel" not in cursor
    assert case.reference not in cursor
