"""Recording assessments and handover plans through the services. All data are fictional."""

from datetime import date, timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from childpath.age_assessment import services
from childpath.age_assessment.models import AgeAssessment, HandoverPlan, TurningEighteen
from childpath.age_assessment.tests.conftest import handover_data
from childpath.audit.models import AuditEvent
from childpath.cases import services as case_services
from childpath.cases.models import Case, CaseEvent
from childpath.cases.timeline import entries
from conftest import child_data

TODAY = date(2026, 6, 15)
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(date(2026, 6, 15), tick=False):
        yield


def _fresh(case: Case) -> Case:
    return Case.objects.get(pk=case.pk)


def test_it_records_an_assessment(disputed_case, assess, caseworker):
    row = assess(disputed_case)
    assert (row.method, row.minimum_age, row.maximum_age, row.assessed_by) == (
        "multidisciplinary",
        15,
        17,
        caseworker,
    )


def test_it_uses_the_lower_bound_from_then_on(disputed_case, assess):
    assess(disputed_case)
    age = _fresh(disputed_case).age_now()
    assert (age.years, age.basis, age.treated_as_child, age.disputed) == (
        15,
        "assessment",
        True,
        False,
    )


def test_it_refreshes_the_age_of_the_case_it_was_given(disputed_case, assess):
    assert disputed_case.age_now().years == 16
    assess(disputed_case)
    assert disputed_case.age_now().years == 15


def test_it_keeps_a_child_while_the_newest_assessment_is_open(disputed_case, assess):
    assess(disputed_case, minimum_age=19, maximum_age=22, outcome="adult")
    assess(disputed_case, method="interview", concluded=False, outcome="undetermined")
    age = _fresh(disputed_case).age_now()
    assert (age.treated_as_child, age.disputed, age.basis) == (True, True, "claimed_age")


def test_it_ends_the_presumption_on_a_concluded_adult_outcome(disputed_case, assess):
    assess(disputed_case, minimum_age=19, maximum_age=22, outcome="adult")
    age = _fresh(disputed_case).age_now()
    assert (age.years, age.treated_as_child) == (19, False)


def test_it_encrypts_the_notes(disputed_case, assess):
    from django.db import connection

    row = assess(disputed_case, notes="Fictional secret reasoning")
    with connection.cursor() as cursor:
        cursor.execute("SELECT notes FROM age_assessment_ageassessment WHERE id = %s", [row.pk])
        stored = cursor.fetchone()[0]
    assert "secret" not in stored
    assert AgeAssessment.objects.get(pk=row.pk).notes == "Fictional secret reasoning"


def test_it_audits_the_assessment(disputed_case, assess):
    assess(disputed_case)
    event = AuditEvent.objects.filter(action="age_assessment.create").get()
    assert event.case_reference == disputed_case.reference
    assert "minimum_age" in event.fields


def test_it_writes_a_timeline_sentence_with_the_lower_bound(disputed_case, assess):
    assess(disputed_case)
    event = CaseEvent.objects.get(case=disputed_case, kind="age.assessed")
    text = entries([event])[0].text
    assert "15 to 17" in text
    assert "15, is used" in text


def test_it_writes_a_timeline_sentence_for_an_open_assessment(disputed_case, assess):
    assess(
        disputed_case, concluded=False, outcome="undetermined", minimum_age=None, maximum_age=None
    )
    event = CaseEvent.objects.get(case=disputed_case, kind="age.assessed")
    assert "treated as a child" in entries([event])[0].text


@pytest.mark.parametrize(
    "overrides, field",
    [
        ({"minimum_age": 17, "maximum_age": 15}, "minimum_age"),
        ({"minimum_age": 15, "maximum_age": 31}, "maximum_age"),
        ({"assessed_on": TODAY + timedelta(days=1)}, "assessed_on"),
        ({"minimum_age": 16, "maximum_age": 20, "outcome": "adult"}, "outcome"),
        ({"method": "medical"}, "method"),
    ],
)
def test_it_saves_nothing_on_bad_input(disputed_case, assess, overrides, field):
    with pytest.raises(ValidationError) as error:
        assess(disputed_case, **overrides)
    assert field in error.value.message_dict
    assert not AgeAssessment.objects.exists()
    assert not CaseEvent.objects.filter(kind="age.assessed").exists()
    assert not AuditEvent.objects.filter(action="age_assessment.create").exists()


def test_it_allows_a_medical_examination_after_another_method(disputed_case, assess):
    assess(disputed_case, method="interview", concluded=False, outcome="undetermined")
    assert assess(disputed_case, method="medical").method == "medical"


def test_it_refuses_a_read_only_member(case, assess, viewer):
    with pytest.raises(PermissionDenied):
        assess(case, actor=viewer)
    assert not AgeAssessment.objects.exists()


def test_it_refuses_someone_off_the_team(case, assess, outsider):
    with pytest.raises(PermissionDenied):
        assess(case, actor=outsider)


def test_it_records_a_handover_plan(case, coordinator, caseworker):
    case_services.set_coordinator(actor=caseworker, case=case, coordinator=coordinator)
    plan = services.record_handover_plan(actor=coordinator, case=case, plan=handover_data())
    assert (plan.made_by, plan.agreed_with_young_person) == (coordinator, True)
    assert AuditEvent.objects.filter(action="handover_plan.create").exists()
    event = CaseEvent.objects.get(case=case, kind="handover.planned")
    assert "agreed with the young person" in entries([event])[0].text


@pytest.mark.parametrize(
    "overrides, field",
    [
        ({"adult_services": " "}, "adult_services"),
        ({"handed_over": ""}, "handed_over"),
        ({"agreed_on": TODAY + timedelta(days=1)}, "agreed_on"),
        ({"adult_services": "x" * 301}, "adult_services"),
    ],
)
def test_it_saves_no_handover_plan_on_bad_input(case, caseworker, overrides, field):
    with pytest.raises(ValidationError) as error:
        services.record_handover_plan(actor=caseworker, case=case, plan=handover_data(**overrides))
    assert field in error.value.message_dict
    assert not HandoverPlan.objects.exists()


def test_it_refuses_a_handover_plan_from_a_read_only_member(case, viewer):
    with pytest.raises(PermissionDenied):
        services.record_handover_plan(actor=viewer, case=case, plan=handover_data())


# ------------------------------------------------------------- the clear month of turning 18


def _month(case: Case) -> date | None:
    return TurningEighteen.objects.get(case=case).month


def test_it_keeps_the_month_of_turning_18_from_the_date_of_birth(make_case):
    case = make_case(date_of_birth=date(2009, 3, 2))
    assert _month(case) == date(2027, 3, 1)


def test_it_keeps_the_month_of_turning_18_from_the_claimed_age(make_case):
    case = make_case(date_of_birth=None, claimed_age=16)
    assert _month(case) == date(2028, 6, 1)


def test_it_keeps_no_month_for_an_unknown_age(make_case):
    assert _month(make_case(date_of_birth=None)) is None


def test_it_moves_the_month_when_the_date_of_birth_changes(case, caseworker):
    case_services.update_child(
        actor=caseworker, case=case, child=child_data(date_of_birth=date(2011, 9, 30))
    )
    assert _month(case) == date(2029, 9, 1)


def test_it_moves_the_month_when_the_claimed_age_changes(make_case, caseworker):
    case = make_case(date_of_birth=None, claimed_age=16)
    case_services.update_child(
        actor=caseworker, case=case, child=child_data(date_of_birth=None, claimed_age=12)
    )
    assert _month(case) == date(2032, 6, 1)


def test_it_moves_the_month_to_the_assessed_lower_bound(disputed_case, assess):
    assess(disputed_case)
    assert _month(disputed_case) == date(2029, 6, 1)


def test_it_never_stores_the_day_of_birth(make_case):
    case = make_case(date_of_birth=date(2009, 3, 17))
    assert _month(case) == date(2027, 3, 1)
