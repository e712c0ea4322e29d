"""The referral state machine and its deadlines, as plain data (no database)."""

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from childpath.referrals import lifecycle as lc

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)  # a Monday
ACK = T0 + timedelta(hours=4)
RESPOND = T0 + timedelta(hours=24)


# Who may do what: one line a rule.


@pytest.mark.parametrize(
    ("current", "new"),
    [
        ("sent", "acknowledged"),
        ("sent", "accepted"),
        ("sent", "declined"),
        ("acknowledged", "accepted"),
        ("acknowledged", "declined"),
        ("accepted", "active"),
        ("accepted", "completed"),
        ("active", "completed"),
    ],
)
def test_it_lets_the_receiver_answer_and_report_progress(current, new):
    assert lc.side_for(current, new) == lc.RECEIVER


@pytest.mark.parametrize(
    ("current", "new"),
    [
        ("sent", "withdrawn"),
        ("acknowledged", "withdrawn"),
        ("accepted", "withdrawn"),
        ("active", "withdrawn"),
        ("sent", "no_response"),
        ("acknowledged", "no_response"),
    ],
)
def test_it_lets_the_sender_withdraw_or_mark_no_response(current, new):
    assert lc.side_for(current, new) == lc.SENDER


@pytest.mark.parametrize("final", sorted(lc.FINAL))
def test_it_allows_nothing_after_a_final_status(final):
    assert lc.next_statuses(final, set(lc.SIDES)) == []


def test_it_refuses_the_sender_accepting_for_the_service():
    with pytest.raises(lc.TransitionError) as error:
        lc.check("sent", "accepted", side=lc.SENDER, reason="")
    assert error.value.code == "wrong_side"


def test_it_refuses_the_service_withdrawing_for_the_sender():
    with pytest.raises(lc.TransitionError) as error:
        lc.check("sent", "withdrawn", side=lc.RECEIVER, reason="")
    assert error.value.code == "wrong_side"


def test_it_refuses_going_back_to_sent():
    with pytest.raises(lc.TransitionError) as error:
        lc.check("accepted", "sent", side=lc.RECEIVER, reason="")
    assert error.value.code == "not_allowed"


def test_it_refuses_an_unknown_status():
    with pytest.raises(lc.TransitionError) as error:
        lc.check("sent", "lost", side=lc.RECEIVER, reason="")
    assert error.value.code == "unknown_status"


def test_it_requires_a_reason_to_decline():
    with pytest.raises(lc.TransitionError) as error:
        lc.check("sent", "declined", side=lc.RECEIVER, reason="   ")
    assert error.value.code == "reason_required"


def test_it_accepts_a_decline_with_a_reason():
    lc.check("sent", "declined", side=lc.RECEIVER, reason="No beds for boys.")


def test_it_offers_each_side_only_its_own_next_steps():
    assert lc.next_statuses("sent", {lc.RECEIVER}) == ["acknowledged", "accepted", "declined"]
    assert lc.next_statuses("sent", {lc.SENDER}) == ["no_response", "withdrawn"]


@given(
    st.lists(
        st.tuples(st.sampled_from(lc.STATUSES), st.sampled_from(lc.SIDES), st.booleans()),
        max_size=12,
    )
)
def test_it_only_ever_moves_along_an_allowed_transition(steps):
    status = lc.SENT
    for new, side, with_reason in steps:
        try:
            lc.check(status, new, side=side, reason="why" if with_reason else "")
        except lc.TransitionError:
            continue
        assert lc.TRANSITIONS[(status, new)] == side
        status = new
    assert status in lc.STATUSES


# Deadlines


def test_it_never_asks_for_the_answer_before_the_acknowledgement():
    assert lc.deadlines(T0, RESPOND, ACK) == (RESPOND, RESPOND)


def test_it_watches_the_acknowledgement_while_sent_and_the_answer_once_acknowledged():
    assert lc.watched_deadline("sent", ACK, RESPOND) == ACK
    assert lc.watched_deadline("acknowledged", ACK, RESPOND) == RESPOND


@pytest.mark.parametrize("status", ["accepted", "declined", "active", "completed", "withdrawn"])
def test_it_watches_nothing_once_answered(status):
    assert lc.watched_deadline(status, ACK, RESPOND) is None


def test_it_is_not_overdue_before_the_acknowledgement_deadline():
    assert lc.missed("sent", ACK, RESPOND, ACK - timedelta(seconds=1)) is None


def test_it_is_overdue_for_acknowledgement_at_the_deadline():
    assert lc.missed("sent", ACK, RESPOND, ACK) == lc.ACKNOWLEDGE


def test_it_reports_the_answer_once_both_deadlines_passed():
    assert lc.missed("sent", ACK, RESPOND, RESPOND) == lc.RESPOND


def test_it_forgives_a_late_acknowledgement_until_the_answer_is_due():
    assert lc.missed("acknowledged", ACK, RESPOND, ACK + timedelta(hours=1)) is None
    assert lc.missed("acknowledged", ACK, RESPOND, RESPOND) == lc.RESPOND


def test_it_watches_the_answer_after_a_missed_acknowledgement_and_then_nothing():
    assert lc.after_missing(lc.ACKNOWLEDGE, RESPOND) == RESPOND
    assert lc.after_missing(lc.RESPOND, RESPOND) is None


@given(
    st.sampled_from(lc.STATUSES),
    st.integers(min_value=0, max_value=72),
    st.integers(min_value=0, max_value=240),
    st.integers(min_value=-10, max_value=400),
)
def test_it_is_overdue_only_while_pending_and_past_a_deadline(status, ack_h, respond_h, now_h):
    ack, respond = lc.deadlines(T0, T0 + timedelta(hours=ack_h), T0 + timedelta(hours=respond_h))
    now = T0 + timedelta(hours=now_h)
    overdue = lc.is_overdue(status, ack, respond, now)
    assert overdue == (
        status in lc.PENDING and (now >= respond or (status == "sent" and now >= ack))
    )
