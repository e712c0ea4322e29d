"""Finding a child by any one of the names, by an alias, by reference, with or without the
date of birth: the word index, the search service, the page, the API and who finds what."""

import io
import re
from datetime import date

import pytest
from django.core.management import call_command

from childpath.audit.models import AuditEvent
from childpath.cases import services
from childpath.cases.models import Case, SearchToken
from childpath.cases.search import query_tokens, reference_in, token, tokens_for, word_token, words

BORN = date(2010, 4, 1)
ROW = re.compile(r'<a href="/cases/(CP-[A-Z0-9-]+)/">')


def _found(user, name, date_of_birth=None):
    return list(
        services.search(
            actor=user,
            cases=Case.objects.visible_to(user),
            name=name,
            date_of_birth=date_of_birth,
        )
    )


# The word index, as plain data.


def test_it_splits_a_name_into_the_words_it_compares():
    assert words("  Ána-María  de\u200b la Cruz ") == ["ana", "maria", "de", "la", "cruz"]


def test_it_compares_composed_and_decomposed_accents_as_one_word():
    assert word_token("Jose\u0301", None) == word_token("José", None)


def test_it_indexes_every_word_of_every_name_with_and_without_the_date_of_birth():
    tokens = tokens_for(["Mira Petrova", "Mimi"], BORN)
    for word in ("mira", "petrova", "mimi"):
        assert word_token(word, None) in tokens
        assert word_token(word, BORN) in tokens
    assert token("Mira Petrova", None) in tokens


def test_it_keeps_a_word_token_apart_from_a_whole_name_token():
    assert word_token("mira", None) != token("Mira", None)
    assert word_token("mira", BORN) != word_token("mira", None)


def test_it_asks_for_each_word_of_a_search_once():
    assert query_tokens("Mira mira MIRA", None) == [word_token("mira", None)]
    assert query_tokens("", None) == []


@pytest.mark.parametrize(
    "typed", ["CP-4F7K-Q2MX", "cp-4f7k-q2mx", "CP4F7KQ2MX", " 4f7k q2mx ", "CP\u20104F7K\u2014Q2MX"]
)
def test_it_reads_a_reference_however_it_is_typed(typed):
    assert reference_in(typed) == "CP-4F7K-Q2MX"


@pytest.mark.parametrize("typed", ["Mira", "CP-4F7K-Q2M", "CP-4F7K-Q2MXX", "CP-4F7K-Q2MU"])
def test_it_reads_no_reference_in_what_is_not_one(typed):
    assert reference_in(typed) is None


# The search service.


def test_it_finds_a_child_by_the_given_name_alone(make_case, caseworker):
    mira = make_case(given_names="Mira", family_name="Petrova")
    make_case(given_names="Miriam", family_name="Petrova")
    assert _found(caseworker, "Mira") == [mira]


def test_it_finds_every_child_with_that_name(make_case, caseworker):
    first = make_case(given_names="Mira", family_name="Petrova")
    second = make_case(given_names="Mira Ana", family_name="Novak")
    assert set(_found(caseworker, "mira")) == {first, second}


def test_it_finds_a_child_by_the_family_name_alone(make_case, caseworker):
    mira = make_case(given_names="Mira", family_name="Petrova")
    assert _found(caseworker, "PETROVA") == [mira]


def test_it_finds_a_child_by_a_word_of_an_alias(make_case, caseworker):
    mira = make_case(given_names="Mira", family_name="Petrova", aliases=["Mimi Rose"])
    assert _found(caseworker, "Rose") == [mira]


def test_it_needs_every_word_searched_among_the_names(make_case, caseworker):
    mira = make_case(given_names="Mira", family_name="Petrova")
    make_case(given_names="Mira", family_name="Novak")
    assert _found(caseworker, "Petrova Mira") == [mira]
    assert _found(caseworker, "Mira Ivanova") == []


def test_it_matches_each_word_exactly(make_case, caseworker):
    make_case(given_names="Mira", family_name="Petrova")
    assert _found(caseworker, "Mir") == []
    assert _found(caseworker, "Petrov") == []


def test_it_narrows_a_name_by_the_date_of_birth(make_case, caseworker):
    mira = make_case(given_names="Mira", family_name="Petrova", date_of_birth=BORN)
    make_case(given_names="Mira", family_name="Novak", date_of_birth=date(2011, 5, 2))
    assert _found(caseworker, "Mira", BORN) == [mira]


def test_it_finds_a_case_by_its_reference_typed_loosely(make_case, caseworker):
    case = make_case()
    typed = case.reference.replace("-", "").lower()
    assert _found(caseworker, typed) == [case]


def test_it_indexes_the_new_names_when_they_change(make_case, caseworker):
    case = make_case(given_names="Mira", family_name="Petrova")
    child = services.child_data(case, case.identity)
    child.given_names = "Amira"
    child.aliases = ["Zora"]
    services.update_child(actor=caseworker, case=case, child=child)
    assert _found(caseworker, "Mira") == []
    assert _found(caseworker, "Amira") == [case]
    assert _found(caseworker, "Zora") == [case]


def test_it_audits_a_search_by_the_fields_used_never_the_values(make_case, caseworker):
    make_case(given_names="Mira", family_name="Petrova")
    _found(caseworker, "Mira", BORN)
    event = AuditEvent.objects.filter(action="case.search").latest("id")
    assert event.fields == ["date_of_birth", "name"]
    assert "Mira" not in str(event.__dict__)


# Who finds what (persona tests).


def test_a_frontline_worker_does_not_find_another_teams_child(make_case, frontline, caseworker):
    theirs = make_case(actor=caseworker, given_names="Mira", family_name="Petrova")
    mine = make_case(given_names="Mira", family_name="Novak")
    assert _found(frontline, "Mira") == [mine]
    assert _found(frontline, theirs.reference) == []


def test_another_office_finds_nothing_by_name_or_reference(make_case, outsider):
    case = make_case(given_names="Mira", family_name="Petrova")
    assert _found(outsider, "Mira") == []
    assert _found(outsider, case.reference) == []


def test_the_search_page_shows_the_names_to_the_case_team(make_case, caseworker, login):
    make_case(given_names="Mira", family_name="Petrova", aliases=["Mimi"])
    make_case(given_names="Mira", family_name="Novak", date_of_birth=date(2011, 5, 2))
    body = login(caseworker).post("/cases/", {"name": "Mira"}).content.decode()
    assert len(ROW.findall(body)) == 2
    assert "Mira Petrova" in body and "Mira Novak" in body
    assert "Mimi" in body


def test_the_search_page_audits_each_name_it_shows_as_a_read(make_case, caseworker, login):
    first = make_case(given_names="Mira", family_name="Petrova")
    second = make_case(given_names="Mira", family_name="Novak")
    login(caseworker).post("/cases/", {"name": "Mira"})
    reads = AuditEvent.objects.filter(action="case.read", purpose="search")
    assert set(reads.values_list("case_reference", flat=True)) == {
        first.reference,
        second.reference,
    }


def test_the_case_list_shows_no_names_without_a_search(make_case, caseworker, login):
    case = make_case(given_names="Mira", family_name="Petrova")
    body = login(caseworker).get("/cases/").content.decode()
    assert case.reference in body
    assert "Petrova" not in body


def test_a_frontline_worker_sees_no_name_of_another_teams_child(
    make_case, frontline, caseworker, login
):
    make_case(actor=caseworker, given_names="Mira", family_name="Petrova")
    body = login(frontline).post("/cases/", {"name": "Mira"}).content.decode()
    assert ROW.findall(body) == []
    assert "Petrova" not in body


def test_the_api_finds_by_one_name_and_by_reference(make_case, caseworker, api_login):
    case = make_case(given_names="Mira", family_name="Petrova")
    client = api_login(caseworker)
    by_name = client.post("/api/v1/cases/search", {"name": "mira"}, content_type="application/json")
    assert [row["reference"] for row in by_name.json()] == [case.reference]
    typed = case.reference.lower()
    by_ref = client.post("/api/v1/cases/search", {"name": typed}, content_type="application/json")
    assert [row["reference"] for row in by_ref.json()] == [case.reference]


def test_the_api_finds_nothing_of_another_office(make_case, outsider, api_login):
    case = make_case(given_names="Mira", family_name="Petrova")
    client = api_login(outsider)
    for name in ("Mira", case.reference):
        found = client.post("/api/v1/cases/search", {"name": name}, content_type="application/json")
        assert found.json() == []


# The backfill of cases indexed before the words were.


def test_reindex_names_makes_older_cases_findable_by_one_name(make_case, caseworker):
    case = make_case(given_names="Mira", family_name="Petrova", aliases=["Zora"])
    whole = {token(name, None) for name in case.identity.all_names()}
    whole |= {token(name, BORN) for name in case.identity.all_names()}
    SearchToken.objects.filter(case=case).exclude(token__in=whole).delete()
    assert _found(caseworker, "Mira") == []
    call_command("reindex_names", "--batch", "1", stdout=io.StringIO())
    assert _found(caseworker, "Mira") == [case]
    assert _found(caseworker, "Zora", BORN) == [case]
    assert _found(caseworker, "Mira Petrova") == [case]


def test_reindex_names_can_run_twice_without_duplicates(make_case):
    case = make_case(given_names="Mira", family_name="Petrova")
    before = set(SearchToken.objects.filter(case=case).values_list("token", flat=True))
    call_command("reindex_names", stdout=io.StringIO())
    call_command("reindex_names", stdout=io.StringIO())
    after = list(SearchToken.objects.filter(case=case).values_list("token", flat=True))
    assert set(after) == before and len(after) == len(before)
