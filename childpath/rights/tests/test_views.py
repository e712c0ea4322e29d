"""The rights pages, persona by persona (STYLE.md practice 5). All data are fictional."""

import re
from typing import Any

import pytest

from childpath.audit.models import AuditEvent
from childpath.cases.models import CaseEvent
from childpath.rights.models import Guardian, InformationDelivery

SEE = ["frontline", "caseworker", "coordinator", "viewer"]
NOT_ON_TEAM = ["outsider", "panel"]
NO_CASES = ["analyst", "administrator"]
PAGES = ["", "child/", "handout/"]


def _url(case, page: str = "") -> str:
    return f"/cases/{case.reference}/rights/{page}"


def _delivery(**overrides) -> dict[str, Any]:
    data = {
        "all_in_force": "on",
        "language": "sv",
        "formats": ["oral", "written"],
        "delivered_at": "2026-01-12T10:00",
        "understood": "partly",
        "child_views": "Fictional: asked whether her mother will be told.",
    }
    data.update(overrides)
    return data


def _appointment(**overrides) -> dict[str, Any]:
    data = {
        "guardian_name": "Greta Exempel",
        "guardian_organisation": "Test Guardian Service",
        "contact_phone": "+46 8 000 000",
        "contact_email": "guardians@example.org",
        "appointed_at": "2026-01-13T09:00",
    }
    data.update(overrides)
    return data


# --------------------------------------------------------------------------- who may see


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("persona", SEE)
def test_it_shows_the_rights_pages_to_whoever_may_see_the_case(
    request, presumed_case, login, persona, page
):
    user = request.getfixturevalue(persona)
    assert login(user).get(_url(presumed_case, page)).status_code == 200


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("persona", NOT_ON_TEAM)
def test_it_answers_404_to_professionals_off_the_team(request, presumed_case, login, persona, page):
    user = request.getfixturevalue(persona)
    assert login(user).get(_url(presumed_case, page)).status_code == 404


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("persona", NO_CASES)
def test_it_answers_403_to_roles_that_never_see_a_case(
    request, presumed_case, login, persona, page
):
    user = request.getfixturevalue(persona)
    assert login(user).get(_url(presumed_case, page)).status_code == 403


@pytest.mark.parametrize("page", PAGES)
def test_it_sends_anonymous_visitors_to_sign_in(client, presumed_case, page):
    response = client.get(_url(presumed_case, page))
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")


def test_it_answers_404_for_an_unknown_case(caseworker, login):
    assert login(caseworker).get("/cases/CP-0000-0000/rights/").status_code == 404


# --------------------------------------------------------------------------- the page


def test_it_shows_the_rights_in_force_with_why_deadline_and_who_is_responsible(
    presumed_case, caseworker, login
):
    html = login(caseworker).get(_url(presumed_case)).content.decode()
    assert "A safe place to stay" in html
    assert "a presumed victim" in html
    assert "Municipal social services" in html
    assert "Directive 2011/36/EU art. 11(5)" in html
    assert 'id="right-safe_accommodation"' in html


def test_it_shows_the_rights_that_wait_for_formal_identification(presumed_case, caseworker, login):
    html = login(caseworker).get(_url(presumed_case)).content.decode()
    pending = html.split('id="pending-h"')[1]
    assert "A residence permit" in pending
    assert "formal identification" in pending


def test_it_says_no_right_is_in_force_before_a_presumption(case, caseworker, login):
    html = login(caseworker).get(_url(case)).content.decode()
    assert "No right is in force yet" in html


def test_reading_the_rights_page_is_audited(presumed_case, caseworker, login):
    login(caseworker).get(_url(presumed_case))
    event = AuditEvent.objects.filter(action="case.read").latest("id")
    assert event.case_reference == presumed_case.reference
    assert "information_deliveries" in event.fields


def test_it_offers_the_guardian_forms_only_to_editors(
    unaccompanied_case, caseworker, login, viewer
):
    assert (
        "Record a guardian request"
        in login(caseworker).get(_url(unaccompanied_case)).content.decode()
    )


def test_it_hides_the_guardian_forms_from_view_only_members(presumed_case, viewer, login):
    html = login(viewer).get(_url(presumed_case)).content.decode()
    assert "Record the appointment" not in html
    assert "Record that the child was informed" in html


# --------------------------------------------------------------------------- deliveries


@pytest.mark.parametrize("persona", SEE)
def test_it_lets_anyone_who_may_see_the_case_record_a_delivery(
    request, presumed_case, login, persona
):
    user = request.getfixturevalue(persona)
    response = login(user).post(_url(presumed_case, "deliveries/"), _delivery())
    assert response.status_code == 302
    delivery = InformationDelivery.objects.get(case=presumed_case)
    assert delivery.delivered_by == user
    assert delivery.all_in_force
    assert "safe_accommodation" in delivery.rights


@pytest.mark.parametrize("persona", NOT_ON_TEAM)
def test_it_refuses_a_delivery_from_off_the_team(request, presumed_case, login, persona):
    user = request.getfixturevalue(persona)
    response = login(user).post(_url(presumed_case, "deliveries/"), _delivery())
    assert response.status_code == 404
    assert not InformationDelivery.objects.exists()


def test_it_shows_a_recorded_delivery_as_informed(presumed_case, caseworker, login):
    client = login(caseworker)
    client.post(
        _url(presumed_case, "deliveries/"), _delivery(all_in_force="", rights=["interpreter"])
    )
    html = client.get(_url(presumed_case)).content.decode()
    row = html.split('id="right-interpreter"')[1].split("</tr>")[0]
    assert "in Swedish" in row
    other = html.split('id="right-safe_accommodation"')[1].split("</tr>")[0]
    assert "Not yet" in other
    assert "asked whether her mother will be told" in html


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"all_in_force": "", "rights": []}, "rights", "Choose at least one right"),
        ({"language": "zz-nonsense"}, "language", "Select a valid choice"),
        ({"formats": []}, "formats", "This field is required"),
        ({"delivered_at": "2999-01-01T10:00"}, "delivered_at", "cannot be in the future"),
        ({"understood": "maybe"}, "understood", "Select a valid choice"),
    ],
)
def test_it_explains_bad_input_next_to_the_field_and_saves_nothing(
    presumed_case, caseworker, login, change, field, message
):
    response = login(caseworker).post(_url(presumed_case, "deliveries/"), _delivery(**change))
    assert response.status_code == 400
    html = response.content.decode()
    assert f'id="id_{field}_error"' in html
    assert message in html
    assert not InformationDelivery.objects.exists()
    assert not CaseEvent.objects.filter(kind="rights.informed").exists()


def test_it_refuses_every_right_in_force_when_none_is(case, caseworker, login):
    response = login(caseworker).post(_url(case, "deliveries/"), _delivery())
    assert response.status_code == 400
    assert "No right is in force yet" in response.content.decode()


# --------------------------------------------------------------------------- guardian


def test_an_editor_records_a_guardian_request_and_appointment(
    unaccompanied_case, caseworker, login
):
    client = login(caseworker)
    response = client.post(
        _url(unaccompanied_case, "guardian/request/"), {"requested_at": "2026-01-12T09:00"}
    )
    assert response.status_code == 302
    response = client.post(_url(unaccompanied_case, "guardian/appoint/"), _appointment())
    assert response.status_code == 302
    guardian = Guardian.objects.get(case=unaccompanied_case)
    assert guardian.requested_by == caseworker
    assert guardian.guardian_name == "Greta Exempel"
    html = client.get(_url(unaccompanied_case)).content.decode()
    assert "Greta Exempel" in html


@pytest.mark.parametrize("step", ["guardian/request/", "guardian/appoint/"])
def test_a_view_only_member_may_not_record_guardian_steps(presumed_case, viewer, login, step):
    data = {"requested_at": "2026-01-12T09:00", **_appointment()}
    assert login(viewer).post(_url(presumed_case, step), data).status_code == 403
    assert not Guardian.objects.exists()


@pytest.mark.parametrize("step", ["guardian/request/", "guardian/appoint/"])
def test_off_the_team_guardian_steps_answer_404(presumed_case, outsider, login, step):
    data = {"requested_at": "2026-01-12T09:00", **_appointment()}
    assert login(outsider).post(_url(presumed_case, step), data).status_code == 404


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"guardian_name": ""}, "guardian_name", "This field is required"),
        ({"contact_phone": "", "contact_email": ""}, "contact_phone", "phone number or an e-mail"),
        ({"contact_phone": "call me"}, "contact_phone", "Enter a phone number"),
        ({"contact_email": "not-an-address"}, "contact_email", "valid email"),
        ({"appointed_at": "2999-01-01T09:00"}, "appointed_at", "cannot be in the future"),
    ],
)
def test_a_bad_appointment_is_explained_and_nothing_saved(
    unaccompanied_case, caseworker, login, change, field, message
):
    response = login(caseworker).post(
        _url(unaccompanied_case, "guardian/appoint/"), _appointment(**change)
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert f'id="id_{field}_error"' in html
    assert message in html
    assert not Guardian.objects.filter(appointed_at__isnull=False).exists()


def test_an_appointment_cannot_come_before_the_request(unaccompanied_case, caseworker, login):
    client = login(caseworker)
    client.post(_url(unaccompanied_case, "guardian/request/"), {"requested_at": "2026-01-12T09:00"})
    response = client.post(
        _url(unaccompanied_case, "guardian/appoint/"), _appointment(appointed_at="2026-01-11T09:00")
    )
    assert response.status_code == 400
    assert "cannot come before the request" in response.content.decode()


def test_a_future_request_is_refused(unaccompanied_case, caseworker, login):
    response = login(caseworker).post(
        _url(unaccompanied_case, "guardian/request/"), {"requested_at": "2999-01-12T09:00"}
    )
    assert response.status_code == 400
    assert not Guardian.objects.filter(requested_at__isnull=False).exists()


# --------------------------------------------------------------------------- child's page


def test_the_child_page_is_in_the_childs_first_language_with_texts(
    unaccompanied_case, caseworker, login
):
    html = login(caseworker).get(_url(unaccompanied_case, "child/")).content.decode()
    assert '<main class="handout childinfo" lang="uk">' in html
    assert "Твої права" in html


def test_the_child_page_follows_the_language_chosen(presumed_case, caseworker, login):
    html = login(caseworker).get(_url(presumed_case, "child/") + "?lang=es").content.decode()
    assert 'lang="es"' in html
    assert "Tus derechos" in html


def test_an_unknown_language_falls_back_to_the_childs(presumed_case, caseworker, login):
    html = login(caseworker).get(_url(presumed_case, "child/") + "?lang=xx").content.decode()
    assert '<main class="handout childinfo" lang="sv">' in html


def test_a_child_without_a_language_with_texts_gets_the_professionals(
    make_case, presume, caseworker, login
):
    case = presume(make_case(languages=["ar"]))
    html = login(caseworker).get(_url(case, "child/")).content.decode()
    assert '<main class="handout childinfo" lang="en">' in html


@pytest.mark.parametrize("language", ["sv", "uk", "sr-latn"])
def test_the_handout_is_in_the_childs_language(presumed_case, caseworker, login, language):
    html = (
        login(caseworker)
        .get(_url(presumed_case, "handout/") + f"?lang={language}")
        .content.decode()
    )
    assert re.search(rf'<html lang="{language}">', html)


def test_the_handout_carries_no_sensitive_detail(presumed_case, caseworker, coordinator, login):
    from childpath.cases import services

    services.set_coordinator(actor=caseworker, case=presumed_case, coordinator=coordinator)
    html = login(caseworker).get(_url(presumed_case, "handout/")).content.decode()
    main = html.split("<main")[1]
    assert "Testa" not in html and "Exempel" not in html  # the child's names
    assert presumed_case.reference not in main
    assert "Fictional observation" not in html
    assert "Carol" in main  # the lead professional
    assert "116 111" in main  # the helpline (SE: BRIS)


def test_the_handout_shows_the_appointed_guardian(unaccompanied_case, caseworker, login):
    client = login(caseworker)
    client.post(_url(unaccompanied_case, "guardian/appoint/"), _appointment())
    main = client.get(_url(unaccompanied_case, "handout/")).content.decode().split("<main")[1]
    assert "Greta Exempel" in main
    assert "+46 8 000 000" in main
    assert "Твій опікун" in main


def test_the_handout_says_a_guardian_is_on_the_way(unaccompanied_case, caseworker, login):
    client = login(caseworker)
    client.post(_url(unaccompanied_case, "guardian/request/"), {"requested_at": "2026-01-12T09:00"})
    html = client.get(_url(unaccompanied_case, "handout/")).content.decode()
    assert "Ми попросили призначити тобі опікуна" in html


def test_viewing_the_handout_is_audited_like_a_read(presumed_case, caseworker, login):
    login(caseworker).get(_url(presumed_case, "handout/") + "?lang=uk")
    event = AuditEvent.objects.filter(action="case.read").latest("id")
    assert event.case_reference == presumed_case.reference
    assert event.fields == ["child_information"]
    assert "uk" in event.purpose


def test_the_handout_links_its_print_stylesheet(presumed_case, caseworker, login):
    html = login(caseworker).get(_url(presumed_case, "handout/")).content.decode()
    assert "rights/handout.css" in html
    assert "rights/handout.js" in html
    assert "onclick" not in html


# --------------------------------------------------------------------------- case page


def test_the_case_page_summarises_the_rights(presumed_case, caseworker, login):
    html = login(caseworker).get(f"/cases/{presumed_case.reference}/").content.decode()
    section = html.split('id="rights-h"')[1].split("</section>")[0]
    assert "rights in force" in section
    assert "has not been told about" in section
    assert _url(presumed_case) in section


def test_the_case_page_section_costs_four_queries(
    presumed_case, caseworker, django_assert_max_num_queries, rf
):
    from childpath.rights.views import case_section

    presumed_case.identity  # noqa: B018  (the case page has it already)
    # The protection status, the deliveries, the guardian, the provision records.
    with django_assert_max_num_queries(4):
        context = case_section(rf.get("/"), presumed_case, True)
    assert context["in_force"] > 0


def test_the_case_page_section_costs_three_once_the_status_is_known(
    presumed_case, caseworker, django_assert_max_num_queries, rf
):
    from childpath.identification.selectors import protection_status
    from childpath.rights.views import case_section

    presumed_case.identity  # noqa: B018
    protection_status(presumed_case)  # as another section of the same page may have done
    with django_assert_max_num_queries(3):
        case_section(rf.get("/"), presumed_case, True)


# ------------------------------------------------------- the child's page shows what applies


def _main(html: str) -> str:
    return html.split("<main", 1)[1]


def test_the_child_page_has_no_staff_menu_above_it(presumed_case, caseworker, login):
    html = login(caseworker).get(_url(presumed_case, "child/")).content.decode()
    assert "Sign out" not in html
    assert caseworker.first_name not in html.split("<main", 1)[0]
    assert "Back to the case" in html


def test_the_child_page_leads_with_what_matters_now(presumed_case, caseworker, login):
    main = _main(login(caseworker).get(_url(presumed_case, "child/") + "?lang=en").content.decode())
    safe = main.index("You are safe here")
    assert safe < main.index("is not your fault") < main.index("Who can help you")
    assert main.index("Who can help you") < main.index("What happens next")
    # The rights and every step open on request.
    assert main.index("What happens next") < main.index("<details")


def test_a_national_child_at_risk_is_not_told_about_permission_to_stay(case, caseworker, login):
    """Found in review: a Swedish child at risk read "you cannot be sent out of the country"."""
    main = _main(login(caseworker).get(_url(case, "child/") + "?lang=en").content.decode())
    assert "Permission to stay" not in main
    assert "cannot be sent out of the country" not in main
    assert "Rights you may get later" not in main
    # What a presumption would open is there, on request, under its own heading.
    assert "More help if the adults find that you were harmed" in main


def test_a_foreign_presumed_child_reads_about_permission_to_stay(
    unaccompanied_case, caseworker, login
):
    page = login(caseworker).get(_url(unaccompanied_case, "child/") + "?lang=en")
    main = _main(page.content.decode())
    assert "Rights you may get later" in main
    assert "Permission to stay" in main
    assert "More help if the adults find" not in main


def test_a_child_at_risk_is_not_told_about_a_formal_identification(case, caseworker, login):
    main = _main(login(caseworker).get(_url(case, "child/") + "?lang=en").content.decode())
    assert "A decision about your situation" not in main


def test_the_handout_gives_each_right_by_its_first_sentence(presumed_case, caseworker, login):
    main = _main(
        login(caseworker).get(_url(presumed_case, "handout/") + "?lang=en").content.decode()
    )
    assert "You have the right to know your rights and what will happen next." in main
    assert "You can ask as many questions as you like." not in main
    assert "<details" not in main
