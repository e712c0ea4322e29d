"""An age assessment and a handover plan are dated after the birth and after 1900."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from childpath.age_assessment import services
from childpath.age_assessment.models import AgeAssessment
from childpath.age_assessment.tests.conftest import assessment_data, handover_data


def test_it_refuses_an_assessment_before_the_birth(case, caseworker):
    # The conftest child is born on 2010-04-01.
    with pytest.raises(ValidationError) as error:
        services.record_assessment(
            actor=caseworker, case=case, assessment=assessment_data(assessed_on=date(2009, 1, 1))
        )
    assert "assessed_on" in error.value.message_dict
    assert not AgeAssessment.objects.exists()


def test_it_refuses_an_assessment_in_year_1(make_case, caseworker):
    case = make_case(date_of_birth=None)
    with pytest.raises(ValidationError):
        services.record_assessment(
            actor=caseworker, case=case, assessment=assessment_data(assessed_on=date(1, 1, 1))
        )


def test_it_refuses_a_handover_plan_before_the_birth(case, caseworker):
    with pytest.raises(ValidationError) as error:
        services.record_handover_plan(
            actor=caseworker, case=case, plan=handover_data(agreed_on=date(2000, 1, 1))
        )
    assert "agreed_on" in error.value.message_dict
