"""Dates in the child's life come after the birth and after 1900; names are stored and indexed
without invisible characters, so the child stays findable."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from childpath.cases import services
from childpath.cases.models import Case, Encounter
from childpath.cases.search import token
from childpath.cases.validation import EncounterData, check_life_date
from childpath.lib.text import clean_name
from conftest import encounter_data


def test_it_refuses_an_encounter_in_year_1(case, frontline):
    with pytest.raises(ValidationError) as error:
        services.record_encounter(
            actor=frontline, case=case, encounter=encounter_data(occurred_on=date(1, 1, 1))
        )
    assert "occurred_on" in error.value.message_dict
    assert Encounter.objects.filter(case=case).count() == 1


def test_it_refuses_an_encounter_before_the_birth(case, frontline):
    # The conftest child is born on 2010-04-01.
    with pytest.raises(ValidationError) as error:
        services.record_encounter(
            actor=frontline, case=case, encounter=encounter_data(occurred_on=date(2010, 3, 31))
        )
    assert error.value.message_dict["occurred_on"] == [
        "The date cannot be before the child's date of birth."
    ]


def test_it_accepts_an_encounter_on_the_day_of_birth(case, frontline):
    services.record_encounter(
        actor=frontline, case=case, encounter=encounter_data(occurred_on=date(2010, 4, 1))
    )


def test_it_refuses_a_first_encounter_before_the_birth(make_case, frontline, orgs):
    with pytest.raises(ValidationError):
        services.register_child(
            actor=frontline,
            child=services.ChildData(given_names="Testa", date_of_birth=date(2012, 1, 1)),
            encounter=EncounterData(came_to_notice="school", occurred_on=date(2011, 12, 31)),
        )
    assert not Case.objects.exists()


def test_it_refuses_1899_even_without_a_date_of_birth():
    assert check_life_date("on", date(1899, 12, 31), None) == {
        "on": ["The date cannot be before 1900."]
    }
    assert check_life_date("on", date(1900, 1, 1), None) == {}


def test_the_encounter_api_refuses_a_date_before_the_birth(caseworker, api_login, case):
    response = api_login(caseworker).post(
        "/api/v1/cases",
        {
            "child": {"given_names": "Testa", "date_of_birth": "2015-05-05"},
            "encounter": {"came_to_notice": "school", "occurred_on": "2015-05-04"},
        },
        content_type="application/json",
    )
    assert response.status_code == 400
    assert Case.objects.count() == 1


@pytest.mark.parametrize(
    "typed",
    [
        "Te\u200bsta",  # zero-width space
        "Tes\u00adta",  # soft hyphen
        "\u200eTesta",  # left-to-right mark
        "Te\u2060sta",  # word joiner
        "\ufeffTesta",  # byte-order mark
    ],
)
def test_an_invisible_character_does_not_hide_the_child(make_case, caseworker, typed):
    case = make_case(given_names=typed, family_name="Exempel")
    assert case.identity.given_names == "Testa"
    found = services.search(
        actor=caseworker,
        cases=Case.objects.visible_to(caseworker),
        name="Testa Exempel",
        date_of_birth=None,
    )
    assert list(found) == [case]


def test_a_search_with_an_invisible_character_finds_the_child(make_case, caseworker):
    case = make_case(given_names="Testa", family_name="Exempel")
    found = services.search(
        actor=caseworker,
        cases=Case.objects.visible_to(caseworker),
        name="Testa Exe\u200bmpel",
        date_of_birth=None,
    )
    assert list(found) == [case]


def test_composed_and_decomposed_accents_are_one_name():
    assert clean_name("Jose\u0301") == "José" == clean_name("Jos\u00e9")
    assert token("Jose\u0301 Pérez", None) == token("José Pe\u0301rez", None)


def test_aliases_are_cleaned_and_empty_ones_dropped(make_case):
    case = make_case(aliases=["Mi\u200bra", "\u200b", "  Nina  "])
    assert case.identity.aliases == ["Mira", "Nina"]


def test_a_page_form_stores_the_cleaned_name(frontline, login):
    client = login(frontline)
    response = client.post(
        "/cases/new/",
        {
            "child-given_names": "An\u200dna",
            "child-family_name": "Exempel",
            "child-sex": "unknown",
            "child-migration_status": "unknown",
            "child-unaccompanied": "unknown",
            "encounter-came_to_notice": "school",
            "encounter-occurred_on": "2026-01-10",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert Case.objects.get().identity.given_names == "Anna"
