"""The age part of the fictional demo: a settled disputed age, and a young person turning 18
soon without a plan; loading again adds nothing."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client

from childpath.accounts.models import User
from childpath.age_assessment.models import AgeAssessment
from childpath.cases.models import Case
from childpath.cases.search import token
from conftest import verified_client


def _case(name: str) -> Case:
    return Case.objects.get(search_tokens__token=token(name, None))


@pytest.fixture
def demo(db) -> None:
    call_command("load_demo", stdout=StringIO())


def test_it_settles_oleksandrs_disputed_age_at_the_lower_bound(demo):
    case = _case("Oleksandr Приклад")
    assessment = AgeAssessment.objects.get(case=case)
    assert (assessment.method, assessment.minimum_age, assessment.maximum_age) == (
        "multidisciplinary",
        15,
        17,
    )
    assert case.age_now().years == 15


def test_it_shows_leyla_turning_18_soon_without_a_plan(demo):
    client = Client()
    verified_client(User.objects.get(username="coordinator.lena"), client)
    body = client.get("/").content.decode()
    assert _case("Leyla Örnek").reference in body
    assert "Turns 18 in 100 days" in body


def test_it_adds_nothing_the_second_time(demo):
    before = (AgeAssessment.objects.count(), Case.objects.count())
    call_command("load_demo", stdout=StringIO())
    assert (AgeAssessment.objects.count(), Case.objects.count()) == before
