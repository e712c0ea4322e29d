"""A person assessed as an adult keeps the child rule for exploitation before 18 (DESIGN.md
rule 4; Palermo Protocol art. 3(c)): through the pages, from the case to the result."""

import re

import pytest

from childpath.screening.catalogue import current_catalogue
from childpath.screening.models import Screening
from childpath.screening.tests.helpers import PRESUMED


def _themes() -> list[str]:
    catalogue = current_catalogue()
    return [t.id for t in catalogue.themes if catalogue.in_theme(t.id)]


def _theme_data(theme: str) -> dict[str, str]:
    data = {}
    for indicator in current_catalogue().in_theme(theme):
        data[f"status__{indicator.id}"] = PRESUMED.get(indicator.id, "not_observed")
        data[f"note__{indicator.id}"] = ""
    return data


@pytest.fixture
def assessed_adult(disputed_case, assess):
    """Said 16; a concluded assessment found 19 to 22: an adult today."""
    assess(disputed_case, minimum_age=19, maximum_age=22, outcome="adult")
    return disputed_case


def _screen(client, case, age_at_exploitation: str) -> Screening:
    """Start a screening from the case page, give the age at the time, answer every theme."""
    case_page = client.get(f"/cases/{case.reference}/").content.decode()
    assert "still assessed under the child rule" in case_page
    started = client.post(f"/cases/{case.reference}/screenings/new/")
    screening = Screening.objects.get(case=case)
    base = f"/cases/{case.reference}/screenings/{screening.pk}/"
    # The flow leads to the age at the time of the exploitation first.
    assert started.url == f"{base}age/"
    assert client.get(started.url).status_code == 200
    answered = client.post(started.url, {"age_at_exploitation": age_at_exploitation})
    assert answered.status_code == 302
    for theme in _themes():
        assert client.post(f"{base}theme/{theme}/", _theme_data(theme)).status_code == 302
    client.post(f"{base}complete/")
    screening.refresh_from_db()
    return screening


def test_it_is_an_adult_today(assessed_adult):
    age = assessed_adult.age_now()
    assert (age.years, age.treated_as_child) == (19, False)


def test_it_applies_the_child_rule_to_exploitation_at_16(assessed_adult, caseworker, login):
    client = login(caseworker)
    screening = _screen(client, assessed_adult, "16")
    assert (screening.age_at_exploitation, screening.age_uncertain) == (16, False)
    assert (screening.rule, screening.result) == ("child", "presumed_victim")
    result = client.get(f"/cases/{assessed_adult.reference}/screenings/{screening.pk}/")
    assert re.search(r"under 18|child rule", result.content.decode(), re.IGNORECASE)


def test_it_applies_the_adult_rule_to_exploitation_at_19(assessed_adult, caseworker, login):
    screening = _screen(login(caseworker), assessed_adult, "19")
    assert screening.rule == "adult"
