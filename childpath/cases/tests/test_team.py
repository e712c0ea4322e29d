"""Who may change the case team, and the rules no change may break (DESIGN.md 7)."""

import contextlib

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from childpath.accounts.models import Role, User
from childpath.audit.models import AuditEvent
from childpath.cases import team
from childpath.cases.models import Access, Case, CaseMember
from childpath.cases.timeline import entries
from conftest import PASSWORD


def _lead_row(case: Case) -> CaseMember:
    return CaseMember.objects.get(case=case, organisation=case.lead_organisation, user=None)


@pytest.fixture
def ngo(orgs):
    from childpath.accounts.models import Organisation, Sector

    return Organisation.objects.create(name="Test NGO", sector=Sector.NGO, country="SE")


@pytest.fixture
def ngo_worker(ngo):
    return User.objects.create_user(
        username="nina", password=PASSWORD, organisation=ngo, role=Role.CASEWORKER
    )


# Finding 1: a frontline teacher with edit access changed the team.


def test_it_refuses_a_frontline_member_adding_an_organisation(case, frontline, ngo):
    with pytest.raises(PermissionDenied):
        team.add_team_member(
            actor=frontline, case=case, organisation=ngo, user=None, access=Access.EDIT
        )
    assert not CaseMember.objects.filter(case=case, organisation=ngo).exists()


def test_it_refuses_a_frontline_member_removing_the_lead_agency(case, frontline):
    with pytest.raises(PermissionDenied):
        team.remove_team_member(actor=frontline, case=case, member=_lead_row(case))
    assert CaseMember.objects.filter(pk=_lead_row(case).pk).exists()


def test_it_refuses_a_frontline_member_on_the_team_page(case, frontline, login):
    assert login(frontline).get(f"/cases/{case.reference}/team/").status_code == 403


def test_it_refuses_a_frontline_member_through_the_api(case, frontline, ngo, login):
    response = login(frontline).post(
        f"/api/v1/cases/{case.reference}/team",
        {"organisation": str(ngo.pk), "access": "edit"},
        content_type="application/json",
    )
    assert response.status_code == 403


def test_it_refuses_a_caseworker_of_a_member_organisation_that_does_not_lead(
    case, caseworker, ngo, ngo_worker, provider, orgs
):
    team.add_team_member(actor=caseworker, case=case, organisation=ngo, user=None, access="edit")
    with pytest.raises(PermissionDenied):
        team.add_team_member(
            actor=ngo_worker, case=case, organisation=orgs["shelter"], user=provider, access="view"
        )


def test_it_lets_the_lead_agencys_caseworker_add_an_organisation(case, caseworker, ngo):
    member = team.add_team_member(
        actor=caseworker, case=case, organisation=ngo, user=None, access=Access.EDIT
    )
    assert member.access == Access.EDIT


def test_it_lets_the_coordinator_of_another_agency_change_the_team(
    case, caseworker, ngo, ngo_worker, provider, orgs
):
    team.add_team_member(actor=caseworker, case=case, organisation=ngo, user=None, access="edit")
    team.set_coordinator(actor=caseworker, case=case, coordinator=ngo_worker)
    case.refresh_from_db()
    member = team.add_team_member(
        actor=ngo_worker, case=case, organisation=orgs["shelter"], user=provider, access="view"
    )
    assert member.user == provider


@pytest.mark.parametrize("key", ["system", "rapporteur"])
def test_it_refuses_an_organisation_that_does_not_work_on_cases(case, caseworker, orgs, key):
    with pytest.raises(ValidationError) as error:
        team.add_team_member(
            actor=caseworker, case=case, organisation=orgs[key], user=None, access=Access.EDIT
        )
    assert "organisation" in error.value.message_dict


def test_it_refuses_a_person_of_another_organisation(case, caseworker, provider, orgs):
    with pytest.raises(ValidationError) as error:
        team.add_team_member(
            actor=caseworker,
            case=case,
            organisation=orgs["barnahus"],
            user=provider,
            access=Access.VIEW,
        )
    assert "user" in error.value.message_dict


@pytest.mark.parametrize("persona", ["analyst", "administrator"])
def test_it_refuses_a_person_who_never_sees_cases(case, caseworker, persona, request):
    person = request.getfixturevalue(persona)
    with pytest.raises(ValidationError):
        team.add_team_member(
            actor=caseworker,
            case=case,
            organisation=person.organisation,
            user=person,
            access=Access.VIEW,
        )


def test_it_offers_only_the_people_of_the_chosen_organisation(
    case, caseworker, provider, outsider, orgs, login
):
    page = login(caseworker).get(
        f"/cases/{case.reference}/team/", {"organisation": str(orgs["shelter"].pk)}
    )
    body = page.content.decode()
    assert provider.display_name in body
    assert outsider.display_name not in body


def test_it_offers_no_organisation_that_does_not_work_on_cases(case, caseworker, orgs, login):
    body = login(caseworker).get(f"/cases/{case.reference}/team/").content.decode()
    assert orgs["shelter"].name in body
    assert orgs["system"].name not in body
    assert orgs["rapporteur"].name not in body


def test_it_never_removes_the_lead_agency(case, caseworker):
    with pytest.raises(ValidationError):
        team.remove_team_member(actor=caseworker, case=case, member=_lead_row(case))
    assert _lead_row(case)


def test_it_never_makes_the_lead_agency_read_only(case, caseworker):
    with pytest.raises(ValidationError):
        team.add_team_member(
            actor=caseworker,
            case=case,
            organisation=case.lead_organisation,
            user=None,
            access=Access.VIEW,
        )
    assert _lead_row(case).access == Access.EDIT


def test_it_never_removes_the_coordinator(case, caseworker, coordinator):
    team.set_coordinator(actor=caseworker, case=case, coordinator=coordinator)
    member = CaseMember.objects.get(case=case, user=coordinator)
    with pytest.raises(ValidationError):
        team.remove_team_member(actor=caseworker, case=case, member=member)


def test_it_leaves_a_case_visible_after_every_removal_it_allows(case, caseworker, frontline):
    # Finding 1: a member removed everyone else, and the case vanished for all.
    for member in list(case.members.all()):
        with contextlib.suppress(ValidationError):
            team.remove_team_member(actor=caseworker, case=case, member=member)
    assert Case.objects.visible_to(caseworker).filter(pk=case.pk).exists()
    assert team.someone_can_act(case)


def test_it_knows_when_nobody_could_act(case):
    CaseMember.objects.filter(case=case, access=Access.EDIT).update(access=Access.VIEW)
    assert not team.someone_can_act(case)


def test_it_refuses_a_change_that_leaves_nobody_who_can_act(case, caseworker, frontline):
    # The lead agency's only caseworker leaves the job: the teacher is the last editor.
    User.objects.filter(organisation=case.lead_organisation).exclude(pk=caseworker.pk).update(
        is_active=False
    )
    CaseMember.objects.filter(case=case, user=None).update(access=Access.VIEW)
    with pytest.raises(ValidationError):
        team._remove(
            actor=caseworker,
            case=case,
            member=CaseMember.objects.get(case=case, user=frontline),
            kind="team.removed",
            extra={},
        )


# The lead agency is replaced only by an explicit, audited transfer.


def test_it_transfers_the_lead(case, caseworker, orgs):
    team.transfer_lead(actor=caseworker, case=case, organisation=orgs["barnahus"])
    case.refresh_from_db()
    assert case.lead_organisation == orgs["barnahus"]
    assert _lead_row(case).access == Access.EDIT
    assert AuditEvent.objects.latest("id").action == "case.lead.transfer"


def test_it_keeps_the_former_lead_as_a_member_the_new_lead_may_remove(case, caseworker, orgs):
    former = case.lead_organisation
    team.transfer_lead(actor=caseworker, case=case, organisation=orgs["barnahus"])
    case.refresh_from_db()
    member = CaseMember.objects.get(case=case, organisation=former, user=None)
    assert member.access == Access.EDIT


def test_it_refuses_a_lead_of_a_sector_that_cannot_lead(case, caseworker, orgs):
    with pytest.raises(ValidationError):
        team.transfer_lead(actor=caseworker, case=case, organisation=orgs["shelter"])


def test_it_refuses_a_transfer_by_a_frontline_member(case, frontline, orgs):
    with pytest.raises(PermissionDenied):
        team.transfer_lead(actor=frontline, case=case, organisation=orgs["barnahus"])


def test_it_lets_the_reporter_choose_a_lead_when_there_is_none(make_case, frontline, orgs):
    case = make_case(lead=None)
    team.transfer_lead(actor=frontline, case=case, organisation=orgs["social"])
    case.refresh_from_db()
    assert case.lead_organisation == orgs["social"]


def test_it_makes_a_lead_agencys_caseworker_the_lead_of_what_they_open(make_case, caseworker):
    case = make_case(actor=caseworker, lead=None)
    assert case.lead_organisation == caseworker.organisation


# The timeline says who was added or removed, with what access, by whom.


def _texts(case: Case) -> list[tuple[str, str]]:
    return [(entry.actor, entry.text) for entry in entries(list(case.events.all()))]


def test_it_says_who_was_added_with_what_access_by_whom(case, caseworker, provider, orgs):
    team.add_team_member(
        actor=caseworker, case=case, organisation=orgs["shelter"], user=provider, access="view"
    )
    actor, text = _texts(case)[0]
    assert actor == caseworker.display_name
    assert text == f"Added to the case team: {provider.display_name} (view access)."


def test_it_says_who_was_removed(case, caseworker, frontline):
    member = CaseMember.objects.get(case=case, user=frontline)
    team.remove_team_member(actor=caseworker, case=case, member=member)
    assert _texts(case)[0] == (
        caseworker.display_name,
        f"Removed from the case team: {frontline.display_name} (had edit access).",
    )


def test_it_says_whose_access_changed(case, caseworker, frontline):
    team.add_team_member(
        actor=caseworker,
        case=case,
        organisation=frontline.organisation,
        user=frontline,
        access="view",
    )
    assert _texts(case)[0][1] == (
        f"Access of {frontline.display_name} changed from edit access to view access."
    )


def test_it_says_the_lead_passed(case, caseworker, orgs):
    former = case.lead_organisation
    team.transfer_lead(actor=caseworker, case=case, organisation=orgs["barnahus"])
    assert _texts(case)[0][1] == f"The lead passed from {former} to {orgs['barnahus']}."


# The team API: the same rules.


def test_it_lists_the_team_for_a_member(case, frontline, login):
    response = login(frontline).get(f"/api/v1/cases/{case.reference}/team")
    assert response.status_code == 200
    lead = [row for row in response.json() if row["is_lead"]]
    assert [row["organisation"] for row in lead] == [str(case.lead_organisation_id)]


def test_it_audits_the_team_list(case, frontline, login):
    login(frontline).get(f"/api/v1/cases/{case.reference}/team")
    event = AuditEvent.objects.latest("id")
    assert (event.action, event.fields) == ("case.read", ["team"])


def test_it_hides_the_team_of_a_case_from_an_outsider(case, outsider, login):
    assert login(outsider).get(f"/api/v1/cases/{case.reference}/team").status_code == 404


def test_it_adds_a_member_through_the_api(case, caseworker, provider, orgs, login):
    response = login(caseworker).post(
        f"/api/v1/cases/{case.reference}/team",
        {"organisation": str(orgs["shelter"].pk), "user": provider.pk, "access": "view"},
        content_type="application/json",
    )
    assert response.status_code == 201
    assert response.json()["user"] == provider.pk


def test_it_refuses_a_person_of_another_organisation_through_the_api(
    case, caseworker, provider, orgs, login
):
    response = login(caseworker).post(
        f"/api/v1/cases/{case.reference}/team",
        {"organisation": str(orgs["barnahus"].pk), "user": provider.pk, "access": "view"},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "user" in response.json()


def test_it_removes_a_member_through_the_api(case, caseworker, frontline, login):
    member = CaseMember.objects.get(case=case, user=frontline)
    response = login(caseworker).delete(f"/api/v1/cases/{case.reference}/team/{member.pk}")
    assert response.status_code == 204
    assert not CaseMember.objects.filter(pk=member.pk).exists()


def test_it_refuses_to_remove_the_lead_agency_through_the_api(case, caseworker, login):
    member = _lead_row(case)
    response = login(caseworker).delete(f"/api/v1/cases/{case.reference}/team/{member.pk}")
    assert response.status_code == 400


def test_it_transfers_the_lead_through_the_api(case, caseworker, orgs, login):
    response = login(caseworker).post(
        f"/api/v1/cases/{case.reference}/lead",
        {"organisation": str(orgs["barnahus"].pk), "reason": "Fictional move."},
        content_type="application/json",
    )
    assert response.status_code == 200
    case.refresh_from_db()
    assert case.lead_organisation == orgs["barnahus"]


def test_it_refuses_a_lead_transfer_by_a_frontline_member_through_the_api(
    case, frontline, orgs, login
):
    response = login(frontline).post(
        f"/api/v1/cases/{case.reference}/lead",
        {"organisation": str(orgs["barnahus"].pk)},
        content_type="application/json",
    )
    assert response.status_code == 403
