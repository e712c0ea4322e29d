"""Catalogue versions: every published version through the API, the case page of a child
screened with an older version, and the re-screening that carries the answers over.
Fictional data only."""

import pytest
from rest_framework.test import APIClient

from childpath.accounts.models import User
from childpath.audit.models import AuditEvent
from childpath.cases.models import Case
from childpath.screening import services
from childpath.screening.models import Screening
from childpath.screening.tests.helpers import PRESUMED, screen

CATALOGUE = "/api/v1/indicators/catalogue"
VERSIONS = "/api/v1/indicators/versions"
EVERYONE = ["frontline", "caseworker", "coordinator", "outsider", "provider", "panel", "analyst"]


def _api(user: User) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.fixture
def old_screening(case: Case, caseworker: User) -> Screening:
    """Completed as it was with catalogue 2026.1 (the stored version is what counts)."""
    screening = screen(caseworker, case, {**PRESUMED, "risk_running_away": "observed"})
    Screening.objects.filter(pk=screening.pk).update(catalogue_version="2026.1")
    screening.refresh_from_db()
    return screening


@pytest.mark.parametrize("persona", EVERYONE)
def test_it_lists_the_published_versions_to_every_professional(request, persona):
    data = _api(request.getfixturevalue(persona)).get(VERSIONS).json()
    assert data["current"] == "2026.2"
    assert [v["version"] for v in data["versions"]] == ["2026.2", "2026.1"]


def test_it_refuses_the_versions_without_sign_in(db):
    assert APIClient().get(VERSIONS).status_code in (401, 403)


def test_it_gives_the_change_log_in_the_language_asked_for(caseworker):
    data = _api(caseworker).get(VERSIONS, {"lang": "sv"}).json()
    assert data["versions"][0]["summary"].startswith("Nya former av exploatering")


def test_it_serves_an_earlier_published_version(caseworker):
    data = _api(caseworker).get(CATALOGUE, {"version": "2026.1"}).json()
    assert data["version"] == "2026.1"
    assert "mas_married_by_others" not in {i["id"] for i in data["indicators"]}


def test_it_serves_the_current_version_by_default_with_forms(caseworker):
    data = _api(caseworker).get(CATALOGUE).json()
    indicators = {i["id"]: i for i in data["indicators"]}
    assert data["version"] == "2026.2"
    assert indicators["mas_married_by_others"]["form"] == "forced_marriage"
    assert indicators["onl_coerced_self_generated_images"]["child_sufficient"] is True


def test_it_answers_404_for_an_unpublished_version(caseworker):
    assert _api(caseworker).get(CATALOGUE, {"version": "1999.9"}).status_code == 404


def test_it_says_on_the_case_page_that_a_newer_version_exists(login, old_screening, caseworker):
    text = login(caseworker).get(f"/cases/{old_screening.case.reference}/").text
    assert "A newer indicator catalogue exists" in text
    assert "catalogue version 2026.1" in text


def test_it_says_nothing_on_the_case_page_when_the_latest_is_current(login, case, caseworker):
    screen(caseworker, case, PRESUMED)
    text = login(caseworker).get(f"/cases/{case.reference}/").text
    assert "A newer indicator catalogue exists" not in text


def test_it_looks_at_the_latest_completed_screening_only(login, old_screening, caseworker):
    screen(caseworker, old_screening.case, PRESUMED)  # a newer one, with 2026.2
    text = login(caseworker).get(f"/cases/{old_screening.case.reference}/").text
    assert "A newer indicator catalogue exists" not in text


def test_it_carries_the_answers_over(login, old_screening, caseworker):
    url = f"/cases/{old_screening.case.reference}/screenings/{old_screening.pk}/rescreen/"
    response = login(caseworker).post(url)
    new = Screening.objects.exclude(pk=old_screening.pk).get()
    assert response.status_code == 302
    assert new.observations == old_screening.observations
    assert (new.age_at_exploitation, new.age_uncertain, new.carried_from_id) == (
        old_screening.age_at_exploitation,
        old_screening.age_uncertain,
        old_screening.pk,
    )
    assert not new.is_complete


def test_it_leaves_the_old_result_as_it_was(old_screening, caseworker):
    before = (old_screening.result, old_screening.catalogue_version, old_screening.evaluation)
    services.rescreen(actor=caseworker, previous=old_screening)
    old_screening.refresh_from_db()
    assert (old_screening.result, old_screening.catalogue_version) == before[:2]
    assert old_screening.evaluation == before[2]


def test_the_re_screening_completes_with_the_current_version(old_screening, caseworker):
    new = services.rescreen(actor=caseworker, previous=old_screening)
    done = services.complete_screening(actor=caseworker, screening=new)
    assert (done.catalogue_version, done.result) == ("2026.2", "presumed_victim")


def test_it_audits_the_re_screening(old_screening, caseworker):
    services.rescreen(actor=caseworker, previous=old_screening)
    event = AuditEvent.objects.filter(action="screening.create").latest("id")
    assert event.case_reference == old_screening.case.reference
    assert "observations" in event.fields


def test_it_refuses_a_re_screening_to_someone_off_the_team(login, old_screening, outsider):
    url = f"/cases/{old_screening.case.reference}/screenings/{old_screening.pk}/rescreen/"
    assert login(outsider).post(url).status_code == 404
    assert Screening.objects.count() == 1


def test_it_refuses_a_re_screening_by_get(login, old_screening, caseworker):
    url = f"/cases/{old_screening.case.reference}/screenings/{old_screening.pk}/rescreen/"
    assert login(caseworker).get(url).status_code == 405


def test_it_shows_the_change_log_on_the_rules_page(login, caseworker):
    text = login(caseworker).get("/jurisdiction/").text
    assert "Indicator catalogue: versions and changes" in text
    assert "Version 2026.1" in text and "Version 2026.2" in text


def test_it_shows_the_change_log_in_the_users_language(login, caseworker):
    client = login(caseworker)
    client.cookies["django_language"] = "es"
    text = client.get("/jurisdiction/", HTTP_ACCEPT_LANGUAGE="es").text
    assert "Nuevas formas de explotación" in text
