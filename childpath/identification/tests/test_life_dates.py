"""A formal identification is not dated before the child's birth."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from childpath.identification import services
from childpath.identification.models import Decision
from childpath.identification.tests.conftest import organisation_decision


def test_it_refuses_a_decision_before_the_birth(make_case, caseworker, frontline):
    case = make_case(date_of_birth=date(2025, 6, 1))  # encountered on 2026-01-10
    with pytest.raises(ValidationError) as error:
        services.record_decision(
            actor=caseworker,
            case=case,
            decision=organisation_decision(decided_on=date(2025, 5, 31)),
        )
    assert error.value.message_dict["decided_on"] == [
        "The date cannot be before the child's date of birth."
    ]
    assert not Decision.objects.filter(case=case).exists()
