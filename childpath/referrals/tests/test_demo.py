"""The demo's referrals: several states, an overdue and a declined one, the shelter's inbox."""

from io import StringIO

import pytest
from django.core.management import call_command

from childpath.accounts.models import User
from childpath.referrals import selectors
from childpath.referrals.models import Notification, Referral


@pytest.fixture
def demo(db):
    call_command("load_demo", stdout=StringIO())


def test_it_sends_referrals_in_several_states(demo):
    statuses = set(Referral.objects.values_list("status", flat=True))
    assert {"sent", "active", "declined"} <= statuses
    assert Referral.objects.exclude(overdue_deadline="").exists()


def test_it_gives_the_lighthouse_shelter_an_incoming_referral(demo):
    nora = User.objects.get(username="shelter.nora")
    assert selectors.incoming(nora).filter(status="sent").exists()


def test_it_fills_the_coordinators_pathway_list(demo):
    lena = User.objects.get(username="coordinator.lena")
    assert selectors.without_pathway(lena).exists()


def test_it_duplicates_nothing_when_loaded_again(demo):
    before = (Referral.objects.count(), Notification.objects.count())
    call_command("load_demo", stdout=StringIO())
    assert (Referral.objects.count(), Notification.objects.count()) == before
