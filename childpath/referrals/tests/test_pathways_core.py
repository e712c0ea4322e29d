"""Why a child has no pathway, as plain data (DESIGN.md rule 9)."""

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from childpath.referrals import lifecycle as lc
from childpath.referrals import pathways as pw

NOW = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)
DAY = timedelta(days=1)


def ref(
    status,
    *,
    sent=5,
    changed=None,
    ack=-4,
    respond=2,
    need="safe_accommodation",
    id="r1",
    settled=False,
):
    """A referral sent ``sent`` days ago, deadlines in days from now."""
    sent_at = NOW - sent * DAY
    return pw.ReferralFacts(
        id=id,
        status=status,
        need=need,
        sent_at=sent_at,
        status_changed_at=NOW - (changed if changed is not None else sent) * DAY,
        acknowledge_by=NOW + ack * DAY,
        respond_by=NOW + respond * DAY,
        settled=settled,
    )


def codes(referrals, *, stage="presumed", coordinator=True):
    found = pw.reasons(
        stage=stage,
        has_coordinator=coordinator,
        support_since=NOW - 10 * DAY,
        referrals=referrals,
        now=NOW,
    )
    return [reason.code for reason in found]


def test_it_ignores_a_case_whose_status_does_not_call_for_support():
    assert codes([], stage="screened", coordinator=False) == []


def test_it_ignores_a_child_at_risk_whose_referral_waits_within_its_deadline():
    assert codes([ref("sent", ack=1)], stage="screened", coordinator=False) == []


def test_it_keeps_a_child_at_risk_whose_urgent_referral_was_declined():
    declined = ref("declined", changed=1)
    assert codes([declined], stage="screened", coordinator=False) == [pw.DECLINED]


def test_it_keeps_a_child_at_risk_whose_referral_is_overdue():
    assert codes([ref("sent", ack=-1)], stage="concern") == [pw.OVERDUE]


def test_it_keeps_a_child_at_risk_whose_referral_got_no_answer():
    assert codes([ref("no_response", changed=1)], stage="screened") == [pw.NO_RESPONSE]


def test_it_drops_a_closed_case_whatever_its_referrals():
    assert codes([ref("declined", changed=1)], stage="closed") == []


def test_it_clears_a_decline_the_case_team_settled():
    settled = replace(ref("declined", changed=1), settled=True)
    assert codes([settled], stage="screened") == []
    assert codes([settled]) == [pw.NO_REFERRAL]


def test_it_keeps_a_decline_followed_only_by_a_withdrawn_referral():
    declined = ref("declined", sent=5, changed=3, id="d")
    withdrawn = ref("withdrawn", sent=1, id="w")
    assert pw.DECLINED in codes([declined, withdrawn], stage="screened")


def test_it_keeps_a_decline_followed_by_another_decline():
    first = ref("declined", sent=5, changed=3, id="a")
    second = ref("declined", sent=2, changed=1, id="b")
    assert codes([first, second], stage="screened") == [pw.DECLINED, pw.DECLINED]


def test_it_clears_a_decline_once_another_service_accepts_the_same_need():
    declined = ref("declined", sent=5, changed=3, id="d")
    accepted = ref("accepted", sent=2, changed=1, id="a")
    assert codes([declined, accepted], stage="screened") == []


def test_it_lists_a_presumed_victim_without_any_referral():
    assert codes([]) == [pw.NO_REFERRAL]


def test_it_lists_a_presumed_victim_without_a_coordinator():
    assert codes([ref("accepted")], coordinator=False) == [pw.NO_COORDINATOR]


def test_it_clears_a_case_with_a_coordinator_and_an_accepted_referral():
    assert codes([ref("accepted")]) == []


def test_it_clears_a_case_whose_support_is_under_way():
    assert codes([ref("active")]) == []


def test_it_waits_for_a_referral_not_yet_answered():
    assert codes([ref("sent", ack=1)]) == [pw.AWAITING]


def test_it_flags_a_referral_past_its_acknowledgement():
    assert codes([ref("sent", ack=-1)]) == [pw.OVERDUE]


def test_it_flags_an_overdue_referral_even_beside_an_accepted_one():
    both = [ref("accepted", id="a"), ref("acknowledged", respond=-1, id="b", need="legal_aid")]
    assert codes(both) == [pw.OVERDUE]


def test_it_flags_a_declined_referral_until_another_is_sent_for_the_same_need():
    declined = ref("declined", sent=5, changed=3, id="d")
    assert codes([declined]) == [pw.DECLINED, pw.NO_REFERRAL]
    other_need = ref("sent", sent=1, ack=1, id="n", need="legal_aid")
    assert pw.DECLINED in codes([declined, other_need])
    same_need = ref("sent", sent=1, ack=1, id="s")
    assert codes([declined, same_need]) == [pw.AWAITING]


def test_it_flags_a_referral_marked_no_response():
    assert codes([ref("no_response", changed=1)]) == [pw.NO_RESPONSE, pw.NO_REFERRAL]


def test_it_asks_for_a_new_referral_after_completion():
    assert codes([ref("completed", changed=1)]) == [pw.NO_REFERRAL]


def test_it_counts_the_wait_from_the_first_missed_deadline():
    found = pw.reasons(
        stage="presumed",
        has_coordinator=True,
        support_since=NOW - 10 * DAY,
        referrals=[ref("sent", ack=-3, respond=-1)],
        now=NOW,
    )
    assert pw.waiting_since(found) == NOW - 3 * DAY


def test_it_counts_the_wait_without_a_coordinator_from_the_presumption():
    found = pw.reasons(
        stage="identified",
        has_coordinator=False,
        support_since=NOW - 10 * DAY,
        referrals=[ref("accepted")],
        now=NOW,
    )
    assert pw.waiting_since(found) == NOW - 10 * DAY


def test_it_lists_the_most_urgent_reason_first():
    assert codes([ref("sent", ack=-1)], coordinator=False) == [pw.OVERDUE, pw.NO_COORDINATOR]


referrals = st.lists(
    st.builds(
        ref,
        st.sampled_from(lc.STATUSES),
        sent=st.integers(0, 20),
        changed=st.integers(0, 20),
        ack=st.integers(-5, 5),
        respond=st.integers(-5, 10),
        need=st.sampled_from(["", "safe_accommodation", "legal_aid"]),
        id=st.text(min_size=1, max_size=3),
        settled=st.booleans(),
    ),
    max_size=5,
)


@given(
    referrals,
    st.booleans(),
    st.sampled_from(["concern", "screened", "presumed", "identified", "closed"]),
)
def test_it_lists_exactly_the_cases_without_both_a_coordinator_and_support(refs, coord, stage):
    found = codes(refs, stage=stage, coordinator=coord)
    supported = any(r.status in lc.SUPPORTING for r in refs)
    if stage in pw.SUPPORT_STAGES and (not coord or not supported):
        assert found
    if stage == "closed":
        assert found == []
    elif stage not in pw.SUPPORT_STAGES:
        # A child at risk is listed only for a referral in trouble (rule 9).
        assert set(found) <= {pw.OVERDUE, pw.DECLINED, pw.NO_RESPONSE}


@given(referrals, st.booleans())
def test_it_never_says_a_child_waited_for_a_time_in_the_future(refs, coord):
    found = pw.reasons(
        stage="presumed", has_coordinator=coord, support_since=NOW - DAY, referrals=refs, now=NOW
    )
    assert all(reason.since <= NOW for reason in found)
    assert all(reason.code in pw.REASONS for reason in found)
