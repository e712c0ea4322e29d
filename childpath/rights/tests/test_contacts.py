"""The child's page and handout show how to reach the lead professional (work phone and work
e-mail) and the appointed guardian, in the child's language. All data are fictional."""

import pytest

from childpath.accounts.models import Organisation, Role, Sector, User
from childpath.cases import services as case_services
from childpath.cases.models import Access
from childpath.rights.models import Guardian


@pytest.fixture
def lead(presumed_case, caseworker, coordinator):
    coordinator.work_phone = "+46 8 555 010 20"
    coordinator.work_email = "carol.work@example.invalid"
    coordinator.email = "carol.private@example.invalid"
    coordinator.save()
    case_services.set_coordinator(actor=caseworker, case=presumed_case, coordinator=coordinator)
    presumed_case.refresh_from_db()
    return coordinator


def _main(client, case, page: str, lang: str = "") -> str:
    query = f"?lang={lang}" if lang else ""
    html = client.get(f"/cases/{case.reference}/rights/{page}{query}").content.decode()
    return html.split("<main", 1)[1]


@pytest.mark.parametrize("page", ["child/", "handout/"])
def test_it_shows_the_lead_professionals_work_phone_and_email(
    page, presumed_case, lead, caseworker, login
):
    main = _main(login(caseworker), presumed_case, page)
    assert 'href="tel:+46855501020"' in main
    assert "carol.work@example.invalid" in main
    assert "carol.private@example.invalid" not in main


def test_it_falls_back_to_the_sign_in_address_without_a_work_email(
    presumed_case, lead, caseworker, login
):
    lead.work_email = ""
    lead.save()
    assert "carol.private@example.invalid" in _main(login(caseworker), presumed_case, "child/")


def test_it_labels_the_contact_in_the_childs_language(presumed_case, lead, caseworker, login):
    main = _main(login(caseworker), presumed_case, "child/", lang="uk")
    assert "+46 8 555 010 20" in main
    assert "Телефон" in main


def test_it_reaches_the_guardian_through_the_guardian_service_on_the_team(
    unaccompanied_case, caseworker, login
):
    service = Organisation.objects.create(
        name="Test Guardian Service", sector=Sector.GUARDIAN, country="SE"
    )
    person = User.objects.create_user(
        username="gita",
        organisation=service,
        role=Role.CASEWORKER,
        work_phone="+46 8 555 030 40",
        work_email="gita.work@example.invalid",
    )
    case_services.add_team_member(
        actor=caseworker,
        case=unaccompanied_case,
        organisation=service,
        user=person,
        access=Access.VIEW,
    )
    # An appointment recorded without the service's contact (older records have none).
    Guardian.objects.create(
        case=unaccompanied_case,
        appointed_at="2026-01-13T09:00:00+01:00",
        guardian_name="Greta Exempel",
        guardian_organisation="Test Guardian Service",
    )
    main = _main(login(caseworker), unaccompanied_case, "handout/")
    assert "Greta Exempel" in main
    assert "+46 8 555 030 40" in main
    assert "gita.work@example.invalid" in main


def test_it_prefers_the_contact_recorded_with_the_appointment(
    unaccompanied_case, caseworker, login
):
    Guardian.objects.create(
        case=unaccompanied_case,
        appointed_at="2026-01-13T09:00:00+01:00",
        guardian_name="Greta Exempel",
        contact_phone="+46 8 000 000",
    )
    assert "+46 8 000 000" in _main(login(caseworker), unaccompanied_case, "child/")
