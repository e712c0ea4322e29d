"""How an age assessment changes the age that counts, pure (DESIGN.md rule 3; CETS 197
art. 10(3); Directive 2011/36/EU art. 13(2)): plain data in, an age status out."""

from datetime import date, timedelta
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from childpath.cases.age import AgeBasis, AssessedAge, add_years, age_status, years_between

TODAY = date(2026, 6, 15)


def _assessed(**overrides: Any) -> AssessedAge:
    values: dict[str, Any] = {
        "assessed_on": TODAY,
        "method": "multidisciplinary",
        "minimum": 15,
        "maximum": 17,
        "outcome": "child",
        "concluded": True,
    }
    values.update(overrides)
    return AssessedAge(**values)


def _status(**overrides: Any):
    values: dict[str, Any] = {
        "date_of_birth": None,
        "claimed_age": None,
        "claimed_on": None,
        "disputed": False,
        "today": TODAY,
        "assessment": None,
    }
    values.update(overrides)
    return age_status(**values)


def test_it_uses_the_lower_bound_of_a_concluded_range():
    status = _status(claimed_age=16, claimed_on=TODAY, disputed=True, assessment=_assessed())
    assert (status.years, status.basis) == (15, AgeBasis.ASSESSMENT)


def test_it_ends_the_doubt_when_an_assessment_concludes():
    status = _status(claimed_age=16, claimed_on=TODAY, disputed=True, assessment=_assessed())
    assert (status.disputed, status.presumed, status.treated_as_child) == (False, False, True)


def test_it_ages_the_lower_bound_from_the_assessment_date():
    status = _status(assessment=_assessed(assessed_on=date(2024, 6, 15)))
    assert status.years == 17


def test_it_treats_a_grown_up_lower_bound_as_an_adult():
    status = _status(assessment=_assessed(assessed_on=date(2023, 6, 15)))
    assert (status.years, status.treated_as_child) == (18, False)


def test_it_ends_the_presumption_on_a_concluded_adult_outcome():
    adult = _assessed(minimum=19, maximum=22, outcome="adult")
    status = _status(claimed_age=17, claimed_on=TODAY, disputed=True, assessment=adult)
    assert (status.years, status.treated_as_child, status.presumed) == (19, False, False)


def test_it_keeps_a_child_while_an_assessment_is_not_concluded():
    open_adult = _assessed(minimum=19, maximum=22, outcome="adult", concluded=False)
    status = _status(claimed_age=25, claimed_on=TODAY, assessment=open_adult)
    assert (status.treated_as_child, status.presumed, status.disputed) == (True, True, True)


def test_it_keeps_the_claimed_age_while_an_assessment_is_not_concluded():
    status = _status(claimed_age=16, claimed_on=TODAY, assessment=_assessed(concluded=False))
    assert (status.years, status.basis) == (16, AgeBasis.CLAIMED_AGE)


def test_it_keeps_a_child_when_the_assessment_could_not_determine_the_age():
    undetermined = _assessed(outcome="undetermined", minimum=None, maximum=None)
    status = _status(date_of_birth=date(2000, 1, 1), assessment=undetermined)
    assert (status.treated_as_child, status.presumed) == (True, True)


def test_it_keeps_a_child_on_an_undetermined_outcome_even_with_a_range():
    undetermined = _assessed(outcome="undetermined", minimum=17, maximum=21)
    status = _status(assessment=undetermined)
    assert (status.basis, status.treated_as_child, status.presumed) == (
        AgeBasis.UNKNOWN,
        True,
        True,
    )


def test_it_lets_the_lower_bound_win_over_an_adult_outcome_under_18():
    # Validation refuses this; the core still gives the benefit of the doubt.
    status = _status(assessment=_assessed(minimum=16, maximum=20, outcome="adult"))
    assert status.treated_as_child


def test_it_shows_the_latest_assessment_in_the_status():
    assessment = _assessed(concluded=False)
    assert _status(assessment=assessment).assessment == assessment


def test_it_has_no_18th_birthday_for_an_unknown_age():
    assert _status().turns_18_on is None


def test_it_dates_the_18th_birthday_from_the_date_of_birth():
    status = _status(date_of_birth=date(2009, 3, 2))
    assert (status.turns_18_on, status.basis) == (date(2027, 3, 2), AgeBasis.DATE_OF_BIRTH)


def test_it_dates_the_18th_birthday_from_the_claimed_age():
    status = _status(claimed_age=16, claimed_on=date(2026, 1, 10))
    assert (status.turns_18_on, status.basis) == (date(2028, 1, 10), AgeBasis.CLAIMED_AGE)


def test_it_has_no_18th_birthday_for_a_claimed_age_without_a_date():
    assert _status(claimed_age=16).turns_18_on is None


def test_it_dates_the_18th_birthday_from_the_lower_bound():
    status = _status(assessment=_assessed(assessed_on=date(2026, 2, 1)))
    assert (status.turns_18_on, status.basis) == (date(2029, 2, 1), AgeBasis.ASSESSMENT)


def test_it_dates_the_18th_birthday_of_an_assessed_adult_in_the_past():
    status = _status(assessment=_assessed(minimum=19, maximum=21, outcome="adult"))
    assert status.turns_18_on == date(2025, 6, 15)


def test_it_puts_a_leap_day_birthday_on_1_march():
    assert add_years(date(2008, 2, 29), 18) == date(2026, 3, 1)
    assert add_years(date(2008, 2, 29), 16) == date(2024, 2, 29)


DAYS = st.dates(date(1950, 1, 1), date(2040, 12, 31))


@given(start=DAYS, years=st.integers(-40, 40))
def test_it_counts_exactly_the_added_years_on_the_anniversary(start, years):
    anniversary = add_years(start, years)
    assert years_between(start, anniversary) == years
    if years > 0:
        assert years_between(start, anniversary - timedelta(days=1)) == years - 1


@given(born=st.dates(date(1990, 1, 1), TODAY))
def test_it_turns_18_exactly_on_the_computed_day(born):
    turns = _status(date_of_birth=born).turns_18_on
    assert _status(date_of_birth=born, today=turns).years == 18
    assert _status(date_of_birth=born, today=turns - timedelta(days=1)).years == 17


ASSESSMENTS = st.builds(
    AssessedAge,
    assessed_on=st.dates(date(2015, 1, 1), TODAY),
    method=st.sampled_from(["documents", "interview", "multidisciplinary", "medical"]),
    minimum=st.one_of(st.none(), st.integers(0, 30)),
    maximum=st.one_of(st.none(), st.integers(0, 30)),
    outcome=st.sampled_from(["child", "adult", "undetermined"]),
    concluded=st.booleans(),
)
AGE_FACTS = {
    "born": st.one_of(st.none(), st.dates(date(1950, 1, 1), TODAY)),
    "claimed": st.one_of(st.none(), st.integers(0, 60)),
    "disputed": st.booleans(),
    "assessment": st.one_of(st.none(), ASSESSMENTS),
}


@given(**AGE_FACTS)
def test_it_treats_as_a_child_while_the_age_is_in_doubt(born, claimed, disputed, assessment):
    status = _status(
        date_of_birth=born,
        claimed_age=claimed,
        claimed_on=TODAY,
        disputed=disputed,
        assessment=assessment,
    )
    settled = assessment is not None and assessment.settles_age
    in_doubt = not settled and (disputed or assessment is not None or status.years is None)
    if in_doubt:
        assert status.treated_as_child


@given(**AGE_FACTS)
def test_it_decides_a_settled_age_by_the_grown_lower_bound_only(
    born, claimed, disputed, assessment
):
    status = _status(
        date_of_birth=born,
        claimed_age=claimed,
        claimed_on=TODAY,
        disputed=disputed,
        assessment=assessment,
    )
    if assessment is not None and assessment.settles_age:
        grown = assessment.minimum + years_between(assessment.assessed_on, TODAY)
        assert status.years == grown
        assert status.treated_as_child == (grown < 18)


@given(**AGE_FACTS)
def test_it_is_a_child_exactly_until_the_18th_birthday(born, claimed, disputed, assessment):
    """Where a birthday is known and the age not in doubt, the 18th birthday is the line."""
    status = _status(
        date_of_birth=born,
        claimed_age=claimed,
        claimed_on=TODAY,
        disputed=disputed,
        assessment=assessment,
    )
    if status.turns_18_on is not None and not status.disputed:
        assert status.treated_as_child == (status.turns_18_on > TODAY)
