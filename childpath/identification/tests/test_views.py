"""The identification section of the case page and the decision pages, persona by persona."""

from datetime import timedelta

import pytest
from django.test import override_settings
from django.utils import timezone

from childpath.cases.models import Access
from childpath.identification import services
from childpath.identification.models import Basis, Decision
from childpath.identification.selectors import protection_status
from childpath.identification.tests.conftest import organisation_decision, panel_decision
from childpath.screening.tests.helpers import PRESUMED, screen

NEW = "/cases/{}/identification/new/"
REVIEW = "/cases/{}/identification/review/"


def page(client, case) -> str:
    response = client.get(f"/cases/{case.reference}/")
    assert response.status_code == 200
    return response.content.decode()


def form(**overrides) -> dict[str, str]:
    data = {
        "decided_by": "organisation",
        "status": "identified",
        "path": "social",
        "decided_on": timezone.localdate().isoformat(),
        "reasons": "Fictional reasons for the decision.",
        "members-TOTAL_FORMS": "6",
        "members-INITIAL_FORMS": "0",
        "members-MIN_NUM_FORMS": "0",
        "members-MAX_NUM_FORMS": "6",
    }
    data.update(overrides)
    return data


def members(*rows) -> dict[str, str]:
    data = {}
    for number, (organisation, name) in enumerate(rows):
        data[f"members-{number}-organisation"] = str(organisation.pk)
        data[f"members-{number}-name"] = name
    return data


# --------------------------------------------------------------------------- case page


def test_the_case_page_shows_the_presumption_with_date_and_basis(case, frontline, login):
    screening = screen(frontline, case, PRESUMED)
    html = page(login(frontline), case)
    assert "Presumed victim" in html
    assert "presumed victim since" in html
    assert f"/screenings/{screening.pk}/" in html
    assert "The child's rights apply now" in html


def test_the_case_page_says_when_there_is_no_status(case, frontline, login):
    assert "No identification status yet" in page(login(frontline), case)


def test_the_case_page_offers_an_accredited_caseworker_to_identify(
    presumed_case, caseworker, login
):
    html = page(login(caseworker), presumed_case)
    assert NEW.format(presumed_case.reference) in html


def test_the_case_page_tells_a_teacher_why_she_cannot_identify(presumed_case, frontline, login):
    html = page(login(frontline), presumed_case)
    assert NEW.format(presumed_case.reference) not in html
    assert "do not make formal identifications" in html


def test_the_case_page_tells_a_read_only_member_why_not(presumed_case, provider, join, login):
    join(presumed_case, provider, access=Access.VIEW)
    html = page(login(provider), presumed_case)
    assert NEW.format(presumed_case.reference) not in html
    assert "cannot record a decision" in html


def test_the_case_page_offers_a_review_once_formally_decided(presumed_case, caseworker, login):
    services.record_decision(actor=caseworker, case=presumed_case, decision=organisation_decision())
    html = page(login(caseworker), presumed_case)
    assert REVIEW.format(presumed_case.reference) in html
    assert NEW.format(presumed_case.reference) not in html
    assert "formally identified on" in html
    assert "Formal decision of Test Social Services" in html


def test_the_case_page_shows_the_panel_and_the_history(
    presumed_case, caseworker, full_panel, login
):
    services.record_decision(
        actor=caseworker, case=presumed_case, decision=panel_decision(full_panel)
    )
    html = page(login(caseworker), presumed_case)
    assert "Multi-agency panel" in html
    assert "Fictional Police Officer (Test Police, Police)" in html
    assert "History of decisions" in html
    assert "A multi-agency panel decided: Identified victim (Social path)." in html


def test_the_case_page_costs_the_same_with_a_long_history(
    presumed_case, caseworker, full_panel, login, django_assert_max_num_queries
):
    client = login(caseworker)
    url = f"/cases/{presumed_case.reference}/"
    first = services.record_decision(
        actor=caseworker, case=presumed_case, decision=panel_decision(full_panel)
    )
    client.get(url)
    with django_assert_max_num_queries(40) as few:
        client.get(url)
    previous = first
    for n in range(5):
        previous = services.record_decision(
            actor=caseworker,
            case=presumed_case,
            decision=panel_decision(
                full_panel,
                status=["not_victim", "identified"][n % 2],
                reviews=previous.pk,
                review_reason="Fictional.",
            ),
        )
    with django_assert_max_num_queries(len(few)) as many:
        client.get(url)
    assert len(many) == len(few)


# --------------------------------------------------------------------------- form pages


def test_an_accredited_caseworker_records_an_identification(presumed_case, caseworker, login):
    response = login(caseworker).post(NEW.format(presumed_case.reference), form())
    assert response.status_code == 302
    assert protection_status(presumed_case).status == "identified"


def test_a_panel_decision_is_recorded_from_the_form(presumed_case, caseworker, full_panel, login):
    data = form(decided_by="panel", **members(*full_panel))
    response = login(caseworker).post(NEW.format(presumed_case.reference), data)
    assert response.status_code == 302
    decision = Decision.objects.filter(case=presumed_case).latest("id")
    assert decision.basis == Basis.PANEL
    assert decision.panel_members.count() == 3


def test_a_panel_without_members_is_refused_on_the_form(presumed_case, caseworker, login):
    response = login(caseworker).post(NEW.format(presumed_case.reference), form(decided_by="panel"))
    assert response.status_code == 400
    assert "A panel decision needs its members." in response.content.decode()
    assert Decision.objects.filter(case=presumed_case).count() == 1


def test_a_half_filled_member_row_is_refused(presumed_case, caseworker, full_panel, orgs, login):
    data = form(decided_by="panel", **members(*full_panel))
    data["members-3-organisation"] = str(orgs["other_social"].pk)
    response = login(caseworker).post(NEW.format(presumed_case.reference), data)
    assert response.status_code == 400
    assert "Give the person&#x27;s name." in response.content.decode()


def test_a_future_date_is_refused_on_the_form(presumed_case, caseworker, login):
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = login(caseworker).post(
        NEW.format(presumed_case.reference), form(decided_on=tomorrow)
    )
    assert response.status_code == 400
    assert "The date cannot be in the future." in response.content.decode()


def test_the_form_asks_nothing_about_cooperation(presumed_case, caseworker, login):
    html = login(caseworker).get(NEW.format(presumed_case.reference)).content.decode()
    assert "does not depend on the child cooperating" in html
    assert 'name="cooperat' not in html


def test_the_form_refuses_an_unaccredited_organisation_with_the_reason(
    presumed_case, outsider, join, login
):
    join(presumed_case, outsider)
    client = login(outsider)
    # The organisation choice is not offered; the panel is.
    html = client.get(NEW.format(presumed_case.reference)).content.decode()
    assert 'value="organisation"' not in html
    assert 'value="panel"' in html
    response = client.post(NEW.format(presumed_case.reference), form())
    assert response.status_code == 400
    assert Decision.objects.filter(case=presumed_case).count() == 1


def test_the_form_refuses_a_teacher_with_403_and_why(presumed_case, frontline, login):
    response = login(frontline).get(NEW.format(presumed_case.reference))
    assert response.status_code == 403
    assert "do not make formal identifications" in response.content.decode()


@override_settings(CHILDPATH_PROFILE="ES")
def test_a_police_only_profile_refuses_social_services_on_the_form(
    presumed_case, caseworker, login
):
    response = login(caseworker).get(NEW.format(presumed_case.reference))
    assert response.status_code == 403
    assert "Spain (illustrative)" in response.content.decode()


def test_the_form_is_404_without_access(presumed_case, outsider, login):
    assert login(outsider).get(NEW.format(presumed_case.reference)).status_code == 404


@pytest.mark.parametrize("persona", ["analyst", "administrator"])
def test_the_form_is_403_for_roles_without_cases(presumed_case, request, persona, login):
    user = request.getfixturevalue(persona)
    assert login(user).get(NEW.format(presumed_case.reference)).status_code == 403


def test_the_form_is_403_for_read_only_access(presumed_case, panel, join, login):
    join(presumed_case, panel, access=Access.VIEW)
    assert login(panel).get(NEW.format(presumed_case.reference)).status_code == 403


def test_the_new_form_sends_to_the_review_once_decided(presumed_case, caseworker, login):
    services.record_decision(actor=caseworker, case=presumed_case, decision=organisation_decision())
    response = login(caseworker).get(NEW.format(presumed_case.reference))
    assert response.status_code == 302
    assert response["Location"] == REVIEW.format(presumed_case.reference)


def test_the_review_form_sends_to_the_new_form_without_a_decision(presumed_case, caseworker, login):
    response = login(caseworker).get(REVIEW.format(presumed_case.reference))
    assert response["Location"] == NEW.format(presumed_case.reference)


def test_a_review_is_recorded_with_its_reason(presumed_case, caseworker, coordinator, login):
    first = services.record_decision(
        actor=caseworker, case=presumed_case, decision=organisation_decision()
    )
    client = login(coordinator)
    assert (
        "The decision in force"
        in client.get(REVIEW.format(presumed_case.reference)).content.decode()
    )
    data = form(status="not_victim", review_reason="Fictional new facts.")
    response = client.post(REVIEW.format(presumed_case.reference), data)
    assert response.status_code == 302
    review = Decision.objects.filter(case=presumed_case).latest("id")
    assert review.reviews == first
    assert review.review_reason == "Fictional new facts."
    html = page(client, presumed_case)
    assert "review of an earlier decision" in html
    assert "Decision reviewed by Test Social Services: Not a victim of trafficking" in html


def test_a_review_without_its_reason_is_refused(presumed_case, caseworker, login):
    services.record_decision(actor=caseworker, case=presumed_case, decision=organisation_decision())
    response = login(caseworker).post(REVIEW.format(presumed_case.reference), form())
    assert response.status_code == 400
    assert Decision.objects.filter(case=presumed_case).count() == 2


def test_the_section_is_translated(presumed_case, caseworker, login):
    client = login(caseworker)
    client.cookies["django_language"] = "sv"
    html = page(client, presumed_case)
    assert "Presumtivt offer" in html
    assert "Registrera en formell identifiering" in html
