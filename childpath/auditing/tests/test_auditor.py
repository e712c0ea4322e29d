"""The auditor reads the audit trail (page, CSV, API, the chain's state), never a case."""

import pytest
from django.db import transaction

from childpath.audit.models import AuditEvent
from childpath.audit.services import record
from childpath.cases.services import record_read


def test_it_lists_the_events_for_the_auditor(case, caseworker, auditor, login):
    record_read(actor=caseworker, case=case)
    page = login(auditor).get("/audit/", {"reference": case.reference})
    assert page.status_code == 200
    assert case.reference in page.content.decode()
    assert "case.read" in page.content.decode()


def test_it_never_shows_case_contents(case, caseworker, auditor, login):
    record_read(actor=caseworker, case=case)
    html = login(auditor).get("/audit/").content.decode()
    assert "Testa" not in html and "Exempel" not in html


@pytest.mark.parametrize(
    "persona", ["administrator", "caseworker", "coordinator", "analyst", "frontline"]
)
def test_it_refuses_the_trail_to_everyone_else(persona, request, login):
    client = login(request.getfixturevalue(persona))
    assert client.get("/audit/").status_code == 403
    assert client.get("/api/v1/audit/events").status_code == 403
    assert client.get("/audit/export.csv").status_code == 403


def test_it_refuses_a_case_to_the_auditor(case, auditor, login):
    client = login(auditor)
    assert client.get(f"/cases/{case.reference}/").status_code == 403
    assert client.get(f"/api/v1/cases/{case.reference}").status_code == 403


def test_it_filters_by_user_action_and_period(case, caseworker, frontline, auditor, login):
    record_read(actor=caseworker, case=case)
    record_read(actor=frontline, case=case)
    response = login(auditor).get(
        "/api/v1/audit/events", {"user": caseworker.username, "action": "case.read"}
    )
    rows = response.json()["results"]
    assert {row["actor"] for row in rows} == {caseworker.username}
    assert {row["action"] for row in rows} == {"case.read"}


def test_it_filters_by_an_action_prefix(case, caseworker, auditor, login):
    rows = login(auditor).get("/api/v1/audit/events", {"action": "case"}).json()["results"]
    assert {row["action"] for row in rows} >= {"case.create"}
    assert all(row["action"].startswith("case") for row in rows)


def test_it_filters_by_period(case, auditor, login):
    rows = login(auditor).get("/api/v1/audit/events", {"until": "2000-01-01"}).json()["results"]
    assert rows == []


def test_it_exports_csv(case, caseworker, auditor, login):
    record_read(actor=caseworker, case=case)
    response = login(auditor).get("/audit/export.csv", {"reference": case.reference})
    body = b"".join(response.streaming_content).decode()
    assert body.splitlines()[0].startswith("id,at,actor,organisation,action,case_reference")
    assert case.reference in body


def test_it_neutralises_a_formula_in_the_export(auditor, login):
    with transaction.atomic():
        record(actor=None, action="x.test", purpose="=HYPERLINK(1)")
    body = b"".join(login(auditor).get("/audit/export.csv").streaming_content).decode()
    assert "'=HYPERLINK(1)" in body


def test_it_audits_the_auditors_reads(case, auditor, login):
    login(auditor).get("/audit/", {"reference": case.reference})
    event = AuditEvent.objects.latest("id")
    assert (event.action, event.case_reference, event.fields) == (
        "audit.read",
        case.reference,
        ["reference"],
    )


def test_it_reports_the_chain_state(case, auditor, login):
    body = login(auditor).get("/api/v1/audit/chain").json()
    assert body["intact"] is True
    assert body["broken_at"] is None


def test_it_reports_a_broken_chain(case, auditor, login):
    from django.db import connection

    event = AuditEvent.objects.order_by("id")[0]
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {AuditEvent._meta.db_table} SET action = %s WHERE id = %s",
            ["case.forged", event.pk],
        )
    body = login(auditor).get("/api/v1/audit/chain").json()
    assert (body["intact"], body["broken_at"]) == (False, event.pk)


def test_it_verifies_the_chain_from_the_page(case, auditor, login):
    response = login(auditor).post("/audit/verify/", follow=True)
    assert "Audit chain intact" in response.content.decode()


def test_it_has_a_demo_auditor(db):
    from childpath.demo.data import USERS

    assert ("auditor.eva", "auditor") in {(name, role) for name, *_rest, role in USERS}
