"""The feedback aggregates other apps (statistics) read."""

from datetime import date

import pytest
from django.utils import timezone

from childpath.help.selectors import feedback_aggregates
from childpath.help.tests.helpers import answers

pytestmark = pytest.mark.django_db


def _this_month() -> tuple[date, date]:
    first = timezone.localdate().replace(day=1)
    return first, first


def test_it_counts_each_answer_per_question(orgs):
    answers(orgs["social"], 10)
    start, end = _this_month()
    (total,) = feedback_aggregates(start=start, end=end)
    assert total.answers == 10
    assert total.questions["safe"] == {3: 10}
    assert total.questions["listened"] == {2: 5, 3: 5}
    assert total.questions["explained"] == {}
    assert total.share("listened", 3) == 50


def test_it_leaves_out_groups_below_the_threshold(orgs):
    answers(orgs["social"], 10)
    answers(orgs["shelter"], 4)
    start, end = _this_month()
    groups = feedback_aggregates(start=start, end=end, by_organisation=True)
    assert [(g.organisation_id, g.answers) for g in groups] == [(orgs["social"].pk, 10)]


def test_it_gives_every_group_when_asked_to_apply_its_own_control(orgs):
    answers(orgs["shelter"], 4)
    start, end = _this_month()
    (group,) = feedback_aggregates(start=start, end=end, by_organisation=True, min_answers=0)
    assert group.answers == 4


def test_it_counts_only_the_period(orgs):
    answers(orgs["social"], 10)
    assert feedback_aggregates(start=date(2000, 1, 1), end=date(2000, 12, 1)) == []


def test_it_gives_statistics_the_aggregates_through_a_slot(orgs):
    from childpath.lib import slots

    answers(orgs["social"], 10)
    start, end = _this_month()
    (entry,) = [e for e in slots.fill("statistics", start, end) if e.name == "help.feedback"]
    (row,) = entry.context["rows"]
    assert row["answers"] == 10
    assert row["questions"]["safe"] == {1: 0, 2: 0, 3: 10}
