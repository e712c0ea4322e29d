"""No form records a fact nobody entered: a fresh form preselects no answer to a question of
fact, and "Not known" is a choice the professional makes (GOV.UK Design System: no defaults
that record facts)."""

import re

import pytest

from childpath.cases.forms import ChildForm, EncounterForm
from childpath.cases.models import CameToNotice

FACTS = {
    ChildForm: ["sex", "migration_status", "unaccompanied"],
    EncounterForm: ["came_to_notice", "occurred_on"],
}


@pytest.mark.parametrize(("form_class", "name"), [(f, n) for f, ns in FACTS.items() for n in ns])
def test_it_preselects_no_answer_to_a_question_of_fact(form_class, name):
    form = form_class()
    assert form[name].initial in (None, ""), f"{form_class.__name__}.{name} starts answered"
    html = str(form[name])
    assert not re.search(r'<option value="[^"]+" selected', html)


@pytest.mark.parametrize(("form_class", "name"), [(f, n) for f, ns in FACTS.items() for n in ns])
def test_it_asks_for_an_answer_rather_than_assuming_one(form_class, name):
    form = form_class(data={})
    form.is_valid()
    assert name in form.errors


def test_not_known_is_an_answer_to_how_the_child_came_to_notice():
    assert str(CameToNotice.UNKNOWN.label) == "Not known"


def test_the_record_a_concern_page_preselects_nothing(login, frontline):
    html = login(frontline).get("/cases/new/").content.decode()
    for name in ("encounter-came_to_notice", "child-sex", "child-unaccompanied"):
        select = html.split(f'name="{name}"', 1)[1].split("</select>", 1)[0]
        assert re.search(r'<option value="" selected>', select), name
