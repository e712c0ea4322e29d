"""Who may open the administration pages: the administrator only (the access matrix checks
every route; these check the rule's edges)."""

import pytest
from django.urls import reverse

from childpath.accounts.models import Role, User
from conftest import PASSWORD, verified_client

pytestmark = pytest.mark.django_db


def test_it_shows_the_overview_to_the_administrator(admin_client):
    response = admin_client.get(reverse("administration-home"))
    assert response.status_code == 200
    assert reverse("admin:index") in response.content.decode()  # for emergencies


@pytest.mark.parametrize("persona", ["frontline", "caseworker", "analyst"])
def test_it_refuses_everyone_else(request, persona):
    user = request.getfixturevalue(persona)
    response = verified_client(user).get(reverse("administration-users"))
    assert response.status_code == 403


def test_it_refuses_an_administrator_role_without_staff_status(orgs):
    user = User.objects.create_user(
        username="nostaff", password=PASSWORD, organisation=orgs["system"], role=Role.ADMINISTRATOR
    )
    assert verified_client(user).get(reverse("administration-home")).status_code == 403


def test_it_sends_the_signed_out_to_the_sign_in(client):
    response = client.get(reverse("administration-home"))
    assert response.status_code == 302
    assert "/accounts/login" in response["Location"]


def test_it_puts_administration_in_the_main_menu_of_administrators_only(admin_client, frontline):
    url = reverse("administration-home")
    assert f'href="{url}"' in admin_client.get(reverse("home")).content.decode()
    assert f'href="{url}"' not in verified_client(frontline).get(reverse("home")).content.decode()
