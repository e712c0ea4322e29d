"""Missed and over-read signs, and agreement with the expected result."""

from childpath.indicators.catalogue import load_catalogue
from childpath.practice.catalogue import situations
from childpath.practice.feedback import compare
from childpath.practice.situations import by_id

CATALOGUE = load_catalogue()
KARIM = by_id(situations())["karim-at-the-station"]
ANA = by_id(situations())["ana-flowers-with-mum"]


def _compare(sit, answers, result, age=16, uncertain=True):
    return compare(CATALOGUE, sit, answers=answers, result=result, age=age, age_uncertain=uncertain)


def test_it_agrees_when_the_answers_are_the_expected_ones():
    feedback = _compare(KARIM, dict(KARIM.expected), "presumed_victim")
    assert (feedback.agrees, feedback.missed, feedback.over_read) == (True, (), ())


def test_it_names_a_sign_answered_not_seen_as_missed():
    answers = {**KARIM.expected, "clc_forced_criminality": "not_observed"}
    assert _compare(KARIM, answers, "at_risk").missed == ("clc_forced_criminality",)


def test_it_names_a_sign_left_unanswered_as_missed():
    answers = {k: v for k, v in KARIM.expected.items() if k != "clc_fears_authorities"}
    assert "clc_fears_authorities" in _compare(KARIM, answers, "presumed_victim").missed


def test_it_counts_suspected_where_the_child_told_as_missed():
    answers = {**KARIM.expected, "clc_fears_authorities": "suspected"}
    assert _compare(KARIM, answers, "presumed_victim").missed == ("clc_fears_authorities",)


def test_it_counts_observed_and_reported_alike():
    answers = {**KARIM.expected, "clc_fears_authorities": "observed"}
    assert _compare(KARIM, answers, "presumed_victim").missed == ()


def test_it_names_a_sign_the_story_does_not_show_as_over_read():
    answers = {"clc_forced_begging": "suspected"}
    feedback = _compare(ANA, answers, "at_risk", age=10, uncertain=False)
    assert feedback.over_read == ("clc_forced_begging",)
    assert (feedback.agrees, feedback.direction) == (False, "higher")


def test_it_says_when_the_result_is_lower_than_expected():
    feedback = _compare(KARIM, {}, "no_indication")
    assert (feedback.agrees, feedback.direction) == (False, "lower")


def test_it_notices_an_age_that_differs_from_the_story():
    assert _compare(
        KARIM, dict(KARIM.expected), "presumed_victim", age=19, uncertain=False
    ).age_differs
