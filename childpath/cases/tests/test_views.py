"""Every case page, for who may and who may not (STYLE.md practice 5)."""

import re
from datetime import timedelta

import pytest
from django.core.validators import MaxLengthValidator
from django.forms import ChoiceField
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext, override

from childpath.audit.models import AuditEvent
from childpath.cases.models import Access, Case, CaseMember, Encounter, Identity

NEW = "/cases/new/"


def _child_post(**overrides: object) -> dict[str, object]:
    values: dict[str, object] = {
        "child-given_names": "Mirela",
        "child-family_name": "Exemplova",
        "child-aliases": "",
        "child-sex": "female",
        "child-date_of_birth": "2011-07-23",
        "child-claimed_age": "",
        "child-citizenship": "BG",
        "child-languages": ["bg"],
        "child-migration_status": "eu_citizen",
        "child-unaccompanied": "yes",
        "child-documents": "",
        "child-contacts": "",
        # The version the editor saw (every case starts at 1); the new-case form ignores it.
        "child-version": "1",
    }
    values.update({f"child-{name}": value for name, value in overrides.items()})
    return values


def _new_post(orgs, **child: object) -> dict[str, object]:
    return {
        "encounter-came_to_notice": "school",
        "encounter-occurred_on": "2026-01-10",
        "encounter-place": "Fictional school yard",
        "encounter-observations": "Fictional observation.",
        "lead-lead_organisation": str(orgs["social"].pk),
        **_child_post(**child),
    }


def _counts() -> tuple[int, int, int, int]:
    return (
        Case.objects.count(),
        Identity.objects.count(),
        Encounter.objects.count(),
        AuditEvent.objects.count(),
    )


def _field_error(response, name: str) -> str:
    html = response.content.decode()
    match = re.search(rf'<p class="error" id="id_child-{name}_error">(.*?)</p>', html)
    assert match, f"no error next to {name}"
    return match.group(1)


# The case list


def test_it_sends_an_anonymous_visitor_to_sign_in(client):
    response = client.get("/cases/")
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")


def test_it_lists_the_reporters_own_case(case, frontline, login):
    response = login(frontline).get("/cases/")
    assert response.status_code == 200
    assert case.reference.encode() in response.content


def test_it_lists_no_case_of_another_organisation(case, outsider, login):
    response = login(outsider).get("/cases/")
    assert response.status_code == 200
    assert case.reference.encode() not in response.content


def test_it_links_each_listed_case_to_its_page_not_the_api(case, frontline, login):
    # Regression: the API router's URL names once shadowed "case-detail" and "case-list".
    response = login(frontline).get("/cases/")
    assert f'href="/cases/{case.reference}/"'.encode() in response.content


def test_it_never_lists_identifying_data(case, frontline, login):
    response = login(frontline).get("/cases/")
    assert b"Testa" not in response.content


# Recording a concern


@pytest.mark.parametrize("persona", ["frontline", "caseworker", "coordinator"])
def test_it_opens_the_new_case_form_to_roles_that_register(request, login, persona):
    user = request.getfixturevalue(persona)
    assert login(user).get(NEW).status_code == 200


@pytest.mark.parametrize("persona", ["provider", "panel", "analyst", "administrator"])
def test_it_refuses_the_new_case_form_to_other_roles(request, login, persona):
    user = request.getfixturevalue(persona)
    assert login(user).get(NEW).status_code == 403


def test_it_refuses_a_new_case_post_from_a_provider(provider, login, orgs):
    response = login(provider).post(NEW, _new_post(orgs))
    assert response.status_code == 403
    assert not Case.objects.exists()


def test_it_records_a_concern_and_opens_the_case(frontline, login, orgs):
    response = login(frontline).post(NEW, _new_post(orgs))
    case = Case.objects.get()
    assert response.status_code == 302
    assert response.url == f"/cases/{case.reference}/"
    assert case.identity.full_name == "Mirela Exemplova"


def test_it_puts_the_reporter_and_the_lead_agency_on_the_team(frontline, login, orgs):
    login(frontline).post(NEW, _new_post(orgs))
    members = {(m.organisation.name, m.user_id, m.access) for m in CaseMember.objects.all()}
    assert members == {
        ("Test School", frontline.pk, Access.EDIT),
        ("Test Social Services", None, Access.EDIT),
    }


def test_it_treats_a_child_of_unknown_age_as_a_child(frontline, login, orgs):
    client = login(frontline)
    response = client.post(NEW, _new_post(orgs, date_of_birth=""), follow=True)
    assert response.status_code == 200
    assert b"Treated as a child" in response.content
    assert b"presumption of minority" in response.content


def test_it_shows_no_child_banner_for_a_known_adult(frontline, login, orgs):
    client = login(frontline)
    response = client.post(NEW, _new_post(orgs, date_of_birth="1990-01-01"), follow=True)
    assert b"Treated as a child" not in response.content


def test_it_rejects_a_date_of_birth_in_the_future(frontline, login, orgs):
    client = login(frontline)
    before = _counts()
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = client.post(NEW, _new_post(orgs, date_of_birth=tomorrow), HTTP_ACCEPT_LANGUAGE="sv")
    assert response.status_code == 400
    with override("sv"):
        expected = gettext("The date of birth cannot be in the future.")
    assert _field_error(response, "date_of_birth") == escape(expected)
    assert _counts() == before


def test_it_rejects_an_unknown_country_code(frontline, login, orgs):
    client = login(frontline)
    before = _counts()
    response = client.post(NEW, _new_post(orgs, citizenship="XX"), HTTP_ACCEPT_LANGUAGE="sv")
    assert response.status_code == 400
    with override("sv"):
        expected = ChoiceField.default_error_messages["invalid_choice"] % {"value": "XX"}
    assert _field_error(response, "citizenship") == escape(expected)
    assert "XX" in expected and expected != "Select a valid choice."
    assert _counts() == before


def test_it_rejects_an_over_long_name(frontline, login, orgs):
    client = login(frontline)
    before = _counts()
    response = client.post(NEW, _new_post(orgs, given_names="A" * 201), HTTP_ACCEPT_LANGUAGE="sv")
    assert response.status_code == 400
    with override("sv"):
        message = MaxLengthValidator(200).message
        expected = str(message % {"limit_value": 200, "show_value": 201})
    assert _field_error(response, "given_names") == escape(expected)
    assert _counts() == before


def test_it_translates_the_errors_into_the_users_language(frontline, login, orgs):
    # Django's own catalogue has Swedish, so this one proves the page follows the language.
    response = login(frontline).post(
        NEW, _new_post(orgs, given_names="A" * 201), HTTP_ACCEPT_LANGUAGE="sv"
    )
    assert "tecken" in _field_error(response, "given_names")


def test_it_keeps_what_was_typed_after_an_error(frontline, login, orgs):
    response = login(frontline).post(NEW, _new_post(orgs, citizenship="XX"))
    assert b'value="Mirela"' in response.content


# The case page


def test_it_shows_the_child_to_the_case_team(case, caseworker, login):
    response = login(caseworker).get(f"/cases/{case.reference}/")
    assert response.status_code == 200
    assert b"Testa Exempel" in response.content
    assert b"Fictional observation." in response.content


def test_it_shows_the_edit_links_to_an_editor(case, caseworker, login):
    response = login(caseworker).get(f"/cases/{case.reference}/")
    assert f"/cases/{case.reference}/edit/".encode() in response.content


def test_it_sends_an_anonymous_visitor_from_a_case_to_sign_in(case, client):
    response = client.get(f"/cases/{case.reference}/")
    assert response.status_code == 302


def test_it_shows_the_timeline(case, caseworker, login):
    response = login(caseworker).get(f"/cases/{case.reference}/")
    assert b"Concern recorded and case opened" in response.content


# Editing the child's details


def test_it_opens_the_edit_form_filled_in(case, caseworker, login):
    response = login(caseworker).get(f"/cases/{case.reference}/edit/")
    assert response.status_code == 200
    assert b'value="Testa"' in response.content


def test_it_saves_an_edit(case, caseworker, login):
    data = _child_post(given_names="Testina", date_of_birth="2010-04-01", citizenship="SE")
    response = login(caseworker).post(f"/cases/{case.reference}/edit/", data)
    assert response.status_code == 302
    assert Identity.objects.get(case=case).given_names == "Testina"


def test_it_refuses_an_edit_from_a_viewer(case, viewer, login):
    response = login(viewer).post(f"/cases/{case.reference}/edit/", _child_post())
    assert response.status_code == 403
    assert Identity.objects.get(case=case).given_names == "Testa"


def test_it_rejects_an_invalid_edit_and_saves_nothing(case, caseworker, login):
    client = login(caseworker)
    before = _counts()
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = client.post(
        f"/cases/{case.reference}/edit/", _child_post(given_names="Other", date_of_birth=tomorrow)
    )
    assert response.status_code == 400
    assert _field_error(response, "date_of_birth")
    assert _counts() == before
    assert Identity.objects.get(case=case).given_names == "Testa"


# Recording a later contact


def _encounter_post() -> dict[str, str]:
    return {
        "encounter-came_to_notice": "outreach",
        "encounter-occurred_on": "2026-02-01",
        "encounter-place": "",
        "encounter-observations": "Fictional second contact.",
    }


def test_it_opens_the_encounter_form_to_an_editor(case, caseworker, login):
    assert login(caseworker).get(f"/cases/{case.reference}/encounter/").status_code == 200


def test_it_records_a_later_contact(case, caseworker, login):
    response = login(caseworker).post(f"/cases/{case.reference}/encounter/", _encounter_post())
    assert response.status_code == 302
    assert case.encounters.count() == 2


def test_it_refuses_a_contact_from_a_viewer(case, viewer, login):
    response = login(viewer).post(f"/cases/{case.reference}/encounter/", _encounter_post())
    assert response.status_code == 403
    assert case.encounters.count() == 1


def test_it_refuses_a_contact_from_an_outsider(case, outsider, login):
    response = login(outsider).post(f"/cases/{case.reference}/encounter/", _encounter_post())
    assert response.status_code == 404
    assert case.encounters.count() == 1


# The case team


def test_it_opens_the_team_page_to_an_editor(case, caseworker, login):
    assert login(caseworker).get(f"/cases/{case.reference}/team/").status_code == 200


def test_it_assigns_a_coordinator(case, caseworker, coordinator, login):
    response = login(caseworker).post(
        f"/cases/{case.reference}/team/", {"coordinator": coordinator.pk}
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.coordinator == coordinator


def test_it_refuses_a_coordinator_outside_the_team_organisations(case, caseworker, outsider, login):
    response = login(caseworker).post(
        f"/cases/{case.reference}/team/", {"coordinator": outsider.pk}
    )
    assert response.status_code == 400
    case.refresh_from_db()
    assert case.coordinator is None


def test_it_adds_a_person_to_the_team(case, caseworker, provider, orgs, login):
    response = login(caseworker).post(
        f"/cases/{case.reference}/team/",
        {"organisation": orgs["shelter"].pk, "user": provider.pk, "access": "view"},
    )
    assert response.status_code == 302
    assert CaseMember.objects.get(case=case, user=provider).access == Access.VIEW


def test_it_refuses_a_person_from_another_organisation(case, caseworker, provider, orgs, login):
    response = login(caseworker).post(
        f"/cases/{case.reference}/team/",
        {"organisation": orgs["barnahus"].pk, "user": provider.pk, "access": "view"},
    )
    assert response.status_code == 400
    assert b"This person does not work for that organisation." in response.content
    assert not CaseMember.objects.filter(user=provider).exists()


def test_it_refuses_a_team_change_from_a_viewer(case, viewer, orgs, login):
    response = login(viewer).post(
        f"/cases/{case.reference}/team/",
        {"organisation": orgs["shelter"].pk, "user": "", "access": "edit"},
    )
    assert response.status_code == 403
    assert not CaseMember.objects.filter(case=case, organisation=orgs["shelter"], user=None)


# Removing a team member


def _member(case, user):
    return CaseMember.objects.get(case=case, user=user)


def test_it_removes_a_team_member(case, caseworker, viewer, login):
    member = _member(case, viewer)
    response = login(caseworker).post(f"/cases/{case.reference}/team/{member.pk}/remove/")
    assert response.status_code == 302
    assert not CaseMember.objects.filter(pk=member.pk).exists()


def test_it_refuses_a_removal_from_a_viewer(case, viewer, frontline, login):
    member = _member(case, frontline)
    response = login(viewer).post(f"/cases/{case.reference}/team/{member.pk}/remove/")
    assert response.status_code == 403
    assert CaseMember.objects.filter(pk=member.pk).exists()


def test_it_refuses_a_removal_from_an_outsider(case, outsider, frontline, login):
    member = _member(case, frontline)
    response = login(outsider).post(f"/cases/{case.reference}/team/{member.pk}/remove/")
    assert response.status_code == 404
    assert CaseMember.objects.filter(pk=member.pk).exists()


def test_it_refuses_a_removal_by_get(case, caseworker, frontline, login):
    member = _member(case, frontline)
    response = login(caseworker).get(f"/cases/{case.reference}/team/{member.pk}/remove/")
    assert response.status_code == 405
    assert CaseMember.objects.filter(pk=member.pk).exists()


def test_it_refuses_to_remove_a_member_of_another_case(case, make_case, caseworker, login):
    other = make_case(given_names="Otra")
    member = other.members.first()
    response = login(caseworker).post(f"/cases/{case.reference}/team/{member.pk}/remove/")
    assert response.status_code == 404
    assert CaseMember.objects.filter(pk=member.pk).exists()
