"""Children's feedback (the help app's "help.feedback" entry of the statistics slot) on the
statistics pages: answers by kind of meeting, groups under ten left out, the rest protected
as the other figures are."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from django.test import Client

from childpath.accounts.models import Organisation, User
from childpath.help.models import FeedbackAnswer
from childpath.stats import feedback, selectors
from childpath.stats.periods import quarter, year

pytestmark = pytest.mark.django_db
EXACT = selectors.Protection(threshold=10)


def answers(org: Organisation, kind: str, month: date, n: int, safe_yes: int) -> None:
    FeedbackAnswer.objects.bulk_create(
        FeedbackAnswer(
            organisation=org,
            kind=kind,
            month=month,
            language="sv",
            safe=3 if i < safe_yes else 1,
            listened=3,
        )
        for i in range(n)
    )


@pytest.fixture
def answered(orgs: dict[str, Organisation]) -> None:
    answers(orgs["social"], "first_meeting", date(2025, 3, 1), 30, safe_yes=18)
    answers(orgs["social"], "health", date(2025, 3, 1), 4, safe_yes=4)  # left out: under 10
    answers(orgs["barnahus"], "interview", date(2025, 3, 1), 12, safe_yes=6)


def test_it_counts_answers_by_kind_and_leaves_small_groups_out(answered: None) -> None:
    result = feedback.feedback(year(2025), protection=EXACT)
    assert result is not None
    rows = {row.kind: row for row in result.rows}
    # The help app left out the 4 health answers; every other kind had none: suppressed.
    assert {k for k, row in rows.items() if row.answers is not None} == {
        "first_meeting",
        "interview",
    }
    assert rows["first_meeting"].answers == 30 and rows["interview"].answers == 12
    safe = list(feedback.QUESTIONS).index("safe")
    # 18 of 30 said yes: 60%; 6 of 12 is 6 and 6, both small, so suppressed (not 50%).
    assert rows["first_meeting"].shares[safe] == 60.0
    assert rows["interview"].shares[safe] is None
    # Everyone said yes to "listened": 100% would tell that no child said otherwise, so it is
    # suppressed, as the barrier shares are (zero is under the threshold too).
    assert rows["first_meeting"].shares[list(feedback.QUESTIONS).index("listened")] is None
    assert result.total == 42


def test_it_counts_month_by_month_so_a_small_month_stays_out(orgs: dict[str, Organisation]) -> None:
    # 6 answers in January and 6 in February: 12 in the quarter, but no month had ten.
    answers(orgs["social"], "first_meeting", date(2025, 1, 1), 6, safe_yes=6)
    answers(orgs["social"], "first_meeting", date(2025, 2, 1), 6, safe_yes=6)
    result = feedback.feedback(quarter(2025, 1), protection=EXACT)
    assert result is not None and all(row.answers is None for row in result.rows)
    assert result.total is None


def test_a_coordinator_sees_the_feedback_of_their_own_organisation(
    answered: None, login: Callable[[User], Client], coordinator: User
) -> None:
    response = login(coordinator).get("/statistics/indicators/?year=2025")
    assert response.status_code == 200
    # Their organisation is the social services office: not the Barnahus's interviews.
    rows = {row.kind: row.answers for row in response.context["feedback"].rows}
    assert rows["first_meeting"] == 30 and rows["interview"] is None
    assert response.context["feedback"].total == 30


def test_the_indicators_page_and_api_show_the_feedback(
    answered: None, login: Callable[[User], Client], analyst: User
) -> None:
    client = login(analyst)
    page = client.get("/statistics/indicators/?year=2025")
    assert b"Children&#x27;s feedback on a first meeting" in page.content
    assert b"An interview (for example at a Barnahus or with the police)" in page.content
    data = client.get("/api/v1/statistics/indicators?year=2025").json()
    kinds = {k["code"]: k["answers"] for k in data["feedback"]["kinds"]}
    assert kinds["first_meeting"] == 30 and kinds["interview"] == 12 and kinds["health"] is None
