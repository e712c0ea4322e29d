"""The fold from decisions to the protection status: plain data, properties."""

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from childpath.identification.status import (
    NO_STATUS,
    STATUSES,
    Fact,
    ProtectionStatus,
    fold,
    screening_raises,
)

T0 = datetime(2026, 1, 1, 9, tzinfo=UTC)


def at(days: int) -> datetime:
    return T0 + timedelta(days=days)


def test_it_has_no_status_without_decisions():
    assert fold([]) == NO_STATUS


def test_it_dates_a_presumption_from_its_decision():
    assert fold([Fact("presumed", at(0))]) == ProtectionStatus("presumed", at(0), None, None)


def test_it_keeps_the_presumption_date_when_the_child_is_identified():
    status = fold([Fact("presumed", at(0)), Fact("identified", at(5), "social")])
    assert status == ProtectionStatus("identified", at(0), at(5), "social")


def test_it_presumes_from_the_identification_when_there_was_no_presumption():
    status = fold([Fact("identified", at(3), "criminal_justice")])
    assert status.presumed_since == at(3)
    assert status.identified_since == at(3)


def test_it_ends_the_presumption_with_a_formal_not_a_victim_decision():
    status = fold([Fact("presumed", at(0)), Fact("not_victim", at(4), "social")])
    assert status == ProtectionStatus("not_victim", None, None, "social")


def test_a_review_that_upholds_the_identification_keeps_its_first_date():
    decisions = [
        Fact("presumed", at(0)),
        Fact("identified", at(5), "social"),
        Fact("identified", at(40), "social"),
    ]
    assert fold(decisions).identified_since == at(5)


def test_a_new_presumption_after_not_a_victim_starts_from_its_own_date():
    decisions = [
        Fact("presumed", at(0)),
        Fact("not_victim", at(4), "social"),
        Fact("presumed", at(9)),
    ]
    assert fold(decisions) == ProtectionStatus("presumed", at(9), None, None)


def test_a_review_from_not_a_victim_to_identified_dates_both_from_the_review():
    decisions = [Fact("not_victim", at(4), "social"), Fact("identified", at(30), "social")]
    assert fold(decisions) == ProtectionStatus("identified", at(30), at(30), "social")


def test_it_refuses_an_unknown_status():
    with pytest.raises(ValueError, match="unknown"):
        fold([Fact("maybe", at(0))])


@pytest.mark.parametrize(
    ("current", "found", "raises"),
    [
        ("none", "at_risk", True),
        ("none", "presumed", True),
        ("at_risk", "presumed", True),
        ("at_risk", "at_risk", False),
        ("presumed", "at_risk", False),
        ("presumed", "presumed", False),
        ("identified", "presumed", False),
        ("not_victim", "presumed", True),
        ("not_victim", "at_risk", True),
    ],
)
def test_a_screening_only_ever_raises_the_status(current, found, raises):
    assert screening_raises(current, found) is raises


facts = st.lists(
    st.builds(
        Fact,
        status=st.sampled_from(STATUSES),
        decided_at=st.integers(min_value=0, max_value=3650).map(at),
        path=st.sampled_from([None, "social", "criminal_justice", "judicial"]),
    ),
    max_size=12,
)


@given(facts)
def test_the_status_in_force_is_the_last_decision(decisions):
    status = fold(decisions)
    assert status.status == (decisions[-1].status if decisions else "none")
    assert status.path == (decisions[-1].path if decisions else None)


@given(facts)
def test_the_dates_agree_with_the_status(decisions):
    status = fold(decisions)
    if status.status == "identified":
        assert status.identified_since is not None
        assert status.presumed_since is not None
    elif status.status == "presumed":
        assert status.presumed_since is not None
        assert status.identified_since is None
    else:
        assert status.presumed_since is None
        assert status.identified_since is None


@given(facts)
def test_the_dates_come_from_the_decisions(decisions):
    status = fold(decisions)
    dates = {decision.decided_at for decision in decisions}
    assert status.presumed_since in dates | {None}
    assert status.identified_since in dates | {None}
