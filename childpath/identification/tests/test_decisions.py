"""Formal identification and review: who may record what, bad input, history, stage."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import override_settings
from django.utils import timezone

from childpath.accounts.models import Organisation, Role, Sector, User
from childpath.audit.models import AuditEvent
from childpath.cases.models import Access, CaseEvent, Stage
from childpath.identification import services
from childpath.identification.models import Basis, Decision, PanelMember
from childpath.identification.selectors import protection_status
from childpath.identification.tests.conftest import organisation_decision, panel_decision
from childpath.identification.validation import MemberData
from conftest import PASSWORD


def decide(actor, case, **overrides):
    return services.record_decision(
        actor=actor, case=case, decision=organisation_decision(**overrides)
    )


def nothing_saved(case, before: int = 1) -> bool:
    return Decision.objects.filter(case=case).count() == before


# --------------------------------------------------------------------------- who may


def test_an_accredited_caseworker_identifies_the_child(presumed_case, caseworker, orgs):
    decision = decide(caseworker, presumed_case)
    assert decision.basis == Basis.ORGANISATION
    assert decision.organisation == orgs["social"]
    assert decision.sector == "social_services"
    assert decision.path == "social"
    assert decision.recorded_by == caseworker


def test_an_accredited_coordinator_identifies_the_child(presumed_case, coordinator):
    assert decide(coordinator, presumed_case).status == "identified"


def test_an_unaccredited_organisation_cannot_formally_identify(presumed_case, outsider, join):
    join(presumed_case, outsider)
    with pytest.raises(PermissionDenied) as refused:
        decide(outsider, presumed_case)
    assert "not accredited to make formal identifications" in str(refused.value)
    assert "Sweden (illustrative" in str(refused.value)
    assert nothing_saved(presumed_case)


def test_the_reporting_teacher_cannot_formally_identify(presumed_case, frontline):
    with pytest.raises(PermissionDenied) as refused:
        decide(frontline, presumed_case)
    assert "School or education" in str(refused.value)
    assert nothing_saved(presumed_case)


def test_read_only_access_cannot_decide(presumed_case, panel, join):
    join(presumed_case, panel, access=Access.VIEW)
    with pytest.raises(PermissionDenied) as refused:
        decide(panel, presumed_case)
    assert "cannot record a decision" in str(refused.value)


def test_a_service_provider_on_the_team_cannot_decide(presumed_case, provider, join):
    join(presumed_case, provider)
    with pytest.raises(PermissionDenied):
        decide(provider, presumed_case)


def test_someone_without_access_cannot_decide(presumed_case, outsider):
    with pytest.raises(PermissionDenied):
        decide(outsider, presumed_case)


def test_a_decision_panel_member_on_the_team_decides_for_her_barnahus(presumed_case, panel, join):
    join(presumed_case, panel)
    assert decide(panel, presumed_case).organisation == panel.organisation


@override_settings(CHILDPATH_PROFILE="ES")
def test_a_police_only_profile_refuses_social_services(presumed_case, caseworker):
    with pytest.raises(PermissionDenied) as refused:
        decide(caseworker, presumed_case, path="criminal_justice")
    assert "Municipal social services" in str(refused.value)
    assert "Spain (illustrative)" in str(refused.value)
    assert nothing_saved(presumed_case)


@override_settings(CHILDPATH_PROFILE="ES")
def test_a_police_only_profile_lets_the_police_identify(presumed_case, officer, join):
    join(presumed_case, officer)
    decision = decide(officer, presumed_case, path="criminal_justice")
    assert decision.sector == "police"
    assert protection_status(presumed_case).path == "criminal_justice"


@override_settings(CHILDPATH_PROFILE="ES")
def test_a_profile_without_the_social_path_refuses_it(presumed_case, officer, join):
    join(presumed_case, officer)
    with pytest.raises(ValidationError) as error:
        decide(officer, presumed_case, path="social")
    assert "path" in error.value.message_dict


@pytest.mark.parametrize("profile", ["ES", "RS"])
def test_panels_are_refused_where_the_profile_has_none(
    presumed_case, caseworker, full_panel, profile
):
    with override_settings(CHILDPATH_PROFILE=profile), pytest.raises(PermissionDenied) as refused:
        services.record_decision(
            actor=caseworker,
            case=presumed_case,
            decision=panel_decision(full_panel, path="criminal_justice"),
        )
    assert "no multi-agency panels" in str(refused.value)
    assert nothing_saved(presumed_case)


def test_nothing_asks_about_cooperation_with_criminal_proceedings():
    from childpath.identification.validation import DecisionData

    fields = " ".join(DecisionData.__dataclass_fields__)
    assert "cooperat" not in fields
    assert "police_report" not in fields


# --------------------------------------------------------------------------- panels


def test_a_panel_decision_records_its_members_and_sectors(presumed_case, caseworker, full_panel):
    decision = services.record_decision(
        actor=caseworker, case=presumed_case, decision=panel_decision(full_panel)
    )
    assert decision.basis == Basis.PANEL
    assert decision.organisation is None
    members = list(decision.panel_members.all())
    assert [m.name for m in members] == [name for _, name in full_panel]
    assert {m.sector for m in members} == {"barnahus", "social_services", "police"}


def test_an_unaccredited_caseworker_may_record_a_panel_decision(
    presumed_case, outsider, join, full_panel
):
    """The panel's members carry the decision, not the secretary who records it."""
    join(presumed_case, outsider)
    decision = services.record_decision(
        actor=outsider, case=presumed_case, decision=panel_decision(full_panel)
    )
    assert decision.basis == Basis.PANEL


def test_a_panel_member_can_be_a_user(presumed_case, caseworker, panel, orgs, full_panel):
    members = (
        MemberData(organisation_id=str(orgs["barnahus"].pk), user_id=panel.pk),
        *panel_decision(full_panel[1:]).members,
    )
    decision = services.record_decision(
        actor=caseworker, case=presumed_case, decision=panel_decision([], members=members)
    )
    assert decision.panel_members.all()[0].user == panel


def test_a_frontline_worker_cannot_record_a_panel_decision(presumed_case, frontline, full_panel):
    with pytest.raises(PermissionDenied):
        services.record_decision(
            actor=frontline, case=presumed_case, decision=panel_decision(full_panel)
        )


def test_a_panel_without_members_is_refused(presumed_case, caseworker):
    with pytest.raises(ValidationError) as error:
        services.record_decision(actor=caseworker, case=presumed_case, decision=panel_decision([]))
    assert error.value.message_dict["members"] == ["A panel decision needs its members."]
    assert nothing_saved(presumed_case)


def test_a_panel_with_too_few_members_is_refused(presumed_case, caseworker, full_panel):
    with pytest.raises(ValidationError) as error:
        services.record_decision(
            actor=caseworker, case=presumed_case, decision=panel_decision(full_panel[:2])
        )
    assert "at least 3 members" in error.value.message_dict["members"][0]
    assert nothing_saved(presumed_case)


def test_a_panel_from_one_sector_is_refused(presumed_case, caseworker, orgs):
    same = [(orgs["social"], name) for name in ("One Fictional", "Two Fictional", "Three")]
    with pytest.raises(ValidationError) as error:
        services.record_decision(
            actor=caseworker, case=presumed_case, decision=panel_decision(same)
        )
    assert "at least 2 different sectors" in error.value.message_dict["members"][0]


def test_a_decision_by_an_unknown_organisation_is_refused(presumed_case, caseworker, full_panel):
    members = (
        *panel_decision(full_panel).members,
        MemberData(organisation_id="00000000-0000-4000-8000-000000000000", name="Nobody"),
    )
    with pytest.raises(ValidationError) as error:
        services.record_decision(
            actor=caseworker, case=presumed_case, decision=panel_decision([], members=members)
        )
    assert error.value.message_dict["members"] == ["Member 4: no organisation has this id."]
    assert nothing_saved(presumed_case)
    assert not PanelMember.objects.exists()


def test_a_member_user_must_work_for_the_organisation_given(
    presumed_case, caseworker, panel, orgs, full_panel
):
    members = (
        MemberData(organisation_id=str(orgs["social"].pk), user_id=panel.pk),
        *panel_decision(full_panel).members,
    )
    with pytest.raises(ValidationError) as error:
        services.record_decision(
            actor=caseworker, case=presumed_case, decision=panel_decision([], members=members)
        )
    assert "does not work for that organisation" in error.value.message_dict["members"][0]


def test_a_member_needs_a_name_or_a_user(presumed_case, caseworker, full_panel):
    members = (*panel_decision(full_panel).members[:2], MemberData(organisation_id="x"))
    with pytest.raises(ValidationError) as error:
        services.record_decision(
            actor=caseworker, case=presumed_case, decision=panel_decision([], members=members)
        )
    assert error.value.message_dict["members"] == ["Member 3: give the person's name."]


# --------------------------------------------------------------------------- bad input


def test_a_decision_dated_in_the_future_is_refused(presumed_case, caseworker):
    tomorrow = timezone.localdate() + timedelta(days=1)
    with pytest.raises(ValidationError) as error:
        decide(caseworker, presumed_case, decided_on=tomorrow)
    assert error.value.message_dict["decided_on"] == ["The date cannot be in the future."]
    assert nothing_saved(presumed_case)


def test_a_decision_decades_ago_is_refused(presumed_case, caseworker):
    with pytest.raises(ValidationError) as error:
        decide(caseworker, presumed_case, decided_on=timezone.localdate().replace(year=1901))
    assert "decided_on" in error.value.message_dict


def test_a_decision_needs_reasons(presumed_case, caseworker):
    with pytest.raises(ValidationError) as error:
        decide(caseworker, presumed_case, reasons="  ")
    assert "reasons" in error.value.message_dict


@pytest.mark.parametrize("status", ["presumed", "at_risk", "victim"])
def test_a_formal_decision_is_identified_or_not_a_victim(presumed_case, caseworker, status):
    with pytest.raises(ValidationError) as error:
        decide(caseworker, presumed_case, status=status)
    assert "status" in error.value.message_dict


# --------------------------------------------------------------------------- status, stage


def test_identification_keeps_the_presumption_date(presumed_case, caseworker):
    since = protection_status(presumed_case).presumed_since
    decision = decide(caseworker, presumed_case)
    status = protection_status(presumed_case)
    assert status.status == "identified"
    assert status.presumed_since == since
    assert status.identified_since == decision.decided_at
    presumed_case.refresh_from_db()
    assert presumed_case.stage == Stage.IDENTIFIED


def test_an_earlier_decision_date_starts_at_the_start_of_that_day(presumed_case, caseworker):
    day = timezone.localdate() - timedelta(days=3)
    decision = decide(caseworker, presumed_case, decided_on=day)
    assert timezone.localtime(decision.decided_at).date() == day
    assert timezone.localtime(decision.decided_at).hour == 0


def test_not_a_victim_ends_the_presumption(presumed_case, caseworker):
    decide(caseworker, presumed_case, status="not_victim")
    status = protection_status(presumed_case)
    assert status.status == "not_victim"
    assert status.presumed_since is None
    presumed_case.refresh_from_db()
    assert presumed_case.stage == Stage.SCREENED


def test_not_a_victim_without_a_screening_goes_back_to_concern(case, caseworker):
    decide(caseworker, case, status="not_victim")
    case.refresh_from_db()
    assert case.stage == Stage.CONCERN


def test_a_closed_case_stays_closed(presumed_case, caseworker):
    presumed_case.stage = Stage.CLOSED
    presumed_case.save()
    decide(caseworker, presumed_case)
    presumed_case.refresh_from_db()
    assert presumed_case.stage == Stage.CLOSED


def test_a_decision_is_on_the_timeline_and_audited(presumed_case, caseworker):
    decide(caseworker, presumed_case)
    assert CaseEvent.objects.filter(case=presumed_case, kind="identification.decided").exists()
    event = AuditEvent.objects.filter(action="identification.create").latest("id")
    assert event.case_reference == presumed_case.reference
    assert "reasons" in event.fields


def test_the_reasons_are_encrypted_at_rest(presumed_case, caseworker):
    from django.db import connection

    decision = decide(caseworker, presumed_case, reasons="Fictional secret detail")
    with connection.cursor() as cursor:
        cursor.execute("SELECT reasons FROM identification_decision WHERE id = %s", [decision.pk])
        stored = cursor.fetchone()[0]
    assert "Fictional secret detail" not in stored
    assert Decision.objects.get(pk=decision.pk).reasons == "Fictional secret detail"


# --------------------------------------------------------------------------- review


def test_a_review_supersedes_the_decision_in_force(presumed_case, caseworker, coordinator):
    first = decide(caseworker, presumed_case)
    review = decide(
        coordinator,
        presumed_case,
        status="not_victim",
        reviews=first.pk,
        review_reason="Fictional new information from the Barnahus interview.",
    )
    assert review.reviews == first
    assert protection_status(presumed_case).status == "not_victim"
    assert CaseEvent.objects.filter(case=presumed_case, kind="identification.reviewed").exists()
    assert AuditEvent.objects.filter(action="identification.review").exists()


def test_the_history_keeps_every_decision_in_order(presumed_case, caseworker):
    first = decide(caseworker, presumed_case)
    second = decide(
        caseworker, presumed_case, status="not_victim", reviews=first.pk, review_reason="Appeal."
    )
    third = decide(
        caseworker, presumed_case, status="identified", reviews=second.pk, review_reason="Again."
    )
    history = list(Decision.objects.filter(case=presumed_case))
    assert [d.status for d in history] == ["presumed", "identified", "not_victim", "identified"]
    assert history[1:] == [first, second, third]
    status = protection_status(presumed_case)
    assert status.identified_since == third.decided_at
    assert status.presumed_since == third.decided_at


def test_a_formal_decision_in_force_must_be_reviewed_not_replaced(presumed_case, caseworker):
    decide(caseworker, presumed_case)
    with pytest.raises(ValidationError) as error:
        decide(caseworker, presumed_case, status="not_victim")
    assert "reviews" in error.value.message_dict
    assert nothing_saved(presumed_case, before=2)


def test_only_the_decision_in_force_can_be_reviewed(presumed_case, caseworker):
    first = decide(caseworker, presumed_case)
    decide(caseworker, presumed_case, reviews=first.pk, review_reason="Scheduled review.")
    with pytest.raises(ValidationError) as error:
        decide(caseworker, presumed_case, reviews=first.pk, review_reason="Again.")
    assert "reviews" in error.value.message_dict


def test_a_presumption_is_not_reviewed_but_decided(presumed_case, caseworker):
    presumption = Decision.objects.get(case=presumed_case)
    with pytest.raises(ValidationError) as error:
        decide(caseworker, presumed_case, reviews=presumption.pk, review_reason="No.")
    assert "reviews" in error.value.message_dict


def test_a_review_needs_its_reason(presumed_case, caseworker):
    first = decide(caseworker, presumed_case)
    with pytest.raises(ValidationError) as error:
        decide(caseworker, presumed_case, reviews=first.pk, review_reason="")
    assert "review_reason" in error.value.message_dict


def test_a_review_cannot_predate_the_decision_it_reviews(presumed_case, caseworker):
    first = decide(caseworker, presumed_case)
    with pytest.raises(ValidationError) as error:
        decide(
            caseworker,
            presumed_case,
            reviews=first.pk,
            review_reason="Fictional.",
            decided_on=timezone.localdate() - timedelta(days=2),
        )
    assert "decided_on" in error.value.message_dict


def test_an_unaccredited_organisation_cannot_review(presumed_case, caseworker, outsider, join):
    first = decide(caseworker, presumed_case)
    join(presumed_case, outsider)
    with pytest.raises(PermissionDenied):
        decide(outsider, presumed_case, reviews=first.pk, review_reason="Fictional.")


def test_an_inactive_member_user_is_refused(presumed_case, caseworker, orgs, full_panel):
    gone = User.objects.create_user(
        username="gone", password=PASSWORD, organisation=orgs["barnahus"], role=Role.DECISION_PANEL
    )
    gone.is_active = False
    gone.save()
    members = (
        MemberData(organisation_id=str(orgs["barnahus"].pk), user_id=gone.pk),
        *panel_decision(full_panel[1:]).members,
    )
    with pytest.raises(ValidationError):
        services.record_decision(
            actor=caseworker, case=presumed_case, decision=panel_decision([], members=members)
        )


def test_an_ngo_accredited_under_the_model_profile_identifies(presumed_case, join):
    ngo = Organisation.objects.create(
        name="Test NGO", sector=Sector.NGO, country="SE", may_identify=True
    )
    amir = User.objects.create_user(
        username="amir", password=PASSWORD, organisation=ngo, role=Role.CASEWORKER
    )
    join(presumed_case, amir)
    with override_settings(CHILDPATH_PROFILE="model"):
        assert decide(amir, presumed_case).sector == "ngo"
    # The Swedish example lists no NGOs among those who identify.
    with pytest.raises(PermissionDenied):
        first = Decision.objects.filter(case=presumed_case).latest("id")
        decide(amir, presumed_case, reviews=first.pk, review_reason="Fictional.")


def test_a_panel_of_the_system_owner_the_rapporteur_and_a_teacher_is_refused(
    presumed_case, caseworker, orgs
):
    """Found in review: such a panel was accepted as a multi-agency identification."""
    members = [
        (orgs["system"], "Fictional System Owner"),
        (orgs["rapporteur"], "Fictional Statistician"),
        (orgs["school"], "Fictional Teacher"),
    ]
    with pytest.raises(ValidationError) as error:
        services.record_decision(
            actor=caseworker, case=presumed_case, decision=panel_decision(members)
        )
    messages = error.value.message_dict["members"]
    assert messages[0].startswith("Member 1: Test System Owner (Other government body) may not sit")
    assert messages[1].startswith("Member 2: Test Rapporteur")
    assert (
        "A panel needs a member from one of these sectors: Barnahus (children's house), "
        "Child protection, Municipal social services." in messages
    )
    assert "A panel needs a member from one of these sectors: Health care, Police." in messages
    assert nothing_saved(presumed_case)
    assert not PanelMember.objects.exists()


def test_a_panel_without_police_or_health_is_refused(presumed_case, caseworker, orgs):
    members = [
        (orgs["social"], "Fictional Social Worker"),
        (orgs["barnahus"], "Fictional Barnahus Member"),
        (orgs["school"], "Fictional Teacher"),
    ]
    with pytest.raises(ValidationError) as error:
        services.record_decision(
            actor=caseworker, case=presumed_case, decision=panel_decision(members)
        )
    assert error.value.message_dict["members"] == [
        "A panel needs a member from one of these sectors: Health care, Police."
    ]
    assert nothing_saved(presumed_case)


def test_the_panel_form_offers_only_organisations_that_may_sit(login, presumed_case, caseworker):
    response = login(caseworker).get(f"/cases/{presumed_case.reference}/identification/new/")
    assert response.status_code == 200
    choices = response.context["formset"].forms[0].fields["organisation"].queryset
    names = set(choices.values_list("name", flat=True))
    assert "Test Social Services" in names
    assert "Test System Owner" not in names
    assert "Test Rapporteur" not in names
    assert "Test Shelter" not in names
