"""/admin/: the administrator manages organisations and users, never case contents."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.test import Client

from childpath.accounts.models import Organisation, Role, User
from conftest import verified_client

CASE_APPS = {"cases", "audit"}


def _client(user: User) -> Client:
    client = Client()
    verified_client(user, client)
    return client


@pytest.mark.parametrize(
    "url",
    [
        "/admin/",
        "/admin/accounts/organisation/",
        "/admin/accounts/organisation/add/",
        "/admin/accounts/user/",
        "/admin/accounts/user/add/",
    ],
)
def test_it_opens_the_admin_pages_for_the_administrator(administrator, url):
    assert _client(administrator).get(url).status_code == 200


def test_it_lets_the_administrator_add_an_organisation(administrator):
    response = _client(administrator).post(
        "/admin/accounts/organisation/add/",
        {"name": "Fictional Guardian Service", "sector": "guardian", "country": "SE"},
    )
    assert response.status_code == 302
    assert Organisation.objects.filter(name="Fictional Guardian Service").exists()


def test_it_lets_the_administrator_add_a_user(administrator, orgs):
    response = _client(administrator).post(
        "/admin/accounts/user/add/",
        {
            "username": "new.caseworker",
            "email": "new.caseworker@example.org",
            "organisation": str(orgs["social"].pk),
            "role": Role.CASEWORKER,
        },
    )
    assert response.status_code == 302
    user = User.objects.get(username="new.caseworker")
    assert (user.organisation, user.role) == (orgs["social"], Role.CASEWORKER)


def test_it_lists_the_users_for_the_administrator(administrator, caseworker):
    response = _client(administrator).get("/admin/accounts/user/")
    assert b"bob" in response.content


@pytest.mark.parametrize(
    "persona", ["frontline", "caseworker", "coordinator", "provider", "panel", "analyst"]
)
def test_it_sends_other_roles_to_the_admin_login(request, persona):
    user = request.getfixturevalue(persona)
    response = _client(user).get("/admin/accounts/user/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_it_refuses_staff_who_are_not_administrators(caseworker):
    # is_staff alone is not enough: the role decides (accounts/admin.py).
    caseworker.is_staff = True
    caseworker.save()
    client = _client(caseworker)
    assert client.get("/admin/accounts/user/").status_code == 403
    assert client.get("/admin/accounts/organisation/add/").status_code == 403


def test_it_lets_nobody_delete_an_organisation(administrator, orgs):
    url = f"/admin/accounts/organisation/{orgs['school'].pk}/delete/"
    assert _client(administrator).get(url).status_code == 403


def test_it_registers_no_case_or_audit_model():
    registered = {model._meta.app_label for model in admin.site._registry}
    assert not registered & CASE_APPS


@pytest.mark.parametrize(
    "model", list(apps.get_app_config("cases").get_models()), ids=lambda m: m.__name__
)
def test_it_has_no_admin_page_for_case_models(administrator, model):
    url = f"/admin/cases/{model._meta.model_name}/"
    assert _client(administrator).get(url).status_code == 404
