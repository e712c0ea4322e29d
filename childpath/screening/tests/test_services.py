"""The screening services: start, save answers, complete (DESIGN.md 6.2). Fictional data."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test import Client
from django.utils import timezone

from childpath.audit.models import AuditEvent
from childpath.cases import changes
from childpath.cases.models import CaseEvent, Stage
from childpath.screening import services
from childpath.screening.models import Screening
from childpath.screening.tests.helpers import AT_RISK, PRESUMED, screen
from conftest import verified_client


def _sixteen_years_ago() -> object:
    # 16 years and about a month: 16 today whatever the date.
    return timezone.localdate() - timedelta(days=16 * 365 + 30)


def _stored(screening: Screening) -> Screening:
    return Screening.objects.get(pk=screening.pk)


def _set_stage(case, stage: str) -> None:
    type(case).objects.filter(pk=case.pk).update(stage=stage)


class Boom(Exception):
    pass


def _failing_record(**kwargs: object) -> None:
    raise Boom


# --------------------------------------------------------------------------- start


def test_it_starts_with_age_uncertain_when_the_age_is_unknown(make_case, caseworker):
    case = make_case(date_of_birth=None)
    screening = services.start_screening(actor=caseworker, case=case)
    assert screening.age_uncertain is True
    assert screening.age_at_exploitation is None


def test_it_starts_with_age_uncertain_when_the_age_is_disputed(make_case, caseworker):
    case = make_case(date_of_birth=None, claimed_age=16, age_disputed=True)
    screening = services.start_screening(actor=caseworker, case=case)
    assert screening.age_uncertain is True


def test_it_starts_with_age_uncertain_when_an_adult_claim_is_disputed(make_case, caseworker):
    case = make_case(date_of_birth=None, claimed_age=19, age_disputed=True)
    screening = services.start_screening(actor=caseworker, case=case)
    assert screening.age_uncertain is True
    assert screening.age_at_exploitation is None


def test_it_starts_with_the_known_age_of_a_sixteen_year_old(make_case, caseworker):
    case = make_case(date_of_birth=_sixteen_years_ago())
    screening = services.start_screening(actor=caseworker, case=case)
    assert screening.age_at_exploitation == 16
    assert screening.age_uncertain is False


def test_it_starts_a_screening_for_the_frontline_worker_who_reported(case, frontline):
    screening = services.start_screening(actor=frontline, case=case)
    assert screening.started_by == frontline
    assert screening.organisation == frontline.organisation


def test_it_refuses_to_start_for_someone_outside_the_case_team(case, outsider):
    with pytest.raises(PermissionDenied):
        services.start_screening(actor=outsider, case=case)
    assert not Screening.objects.exists()


def test_it_refuses_to_start_for_an_analyst(case, analyst):
    with pytest.raises(PermissionDenied):
        services.start_screening(actor=analyst, case=case)


# --------------------------------------------------------------------------- save answers


def test_it_merges_answers_saved_in_two_steps(open_screening, caseworker):
    services.save_answers(
        actor=caseworker, screening=open_screening, observations={"cse_sold_for_sex": "reported"}
    )
    services.save_answers(
        actor=caseworker,
        screening=open_screening,
        observations={"risk_running_away": "unknown"},
        notes={"risk_running_away": "Fictional note."},
    )
    stored = _stored(open_screening)
    assert stored.observations == {"cse_sold_for_sex": "reported", "risk_running_away": "unknown"}
    assert stored.notes == {"risk_running_away": "Fictional note."}


def test_it_overwrites_an_earlier_answer_for_the_same_indicator(open_screening, caseworker):
    services.save_answers(
        actor=caseworker, screening=open_screening, observations={"cse_sold_for_sex": "unknown"}
    )
    services.save_answers(
        actor=caseworker, screening=open_screening, observations={"cse_sold_for_sex": "observed"}
    )
    assert _stored(open_screening).observations == {"cse_sold_for_sex": "observed"}


def test_it_drops_blank_notes(open_screening, caseworker):
    services.save_answers(
        actor=caseworker, screening=open_screening, notes={"cse_sold_for_sex": "  "}
    )
    assert _stored(open_screening).notes == {}


def test_it_stores_notes_encrypted(open_screening, caseworker):
    services.save_answers(
        actor=caseworker, screening=open_screening, notes={"cse_sold_for_sex": "Fictional Kafé"}
    )
    with connection.cursor() as cursor:
        cursor.execute("SELECT notes FROM screening_screening WHERE id = %s", [open_screening.pk])
        raw = cursor.fetchone()[0]
    assert "Fictional Kafé" not in raw
    assert _stored(open_screening).note_for("cse_sold_for_sex") == "Fictional Kafé"


def test_it_saves_the_age(open_screening, caseworker):
    services.save_answers(actor=caseworker, screening=open_screening, age=(15, False))
    stored = _stored(open_screening)
    assert (stored.age_at_exploitation, stored.age_uncertain) == (15, False)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"observations": {"no_such_indicator": "observed"}}, "observations"),
        ({"observations": {"cse_sold_for_sex": "maybe"}}, "observations"),
        ({"age": (121, False)}, "age_at_exploitation"),
        ({"age": (-1, False)}, "age_at_exploitation"),
        ({"notes": {"cse_sold_for_sex": "x" * 2001}}, "notes"),
        ({"notes": {"no_such_indicator": "Fictional."}}, "notes"),
    ],
    ids=[
        "unknown-indicator",
        "unknown-status",
        "age-121",
        "age-minus-1",
        "note-over-2000",
        "note-unknown-indicator",
    ],
)
def test_it_rejects_bad_answers_and_changes_nothing(open_screening, caseworker, change, field):
    services.save_answers(
        actor=caseworker, screening=open_screening, observations={"cse_sold_for_sex": "unknown"}
    )
    before = _stored(open_screening)
    events = AuditEvent.objects.count()
    with pytest.raises(ValidationError) as raised:
        services.save_answers(actor=caseworker, screening=open_screening, **change)
    assert field in raised.value.message_dict
    after = _stored(open_screening)
    assert after.observations == before.observations == {"cse_sold_for_sex": "unknown"}
    assert after.notes == before.notes
    assert after.age_at_exploitation == before.age_at_exploitation
    assert after.updated_at == before.updated_at
    assert AuditEvent.objects.count() == events


def test_it_accepts_a_note_of_exactly_2000_characters(open_screening, caseworker):
    services.save_answers(
        actor=caseworker, screening=open_screening, notes={"cse_sold_for_sex": "x" * 2000}
    )
    assert len(_stored(open_screening).note_for("cse_sold_for_sex")) == 2000


def test_it_refuses_answers_from_someone_outside_the_case_team(open_screening, outsider):
    with pytest.raises(PermissionDenied):
        services.save_answers(
            actor=outsider, screening=open_screening, observations={"cse_sold_for_sex": "observed"}
        )
    assert _stored(open_screening).observations == {}


# --------------------------------------------------------------------------- complete


def test_it_stores_the_evaluation_result_rule_and_catalogue_version(case, caseworker):
    screening = _stored(screen(caseworker, case, PRESUMED))
    assert screening.result == "presumed_victim"
    assert screening.rule == "child"
    assert screening.catalogue_version == services.current_catalogue().version
    assert screening.evaluation["result"] == "presumed_victim"
    assert screening.evaluation["catalogue_version"] == screening.catalogue_version
    assert screening.completed_at is not None


def test_it_completes_an_unanswered_screening_as_no_indication(open_screening, caseworker):
    services.complete_screening(actor=caseworker, screening=open_screening)
    assert _stored(open_screening).result == "no_indication"


def test_it_refuses_new_answers_once_complete(case, caseworker):
    screening = screen(caseworker, case, AT_RISK)
    with pytest.raises(ValidationError):
        services.save_answers(
            actor=caseworker, screening=screening, observations=PRESUMED, age=(15, False)
        )
    stored = _stored(screening)
    assert stored.observations == AT_RISK
    assert stored.result == "at_risk"


def test_it_refuses_to_complete_twice(case, caseworker):
    screening = screen(caseworker, case, AT_RISK)
    completed_at = _stored(screening).completed_at
    with pytest.raises(ValidationError):
        services.complete_screening(actor=caseworker, screening=screening)
    assert _stored(screening).completed_at == completed_at
    assert CaseEvent.objects.filter(case=case, kind="screening.completed").count() == 1


def test_it_refuses_to_complete_for_someone_outside_the_case_team(open_screening, outsider):
    with pytest.raises(PermissionDenied):
        services.complete_screening(actor=outsider, screening=open_screening)
    assert _stored(open_screening).completed_at is None


def test_it_screens_at_once(case, caseworker):
    screening = services.screen_at_once(
        actor=caseworker,
        case=case,
        observations=PRESUMED,
        notes={"cse_sold_for_sex": "Fictional."},
        age_at_exploitation=15,
        age_uncertain=False,
    )
    stored = _stored(screening)
    assert stored.result == "presumed_victim"
    assert stored.note_for("cse_sold_for_sex") == "Fictional."


def test_it_stores_nothing_when_screening_at_once_fails(case, caseworker):
    with pytest.raises(ValidationError):
        services.screen_at_once(
            actor=caseworker,
            case=case,
            observations={"no_such_indicator": "observed"},
            notes={},
            age_at_exploitation=15,
            age_uncertain=False,
        )
    assert not Screening.objects.exists()
    assert not AuditEvent.objects.filter(action__startswith="screening.").exists()


# --------------------------------------------------------------------------- case stage


def test_it_moves_a_concern_to_screened_when_not_presumed(case, caseworker):
    screen(caseworker, case, AT_RISK)
    case.refresh_from_db()
    assert case.stage == Stage.SCREENED


def test_it_moves_a_concern_to_screened_when_nothing_is_found(case, caseworker):
    screen(caseworker, case, {})
    case.refresh_from_db()
    assert case.stage == Stage.SCREENED


def test_it_moves_a_concern_to_presumed_for_a_presumed_victim(case, caseworker):
    screen(caseworker, case, PRESUMED)
    case.refresh_from_db()
    assert case.stage == Stage.PRESUMED


def test_it_moves_a_screened_case_to_presumed_for_a_presumed_victim(case, caseworker):
    _set_stage(case, Stage.SCREENED)
    screen(caseworker, case, PRESUMED)
    case.refresh_from_db()
    assert case.stage == Stage.PRESUMED


def test_it_keeps_a_presumed_case_presumed_after_an_at_risk_screening(case, caseworker):
    _set_stage(case, Stage.PRESUMED)
    screen(caseworker, case, AT_RISK)
    case.refresh_from_db()
    assert case.stage == Stage.PRESUMED


@pytest.mark.parametrize("stage", [Stage.IDENTIFIED, Stage.CLOSED])
@pytest.mark.parametrize("answers", [PRESUMED, AT_RISK, {}], ids=["presumed", "at-risk", "none"])
def test_it_never_moves_an_identified_or_closed_case_backwards(case, caseworker, stage, answers):
    _set_stage(case, stage)
    screen(caseworker, case, answers)
    case.refresh_from_db()
    assert case.stage == stage


# --------------------------------------------------------------------------- audit


def test_it_audits_the_start(case, caseworker):
    services.start_screening(actor=caseworker, case=case)
    event = AuditEvent.objects.latest("id")
    assert event.action == "screening.create"
    assert event.case_reference == case.reference
    assert event.actor_username == caseworker.username


def test_it_audits_saved_answers_with_the_fields_touched(open_screening, caseworker):
    services.save_answers(
        actor=caseworker, screening=open_screening, observations={"cse_sold_for_sex": "observed"}
    )
    event = AuditEvent.objects.latest("id")
    assert event.action == "screening.update"
    assert event.case_reference == open_screening.case.reference
    assert event.fields == ["observations"]


def test_it_audits_the_completion(open_screening, caseworker):
    services.complete_screening(actor=caseworker, screening=open_screening)
    event = AuditEvent.objects.latest("id")
    assert event.action == "screening.complete"
    assert event.case_reference == open_screening.case.reference


def test_it_never_writes_note_text_into_the_audit(open_screening, caseworker):
    services.save_answers(
        actor=caseworker, screening=open_screening, notes={"cse_sold_for_sex": "Fictional Kafé"}
    )
    event = AuditEvent.objects.latest("id")
    assert "Fictional Kafé" not in repr(event.__dict__)


# A failing audit write must undo the change it audits: the event is inside the transaction.


def test_it_creates_no_screening_when_the_start_cannot_be_audited(case, caseworker, monkeypatch):
    monkeypatch.setattr(changes, "record", _failing_record)
    with pytest.raises(Boom):
        services.start_screening(actor=caseworker, case=case)
    assert not Screening.objects.exists()


def test_it_saves_no_answers_when_they_cannot_be_audited(open_screening, caseworker, monkeypatch):
    monkeypatch.setattr(changes, "record", _failing_record)
    with pytest.raises(Boom):
        services.save_answers(actor=caseworker, screening=open_screening, observations=PRESUMED)
    assert _stored(open_screening).observations == {}


def test_it_completes_nothing_when_the_completion_cannot_be_audited(
    open_screening, caseworker, monkeypatch
):
    services.save_answers(actor=caseworker, screening=open_screening, observations=PRESUMED)
    monkeypatch.setattr(changes, "record", _failing_record)
    with pytest.raises(Boom):
        services.complete_screening(actor=caseworker, screening=open_screening)
    stored = _stored(open_screening)
    assert stored.completed_at is None
    assert stored.result == ""
    stored.case.refresh_from_db()
    assert stored.case.stage == Stage.CONCERN
    assert not CaseEvent.objects.filter(kind="screening.completed").exists()


# --------------------------------------------------------------------------- timeline


def test_it_adds_screening_completed_to_the_case_timeline(case, caseworker):
    screening = screen(caseworker, case, PRESUMED)
    event = CaseEvent.objects.get(case=case, kind="screening.completed")
    assert event.data == {
        "screening_id": screening.pk,
        "result": "presumed_victim",
        "rule": "child",
    }


def test_it_shows_the_completed_screening_on_the_case_page(case, caseworker):
    screen(caseworker, case, PRESUMED)
    client = Client()
    verified_client(caseworker, client)
    response = client.get(f"/cases/{case.reference}/")
    assert response.status_code == 200
    assert "Screening completed under the child rule: Presumed victim." in response.text


def test_it_shows_the_adult_rule_on_the_case_page(case, caseworker):
    screen(caseworker, case, AT_RISK, age=(19, False))
    client = Client()
    verified_client(caseworker, client)
    response = client.get(f"/cases/{case.reference}/")
    assert "Screening completed under the adult rule: At risk." in response.text
