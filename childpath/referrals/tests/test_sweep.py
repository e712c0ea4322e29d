"""The overdue worker: marks missed deadlines once, notifies the coordinator once, and is safe
with several workers at the same time (DESIGN.md 6.5)."""

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import closing, contextmanager
from datetime import datetime, timedelta
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection

from childpath.audit.models import AuditEvent
from childpath.cases.models import CaseEvent
from childpath.referrals import services, sweep
from childpath.referrals.models import Notification, Referral

STOCKHOLM = ZoneInfo("Europe/Stockholm")
MONDAY_9 = datetime(2026, 3, 2, 9, 0, tzinfo=STOCKHOLM)


@pytest.fixture
def sent(presumed, send, time_machine):
    """An emergency referral sent on Monday at 9: acknowledge by 13, answer by Tuesday 9."""
    time_machine.move_to(MONDAY_9, tick=False)
    return send(presumed)


def test_it_marks_nothing_before_a_deadline(sent, time_machine):
    time_machine.move_to(MONDAY_9 + timedelta(hours=3, minutes=59), tick=False)
    assert sweep.sweep() == 0
    assert not Notification.objects.exists()


def test_it_marks_a_missed_acknowledgement(sent, time_machine, coordinator):
    time_machine.move_to(MONDAY_9 + timedelta(hours=4), tick=False)
    assert sweep.sweep() == 1
    sent.refresh_from_db()
    assert (sent.overdue_deadline, sent.overdue_since) == (
        "acknowledge",
        MONDAY_9 + timedelta(hours=4),
    )
    assert sent.due_at == sent.respond_by
    notification = Notification.objects.get()
    assert (notification.user, notification.data["deadline"]) == (coordinator, "acknowledge")


def test_it_is_idempotent(sent, time_machine):
    time_machine.move_to(MONDAY_9 + timedelta(hours=5), tick=False)
    assert sweep.sweep() == 1
    assert sweep.sweep() == 0
    assert Notification.objects.count() == 1
    assert CaseEvent.objects.filter(kind="referral.overdue").count() == 1


def test_it_marks_the_missed_answer_later_once_more(sent, time_machine):
    time_machine.move_to(MONDAY_9 + timedelta(hours=5), tick=False)
    sweep.sweep()
    time_machine.move_to(MONDAY_9 + timedelta(hours=25), tick=False)
    assert sweep.sweep() == 1
    assert sorted(Notification.objects.values_list("data__deadline", flat=True)) == [
        "acknowledge",
        "respond",
    ]
    sent.refresh_from_db()
    assert sent.due_at is None


def test_it_reports_only_the_answer_when_both_deadlines_passed_unseen(sent, time_machine):
    time_machine.move_to(MONDAY_9 + timedelta(days=3), tick=False)
    assert sweep.sweep() == 1
    assert Notification.objects.get().data["deadline"] == "respond"


def test_it_leaves_an_acknowledged_referral_alone_until_the_answer_is_due(
    sent, provider, time_machine
):
    time_machine.move_to(MONDAY_9 + timedelta(hours=1), tick=False)
    services.change_status(actor=provider, referral=sent, status="acknowledged")
    time_machine.move_to(MONDAY_9 + timedelta(hours=6), tick=False)
    assert sweep.sweep() == 0


def test_it_leaves_an_accepted_referral_alone(sent, provider, time_machine):
    services.change_status(actor=provider, referral=sent, status="accepted")
    time_machine.move_to(MONDAY_9 + timedelta(days=5), tick=False)
    assert sweep.sweep() == 0


def test_it_records_the_overdue_referral_on_the_timeline_and_in_the_audit_trail(sent, time_machine):
    time_machine.move_to(MONDAY_9 + timedelta(hours=5), tick=False)
    sweep.sweep()
    assert CaseEvent.objects.filter(case=sent.case, kind="referral.overdue").exists()
    audit = AuditEvent.objects.get(action="referral.overdue")
    assert (audit.actor_username, audit.case_reference) == ("system", sent.case.reference)


def test_it_notifies_the_sender_when_the_case_has_no_coordinator(
    case, send, caseworker, time_machine
):
    from childpath.cases.models import Case

    Case.objects.filter(pk=case.pk).update(stage="presumed")
    time_machine.move_to(MONDAY_9, tick=False)
    send(case)
    time_machine.move_to(MONDAY_9 + timedelta(hours=5), tick=False)
    sweep.sweep()
    assert Notification.objects.get().user == caseworker


def test_it_emails_the_coordinator_after_commit(
    sent, coordinator, time_machine, mailoutbox, django_capture_on_commit_callbacks
):
    coordinator.email = "carol@example.invalid"
    coordinator.save()
    time_machine.move_to(MONDAY_9 + timedelta(hours=5), tick=False)
    with django_capture_on_commit_callbacks(execute=True):
        sweep.sweep()
    assert len(mailoutbox) == 1
    assert "acknowledged" in mailoutbox[0].subject
    assert sent.case.reference in mailoutbox[0].body


def test_it_sweeps_in_batches(presumed, send, time_machine):
    time_machine.move_to(MONDAY_9, tick=False)
    for _n in range(5):
        send(presumed)
    time_machine.move_to(MONDAY_9 + timedelta(hours=5), tick=False)
    assert sweep.sweep(batch=2) == 5
    assert Notification.objects.count() == 5


def test_it_runs_as_a_management_command(sent, time_machine):
    time_machine.move_to(MONDAY_9 + timedelta(hours=5), tick=False)
    out = StringIO()
    call_command("sweep_referrals", stdout=out)
    assert "1 referral(s) marked overdue." in out.getvalue()


# Several workers at once, on the real database (committed transactions, separate connections).


@contextmanager
def shared_by_threads(tmp_path) -> Iterator[None]:
    """Let worker threads share the test database as production workers share theirs.

    PostgreSQL: as it is. SQLite: Django's test database lives in memory in shared-cache mode,
    where a locked table fails at once instead of waiting (unlike a database file, which the
    workers wait for: settings, IMMEDIATE transactions and a timeout). So the race runs on a
    file copy, which is copied back for the assertions.
    """
    settings_dict = connection.settings_dict
    if connection.vendor != "sqlite" or not connection.is_in_memory_db():
        yield
        return
    path = str(tmp_path / "race.sqlite3")
    connection.ensure_connection()
    with closing(sqlite3.connect(path)) as disk:
        connection.connection.backup(disk)
    name = settings_dict["NAME"]
    settings_dict["NAME"] = path  # read by the connections the worker threads open
    try:
        yield
    finally:
        settings_dict["NAME"] = name
        with closing(sqlite3.connect(path)) as disk:
            disk.backup(connection.connection)


def _sweep_in_threads(workers: int, now: datetime) -> list[int | Exception]:
    results: list[int | Exception] = []
    barrier = threading.Barrier(workers)

    def work() -> None:
        try:
            barrier.wait()
            results.append(sweep.sweep(now, batch=3))
        except Exception as error:  # reported by the assertion below
            results.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=work) for _n in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


@pytest.mark.django_db(transaction=True)
def test_it_notifies_once_per_referral_with_two_workers_racing(presumed, send, tmp_path):
    with time_machine.travel(MONDAY_9, tick=False):
        referrals = [send(presumed) for _n in range(12)]
    with shared_by_threads(tmp_path):
        results = _sweep_in_threads(2, MONDAY_9 + timedelta(hours=5))
    assert not [r for r in results if isinstance(r, Exception)], results
    assert sum(results) == len(referrals)  # type: ignore[arg-type]
    counts = {r.pk: Notification.objects.filter(referral=r).count() for r in referrals}
    assert set(counts.values()) == {1}
    assert CaseEvent.objects.filter(kind="referral.overdue").count() == len(referrals)
    assert Referral.objects.filter(overdue_deadline="acknowledge").count() == len(referrals)
