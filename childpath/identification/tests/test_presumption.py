"""A presumed-victim screening makes the child a presumed victim at once (DESIGN.md rule 2)."""

import pytest

from childpath.audit.models import AuditEvent
from childpath.cases.models import CaseEvent, Stage
from childpath.identification import services
from childpath.identification.models import Basis, Decision
from childpath.identification.selectors import protection_status, protection_statuses
from childpath.identification.tests.conftest import organisation_decision
from childpath.screening.tests.helpers import AT_RISK, PRESUMED, screen


def test_it_records_the_presumption_when_the_screening_concludes(case, frontline):
    screening = screen(frontline, case, PRESUMED)
    decision = Decision.objects.get(case=case)
    assert decision.status == "presumed"
    assert decision.basis == Basis.SCREENING
    assert decision.screening == screening
    assert decision.decided_at == screening.completed_at


def test_any_professional_who_screens_makes_the_presumption(case, frontline, orgs):
    """The reporting teacher: no accreditation, no police, no formal step (rule 2)."""
    screen(frontline, case, PRESUMED)
    decision = Decision.objects.get(case=case)
    assert decision.recorded_by == frontline
    assert decision.organisation == orgs["school"]


def test_the_status_is_presumed_right_after_the_screening(case, frontline):
    screening = screen(frontline, case, PRESUMED)
    status = protection_status(case)
    assert status.status == "presumed"
    assert status.presumed_since == screening.completed_at
    assert status.identified_since is None
    case.refresh_from_db()
    assert case.stage == Stage.PRESUMED


def test_an_at_risk_screening_records_at_risk(case, frontline):
    screen(frontline, case, AT_RISK)
    assert protection_status(case).status == "at_risk"
    assert protection_status(case).presumed_since is None


def test_a_screening_without_indication_records_nothing(case, frontline):
    screen(frontline, case, {})
    assert not Decision.objects.filter(case=case).exists()
    assert protection_status(case).status == "none"


def test_a_later_at_risk_screening_does_not_lower_a_presumption(presumed_case, caseworker):
    since = protection_status(presumed_case).presumed_since
    screen(caseworker, presumed_case, AT_RISK)
    assert protection_status(presumed_case).status == "presumed"
    assert protection_status(presumed_case).presumed_since == since
    assert Decision.objects.filter(case=presumed_case).count() == 1


def test_a_second_presumed_screening_keeps_the_first_date(presumed_case, caseworker):
    since = protection_status(presumed_case).presumed_since
    screen(caseworker, presumed_case, PRESUMED)
    assert protection_status(presumed_case).presumed_since == since


def test_a_screening_does_not_touch_an_identified_child(presumed_case, caseworker):
    services.record_decision(actor=caseworker, case=presumed_case, decision=organisation_decision())
    screen(caseworker, presumed_case, PRESUMED)
    assert protection_status(presumed_case).status == "identified"
    assert Decision.objects.filter(case=presumed_case).count() == 2


def test_a_presumed_screening_after_not_a_victim_presumes_again(presumed_case, caseworker):
    decision = organisation_decision(status="not_victim")
    services.record_decision(actor=caseworker, case=presumed_case, decision=decision)
    screening = screen(caseworker, presumed_case, PRESUMED)
    status = protection_status(presumed_case)
    assert status.status == "presumed"
    assert status.presumed_since == screening.completed_at
    presumed_case.refresh_from_db()
    assert presumed_case.stage == Stage.PRESUMED


def test_the_presumption_is_on_the_timeline_and_audited(case, frontline):
    screen(frontline, case, PRESUMED)
    assert CaseEvent.objects.filter(case=case, kind="identification.screening").exists()
    assert AuditEvent.objects.filter(
        case_reference=case.reference, action="identification.create"
    ).exists()


def test_the_presumption_is_saved_with_the_screening_or_not_at_all(case, frontline, monkeypatch):
    def broken(**kwargs):
        raise RuntimeError("fictional failure")

    monkeypatch.setattr(Decision.objects, "create", broken)
    with pytest.raises(RuntimeError):
        screen(frontline, case, PRESUMED)
    case.refresh_from_db()
    assert case.stage == Stage.CONCERN
    assert not case.screenings.filter(completed_at__isnull=False).exists()


@pytest.mark.django_db(transaction=True)
def test_it_refuses_to_run_outside_the_screening_transaction(case, frontline):
    screening = screen(frontline, case, {})
    with pytest.raises(RuntimeError):
        services.record_screening_outcome(actor=frontline, screening=screening)


def test_statuses_of_many_cases_take_one_query(make_case, frontline, django_assert_num_queries):
    cases = [make_case() for _ in range(4)]
    screen(frontline, cases[0], PRESUMED)
    screen(frontline, cases[1], AT_RISK)
    with django_assert_num_queries(1):
        statuses = protection_statuses([c.pk for c in cases])
    assert [statuses[c.pk].status for c in cases] == ["presumed", "at_risk", "none", "none"]


def test_statuses_of_no_cases_take_no_query(db, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert protection_statuses([]) == {}
