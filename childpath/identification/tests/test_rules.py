"""Who may record a formal identification, and what makes a panel: the pure rules."""

import pytest

from childpath.identification import rules
from childpath.identification.rules import Member, authority, panel_problems
from childpath.jurisdiction.profile import load

SE = load("SE").identification
ES = load("ES").identification
RS = load("RS").identification


def test_an_accredited_social_services_caseworker_may_decide_under_se():
    allowed = authority(
        SE, role="caseworker", sector="social_services", accredited=True, may_edit=True
    )
    assert allowed.organisation and allowed.panel


def test_an_unaccredited_social_services_office_may_not_under_se():
    allowed = authority(
        SE, role="caseworker", sector="social_services", accredited=False, may_edit=True
    )
    assert allowed.organisation_refusal == rules.NOT_ACCREDITED
    # ...but it may record the decision of a panel, whose members carry it.
    assert allowed.panel


def test_a_school_may_not_identify():
    allowed = authority(SE, role="frontline", sector="education", accredited=True, may_edit=True)
    assert allowed.organisation_refusal == rules.SECTOR


def test_a_frontline_worker_may_not_record_a_panel_decision():
    allowed = authority(SE, role="frontline", sector="education", accredited=False, may_edit=True)
    assert allowed.panel_refusal == rules.ROLE


def test_a_police_only_profile_refuses_social_services():
    allowed = authority(
        ES, role="caseworker", sector="social_services", accredited=True, may_edit=True
    )
    assert allowed.organisation_refusal == rules.SECTOR


def test_a_police_only_profile_lets_a_police_officer_decide_without_accreditation():
    allowed = authority(ES, role="frontline", sector="police", accredited=False, may_edit=True)
    assert allowed.organisation


@pytest.mark.parametrize("identification", [ES, RS])
def test_profiles_without_panels_refuse_panels(identification):
    allowed = authority(
        identification, role="caseworker", sector="social_services", accredited=True, may_edit=True
    )
    assert allowed.panel_refusal == rules.NO_PANELS


def test_read_only_access_refuses_both():
    allowed = authority(
        SE, role="caseworker", sector="social_services", accredited=True, may_edit=False
    )
    assert allowed.organisation_refusal == rules.READ_ONLY
    assert allowed.panel_refusal == rules.READ_ONLY
    assert not allowed.any


@pytest.mark.parametrize("role", ["service_provider", "focal_point"])
def test_roles_outside_casework_do_not_decide(role):
    allowed = authority(SE, role=role, sector="social_services", accredited=True, may_edit=True)
    assert allowed.organisation_refusal == rules.ROLE
    assert allowed.panel_refusal == rules.ROLE


def member(organisation: str, sector: str, person: str) -> Member:
    return Member(organisation=organisation, sector=sector, person=person)


def test_a_panel_of_three_from_three_sectors_is_complete():
    members = [member("a", "barnahus", "X"), member("b", "police", "Y"), member("c", "ngo", "Z")]
    assert panel_problems(SE.panels, members) == []


def test_a_panel_without_members_cannot_decide():
    assert panel_problems(SE.panels, []) == [rules.NO_MEMBERS]


def test_a_panel_needs_its_minimum_of_members():
    members = [member("a", "barnahus", "X"), member("b", "police", "Y")]
    assert panel_problems(SE.panels, members) == [rules.TOO_FEW_MEMBERS]


def test_a_panel_needs_its_minimum_of_sectors():
    members = [member("a", "police", name) for name in ("X", "Y", "Z")]
    assert rules.TOO_FEW_SECTORS in panel_problems(SE.panels, members)


def test_the_same_person_twice_counts_once():
    members = [member("a", "barnahus", "X"), member("a", "barnahus", "x"), member("b", "ngo", "Y")]
    assert rules.DUPLICATE_MEMBER in panel_problems(SE.panels, members)


def test_no_panel_where_the_profile_has_none():
    members = [member("a", "barnahus", "X"), member("b", "police", "Y"), member("c", "ngo", "Z")]
    assert panel_problems(RS.panels, members) == [rules.NO_PANELS]


def test_a_panel_from_sectors_that_may_not_sit_is_refused():
    members = [
        member("a", "government", "X"),
        member("b", "other", "Y"),
        member("c", "police", "Z"),
    ]
    problems = rules.panel_composition(SE.panels, members)
    assert [p.code for p in problems if p.code == rules.SECTOR_NOT_ON_PANELS] == [
        rules.SECTOR_NOT_ON_PANELS
    ] * 2
    assert [p.member for p in problems if p.code == rules.SECTOR_NOT_ON_PANELS] == [1, 2]


def test_a_panel_must_have_each_required_sector_group():
    members = [
        member("a", "social_services", "X"),
        member("b", "ngo", "Y"),
        member("c", "ngo", "Z"),
    ]
    problems = rules.panel_composition(SE.panels, members)
    assert [(p.code, p.sectors) for p in problems] == [
        (rules.MISSING_SECTOR, frozenset({"police", "health"}))
    ]


def test_health_can_stand_in_for_police_on_a_panel():
    members = [
        member("a", "social_services", "X"),
        member("b", "health", "Y"),
        member("c", "ngo", "Z"),
    ]
    assert panel_problems(SE.panels, members) == []
