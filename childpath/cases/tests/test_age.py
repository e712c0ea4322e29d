"""The presumption of minority, pure (DESIGN.md rule 3; CETS 197 art. 10(3);
Directive 2011/36/EU art. 13(2)): plain dates in, an age status out."""

from datetime import date
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from childpath.cases.age import AgeBasis, age_band, age_status, years_between

TODAY = date(2026, 6, 15)


def _status(**overrides):
    values: dict[str, Any] = {
        "date_of_birth": None,
        "claimed_age": None,
        "claimed_on": None,
        "disputed": False,
        "today": TODAY,
    }
    values.update(overrides)
    return age_status(**values)


def test_it_treats_an_unknown_age_as_a_child():
    status = _status()
    assert (status.years, status.basis) == (None, AgeBasis.UNKNOWN)
    assert status.treated_as_child


def test_it_marks_an_unknown_age_as_presumed():
    assert _status().presumed


def test_it_treats_a_disputed_adult_looking_age_as_a_child():
    status = _status(claimed_age=19, claimed_on=TODAY, disputed=True)
    assert (status.years, status.treated_as_child, status.presumed) == (19, True, True)


def test_it_treats_a_disputed_adult_date_of_birth_as_a_child():
    status = _status(date_of_birth=date(2000, 1, 1), disputed=True)
    assert status.treated_as_child


def test_it_treats_a_seventeen_year_old_as_a_child():
    status = _status(date_of_birth=date(2008, 6, 16))
    assert (status.years, status.treated_as_child, status.presumed) == (17, True, False)


def test_it_treats_an_eighteen_year_old_as_an_adult():
    status = _status(date_of_birth=date(2008, 6, 15))
    assert (status.years, status.treated_as_child, status.presumed) == (18, False, False)


def test_it_treats_an_undisputed_adult_claim_as_an_adult():
    assert not _status(claimed_age=25, claimed_on=TODAY).treated_as_child


def test_it_does_not_call_a_known_child_presumed_when_disputed():
    # A child by every account needs no presumption, even if the exact age is in doubt.
    status = _status(claimed_age=14, claimed_on=TODAY, disputed=True)
    assert (status.treated_as_child, status.presumed) == (True, False)


def test_it_prefers_the_date_of_birth_over_a_claimed_age():
    status = _status(date_of_birth=date(2012, 1, 1), claimed_age=19, claimed_on=TODAY)
    assert (status.years, status.basis) == (14, AgeBasis.DATE_OF_BIRTH)


def test_it_grows_a_claimed_age_with_the_years():
    status = _status(claimed_age=16, claimed_on=date(2024, 6, 1))
    assert (status.years, status.basis) == (18, AgeBasis.CLAIMED_AGE)


def test_it_turns_a_claimed_sixteen_into_an_adult_two_years_later():
    assert not _status(claimed_age=16, claimed_on=date(2024, 6, 1)).treated_as_child


def test_it_does_not_grow_a_claimed_age_before_a_full_year():
    assert _status(claimed_age=17, claimed_on=date(2025, 6, 16)).years == 17


def test_it_keeps_a_claimed_age_without_a_claim_date():
    assert _status(claimed_age=12).years == 12


def test_it_never_shrinks_a_claimed_age_dated_in_the_future():
    assert _status(claimed_age=12, claimed_on=date(2030, 1, 1)).years == 12


def test_it_counts_years_on_the_birthday():
    assert years_between(date(2010, 6, 15), TODAY) == 16


def test_it_counts_years_the_day_before_the_birthday():
    assert years_between(date(2010, 6, 16), TODAY) == 15


def test_it_counts_a_leap_day_birthday():
    assert years_between(date(2008, 2, 29), date(2026, 2, 28)) == 17
    assert years_between(date(2008, 2, 29), date(2026, 3, 1)) == 18


def test_it_bands_ages_for_statistics():
    assert [age_band(y) for y in (None, 0, 8, 9, 17, 18, 20, 21)] == [
        "unknown",
        "0-8",
        "0-8",
        "9-11",
        "15-17",
        "18-20",
        "18-20",
        "21-120",
    ]


AGE_FACTS = {
    "born": st.one_of(st.none(), st.dates(date(1900, 1, 1), TODAY)),
    "claimed": st.one_of(st.none(), st.integers(0, 120)),
    "disputed": st.booleans(),
}


@given(**AGE_FACTS)
def test_it_treats_as_a_child_whenever_a_child_is_possible(born, claimed, disputed):
    status = _status(date_of_birth=born, claimed_age=claimed, claimed_on=TODAY, disputed=disputed)
    possibly_child = status.years is None or status.years < 18 or disputed
    assert status.treated_as_child == possibly_child


@given(**AGE_FACTS)
def test_it_presumes_only_when_the_known_age_is_not_a_childs(born, claimed, disputed):
    status = _status(date_of_birth=born, claimed_age=claimed, claimed_on=TODAY, disputed=disputed)
    known_child = status.years is not None and status.years < 18
    assert status.presumed == (status.treated_as_child and not known_child)
