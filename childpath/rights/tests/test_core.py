"""The pure core: which rights are in force, pending or not applicable, and their deadlines."""

from datetime import UTC, date, datetime, timedelta
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from childpath.jurisdiction.durations import Duration
from childpath.jurisdiction.profile import TRIGGERS, Right, load
from childpath.rights.core import (
    IN_FORCE,
    NOT_APPLICABLE,
    PENDING,
    PROCEDURAL,
    Facts,
    Provision,
    assess,
    assess_right,
    first_times,
    latest_provisions,
    triggers,
)

T0 = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)  # a Monday
PROFILES = [load(code) for code in ("model", "SE", "BG", "RS", "ES")]


def _facts(**overrides) -> Facts:
    values: dict[str, Any] = {
        "treated_as_child": True,
        "child_by_presumption": False,
        "unaccompanied": "no",
        "known_since": T0,
        "presumed_since": None,
        "identified_since": None,
    }
    values.update(overrides)
    return Facts(**values)


def _right(*when: str, deadline: str | None = "3 days") -> Right:
    return Right(
        code="assistance",
        when=tuple(when),
        legal_basis="Fictional basis",
        deadline=Duration.parse(deadline) if deadline else None,
        responsible="social_services",
    )


# --------------------------------------------------------------------------- examples


def test_it_puts_a_presumed_right_in_force_at_presumption():
    presumed = T0 + timedelta(days=2)
    status = assess_right(_right("presumed"), _facts(presumed_since=presumed), now=presumed)
    assert status.status == IN_FORCE
    assert status.opened == presumed
    assert status.deadline == presumed + timedelta(days=3)
    assert [t.code for t in status.why] == ["presumed"]


def test_it_keeps_a_right_pending_until_the_presumption():
    status = assess_right(_right("presumed"), _facts(), now=T0)
    assert status.status == PENDING
    assert status.missing == ("presumed",)
    assert status.opened is None and status.deadline is None and not status.overdue


def test_it_says_formal_identification_is_missing_for_an_identified_right():
    facts = _facts(presumed_since=T0)
    status = assess_right(_right("identified"), facts, now=T0)
    assert status.status == PENDING
    assert status.missing == ("identified",)


def test_it_counts_an_identified_victim_as_presumed():
    identified = T0 + timedelta(days=10)
    status = assess_right(_right("presumed"), _facts(identified_since=identified), now=identified)
    assert status.in_force
    assert status.opened == identified


def test_it_opens_a_right_when_the_last_trigger_holds():
    presumed = T0 + timedelta(days=4)
    status = assess_right(
        _right("child", "presumed"), _facts(presumed_since=presumed), now=presumed
    )
    assert status.opened == presumed


def test_it_does_not_apply_a_child_right_to_an_adult():
    facts = _facts(treated_as_child=False, presumed_since=T0)
    status = assess_right(_right("child", "presumed"), facts, now=T0)
    assert status.status == NOT_APPLICABLE
    assert status.missing == ("child",)


def test_it_gives_a_guardian_to_a_child_whose_unaccompanied_status_is_unknown():
    status = assess_right(_right("child", "unaccompanied"), _facts(unaccompanied="unknown"), now=T0)
    assert status.in_force
    unaccompanied = next(t for t in status.why if t.code == "unaccompanied")
    assert unaccompanied.by_presumption


def test_it_gives_no_guardian_right_to_an_accompanied_child():
    status = assess_right(_right("child", "unaccompanied"), _facts(unaccompanied="no"), now=T0)
    assert status.status == NOT_APPLICABLE


def test_it_marks_the_child_trigger_as_presumed_under_the_presumption_of_minority():
    facts = _facts(child_by_presumption=True)
    assert triggers(facts)["child"].by_presumption


def test_it_is_overdue_after_the_deadline_until_met():
    facts = _facts(presumed_since=T0)
    late = T0 + timedelta(days=3, seconds=1)
    assert assess_right(_right("presumed"), facts, now=late).overdue
    assert not assess_right(_right("presumed"), facts, now=T0 + timedelta(days=3)).overdue
    assert not assess_right(_right("presumed"), facts, now=late, met_at=late).overdue


def test_it_has_no_deadline_without_one_in_the_profile():
    status = assess_right(_right("presumed", deadline=None), _facts(presumed_since=T0), now=T0)
    assert status.deadline is None and not status.overdue


def test_it_counts_working_days_for_the_deadline():
    friday = datetime(2026, 1, 9, 12, 0, tzinfo=UTC)
    status = assess_right(
        _right("presumed", deadline="3 working_days"), _facts(presumed_since=friday), now=friday
    )
    assert status.deadline == datetime(2026, 1, 14, 12, 0, tzinfo=UTC)


def test_it_keeps_the_order_of_the_profile():
    profile = load("SE")
    statuses = assess(profile.rights, _facts(presumed_since=T0), now=T0)
    assert [s.code for s in statuses] == [r.code for r in profile.rights]


def test_it_passes_informed_and_met_moments_through():
    profile = load("SE")
    later = T0 + timedelta(hours=2)
    statuses = assess(
        profile.rights,
        _facts(presumed_since=T0),
        now=later,
        informed={"interpreter": later},
        met={"information": later},
    )
    by_code = {s.code: s for s in statuses}
    assert by_code["interpreter"].informed_at == later and by_code["interpreter"].informed
    assert by_code["information"].met_at == later
    assert not by_code["safe_accommodation"].informed


def test_every_delivery_meets_the_information_right_at_its_first_time():
    first = first_times(
        [(["guardian"], T0 + timedelta(days=2)), (["interpreter"], T0), (["guardian"], T0)]
    )
    assert first == {"information": T0, "interpreter": T0, "guardian": T0}


def test_a_provided_right_is_met_on_its_day_and_never_overdue():
    facts = _facts(presumed_since=T0)
    late = T0 + timedelta(days=30)
    status = assess_right(_right("presumed"), facts, now=late, provision=Provision(T0.date()))
    assert status.in_force and status.met and not status.overdue
    assert status.provided_on == T0.date()
    assert not status.declined and status.declined_on is None


def test_a_right_offered_and_declined_stays_in_force_and_is_not_overdue():
    facts = _facts(presumed_since=T0)
    late = T0 + timedelta(days=30)
    declined = Provision(T0.date(), declined=True)
    status = assess_right(_right("presumed"), facts, now=late, provision=declined)
    assert status.in_force and not status.overdue
    assert not status.met and status.provided_on is None
    assert status.declined and status.declined_on == T0.date()


def test_a_right_met_by_its_own_record_is_not_declined():
    facts = _facts(presumed_since=T0)
    declined = Provision(T0.date(), declined=True)
    status = assess_right(_right("presumed"), facts, now=T0, met_at=T0, provision=declined)
    assert status.met and not status.declined


def test_assess_passes_each_rights_provision_through():
    profile = load("SE")
    provisions = {"health_care": Provision(T0.date()), "education": Provision(T0.date(), True)}
    late = T0 + timedelta(days=60)
    statuses = assess(profile.rights, _facts(presumed_since=T0), now=late, provisions=provisions)
    by_code = {s.code: s for s in statuses}
    assert by_code["health_care"].met and not by_code["health_care"].overdue
    assert by_code["education"].declined and not by_code["education"].overdue
    assert by_code["safe_accommodation"].overdue


def test_a_later_record_supersedes_an_earlier_one_whatever_day_it_names():
    day = date(2026, 1, 5)
    latest = latest_provisions(
        [
            ("health_care", day + timedelta(days=3), False),  # a mistake: the wrong day
            ("education", day, True),
            ("health_care", day + timedelta(days=1), False),  # the correction
            ("education", day + timedelta(days=2), False),  # the child changed her mind
        ]
    )
    assert latest == {
        "health_care": Provision(day + timedelta(days=1), declined=False, records=2),
        "education": Provision(day + timedelta(days=2), declined=False, records=2),
    }


# --------------------------------------------------------------------------- properties

moments = st.datetimes(
    min_value=datetime(2020, 1, 1), max_value=datetime(2030, 1, 1), timezones=st.just(UTC)
)
facts_strategy = st.builds(
    Facts,
    treated_as_child=st.booleans(),
    child_by_presumption=st.booleans(),
    unaccompanied=st.sampled_from(["yes", "no", "unknown"]),
    known_since=moments,
    presumed_since=st.none() | moments,
    identified_since=st.none() | moments,
)
rights_strategy = st.builds(
    Right,
    code=st.just("assistance"),
    when=st.lists(st.sampled_from(TRIGGERS), min_size=1, max_size=4, unique=True).map(tuple),
    legal_basis=st.just("Fictional"),
    deadline=st.none()
    | st.builds(
        Duration,
        amount=st.integers(min_value=0, max_value=60),
        unit=st.sampled_from(["hours", "days", "working_days"]),
    ),
    responsible=st.just("social_services"),
)


@given(facts=facts_strategy, profile=st.sampled_from(PROFILES), now=moments)
def test_a_presumed_child_has_every_right_that_needs_only_presumption_and_childhood(
    facts, profile, now
):
    facts = Facts(**{**facts.__dict__, "treated_as_child": True, "presumed_since": now})
    for status in assess(profile.rights, facts, now=now):
        if set(profile.right(status.code).when) <= {"presumed", "child"}:
            assert status.in_force, status.code


@given(facts=facts_strategy, right=rights_strategy, now=moments)
def test_no_right_is_in_force_without_all_its_triggers(facts, right, now):
    status = assess_right(right, facts, now=now)
    holding = {code for code, trigger in triggers(facts).items() if trigger.holds}
    assert status.in_force == (set(right.when) <= holding)


@given(facts=facts_strategy, right=rights_strategy, now=moments)
def test_a_pending_right_misses_only_steps_of_the_procedure(facts, right, now):
    status = assess_right(right, facts, now=now)
    if status.status == PENDING:
        assert status.missing and set(status.missing) <= PROCEDURAL
    if status.status == NOT_APPLICABLE:
        assert set(status.missing) - PROCEDURAL


@given(facts=facts_strategy, right=rights_strategy, now=moments)
def test_a_deadline_runs_from_the_moment_the_right_opened(facts, right, now):
    status = assess_right(right, facts, now=now)
    if status.in_force:
        assert status.opened is not None
        assert status.opened == max(t.since for t in status.why if t.since is not None)
        if right.deadline is not None:
            assert status.deadline == right.deadline.after(status.opened)
            assert status.deadline is not None and status.deadline >= status.opened
    else:
        assert status.opened is None and status.deadline is None
    assert status.overdue == (status.deadline is not None and now > status.deadline)


@given(facts=facts_strategy, profile=st.sampled_from(PROFILES), now=moments)
def test_more_protection_never_closes_a_right(facts, profile, now):
    """Rule 5: a presumption or an identification only ever adds rights."""
    before = {s.code for s in assess(profile.rights, facts, now=now) if s.in_force}
    stronger = Facts(**{**facts.__dict__, "presumed_since": now, "identified_since": now})
    after = {s.code for s in assess(profile.rights, stronger, now=now) if s.in_force}
    assert before <= after


@given(facts=facts_strategy, profile=st.sampled_from(PROFILES), now=moments)
def test_an_unknown_unaccompanied_status_gives_what_unaccompanied_gives(facts, profile, now):
    unknown = Facts(**{**facts.__dict__, "unaccompanied": "unknown"})
    alone = Facts(**{**facts.__dict__, "unaccompanied": "yes"})
    assert [s.status for s in assess(profile.rights, unknown, now=now)] == [
        s.status for s in assess(profile.rights, alone, now=now)
    ]


provisions_strategy = st.builds(
    Provision,
    on=st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 1, 1)),
    declined=st.booleans(),
    records=st.integers(min_value=1, max_value=5),
)


@given(facts=facts_strategy, right=rights_strategy, now=moments, provision=provisions_strategy)
def test_a_provision_record_never_leaves_a_right_overdue(facts, right, now, provision):
    status = assess_right(right, facts, now=now, provision=provision)
    assert not status.overdue
    assert status.met != provision.declined
    assert status.declined == provision.declined


@given(facts=facts_strategy, right=rights_strategy, now=moments, provision=provisions_strategy)
def test_a_provision_record_changes_neither_status_nor_deadline(facts, right, now, provision):
    without = assess_right(right, facts, now=now)
    with_record = assess_right(right, facts, now=now, provision=provision)
    assert (with_record.status, with_record.opened, with_record.deadline) == (
        without.status,
        without.opened,
        without.deadline,
    )


@given(
    records=st.lists(
        st.tuples(
            st.sampled_from(["health_care", "education", "assistance"]),
            st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 1, 1)),
            st.booleans(),
        ),
        max_size=12,
    )
)
def test_the_last_record_of_each_right_is_the_one_in_force(records):
    latest = latest_provisions(records)
    assert set(latest) == {code for code, _on, _declined in records}
    for code, provision in latest.items():
        mine = [(on, declined) for c, on, declined in records if c == code]
        assert (provision.on, provision.declined) == mine[-1]
        assert provision.records == len(mine)
