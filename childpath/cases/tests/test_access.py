"""Case.objects.visible_to / editable_by: one test per rule line (DESIGN.md 6.3).

No access answers 404, like a case that does not exist; read-only access trying to write
answers 403; analysts and administrators never see a single case.
"""

import re
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser

from childpath.cases.models import Access, Case, CaseMember

NO_CASE_ROLES = ["analyst", "administrator"]


def _anonymous() -> Any:
    # The access path takes a User; a request may still carry an AnonymousUser.
    return AnonymousUser()


def _sees(user, case) -> bool:
    return Case.objects.visible_to(user).filter(pk=case.pk).exists()


def _edits(user, case) -> bool:
    return Case.objects.editable_by(user).filter(pk=case.pk).exists()


def _neutral(content: bytes, reference: str) -> bytes:
    """The page without its per-request CSRF tokens and the path asked for."""
    content = re.sub(rb'(X-CSRFToken": "|csrfmiddlewaretoken" value=")[^"]*', b"", content)
    return content.replace(reference.encode(), b"REF")


def _make_coordinator_only(case, user) -> None:
    """Coordinator without any team row, to test the coordinator line on its own."""
    Case.objects.filter(pk=case.pk).update(coordinator=user)
    assert not CaseMember.objects.filter(case=case, user=user).exists()


# visible_to


def test_it_shows_nothing_to_an_anonymous_user(case):
    assert not Case.objects.visible_to(_anonymous()).exists()


def test_it_shows_nothing_to_an_inactive_user(case, caseworker):
    caseworker.is_active = False
    assert not _sees(caseworker, case)


@pytest.mark.parametrize("persona", NO_CASE_ROLES)
def test_it_shows_nothing_to_roles_without_cases_even_on_the_team(request, case, persona):
    user = request.getfixturevalue(persona)
    CaseMember.objects.create(
        case=case, organisation=user.organisation, user=user, access=Access.EDIT
    )
    assert not Case.objects.visible_to(user).exists()


def test_it_shows_the_case_to_its_coordinator(case, outsider):
    _make_coordinator_only(case, outsider)
    assert _sees(outsider, case)


def test_it_shows_the_case_to_a_person_on_the_team(case, viewer):
    assert _sees(viewer, case)


def test_it_shows_the_case_to_the_reporter(case, frontline):
    assert _sees(frontline, case)


def test_it_shows_the_case_to_a_caseworker_of_a_whole_organisation_member(case, caseworker):
    assert _sees(caseworker, case)


def test_it_shows_the_case_to_a_coordinator_of_a_whole_organisation_member(case, coordinator):
    assert _sees(coordinator, case)


def test_it_hides_the_case_from_frontline_staff_of_a_whole_organisation_member(
    case, social_frontline
):
    assert not _sees(social_frontline, case)


def test_it_hides_the_case_from_a_provider_of_a_whole_organisation_member(case, provider, orgs):
    CaseMember.objects.create(case=case, organisation=orgs["shelter"], access=Access.EDIT)
    assert not _sees(provider, case)


def test_it_hides_the_case_from_another_organisation(case, outsider):
    assert not _sees(outsider, case)


def test_it_hides_a_case_after_the_member_is_removed(case, caseworker, viewer):
    member = CaseMember.objects.get(case=case, user=viewer)
    member.delete()
    assert not _sees(viewer, case)


def test_it_lists_a_case_seen_through_several_rules_once(case, caseworker):
    CaseMember.objects.create(
        case=case, organisation=caseworker.organisation, user=caseworker, access=Access.VIEW
    )
    Case.objects.filter(pk=case.pk).update(coordinator=caseworker)
    assert Case.objects.visible_to(caseworker).count() == 1


# editable_by


def test_it_lets_nobody_anonymous_edit(case):
    assert not Case.objects.editable_by(_anonymous()).exists()


@pytest.mark.parametrize("persona", NO_CASE_ROLES)
def test_it_lets_roles_without_cases_edit_nothing_even_on_the_team(request, case, persona):
    user = request.getfixturevalue(persona)
    CaseMember.objects.create(
        case=case, organisation=user.organisation, user=user, access=Access.EDIT
    )
    assert not Case.objects.editable_by(user).exists()


def test_it_lets_the_coordinator_edit(case, outsider):
    _make_coordinator_only(case, outsider)
    assert _edits(outsider, case)


def test_it_lets_a_person_with_edit_access_edit(case, frontline):
    assert _edits(frontline, case)


def test_it_lets_a_person_with_view_access_only_read(case, viewer):
    assert not _edits(viewer, case)


def test_it_lets_a_caseworker_of_a_whole_organisation_editor_edit(case, caseworker):
    assert _edits(caseworker, case)


def test_it_lets_a_caseworker_of_a_whole_organisation_viewer_only_read(case, caseworker):
    CaseMember.objects.filter(case=case, organisation=caseworker.organisation).update(
        access=Access.VIEW
    )
    assert _sees(caseworker, case)
    assert not _edits(caseworker, case)


def test_it_lets_frontline_staff_of_a_whole_organisation_editor_not_edit(case, social_frontline):
    assert not _edits(social_frontline, case)


def test_it_lets_another_organisation_not_edit(case, outsider):
    assert not _edits(outsider, case)


# The same rules through the pages and the API


@pytest.mark.parametrize(
    "url",
    ["/cases/{ref}/", "/cases/{ref}/edit/", "/cases/{ref}/encounter/", "/cases/{ref}/team/"],
)
def test_it_answers_404_to_an_outsider_on_the_pages(case, outsider, login, url):
    response = login(outsider).get(url.format(ref=case.reference))
    assert response.status_code == 404


def test_it_answers_404_to_an_outsider_on_the_api(case, outsider, login):
    response = login(outsider).get(f"/api/v1/cases/{case.reference}")
    assert response.status_code == 404


def test_it_answers_404_to_an_outsider_patching_through_the_api(case, outsider, login):
    response = login(outsider).patch(
        f"/api/v1/cases/{case.reference}", {"given_names": "Other"}, content_type="application/json"
    )
    assert response.status_code == 404


def test_it_answers_a_missing_case_like_a_hidden_one(case, outsider, login):
    client = login(outsider)
    hidden = client.get(f"/cases/{case.reference}/")
    missing = client.get("/cases/CP-0000-0000/")
    assert hidden.status_code == missing.status_code == 404
    assert _neutral(hidden.content, case.reference) == _neutral(missing.content, "CP-0000-0000")


def test_it_leaves_an_outsider_list_empty(case, outsider, login):
    response = login(outsider).get("/api/v1/cases")
    assert len(response.json()["results"]) == 0


@pytest.mark.parametrize("persona", NO_CASE_ROLES)
@pytest.mark.parametrize(
    "url",
    [
        "/cases/",
        "/cases/new/",
        "/cases/{ref}/",
        "/cases/{ref}/edit/",
        "/cases/{ref}/encounter/",
        "/cases/{ref}/team/",
    ],
)
def test_it_answers_403_on_every_page_to_roles_without_cases(request, case, login, persona, url):
    user = request.getfixturevalue(persona)
    response = login(user).get(url.format(ref=case.reference))
    assert response.status_code == 403


@pytest.mark.parametrize("persona", NO_CASE_ROLES)
def test_it_answers_403_on_team_remove_to_roles_without_cases(request, case, login, persona):
    user = request.getfixturevalue(persona)
    member = case.members.first()
    response = login(user).post(f"/cases/{case.reference}/team/{member.pk}/remove/")
    assert response.status_code == 403
    assert CaseMember.objects.filter(pk=member.pk).exists()


@pytest.mark.parametrize("persona", NO_CASE_ROLES)
@pytest.mark.parametrize(
    ("method", "url"),
    [
        ("get", "/api/v1/cases"),
        ("post", "/api/v1/cases"),
        ("get", "/api/v1/cases/{ref}"),
        ("patch", "/api/v1/cases/{ref}"),
    ],
)
def test_it_answers_403_on_the_api_to_roles_without_cases(
    request, case, login, persona, method, url
):
    user = request.getfixturevalue(persona)
    client = login(user)
    response = getattr(client, method)(
        url.format(ref=case.reference), {}, content_type="application/json"
    )
    assert response.status_code == 403


def test_it_answers_403_to_a_viewer_on_the_edit_page(case, viewer, login):
    assert login(viewer).get(f"/cases/{case.reference}/edit/").status_code == 403


def test_it_answers_403_to_a_viewer_on_the_encounter_page(case, viewer, login):
    assert login(viewer).get(f"/cases/{case.reference}/encounter/").status_code == 403


def test_it_answers_403_to_a_viewer_on_the_team_page(case, viewer, login):
    assert login(viewer).get(f"/cases/{case.reference}/team/").status_code == 403


def test_it_answers_403_to_a_viewer_patching_through_the_api(case, viewer, login):
    response = login(viewer).patch(
        f"/api/v1/cases/{case.reference}", {"given_names": "Other"}, content_type="application/json"
    )
    assert response.status_code == 403
    case.identity.refresh_from_db()
    assert case.identity.given_names == "Testa"


def test_it_shows_the_case_read_only_to_a_viewer(case, viewer, login):
    response = login(viewer).get(f"/cases/{case.reference}/")
    assert response.status_code == 200
    assert b"You can read this case but not change it." in response.content


def test_it_counts_the_visible_cases_as_visible_to_does(
    make_case, frontline, caseworker, coordinator, provider, analyst, orgs
):
    cases = [make_case(given_names=f"Testa{n}") for n in range(4)]
    # One case by the coordinator line alone, one by a team row in person.
    _make_coordinator_only(cases[0], coordinator)
    CaseMember.objects.create(
        case=cases[1], organisation=orgs["shelter"], user=provider, access=Access.VIEW
    )
    for user in (frontline, caseworker, coordinator, provider, analyst, _anonymous()):
        assert Case.objects.count_visible(user) == Case.objects.visible_to(user).count()
    assert Case.objects.count_visible(provider) == 1
