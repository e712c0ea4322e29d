"""Every referral page, for who may and who may not (STYLE.md practice 5)."""

import re

import pytest
from django.utils.html import escape

from childpath.cases import services as case_services
from childpath.cases.models import Case
from childpath.referrals import services
from childpath.referrals.models import Notification, Referral


def _new_url(case, place, need=""):
    url = f"/cases/{case.reference}/referrals/new/?service_at_location={place.pk}"
    return url + (f"&need={need}" if need else "")


def _post(**overrides):
    values = {
        "need": "safe_accommodation",
        "reason": "Needs a safe place tonight. (Fictional.)",
        "urgency": "emergency",
        "shared_items": ["needs", "age"],
        "note": "",
    }
    values.update(overrides)
    return values


def _field_error(response, name):
    match = re.search(
        rf'<p class="error" id="id_{name}_error">(.*?)</p>', response.content.decode()
    )
    assert match, f"no error next to {name}"
    return match.group(1)


# The new-referral form


def test_it_shows_the_form_with_the_shared_items_to_choose(
    presumed, shelter_place, caseworker, login
):
    response = login(caseworker).get(_new_url(presumed, shelter_place))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Test Shelter Beds" in html
    assert html.count('name="shared_items"') == 7
    checked = re.findall(
        r'<input type="checkbox" name="shared_items" value="(\w+)"[^>]*checked', html
    )
    assert checked == ["needs"]


def test_it_prefills_the_need_from_the_search(presumed, shelter_place, caseworker, login):
    response = login(caseworker).get(_new_url(presumed, shelter_place, need="safe_accommodation"))
    assert re.search(r'<option value="safe_accommodation" selected>', response.content.decode())


def test_it_sends_a_referral_from_the_form(presumed, shelter_place, caseworker, login):
    response = login(caseworker).post(_new_url(presumed, shelter_place), _post())
    assert response.status_code == 302
    assert response.url == f"/cases/{presumed.reference}/"
    referral = Referral.objects.get()
    assert (referral.shared_items, referral.urgency) == (["needs", "age"], "emergency")


def test_it_shows_a_missing_reason_next_to_the_field(presumed, shelter_place, caseworker, login):
    response = login(caseworker).post(_new_url(presumed, shelter_place), _post(reason=""))
    assert response.status_code == 400
    assert _field_error(response, "reason")
    assert not Referral.objects.exists()


def test_it_explains_a_service_that_receives_no_referrals(
    presumed, unlinked_place, caseworker, login
):
    response = login(caseworker).post(_new_url(presumed, unlinked_place), _post(need=""))
    assert response.status_code == 400
    assert escape("does not receive referrals through Childpath") in response.content.decode()
    assert not Referral.objects.exists()


def test_it_sends_a_user_without_a_service_to_the_directory(presumed, caseworker, login):
    response = login(caseworker).get(f"/cases/{presumed.reference}/referrals/new/?need=legal_aid")
    assert response.status_code == 302
    assert response.url == f"/directory/?need=legal_aid&case={presumed.reference}"


def test_it_answers_404_for_an_unknown_service(presumed, caseworker, login):
    url = f"/cases/{presumed.reference}/referrals/new/?service_at_location=not-a-uuid"
    assert login(caseworker).get(url).status_code == 404


def test_it_refuses_the_form_to_a_read_only_team_member(
    presumed, shelter_place, caseworker, provider, orgs, login
):
    case_services.add_team_member(
        actor=caseworker, case=presumed, organisation=orgs["shelter"], user=provider, access="view"
    )
    assert login(provider).get(_new_url(presumed, shelter_place)).status_code == 403


def test_it_hides_the_form_from_someone_outside_the_team(presumed, shelter_place, outsider, login):
    assert login(outsider).get(_new_url(presumed, shelter_place)).status_code == 404


def test_it_refuses_the_form_to_an_analyst(presumed, shelter_place, analyst, login):
    assert login(analyst).get(_new_url(presumed, shelter_place)).status_code == 403


# The case page section


def test_it_lists_the_referrals_on_the_case_page(referral, presumed, caseworker, login):
    html = login(caseworker).get(f"/cases/{presumed.reference}/").content.decode()
    assert "Test Shelter Beds" in html
    assert "Withdraw" in html
    assert "Accept" not in html


def test_it_flags_an_overdue_referral_on_the_case_page(
    referral, presumed, caseworker, login, time_machine
):
    time_machine.move_to(referral.acknowledge_by, tick=False)
    html = login(caseworker).get(f"/cases/{presumed.reference}/").content.decode()
    assert "Overdue: not acknowledged" in html
    assert "Choose another service" in html


def test_it_asks_for_another_service_after_a_decline(
    referral, presumed, provider, caseworker, login
):
    services.change_status(actor=provider, referral=referral, status="declined", reason="Full.")
    html = login(caseworker).get(f"/cases/{presumed.reference}/").content.decode()
    assert "Choose another service" in html
    assert escape(f"/directory/?need=safe_accommodation&case={presumed.reference}") in html


def test_it_warns_on_the_case_page_that_the_child_has_no_pathway(presumed, caseworker, login):
    html = login(caseworker).get(f"/cases/{presumed.reference}/").content.decode()
    assert "This child has no pathway yet" in html


# The receiver: inbox and referral page


def test_it_lists_an_incoming_referral_for_the_service(referral, provider, login):
    response = login(provider).get("/pathways/incoming/")
    assert response.status_code == 200
    html = response.content.decode()
    assert str(referral.pk) in html
    assert "Acknowledge" in html


def test_it_lists_nothing_incoming_for_another_organisation(referral, outsider, login):
    assert str(referral.pk) not in login(outsider).get("/pathways/incoming/").content.decode()


def test_it_shows_the_receiver_only_what_is_shared_before_accepting(
    referral, provider, presumed, login
):
    html = login(provider).get(f"/pathways/referrals/{referral.pk}/").content.decode()
    assert "Needs a safe place tonight" in html  # the "needs" item
    assert "Call Bob before 18:00" in html  # the note for the service
    assert "Testa" not in html and "Exempel" not in html
    assert presumed.reference not in html
    assert login(provider).get(f"/cases/{presumed.reference}/").status_code == 404


def test_it_shows_the_receiver_the_case_after_accepting(referral, provider, presumed, login):
    client = login(provider)
    response = client.post(f"/pathways/referrals/{referral.pk}/status/", {"status": "accepted"})
    assert response.status_code == 302
    page = client.get(f"/cases/{presumed.reference}/")
    assert page.status_code == 200
    assert "Testa Exempel" in page.content.decode()
    assert "You can read this case but not change it." in page.content.decode()


def test_it_shows_the_receiver_nothing_after_declining(referral, provider, presumed, login):
    client = login(provider)
    response = client.post(
        f"/pathways/referrals/{referral.pk}/status/", {"status": "declined", "reason": "Full."}
    )
    assert response.status_code == 302
    html = client.get(f"/pathways/referrals/{referral.pk}/").content.decode()
    assert "Needs a safe place tonight" not in html
    assert "Call Bob" not in html
    assert "nothing of the case is shared any more" in html
    assert client.get(f"/cases/{presumed.reference}/").status_code == 404


def test_it_asks_for_a_reason_next_to_the_decline(referral, provider, login):
    response = login(provider).post(
        f"/pathways/referrals/{referral.pk}/status/", {"status": "declined", "reason": ""}
    )
    assert response.status_code == 400
    assert 'id="reason-declined-error"' in response.content.decode()
    referral.refresh_from_db()
    assert referral.status == "sent"


def test_it_refuses_the_sender_accepting_through_the_page(referral, caseworker, login):
    response = login(caseworker).post(
        f"/pathways/referrals/{referral.pk}/status/", {"status": "accepted"}
    )
    assert response.status_code == 403


def test_it_refuses_a_read_only_team_member_withdrawing(
    referral, presumed, caseworker, provider, orgs, login, panel
):
    case_services.add_team_member(
        actor=caseworker, case=presumed, organisation=orgs["barnahus"], user=panel, access="view"
    )
    response = login(panel).post(
        f"/pathways/referrals/{referral.pk}/status/", {"status": "withdrawn"}
    )
    assert response.status_code == 403


def test_it_hides_a_referral_from_someone_on_neither_side(referral, outsider, login):
    assert login(outsider).get(f"/pathways/referrals/{referral.pk}/").status_code == 404
    response = login(outsider).post(
        f"/pathways/referrals/{referral.pk}/status/", {"status": "withdrawn"}
    )
    assert response.status_code == 404


def test_it_returns_to_a_safe_page_only(referral, caseworker, login):
    response = login(caseworker).post(
        f"/pathways/referrals/{referral.pk}/status/",
        {"status": "withdrawn", "next": "https://evil.example/"},
    )
    assert response.url == f"/pathways/referrals/{referral.pk}/"


def test_it_shows_the_team_the_full_referral(referral, caseworker, login):
    html = login(caseworker).get(f"/pathways/referrals/{referral.pk}/").content.decode()
    assert "Needs a safe place tonight" in html
    assert referral.case.reference in html


def test_it_shows_the_service_the_lead_professionals_work_contact_when_ticked(
    presumed, send, coordinator, provider, login
):
    coordinator.work_phone = "+46 8 555 010 20"
    coordinator.work_email = "carol.work@example.invalid"
    coordinator.email = "carol@example.invalid"
    coordinator.save()
    referral = send(presumed, shared_items=["needs", "lead_contact"])
    html = login(provider).get(f"/pathways/referrals/{referral.pk}/").content.decode()
    assert "Carol" in html
    assert 'href="mailto:carol.work@example.invalid"' in html
    assert 'href="tel:+46855501020"' in html


def test_it_shows_the_service_no_contact_when_not_ticked(
    presumed, send, coordinator, provider, login
):
    coordinator.work_phone = "+46 8 555 010 20"
    coordinator.save()
    referral = send(presumed, shared_items=["needs"])
    html = login(provider).get(f"/pathways/referrals/{referral.pk}/").content.decode()
    assert "555 010 20" not in html


# Children without a pathway


def test_it_lists_a_presumed_victim_without_a_referral(presumed, coordinator, login):
    response = login(coordinator).get("/pathways/")
    assert response.status_code == 200
    html = response.content.decode()
    assert presumed.reference in html
    assert "No open referral" in html
    assert escape(f"/directory/?case={presumed.reference}") in html


def test_it_leaves_a_child_off_once_a_service_accepted(
    referral, presumed, provider, coordinator, login
):
    services.change_status(actor=provider, referral=referral, status="accepted")
    assert presumed.reference not in login(coordinator).get("/pathways/").content.decode()


def test_it_leaves_off_cases_not_presumed(case, coordinator, login, caseworker):
    case_services.set_coordinator(actor=caseworker, case=case, coordinator=coordinator)
    assert case.reference not in login(coordinator).get("/pathways/").content.decode()


def test_it_leaves_off_cases_the_user_may_not_see(presumed, outsider, login):
    assert presumed.reference not in login(outsider).get("/pathways/").content.decode()


def test_it_refuses_the_pathway_list_to_an_analyst(analyst, login):
    assert login(analyst).get("/pathways/").status_code == 403


def test_it_lists_pathways_in_the_same_queries_for_3_or_12_cases(
    make_case, caseworker, coordinator, login, django_assert_max_num_queries
):
    client = login(coordinator)

    def presumed_cases(n):
        for i in range(n):
            case = make_case(given_names=f"Testa{i}")
            Case.objects.filter(pk=case.pk).update(stage="presumed")

    presumed_cases(3)
    client.get("/pathways/")
    with django_assert_max_num_queries(12) as few:
        client.get("/pathways/")
    presumed_cases(9)
    with django_assert_max_num_queries(12) as many:
        client.get("/pathways/")
    assert len(few) == len(many)


# Home, menu, notifications


def test_it_counts_children_without_a_pathway_on_the_coordinators_home(
    presumed, coordinator, login
):
    html = login(coordinator).get("/").content.decode()
    assert "Children without a pathway" in html
    assert 'href="/pathways/"' in html


def test_it_shows_no_pathway_card_to_a_frontline_worker(presumed, frontline, login):
    assert "Children without a pathway" not in login(frontline).get("/").content.decode()


def test_it_shows_the_service_its_waiting_referrals_at_home(referral, provider, login):
    html = login(provider).get("/").content.decode()
    assert "Referrals waiting for your answer" in html
    assert 'href="/pathways/incoming/"' in html


def test_it_counts_unread_notifications_in_the_menu(referral, provider, coordinator, login):
    services.change_status(actor=provider, referral=referral, status="declined", reason="Full.")
    html = login(coordinator).get("/").content.decode()
    assert "Notifications (1 unread)" in html


def test_it_lists_and_marks_notifications_read(referral, provider, coordinator, login):
    services.change_status(actor=provider, referral=referral, status="declined", reason="Full.")
    client = login(coordinator)
    html = client.get("/pathways/notifications/").content.decode()
    assert "declined the referral" in html
    assert client.post("/pathways/notifications/read/").status_code == 302
    assert not Notification.objects.filter(user=coordinator).unread().exists()


def test_it_shows_a_user_only_their_own_notifications(referral, provider, frontline, login):
    services.change_status(actor=provider, referral=referral, status="declined", reason="Full.")
    assert (
        "declined the referral"
        not in login(frontline).get("/pathways/notifications/").content.decode()
    )


@pytest.mark.parametrize("url", ["/pathways/", "/pathways/incoming/", "/pathways/notifications/"])
def test_it_sends_an_anonymous_visitor_to_sign_in(url, client):
    response = client.get(url)
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")
