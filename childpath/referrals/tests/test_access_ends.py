"""Access that ends with its purpose (DESIGN.md rule 8): the person who accepts a referral
joins the team by that act, and leaves when the referral is completed, declined or withdrawn."""

from childpath.cases.models import Case, CaseMember
from childpath.cases.timeline import entries
from childpath.referrals import services


def _accept(referral, provider):
    services.change_status(actor=provider, referral=referral, status="accepted")
    referral.refresh_from_db()
    return referral


def _sees(user, case) -> bool:
    return Case.objects.visible_to(user).filter(pk=case.pk).exists()


def test_it_says_the_receiver_joined_by_accepting_the_referral(referral, provider, presumed):
    # Finding 7: the timeline said the coordinator added the shelter.
    _accept(referral, provider)
    [joined] = [e for e in presumed.events.all() if e.kind == "team.joined_by_referral"]
    assert joined.actor == provider
    [entry] = entries([joined])
    assert entry.actor == provider.display_name
    assert "by accepting the referral to Test Shelter Beds" in entry.text


def test_it_ends_the_receivers_access_when_the_referral_is_completed(
    referral, provider, presumed, login
):
    # Finding 6: after completion the service still read the child's documents and contacts.
    _accept(referral, provider)
    services.change_status(actor=provider, referral=referral, status="completed")
    assert not _sees(provider, presumed)
    assert login(provider).get(f"/cases/{presumed.reference}/").status_code == 404
    assert login(provider).get(f"/api/v1/cases/{presumed.reference}").status_code == 404


def test_it_keeps_the_receivers_own_summary_of_a_completed_referral(
    referral, provider, presumed, login
):
    _accept(referral, provider)
    services.change_status(actor=provider, referral=referral, status="completed")
    page = login(provider).get(f"/pathways/referrals/{referral.pk}/")
    assert page.status_code == 200
    assert "Needs a safe place tonight" in page.content.decode()
    assert "Testa" not in page.content.decode()


def test_it_ends_the_receivers_access_when_the_sender_withdraws_active_support(
    referral, provider, caseworker, presumed
):
    _accept(referral, provider)
    services.change_status(actor=provider, referral=referral, status="active")
    referral.refresh_from_db()
    services.change_status(actor=caseworker, referral=referral, status="withdrawn")
    referral.refresh_from_db()
    assert referral.status == "withdrawn"
    assert not _sees(provider, presumed)


def test_it_lets_the_sender_withdraw_an_active_referral_through_the_api(
    referral, provider, caseworker, login
):
    _accept(referral, provider)
    services.change_status(actor=provider, referral=referral, status="active")
    response = login(caseworker).post(
        f"/api/v1/referrals/{referral.pk}/status",
        {"status": "withdrawn"},
        content_type="application/json",
    )
    assert response.status_code == 200


def test_it_says_the_receiver_left_when_the_referral_ended(referral, provider, presumed):
    _accept(referral, provider)
    services.change_status(actor=provider, referral=referral, status="completed")
    left = presumed.events.filter(kind="team.left_with_referral").get()
    assert left.data["referral_id"] == str(referral.pk)
    assert not CaseMember.objects.filter(case=presumed, user=provider).exists()
