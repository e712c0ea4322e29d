"""The professionals' side: a feedback code from the child's page, and the organisation's
results (persona by persona, with the privacy threshold of ten answers)."""

import pytest
from django.test import Client

from childpath.help.models import FeedbackCode
from childpath.help.tests.helpers import answers

pytestmark = pytest.mark.django_db
RESULTS = "/feedback/"


def test_it_shows_the_results_to_a_coordinator_from_ten_answers(coordinator, login, orgs):
    answers(orgs["social"], 10, text="Fictional wish")
    page = login(coordinator).get(RESULTS).content.decode()
    assert "10 answers" in page
    assert "Did you feel safe with them?" in page
    assert "100 %" in page  # everyone said yes to "safe"


def test_it_shows_nothing_below_ten_answers(coordinator, login, orgs):
    answers(orgs["social"], 9, text="Fictional wish")
    page = login(coordinator).get(RESULTS).content.decode()
    assert "9 answers for" in page and "Results are shown from 10 answers" in page
    assert "Did you feel safe with them?" not in page
    assert "Fictional wish" not in page


def test_it_shows_the_free_texts_to_a_coordinator(coordinator, login, orgs):
    answers(orgs["social"], 10, text="Fictional wish")
    assert "Fictional wish 3" in login(coordinator).get(RESULTS).content.decode()


def test_it_hides_the_free_texts_from_a_caseworker(caseworker, login, orgs):
    answers(orgs["social"], 10, text="Fictional wish")
    page = login(caseworker).get(RESULTS).content.decode()
    assert "10 answers" in page
    assert "Fictional wish" not in page


def test_it_counts_only_the_organisations_own_answers(outsider, login, orgs):
    from childpath.accounts.models import Role

    outsider.role = Role.COORDINATOR
    outsider.save()
    answers(orgs["social"], 12)
    page = login(outsider).get(RESULTS).content.decode()
    assert "0 answers for" in page


def test_it_shows_each_kind_of_meeting_with_ten_answers(coordinator, login, orgs):
    answers(orgs["social"], 10)
    answers(orgs["social"], 10, kind="interview")
    page = login(coordinator).get(RESULTS).content.decode()
    assert "A first meeting with a social worker or counsellor: 10 answers" in page
    assert "(for example at a Barnahus or with the police): 10 answers" in page


def test_it_hides_the_kinds_when_a_small_one_could_be_worked_out(coordinator, login, orgs):
    answers(orgs["social"], 10)
    answers(orgs["social"], 3, kind="interview")
    page = login(coordinator).get(RESULTS).content.decode()
    assert "13 answers" in page
    # 13 minus 10 would give the 3 interviews: neither kind is shown on its own.
    assert "counsellor: 10 answers" not in page and "An interview" not in page


def test_it_offers_only_periods_that_do_not_overlap():
    from datetime import date

    from childpath.help.staff import periods

    found = periods(date(2026, 12, 1))
    assert [p.key for p in found] == ["2026", "2025", "2024", "2023", "2022"]


@pytest.mark.parametrize("persona", ["frontline", "provider", "panel", "analyst", "administrator"])
def test_it_refuses_the_results_to_others(persona, request, login):
    assert login(request.getfixturevalue(persona)).get(RESULTS).status_code == 403


def test_it_sends_a_visitor_to_sign_in_for_the_results(db):
    assert Client().get(RESULTS).status_code == 302


def test_it_shows_the_menu_link_to_coordinators(coordinator, login):
    assert 'href="/feedback/"' in login(coordinator).get("/").content.decode()


def test_it_hides_the_menu_link_from_frontline(frontline, login):
    assert 'href="/feedback/"' not in login(frontline).get("/").content.decode()


def _issue(client, case, **extra):
    data = {"kind": "first_meeting", "next": "child", "lang": "sv", **extra}
    return client.post(f"/cases/{case.reference}/feedback-code/", data)


def test_it_gives_a_code_from_the_childs_page(caseworker, login, case):
    client = login(caseworker)
    response = _issue(client, case)
    assert response.status_code == 302
    assert response.url == f"/cases/{case.reference}/rights/child/?lang=sv"
    page = client.get(response.url).content.decode()
    assert "Berätta hur det gick" in page  # in the child's language
    assert '<svg role="img"' in page  # the QR code
    assert FeedbackCode.objects.get().organisation == caseworker.organisation


def test_it_shows_the_code_on_the_handout_too(caseworker, login, case):
    client = login(caseworker)
    _issue(client, case)
    code = client.session["help_feedback_codes"][case.reference]["code"]
    page = client.get(f"/cases/{case.reference}/rights/handout/?lang=sv").content.decode()
    assert f"{code[:4]}-{code[4:]}" in page


def test_it_does_not_show_the_code_on_another_childs_page(caseworker, login, case, make_case):
    client = login(caseworker)
    _issue(client, case)
    other = make_case(given_names="Annan")
    page = client.get(f"/cases/{other.reference}/rights/child/").content.decode()
    assert "Give a feedback code" in page and '<svg role="img"' not in page


def test_it_refuses_a_code_for_a_case_one_cannot_see(outsider, login, case):
    assert _issue(login(outsider), case).status_code == 404
    assert not FeedbackCode.objects.exists()


def test_it_refuses_a_code_to_an_analyst(analyst, login, case):
    assert _issue(login(analyst), case).status_code == 403


def test_it_sends_a_visitor_to_sign_in_before_giving_a_code(case):
    assert _issue(Client(), case).status_code == 302
    assert not FeedbackCode.objects.exists()


def test_it_refuses_to_give_a_code_by_get(caseworker, login, case):
    assert login(caseworker).get(f"/cases/{case.reference}/feedback-code/").status_code == 405


def test_it_offers_no_form_on_the_handout(caseworker, login, case):
    page = login(caseworker).get(f"/cases/{case.reference}/rights/handout/").content.decode()
    assert "feedback-code" not in page


def test_it_costs_the_same_queries_with_more_answers(coordinator, login, orgs):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = login(coordinator)
    answers(orgs["social"], 10, text="Fictional")
    client.get(RESULTS)  # warm the session (renewed at most once a minute) and the caches
    with CaptureQueriesContext(connection) as few:
        client.get(RESULTS)
    answers(orgs["social"], 20, text="Fictional", kind="interview")
    with CaptureQueriesContext(connection) as many:
        client.get(RESULTS)
    assert len(many) == len(few) <= 30


def test_it_hides_the_shares_of_a_question_too_few_answered(coordinator, login, orgs):
    answers(orgs["social"], 10)  # nobody answered "explained"
    page = login(coordinator).get(RESULTS).content.decode()
    assert "Fewer than 10 answered this question" in page


def test_it_audits_reading_the_free_texts(coordinator, login, orgs):
    from childpath.audit.models import AuditEvent

    answers(orgs["social"], 10, text="Fictional wish")
    login(coordinator).get(RESULTS)
    event = AuditEvent.objects.get(action="help.feedback.read")
    assert event.actor == coordinator and event.case_reference == ""
