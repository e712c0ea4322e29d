"""The protection status is memoised per Case instance (childpath.identification.selectors), so
the sections of the case page that read it cost one query, and a new decision is never missed."""

from childpath.identification.selectors import protection_status, remember
from childpath.identification.status import NO_STATUS
from childpath.screening.tests.helpers import PRESUMED, screen


def test_a_second_read_on_the_same_case_costs_no_query(case, django_assert_num_queries):
    with django_assert_num_queries(1):
        protection_status(case)
    with django_assert_num_queries(0):
        assert protection_status(case).status == "none"


def test_another_instance_of_the_case_asks_the_database(case, django_assert_num_queries):
    from childpath.cases.models import Case

    protection_status(case)
    other = Case.objects.get(pk=case.pk)
    with django_assert_num_queries(1):
        protection_status(other)


def test_a_new_decision_is_seen_by_an_instance_that_read_before(case, caseworker):
    assert protection_status(case).status == "none"
    screen(caseworker, case, PRESUMED)  # records "presumed" through its own Case instance
    assert protection_status(case).status == "presumed"


def test_a_status_folded_elsewhere_can_be_remembered(case, django_assert_num_queries):
    remember(case, NO_STATUS)
    with django_assert_num_queries(0):
        assert protection_status(case) is NO_STATUS


def test_a_remembered_status_gives_way_to_a_new_decision(case, caseworker):
    remember(case, NO_STATUS)
    screen(caseworker, case, PRESUMED)
    assert protection_status(case).status == "presumed"
