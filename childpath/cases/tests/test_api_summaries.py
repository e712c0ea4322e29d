"""The API's list writes each case as CaseSummarySerializer does (``summaries``)."""

from typing import Any

import pytest
from django.utils import timezone

from childpath.cases import services
from childpath.cases.models import Case
from childpath.cases.serializers import SUMMARY_COLUMNS, CaseSummarySerializer, summaries


@pytest.fixture
def cases(make_case, caseworker, coordinator) -> list[Case]:
    coordinated = make_case(languages=["sv", "uk"], citizenship="UA")
    services.set_coordinator(actor=caseworker, case=coordinated, coordinator=coordinator)
    make_case(date_of_birth=None, claimed_age=16, age_disputed=True, languages=[], sex="male")
    make_case(citizenship="", migration_status="unknown", unaccompanied="yes")
    return list(Case.objects.select_related("coordinator").only(*SUMMARY_COLUMNS))


@pytest.mark.parametrize("zone", ["UTC", "Europe/Stockholm", "America/Sao_Paulo"])
def test_it_writes_what_the_serializer_writes(cases, zone) -> None:
    with timezone.override(zone):
        expected: Any = CaseSummarySerializer(cases, many=True).data
        assert summaries(cases) == expected
    assert any(case.coordinator for case in cases) and any(not c.coordinator for c in cases)


def test_it_writes_every_field_of_the_serializer(cases) -> None:
    assert list(summaries(cases)[0]) == CaseSummarySerializer.Meta.fields


def test_it_reads_no_column_it_left_out(cases, django_assert_num_queries) -> None:
    with django_assert_num_queries(0):
        summaries(cases)
